"""Place links on real text as it is written: no lower-case word and no closed-class word is ever linked.

The development texts others wrote (the LGL and TR-News articles, WikiEvents and RAMS documents, ACLED's global
notes) are annotated in their own mixed case; every linked place mention whose text is a lower-case word
('marijuana' → Marianna) or a closed-class word ('But' → Buta, 'No' → Ho) is a wrong link. `make test` checks a
fixed sample, `make eval` (`sitroom eval all`) all of them.
"""

from __future__ import annotations

import csv
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

CLOSED_CLASS = frozenset(
    {"But", "We", "At", "Since", "So", "As", "She", "He", "It", "One", "No", "Do", "Of", "In", "On", "The", "A", "An", "To", "And", "Or"}
)
_XML_TEXT = re.compile(r"<text>(?:<!\[CDATA\[)?(.*?)(?:\]\]>)?</text>", re.DOTALL)


def wrong_word(text: str) -> bool:
    """A lower-case word ('marijuana', not 'al-Hasakeh') or a closed-class one."""
    return text == text.lower() or text in CLOSED_CLASS


def read_texts(data: Path, every: int = 1) -> dict[str, list[str]]:
    """{set: its texts} for the sets present under `data` (../shared/data), every Nth text of each."""
    realtext = data / "realtext"
    sets: dict[str, list[str]] = {}
    for name in ("lgl.xml", "TR-News.xml"):
        path = realtext / "toponyms" / name
        if path.exists():
            sets[name] = _XML_TEXT.findall(path.read_text(encoding="utf-8"))[::every]
    wikievents = realtext / "wikievents" / "dev.jsonl"
    if wikievents.exists():
        lines = wikievents.read_text(encoding="utf-8").splitlines()[::every]
        sets["wikievents"] = [" ".join(json.loads(line)["tokens"]) for line in lines]
    rams = realtext / "rams" / "dev.jsonlines"
    if rams.exists():
        docs = [json.loads(line) for line in rams.read_text(encoding="utf-8").splitlines()[::every]]
        sets["rams"] = [" ".join(" ".join(sentence) for sentence in doc["sentences"]) for doc in docs]
    acled = data / "acled" / "global-2020-04-27_to_05-09.csv"
    if acled.exists():
        with acled.open(encoding="utf-8", newline="") as handle:
            sets["acled global"] = [row["notes"] for row in csv.DictReader(handle)][::every]
    return sets


@dataclass
class MixedCaseScores:
    texts: int = 0
    linked: int = 0
    wrong: list[str] = field(default_factory=list)

    def summary(self) -> dict:
        return {"texts": self.texts, "linked": self.linked, "lower_or_closed_linked": len(self.wrong), "examples": self.wrong[:20]}


def score(sets: dict[str, list[str]], knowledge) -> MixedCaseScores:
    from ..extract.annotate import Annotator
    from ..extract.run import TextItem, item_article

    scores = MixedCaseScores()
    annotator = Annotator(knowledge)
    for name, texts in sets.items():
        articles = [item_article(TextItem(f"{name}-{i}", text, source=f"{name}#{i}")) for i, text in enumerate(texts) if text.strip()]
        for result in annotator.annotate(articles):
            if not hasattr(result, "mentions"):
                continue
            scores.texts += 1
            for mention in result.mentions:
                if mention.type == "place" and mention.link is not None:
                    scores.linked += 1
                    if wrong_word(mention.text):
                        scores.wrong.append(f"{mention.text!r} → {mention.link.name} ({mention.link.country}) [{result.article_id}]")
    return scores
