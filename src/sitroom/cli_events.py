"""The event layer's commands: `sitroom events`, `sitroom extract` and `sitroom eval acled`.

`register` adds them to the main app (sitroom.cli); like the rest, they parse, call one library function
and print.
"""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from .cli import (
    EXIT_USAGE,
    DbOption,
    JsonOption,
    KbOption,
    _bar,
    _fail,
    _open_existing,
    _print_json,
    err,
    out,
)
from .errors import SitroomError, SourceError
from .store import open_store

MODALITIES = ("asserted", "reported", "hypothetical", "planned", "negated", "historical")


def _date_option(value: str | None, name: str) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        _fail(f"{name} {value!r} is not a date; write YYYY-MM-DD", EXIT_USAGE)
    return None


def events(
    db: DbOption = None,
    country: Annotated[str | None, typer.Option(help="Country code (ML) or place name.")] = None,
    actor: Annotated[str | None, typer.Option(help="Part of an actor's name or id, any case: 'mujao', 'French'.")] = None,
    type_: Annotated[str | None, typer.Option("--type", help="An event class (airstrike), ACLED type (Battles) or sub-type (Armed clash).")] = None,
    since: Annotated[str | None, typer.Option(help="Only events on or after this date (YYYY-MM-DD).")] = None,
    until: Annotated[str | None, typer.Option(help="Only events on or before this date (YYYY-MM-DD).")] = None,
    modality: Annotated[list[str] | None, typer.Option(help="asserted, reported, hypothetical, planned, negated or historical; repeat for more [default: all].")] = None,
    limit: Annotated[int, typer.Option(help="Show at most this many.")] = 200,
    as_json: JsonOption = False,
) -> None:
    """List stored events with the sentence each stands on, filtered by country, actor, type, date or modality.

    Example: sitroom events --country ML --type airstrike --since 2013-01-01 --modality asserted --db mali.duckdb
    """
    from .show import print_events
    from .store.base import EventFilter

    for m in modality or ():
        if m not in MODALITIES:
            _fail(f"--modality {m!r} is not known; choose from {', '.join(MODALITIES)}", EXIT_USAGE)
    where = EventFilter(
        country=country, actor=actor, type=type_, since=_date_option(since, "--since"), until=_date_option(until, "--until"),
        modalities=tuple(modality or ()),
    )
    with _open_existing(db) as store:
        found = store.events(where)
    if as_json:
        _print_json({"events": [e.model_dump(mode="json") for e in found[:limit]]})
        return
    if not found:
        out.print("no events match; try fewer filters, or 'sitroom annotate --db FILE' if the articles were stored before extraction existed")
        return
    print_events(out, found[:limit], title=f"{len(found)} events" + (f" (first {limit})" if len(found) > limit else ""))


def extract(
    input_path: Annotated[str, typer.Argument(metavar="INPUT.jsonl", help='JSON Lines: {"id", "text", optional "date" (the report\'s), "title"} a line; - for stdin.', show_default=False)],
    db: Annotated[str | None, typer.Option("--db", help="Take knowledge (loaded GeoNames places) from this database; nothing is stored.", show_default=False)] = None,
    kb: KbOption = None,
    fmt: Annotated[str, typer.Option("--format", help="jsonl (one object a line) or json (one list).")] = "jsonl",
    out_path: Annotated[Path | None, typer.Option("--out", help="Write here instead of to standard output.")] = None,
) -> None:
    """Extract events, claims and relations from texts without storing anything: one output line per input line.

    Example: sitroom extract notes.jsonl --db mali.duckdb --out extracted.jsonl
    """
    from .extract.run import extract_items, read_items
    from .kb.knowledge import load_knowledge
    from .model import IngestFailure
    from .nlp.annotate import Annotator

    if fmt not in ("jsonl", "json"):
        _fail(f"--format {fmt!r} is not known; choose jsonl or json", EXIT_USAGE)
    if input_path != "-" and not Path(input_path).is_file():
        _fail(f"{input_path}: no such file; give a JSON Lines file with one {{\"id\", \"text\"}} object a line", EXIT_USAGE)
    store = None
    if db:
        if not Path(db).exists():
            _fail(f"{db}: no such database; leave out --db to use the built-in knowledge")
        store = open_store(db, read_only=True)
    try:
        annotator = Annotator(load_knowledge(store, kb or ()))
    except SitroomError as error:
        _fail(str(error))
    failures: list[IngestFailure] = []

    def readable():
        for item in read_items(input_path):
            if isinstance(item, IngestFailure):
                failures.append(item)
                err.print(f"[yellow]skipped[/] {escape(item.error)}", highlight=False, soft_wrap=True)
            else:
                yield item

    sink = out_path.open("w", encoding="utf-8") if out_path else sys.stdout
    written = []
    try:
        with _bar("extracting") as bar:
            task = bar.add_task("extract", total=None)
            for _item, result in extract_items(readable(), annotator):
                bar.advance(task)
                if isinstance(result, IngestFailure):
                    failures.append(result)
                    err.print(f"[yellow]failed[/] {escape(result.error)}", highlight=False, soft_wrap=True)
                    continue
                record = result.model_dump(mode="json", exclude={"notes"} if not result.notes else set())
                if fmt == "jsonl":
                    sink.write(json.dumps(record, ensure_ascii=False) + "\n")
                else:
                    written.append(record)
        if fmt == "json":
            sink.write(json.dumps(written, ensure_ascii=False, indent=2) + "\n")
    finally:
        if out_path:
            sink.close()
        if store:
            store.close()
    if out_path:
        err.print(f"wrote {out_path}" + (f"; {len(failures)} lines failed (listed above)" if failures else ""), highlight=False)


def eval_acled(
    gold: Annotated[str, typer.Argument(metavar="GOLD.csv", help="An ACLED export with notes and the coded fields.", show_default=False)],
    db: Annotated[str | None, typer.Option("--db", help="Take knowledge (GeoNames places) from this database.", show_default=False)] = None,
    kb: KbOption = None,
    every: Annotated[int, typer.Option(help="Score every Nth row only (quicker on big files).")] = 1,
    misses: Annotated[int, typer.Option(help="Print this many misses per field (0: none).")] = 0,
    as_json: JsonOption = False,
) -> None:
    """Extract each row's notes (dated the row's event_date) and score the surest event against ACLED's coding.

    Example: sitroom eval acled ../shared/data/acled/mali-dev.csv --db mali.duckdb --every 4
    """
    from .evaluate.acled_events import row_count, score_file
    from .kb.knowledge import load_knowledge

    if every < 1:
        _fail("--every must be 1 or more", EXIT_USAGE)
    if not Path(gold).is_file():
        _fail(f"{gold}: no such file; give an ACLED CSV export (with notes, event_date and the coded columns)", EXIT_USAGE)
    store = open_store(db, read_only=True) if db and Path(db).exists() else None
    if db and store is None:
        _fail(f"{db}: no such database; load places with 'sitroom gazetteer add ML --db {db}' or leave out --db")
    try:
        knowledge = load_knowledge(store, kb or ())
        total = row_count(gold, every)
        if as_json:
            scores = score_file(gold, knowledge, every)
        else:
            with _bar("extracting ACLED notes") as bar:
                task = bar.add_task("eval", total=total)
                scores = score_file(gold, knowledge, every, progress=lambda n: bar.advance(task, n))
    except SourceError as error:
        _fail(str(error), EXIT_USAGE)
    except SitroomError as error:
        _fail(str(error))
    finally:
        if store:
            store.close()
    summary = scores.summary()
    if as_json:
        _print_json({"file": gold, **summary, "confusion": scores.confusion()})
        return
    table = Table(title=f"{escape(gold)}: {summary['rows']} rows, the surest event of each against ACLED's coding")
    table.add_column("field")
    table.add_column("score", justify="right")
    labels = {
        "event_found": "rows with an event", "event_type": "event_type accuracy", "event_type_macro_f1": "event_type macro-F1",
        "sub_event_type": "sub_event_type accuracy", "sub_event_type_macro_f1": "sub_event_type macro-F1", "actor1": "actor1",
        "actor2": "actor2", "location_25km": "location within 25 km", "admin1": "admin1", "fatalities": "fatalities exact",
    }
    for key, label in labels.items():
        table.add_row(label, f"{summary[key]:.3f}")
    out.print(table)
    confusion = scores.confusion()
    types = sorted({t for row in confusion.values() for t in row} | set(confusion))
    matrix = Table(title="event_type: ACLED (rows) against sitroom (columns)")
    matrix.add_column("ACLED")
    for t in types:
        matrix.add_column(escape(t[:18]), justify="right")
    for gold_type in sorted(confusion):
        matrix.add_row(escape(gold_type), *[str(confusion[gold_type].get(t, "")) for t in types])
    out.print(matrix)
    for field, lines in scores.misses.items():
        for line in lines[:misses]:
            out.print(f"[dim]{field}[/] {escape(line)}", highlight=False, soft_wrap=True)
    if scores.failures:
        out.print(f"[yellow]{len(scores.failures)} rows failed[/]: {escape(scores.failures[0])}", highlight=False)


def register(app: typer.Typer) -> None:
    app.command()(events)
    app.command()(extract)
    eval_app = typer.Typer(help="Score sitroom against coded event data.", no_args_is_help=True)
    eval_app.command("acled")(eval_acled)
    app.add_typer(eval_app, name="eval")
