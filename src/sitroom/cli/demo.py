"""`sitroom demo`: the bundled corpus in, every output a newcomer should see out."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from .common import (
    JsonOption,
    QuietOption,
    failures_reported,
    out,
    print_json,
    progress_shown,
    say,
    settings,
    workspace,
)
from .pages import print_summary, report_json


def demo(
    db: Annotated[str, typer.Option("--db", help="Database to create for the demo (replaced if it exists).")] = "sitroom-demo.duckdb",
    out_dir: Annotated[Path, typer.Option("--out", help="Folder for the demo's exports.")] = Path("out"),
    as_json: JsonOption = False,
    quiet: QuietOption = False,
) -> None:
    """Ingest the bundled demo corpus (northern Mali, 2012–2013) into a fresh database and show what was stored.

    Example: sitroom demo --db demo.duckdb --out out/
    """
    from ..pipeline import demo as run_demo
    from ..report.content import counted

    chosen = settings(db)
    with failures_reported(), progress_shown("reading and annotating pages", "read", show=not quiet and not as_json) as listen:
        result = run_demo(db, out_dir, settings=chosen, on_progress=listen)
    situation = result.outputs["report"]
    if as_json:
        print_json({**report_json(result.ingest), "db": db, "export": str(result.outputs["articles"]), "report": str(situation)})
        return
    if quiet:
        return
    print_summary(result.ingest, db)
    from ..show import print_demo, print_event_summary

    with workspace(db) as opened:
        print_demo(out, opened.store)
        print_event_summary(out, opened.store.events(), opened.store.claims(), opened.store.relations())
    incidents, compared = result.report.incidents, result.report.conflicts
    several = sum(1 for i in incidents if len(i.article_ids) > 1)
    states = {s: sum(1 for c in compared if c.status == s) for s in ("contradicted", "corroborated", "noted")}
    say(
        f"\n[bold]across sources[/]: {counted(len(incidents), 'incident')}, {several} told by several articles; "
        f"{states['contradicted']} contradictions, {states['corroborated']} corroborations, {states['noted']} noted differences "
        "(sitroom incidents --min-reports 2 · sitroom conflicts --db {})",
        db,
    )
    say(
        "\nresults: database [bold]{}[/]; in [bold]{}/[/]: articles and mentions (JSON), events, claims and relations"
        " (demo-events.json), ACLED-format events (demo-acled.csv), a map layer (demo-events.geojson)",
        db, out_dir,
    )
    say("next: sitroom events --db {0}   ·   sitroom events --modality hypothetical --db {0}   ·   sitroom article ID --annotated --db {0}", db)
    say(
        "\n[bold]situation report[/] (map, timeline, actor network, contradictions; opens offline): [bold]{}[/]  (Markdown for a brief: {})",
        situation.resolve(), result.outputs["brief"],
    )


def register(app: typer.Typer) -> None:
    app.command()(demo)
