"""The schema's migrations, applied in order by `sitroom.store.database`: NNNN_name.sql, or NNNN_name.py
with `migrate(con)` for a data migration."""
