"""Exports: stored records as JSON, JSON Lines, CSV, ACLED-format CSV or GeoJSON.

`export_records` reads what to export from the store as plain dictionaries (each record as its JSON
Schema describes it); `render` writes them in a format. ACLED's format and GeoJSON are for events only:
they hold what happened, so events that are hypothetical, planned, negated or historical are left out
of them (they stay in the JSON, CSV and JSON Lines exports, with their modality).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, TextIO

from .errors import ExportError, OutputError
from .kb.event_classes import EventClasses, load_event_classes
from .model import Article, Event

if TYPE_CHECKING:
    from .store import Store

What = Literal[
    "articles", "duplicates", "failures", "mentions", "quotes", "clauses", "events", "claims", "relations", "all", "incidents", "conflicts",
]
WHATS: tuple[str, ...] = (
    "articles", "duplicates", "failures", "mentions", "quotes", "clauses", "events", "claims", "relations", "all", "incidents", "conflicts",
)
FORMATS: tuple[str, ...] = ("json", "jsonl", "csv", "acled", "geojson")
EXTRACTED = ("events", "claims", "relations")
HAPPENED = load_event_classes().happened
"""Modalities of events that happened, the only ones in ACLED and GeoJSON exports: the [happened] section of the
shipped data/event_classes.tsv (`render`, `acled_csv` and `geojson` take another folder's table as `classes`)."""
ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "event_type", "sub_event_type", "actor1", "assoc_actor_1", "inter1",
    "actor2", "assoc_actor_2", "inter2", "interaction", "country", "admin1", "location", "latitude", "longitude", "geo_precision",
    "source", "notes", "fatalities",
)
EVENT_CSV_COLUMNS = (
    "id", "article_id", "event_class", "event_type", "sub_event_type", "actor1_id", "actor1", "actor2_id", "actor2", "assoc_actors",
    "location", "country", "admin1", "latitude", "longitude", "geo_precision", "date_start", "date_end", "date_precision",
    "fatalities", "fatalities_low", "fatalities_high", "fatalities_qualifier", "modality", "confidence", "trigger", "evidence",
)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def export_records(store: Store, what: What) -> dict[str, list[dict[str, Any]]]:
    """`{what: [record, ...]}` (for `all`: events, claims and relations), each record as `sitroom schema` describes it."""
    if what == "all":
        return {name: export_records(store, name)[name] for name in EXTRACTED}
    if what == "articles":
        records = [a.model_dump(mode="json") for a in store.articles()]
    elif what == "duplicates":
        records = [d.model_dump(mode="json") for d in store.duplicate_links()]
    elif what == "failures":
        records = [f.model_dump(mode="json") for f in store.failures()]
    elif what == "mentions":
        records = [m.model_dump(mode="json") for a in store.annotations() for m in a.mentions]
    elif what in ("quotes", "clauses"):
        # quotes and clauses carry offsets into their article's annotated text: name the article
        records = [{"article_id": a.article_id, **r.model_dump(mode="json")} for a in store.annotations() for r in getattr(a, what)]
    elif what == "events":
        records = [e.model_dump(mode="json") for e in store.events()]
    elif what == "claims":
        records = [c.model_dump(mode="json") for c in store.claims()]
    elif what == "relations":
        records = [r.model_dump(mode="json") for r in store.relations()]
    elif what == "incidents":
        records = [i.model_dump(mode="json") for i in store.incidents()]
    elif what == "conflicts":
        from .reconcile import conflicts

        records = [c.model_dump(mode="json") for c in conflicts(store)]
    else:
        raise ExportError(f"cannot export {what!r}; choose one of {', '.join(WHATS)}")
    return {what: records}


def render(document: dict[str, list[dict[str, Any]]], fmt: str, *, articles: Callable[[str], Article | None] = lambda _: None,
           country_name: Callable[[str | None], str] = lambda code: code or "", classes: EventClasses | None = None) -> str:
    """`document` written as `fmt`. `articles` and `country_name` fill ACLED's source and country columns; `classes`
    (default: the shipped event classes) says which modalities happened."""
    if fmt == "json":
        return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    if fmt == "jsonl":
        if len(document) == 1:
            (records,) = document.values()
            return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
        return "".join(json.dumps({"record": name[:-1], **r}, ensure_ascii=False) + "\n" for name, records in document.items() for r in records)
    if fmt in ("csv", "acled", "geojson"):
        if list(document) == ["events"]:
            events = [Event.model_validate(r) for r in document["events"]]
            if fmt == "acled":
                return acled_csv(events, articles, country_name, classes)
            if fmt == "geojson":
                return json.dumps(geojson(events, classes), ensure_ascii=False, indent=1) + "\n"
            return _csv(EVENT_CSV_COLUMNS, [event_row(e) for e in events])
        if fmt == "csv" and len(document) == 1 and next(iter(document)) in ("claims", "relations"):
            (records,) = document.values()
            columns = tuple(dict.fromkeys(k for r in records for k in r)) or ("id",)
            return _csv(columns, [{k: (json.dumps(v, ensure_ascii=False) if isinstance(v, (dict, list)) else v) for k, v in r.items()} for r in records])
        raise ExportError(f"--format {fmt} is for --what events{' (or claims, relations)' if fmt == 'csv' else ''}; use json or jsonl for the rest")
    raise ExportError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")


def _cell(value: Any) -> Any:
    """A CSV cell that a spreadsheet will not run: text from pages starting with '=' or '+' gets a leading quote."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return "" if value is None else value


def _csv(columns: tuple[str, ...], rows: list[dict[str, Any]]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(columns), extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: _cell(row.get(k)) for k in columns})
    return out.getvalue()


def event_row(e: Event) -> dict[str, Any]:
    loc, date, dead = e.location, e.date, e.fatalities
    return {
        "id": e.id, "article_id": e.article_id, "event_class": e.event_class, "event_type": e.event_type, "sub_event_type": e.sub_event_type,
        "actor1_id": e.actor1.id if e.actor1 else None, "actor1": e.actor1.name if e.actor1 else None,
        "actor2_id": e.actor2.id if e.actor2 else None, "actor2": e.actor2.name if e.actor2 else None,
        "assoc_actors": "; ".join(a.name for a in e.assoc_actors), "location": loc.name if loc else None,
        "country": loc.country if loc else None, "admin1": loc.admin1 if loc else None, "latitude": loc.lat if loc else None,
        "longitude": loc.lon if loc else None, "geo_precision": loc.precision if loc else None,
        "date_start": date.start.isoformat() if date else None, "date_end": date.end.isoformat() if date else None,
        "date_precision": date.precision if date else None, "fatalities": dead.acled if dead else None,
        "fatalities_low": dead.low if dead else None, "fatalities_high": dead.high if dead else None,
        "fatalities_qualifier": dead.qualifier if dead else None, "modality": e.modality, "confidence": e.confidence,
        "trigger": e.trigger, "evidence": e.evidence.text,
    }


def _acled_name(link) -> str:
    return (link.acled_name or link.name) if link is not None else ""


TIME_PRECISION = {"day": 1, "week": 2, "month": 3, "year": 3}


def acled_row(e: Event, article: Article | None, country_name: Callable[[str | None], str]) -> dict[str, Any] | None:
    """One ACLED row, or None when the event has no date to give (no stated date and an undated report)."""
    if e.date is not None:
        when, precision = e.date.start, TIME_PRECISION[e.date.precision]
        if e.date.precision == "day" and e.date.end != e.date.start:
            precision = 2  # a range of days: ACLED codes the first day with precision 2
    elif article is not None and (article.published or article.published_earliest):
        when, precision = article.published or article.published_earliest, 2
    else:
        return None
    loc = e.location
    source = (article.site_name or article.url or article.source) if article else e.article_id
    assoc1 = [a for a in e.assoc_actors]
    return {
        "event_id_cnty": e.id, "event_date": when.isoformat(), "year": when.year, "time_precision": precision,
        "event_type": e.event_type, "sub_event_type": e.sub_event_type,
        "actor1": _acled_name(e.actor1), "assoc_actor_1": "; ".join(_acled_name(a) for a in assoc1),
        "inter1": e.actor1.inter if e.actor1 else "", "actor2": _acled_name(e.actor2), "assoc_actor_2": "",
        "inter2": e.actor2.inter if e.actor2 else "", "interaction": e.interaction if e.interaction is not None else "",
        "country": country_name(loc.country) if loc else "", "admin1": (loc.admin1 or "") if loc else "",
        "location": loc.name if loc else "", "latitude": loc.lat if loc else "", "longitude": loc.lon if loc else "",
        "geo_precision": loc.precision if loc else "", "source": source,
        "notes": e.evidence.text if e.modality == "asserted" else f"{e.evidence.text} [{e.modality}]",
        "fatalities": e.fatalities.acled if e.fatalities else 0,
    }


def acled_csv(events: list[Event], articles: Callable[[str], Article | None], country_name: Callable[[str | None], str],
              classes: EventClasses | None = None) -> str:
    classes = classes if classes is not None else load_event_classes()
    rows = []
    for event in events:
        if not classes.is_news(event):
            continue
        row = acled_row(event, articles(event.article_id), country_name)
        if row is not None:
            rows.append(row)
    return _csv(ACLED_COLUMNS, rows)


def geojson(events: list[Event], classes: EventClasses | None = None) -> dict[str, Any]:
    classes = classes if classes is not None else load_event_classes()
    features = []
    for e in events:
        if e.location is None or not classes.is_news(e):
            continue
        row = event_row(e)
        properties = {k: v for k, v in row.items() if k not in ("latitude", "longitude")}
        features.append({"type": "Feature", "geometry": {"type": "Point", "coordinates": [e.location.lon, e.location.lat]}, "properties": properties})
    return {"type": "FeatureCollection", "features": features}


def open_output(path: Path) -> TextIO:
    """An output file opened for writing, its folder made; what cannot be opened is an OutputError (E403) naming it."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        return path.open("w", encoding="utf-8")
    except OSError as error:
        raise OutputError(code="E403", path=path, reason=error.strerror or error) from None


def write_file(path: Path, text: str) -> None:
    """Write an output file whole (see `open_output`)."""
    with open_output(path) as handle:
        try:
            handle.write(text)
        except OSError as error:
            raise OutputError(code="E403", path=path, reason=error.strerror or error) from None
