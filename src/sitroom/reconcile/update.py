"""Reconciling the store: new events join incidents, changed incidents are rebuilt, splits are kept.

`update_incidents` is incremental: it reads the incidents' members, places only the events no incident
holds yet (new articles, re-annotated ones), and rewrites only the incidents that changed. `split`
undoes a merge: every report of an incident becomes an incident of its own, and the pairs are recorded
so that later updates never merge them again.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from ..errors import IncidentNotFound
from ..kb.event_classes import EventClasses, load_event_classes
from ..model import Conflict, Event, EventDate
from ..store import Store
from .conflicts import compare
from .incidents import assign, build


@dataclass(frozen=True)
class UpdateReport:
    placed: int
    """Events placed in incidents by this update."""
    changed: int
    """Incidents written (new or changed)."""
    incidents: int
    """Incidents stored after the update."""


REPORT_WEEK = timedelta(days=6)
"""An undated report tells of the week before it was published (ACLED's time precision 2)."""


def _dated_by_report(events: list[Event], published: dict[str, date]) -> list[Event]:
    """Events with no date of their own take the week before their article's publication, as ACLED codes them."""
    dated = []
    for e in events:
        day = published.get(e.article_id)
        if e.date is None and day is not None:
            e = e.model_copy(update={"date": EventDate(start=day - REPORT_WEEK, end=day, precision="week", how="report")})
        dated.append(e)
    return dated


def _happened(store: Store, classes: EventClasses) -> dict[str, Event]:
    """The stored events that happened, by id, undated ones dated by their report; background is left out."""
    happened = [e for e in store.events() if classes.is_news(e)]
    return {e.id: e for e in _dated_by_report(happened, store.publication_dates())}


def update_incidents(store: Store, classes: EventClasses | None = None) -> UpdateReport:
    """Place every stored event that happened and is in no incident yet; rebuild incidents whose members
    changed. `classes`: the event class table (default: the shipped one)."""
    classes = classes if classes is not None else load_event_classes()
    events = _happened(store, classes)
    stored = {i.id: i for i in store.incidents()}
    members = store.incident_members()
    clusters: dict[str, list[Event]] = {}
    changed: dict[str, list[str]] = {}
    removed: list[str] = []
    for incident_id, event_ids in members.items():
        kept = [events[e] for e in event_ids if e in events]
        if not kept:
            removed.append(incident_id)
            continue
        clusters[incident_id] = kept
        record = stored.get(incident_id)
        if record is None or {e.id for e in kept} != set(record.event_ids):
            changed[incident_id] = []  # a member left (its article was annotated again): rebuild it
    removed += [i for i in stored if i not in members]
    placed = {e for ids in members.values() for e in ids}
    new = [e for e in events.values() if e.id not in placed]
    for incident_id, reasons in assign(new, clusters, store.split_pairs(), classes).items():
        changed.setdefault(incident_id, []).extend(reasons)
    rebuilt = []
    for incident_id, reasons in changed.items():
        old = stored.get(incident_id)
        kept_reasons = [r for r in (old.reasons if old else []) if r.split(": ", 1)[0] in {e.id for e in clusters[incident_id]}]
        rebuilt.append(build(incident_id, clusters[incident_id], kept_reasons + reasons))
    store.write_incidents(rebuilt, removed)
    return UpdateReport(placed=len(new), changed=len(rebuilt), incidents=len(clusters))


def split(store: Store, incident_id: str, classes: EventClasses | None = None) -> list[str]:
    """Undo a merge: each report of the incident becomes its own incident. Returns the new incidents' ids."""
    incident = next((i for i in store.incidents() if i.id == incident_id or i.id.startswith(incident_id)), None)
    if incident is None:
        raise IncidentNotFound(incident_id=incident_id)
    events = _happened(store, classes if classes is not None else load_event_classes())
    members = [events[e] for e in incident.event_ids if e in events]
    pairs = [(a.id, b.id) for i, a in enumerate(members) for b in members[i + 1 :]]
    store.add_split_pairs(pairs)
    singles = [build(f"{incident.id}-{n + 1}", [e], [f"{e.id}: split from {incident.id} by hand"]) for n, e in enumerate(members)]
    store.write_incidents(singles, [incident.id])
    return [s.id for s in singles]


def conflicts(store: Store) -> list[Conflict]:
    """Every comparison across sources: incidents' dates, tolls, places and authors, and figures."""
    events = {e.id: e for e in store.events()}
    return compare(store.incidents(), events, store.claims())
