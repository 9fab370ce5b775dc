"""The DuckDB store: one file, its schema made and changed only by the ordered migrations in
migrations/, read and written through one repository per kind of thing kept."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import AbstractContextManager
from datetime import date
from pathlib import Path
from typing import Self

import duckdb

from ..errors import DatabaseMissing
from ..model import (
    AnnotatedArticle,
    Article,
    DuplicateLink,
    Event,
    Incident,
    IngestFailure,
    Place,
)
from ..query import Listing, Query
from .annotations import DuckDBAnnotations
from .articles import DuckDBArticles
from .base import Batch, StoredParse
from .database import Database, migrations
from .extractions import DuckDBClaims, DuckDBEvents, DuckDBRelations
from .gazetteer import DuckDBGazetteer
from .incidents import DuckDBIncidents
from .parses import DuckDBParses
from .runs import DuckDBRuns


class DuckDBStore:
    """A sitroom database in a DuckDB file. Opened for writing, it is migrated first; opened read-only,
    it never is (MigrationNeeded says to run `sitroom migrate`)."""

    def __init__(self, path: str | Path, *, read_only: bool = False):
        self.path = str(path)
        if read_only and not Path(self.path).exists():
            raise DatabaseMissing(self.path)
        self._db = Database(self.path, read_only=read_only)
        try:
            if read_only:
                self._db.check_readable()
            else:
                self._db.migrate()
        except BaseException:
            self._db.close()
            raise
        self.articles = DuckDBArticles(self._db)
        self.parses = DuckDBParses(self._db)
        self.annotations = DuckDBAnnotations(self._db)
        self.events = DuckDBEvents(self._db)
        self.claims = DuckDBClaims(self._db)
        self.relations = DuckDBRelations(self._db)
        self.incidents = DuckDBIncidents(self._db)
        self.gazetteer = DuckDBGazetteer(self._db)
        self.runs = DuckDBRuns(self._db)

    @property
    def db(self) -> duckdb.DuckDBPyConnection:
        """The DuckDB connection itself (for tests and tools; everything else goes through the repositories)."""
        return self._db.con

    def _transaction(self) -> AbstractContextManager[None]:
        return self._db.transaction()

    # --- writes across repositories -------------------------------------------------------------
    def write_batch(self, run_id: int, batch: Batch) -> None:
        """Write everything in `batch` in one transaction: all of it is stored, or none."""
        with self._transaction():
            self.articles.add(batch.articles, run_id)
            self.articles.add_duplicates(batch.duplicates, run_id)
            self.runs.add_failures(batch.failures, run_id)
            self._write_annotated(batch.annotations, batch.parses)

    def write_annotations(
        self, annotations: list[AnnotatedArticle], failures: list[IngestFailure], parses: list[StoredParse] = ()
    ) -> None:
        """Replace these articles' annotations (with their events, claims and relations) and parses, and
        record failures, in one transaction."""
        with self._transaction():
            self._write_annotated(annotations, parses)
            self.runs.add_failures(failures, None)

    def _write_annotated(self, annotations: list[AnnotatedArticle], parses: list[StoredParse]) -> None:
        if annotations:
            ids = [a.article_id for a in annotations]
            self.annotations.write(annotations)
            # an article told again leaves its incidents; the next reconciliation places its new events
            self.incidents.release_articles(ids)
            self.events.replace(ids, [e for a in annotations for e in a.events])
            self.claims.replace(ids, [c for a in annotations for c in a.claims])
            self.relations.replace(ids, [r for a in annotations for r in a.relations])
        if parses:
            self.parses.write(list(parses))

    # --- queries --------------------------------------------------------------------------------
    def query_events(self, q: Query) -> Listing[Event]:
        return self.events.query(q)

    def query_incidents(self, q: Query) -> Listing[Incident]:
        return self.incidents.query(q)

    # --- parses ---------------------------------------------------------------------------------
    def write_parses(self, parses: list[StoredParse]) -> None:
        self.parses.write(parses)

    def parse(self, article_id: str) -> StoredParse | None:
        return self.parses.get(article_id)

    def count_parses(self) -> int:
        return self.parses.count()

    # --- flat methods, delegating to the repositories -------------------------------------------
    def start_run(self, inputs: list[str]) -> int:
        return self.runs.start(inputs)

    def finish_run(self, run_id: int, read: int, stored: int, duplicates: int, failed: int) -> None:
        self.runs.finish(run_id, read, stored, duplicates, failed)

    def failures(self, run_id: int | None = None) -> list[IngestFailure]:
        return self.runs.failures(run_id)

    def known_hashes(self, hashes: list[str]) -> set[str]:
        return self.articles.known_hashes(hashes)

    def near_duplicate_candidates(self, bands: list[tuple[int, int]]) -> list[tuple[str, list[int]]]:
        return self.articles.near_duplicate_candidates(bands)

    def article(self, article_id: str) -> Article:
        return self.articles.get(article_id)

    def count_articles(self) -> int:
        return self.articles.count()

    def publication_dates(self) -> dict[str, date]:
        return self.articles.publication_dates()

    def duplicate_links(self) -> list[DuplicateLink]:
        return self.articles.duplicates()

    def annotation(self, article_id: str) -> AnnotatedArticle | None:
        return self.annotations.get(article_id)

    def unannotated_articles(self, knowledge: str | None = None) -> Iterator[Article]:
        return self.annotations.unannotated(knowledge)

    def incident_members(self) -> dict[str, list[str]]:
        return self.incidents.members()

    def write_incidents(self, incidents: list[Incident], removed: list[str] = ()) -> None:
        self.incidents.write(incidents, removed)

    def split_pairs(self) -> set[frozenset[str]]:
        return self.incidents.split_pairs()

    def add_split_pairs(self, pairs: list[tuple[str, str]]) -> None:
        self.incidents.add_split_pairs(pairs)

    def load_gazetteer_file(self, path: str, kind: str) -> int:
        return self.gazetteer.load_file(path, kind)

    def gazetteer_lookup(self, keys: list[str]) -> dict[str, list[Place]]:
        return self.gazetteer.lookup(keys)

    def gazetteer_names_in_country(self, country: str) -> dict[str, list[Place]]:
        return self.gazetteer.names_in_country(country)

    def gazetteer_countries(self) -> list[str]:
        return self.gazetteer.countries()

    def gazetteer_digest(self) -> str:
        return self.gazetteer.digest()

    # --- the database ---------------------------------------------------------------------------
    def migrate(self) -> list[str]:
        """Apply the migrations this database lacks; returns their names."""
        return self._db.migrate()

    def applied_migrations(self) -> list[tuple[int, str]]:
        return self._db.applied()

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


__all__ = ["DuckDBStore", "migrations"]
