"""The `sitroom` command (Typer + Rich), thin over the application layer (sitroom.pipeline).

One module of shared options and messages (common), one module per command group; each command parses
its arguments, calls one Workspace or Runner method and prints what comes back.
"""

from __future__ import annotations

from typing import Annotated

import typer

from ..version import __version__
from . import demo, evaluations, events, incidents, knowledge, pages, system
from .common import out
from .training import train_app

app = typer.Typer(
    name="sitroom",
    help="sitroom: saved news and analysis pages about armed conflict in, a cited event database out.\n\n"
    "Example: sitroom ingest ~/mali-pages/ --db mali.duckdb",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
)
eval_app = typer.Typer(help="Score sitroom against coded event data.", no_args_is_help=True)


def _version_callback(value: bool) -> None:
    if value:
        out.print(f"sitroom {__version__}", markup=False)
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[bool, typer.Option("--version", callback=_version_callback, is_eager=True, help="Print the version.")] = False,
) -> None:
    """sitroom: saved news and analysis pages about armed conflict in, a cited event database out."""


pages.register(app)
demo.register(app)
events.register(app, eval_app)
evaluations.register(eval_app)
incidents.register(app)
knowledge.register(app)
system.register(app)
app.add_typer(eval_app, name="eval")
app.add_typer(train_app, name="train")


def main() -> None:
    app()


__all__ = ["app", "main"]
