"""`sitroom bench`: words per second of bare spaCy and of sitroom's language layer on the same texts.

The texts are the demo corpus's English articles (shipped with sitroom), repeated until there are enough
words. Three runs in one process, each after a warm-up: spaCy's full pipeline as installed; spaCy with the
components sitroom leaves out; and sitroom's whole layer (spaCy, sitroom's components, records). The
ratio sitroom / spaCy-as-installed is what a user gains or pays; the gap between the last two is what
sitroom's own components cost.
"""

from __future__ import annotations

import time
from importlib import resources

from .clean.article import read_article
from .errors import SitroomError
from .model import Article
from .sources import ReadOptions, read_sources


def demo_articles() -> list[Article]:
    corpus = resources.files("sitroom") / "demo" / "corpus"
    with resources.as_file(corpus) as folder:
        pages = [p for p in read_sources([str(folder)], ReadOptions()) if not isinstance(p, SitroomError)]
    articles = [read_article(page) for page in pages]
    return [a for a in articles if a.language == "en"]


def _corpus(words: int) -> list[Article]:
    base = demo_articles()
    result, total, round_ = [], 0, 0
    while total < words:
        for article in base:
            result.append(article.model_copy(update={"id": f"{article.id}-{round_}"}))
            total += len(article.body_text.split())
            if total >= words:
                break
        round_ += 1
    return result


def _timed(run) -> float:
    started = time.perf_counter()
    run()
    return time.perf_counter() - started


def run_bench(words: int = 20000) -> dict:
    import spacy

    from .kb.knowledge import load_knowledge
    from .nlp.annotate import Annotator
    from .nlp.components import UNUSED_COMPONENTS
    from .nlp.document import article_text
    from .nlp.pipeline import find_model

    articles = _corpus(words)
    texts = [article_text(a)[0] for a in articles]
    counted = sum(len(t.split()) for t in texts)
    model = find_model()
    bare = spacy.load(model)
    same = spacy.load(model, exclude=list(UNUSED_COMPONENTS))
    annotator = Annotator(load_knowledge())
    warm = texts[:2]
    list(bare.pipe(warm))
    list(same.pipe(warm))
    list(annotator.annotate(articles[:2]))
    bare_s = _timed(lambda: list(bare.pipe(texts)))
    same_s = _timed(lambda: list(same.pipe(texts)))
    sitroom_s = _timed(lambda: list(annotator.annotate(articles)))
    return {
        "words": counted,
        "spacy_wps": round(counted / bare_s, 1),
        "sitroom_wps": round(counted / sitroom_s, 1),
        "ratio": round(bare_s / sitroom_s, 3),
        "spacy_same_components_wps": round(counted / same_s, 1),
        "components_share": round(max(0.0, 1 - same_s / sitroom_s), 3),
        "texts": len(texts),
        "model": f"{bare.meta.get('name')}-{bare.meta.get('version')}",
    }
