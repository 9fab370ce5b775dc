"""What a situation report says, gathered from the store before anything is drawn.

`gather` reads incidents, their events, comparisons, figures, relations and the articles they stand on,
keeps what falls in the scope (dates, country, actor), and works out the headline numbers, the short
extractive summary and the actor network. The HTML and Markdown renderers only lay this out.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date

from ..kb.event_classes import EventClasses, load_event_classes
from ..model import (
    ActorLink,
    Article,
    Claim,
    Conflict,
    DuplicateLink,
    Event,
    Incident,
    Relation,
)
from ..query import Query
from ..reconcile.conflicts import (
    compare,
    figure_comparison,
    figure_groups,
    figure_measures,
    figure_span,
)
from ..store import Store

SUMMARY_SENTENCES = 5
"""How many sentences the extractive summary quotes."""
NETWORK_ACTORS = 30
"""The actor network keeps the actors with the most ties, so that it stays legible."""
EDGE_EVIDENCE = 3
"""Sentences shown per tie of the network."""
FIGHTING_TYPES = load_event_classes().fighting_types
"""Incidents of these ACLED types tie their two actors as 'fighting' in the network: the [fighting_types] section
of the shipped data/event_classes.tsv (`gather` takes another folder's table as `classes`)."""
STANDING = ("asserted", "reported", "historical")
"""Relations that hold (or held); a hypothetical or negated alliance is not drawn."""


@dataclass(frozen=True)
class Citation:
    """One sentence a report quotes, and where it comes from."""

    anchor: str
    """The id of the sentence's place in the report (a report of an incident)."""
    article_id: str
    text: str
    lead: str = ""
    """What the sentence is about, for a summary line: '2013-01-10, Konna: airstrike'."""


@dataclass(frozen=True)
class Tie:
    """An edge of the actor network: how two actors stand, with the sentences that say so."""

    source: ActorLink
    target: ActorLink
    kind: str
    """alliance, affiliation, support, opposition or fighting."""
    evidence: list[Citation]
    count: int
    """How many sentences state the tie."""


@dataclass(frozen=True)
class FigureRow:
    """The values different sources give for one subject and unit, as a range."""

    subject: str
    unit: str
    low: float
    high: float | None
    claims: list[Claim]
    status: str
    """'contradicted', 'corroborated' or 'single source'."""


@dataclass
class ReportContent:
    scope: Query
    generated: date
    incidents: list[Incident]
    events: dict[str, Event]
    articles: dict[str, Article]
    copies: dict[str, list[DuplicateLink]]
    """Syndicated or updated copies of each cited article, counted once but shown as further sources."""
    conflicts: list[Conflict]
    figures: list[FigureRow]
    ties: list[Tie]
    summary: list[Citation]
    fatalities_low: int = 0
    fatalities_high: int | None = 0
    actors: list[ActorLink] = field(default_factory=list)
    outside_scope_note: str = ""

    @property
    def contradictions(self) -> list[Conflict]:
        return [c for c in self.conflicts if c.status == "contradicted"]

    @property
    def first_date(self) -> date | None:
        dated = [i.date.start for i in self.incidents if i.date]
        return min(dated) if dated else None

    @property
    def last_date(self) -> date | None:
        dated = [i.date.end for i in self.incidents if i.date]
        return max(dated) if dated else None


def counted(n: int, noun: str) -> str:
    """'1 source', '3 sources', '2 copies'."""
    if n == 1:
        return f"1 {noun}"
    return f"{n} {noun[:-1]}ies" if noun.endswith("y") else f"{n} {noun}s"


def anchor(kind: str, ident: str) -> str:
    """An id usable in an HTML fragment: the kind, then the id with anything but letters and digits made '-'."""
    return f"{kind}-" + re.sub(r"[^A-Za-z0-9_-]", "-", ident)


def actor_key(actor: ActorLink) -> str:
    """One node per actor: a generic class filled with a country stays apart per country, not per spelling."""
    return actor.id.split("@", 1)[0]


def _toll(incidents: list[Incident]) -> tuple[int, int | None]:
    """Fatalities over all incidents as a range: the sum of each one's lowest and highest reported toll."""
    low, high = 0, 0
    for i in incidents:
        if i.fatalities_low is None:
            continue
        low += i.fatalities_low
        high = None if high is None or i.fatalities_high is None else high + i.fatalities_high
    return low, high


ANAPHORIC_STARTS = ("it ", "its ", "this ", "that ", "these ", "those ", "they ", "he ", "she ", "other ", "the same ", "there ")
"""A sentence opening like this leans on the one before it, so it reads badly alone in a summary."""


def _best_report(incident: Incident, events: dict[str, Event]) -> Event | None:
    """The report that reads best on its own: happened, self-contained, neither a fragment nor a paragraph."""
    def readable(e: Event) -> tuple[bool, bool, bool, float]:
        words = len(e.evidence.text.split())
        alone = not e.evidence.text.casefold().startswith(ANAPHORIC_STARTS)
        return (e.modality == "asserted", alone, 12 <= words <= 60, e.confidence)

    members = [events[e] for e in incident.event_ids if e in events]
    return max(members, key=readable, default=None)


def when(incident: Incident) -> str:
    """An incident's date as a reader wants it: '2013-01-10', 'March 2012', '2012', 'week to 2012-03-22',
    '2013-01-01 to 2013-01-27' ("earlier this month"), or 'undated'."""
    d = incident.date
    if d is None:
        return "undated"
    if d.precision == "year":
        return str(d.start.year)
    if d.precision == "month":
        return d.start.strftime("%B %Y")
    if d.precision == "week":
        return f"week to {d.end.isoformat()}"
    return d.start.isoformat() if d.end == d.start else f"{d.start.isoformat()} to {d.end.isoformat()}"


def _lead(incident: Incident) -> str:
    where = f", {incident.location.name}" if incident.location else ""
    told = f" ({len(incident.article_ids)} sources)" if len(incident.article_ids) > 1 else ""
    return f"{when(incident)}{where}: {incident.event_class.replace('_', ' ')}{told}"


def _summary(incidents: list[Incident], events: dict[str, Event]) -> list[Citation]:
    """The incidents most told and deadliest, one sentence each, in date order."""
    def weight(i: Incident) -> tuple[float, str]:
        told = 2 * len(i.article_ids) + min(i.fatalities_low or 0, 50) / 10 + (0.5 if i.date and i.date.precision == "day" else 0)
        sure = [events[e].confidence for e in i.event_ids if e in events]
        return (told * (sum(sure) / len(sure) if sure else 0.0), i.id)  # three vague reports are not a headline

    chosen = sorted(incidents, key=weight, reverse=True)[:SUMMARY_SENTENCES]
    chosen.sort(key=lambda i: (i.date.start if i.date else date.max, i.id))
    cited = []
    for incident in chosen:
        event = _best_report(incident, events)
        if event is not None:
            cited.append(Citation(anchor=anchor("r", event.id), article_id=event.article_id, text=event.evidence.text, lead=_lead(incident)))
    return cited


def _ties(incidents: list[Incident], events: dict[str, Event], relations: list[Relation], fighting_types: tuple[str, ...]) -> list[Tie]:
    said: dict[tuple[str, str, str], list[Citation]] = defaultdict(list)
    links: dict[str, ActorLink] = {}

    def add(a: ActorLink, b: ActorLink, kind: str, citation: Citation) -> None:
        ka, kb = actor_key(a), actor_key(b)
        if ka == kb:
            return
        links.setdefault(ka, a)
        links.setdefault(kb, b)
        key = (ka, kb, kind) if kind in ("affiliation", "support") else (*sorted((ka, kb)), kind)
        if all(c.text != citation.text for c in said[key]):
            said[key].append(citation)

    for relation in relations:
        if relation.modality in STANDING:
            add(relation.source, relation.target, relation.type,
                Citation(anchor=anchor("a", relation.article_id), article_id=relation.article_id, text=relation.evidence.text))
    for incident in incidents:
        if incident.event_type not in fighting_types:
            continue
        for event_id in incident.event_ids:
            event = events.get(event_id)
            if event and event.actor1 and event.actor2:
                add(event.actor1, event.actor2, "fighting",
                    Citation(anchor=anchor("r", event.id), article_id=event.article_id, text=event.evidence.text))
    degree = Counter()
    for (a, b, _), cited in said.items():
        degree[a] += len(cited)
        degree[b] += len(cited)
    kept = {k for k, _ in sorted(degree.items(), key=lambda kv: (-kv[1], kv[0]))[:NETWORK_ACTORS]}
    return [
        Tie(source=links[a], target=links[b], kind=kind, evidence=cited[:EDGE_EVIDENCE], count=len(cited))
        for (a, b, kind), cited in sorted(said.items())
        if a in kept and b in kept
    ]


def _figures(claims: list[Claim]) -> list[FigureRow]:
    """Every figure an analyst weighs (strength, losses, hostages, area), as a range over all that give one."""
    weighed = set(figure_measures().values())
    rows = []
    for (_, measure), members in figure_groups(claims).items():
        if measure not in weighed:
            continue  # hours, days, regions: numbers, but not figures to weigh
        spans = [figure_span(c) for c in members]
        name = members[0].subject.name
        high = None if any(h is None for _, h in spans) else max(h for _, h in spans)
        compared = figure_comparison(members)
        status = compared.status if compared else "single source"
        rows.append(FigureRow(subject=name, unit=measure, low=min(lo for lo, _ in spans), high=high, claims=members, status=status))
    return sorted(rows, key=lambda r: (-len({c.article_id for c in r.claims}), r.subject.casefold(), r.unit))


def gather(store: Store, scope: Query = Query(), today: date | None = None,
           classes: EventClasses | None = None) -> ReportContent:
    """Everything the report shows, read from the store and cut to the incidents `scope` selects (its
    countries already codes; paging ignored); `classes`: the event class table (default: the shipped one)."""
    classes = classes if classes is not None else load_event_classes()
    stored = store.incidents()  # every one: comparisons across sources need them all, the report those in scope
    incidents = sorted((i for i in stored if scope.admits_incident(i)), key=lambda i: (i.date.start if i.date else date.max, i.id))
    events = {e.id: e for e in store.events()}
    cited_ids = {a for i in incidents for a in i.article_ids}
    stored_claims = store.claims()
    claims, relations = stored_claims, store.relations()
    scoped = scope.describe() != Query().describe()  # a filter is set (the order or paging is no scope)
    if scoped:
        claims = [c for c in claims if c.article_id in cited_ids]
        relations = [r for r in relations if r.article_id in cited_ids]
    kept = {i.id for i in incidents}
    conflicts = [c for c in compare(stored, events, stored_claims)
                 if (c.incident_id in kept) or (c.incident_id is None and (not scoped or all(x.article_id in cited_ids for x in c.items)))]
    ties = _ties(incidents, events, relations, classes.fighting_types)
    figures = _figures(claims)
    article_ids = cited_ids | {c.article_id for c in claims if c.kind == "figure"} | {x.article_id for c in conflicts for x in c.items}
    article_ids |= {c.article_id for t in ties for c in t.evidence}
    articles = {a: store.article(a) for a in sorted(article_ids)}
    copies: dict[str, list[DuplicateLink]] = defaultdict(list)
    for link in store.duplicate_links():
        if link.duplicate_of in articles:
            copies[link.duplicate_of].append(link)
    actors = {}
    for i in incidents:
        for a in i.actors:
            actors.setdefault(actor_key(a), a)
    low, high = _toll(incidents)
    left_out = len(stored) - len(incidents)
    return ReportContent(
        scope=scope, generated=today or date.today(), incidents=incidents, events=events, articles=articles, copies=dict(copies),
        conflicts=conflicts, figures=figures, ties=ties, summary=_summary(incidents, events), fatalities_low=low,
        fatalities_high=high, actors=sorted(actors.values(), key=lambda a: a.name.casefold()),
        outside_scope_note=f"{left_out} stored incidents fall outside this scope." if scoped and left_out else "",
    )
