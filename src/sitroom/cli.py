"""The `sitroom` command: parses arguments, calls one library function, prints. No logic of its own."""

from __future__ import annotations

import json
import sys
from importlib import resources
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from . import __version__
from .errors import ArticleNotFound, SitroomError, SourceError
from .export import WHATS, export_records, render
from .model import Article, IngestReport
from .sources import ReadOptions
from .store import default_db_path, open_store

app = typer.Typer(
    name="sitroom",
    help="sitroom: saved news and analysis pages about armed conflict in, a cited event database out.\n\n"
    "Example: sitroom ingest ~/mali-pages/ --db mali.duckdb",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
)
out = Console()
err = Console(stderr=True)

DbOption = Annotated[
    Optional[str], typer.Option("--db", help="DuckDB file to use [default: $SITROOM_DB or ./sitroom.duckdb].", show_default=False)
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON for scripts instead of tables.")]
QuietOption = Annotated[bool, typer.Option("--quiet", "-q", help="Print nothing but errors (and --json output).")]

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def _fail(message: str, code: int = EXIT_FAILED) -> None:
    err.print(f"[bold red]error:[/] {message}", highlight=False, markup=True, soft_wrap=True)
    raise typer.Exit(code)


def _db(db: str | None) -> str:
    return db or default_db_path()


def _print_json(document) -> None:
    sys.stdout.write(json.dumps(document, ensure_ascii=False, indent=2) + "\n")


def _report_json(report: IngestReport) -> dict:
    return {
        "read": report.read,
        "stored": report.stored,
        "duplicates": report.duplicates,
        "failed": [{"path": f.source, "kind": f.kind, "error": f.error} for f in report.failed],
        "skipped": [{"path": f.source, "kind": f.kind, "error": f.error} for f in report.skipped],
    }


def _run_ingest(inputs: list[str], db_path: str, options: ReadOptions, quiet: bool, as_json: bool) -> IngestReport:
    from .ingest import ingest

    show = not quiet and not as_json
    with open_store(db_path) as store:
        if not show:
            return ingest(inputs, store, options)
        with Progress(
            TextColumn("[bold]reading pages"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), console=err, transient=True
        ) as bar:
            task = bar.add_task("ingest", total=None)

            def progress(kind: str, value: int | None) -> None:
                if kind == "total":
                    bar.update(task, total=value)
                else:
                    bar.advance(task)

            def on_failure(failure) -> None:
                bar.console.print(f"[yellow]skipped[/] {failure.source}: {failure.error}", highlight=False, soft_wrap=True)

            return ingest(inputs, store, options, progress=progress, on_failure=on_failure)


def _print_summary(report: IngestReport, db_path: str) -> None:
    out.print(
        f"read [bold]{report.read}[/] pages: [green]{report.stored} stored[/], {report.duplicates} duplicates "
        f"(already stored or near-identical copies), [red]{len(report.failed)} failed[/] → {db_path}",
        highlight=False,
    )
    if report.failed:
        kinds: dict[str, int] = {}
        for failure in report.failed:
            kinds[failure.kind] = kinds.get(failure.kind, 0) + 1
        out.print("failures by reason: " + ", ".join(f"{k} {n}" for k, n in sorted(kinds.items())), highlight=False)
    if report.skipped:
        out.print(f"{len(report.skipped)} stored but not English, kept out of the English pipeline", highlight=False)


@app.command()
def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files, folders (read recursively), globs, http(s) URLs, or - for stdin.", show_default=False)],
    db: DbOption = None,
    as_json: JsonOption = False,
    quiet: QuietOption = False,
    max_bytes: Annotated[int, typer.Option(help="Skip pages larger than this many bytes.")] = ReadOptions.max_bytes,
    timeout: Annotated[float, typer.Option(help="Seconds to wait for a URL.")] = ReadOptions.timeout,
    allow_private: Annotated[bool, typer.Option("--allow-private", help="Let URLs reach loopback, private or link-local addresses.")] = False,
) -> None:
    """Read saved pages (HTML, scraped text, JSON Lines, URLs) into clean articles in the database.

    Example: sitroom ingest pages/ extra/*.html feed.jsonl https://example.org/story --db mali.duckdb

    Exit status: 0 when it ran (even if some pages failed), 1 when nothing could be read, 2 on a usage error.
    """
    db_path = _db(db)
    options = ReadOptions(max_bytes=max_bytes, allow_private=allow_private, timeout=timeout)
    try:
        report = _run_ingest(paths, db_path, options, quiet, as_json)
    except SourceError as error:
        _fail(str(error), EXIT_USAGE)
    except SitroomError as error:
        _fail(str(error))
    if as_json:
        _print_json(_report_json(report))
    elif not quiet:
        _print_summary(report, db_path)
    nothing = report.read == 0 or (report.stored == 0 and report.duplicates == 0)
    raise typer.Exit(EXIT_FAILED if nothing else EXIT_OK)


def _open_existing(db: str | None):
    db_path = _db(db)
    if not Path(db_path).exists():
        _fail(f"{db_path}: no such database; create one with 'sitroom ingest PATH --db {db_path}' or 'sitroom demo'")
    try:
        return open_store(db_path, read_only=True)
    except SitroomError as error:
        _fail(str(error))


@app.command()
def articles(
    db: DbOption = None,
    as_json: JsonOption = False,
    language: Annotated[Optional[str], typer.Option(help="Only articles in this language (ISO code, e.g. en).")] = None,
    limit: Annotated[Optional[int], typer.Option(help="Show at most this many.")] = None,
) -> None:
    """List stored articles: id, date, title, source, and how much of each page was read.

    Example: sitroom articles --db mali.duckdb --language en
    """
    with _open_existing(db) as store:
        found = list(store.articles(language=language, limit=limit))
    if as_json:
        _print_json({"articles": [_article_row(a) for a in found]})
        return
    table = Table(title=f"{len(found)} articles", show_lines=False)
    for column in ("id", "date", "title", "authors", "source", "¶", "notes", "comments", "lang"):
        table.add_column(column, overflow="fold")
    for a in found:
        row = _article_row(a)
        table.add_row(
            row["id"], row["date"] or "", row["title"] or "", ", ".join(a.authors), a.source, str(len(a.paragraphs)),
            str(len(a.footnotes)), str(len(a.comments)), a.language,
        )
    out.print(table)


def _article_row(a: Article) -> dict:
    when = a.published.isoformat() if a.published else (f"≥{a.published_earliest.isoformat()}" if a.published_earliest else None)
    return {"id": a.id, "date": when, "title": a.title, "source": a.source, "language": a.language,
            "paragraphs": len(a.paragraphs), "footnotes": len(a.footnotes), "comments": len(a.comments)}


@app.command()
def article(
    article_id: Annotated[str, typer.Argument(help="An article id, or its first characters.", show_default=False)],
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Show one stored article: its parts, and the chrome that was cut from it.

    Example: sitroom article 8f7f4e83 --db mali.duckdb
    """
    with _open_existing(db) as store:
        try:
            found = store.article(article_id)
        except ArticleNotFound as error:
            _fail(str(error))
    if as_json:
        _print_json(found.model_dump(mode="json"))
        return
    from .show import print_article

    print_article(out, found)


@app.command()
def export(
    what: Annotated[str, typer.Option(help=f"What to export: {', '.join(WHATS)}.")] = "articles",
    fmt: Annotated[str, typer.Option("--format", help="json (one object) or jsonl (one record a line).")] = "json",
    db: DbOption = None,
    out_path: Annotated[Optional[Path], typer.Option("--out", help="Write here instead of to standard output.")] = None,
) -> None:
    """Export stored records as JSON: {"articles": [...]}.

    Example: sitroom export --what articles --format json --db mali.duckdb --out articles.json
    """
    if what not in WHATS:
        _fail(f"--what {what!r} is not known; choose one of: {', '.join(WHATS)}", EXIT_USAGE)
    if fmt not in ("json", "jsonl"):
        _fail(f"--format {fmt!r} is not known; choose json or jsonl", EXIT_USAGE)
    with _open_existing(db) as store:
        text = render(export_records(store, what), fmt)  # type: ignore[arg-type]
    if out_path:
        out_path.parent.mkdir(parents=True, exist_ok=True)
        out_path.write_text(text, encoding="utf-8")
        err.print(f"wrote {out_path}", highlight=False)
    else:
        sys.stdout.write(text)


@app.command()
def demo(
    db: Annotated[str, typer.Option("--db", help="Database to create for the demo (replaced if it exists).")] = "sitroom-demo.duckdb",
    out_dir: Annotated[Path, typer.Option("--out", help="Folder for the demo's exports.")] = Path("out"),
    as_json: JsonOption = False,
    quiet: QuietOption = False,
) -> None:
    """Ingest the bundled demo corpus (northern Mali, 2012–2013) into a fresh database and show what was stored.

    Example: sitroom demo --db demo.duckdb --out out/
    """
    corpus = resources.files("sitroom") / "demo" / "corpus"
    db_path = Path(db)
    if db_path.exists():
        db_path.unlink()
    with resources.as_file(corpus) as corpus_dir:
        report = _run_ingest([str(corpus_dir)], str(db_path), ReadOptions(), quiet, as_json)
    with open_store(db_path, read_only=True) as store:
        exported = out_dir / "demo-articles.json"
        out_dir.mkdir(parents=True, exist_ok=True)
        exported.write_text(render(export_records(store, "articles"), "json"), encoding="utf-8")
        if as_json:
            _print_json({**_report_json(report), "db": str(db_path), "export": str(exported)})
            return
        if quiet:
            return
        _print_summary(report, str(db_path))
        from .show import print_demo

        print_demo(out, store)
    out.print(f"\nresults: database [bold]{db_path}[/], articles as JSON [bold]{exported}[/]", highlight=False)
    out.print(f"next: sitroom articles --db {db_path}   ·   sitroom article ID --db {db_path}", highlight=False)


@app.command()
def doctor(db: DbOption = None, as_json: JsonOption = False) -> None:
    """Check Python, the spaCy model, the database and optional parts, and say what to fix.

    Example: sitroom doctor --db mali.duckdb
    """
    from .doctor import run_checks

    checks = run_checks(_db(db))
    if as_json:
        _print_json([c.__dict__ for c in checks])
    else:
        for c in checks:
            mark = "[green]ok[/]" if c.ok else ("[red]FAIL[/]" if c.required else "[yellow]missing[/]")
            out.print(f"{mark}  {c.name}: {c.detail}" + (f"\n      fix: {c.fix}" if not c.ok and c.fix else ""), highlight=False)
    if any(not c.ok and c.required for c in checks):
        raise typer.Exit(EXIT_FAILED)


@app.command()
def schema(markdown: Annotated[bool, typer.Option("--markdown", help="Print docs/schema.md instead of the JSON Schemas.")] = False) -> None:
    """Print the JSON Schema of every exported record.

    Example: sitroom schema > sitroom-schema.json
    """
    from .schema import json_schemas, schema_markdown

    if markdown:
        sys.stdout.write(schema_markdown())
    else:
        _print_json(json_schemas())


def _version_callback(value: bool) -> None:
    if value:
        out.print(f"sitroom {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[bool, typer.Option("--version", callback=_version_callback, is_eager=True, help="Print the version.")] = False,
) -> None:
    """sitroom: saved news and analysis pages about armed conflict in, a cited event database out."""


def main() -> None:
    app()


if __name__ == "__main__":
    main()
