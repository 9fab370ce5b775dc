"""The Runner: the one owner of the pipeline's sequence — read, de-duplicate, annotate (parse + extract),
store in one transaction per batch, reconcile across sources — and of its progress.

The CLI, the Python API, the web app and the cluster runner build a Runner and call it; none of them
writes the sequence out again.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from ..kb.knowledge import Knowledge, load_knowledge
from ..model import IngestFailure, IngestReport
from ..settings import ReadOptions, Settings
from ..store import Store
from .progress import (
    ItemFailed,
    ItemsDone,
    OnProgress,
    StageFinished,
    StageStarted,
    TotalKnown,
    ignore,
)


@dataclass(frozen=True)
class AnnotateReport:
    """What `annotate` or `reextract` did to stored articles."""

    done: int
    failures: list[IngestFailure] = field(default_factory=list)
    needs_parse: list[str] = field(default_factory=list)
    """Articles with no stored parse (reextract only): 'sitroom annotate' parses them."""


class Runner:
    """Runs the pipeline over one store with one set of settings and knowledge."""

    def __init__(self, store: Store, settings: Settings, *, knowledge: Knowledge | None = None, on_progress: OnProgress = ignore):
        self.store = store
        self.settings = settings
        self.on_progress = on_progress
        self._knowledge = knowledge
        self._annotator = None

    @property
    def knowledge(self) -> Knowledge:
        if self._knowledge is None:
            self._knowledge = load_knowledge(self.store, self.settings.kb)
        return self._knowledge

    @property
    def annotator(self):
        """The language layer (loads spaCy's model on first use)."""
        if self._annotator is None:
            from ..extract.annotate import Annotator

            self._annotator = Annotator(self.knowledge, model=self.settings.spacy_model)
        return self._annotator

    def _counter(self, stage: str):
        """The extraction layer's (kind, value) progress calls (it sits below the pipeline and cannot name
        its events) turned into typed events."""

        def progress(kind: str, value: int | None) -> None:
            if kind == "total" and value is not None:
                self.on_progress(TotalKnown(stage, value))
            elif kind == "advance":
                self.on_progress(ItemsDone(stage))

        return progress

    def ingest(self, inputs: list[str], options: ReadOptions = ReadOptions(), *, annotate: bool = True) -> IngestReport:
        """Read every page `inputs` name into the store (English ones annotated), then reconcile.
        Raises SourceError when an input names nothing."""
        from .ingest import ingest

        self.on_progress(StageStarted("read", None))
        report = ingest(
            inputs, self.store, options, on_progress=self.on_progress, batch_size=self.settings.batch_size,
            annotate=self.annotator.annotate_with_parses if annotate else None,
        )
        self.on_progress(StageFinished("read"))
        if annotate:
            self.reconcile()
        return report

    def annotate(self, *, everything: bool = False) -> AnnotateReport:
        """Annotate stored English articles never annotated or annotated with other knowledge (all with
        `everything`), then reconcile."""
        from .ingest import annotate_stored

        self.on_progress(StageStarted("annotate", None))
        done, failures = annotate_stored(
            self.store, self.annotator.annotate_with_parses, self.knowledge.digest, everything=everything, on_progress=self.on_progress,
        )
        for failure in failures:
            self.on_progress(ItemFailed("annotate", failure))
        self.on_progress(StageFinished("annotate"))
        self.reconcile()
        return AnnotateReport(done, failures)

    def reextract(self, *, everything: bool = False) -> AnnotateReport:
        """Re-run linking and extraction over stored parses, without spaCy's models, then reconcile."""
        from ..extract.reextract import reextract

        self.on_progress(StageStarted("reextract", None))
        done, failures, needs_parse = reextract(self.store, self.knowledge, everything=everything, progress=self._counter("reextract"))
        for failure in failures:
            self.on_progress(ItemFailed("reextract", failure))
        self.on_progress(StageFinished("reextract"))
        self.reconcile()
        return AnnotateReport(done, failures, needs_parse)

    def reconcile(self, new_event_ids: Iterable[str] = ()):
        """Place new events in incidents across sources (`new_event_ids` is a hint; every unplaced event is placed)."""
        from .stages import reconcile

        self.on_progress(StageStarted("reconcile", None))
        report = reconcile(self.store, list(new_event_ids), self.knowledge.event_classes)
        self.on_progress(StageFinished("reconcile"))
        return report
