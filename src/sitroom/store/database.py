"""One DuckDB connection, the one transaction helper, and the schema's migrations.

Migrations are the files in `migrations/`, applied in order, each in its own transaction, and recorded in
`schema_migrations`: `NNNN_name.sql` (statements) or `NNNN_name.py` (a data migration: a module with
`migrate(con)`, for when a stored JSON shape changes in a way `records.UPGRADES` cannot mend on reading).
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import Any

import duckdb

from ..errors import DatabaseMissing, MigrationNeeded, NewerDatabase, StoreError

_MIGRATION_NAME = re.compile(r"^(\d{4})_(\w+)\.(sql|py)$")

Migration = tuple[int, str, "str | Callable[[duckdb.DuckDBPyConnection], None]"]


def now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def migrations() -> list[Migration]:
    """(version, name, what) of every migration shipped, in order; `what` is SQL text or a function of the connection."""
    found = []
    for entry in resources.files("sitroom.store").joinpath("migrations").iterdir():
        match = _MIGRATION_NAME.match(entry.name)
        if not match:
            continue
        if match[3] == "sql":
            found.append((int(match[1]), match[2], entry.read_text(encoding="utf-8")))
        else:
            module = importlib.import_module(f"sitroom.store.migrations.{entry.name[:-3]}")
            found.append((int(match[1]), match[2], module.migrate))
    found.sort(key=lambda m: m[0])
    return found


class Database:
    """A DuckDB connection shared by the repositories, with the one way to write in a transaction."""

    def __init__(self, path: str, *, read_only: bool):
        self.path = path
        self.read_only = read_only
        try:
            self.con = duckdb.connect(path, read_only=read_only)
        except duckdb.Error as exc:
            first = str(exc).splitlines()[0]
            raise StoreError(code="E105", path=path, reason=first) from None
        self._depth = 0

    # --- statements ---------------------------------------------------------------------------
    def execute(self, sql: str, params: list | tuple = ()) -> duckdb.DuckDBPyConnection:
        return self.con.execute(sql, list(params))

    def executemany(self, sql: str, rows: list[tuple]) -> None:
        if rows:
            self.con.executemany(sql, rows)

    def rows(self, sql: str, params: list | tuple = ()) -> list[tuple]:
        return self.con.execute(sql, list(params)).fetchall()

    def one(self, sql: str, params: list | tuple = ()) -> tuple | None:
        return self.con.execute(sql, list(params)).fetchone()

    def value(self, sql: str, params: list | tuple = ()) -> Any:
        row = self.one(sql, params)
        return row[0] if row else None

    def stream(self, sql: str, params: list | tuple = (), size: int = 256) -> Iterator[tuple]:
        """Rows a few at a time, on a cursor of their own (the connection stays free for other statements)."""
        cursor = self.con.cursor()
        try:
            cursor.execute(sql, list(params))
            while rows := cursor.fetchmany(size):
                yield from rows
        finally:
            cursor.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Everything inside is written, or nothing. Nested, it joins the outer transaction."""
        if self._depth:
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
            return
        self.con.execute("BEGIN TRANSACTION")
        self._depth = 1
        try:
            yield
            self.con.execute("COMMIT")
        except BaseException:
            try:
                self.con.execute("ROLLBACK")
            except duckdb.Error:  # a failed COMMIT has ended the transaction already
                pass
            raise
        finally:
            self._depth = 0

    def close(self) -> None:
        self.con.close()

    # --- schema -------------------------------------------------------------------------------
    def has_table(self, name: str) -> bool:
        return bool(self.value("SELECT count(*) FROM information_schema.tables WHERE table_name = ?", [name]))

    def applied(self) -> list[tuple[int, str]]:
        return self.rows("SELECT version, name FROM schema_migrations ORDER BY version")

    def pending(self) -> list[Migration]:
        done = {version for version, _ in self.applied()}
        return [m for m in migrations() if m[0] not in done]

    def check_version(self) -> None:
        """Refuse a database a newer sitroom has migrated further than this one knows."""
        known = {version for version, _, _ in migrations()}
        unknown = [f"{v:04d}_{n}" for v, n in self.applied() if v not in known]
        if unknown:
            raise NewerDatabase(code="E110", path=self.path, reason=f"migrations {', '.join(unknown)}")

    def check_readable(self) -> None:
        """For a read-only open: a sitroom database with its schema up to date."""
        if not self.has_table("schema_migrations"):
            raise StoreError(code="E112", path=self.path)
        self.check_version()
        if self.pending():
            raise MigrationNeeded(self.path)

    def migrate(self) -> list[str]:
        """Apply the migrations this database lacks, each in its own transaction, then bring stored
        records to their current version. Returns the migrations' names."""
        if not self.has_table("schema_migrations"):
            if self.value("SELECT count(*) FROM information_schema.tables"):
                raise StoreError(code="E113", path=self.path)
            self.execute(
                "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, applied_at TIMESTAMP NOT NULL)"
            )
        self.check_version()
        applied = []
        for version, name, what in self.pending():
            with self.transaction():
                if isinstance(what, str):
                    self.con.execute(what)
                else:
                    what(self.con)
                self.execute("INSERT INTO schema_migrations VALUES (?, ?, ?)", [version, name, now()])
            applied.append(name)
        from .records import upgrade_stored

        upgrade_stored(self)
        return applied


def migrate(path: str | Path) -> list[str]:
    """Bring the sitroom database at `path` up to this sitroom's schema; returns the migrations applied
    (an empty list when it is up to date). What `sitroom migrate` runs."""
    path = str(path)
    if not Path(path).exists():
        raise DatabaseMissing(path)
    db = Database(path, read_only=False)
    try:
        return db.migrate()
    finally:
        db.close()
