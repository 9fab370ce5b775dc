"""Ingest runs and the pages that failed in them."""

from __future__ import annotations

import json

from ..model import IngestFailure
from .base import RunSummary
from .database import now
from .repository import Repository, page


class DuckDBRuns(Repository):
    def __call__(self) -> list[RunSummary]:
        """`list`, as `store.runs()`."""
        return self.list()

    def start(self, inputs: list[str]) -> int:
        run_id = self._db.value("SELECT nextval('ingest_run_ids')")
        self._db.execute("INSERT INTO ingest_runs (id, started_at, inputs) VALUES (?, ?, ?)", [run_id, now(), json.dumps(inputs)])
        return int(run_id)

    def finish(self, run_id: int, read: int, stored: int, duplicates: int, failed: int) -> None:
        self._db.execute(
            "UPDATE ingest_runs SET finished_at = ?, read = ?, stored = ?, duplicates = ?, failed = ? WHERE id = ?",
            [now(), read, stored, duplicates, failed, run_id],
        )

    def list(self, *, limit: int | None = None, offset: int = 0) -> list[RunSummary]:
        rows = self._db.rows(page("SELECT id, started_at, finished_at, read, stored, duplicates, failed FROM ingest_runs ORDER BY id", limit, offset))
        return [RunSummary(r[0], str(r[1]), str(r[2]) if r[2] else None, r[3], r[4], r[5], r[6]) for r in rows]

    def add_failures(self, failures: list[IngestFailure], run_id: int | None) -> None:
        stamp = now()
        self._db.executemany("INSERT INTO ingest_errors VALUES (?, ?, ?, ?, ?)", [(run_id, f.source, f.kind, f.error, stamp) for f in failures])

    def failures(self, run_id: int | None = None, *, limit: int | None = None, offset: int = 0) -> list[IngestFailure]:
        sql, params = "SELECT source, kind, error FROM ingest_errors", []
        if run_id is not None:
            sql += " WHERE run_id = ?"
            params.append(run_id)
        rows = self._db.rows(page(sql + " ORDER BY failed_at, source", limit, offset), params)
        return [IngestFailure(source=r[0], kind=r[1], error=r[2]) for r in rows]
