"""Knowledge commands: `sitroom gazetteer add|find` and `sitroom kb check|show`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from .common import (
    DbOption,
    JsonOption,
    KbOption,
    failures_reported,
    out,
    print_json,
    say,
    settings,
    workspace,
)

gazetteer_app = typer.Typer(help="Load GeoNames places into the database, and look names up.", no_args_is_help=True)
kb_app = typer.Typer(help="Check actor knowledge files and see what an alias names.", no_args_is_help=True)


@gazetteer_app.command("add")
def gazetteer_add(
    targets: Annotated[list[str], typer.Argument(help="GeoNames files (ML.txt, cities500.txt, allCountries.txt, alternateNames, admin1CodesASCII.txt, or a .zip of them), or country codes to download.", show_default=False)],
    db: DbOption = None,
) -> None:
    """Load GeoNames dumps into the database's gazetteer (a country code downloads it from geonames.org).

    Example: sitroom gazetteer add ML --db mali.duckdb   (or: sitroom gazetteer add ML.txt admin1CodesASCII.txt --db mali.duckdb)

    Places load before admin1 and alternate names, whatever the order given.

    Every file is checked before any is loaded: one cut short, not UTF-8 or not GeoNames' stops the command with its name and line, and nothing is loaded.

    Then run 'sitroom reextract' (or 'sitroom annotate') to resolve stored articles' places again with it.
    """
    with workspace(db, read_only=False) as opened:
        loaded = opened.add_gazetteer(targets)
    for item in loaded:
        say(f"loaded {item.rows:,} {item.kind.replace('_', ' ')} rows from {{}}", item.path)


@gazetteer_app.command("find")
def gazetteer_find(
    name: Annotated[str, typer.Argument(help="A place name.", show_default=False)],
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """List the places a name may mean, in the built-in gazetteer and any GeoNames files loaded.

    Example: sitroom gazetteer find Konna --db mali.duckdb
    """
    from ..pipeline.tasks import find_places

    with failures_reported():
        places = find_places(name, settings(db))
    if as_json:
        print_json({"places": [p.model_dump() for p in places]})
        return
    table = Table(title=f"{len(places)} places named {escape(repr(name))}")
    for column in ("id", "name", "feature", "country", "admin1", "lat", "lon", "population"):
        table.add_column(column)
    for p in sorted(places, key=lambda p: -p.population):
        table.add_row(p.id, escape(p.name), p.feature, p.country or "", escape(p.admin1 or ""), f"{p.lat:.4f}", f"{p.lon:.4f}", f"{p.population:,}")
    out.print(table)


@kb_app.command("check")
def kb_check(file: Annotated[Path, typer.Argument(help="An actor file (YAML).", show_default=False)]) -> None:
    """Validate an actor file: every entry's fields, unique ids and aliases, known affiliations.

    Example: sitroom kb check my-actors.yaml
    """
    from ..pipeline.tasks import check_actor_file

    with failures_reported():
        mine = check_actor_file(file)
    say(f"{{}}: {len(mine)} actors, {sum(len(a.aliases) for a in mine)} aliases, all valid", file)


@kb_app.command("show")
def kb_show(
    name: Annotated[str, typer.Argument(help="An alias or id, e.g. 'Ansar al-Din' or 'aqim'.", show_default=False)],
    kb: KbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Show the actor an alias (or id) resolves to, with its affiliations.

    Example: sitroom kb show "Ansar Eddine"
    """
    from ..pipeline.tasks import look_up_actor

    with failures_reported():
        actor, affiliations = look_up_actor(name, settings(None, kb))
    if as_json:
        print_json(actor.model_dump())
        return
    for label, value in (
        ("id", actor.id), ("name", actor.name), ("kind", actor.kind), ("ACLED inter", str(actor.inter)),
        ("ACLED name", actor.acled_name), ("role", actor.role), ("aliases", ", ".join(actor.aliases)),
        ("affiliations", ", ".join(f"{a.name} ({a.id})" for a in affiliations)),
        ("countries", ", ".join(actor.countries)), ("active", actor.active), ("wikidata", actor.wikidata),
        ("note", actor.note), ("defined at", actor.source),
    ):
        if value:
            say(f"[bold]{label}:[/] {{}}", value)


def register(app: typer.Typer) -> None:
    app.add_typer(gazetteer_app, name="gazetteer")
    app.add_typer(kb_app, name="kb")
