"""Incidents: the events of different articles that are one happening, clustered with the reasons why.

Two events are the same happening when their classes are of one family, their actors do not clash, their
places lie within a distance that grows as the places get vaguer, and their dates fall within a window
that grows as the dates do. Only events that happened (asserted or reported) are clustered; an article's
own events never merge with each other (the event layer already merged its repeats). Clustering is
greedy in date order and incremental: `assign` places new events in existing incidents or opens new ones,
and never puts together two events a user split apart.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from ..kb.event_classes import EventClasses, load_event_classes
from ..kb.gazetteer import distance_km, lies_in
from ..model import ActorLink, Event, EventDate, Incident, IncidentReport, PlaceLink

HAPPENED = load_event_classes().happened
"""The modalities of events that happened, from the shipped data/event_classes.tsv ([happened]). The classes'
families (reports of one happening may each use a class of one family: "an attack", "an ambush", "a clash")
and the once-a-year classes (a country rarely sees two in a year, so their reports may date them months apart
and still be one happening) are its `family` column and `once_a_year` trait; `match` and `assign` take the
table of another knowledge folder as `classes`."""
RADIUS_KM = {1: 25.0, 2: 50.0, 3: 250.0}
"""How far apart two places of one happening may be, by the vaguer place's precision."""
WINDOW_DAYS = {"day": 2, "week": 7}
"""How far apart two dates of one happening may be: 'on Friday' and 'on Saturday' tell of one night."""


def family(event_class: str, classes: EventClasses | None = None) -> str:
    return (classes if classes is not None else load_event_classes()).family(event_class)


def _base(actor_id: str) -> str:
    return actor_id.split(":", 1)[0].split("@", 1)[0]


def _named(actors: Iterable[ActorLink | None]) -> set[str]:
    return {_base(a.id) for a in actors if a is not None and not a.id.startswith("generic-")}


def _date_gap(a: EventDate, b: EventDate) -> int:
    """Days between two date ranges (0 when they overlap)."""
    if a.end < b.start:
        return (b.start - a.end).days
    if b.end < a.start:
        return (a.start - b.end).days
    return 0


@dataclass
class Match:
    score: float
    reasons: list[str] = field(default_factory=list)


def match(event: Event, other: Event, classes: EventClasses | None = None) -> Match | None:
    """Whether two events can be one happening, with the reasons; None when a field rules it out. `classes`:
    the event class table (default: the shipped one)."""
    classes = classes if classes is not None else load_event_classes()
    if event.article_id == other.article_id or not classes.is_news(event) or not classes.is_news(other):
        return None
    if classes.family(event.event_class) != classes.family(other.event_class):
        return None
    reasons = [f"class {event.event_class} ~ {other.event_class}"]
    score = 1.0 if event.event_class == other.event_class else 0.5
    mine, theirs = _named([event.actor1, event.actor2, *event.assoc_actors]), _named([other.actor1, other.actor2, *other.assoc_actors])
    if mine and theirs:
        shared = mine & theirs
        if not shared:
            return None
        reasons.append(f"actors shared: {', '.join(sorted(shared))}")
        score += 1.0
    if event.location and other.location:
        a, b = event.location, other.location
        km = distance_km(a, b)
        vaguer = max(a.precision, b.precision)
        if vaguer == 3:
            if not _may_be_one_area(a, b):
                return None
        elif km > RADIUS_KM[vaguer]:
            return None
        reasons.append(f"places {km:.0f} km apart ({a.name} / {b.name}, precision {vaguer})")
        score += 1.0 if km <= RADIUS_KM[1] else 0.5
    elif event.event_class not in classes.once_a_year:
        return None  # with no place to compare, only the rarest happenings can be told apart from the rest
    if event.date and other.date:
        gap = _date_gap(event.date, other.date)
        coarse = "year" if "year" in (event.date.precision, other.date.precision) else (
            "month" if "month" in (event.date.precision, other.date.precision) else
            "week" if "week" in (event.date.precision, other.date.precision) else "day")
        if event.event_class in classes.once_a_year and classes.family(event.event_class) == classes.family(other.event_class):
            if event.date.start.year != other.date.start.year:
                return None
        elif coarse == "year" or coarse in WINDOW_DAYS and gap > WINDOW_DAYS[coarse] or coarse == "month" and gap > 0:
            return None  # 'last year' cannot tell one raid from the next; only the rarest happenings are placed by year
        if coarse == "day" and gap > 0 and _sides_swapped(event, other):
            return None  # a day apart and the side attacked now attacking: a counter-attack, not another telling
        reasons.append(f"dates {event.date.start} / {other.date.start} ({gap} days apart, {coarse} precision)")
        score += 1.0 if gap == 0 else 0.5
    else:
        return None  # an undated report cannot be placed beside another in time
    return Match(score, reasons)


def _sides_swapped(event: Event, other: Event) -> bool:
    """One report's actor1 is the other's actor2."""
    def same(a, b) -> bool:
        return a is not None and b is not None and a.id == b.id

    return (same(event.actor1, other.actor2) or same(event.actor2, other.actor1)) and not same(event.actor1, other.actor1)


def _may_be_one_area(a: PlaceLink, b: PlaceLink) -> bool:
    """Two places one of which is vague (a region, a country, the Sahel): the same country and no two different
    regions of it; a macro-region ('the Sahel') and a country it covers ('Mali') may be one."""
    if "L" in (a.feature, b.feature):
        return lies_in(a, b) or lies_in(b, a)
    return a.country == b.country and not (a.admin1 and b.admin1 and a.admin1 != b.admin1 and a.feature != "C" and b.feature != "C")


def incident_id(first_event_id: str) -> str:
    return "inc-" + hashlib.sha256(first_event_id.encode()).hexdigest()[:12]


def assign(new: list[Event], clusters: dict[str, list[Event]], apart: set[frozenset[str]] = frozenset(),
           classes: EventClasses | None = None) -> dict[str, list[str]]:
    """Put each new event (in date order) in the existing cluster it matches best, or in a cluster of its own.
    `clusters` is changed in place; returns, for each cluster that changed, the reasons its new members joined.
    `apart` holds pairs of event ids a user split: they never join the same cluster. `classes`: the event class
    table (default: the shipped one)."""
    classes = classes if classes is not None else load_event_classes()
    changed: dict[str, list[str]] = {}
    for event in sorted(new, key=lambda e: (e.date.start if e.date else date.max, e.id)):
        if not classes.is_news(event):
            continue
        best: tuple[float, str, list[str]] | None = None
        for cluster_id, members in clusters.items():
            if any(m.article_id == event.article_id for m in members):
                continue
            if any(frozenset((event.id, m.id)) in apart for m in members):
                continue
            found = [match(event, m, classes) for m in members]
            if any(f is None for f in found):
                continue  # every report of an incident must fit the newcomer, not only one
            score = sum(f.score for f in found) / len(found)
            if best is None or score > best[0]:
                best = (score, cluster_id, found[0].reasons)
        if best is None:
            cluster_id = incident_id(event.id)
            clusters[cluster_id] = [event]
            changed.setdefault(cluster_id, []).append(f"{event.id}: first report")
        else:
            _, cluster_id, reasons = best
            clusters[cluster_id].append(event)
            changed.setdefault(cluster_id, []).append(f"{event.id}: " + "; ".join(reasons))
    return changed


def toll(low: int | None, high: int | None) -> str:
    """An incident's fatalities as shown: '12', '12–30', '12+' (no upper bound), '' (no report gives a toll)."""
    if low is None:
        return ""
    if high == low:
        return str(low)
    return f"{low}+" if high is None else f"{low}–{high}"


def _precision_rank(date_: EventDate) -> tuple[int, int, bool]:
    """The most precise date first; between two as precise, the one a sentence states (a report's week is inferred)."""
    return ({"day": 0, "week": 1, "month": 2, "year": 3}[date_.precision], (date_.end - date_.start).days, date_.how == "report")


def build(cluster_id: str, members: list[Event], reasons: list[str]) -> Incident:
    """The canonical record of a cluster: the most precise date and place, tolls as a range, every actor."""
    dated = [e.date for e in members if e.date]
    located = [e.location for e in members if e.location]
    counts = [e.fatalities for e in members if e.fatalities is not None]
    lows = [f.low for f in counts]
    highs = [f.high for f in counts]
    actors: dict[str, ActorLink] = {}
    for e in members:
        for link in (e.actor1, e.actor2, *e.assoc_actors):
            if link is not None:
                actors.setdefault(link.id, link)
    classes = [e.event_class for e in members]
    main = max(set(classes), key=lambda c: (classes.count(c), c != "attack"))
    first = next(e for e in members if e.event_class == main)
    location: PlaceLink | None = min(located, key=lambda p: (p.precision, p.feature in ("A2", "A1", "C"))) if located else None
    return Incident(
        id=cluster_id, event_class=main, event_type=first.event_type, sub_event_type=first.sub_event_type,
        date=min(dated, key=_precision_rank) if dated else None, location=location, actors=list(actors.values()),
        fatalities_low=min(lows) if lows else None,
        fatalities_high=(None if any(h is None for h in highs) else max(highs)) if highs else None,
        article_ids=list(dict.fromkeys(e.article_id for e in members)), event_ids=[e.id for e in members],
        reports=[IncidentReport(article_id=e.article_id, event_id=e.id, sentence=e.evidence.text, modality=e.modality) for e in members],
        reasons=reasons,
    )
