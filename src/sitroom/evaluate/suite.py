"""Every evaluation on real data others labelled, in one call: `sitroom eval all` and `make eval`.

The toponym sets (LGL, TR-News) are scored with the built-in gazetteer only (they are not about Mali); so
are the event layer's real-text sets (WikiEvents, IndiaPoliceEvents, MUC-4, CASE 2021).

`full=True` scores every row and page of the development sets; `full=False` scores the fixed samples
`make test` pins its floors on (every Nth row, as tests/quality/acled-floors.json says). A set whose
files are absent is listed under `skipped` with the path that is missing, never silently left out.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path

ACLED_SAMPLE_EVERY = {"mali-dev.csv": 4, "global-2020-04-27_to_05-09.csv": 10}
"""The fixed samples `make test` scores (its floors are pinned on them)."""
PLACES_SAMPLE_EVERY = 4
GEONAMES_FILES = ("ML.txt", "admin1CodesASCII.txt")
TOPONYM_SAMPLE_EVERY = {"lgl.xml": 4, "TR-News.xml": 1}
"""The fixed samples of the toponym sets tests/test_toponyms_eval.py pins its floors on (built-in gazetteer only)."""
MIXED_CASE_SAMPLE_EVERY = 8
"""Every Nth text of each set tests/test_world_places.py checks for lower-case and closed-class place links."""
REAL_EVENTS = {
    "wikievents": "wikievents/dev.jsonl",
    "police": "india_police_events",
    "muc": "muc4_grit/dev.json",
    "case": "case2021_task2_acled_subtypes/split_dev.tsv",
}
"""The event layer's real-text sets (`sitroom eval wikievents|police|muc|case`), by their path under realtext/."""
REAL_EVENTS_SAMPLE_EVERY = {"wikievents": 1, "police": 4, "muc": 1, "case": 1}
"""The fixed samples tests/test_real_events_eval.py pins tests/quality/realevents-floors.json on: every 4th of
the 833 police articles (the whole set takes ~70 CPU-seconds), all of the others (20 to 30 seconds each)."""


def run_all(data: Path, *, full: bool = True, say: Callable[[str], None] = lambda _m: None) -> dict:
    """{set name: its summary} for every evaluation whose data lies under `data` (../shared/data)."""
    from ..kb import geonames
    from ..kb.knowledge import load_knowledge
    from ..store import open_store
    from .acled_events import score_file
    from .acled_places import score as score_places
    from .webextract import score_corpus

    results: dict = {"full": full, "skipped": {}}
    gazetteer = [data / "geonames" / name for name in GEONAMES_FILES]
    missing = [str(p) for p in gazetteer if not p.exists()]
    if missing:
        results["skipped"]["acled"] = f"{', '.join(missing)} not present"
    else:
        with tempfile.TemporaryDirectory() as scratch, open_store(Path(scratch) / "gazetteer.duckdb") as store:
            for path in gazetteer:
                geonames.add(str(path), store)
            knowledge = load_knowledge(store)
            for name, sample in ACLED_SAMPLE_EVERY.items():
                path = data / "acled" / name
                if not path.exists():
                    results["skipped"][f"acled {name}"] = f"{path} not present"
                    continue
                say(f"ACLED notes: {name}")
                results[f"acled {name}"] = score_file(str(path), knowledge, every=1 if full else sample).summary()
        mali = data / "acled" / "mali-dev.csv"
        if mali.exists():
            say("ACLED places: mali-dev.csv")
            placed = score_places(str(mali), [str(p) for p in gazetteer], every=1 if full else PLACES_SAMPLE_EVERY)
            results["acled places mali-dev.csv"] = {k: v for k, v in placed.items() if k != "misses"}
    for name, sample in TOPONYM_SAMPLE_EVERY.items():
        path = data / "realtext" / "toponyms" / name
        if not path.exists():
            results["skipped"][f"toponyms {name}"] = f"{path} not present"
            continue
        from .toponyms import score_file as score_toponyms

        say(f"toponyms: {name}")
        results[f"toponyms {name}"] = score_toponyms(path, load_knowledge(), every=1 if full else sample).summary()
    from .mixed_case import read_texts
    from .mixed_case import score as score_mixed_case

    texts = read_texts(data, every=1 if full else MIXED_CASE_SAMPLE_EVERY)
    if texts:
        say("place links in mixed-case text: " + ", ".join(texts))
        results["places mixed case"] = score_mixed_case(texts, load_knowledge()).summary()
    else:
        results["skipped"]["places mixed case"] = f"no toponym, WikiEvents, RAMS or ACLED texts under {data}"
    score_real_events(data, results, full=full, say=say)
    corpus = data / "webextract" / "trafilatura-eval"
    if (corpus / "evaldata.json").exists():
        say("trafilatura-eval pages (HTML)")
        results["webextract"] = score_corpus(corpus).summary()
    else:
        results["skipped"]["webextract"] = f"{corpus / 'evaldata.json'} not present"
    return results


def score_real_events(data: Path, results: dict, *, full: bool = True, say: Callable[[str], None] = lambda _m: None) -> None:
    """Each REAL_EVENTS set under `data`/realtext into `results` (or its `skipped`, naming the missing path)."""
    from ..kb.knowledge import load_knowledge
    from . import case2021, muc, police, wikievents

    scorers = {"wikievents": wikievents.score_file, "police": police.score_file, "muc": muc.score_file, "case": case2021.score_file}
    knowledge = None
    for name, relative in REAL_EVENTS.items():
        path = data / "realtext" / relative
        if not path.exists():
            results["skipped"][f"events {name}"] = f"{path} not present"
            continue
        if knowledge is None:
            knowledge = load_knowledge()
        say(f"events on real text: {name}")
        results[f"events {name}"] = scorers[name](path, knowledge, every=1 if full else REAL_EVENTS_SAMPLE_EVERY[name]).summary()
