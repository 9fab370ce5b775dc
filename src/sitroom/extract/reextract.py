"""Re-extraction over stored parses: what `sitroom reextract` runs.

Each stored article's parse (sitroom.nlp.parse, kept by `sitroom ingest` and `sitroom annotate`) is read
back from its DocBin bytes with a blank English vocabulary — spaCy's statistical model is never loaded —
and the language and extraction layers run over it again: actor and place linking, coreference, times,
quotes, modality, events, claims and relations. The articles redone are those whose annotation was made
with other knowledge than the current one (`Knowledge.digest`: actor files, gazetteer, rule files and
rule code), or all of them with `everything`. An article with no stored parse (stored before parses were
kept, or never annotated) is listed for `sitroom annotate`, which parses it.
"""

from __future__ import annotations

from collections.abc import Callable

from ..errors import StaleParse
from ..kb.knowledge import Knowledge
from ..model import AnnotatedArticle, Article, IngestFailure
from ..nlp.parse import Parse
from .annotate import extract_parse
from .facts import Extractor, blank_nlp

BATCH_ARTICLES = 64
"""Articles read, re-extracted and written per transaction."""

Progress = Callable[[str, int | None], None]
"""Called with ("total", n) once the number of articles is known and ("advance", None) per article."""


def reextract(
    store, knowledge: Knowledge, everything: bool = False, progress: Progress | None = None, *, batch_size: int = BATCH_ARTICLES,
) -> tuple[int, list[IngestFailure], list[str]]:
    """Re-extract stored articles from their stored parses and replace their annotations.

    Returns (articles re-extracted, failures, ids of articles with no stored parse: 'sitroom annotate'
    parses them). Each batch is written in one transaction."""
    todo = list(store.articles(language="en")) if everything else list(store.unannotated_articles(knowledge.digest))
    if progress:
        progress("total", len(todo))
    nlp = blank_nlp()
    extractor = Extractor(knowledge, nlp)
    done, failures, needs_parse = 0, [], []
    for start in range(0, len(todo), batch_size):
        batch = todo[start : start + batch_size]
        stored = {p.article_id: p for p in store.parses([a.id for a in batch])}
        annotations: list[AnnotatedArticle] = []
        failed: list[IngestFailure] = []
        for article in batch:
            parse = stored.get(article.id)
            result = _one(article, parse, knowledge, extractor, nlp.vocab) if parse is not None else None
            if result is None:  # no parse, or one that no longer fits the article's text
                needs_parse.append(article.id)
            else:
                (failed if isinstance(result, IngestFailure) else annotations).append(result)
            if progress:
                progress("advance", None)
        if annotations or failed:
            store.write_annotations(annotations, failed)
        done += len(annotations)
        failures += failed
    return done, failures, needs_parse


def _one(article: Article, stored, knowledge: Knowledge, extractor: Extractor, vocab) -> AnnotatedArticle | IngestFailure | None:
    try:
        return extract_parse(Parse.from_stored(stored, article, vocab), knowledge, extractor)
    except StaleParse:
        return None
    except Exception as error:  # one article's failure costs that article only
        return IngestFailure(
            source=article.source, kind="internal",
            error=f"re-extraction failed ({error.__class__.__name__}: {error}); its annotation is left as it was, please report it",
        )
