"""`sitroom eval acled`: events extracted from ACLED's notes scored against the coder's own fields.

Each row's `notes` is extracted as a report dated the row's `event_date`; the highest-confidence event is
compared with the row: event_type and sub_event_type (accuracy, macro-F1, confusion), actor1 and actor2
(by ACLED's name with its year suffix dropped, or its acronym before the colon), location within 25 km
and admin1, fatalities exact, and how many rows yield an event at all.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from ..kb.gazetteer import distance_km
from ..kb.knowledge import Knowledge
from ..model import ActorLink, Event
from .acled import clean_notes, parse_acled_date, read_rows

WITHIN_KM = 25.0
_YEARS = re.compile(r"\s*\((?:\d{4}-?\d{0,4}|\d{4}-)\)")


def actor_names(name: str) -> set[str]:
    """The forms an ACLED actor name is matched by: 'MUJAO: Movement for Unity and Jihad in West Africa'
    -> {'mujao: movement …', 'mujao', 'movement …'}; 'Military Forces of Mali (2012-2013)' -> 'military forces of mali'."""
    base = _YEARS.sub("", name).strip().casefold()
    forms = {base} if base else set()
    if ": " in base:
        head, _, tail = base.partition(": ")
        forms |= {head.strip(), tail.strip()}
    return forms


def link_names(link: ActorLink | None) -> set[str]:
    if link is None:
        return set()
    names = set()
    for value in (link.acled_name, link.name):
        if value:
            names |= actor_names(value)
    return names


def actor_matches(gold: str, link: ActorLink | None) -> bool:
    if not gold.strip():
        return link is None
    return bool(actor_names(gold) & link_names(link))


def macro_f1(pairs: list[tuple[str, str]]) -> float:
    labels = {g for g, _ in pairs}
    scores = []
    for label in labels:
        tp = sum(1 for g, p in pairs if g == label and p == label)
        fp = sum(1 for g, p in pairs if g != label and p == label)
        fn = sum(1 for g, p in pairs if g == label and p != label)
        scores.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return round(sum(scores) / len(scores), 4) if scores else 0.0


@dataclass
class AcledScores:
    rows: int = 0
    found: int = 0
    right: Counter = field(default_factory=Counter)
    types: list[tuple[str, str]] = field(default_factory=list)
    sub_types: list[tuple[str, str]] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    misses: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))

    def summary(self) -> dict:
        n = self.rows or 1
        out = {"rows": self.rows, "event_found": round(self.found / n, 4)}
        for name in ("event_type", "sub_event_type", "actor1", "actor2", "location_25km", "admin1", "fatalities"):
            out[name] = round(self.right[name] / n, 4)
        out["event_type_macro_f1"] = macro_f1(self.types)
        out["sub_event_type_macro_f1"] = macro_f1(self.sub_types)
        out["failed_rows"] = len(self.failures)
        return out

    def confusion(self) -> dict[str, dict[str, int]]:
        table: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
        for gold, got in self.types:
            table[gold][got] += 1
        return {g: dict(row) for g, row in table.items()}


def best_event(events: list[Event]) -> Event | None:
    return max(events, key=lambda e: (e.confidence, -e.evidence.start)) if events else None


def score_file(path: str, knowledge: Knowledge, every: int = 1, progress: Callable[[int], None] | None = None) -> AcledScores:
    from ..extract.annotate import Annotator
    from ..extract.run import TextItem, extract_items

    rows = [r for i, r in enumerate(read_rows(path)) if i % every == 0 and r.get("notes", "").strip()]
    items = []
    for i, row in enumerate(rows):
        items.append(TextItem(f"row-{i}", clean_notes(row["notes"]), parse_acled_date(row.get("event_date", "")), None, f"{path}:{i + 2}"))
    annotator = Annotator(knowledge)
    scores = AcledScores(rows=len(rows))
    for row, (item, result) in zip(rows, extract_items(items, annotator)):
        if progress:
            progress(1)
        events = getattr(result, "events", None)
        if events is None:
            scores.failures.append(result.error)
            scores.types.append((row["event_type"], "-"))
            scores.sub_types.append((row["sub_event_type"], "-"))
            continue
        event = best_event(events)
        note = item.text[:150]
        if event is None:
            scores.types.append((row["event_type"], "-"))
            scores.sub_types.append((row["sub_event_type"], "-"))
            scores.misses["event"].append(f"{row['event_type']}/{row['sub_event_type']} | {note}")
            continue
        scores.found += 1
        scores.types.append((row["event_type"], event.event_type))
        scores.sub_types.append((row["sub_event_type"], event.sub_event_type))
        checks = {
            "event_type": event.event_type == row["event_type"],
            "sub_event_type": event.sub_event_type == row["sub_event_type"],
            "actor1": actor_matches(row.get("actor1", ""), event.actor1) or any(actor_matches(row.get("actor1", ""), a) for a in event.assoc_actors),
            "actor2": actor_matches(row.get("actor2", ""), event.actor2),
            "admin1": bool(event.location and event.location.admin1 and event.location.admin1.casefold() == row.get("admin1", "").casefold()),
            "fatalities": (event.fatalities.acled if event.fatalities else 0) == int(row.get("fatalities") or 0),
        }
        try:
            gold_point = (float(row["latitude"]), float(row["longitude"]))
        except (KeyError, ValueError):
            gold_point = None
        checks["location_25km"] = bool(
            event.location and gold_point and distance_km(_Point(*gold_point), event.location) <= WITHIN_KM
        )
        got = {
            "event_type": f"{event.event_type}/{event.sub_event_type} ({event.event_class})",
            "sub_event_type": f"{event.sub_event_type} ({event.event_class})",
            "actor1": event.actor1.name if event.actor1 else "-",
            "actor2": event.actor2.name if event.actor2 else "-",
            "admin1": event.location.admin1 if event.location else "-",
            "fatalities": str(event.fatalities.acled if event.fatalities else 0),
            "location_25km": event.location.name if event.location else "-",
        }
        want = {
            "event_type": f"{row['event_type']}/{row['sub_event_type']}", "sub_event_type": row["sub_event_type"],
            "actor1": row.get("actor1", ""), "actor2": row.get("actor2", ""), "admin1": row.get("admin1", ""),
            "fatalities": row.get("fatalities", ""), "location_25km": row.get("location", ""),
        }
        for name, ok in checks.items():
            if ok:
                scores.right[name] += 1
            else:
                scores.misses[name].append(f"want {want[name]!r} got {got[name]!r} | {note}")
    return scores


@dataclass(frozen=True)
class _Point:
    lat: float
    lon: float


def row_count(path: str, every: int = 1) -> int:
    return sum(1 for i, r in enumerate(read_rows(path)) if i % every == 0 and r.get("notes", "").strip())
