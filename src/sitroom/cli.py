"""The `sitroom` command: parses arguments, calls one library function, prints. No logic of its own."""

from __future__ import annotations

import json
import sys
from importlib import resources
from pathlib import Path
from typing import Annotated

import typer
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

from . import __version__
from .errors import ArticleNotFound, SitroomError, SourceError
from .export import FORMATS, WHATS, ExportError, export_records, render
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
    str | None, typer.Option("--db", help="DuckDB file to use [default: $SITROOM_DB or ./sitroom.duckdb].", show_default=False)
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


KbOption = Annotated[
    list[str] | None,
    typer.Option("--kb", help="An extra actor file (YAML, see docs/knowledge.md); repeat for more. Also read from $SITROOM_KB.", show_default=False),
]


def _annotator(store, kb: list[str] | None):
    """The language layer with the store's gazetteer and the user's actor files."""
    from .kb.knowledge import load_knowledge
    from .nlp.annotate import Annotator

    return Annotator(load_knowledge(store, kb or ()))


def _bar(label: str) -> Progress:
    return Progress(TextColumn(f"[bold]{label}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), console=err, transient=True)


def _run_ingest(
    inputs: list[str], db_path: str, options: ReadOptions, quiet: bool, as_json: bool, annotate: bool = True, kb: list[str] | None = None
) -> IngestReport:
    from .ingest import ingest

    show = not quiet and not as_json
    with open_store(db_path) as store:
        annotator = _annotator(store, kb).annotate if annotate else None
        if not show:
            report = ingest(inputs, store, options, annotate=annotator)
        else:
            report = _ingest_with_bar(inputs, store, options, annotator, annotate)
        if annotate:
            from .reconcile import update_incidents

            update_incidents(store)  # new events join the incidents other articles reported
        return report


def _ingest_with_bar(inputs, store, options, annotator, annotate: bool) -> IngestReport:
    from .ingest import ingest

    with _bar("reading and annotating pages" if annotate else "reading pages") as bar:
        task = bar.add_task("ingest", total=None)

        def progress(kind: str, value: int | None) -> None:
            if kind == "total":
                bar.update(task, total=value)
            elif kind == "advance":
                bar.advance(task)

        def on_failure(failure) -> None:
            bar.console.print(f"[yellow]skipped[/] {escape(failure.source)}: {escape(failure.error)}", highlight=False, soft_wrap=True)

        return ingest(inputs, store, options, progress=progress, on_failure=on_failure, annotate=annotator)


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
    kb: KbOption = None,
    annotate: Annotated[bool, typer.Option("--annotate/--no-annotate", help="Run the language layer on new English articles (needs the spaCy model).")] = True,
) -> None:
    """Read saved pages (HTML, scraped text, JSON Lines, URLs) into clean articles in the database, and
    annotate the English ones: actors, people, places and times linked to knowledge, quotes, modality.

    Example: sitroom ingest pages/ extra/*.html feed.jsonl https://example.org/story --db mali.duckdb

    Exit status: 0 when it ran (even if some pages failed), 1 when nothing could be read, 2 on a usage error.
    """
    db_path = _db(db)
    options = ReadOptions(max_bytes=max_bytes, allow_private=allow_private, timeout=timeout)
    try:
        report = _run_ingest(paths, db_path, options, quiet, as_json, annotate, kb)
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
    language: Annotated[str | None, typer.Option(help="Only articles in this language (ISO code, e.g. en).")] = None,
    limit: Annotated[int | None, typer.Option(help="Show at most this many.")] = None,
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
    annotated: Annotated[bool, typer.Option("--annotated", help="Show the annotated text: linked mentions highlighted, quotes, modality.")] = False,
) -> None:
    """Show one stored article: its parts, and the chrome that was cut from it.

    Example: sitroom article 8f7f4e83 --annotated --db mali.duckdb
    """
    with _open_existing(db) as store:
        try:
            found = store.article(article_id)
        except ArticleNotFound as error:
            _fail(str(error))
        annotation = store.annotation(found.id) if annotated else None
    if annotated and annotation is None:
        why = "it is not English" if found.language != "en" else "it has not been annotated"
        _fail(f"article {found.id} has no annotations: {why} (run 'sitroom annotate' to annotate stored articles)")
    if as_json:
        _print_json((annotation or found).model_dump(mode="json"))
        return
    from .show import print_annotated, print_article

    if annotation:
        out.rule(escape(found.title or "(no title)"))
        print_annotated(out, annotation)
    else:
        print_article(out, found)


@app.command()
def export(
    what: Annotated[str, typer.Option(help=f"What to export: {', '.join(WHATS)} (all: events, claims and relations).")] = "articles",
    fmt: Annotated[str, typer.Option("--format", help="json (one object), jsonl (one record a line), csv, acled (ACLED's columns) or geojson (points); the last three for events.")] = "json",
    db: DbOption = None,
    out_path: Annotated[Path | None, typer.Option("--out", help="Write here instead of to standard output.")] = None,
) -> None:
    """Export stored records: articles, mentions, events, claims, relations … as JSON, CSV, ACLED CSV or GeoJSON.

    Example: sitroom export --what events --format acled --db mali.duckdb --out mali-acled.csv
    """
    if what not in WHATS:
        _fail(f"--what {what!r} is not known; choose one of: {', '.join(WHATS)}", EXIT_USAGE)
    if fmt not in FORMATS:
        _fail(f"--format {fmt!r} is not known; choose one of: {', '.join(FORMATS)}", EXIT_USAGE)
    with _open_existing(db) as store:
        try:
            text = render_export(store, what, fmt)
        except ExportError as error:
            _fail(str(error), EXIT_USAGE)
    if out_path:
        out_path.parent.mkdir(parents=True, exist_ok=True)
        out_path.write_text(text, encoding="utf-8")
        err.print(f"wrote {out_path}", highlight=False)
    else:
        sys.stdout.write(text)


def render_export(store, what: str, fmt: str) -> str:
    """`what` from `store` written as `fmt`, with articles and country names for ACLED's columns."""
    from .kb.knowledge import load_gazetteer

    gazetteer = load_gazetteer(store)

    def article_of(article_id: str):
        try:
            return store.article(article_id)
        except ArticleNotFound:
            return None

    def country_name(code: str | None) -> str:
        country = gazetteer.country(code) if code else None
        return country.name if country else (code or "")

    return render(export_records(store, what), fmt, articles=article_of, country_name=country_name)  # type: ignore[arg-type]


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
        (out_dir / "demo-mentions.json").write_text(render(export_records(store, "mentions"), "json"), encoding="utf-8")
        (out_dir / "demo-events.json").write_text(render_export(store, "all", "json"), encoding="utf-8")
        (out_dir / "demo-acled.csv").write_text(render_export(store, "events", "acled"), encoding="utf-8")
        (out_dir / "demo-events.geojson").write_text(render_export(store, "events", "geojson"), encoding="utf-8")
        from .report import gather, write_rendered

        situation, content = out_dir / "demo-report.html", gather(store)
        write_rendered(content, situation)
        write_rendered(content, situation.with_suffix(".md"))
        if as_json:
            _print_json({**_report_json(report), "db": str(db_path), "export": str(exported), "report": str(situation)})
            return
        if quiet:
            return
        _print_summary(report, str(db_path))
        from .show import print_demo, print_event_summary

        print_demo(out, store)
        print_event_summary(out, store.events(), store.claims(), store.relations())
        incidents, compared = content.incidents, content.conflicts
        several = sum(1 for i in incidents if len(i.article_ids) > 1)
        states = {s: sum(1 for c in compared if c.status == s) for s in ("contradicted", "corroborated", "noted")}
        out.print(
            f"\n[bold]across sources[/]: {len(incidents)} incidents, {several} told by several articles; "
            f"{states['contradicted']} contradictions, {states['corroborated']} corroborations, {states['noted']} noted differences "
            f"(sitroom incidents --min-reports 2 · sitroom conflicts --db {db_path})",
            highlight=False,
        )
    out.print(
        f"\nresults: database [bold]{db_path}[/]; in [bold]{out_dir}/[/]: articles and mentions (JSON), events, claims and relations"
        " (demo-events.json), ACLED-format events (demo-acled.csv), a map layer (demo-events.geojson)",
        highlight=False,
    )
    out.print(f"next: sitroom events --db {db_path}   ·   sitroom events --modality hypothetical --db {db_path}   ·   sitroom article ID --annotated --db {db_path}", highlight=False)
    out.print(f"\n[bold]situation report[/] (map, timeline, actor network, contradictions; opens offline): [bold]{escape(str(situation.resolve()))}[/]"
              f"  (Markdown for a brief: {escape(str(situation.with_suffix('.md')))})", highlight=False)


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


@app.command()
def annotate(
    db: DbOption = None,
    kb: KbOption = None,
    everything: Annotated[bool, typer.Option("--all", help="Annotate every English article again, not only those whose knowledge changed.")] = False,
    as_json: JsonOption = False,
    quiet: QuietOption = False,
) -> None:
    """Run the language layer on stored articles: those not yet annotated, and those annotated with other
    knowledge (a changed actor file or gazetteer).

    Example: sitroom annotate --db mali.duckdb --kb my-actors.yaml
    """
    from .ingest import annotate_stored

    db_path = _db(db)
    if not Path(db_path).exists():
        _fail(f"{db_path}: no such database; create one with 'sitroom ingest PATH --db {db_path}' or 'sitroom demo'")
    try:
        with open_store(db_path) as store:
            annotator = _annotator(store, kb)
            if quiet or as_json:
                done, failures = annotate_stored(store, annotator.annotate, annotator.knowledge.digest, everything=everything)
            else:
                with _bar("annotating articles") as bar:
                    task = bar.add_task("annotate", total=None)

                    def progress(kind: str, value: int | None) -> None:
                        bar.update(task, total=value) if kind == "total" else bar.advance(task)

                    done, failures = annotate_stored(store, annotator.annotate, annotator.knowledge.digest, everything=everything, progress=progress)
            from .reconcile import update_incidents

            update_incidents(store)
    except SitroomError as error:
        _fail(str(error))
    if as_json:
        _print_json({"annotated": done, "failed": [f.model_dump() for f in failures]})
    elif not quiet:
        out.print(f"annotated [bold]{done}[/] articles, [red]{len(failures)} failed[/] → {db_path}", highlight=False)
        for failure in failures:
            out.print(f"[yellow]failed[/] {escape(failure.source)}: {escape(failure.error)}", highlight=False, soft_wrap=True)


gazetteer_app = typer.Typer(help="Load GeoNames places into the database, and look names up.", no_args_is_help=True)
app.add_typer(gazetteer_app, name="gazetteer")


@gazetteer_app.command("add")
def gazetteer_add(
    target: Annotated[str, typer.Argument(help="A GeoNames file (ML.txt, cities500.txt, allCountries.txt, alternateNames, admin1CodesASCII.txt, or a .zip of them), or a country code to download.", show_default=False)],
    db: DbOption = None,
) -> None:
    """Load a GeoNames dump into the database's gazetteer (a country code downloads it from geonames.org).

    Example: sitroom gazetteer add ML --db mali.duckdb   (or: sitroom gazetteer add ~/geonames/ML.txt)

    Then run 'sitroom annotate' to resolve stored articles' places again with it.
    """
    from .kb import geonames

    try:
        with open_store(_db(db)) as store:
            loaded = geonames.add(target, store)
    except SourceError as error:
        _fail(str(error), EXIT_USAGE)
    except (SitroomError, OSError) as error:
        _fail(f"{target}: {error}")
    for item in loaded:
        out.print(f"loaded {item.rows:,} {item.kind.replace('_', ' ')} rows from {escape(item.path)}", highlight=False)


@gazetteer_app.command("find")
def gazetteer_find(
    name: Annotated[str, typer.Argument(help="A place name.", show_default=False)],
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """List the places a name may mean, in the built-in gazetteer and any GeoNames files loaded.

    Example: sitroom gazetteer find Konna --db mali.duckdb
    """
    from .kb.gazetteer import name_key
    from .kb.knowledge import load_gazetteer

    db_path = _db(db)
    store = open_store(db_path, read_only=True) if Path(db_path).exists() else None
    try:
        places = load_gazetteer(store).lookup([name_key(name)]).get(name_key(name), [])
    finally:
        if store:
            store.close()
    if as_json:
        _print_json({"places": [p.model_dump() for p in places]})
        return
    table = Table(title=f"{len(places)} places named {name!r}")
    for column in ("id", "name", "feature", "country", "admin1", "lat", "lon", "population"):
        table.add_column(column)
    for p in sorted(places, key=lambda p: -p.population):
        table.add_row(p.id, escape(p.name), p.feature, p.country or "", escape(p.admin1 or ""), f"{p.lat:.4f}", f"{p.lon:.4f}", f"{p.population:,}")
    out.print(table)


kb_app = typer.Typer(help="Check actor knowledge files and see what an alias names.", no_args_is_help=True)
app.add_typer(kb_app, name="kb")


@kb_app.command("check")
def kb_check(file: Annotated[Path, typer.Argument(help="An actor file (YAML).", show_default=False)]) -> None:
    """Validate an actor file: every entry's fields, unique ids and aliases, known affiliations.

    Example: sitroom kb check my-actors.yaml
    """
    from .kb.actors import load_kb

    try:
        kb = load_kb((str(file),))
    except SitroomError as error:
        _fail(str(error))
    mine = [a for a in kb.actors.values() if a.source.startswith(f"{file}:")]
    out.print(f"{escape(str(file))}: {len(mine)} actors, {sum(len(a.aliases) for a in mine)} aliases, all valid", highlight=False)


@kb_app.command("show")
def kb_show(
    name: Annotated[str, typer.Argument(help="An alias or id, e.g. 'Ansar al-Din' or 'aqim'.", show_default=False)],
    kb: KbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Show the actor an alias (or id) resolves to, with its affiliations.

    Example: sitroom kb show "Ansar Eddine"
    """
    from .kb.actors import load_kb
    from .kb.knowledge import user_kb_files

    try:
        knowledge = load_kb(user_kb_files(kb or ()))
    except SitroomError as error:
        _fail(str(error))
    actor = knowledge.resolve(name) or knowledge.actors.get(name)
    if actor is None:
        _fail(f"{name!r} names no actor in the knowledge base (aliases match ignoring case, acronyms exactly); add it to a --kb file")
    if as_json:
        _print_json(actor.model_dump())
        return
    for label, value in (
        ("id", actor.id), ("name", actor.name), ("kind", actor.kind), ("ACLED inter", str(actor.inter)),
        ("ACLED name", actor.acled_name), ("role", actor.role), ("aliases", ", ".join(actor.aliases)),
        ("affiliations", ", ".join(f"{a.name} ({a.id})" for a in knowledge.affiliated_with(actor.id))),
        ("countries", ", ".join(actor.countries)), ("active", actor.active), ("wikidata", actor.wikidata),
        ("note", actor.note), ("defined at", actor.source),
    ):
        if value:
            out.print(f"[bold]{label}:[/] {escape(value)}", highlight=False, soft_wrap=True)


@app.command()
def bench(
    as_json: JsonOption = False,
    words: Annotated[int, typer.Option(help="About how many words to run through each pipeline.")] = 20000,
) -> None:
    """Measure words per second of bare spaCy and of sitroom's whole language layer on the same texts.

    Example: sitroom bench --json
    """
    from .bench import run_bench

    try:
        result = run_bench(words)
    except SitroomError as error:
        _fail(str(error))
    if as_json:
        sys.stdout.write(json.dumps(result) + "\n")
        return
    out.print(f"texts: {result['words']:,} words ({result['texts']} texts from the demo corpus)", highlight=False)
    out.print(f"spaCy alone ({result['model']}, all its components): {result['spacy_wps']:,.0f} words/s", highlight=False)
    out.print(f"sitroom language layer: {result['sitroom_wps']:,.0f} words/s", highlight=False)
    out.print(f"ratio sitroom / spaCy: [bold]{result['ratio']:.2f}[/] (goal ≥ 0.80)", highlight=False)
    out.print(
        f"overhead of sitroom's own components: {result['components_share']:.0%} of the layer's time", highlight=False
    )


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
    from . import (  # the event and across-source commands live in their own modules
        cli_events,
        cli_reconcile,
    )

    cli_events.register(app)
    cli_reconcile.register(app)
    app()


if __name__ == "__main__":
    main()
