"""A Workspace: one database, one set of settings, and everything a front end asks of them.

`sitroom.open("mali.duckdb")` returns one. The CLI, the Python API and the web app call these methods
and only format what comes back: the sequence (Runner), the filters (Query), the joins an export needs
and the demo's outputs are worked out here, once.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import ArticleNotFound, EventNotFound
from ..model import AnnotatedArticle, Article, Conflict, Event, Incident, IngestReport
from ..query import Listing, Query
from ..settings import ReadOptions, Settings
from ..store import Store, open_store
from .progress import OnProgress, ignore
from .runner import AnnotateReport, Runner

if TYPE_CHECKING:
    from ..report.content import ReportContent


@dataclass(frozen=True)
class DemoResult:
    """What `demo` read and wrote."""

    ingest: IngestReport
    outputs: dict[str, Path]
    """Output name ('articles', 'mentions', 'events', 'acled', 'geojson', 'report', 'brief') -> file."""
    report: ReportContent
    """What the situation report says."""


class Workspace:
    """One open database with its settings. Use as a context manager, or call `close()`."""

    def __init__(self, store: Store, settings: Settings):
        self.store = store
        self.settings = settings
        self._knowledge = None

    # --- opening ------------------------------------------------------------------------------
    @classmethod
    def open(cls, db: str | Path | None = None, *, settings: Settings | None = None, read_only: bool = False) -> Workspace:
        """Open (or, unless `read_only`, create) the database `db` names, else the settings' one.
        A read-only open of a missing file raises DatabaseMissing; of an old one, MigrationNeeded."""
        settings = settings or Settings.load()
        path = str(db) if db is not None else settings.db
        return cls(open_store(path, read_only=read_only), settings.model_copy(update={"db": path}))

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # --- the pipeline -------------------------------------------------------------------------
    @property
    def event_classes(self):
        """The event class table (what exports, reports and merges need, without actors or places)."""
        if self._knowledge is not None:
            return self._knowledge.event_classes
        from ..kb.event_classes import load_event_classes

        return load_event_classes()

    @property
    def knowledge(self):
        if self._knowledge is None:
            from ..kb.knowledge import load_knowledge

            self._knowledge = load_knowledge(self.store, self.settings.kb)
        return self._knowledge

    def runner(self, on_progress: OnProgress = ignore) -> Runner:
        return Runner(self.store, self.settings, knowledge=self.knowledge, on_progress=on_progress)

    def ingest(self, inputs: list[str], options: ReadOptions = ReadOptions(), *, annotate: bool = True, on_progress: OnProgress = ignore) -> IngestReport:
        """Read pages (files, folders, globs, URLs, '-') into the store; English ones are annotated and reconciled."""
        return self.runner(on_progress).ingest(inputs, options, annotate=annotate)

    def annotate(self, *, everything: bool = False, on_progress: OnProgress = ignore) -> AnnotateReport:
        return self.runner(on_progress).annotate(everything=everything)

    def reextract(self, *, everything: bool = False, on_progress: OnProgress = ignore) -> AnnotateReport:
        return self.runner(on_progress).reextract(everything=everything)

    # --- reading ------------------------------------------------------------------------------
    def resolve(self, query: Query) -> Query:
        """`query` with country names turned into ISO codes ('Mali' -> 'ML'); codes and unknown names stay."""
        names = [c for c in query.countries if len(c) != 2]
        if not names:
            return query
        codes = country_codes()
        return query.model_copy(update={"countries": tuple(codes.get(c.casefold(), c) for c in query.countries)})

    def articles(self, *, language: str | None = None, limit: int | None = None, offset: int = 0) -> Listing[Article]:
        """Stored articles (in `language` when given), a page of them, and how many there are in all."""
        items = list(self.store.articles.list(language=language, limit=limit, offset=offset))
        return Listing(items, self.store.articles.count(language=language))

    def article(self, article_id: str) -> Article:
        """The article whose id is or starts with `article_id`; ArticleNotFound if none or several."""
        return self.store.article(article_id)

    def annotation(self, article_id: str) -> AnnotatedArticle | None:
        return self.store.annotation(article_id)

    def events(self, query: Query = Query()) -> Listing[Event]:
        """The stored events `query` selects (country names allowed), a page of them, and how many in all."""
        return self.store.query_events(self.resolve(query))

    def event(self, event_id: str) -> Event:
        """The event with this id (as `events --json` shows it)."""
        found = self.store.events.get(event_id)
        if found is None:
            raise EventNotFound(event_id=event_id)
        return found

    def incidents(self, query: Query = Query()) -> Listing[Incident]:
        """The incidents `query` selects (country names allowed), a page of them, and how many in all."""
        return self.store.query_incidents(self.resolve(query))

    def conflicts(self, *, status: str | None = None, kind: str | None = None) -> list[Conflict]:
        from ..reconcile import conflicts

        return [c for c in conflicts(self.store) if (not status or c.status == status) and (not kind or c.kind == kind)]

    def split(self, incident_id: str) -> list[str]:
        """Undo a wrong merge for good: every report of the incident becomes one of its own."""
        from ..reconcile import split

        return split(self.store, incident_id, self.event_classes)

    def add_gazetteer(self, targets: str | list[str]) -> list:
        """Load GeoNames files, zips or country codes' downloads (into the settings' cache) into the gazetteer.
        Every file is checked before any is loaded: a bad one raises KnowledgeFileError and loads nothing."""
        from ..errors import SourceError
        from ..kb import geonames

        targets = [targets] if isinstance(targets, str) else list(targets)
        try:
            return geonames.add(targets, self.store, cache=self.settings.cache)
        except OSError as error:
            raise SourceError(f"{error.filename or ' '.join(targets)}: cannot be read ({error.strerror or error})") from None

    # --- outputs ------------------------------------------------------------------------------
    def export(self, what: str = "articles", fmt: str = "json") -> str:
        """Stored records (`what`) written as `fmt`, with articles and country names joined for ACLED's columns."""
        from ..export import export_records, render
        from ..kb.knowledge import load_gazetteer

        gazetteer = self._knowledge.gazetteer if self._knowledge is not None else load_gazetteer(self.store)

        def article_of(article_id: str) -> Article | None:
            try:
                return self.store.article(article_id)
            except ArticleNotFound:
                return None

        def country_name(code: str | None) -> str:
            country = gazetteer.country(code) if code else None
            return country.name if country else (code or "")

        return render(
            export_records(self.store, what), fmt, articles=article_of, country_name=country_name, classes=self.event_classes
        )

    def report(self, query: Query = Query(), path: str | Path = "report.html"):
        """Write the situation report for the incidents `query` selects to `path` (.html or .md); returns its content."""
        from ..report import write_report

        return write_report(self.store, Path(path), self.resolve(query), classes=self.event_classes)


@lru_cache(maxsize=1)
def country_codes() -> dict[str, str]:
    """Every country's names (any case) -> its ISO code, from the shipped country list."""
    from ..kb.gazetteer import shipped_countries

    return {n.casefold(): c.code for c in shipped_countries() for n in (c.name, *c.names)}


DEMO_OUTPUTS = {
    "articles": ("demo-articles.json", "articles", "json"),
    "mentions": ("demo-mentions.json", "mentions", "json"),
    "events": ("demo-events.json", "all", "json"),
    "acled": ("demo-acled.csv", "events", "acled"),
    "geojson": ("demo-events.geojson", "events", "geojson"),
}


def demo(db: str | Path, out_dir: Path, *, settings: Settings | None = None, on_progress: OnProgress = ignore) -> DemoResult:
    """Ingest the bundled demo corpus into a fresh database `db` (replaced if it exists) and write its
    exports and situation report (HTML and Markdown) into `out_dir`."""
    from importlib import resources

    from ..export import write_file
    from ..report import gather, write_rendered

    db_path = Path(db)
    if db_path.exists():
        db_path.unlink()
    corpus = resources.files("sitroom") / "demo" / "corpus"
    with resources.as_file(corpus) as corpus_dir, Workspace.open(db_path, settings=settings) as workspace:
        report = workspace.ingest([str(corpus_dir)], on_progress=on_progress)
    outputs: dict[str, Path] = {}
    with Workspace.open(db_path, settings=settings, read_only=True) as workspace:
        for name, (file_name, what, fmt) in DEMO_OUTPUTS.items():
            outputs[name] = out_dir / file_name
            write_file(outputs[name], workspace.export(what, fmt))
        content = gather(workspace.store, classes=workspace.event_classes)
        outputs["report"], outputs["brief"] = out_dir / "demo-report.html", out_dir / "demo-report.md"
        write_rendered(content, outputs["report"])
        write_rendered(content, outputs["brief"])
    return DemoResult(report, outputs, content)


def open(db: str | Path | None = None, *, read_only: bool = False, **settings: Any) -> Workspace:  # noqa: A001 - sitroom.open reads like open()
    """Open a sitroom database: `sitroom.open("mali.duckdb").events(Query(countries=("ML",)))`.
    Keyword arguments are settings (kb=..., spacy_model=...) over sitroom.toml and SITROOM_*."""
    return Workspace.open(db, settings=Settings.load(**settings), read_only=read_only)
