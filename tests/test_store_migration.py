"""A database made by an older sitroom (tests/data/store-v4.duckdb, made by tests/data/make_store_fixture.py
with the code of a70cd86) is refused by a read-only open, migrated by `migrate`, and then reads back what
that sitroom stored (tests/data/store-v4.expected.json)."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import duckdb
import pytest

from sitroom.errors import DatabaseMissing, StoreError
from sitroom.model import Event
from sitroom.query import Query
from sitroom.store import (
    MigrationNeeded,
    NewerDatabase,
    database,
    migrate,
    open_store,
    records,
)

DATA = Path(__file__).parent / "data"
FIXTURE = DATA / "store-v4.duckdb"
EXPECTED = json.loads((DATA / "store-v4.expected.json").read_text(encoding="utf-8"))
NEW_MIGRATIONS = ["record_versions", "parses", "query_columns"]


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def old_db(tmp_path) -> Path:
    """A copy of the fixture: the checked-in file is never opened."""
    copy = tmp_path / "old.duckdb"
    shutil.copyfile(FIXTURE, copy)
    return copy


@pytest.fixture
def migrated(old_db) -> Path:
    assert migrate(old_db) == NEW_MIGRATIONS
    return old_db


def holds(new, old, where: str = "") -> None:
    """`new` (read by this sitroom, as JSON) has every field `old` (read by the older one) had, equal;
    fields added since (with their defaults) may be there too."""
    if isinstance(old, dict):
        assert isinstance(new, dict), where
        for key, value in old.items():
            assert key in new, f"{where}.{key} missing"
            holds(new[key], value, f"{where}.{key}")
    elif isinstance(old, list):
        assert isinstance(new, list) and len(new) == len(old), where
        for n, (a, b) in enumerate(zip(new, old, strict=True)):
            holds(a, b, f"{where}[{n}]")
    else:
        assert new == old, where


def test_a_read_only_open_refuses_the_old_database_and_changes_nothing(old_db):
    before = _sha(old_db)
    with pytest.raises(MigrationNeeded) as raised:
        open_store(old_db, read_only=True)
    assert str(raised.value) == f"{old_db}: this database was made by an older sitroom; run 'sitroom migrate --db {old_db}' first"
    assert isinstance(raised.value, StoreError) and raised.value.path == str(old_db)
    assert _sha(old_db) == before
    assert not old_db.with_name(old_db.name + ".wal").exists()


def test_migrate_applies_the_new_migrations_once(old_db):
    fixture_sha = _sha(FIXTURE)
    assert migrate(old_db) == NEW_MIGRATIONS
    assert migrate(old_db) == []
    with open_store(old_db, read_only=True) as store:
        applied = store.applied_migrations()
    assert [name for _, name in applied][: len(EXPECTED["migrations"])] == [name for _, name in EXPECTED["migrations"]]
    assert [name for _, name in applied][len(EXPECTED["migrations"]) :] == NEW_MIGRATIONS
    assert _sha(FIXTURE) == fixture_sha


def test_migrate_needs_a_database(tmp_path):
    with pytest.raises(StoreError, match="no such database"):
        migrate(tmp_path / "missing.duckdb")
    assert not (tmp_path / "missing.duckdb").exists()


def test_a_writing_open_migrates_too(old_db):
    with open_store(old_db) as store:
        assert [name for _, name in store.applied_migrations()][-3:] == NEW_MIGRATIONS
        assert store.count_articles() == len(EXPECTED["articles"])


def test_everything_stored_by_the_older_sitroom_reads_back(migrated):
    with open_store(migrated, read_only=True) as store:
        read = {
            "articles": [a.model_dump(mode="json") for a in store.articles()],
            "annotations": [a.model_dump(mode="json") for a in store.annotations()],
            "events": [e.model_dump(mode="json") for e in store.events()],
            "claims": [c.model_dump(mode="json") for c in store.claims()],
            "relations": [r.model_dump(mode="json") for r in store.relations()],
            "incidents": [i.model_dump(mode="json") for i in store.incidents()],
            "duplicates": [d.model_dump(mode="json") for d in store.duplicate_links()],
            "failures": [f.model_dump(mode="json") for f in store.failures()],
        }
        members = store.incident_members()
        runs = [{"id": r.id, "read": r.read, "stored": r.stored, "duplicates": r.duplicates, "failed": r.failed} for r in store.runs()]
        one = EXPECTED["articles"][0]
        assert store.article(one["id"][:8]).model_dump(mode="json")["title"] == one["title"]
        assert store.annotation(one["id"]).article_id == one["id"]
        assert store.count_parses() == 0 and list(store.parses()) == []
    for what, rows in read.items():
        assert len(rows) == len(EXPECTED[what]), what
        holds(rows, EXPECTED[what], what)
    assert members == EXPECTED["incident_members"]
    assert runs == EXPECTED["runs"]
    assert {len(EXPECTED[k]) for k in ("articles", "annotations")} == {3}
    assert len(EXPECTED["events"]) > 20 and len(EXPECTED["claims"]) > 20 and EXPECTED["relations"] and len(EXPECTED["incidents"]) > 10
    assert EXPECTED["failures"] and EXPECTED["duplicates"]


def test_old_rows_are_record_version_1_and_their_query_columns_match_what_new_writes_give(migrated):
    columns = {
        "events": "id, actors, country, place, admin1, sentence, date_start, date_end, fatalities, record_version",
        "incidents": "id, event_class, event_type, sub_event_type, date_start, date_end, country, place, admin1, actors, n_reports,"
        " modalities, article_ids, text, record_version",
    }
    with open_store(migrated) as store:
        filled = {t: store.db.execute(f"SELECT {c} FROM {t} ORDER BY id").fetchall() for t, c in columns.items()}
        for table in ("articles", "annotations", "events", "claims", "relations", "incidents"):
            assert store.db.execute(f"SELECT DISTINCT record_version FROM {table}").fetchall() == [(1,)], table
        # write everything again with this sitroom's code: the columns come out the same
        events = store.events()
        with store._transaction():
            store.events.replace(sorted({e.article_id for e in events}), events)
        store.write_incidents(store.incidents())
        written = {t: store.db.execute(f"SELECT {c} FROM {t} ORDER BY id").fetchall() for t, c in columns.items()}
    assert filled == written
    assert any(row[3] for row in filled["events"]) and any(row[9] for row in filled["incidents"])


def test_queries_run_on_the_migrated_database(migrated):
    with open_store(migrated, read_only=True) as store:
        everything = store.query_incidents(Query(min_reports=0))
        assert everything.total == len(EXPECTED["incidents"]) and everything.next_cursor is None
        several = store.query_incidents(Query(min_reports=2))
        assert several.total == sum(len(i["article_ids"]) >= 2 for i in EXPECTED["incidents"]) > 0
        konna = store.query_events(Query(countries=("konna",)))
        assert konna.total == sum((e["location"] or {}).get("name") == "Konna" for e in EXPECTED["events"]) > 0


def test_records_of_an_older_shape_are_upgraded_on_reading_and_by_migrate(migrated, monkeypatch):
    monkeypatch.setitem(records.CURRENT, Event, 2)
    monkeypatch.setitem(records.UPGRADES, (Event, 1), lambda data: {**data, "trigger": data["trigger"].upper()})
    with open_store(migrated, read_only=True) as store:
        triggers = [e.trigger for e in store.events()]
        assert triggers == [e["trigger"].upper() for e in EXPECTED["events"]]
        assert [e.trigger for e in store.query_events(Query()).items] == triggers
    assert migrate(migrated) == []  # no schema migration, but the rows are rewritten in the new shape
    with open_store(migrated, read_only=True) as store:
        assert store.db.execute("SELECT DISTINCT record_version FROM events").fetchall() == [(2,)]
        assert [e.trigger for e in store.events()] == triggers
    monkeypatch.setitem(records.CURRENT, Event, 1)  # an older sitroom reading version-2 rows
    with open_store(migrated, read_only=True) as store, pytest.raises(NewerDatabase, match="newer than this sitroom"):
        store.events()


def test_a_python_data_migration_runs_in_order_and_is_recorded(migrated, monkeypatch):
    shipped = database.migrations()
    seen = []

    def fill(con) -> None:
        seen.append(con.execute("SELECT count(*) FROM incidents").fetchone()[0])
        con.execute("UPDATE incidents SET text = upper(text)")

    monkeypatch.setattr(database, "migrations", lambda: [*shipped, (shipped[-1][0] + 1, "shout", fill)])
    with pytest.raises(MigrationNeeded):
        open_store(migrated, read_only=True)
    assert migrate(migrated) == ["shout"]
    assert seen == [len(EXPECTED["incidents"])]
    with open_store(migrated, read_only=True) as store:
        assert store.applied_migrations()[-1] == (shipped[-1][0] + 1, "shout")
        assert store.query_incidents(Query(text="KONNA", min_reports=0)).total > 0
    monkeypatch.setattr(database, "migrations", lambda: shipped)  # this sitroom without that migration
    with pytest.raises(NewerDatabase, match="newer sitroom"):
        open_store(migrated, read_only=True)


def test_a_failed_migration_leaves_the_database_as_it_was(migrated, monkeypatch):
    shipped = database.migrations()
    broken = (shipped[-1][0] + 1, "broken", "ALTER TABLE events ADD COLUMN extra VARCHAR; SELECT * FROM no_such_table")
    monkeypatch.setattr(database, "migrations", lambda: [*shipped, broken])
    with pytest.raises(Exception, match="no_such_table"):
        migrate(migrated)
    monkeypatch.setattr(database, "migrations", lambda: shipped)
    with open_store(migrated, read_only=True) as store:
        assert [name for _, name in store.applied_migrations()][-1] == NEW_MIGRATIONS[-1]
        assert "extra" not in {row[0] for row in store.db.execute("DESCRIBE events").fetchall()}


def test_a_read_only_open_of_nothing_creates_nothing(tmp_path):
    missing = tmp_path / "missing.duckdb"
    with pytest.raises(DatabaseMissing, match="no such database"):
        open_store(missing, read_only=True)
    assert not missing.exists()


def test_a_read_only_open_of_a_bare_duckdb_file_says_it_is_not_sitroom_s_yet(tmp_path):
    bare = tmp_path / "bare.duckdb"
    duckdb.connect(str(bare)).close()
    with pytest.raises(StoreError, match="not a sitroom database yet") as raised:
        open_store(bare, read_only=True)
    assert raised.value.code == "E112"
