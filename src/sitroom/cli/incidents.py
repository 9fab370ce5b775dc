"""Across sources: `sitroom incidents` (and `incidents split ID`), `sitroom conflicts` and `sitroom report`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from .common import (
    DbOption,
    JsonOption,
    LimitOption,
    choice,
    listed_json,
    out,
    print_json,
    query,
    say,
    shown,
    workspace,
)

KINDS = ("date", "number", "place", "actor")
STATUSES = ("contradicted", "corroborated", "noted")


def incidents(
    ctx: typer.Context,
    db: DbOption = None,
    country: Annotated[str | None, typer.Option(help="Country code (ML) or name of the incident's place.")] = None,
    actor: Annotated[str | None, typer.Option(help="Part of an actor's name or id, any case.")] = None,
    type_: Annotated[str | None, typer.Option("--type", help="An event class, ACLED event type or sub-type.")] = None,
    since: Annotated[str | None, typer.Option(help="Only incidents on or after this date (YYYY-MM-DD).")] = None,
    until: Annotated[str | None, typer.Option(help="Only incidents on or before this date (YYYY-MM-DD).")] = None,
    min_reports: Annotated[int, typer.Option(help="Only incidents told by at least this many articles.")] = 1,
    limit: LimitOption = None,
    as_json: JsonOption = False,
) -> None:
    """List incidents: events from different articles that are one happening, with their reports and why they merged.

    Example: sitroom incidents --min-reports 2 --db mali.duckdb   (undo a wrong merge: sitroom incidents split ID)
    """
    if ctx.invoked_subcommand is not None:
        return
    selected = query(since=since, until=until, country=country, actor=actor, type_=type_, limit=limit, min_reports=min_reports)
    with workspace(db) as opened:
        found = opened.incidents(selected)
    if as_json:
        listed_json("incidents", found)
        return
    from ..reconcile.incidents import toll

    table = Table(title=shown(len(found.items), found.total, "incidents"), expand=True)
    for column in ("id", "date", "incident", "where", "dead", "reports", "why merged"):
        table.add_column(column)
    for i in found.items:
        table.add_row(
            i.id, str(i.date.start) if i.date else "?", escape(f"{i.event_class}\n{', '.join(a.name for a in i.actors[:3])}"),
            escape(i.location.name if i.location else "?"), toll(i.fatalities_low, i.fatalities_high), str(len(i.article_ids)),
            escape("\n".join(r.split(": ", 1)[-1] for r in i.reasons[1:3]) or "one report"),
        )
    out.print(table)


def split_incident(
    incident_id: Annotated[str, typer.Argument(help="The incident's id (or its first characters).", show_default=False)],
    db: DbOption = None,
) -> None:
    """Undo a wrong merge: every report of the incident becomes an incident of its own, and stays apart.

    Example: sitroom incidents split inc-a6e1669746ea --db mali.duckdb
    """
    with workspace(db, read_only=False, create=False) as opened:
        made = opened.split(incident_id)
    say("split into {} incidents: {}", len(made), ", ".join(made))


def conflicts(
    db: DbOption = None,
    status: Annotated[str | None, typer.Option(help="contradicted, corroborated or noted [default: all].")] = None,
    kind: Annotated[str | None, typer.Option(help="date, number, place or actor [default: all].")] = None,
    as_json: JsonOption = False,
) -> None:
    """Compare what sources say about the same thing: dates, tolls, figures, places, who did it.

    Example: sitroom conflicts --status contradicted --db mali.duckdb
    """
    choice(status, "--status", STATUSES)
    choice(kind, "--kind", KINDS)
    with workspace(db) as opened:
        found = opened.conflicts(status=status, kind=kind)
    if as_json:
        print_json({"conflicts": [c.model_dump(mode="json") for c in found]})
        return
    table = Table(title=f"{len(found)} comparisons across sources", expand=True, show_lines=True)
    for column in ("status", "kind", "about", "what each source says"):
        table.add_column(column)
    style = {"contradicted": "red", "corroborated": "green", "noted": "yellow"}
    for c in found:
        said = "\n".join(f"[bold]{escape(i.value)}[/] ({i.article_id[:8]}): {escape(i.evidence.text[:120])}" for i in c.items)
        table.add_row(f"[{style[c.status]}]{c.status}[/]", c.kind, escape(c.topic), said)
    out.print(table)


def report(
    db: DbOption = None,
    out_path: Annotated[Path, typer.Option("--out", help="report.html (one self-contained file) or report.md (to paste into a brief).")] = Path("report.html"),
    since: Annotated[str | None, typer.Option(help="Only incidents on or after this date (YYYY-MM-DD).")] = None,
    until: Annotated[str | None, typer.Option(help="Only incidents on or before this date (YYYY-MM-DD).")] = None,
    country: Annotated[str | None, typer.Option(help="Country code (ML) or name of the incidents' place.")] = None,
    actor: Annotated[str | None, typer.Option(help="Part of an actor's name or id, any case.")] = None,
) -> None:
    """Write the situation report: headline numbers, summary, map, timeline, actor network, figures and contradictions, all cited.

    Example: sitroom report --out mali-jan2013.html --since 2013-01-01 --until 2013-01-31 --country ML --db mali.duckdb
    """
    from ..report.content import counted

    selected = query(since=since, until=until, country=country, actor=actor)
    with workspace(db) as opened:
        content = opened.report(selected, out_path)
    say(
        f"report: {counted(len(content.incidents), 'incident')}, {counted(len(content.contradictions), 'contradiction')}, "
        f"{counted(len(content.articles), 'source')} -> [bold]{{}}[/]",
        out_path,
    )
    if not content.incidents:
        say("no incidents in scope; try fewer filters, or check 'sitroom incidents --db FILE'")


def register(app: typer.Typer) -> None:
    incidents_app = typer.Typer(invoke_without_command=True)  # its help is the listing's docstring
    incidents_app.callback()(incidents)
    incidents_app.command("split")(split_incident)
    app.add_typer(incidents_app, name="incidents")
    app.command()(conflicts)
    app.command()(report)
