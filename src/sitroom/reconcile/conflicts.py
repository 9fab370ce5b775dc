"""Claims compared across sources: what several articles say about one thing, side by side.

For each incident told by more than one article: its date (at each report's precision), its toll, its
place as written, and who did it. For figures: the values different articles give for one subject and
unit ("AQIM fighters"). Each comparison is `corroborated` (the values agree; the articles are counted,
and syndicated copies were never stored twice), `contradicted` (the values side by side with their
sentences), or `noted` (the values differ only in form: two spellings of one place).
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from functools import lru_cache
from importlib import resources

from ..kb.gazetteer import distance_km, lies_in
from ..model import Claim, Conflict, ConflictItem, Event, EventDate, Incident, PlaceLink
from .incidents import RADIUS_KM

NEIGHBOURS_KM = RADIUS_KM[1]
"""Two named places this close (Mopti and Sévaré) are one scene told from two vantage points, not a contradiction."""
FIGURE_TOLERANCE = 0.1
"""Two figures agree when their ranges overlap once each is widened by this share ('about 3,000' and 3,200)."""


def _id(*parts: str) -> str:
    return "con-" + hashlib.sha256("|".join(parts).encode()).hexdigest()[:12]


def date_value(d: EventDate) -> str:
    """A date as the export writes it: YYYY-MM-DD, YYYY-MM for a month, YYYY for a year, and a span of
    days ("earlier this month") as an ISO 8601 interval, YYYY-MM-DD/YYYY-MM-DD."""
    if d.precision == "month":
        return d.start.strftime("%Y-%m")
    if d.precision == "year":
        return str(d.start.year)
    if d.precision == "day" and d.end != d.start:
        return f"{d.start.isoformat()}/{d.end.isoformat()}"
    return d.start.isoformat()


def _per_article(events: list[Event]) -> dict[str, Event]:
    """One report per article: the surest."""
    best: dict[str, Event] = {}
    for e in events:
        if e.article_id not in best or e.confidence > best[e.article_id].confidence:
            best[e.article_id] = e
    return best


def _overlap(a: tuple[float, float | None], b: tuple[float, float | None], tolerance: float = 0.0) -> bool:
    a_low, a_high = a[0] * (1 - tolerance), (a[1] if a[1] is not None else float("inf")) * (1 + tolerance)
    b_low, b_high = b[0] * (1 - tolerance), (b[1] if b[1] is not None else float("inf")) * (1 + tolerance)
    return a_low <= b_high and b_low <= a_high


def _nested(a: PlaceLink, b: PlaceLink) -> bool:
    """One place is the other, or lies inside it: 'Gao' and 'Mali', 'Konna' and 'the Sahel' do not contradict, they
    differ in precision."""
    return lies_in(a, b) or lies_in(b, a)


def _conflict(kind: str, topic: str, items: list[ConflictItem], agree: bool, incident_id: str | None, noted: bool = False) -> Conflict:
    status = "noted" if noted else ("corroborated" if agree else "contradicted")
    return Conflict(id=_id(kind, topic, incident_id or "", *sorted(i.article_id for i in items)), kind=kind, topic=topic,
                    status=status, incident_id=incident_id, items=items)


def _topic(incident: Incident) -> str:
    where = incident.location.name if incident.location else "?"
    when = date_value(incident.date) if incident.date else "?"
    return f"{incident.event_class.replace('_', ' ')} at {where} ({when})"


def compare_incident(incident: Incident, events: list[Event]) -> list[Conflict]:
    reports = _per_article(events)
    if len(reports) < 2:
        return []
    topic = _topic(incident)
    found: list[Conflict] = []
    dated = [e for e in reports.values() if e.date and e.date.how == "stated"]
    if len(dated) >= 2:
        items = [ConflictItem(article_id=e.article_id, value=date_value(e.date), evidence=e.evidence) for e in dated]
        agree = all(_overlap((a.date.start.toordinal(), a.date.end.toordinal()), (b.date.start.toordinal(), b.date.end.toordinal()))
                    for a in dated for b in dated)
        found.append(_conflict("date", topic, items, agree, incident.id))
    tolls = [e for e in reports.values() if e.fatalities is not None]
    if len(tolls) >= 2:
        def shown(e: Event) -> str:
            f = e.fatalities
            return str(f.low) if f.high == f.low else (f"{f.low}+" if f.high is None else f"{f.low}-{f.high}")

        items = [ConflictItem(article_id=e.article_id, value=shown(e), evidence=e.evidence) for e in tolls]
        agree = len({(e.fatalities.low, e.fatalities.high) for e in tolls}) == 1 or all(
            _overlap((a.fatalities.low, a.fatalities.high), (b.fatalities.low, b.fatalities.high)) and (a.fatalities.qualifier or b.fatalities.qualifier)
            for a in tolls for b in tolls if a is not b
        )
        found.append(_conflict("number", f"dead in {topic}", items, agree, incident.id))
    placed = [e for e in reports.values() if e.location and e.location_text]
    if len(placed) >= 2:
        items = [ConflictItem(article_id=e.article_id, value=f"{e.location_text} ({e.location.name})", evidence=e.evidence) for e in placed]
        same_place = len({e.location.id for e in placed}) == 1
        spellings = {e.location_text.casefold() for e in placed}
        if same_place and len(spellings) > 1:
            found.append(_conflict("place", topic, items, True, incident.id, noted=True))
        elif not same_place and not all(_nested(a.location, b.location) or distance_km(a.location, b.location) <= NEIGHBOURS_KM
                                        for a in placed for b in placed):
            found.append(_conflict("place", topic, items, False, incident.id))
    responsible = [e for e in reports.values() if e.actor1 and not e.actor1.id.startswith("generic-")]
    if len(responsible) >= 2 and len({e.actor1.id for e in responsible}) > 1:
        items = [ConflictItem(article_id=e.article_id, value=e.actor1.name, evidence=e.evidence) for e in responsible]
        found.append(_conflict("actor", f"who carried out {topic}", items, False, incident.id))
    return found


@lru_cache(maxsize=1)
def figure_measures() -> dict[str, str]:
    """Unit -> the measure it counts toward (data/figure_units.tsv): 'men' and 'fighters' are one strength."""
    rows = resources.files("sitroom").joinpath("data", "figure_units.tsv").read_text(encoding="utf-8").splitlines()
    measures = {}
    for line in rows:
        if line.startswith("#") or not line.strip() or line.startswith("unit\t"):
            continue
        unit, measure, _reason = line.split("\t")
        measures[unit] = measure
    return measures


def _unit_key(unit: str | None) -> str:
    word = re.sub(r"[^\w² ]", "", (unit or "").casefold()).strip()
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


def measure_of(claim: Claim) -> str:
    """What a figure measures: its listed measure, else its unit as written (singular)."""
    unit = claim.value.normalized_unit or _unit_key(claim.value.unit)
    return figure_measures().get(unit, unit)


def figure_span(claim: Claim) -> tuple[float, float | None]:
    """A figure's low and high in its normalised unit (km², km, percent) where it has one."""
    v = claim.value
    factor = (v.normalized_value / v.low) if v.normalized_value and v.low else 1.0
    return v.low * factor, (v.high * factor if v.high is not None else None)


def figure_groups(claims: list[Claim]) -> dict[tuple[str, str], list[Claim]]:
    """Figures that happened, by (subject, measure): the things sources give numbers for."""
    groups: dict[tuple[str, str], list[Claim]] = defaultdict(list)
    for claim in claims:
        if claim.kind != "figure" or claim.value is None or claim.subject is None or claim.modality not in ("asserted", "reported"):
            continue
        groups[(claim.subject.id.split(":", 1)[0], measure_of(claim))].append(claim)
    return dict(sorted(groups.items()))


def figure_comparison(members: list[Claim]) -> Conflict | None:
    """What different articles say of one subject and measure, side by side; None when one article gives them all."""
    per_article: dict[str, Claim] = {}
    for claim in members:
        per_article.setdefault(claim.article_id, claim)
    if len(per_article) < 2:
        return None
    chosen = list(per_article.values())
    agree = all(_overlap(figure_span(a), figure_span(b), FIGURE_TOLERANCE) for a in chosen for b in chosen)
    items = [ConflictItem(article_id=c.article_id, value=c.text, evidence=c.evidence) for c in chosen]
    return _conflict("number", f"{chosen[0].subject.name}: {measure_of(chosen[0])}", items, agree, None)


def compare_figures(claims: list[Claim]) -> list[Conflict]:
    """Figures about one subject and measure from different articles ("15,000 fighters" against "a few thousand men")."""
    return [found for members in figure_groups(claims).values() if (found := figure_comparison(members)) is not None]


def compare(incidents: list[Incident], events_by_id: dict[str, Event], claims: list[Claim]) -> list[Conflict]:
    found: list[Conflict] = []
    for incident in incidents:
        found += compare_incident(incident, [events_by_id[i] for i in incident.event_ids if i in events_by_id])
    return found + compare_figures(claims)
