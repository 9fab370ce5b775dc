"""What every command group shares: options, consoles, messages, exit codes, progress bars.

Commands parse their arguments, call one application-layer function and print what comes back. Errors
arrive as SitroomError with a catalogue code; `failures_reported` turns them into one line on stderr and
an exit code, here and nowhere else. Text from pages and paths is printed as text, never as markup.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Annotated, NoReturn

import typer
from pydantic import ValidationError
from rich.console import Console
from rich.markup import escape
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table
from rich.text import Text

from ..errors import SitroomError, UsageError
from ..pipeline.progress import (
    ItemFailed,
    ItemsDone,
    ProgressEvent,
    StageStarted,
    TotalKnown,
)
from ..query import Listing, Query
from ..settings import Settings

out = Console()
err = Console(stderr=True)

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2

DbOption = Annotated[
    str | None, typer.Option("--db", help="DuckDB file to use [default: $SITROOM_DB, sitroom.toml's db, or ./sitroom.duckdb].", show_default=False)
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON for scripts instead of tables.")]
QuietOption = Annotated[bool, typer.Option("--quiet", "-q", help="Print nothing but errors (and --json output).")]
KbOption = Annotated[
    list[str] | None,
    typer.Option("--kb", help="An extra actor file (YAML, see docs/knowledge.md); repeat for more. Also read from $SITROOM_KB.", show_default=False),
]
LimitOption = Annotated[int | None, typer.Option(help="Show at most this many (the output says how many there are in all).")]


def fail(error: SitroomError) -> NoReturn:
    """Print one line, 'error E…: what happened; what to do', and exit 2 for a usage error, else 1."""
    err.print(Text.assemble(("error ", "bold red"), (error.code, "bold red"), ": ", str(error)), highlight=False, soft_wrap=True)
    raise typer.Exit(EXIT_USAGE if error.usage else EXIT_FAILED)


def usage(code: str, **fields) -> NoReturn:
    fail(UsageError(code=code, **fields))


@contextmanager
def failures_reported() -> Iterator[None]:
    """Turn any SitroomError raised inside into its message and exit code."""
    try:
        yield
    except SitroomError as error:
        fail(error)


def settings(db: str | None = None, kb: list[str] | None = None) -> Settings:
    with failures_reported():
        return Settings.load(db=db, kb=tuple(kb or ()))


def print_json(document) -> None:
    sys.stdout.write(json.dumps(document, ensure_ascii=False, indent=2) + "\n")


def say(markup: str, *plain: str) -> None:
    """Print `markup` (sitroom's own words, with rich markup) with each of `plain` (paths, page text)
    escaped into its `{}` placeholders."""
    out.print(markup.format(*(escape(str(p)) for p in plain)), highlight=False, soft_wrap=True)


def date_option(value: str | None, name: str) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        usage("E202", option=name, value=value)


def query(
    *, since: str | None = None, until: str | None = None, country: str | None = None, actor: str | None = None,
    type_: str | None = None, limit: int | None = None, **more,
) -> Query:
    """The Query the listing options name; a bad date or a negative --limit is a usage error."""
    if limit is not None and limit < 0:
        usage("E204", option="--limit", expected="0 or more")
    try:
        return Query(
            since=date_option(since, "--since"), until=date_option(until, "--until"), countries=(country,) if country else (),
            actors=(actor,) if actor else (), classes=(type_,) if type_ else (), limit=limit, **more,
        )
    except ValidationError as error:
        problem = error.errors()[0]
        usage("E204", option="--" + "-".join(str(x) for x in problem["loc"]).replace("_", "-"), expected=problem["msg"].lower())


def listed_json(name: str, found: Listing) -> None:
    """A listing as JSON ({name: [...], "total", "next_cursor"}), and on stderr what was left out."""
    print_json({name: [r.model_dump(mode="json") for r in found.items], "total": found.total, "next_cursor": found.next_cursor})
    if len(found.items) < found.total:
        err.print(shown(len(found.items), found.total, name), highlight=False, markup=False)


def choice(value: str | None, option: str, choices: tuple[str, ...]) -> str | None:
    if value is not None and value not in choices:
        usage("E201", option=option, value=value, choices=", ".join(choices))
    return value


def shown(count: int, total: int, noun: str) -> str:
    """'12 events' or 'showing 200 of 1,204 events (--limit to see more)'."""
    if count < total:
        return f"showing {count:,} of {total:,} {noun} (--limit to see more)"
    return f"{total:,} {noun}"


def bar(label: str) -> Progress:
    return Progress(TextColumn(f"[bold]{escape(label)}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), console=err, transient=True)


@contextmanager
def progress_shown(label: str, stage: str, show: bool = True) -> Iterator:
    """A listener for a Runner's progress events that draws a bar for `stage` ('read', 'annotate',
    'reextract') and prints the pages that could not be read, or one that ignores them when `show` is false."""
    if not show:
        yield lambda _event: None
        return
    with bar(label) as progress:
        task = progress.add_task(label, total=None)

        def listen(event: ProgressEvent) -> None:
            if event.stage != stage and not isinstance(event, ItemFailed):
                return
            if isinstance(event, (TotalKnown, StageStarted)) and event.total is not None:
                progress.update(task, total=event.total)
            elif isinstance(event, ItemsDone):
                progress.advance(task, event.count)
            elif isinstance(event, ItemFailed) and event.stage == "read":  # the command lists annotation failures itself
                progress.console.print(
                    Text.assemble(("skipped ", "yellow"), event.failure.source, ": ", event.failure.error), highlight=False, soft_wrap=True
                )

        yield listen


@contextmanager
def workspace(db: str | None = None, kb: list[str] | None = None, *, read_only: bool = True, create: bool = True) -> Iterator:
    """The Workspace the options name (read-only unless asked; a missing database is made only when
    `create` and not `read_only`), its errors reported, closed afterwards."""
    from ..errors import DatabaseMissing
    from ..pipeline import Workspace

    chosen = settings(db, kb)
    if not create and not Path(chosen.db).exists():
        fail(DatabaseMissing(chosen.db))
    with failures_reported():
        opened = Workspace.open(settings=chosen, read_only=read_only)
    try:
        with failures_reported():
            yield opened
    finally:
        opened.close()


def checked_input(path: str, every: int, expected: str) -> None:
    """Usage errors for an evaluation's input: `--every` below 1, or `path` not a file (`expected` says what to give)."""
    if every < 1:
        usage("E204", option="--every", expected="1 or more")
    if not Path(path).is_file():
        usage("E203", path=path, expected=expected)


def print_scores(path: str, title: str, scores, as_json: bool, misses: int, failed: str = "failed") -> None:
    """An evaluation's summary as a table (or JSON with the misses), then its `misses` worst cases and its
    first failure. `scores` has `summary()`, `misses` (worst first) and `failures`."""
    summary = scores.summary()
    if as_json:
        print_json({"file": path, **summary, "misses": scores.misses[:misses]})
        return
    table = Table(title=f"{escape(path)}: {escape(title)}")
    table.add_column("score")
    table.add_column("value", justify="right")
    for key, value in summary.items():
        for name, shown_value in (value.items() if isinstance(value, dict) else [(None, value)]):
            table.add_row(escape(f"{key} {name}" if name else key), "" if shown_value is None else escape(str(shown_value)))
    out.print(table)
    for line in scores.misses[:misses]:
        say("{}", line)
    failures = getattr(scores, "failures", [])
    if failures:
        say(f"[yellow]{len(failures)} {failed}[/]: {{}}", failures[0])


__all__ = [
    "EXIT_FAILED", "EXIT_OK", "EXIT_USAGE", "DbOption", "JsonOption", "KbOption", "LimitOption", "QuietOption", "bar", "checked_input", "choice",
    "date_option", "err", "fail", "listed_json", "query", "failures_reported", "out", "print_json", "print_scores", "progress_shown", "say", "settings", "shown", "usage", "workspace",
]
