"""Pages in, articles out: `sitroom ingest`, `annotate`, `reextract`, `migrate`, `articles`, `article`, `export`."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.text import Text

from ..export import FORMATS, WHATS, write_file
from ..model import Article, IngestReport
from ..settings import ReadOptions
from .common import (
    EXIT_FAILED,
    EXIT_OK,
    DbOption,
    JsonOption,
    KbOption,
    LimitOption,
    QuietOption,
    choice,
    err,
    fail,
    failures_reported,
    out,
    print_json,
    progress_shown,
    say,
    settings,
    shown,
    usage,
    workspace,
)


def report_json(report: IngestReport) -> dict:
    return {
        "read": report.read,
        "stored": report.stored,
        "duplicates": report.duplicates,
        "failed": [{"path": f.source, "kind": f.kind, "error": f.error} for f in report.failed],
        "skipped": [{"path": f.source, "kind": f.kind, "error": f.error} for f in report.skipped],
    }


def print_summary(report: IngestReport, db_path: str) -> None:
    say(
        f"read [bold]{report.read}[/] pages: [green]{report.stored} stored[/], {report.duplicates} duplicates "
        f"(already stored or near-identical copies), [red]{len(report.failed)} failed[/] → {{}}",
        db_path,
    )
    if report.failed:
        kinds: dict[str, int] = {}
        for failure in report.failed:
            kinds[failure.kind] = kinds.get(failure.kind, 0) + 1
        say("failures by reason: {}", ", ".join(f"{k} {n}" for k, n in sorted(kinds.items())))
    if report.skipped:
        say(f"{len(report.skipped)} stored but not English, kept out of the English pipeline")


def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files, folders (read recursively), globs, http(s) URLs, or - for stdin.", show_default=False)],
    db: DbOption = None,
    as_json: JsonOption = False,
    quiet: QuietOption = False,
    max_bytes: Annotated[int, typer.Option(help="Skip pages larger than this many bytes.")] = ReadOptions.max_bytes,
    timeout: Annotated[float, typer.Option(help="Seconds to wait for a URL.")] = ReadOptions.timeout,
    allow_private: Annotated[bool, typer.Option("--allow-private", help="Let URLs reach loopback, private or link-local addresses.")] = False,
    kb: KbOption = None,
    annotate: Annotated[bool, typer.Option("--annotate/--no-annotate", help="Run the language layer on new English articles (needs the spaCy model).")] = True,
) -> None:
    """Read saved pages (HTML, scraped text, JSON Lines, URLs) into clean articles in the database, and
    annotate the English ones: actors, people, places and times linked to knowledge, quotes, modality.

    Example: sitroom ingest pages/ extra/*.html feed.jsonl https://example.org/story --db mali.duckdb

    Exit status: 0 when it ran (even if some pages failed), 1 when nothing could be read, 2 on a usage error.
    """
    options = ReadOptions(max_bytes=max_bytes, allow_private=allow_private, timeout=timeout)
    label = "reading and annotating pages" if annotate else "reading pages"
    with workspace(db, kb, read_only=False) as opened, progress_shown(label, "read", show=not quiet and not as_json) as listen:
        report = opened.ingest(paths, options, annotate=annotate, on_progress=listen)
    if as_json:
        print_json(report_json(report))
    elif not quiet:
        print_summary(report, opened.settings.db)
    nothing = report.read == 0 or (report.stored == 0 and report.duplicates == 0)
    raise typer.Exit(EXIT_FAILED if nothing else EXIT_OK)


def _print_annotate(result, verb: str, db_path: str, as_json: bool, quiet: bool) -> None:
    """The counts, each failure once (the progress bar does not print them), and what has no stored parse."""
    if as_json:
        document = {verb: result.done, "failed": [f.model_dump() for f in result.failures]}
        print_json({**document, "needs_parse": result.needs_parse} if verb == "reextracted" else document)
        return
    if quiet:
        return
    say(f"{verb} [bold]{result.done}[/] articles, [red]{len(result.failures)} failed[/] → {{}}", db_path)
    for failure in result.failures:
        say("[yellow]failed[/] {}: {}", failure.source, failure.error)
    if result.needs_parse:
        say(f"{len(result.needs_parse)} articles have no stored parse; run 'sitroom annotate --all' to parse them")


def annotate(
    db: DbOption = None,
    kb: KbOption = None,
    everything: Annotated[bool, typer.Option("--all", help="Annotate every English article again, not only those whose knowledge changed.")] = False,
    as_json: JsonOption = False,
    quiet: QuietOption = False,
) -> None:
    """Run the language layer (spaCy's parse, then extraction) on stored articles: those not yet annotated,
    and those annotated with other knowledge (a changed actor file, gazetteer or rule).

    Example: sitroom annotate --db mali.duckdb --kb my-actors.yaml
    """
    with workspace(db, kb, read_only=False, create=False) as opened:
        with progress_shown("annotating articles", "annotate", show=not quiet and not as_json) as listen:
            result = opened.annotate(everything=everything, on_progress=listen)
    _print_annotate(result, "annotated", opened.settings.db, as_json, quiet)


def reextract(
    db: DbOption = None,
    kb: KbOption = None,
    everything: Annotated[bool, typer.Option("--all", help="Re-extract every article with a stored parse, not only those whose knowledge or rules changed.")] = False,
    as_json: JsonOption = False,
    quiet: QuietOption = False,
) -> None:
    """Re-run linking, coreference, times, quotes, modality, events, claims and relations over the stored
    parses, without spaCy's models: a rule or knowledge change reaches a whole corpus in seconds.

    Example: sitroom reextract --db mali.duckdb --all
    """
    with workspace(db, kb, read_only=False, create=False) as opened:
        with progress_shown("re-extracting articles", "reextract", show=not quiet and not as_json) as listen:
            result = opened.reextract(everything=everything, on_progress=listen)
    _print_annotate(result, "reextracted", opened.settings.db, as_json, quiet)


def migrate(db: DbOption = None) -> None:
    """Bring a database made by an older sitroom up to date (read-only commands never change it).

    Example: sitroom migrate --db mali.duckdb
    """
    from ..pipeline.tasks import migrate as migrate_database

    chosen = settings(db)
    with failures_reported():
        applied = migrate_database(chosen)
    path = chosen.db
    say(f"applied {len(applied)} migrations to {{}}" + (": {}" if applied else " (it was up to date)"), path, ", ".join(applied))


def articles(
    db: DbOption = None,
    as_json: JsonOption = False,
    language: Annotated[str | None, typer.Option(help="Only articles in this language (ISO code, e.g. en).")] = None,
    limit: LimitOption = None,
) -> None:
    """List stored articles: id, date, title, source, and how much of each page was read.

    Example: sitroom articles --db mali.duckdb --language en
    """
    from rich.table import Table

    if limit is not None and limit < 0:
        usage("E204", option="--limit", expected="0 or more")
    with workspace(db) as opened:
        listed = opened.articles(language=language, limit=limit)
    found = listed.items
    if as_json:
        print_json({"articles": [article_row(a) for a in found], "total": listed.total})
        if len(found) < listed.total:
            err.print(shown(len(found), listed.total, "articles"), highlight=False, markup=False)
        return
    table = Table(title=shown(len(found), listed.total, "articles"), show_lines=False)
    for column in ("id", "date", "title", "authors", "source", "¶", "notes", "comments", "lang"):
        table.add_column(column, overflow="fold")
    for a in found:
        row = article_row(a)
        table.add_row(  # page text as Text: a title with '[' in it is no markup
            row["id"], row["date"] or "", Text(row["title"] or ""), Text(", ".join(a.authors)), Text(a.source), str(len(a.paragraphs)),
            str(len(a.footnotes)), str(len(a.comments)), a.language,
        )
    out.print(table)


def article_row(a: Article) -> dict:
    when = a.published.isoformat() if a.published else (f"≥{a.published_earliest.isoformat()}" if a.published_earliest else None)
    return {"id": a.id, "date": when, "title": a.title, "source": a.source, "language": a.language,
            "paragraphs": len(a.paragraphs), "footnotes": len(a.footnotes), "comments": len(a.comments)}


def article(
    article_id: Annotated[str, typer.Argument(help="An article id, or its first characters.", show_default=False)],
    db: DbOption = None,
    as_json: JsonOption = False,
    annotated: Annotated[bool, typer.Option("--annotated", help="Show the annotated text: linked mentions highlighted, quotes, modality.")] = False,
) -> None:
    """Show one stored article: its parts, and the chrome that was cut from it.

    Example: sitroom article 8f7f4e83 --annotated --db mali.duckdb
    """
    from rich.markup import escape

    from ..errors import NotFound

    with workspace(db) as opened:
        found = opened.article(article_id)
        annotation = opened.annotation(found.id) if annotated else None
    if annotated and annotation is None:
        why = "it is not English" if found.language != "en" else "it has not been annotated"
        fail(NotFound(code="E109", article_id=found.id, why=why))
    if as_json:
        print_json((annotation or found).model_dump(mode="json"))
        return
    from ..show import print_annotated, print_article

    if annotation:
        out.rule(escape(found.title or "(no title)"))
        print_annotated(out, annotation)
    else:
        print_article(out, found)


def export(
    what: Annotated[str, typer.Option(help=f"What to export: {', '.join(WHATS)} (all: events, claims and relations).")] = "articles",
    fmt: Annotated[str, typer.Option("--format", help="json (one object), jsonl (one record a line), csv, acled (ACLED's columns) or geojson (points); the last three for events.")] = "json",
    db: DbOption = None,
    out_path: Annotated[Path | None, typer.Option("--out", help="Write here instead of to standard output.")] = None,
) -> None:
    """Export stored records: articles, mentions, events, claims, relations … as JSON, CSV, ACLED CSV or GeoJSON.

    Example: sitroom export --what events --format acled --db mali.duckdb --out mali-acled.csv
    """
    choice(what, "--what", tuple(WHATS))
    choice(fmt, "--format", tuple(FORMATS))
    with workspace(db) as opened:
        text = opened.export(what, fmt)
    if out_path:
        with failures_reported():
            write_file(out_path, text)
        err.print(f"wrote {out_path}", highlight=False, markup=False)
    else:
        sys.stdout.write(text)


def register(app: typer.Typer) -> None:
    for command in (ingest, annotate, reextract, migrate, articles, article, export):
        app.command()(command)
