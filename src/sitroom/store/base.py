"""The store interface the pipeline writes to and the commands read from.

DuckDB implements it today (`sitroom.store.duckdb_store`); a PostgreSQL backend implements the same
methods. Nothing outside `sitroom.store` knows which one it talks to.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Protocol

from ..model import (
    AnnotatedArticle,
    Article,
    Claim,
    DuplicateLink,
    Event,
    Incident,
    IngestFailure,
    Place,
    Relation,
)


@dataclass(frozen=True)
class StoredArticle:
    """An article with what the store keeps beside it for deduplication."""

    article: Article
    minhash: list[int]


@dataclass(frozen=True)
class Batch:
    """What one transaction writes."""

    articles: list[StoredArticle]
    duplicates: list[DuplicateLink]
    failures: list[IngestFailure]
    annotations: list[AnnotatedArticle] = field(default_factory=list)


@dataclass(frozen=True)
class EventFilter:
    """Which stored events to read; every field left empty matches everything."""

    country: str | None = None
    """ISO2 code or place name."""
    actor: str | None = None
    """Part of an actor's id, name or ACLED name, any case."""
    type: str | None = None
    """An event class, ACLED event type or sub-event type."""
    since: date | None = None
    until: date | None = None
    modalities: tuple[str, ...] = ()
    article_id: str | None = None


@dataclass(frozen=True)
class RunSummary:
    id: int
    started_at: str
    finished_at: str | None
    read: int
    stored: int
    duplicates: int
    failed: int


class Store(Protocol):
    def start_run(self, inputs: list[str]) -> int: ...

    def finish_run(self, run_id: int, read: int, stored: int, duplicates: int, failed: int) -> None: ...

    def write_batch(self, run_id: int, batch: Batch) -> None:
        """Write everything in `batch` in one transaction: all of it is stored, or none."""
        ...

    def known_hashes(self, hashes: list[str]) -> set[str]:
        """Which of these content hashes are stored already, as articles or as duplicate links."""
        ...

    def near_duplicate_candidates(self, bands: list[tuple[int, int]]) -> list[tuple[str, list[int]]]:
        """(article id, minhash) of stored articles sharing an LSH bucket with `bands`."""
        ...

    def articles(self, *, language: str | None = None, limit: int | None = None) -> Iterator[Article]: ...

    def article(self, article_id: str) -> Article: ...

    def count_articles(self) -> int: ...

    def publication_dates(self) -> dict[str, date]:
        """Article id -> the date it was published (or, when it states none, the earliest it can have been)."""
        ...

    def duplicate_links(self) -> list[DuplicateLink]: ...

    def failures(self, run_id: int | None = None) -> list[IngestFailure]: ...

    def runs(self) -> list[RunSummary]: ...

    def write_annotations(self, annotations: list[AnnotatedArticle], failures: list[IngestFailure]) -> None:
        """Replace these articles' annotations, and record failures, in one transaction."""
        ...

    def annotation(self, article_id: str) -> AnnotatedArticle | None: ...

    def events(self, where: EventFilter | None = None) -> list[Event]:
        """Stored events matching `where`, by date (undated last)."""
        ...

    def claims(self, article_id: str | None = None) -> list[Claim]: ...

    def relations(self, article_id: str | None = None) -> list[Relation]: ...

    def incident_members(self) -> dict[str, list[str]]:
        """Incident id -> the ids of its events."""
        ...

    def incidents(self) -> list[Incident]: ...

    def write_incidents(self, incidents: list[Incident], removed: list[str] = ()) -> None: ...

    def split_pairs(self) -> set[frozenset[str]]:
        """Pairs of event ids a user split apart."""
        ...

    def add_split_pairs(self, pairs: list[tuple[str, str]]) -> None: ...

    def annotations(self) -> Iterator[AnnotatedArticle]: ...

    def unannotated_articles(self, knowledge: str | None = None) -> Iterator[Article]:
        """English articles with no annotation (or, given a knowledge hash, annotated with other knowledge)."""
        ...

    def load_gazetteer_file(self, path: str, kind: str) -> int:
        """Load a GeoNames file ('places', 'alternate_names' or 'admin1') in one transaction; returns the rows added."""
        ...

    def gazetteer_lookup(self, keys: list[str]) -> dict[str, list[Place]]: ...

    def gazetteer_names_in_country(self, country: str) -> dict[str, list[Place]]: ...

    def gazetteer_countries(self) -> list[str]:
        """Countries of the GeoNames places loaded (the regions the user works on)."""
        ...

    def gazetteer_digest(self) -> str:
        """Changes whenever a gazetteer file is loaded; '' when none is."""
        ...

    def applied_migrations(self) -> list[tuple[int, str]]: ...

    def close(self) -> None: ...
