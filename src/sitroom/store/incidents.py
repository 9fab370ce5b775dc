"""Incidents (events from different articles that are one happening), their members, and the pairs of
events a user split apart, which clustering must never put together again."""

from __future__ import annotations

from ..model import Incident
from ..query import Listing, Query
from . import records
from .database import now
from .extractions import actor_keys
from .querying import INCIDENTS, listing
from .repository import Repository, page

_COLUMNS = (
    "id, record, updated_at, record_version, event_class, event_type, sub_event_type, date_start, date_end, country, place,"
    " admin1, actors, n_reports, modalities, article_ids, text"
)


def incident_row(x: Incident, stamp) -> tuple:
    where = x.location
    return (
        x.id, x.model_dump_json(), stamp, records.version(Incident), x.event_class, x.event_type, x.sub_event_type,
        x.date.start if x.date else None, x.date.end if x.date else None, where.country if where else None,
        where.name if where else None, where.admin1 if where else None, actor_keys(x.actors), len(x.article_ids),
        [r.modality for r in x.reports], list(x.article_ids), "\n".join(r.sentence for r in x.reports),
    )


class DuckDBIncidents(Repository):
    def __call__(self) -> list[Incident]:
        """`list`, as `store.incidents()`."""
        return self.list()

    def list(self, *, limit: int | None = None, offset: int = 0) -> list[Incident]:
        """Every incident by date (undated last), then id."""
        rows = self._db.rows(page("SELECT record, record_version FROM incidents ORDER BY date_start NULLS LAST, id", limit, offset))
        return [records.load(Incident, *row) for row in rows]

    def query(self, q: Query) -> Listing[Incident]:
        """The incidents `q` selects (its countries already codes), a page of them, and how many in all."""
        return listing(self._db, INCIDENTS, q, lambda text, version: records.load(Incident, text, version))

    def get(self, incident_id: str) -> Incident | None:
        row = self._db.one("SELECT record, record_version FROM incidents WHERE id = ?", [incident_id])
        return records.load(Incident, *row) if row else None

    def count(self) -> int:
        return self._db.value("SELECT count(*) FROM incidents")

    def members(self) -> dict[str, list[str]]:
        """Incident id -> the ids of its events."""
        members: dict[str, list[str]] = {}
        for incident_id, event_id in self._db.rows("SELECT incident_id, event_id FROM incident_events ORDER BY incident_id, event_id"):
            members.setdefault(incident_id, []).append(event_id)
        return members

    def write(self, incidents: list[Incident], removed: list[str] = ()) -> None:
        """Replace these incidents and their members, and drop the `removed` ones, in one transaction."""
        ids = [*removed, *(x.id for x in incidents)]
        stamp = now()
        with self._db.transaction():
            if ids:
                self._db.execute("DELETE FROM incidents WHERE list_contains(?, id)", [ids])
                self._db.execute("DELETE FROM incident_events WHERE list_contains(?, incident_id)", [ids])
            self._db.executemany(
                f"INSERT INTO incidents ({_COLUMNS}) VALUES ({', '.join('?' * 17)})", [incident_row(x, stamp) for x in incidents]
            )
            self._db.executemany("INSERT OR REPLACE INTO incident_events VALUES (?, ?)", [(e, x.id) for x in incidents for e in x.event_ids])

    def release_articles(self, article_ids: list[str]) -> None:
        """These articles' events leave their incidents (the next reconciliation places their new events)."""
        if article_ids:
            self._db.execute(
                "DELETE FROM incident_events WHERE event_id IN (SELECT id FROM events WHERE list_contains(?, article_id))", [list(article_ids)]
            )

    def split_pairs(self) -> set[frozenset[str]]:
        """Pairs of event ids a user split apart."""
        return {frozenset(row) for row in self._db.rows("SELECT event_a, event_b FROM incident_splits")}

    def add_split_pairs(self, pairs: list[tuple[str, str]]) -> None:
        self._db.executemany("INSERT INTO incident_splits VALUES (?, ?)", list(pairs))
