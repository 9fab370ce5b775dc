"""The Runner's loops: sources → pages → articles (→ parses and annotations) → store, idempotent and one
transaction per batch; and stored articles → annotations again.

Reading a page into an article (the `read` stage) is pure and per page; only these loops talk to the store,
so the same stages can run in a process pool or on a Dask cluster later. Front ends call the Runner.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from .. import dedupe
from ..errors import PageError
from ..model import (
    AnnotatedArticle,
    Article,
    DuplicateLink,
    IngestFailure,
    IngestReport,
    Page,
)
from ..sources import ReadOptions, read_sources
from ..store import Batch, Store, StoredArticle, StoredParse
from .progress import ItemFailed, ItemsDone, OnProgress, TotalKnown, ignore
from .stages import read

BATCH_SIZE = 50


Annotate = Callable[[list[Article]], Iterable[AnnotatedArticle | tuple[AnnotatedArticle, StoredParse] | IngestFailure]]
"""The language layer (extract.annotate.Annotator.annotate, or .annotate_with_parses to store each article's
parse with its annotation): one result per article, in order."""


@dataclass
class _Pending:
    articles: list[StoredArticle] = field(default_factory=list)
    duplicates: list[DuplicateLink] = field(default_factory=list)
    failures: list[IngestFailure] = field(default_factory=list)
    hashes: set[str] = field(default_factory=set)
    annotations: list[AnnotatedArticle] = field(default_factory=list)
    parses: list[StoredParse] = field(default_factory=list)

    def size(self) -> int:
        return len(self.articles) + len(self.duplicates) + len(self.failures)


def _near_duplicate(minhash: list[int], store: Store, pending: _Pending) -> tuple[str, float] | None:
    """(id of the first article this one copies, similarity), or None when it is new."""
    candidates = store.near_duplicate_candidates(dedupe.bands(minhash))
    candidates += [(s.article.id, s.minhash) for s in pending.articles]
    best: tuple[str, float] | None = None
    for article_id, other in candidates:
        score = dedupe.similarity(minhash, other)
        if score >= dedupe.NEAR_DUPLICATE and (best is None or score > best[1]):
            best = (article_id, score)
    return best


def ingest(
    inputs: list[str],
    store: Store,
    options: ReadOptions = ReadOptions(),
    *,
    on_progress: OnProgress = ignore,
    batch_size: int = BATCH_SIZE,
    annotate: Annotate | None = None,
) -> IngestReport:
    """Read every page `inputs` name into the store, annotating English articles with `annotate` when
    given; `on_progress` hears the number of inputs, each page read (stage 'read'), each batch's articles
    annotated (stage 'annotate') and each failure. Raises SourceError when an input names nothing."""
    failed: list[IngestFailure] = []
    skipped: list[IngestFailure] = []
    counts = {"read": 0, "stored": 0, "duplicates": 0}
    run_id = store.start_run(inputs)
    pending = _Pending()

    def fail(source: str, kind: str, error: str) -> None:
        failure = IngestFailure(source=source, kind=kind, error=error)
        pending.failures.append(failure)
        failed.append(failure)
        on_progress(ItemFailed("read", failure))

    def flush() -> None:
        nonlocal pending
        if annotate:
            english = [s.article for s in pending.articles if s.article.language == "en"]
            for result in annotate(english) if english else ():
                if isinstance(result, IngestFailure):
                    pending.failures.append(result)
                    failed.append(result)
                    on_progress(ItemFailed("read", result))
                else:
                    annotation, parse = result if isinstance(result, tuple) else (result, None)
                    pending.annotations.append(annotation)
                    if parse is not None:
                        pending.parses.append(parse)
            if english:
                on_progress(ItemsDone("annotate", len(english)))
        if pending.size():
            store.write_batch(run_id, Batch(pending.articles, pending.duplicates, pending.failures, pending.annotations, pending.parses))
        pending = _Pending()

    items = read_sources(inputs, options, on_target=lambda n: on_progress(TotalKnown("read", n)))
    for item in items:
        counts["read"] += 1
        on_progress(ItemsDone("read"))
        if isinstance(item, PageError):
            fail(item.source, item.kind, item.reason)
        else:
            _take(item, store, pending, counts, fail, skipped)
        if pending.size() >= batch_size:
            flush()
    flush()
    store.finish_run(run_id, counts["read"], counts["stored"], counts["duplicates"], len(failed))
    return IngestReport(read=counts["read"], stored=counts["stored"], duplicates=counts["duplicates"], failed=failed, skipped=skipped)


def _take(page: Page, store: Store, pending: _Pending, counts: dict[str, int], fail, skipped: list[IngestFailure]) -> None:
    if page.content_hash in pending.hashes or store.known_hashes([page.content_hash]):
        counts["duplicates"] += 1
        return
    pending.hashes.add(page.content_hash)
    try:
        article = read(page)
    except PageError as error:
        fail(error.source, error.kind, error.reason)
        return
    except Exception as error:  # a bug in a cleaner must not cost the batch: record it and go on
        fail(page.source, "internal", f"sitroom failed on this page ({error.__class__.__name__}: {error}); please report it")
        return
    minhash = dedupe.signature(article.body_text)
    copy_of = _near_duplicate(minhash, store, pending)
    if copy_of:
        kind = "exact" if copy_of[1] >= 1.0 else "near"
        pending.duplicates.append(
            DuplicateLink(content_hash=page.content_hash, source=page.source, url=page.url, duplicate_of=copy_of[0], similarity=copy_of[1], kind=kind)
        )
        counts["duplicates"] += 1
        return
    pending.articles.append(StoredArticle(article, minhash))
    counts["stored"] += 1
    if article.language != "en":
        note = IngestFailure(
            source=page.source,
            kind="not_english",
            error=f"not English (detected '{article.language}'): stored, but kept out of the English pipeline",
        )
        pending.failures.append(note)
        skipped.append(note)


def annotate_stored(
    store: Store, annotate: Annotate, knowledge: str, *, everything: bool = False,
    on_progress: OnProgress = ignore, batch_size: int = 16,
) -> tuple[int, list[IngestFailure]]:
    """(Re-)annotate stored English articles: those never annotated, or annotated with other knowledge
    than `knowledge` (a Knowledge.digest), or all of them. Each batch is written in one transaction;
    `on_progress` hears how many there are and each batch done (stage 'annotate')."""
    todo = list(store.articles(language="en")) if everything else list(store.unannotated_articles(knowledge))
    on_progress(TotalKnown("annotate", len(todo)))
    done, failures = 0, []
    for start in range(0, len(todo), batch_size):
        batch = todo[start : start + batch_size]
        annotations, failed, parses = [], [], []
        for result in annotate(batch):
            if isinstance(result, IngestFailure):
                failed.append(result)
            elif isinstance(result, tuple):  # annotate_with_parses: the parse is stored with the annotation
                annotations.append(result[0])
                parses.append(result[1])
            else:
                annotations.append(result)
        store.write_annotations(annotations, failed, parses)
        done += len(annotations)
        failures += failed
        on_progress(ItemsDone("annotate", len(batch)))
    return done, failures
