"""The event layer's commands: `sitroom events`, `sitroom extract`, `sitroom eval acled` and `sitroom eval toponyms`."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from .common import (
    DbOption,
    JsonOption,
    KbOption,
    LimitOption,
    bar,
    checked_input,
    choice,
    err,
    failures_reported,
    listed_json,
    out,
    print_json,
    print_scores,
    query,
    say,
    settings,
    shown,
    usage,
    workspace,
)

MODALITIES = ("asserted", "reported", "hypothetical", "planned", "negated", "historical")
DEFAULT_LIMIT = 200


def events(
    db: DbOption = None,
    country: Annotated[str | None, typer.Option(help="Country code (ML) or name (Mali), or a place name.")] = None,
    actor: Annotated[str | None, typer.Option(help="Part of an actor's name or id, any case: 'mujao', 'French'.")] = None,
    type_: Annotated[str | None, typer.Option("--type", help="An event class (airstrike), ACLED type (Battles) or sub-type (Armed clash).")] = None,
    since: Annotated[str | None, typer.Option(help="Only events on or after this date (YYYY-MM-DD).")] = None,
    until: Annotated[str | None, typer.Option(help="Only events on or before this date (YYYY-MM-DD).")] = None,
    modality: Annotated[list[str] | None, typer.Option(help="asserted, reported, hypothetical, planned, negated or historical; repeat for more [default: all].")] = None,
    text: Annotated[str | None, typer.Option("--text", help="Only events whose sentence contains this text, any case.")] = None,
    limit: LimitOption = DEFAULT_LIMIT,
    explain: Annotated[str | None, typer.Option("--explain", metavar="ID", help="Show one event and the rule behind each of its fields.")] = None,
    as_json: JsonOption = False,
) -> None:
    """List stored events with the sentence each stands on, filtered by country, actor, type, date or modality.

    Example: sitroom events --country ML --type airstrike --since 2013-01-01 --modality asserted --db mali.duckdb
    """
    if explain:
        with workspace(db) as opened:
            event = opened.event(explain)
        explain_event(event, as_json)
        return
    for m in modality or ():
        choice(m, "--modality", MODALITIES)
    selected = query(
        since=since, until=until, country=country, actor=actor, type_=type_, limit=limit, modalities=tuple(modality or ()), text=text,
    )
    with workspace(db) as opened:
        found = opened.events(selected)
    if as_json:
        listed_json("events", found)
        return
    if not found.total:
        out.print("no events match; try fewer filters, or 'sitroom annotate --db FILE' if the articles were stored before extraction existed", markup=False)
        return
    from ..show import print_events

    print_events(out, found.items, title=shown(len(found.items), found.total, "events"))


HOW_LABELS = {
    "trigger": "trigger", "class": "class", "actor1": "actor1", "actor2": "actor2", "place": "place", "date": "date",
    "modality": "modality", "fatalities": "fatalities",
}


def explain_event(event, as_json: bool) -> None:
    """An event's fields, each with the rule (or model) that produced it."""
    if as_json:
        print_json({"id": event.id, "how": event.how, "event": event.model_dump(mode="json")})
        return
    values = {
        "trigger": event.trigger,
        "class": f"{event.event_class} ({event.event_type} / {event.sub_event_type})",
        "actor1": event.actor1.name if event.actor1 else None,
        "actor2": event.actor2.name if event.actor2 else None,
        "place": event.location.name if event.location else None,
        "date": f"{event.date.start}/{event.date.end}" if event.date else None,
        "modality": event.modality,
        "fatalities": None if event.fatalities is None else str(event.fatalities.count if event.fatalities.count is not None else event.fatalities.low),
    }
    out.print(Text.assemble(("event ", "bold"), event.id, " in article ", event.article_id), soft_wrap=True)
    out.print(Text.assemble(("sentence: ", "bold"), event.evidence.text), soft_wrap=True)
    for told in event.retold:  # the toll given later, "the attack" again: where the other fields may come from
        out.print(Text.assemble(("told again: ", "bold"), told.text), soft_wrap=True)
    table = Table(title="each field and the rule that produced it", expand=True)
    for column in ("field", "value", "rule"):
        table.add_column(column)
    for field in dict.fromkeys([*HOW_LABELS, *event.how]):
        value, rule = values.get(field), event.how.get(field)
        if value is None and rule is None:
            continue
        table.add_row(escape(field), escape(str(value) if value is not None else "-"), escape(rule or "-"))
    out.print(table)


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
    from ..model import IngestFailure
    from ..pipeline.tasks import extract_texts, read_texts

    choice(fmt, "--format", ("jsonl", "json"))
    if input_path != "-" and not Path(input_path).is_file():
        usage("E203", path=input_path, expected='give a JSON Lines file with one {"id", "text"} object a line')
    chosen = settings(None, kb)
    failures: list[IngestFailure] = []

    def readable():
        for item in read_texts(input_path):
            if isinstance(item, IngestFailure):
                failures.append(item)
                err.print(Text.assemble(("skipped ", "yellow"), item.error), highlight=False, soft_wrap=True)
            else:
                yield item

    with failures_reported():
        extracted = extract_texts(readable(), chosen, db)
    sink = _sink(out_path)
    written = []
    try:
        with failures_reported(), bar("extracting") as progress:
            task = progress.add_task("extract", total=None)
            for _item, result in extracted:
                progress.advance(task)
                if isinstance(result, IngestFailure):
                    failures.append(result)
                    err.print(Text.assemble(("failed ", "yellow"), result.error), highlight=False, soft_wrap=True)
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
    if out_path:
        err.print(f"wrote {out_path}" + (f"; {len(failures)} lines failed (listed above)" if failures else ""), highlight=False, markup=False)


def _sink(out_path: Path | None):
    """Where `extract` writes: the --out file (E403 when it cannot be made) or standard output."""
    from ..export import open_output

    if out_path is None:
        return sys.stdout
    with failures_reported():
        return open_output(out_path)


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
    from ..pipeline.tasks import acled_rows, score_acled

    checked_input(gold, every, "give an ACLED CSV export (with notes, event_date and the coded columns)")
    chosen = settings(None, kb)
    with failures_reported():
        if as_json:
            scores = score_acled(gold, chosen, db, every)
        else:
            with bar("extracting ACLED notes") as progress:
                task = progress.add_task("eval", total=acled_rows(gold, every))
                scores = score_acled(gold, chosen, db, every, progress=lambda n: progress.advance(task, n))
    summary = scores.summary()
    if as_json:
        print_json({"file": gold, **summary, "confusion": scores.confusion()})
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
            say(f"[dim]{field}[/] {{}}", line)
    if scores.failures:
        say(f"[yellow]{len(scores.failures)} rows failed[/]: {{}}", scores.failures[0])


def eval_toponyms(
    path: Annotated[str, typer.Argument(metavar="FILE.xml", help="An LGL / TR-News / GeoWebNews XML file of articles with gold toponyms.", show_default=False)],
    db: Annotated[str | None, typer.Option("--db", help="Take knowledge (GeoNames places) from this database.", show_default=False)] = None,
    kb: KbOption = None,
    every: Annotated[int, typer.Option(help="Score every Nth article only (quicker on big files).")] = 1,
    misses: Annotated[int, typer.Option(help="Print this many of the worst cases (0: none).")] = 0,
    as_json: JsonOption = False,
) -> None:
    """Annotate each article's text and score its place mentions (span overlap) and links (within 161 km, country) against the gold toponyms.

    Example: sitroom eval toponyms ../shared/data/realtext/toponyms/lgl.xml --json
    """
    from ..pipeline.tasks import score_toponyms

    checked_input(path, every, "give an XML file of <articles> with <toponyms> (LGL, TR-News, GeoWebNews)")
    chosen = settings(None, kb)
    with failures_reported():
        scores = score_toponyms(path, chosen, db, every)
    summary = scores.summary()
    print_scores(path, f"{summary['articles']} articles, {summary['gold']} gold toponyms", scores, as_json, misses, failed="articles failed")


def eval_all(
    data: Annotated[Path, typer.Option(help="The folder holding acled/, geonames/ and webextract/ (the shared development data).")] = Path("../shared/data"),
    sample: Annotated[bool, typer.Option("--sample", help="Score the fixed samples make test uses instead of the full sets.")] = False,
    as_json: JsonOption = False,
) -> None:
    """Run every evaluation on real labelled data (ACLED notes and places, web pages) and print the scores.

    Example: sitroom eval all --data ../shared/data --json > eval.json
    """
    from ..evaluate.suite import run_all

    if not data.is_dir():
        usage("E203", path=data, expected="give the folder that holds acled/, geonames/ and webextract/")
    with failures_reported():
        results = run_all(data, full=not sample, say=lambda m: err.print(f"scoring {m}", highlight=False, markup=False))
    if as_json:
        print_json(results)
        return
    for name, summary in results.items():
        if isinstance(summary, dict) and name != "skipped":
            say("[bold]{}[/]: {}", name, ", ".join(f"{k} {v}" for k, v in summary.items()))
    for name, why in results["skipped"].items():
        say("[yellow]skipped[/] {}: {}", name, why)


def register(app: typer.Typer, eval_app: typer.Typer) -> None:
    app.command()(events)
    app.command()(extract)
    eval_app.command("acled")(eval_acled)
    eval_app.command("toponyms")(eval_toponyms)
    eval_app.command("all")(eval_all)
