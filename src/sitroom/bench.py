"""`sitroom bench`: words per second of bare spaCy, of sitroom's language layer, and of re-extraction
over stored parses, on the same texts.

The texts are the demo corpus's English articles (shipped with sitroom), repeated until there are enough
words. Four measures in one process, after a warm-up: spaCy's full pipeline as installed; spaCy with the
components sitroom leaves out; sitroom's whole layer (parse, extraction, records); and re-extraction from
the parses' stored bytes (DocBin read back without the model, extraction, records) — what `sitroom
reextract` does. Times are CPU seconds (`time.process_time`), each measure the median of ROUNDS runs taken
in turn. The ratio sitroom / spaCy-as-installed is what a user gains or pays; the gap between spaCy with
the same components and the whole layer is what sitroom's own steps cost; `reextract_ratio` is how many
times faster re-extraction is than the whole layer (the goal is at least 5).
"""

from __future__ import annotations

import statistics
import time
from importlib import resources

from .clean.article import read_article
from .errors import SitroomError
from .model import Article
from .sources import ReadOptions, read_sources

ROUNDS = 3
"""Each measure is taken this many times, the four interleaved, and the median kept."""


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


def _cpu(run) -> float:
    """CPU seconds `run` takes (process time: the machine may be shared, so wall time would measure others too)."""
    started = time.process_time()
    run()
    return time.process_time() - started


def run_bench(words: int = 20000, model: str | None = None, rounds: int = ROUNDS) -> dict:
    import spacy

    from .extract.annotate import Annotator, extract_parse
    from .extract.facts import Extractor
    from .kb.knowledge import load_knowledge
    from .nlp.document import article_text
    from .nlp.parse import UNUSED_COMPONENTS, Parse
    from .nlp.pipeline import find_model

    articles = _corpus(words)
    texts = [article_text(a)[0] for a in articles]
    counted = sum(len(t.split()) for t in texts)
    name = find_model(model)
    bare = spacy.load(name)
    same = spacy.load(name, exclude=list(UNUSED_COMPONENTS))
    knowledge = load_knowledge()
    annotator = Annotator(knowledge, model=name)
    blank = spacy.blank("en")
    extractor = Extractor(knowledge, blank)  # what `reextract` builds: no statistical model
    stored = [parse.to_stored() for parse in annotator.parse(articles)]

    def reextract() -> None:
        for article, parse in zip(articles, stored):
            extract_parse(Parse.from_stored(parse, article, blank.vocab), knowledge, extractor)

    runs = {
        "spacy": lambda: list(bare.pipe(texts)),
        "same": lambda: list(same.pipe(texts)),
        "sitroom": lambda: list(annotator.annotate(articles)),
        "reextract": reextract,
    }
    list(bare.pipe(texts[:2]))  # warm-up
    list(same.pipe(texts[:2]))
    list(annotator.annotate(articles[:2]))
    times: dict[str, list[float]] = {key: [] for key in runs}
    for _ in range(rounds):  # interleaved, so a slow spell of the machine falls on every measure alike
        for key, run in runs.items():
            times[key].append(_cpu(run))
    bare_s, same_s, sitroom_s, reextract_s = (max(statistics.median(times[key]), 1e-9) for key in runs)
    return {
        "words": counted,
        "spacy_wps": round(counted / bare_s, 1),
        "sitroom_wps": round(counted / sitroom_s, 1),
        "ratio": round(bare_s / sitroom_s, 3),
        "spacy_same_components_wps": round(counted / same_s, 1),
        "components_share": round(max(0.0, 1 - same_s / sitroom_s), 3),
        "reextract_wps": round(counted / reextract_s, 1),
        "reextract_ratio": round(sitroom_s / reextract_s, 2),
        "texts": len(texts),
        "rounds": rounds,
        "clock": "process_time",
        "model": f"{bare.meta.get('name')}-{bare.meta.get('version')}",
    }
