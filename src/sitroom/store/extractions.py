"""What extraction finds in an article: events, claims and relations, one row each, replaced together
with the article's annotation. Flat columns are what filters read; `record` holds the whole record."""

from __future__ import annotations

from ..model import Claim, Event, Relation
from ..query import Listing, Query
from . import records
from .querying import EVENTS, listing
from .repository import Repository, page


def actor_keys(actors) -> str:
    """Every actor's id, name and ACLED name, lower case, ' | ' between: what Query.actors searches."""
    return " | ".join(f"{a.id} {a.name} {a.acled_name or ''}".lower() for a in actors)


def _int32(n: int) -> int | None:
    """The column is a 32-bit filter column; the record keeps any number."""
    return n if -(2**31) <= n < 2**31 else None


def event_row(e: Event) -> tuple:
    where = e.location
    return (
        e.id, e.article_id, e.event_class, e.event_type, e.sub_event_type, e.actor1.id if e.actor1 else None,
        e.actor2.id if e.actor2 else None, actor_keys(a for a in (e.actor1, e.actor2, *e.assoc_actors) if a is not None),
        where.country if where else None, e.date.start if e.date else None, e.date.end if e.date else None,
        _int32(e.fatalities.acled) if e.fatalities else None, e.modality, e.confidence, e.model_dump_json(), records.version(Event),
        where.name if where else None, where.admin1 if where else None, e.evidence.text,
    )


_EVENT_COLUMNS = (
    "id, article_id, event_class, event_type, sub_event_type, actor1_id, actor2_id, actors, country, date_start, date_end,"
    " fatalities, modality, confidence, record, record_version, place, admin1, sentence"
)


class DuckDBEvents(Repository):
    def __call__(self, query: Query | None = None) -> list[Event]:
        """Every event `query` selects (default: all), by date (undated last): `store.events()`."""
        return self.query(query or Query()).items

    def replace(self, article_ids: list[str], events: list[Event]) -> None:
        """These articles' events become `events` (inside the caller's transaction)."""
        if article_ids:
            self._db.execute("DELETE FROM events WHERE list_contains(?, article_id)", [list(article_ids)])
        self._db.executemany(f"INSERT INTO events ({_EVENT_COLUMNS}) VALUES ({', '.join('?' * 19)})", [event_row(e) for e in events])

    def list(self, *, limit: int | None = None, offset: int = 0) -> list[Event]:
        """A page of the stored events, by date (undated last)."""
        return self.query(Query(limit=limit, offset=offset)).items

    def query(self, q: Query) -> Listing[Event]:
        """The events `q` selects (its countries already codes), a page of them, and how many in all."""
        return listing(self._db, EVENTS, q, lambda text, version: records.load(Event, text, version))

    def get(self, event_id: str) -> Event | None:
        row = self._db.one("SELECT record, record_version FROM events WHERE id = ?", [event_id])
        return records.load(Event, *row) if row else None

    def count(self) -> int:
        return self._db.value("SELECT count(*) FROM events")


class _ArticleRecords(Repository):
    """Claims or relations: a table of one record type, read and replaced by article."""

    table: str
    record: type
    columns: tuple[str, ...]

    def row(self, record) -> tuple:
        """The flat columns of `record`, in `columns` order, before `record` and `record_version`."""
        raise NotImplementedError

    def __call__(self, article_id: str | None = None) -> list:
        """`list`, as `store.claims(article_id)`."""
        return self.list(article_id)

    def replace(self, article_ids: list[str], found: list) -> None:
        if article_ids:
            self._db.execute(f"DELETE FROM {self.table} WHERE list_contains(?, article_id)", [list(article_ids)])
        version = records.version(self.record)
        names = (*self.columns, "record", "record_version")
        self._db.executemany(
            f"INSERT INTO {self.table} ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})",
            [(*self.row(r), r.model_dump_json(), version) for r in found],
        )

    def list(self, article_id: str | None = None, *, limit: int | None = None, offset: int = 0) -> list:
        sql, params = f"SELECT record, record_version FROM {self.table}", []
        if article_id:
            sql, params = sql + " WHERE article_id = ?", [article_id]
        return [records.load(self.record, *row) for row in self._db.rows(page(sql + " ORDER BY article_id, id", limit, offset), params)]

    def count(self) -> int:
        return self._db.value(f"SELECT count(*) FROM {self.table}")


class DuckDBClaims(_ArticleRecords):
    table, record, columns = "claims", Claim, ("id", "article_id", "kind", "subject_id", "modality")

    def row(self, c: Claim) -> tuple:
        return (c.id, c.article_id, c.kind, c.subject.id if c.subject else None, c.modality)


class DuckDBRelations(_ArticleRecords):
    table, record, columns = "relations", Relation, ("id", "article_id", "type", "source_id", "target_id", "modality")

    def row(self, r: Relation) -> tuple:
        return (r.id, r.article_id, r.type, r.source.id, r.target.id, r.modality)
