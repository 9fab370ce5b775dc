"""How well sitroom finds and places toponyms in news labelled by others (LGL, TR-News, GeoWebNews XML).

Each <article>'s <text> is annotated as the body of an Article (no title), so the annotated text is the XML
text less invisible formatting characters and surrounding whitespace; predicted offsets are mapped back to
the XML text. A predicted place mention matches a gold toponym when their spans overlap. Gold toponyms
without a <gaztag> (or without lat/lon) count as gold spans, but not in the coordinate scores.

Keys: `precision`, `recall`, `f1` (span overlap); `acc161_linked` (of gold toponyms with coordinates matched
by a linked mention, the share within 161 km); `acc161_end_to_end` (resolved within 161 km ÷ all gold
toponyms with coordinates); `median_km` (over linked matches); `country_accuracy` (of linked matches whose
gold country is known, the share whose ISO2 code is right).

Run: sitroom eval toponyms ../shared/data/realtext/toponyms/lgl.xml --json [--every N] [--misses N]
"""

from __future__ import annotations

import statistics
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ..kb.gazetteer import distance_km, shipped_countries
from ..model import Article, Mention, PlaceLink

WITHIN_KM = 161.0
REALIGN_WINDOW = 40
"""TR-News's offsets are sometimes a few characters off its phrase; the nearest occurrence this close is taken."""


@dataclass(frozen=True)
class Point:
    lat: float
    lon: float


@dataclass
class Gold:
    start: int
    end: int
    phrase: str
    point: Point | None
    country: str | None  # the country's name as the file gives it


@dataclass
class GoldArticle:
    docid: str
    text: str
    published: date | None
    toponyms: list[Gold]


@dataclass
class ToponymScores:
    articles: int = 0
    failed: int = 0
    gold: int = 0
    predicted: int = 0
    matched_predicted: int = 0
    matched_gold: int = 0
    with_coordinates: int = 0
    linked: int = 0
    linked_within: int = 0
    distances: list[float] = field(default_factory=list)
    country_known: int = 0
    country_right: int = 0
    realigned: int = 0
    failures: list[str] = field(default_factory=list)
    false_positives: list[str] = field(default_factory=list)
    far: list[tuple[float, str]] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)

    def summary(self) -> dict:
        precision = self.matched_predicted / self.predicted if self.predicted else 0.0
        recall = self.matched_gold / self.gold if self.gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return {
            "articles": self.articles,
            "failed": self.failed,
            "gold": self.gold,
            "predicted": self.predicted,
            "precision": round(precision, 4),
            "recall": round(recall, 4),
            "f1": round(f1, 4),
            "acc161_linked": round(self.linked_within / self.linked, 4) if self.linked else 0.0,
            "acc161_end_to_end": round(self.linked_within / self.with_coordinates, 4) if self.with_coordinates else 0.0,
            "median_km": round(statistics.median(self.distances), 1) if self.distances else None,
            "country_accuracy": round(self.country_right / self.country_known, 4) if self.country_known else 0.0,
        }

    @property
    def misses(self) -> list[str]:
        """Worst first: links farther than 161 km (farthest first), then false positives, then missed spans."""
        far = [line for _km, line in sorted(self.far, key=lambda pair: -pair[0])]
        return far + self.false_positives + self.missed


def _float(text: str | None) -> float | None:
    try:
        return float(text) if text is not None and text.strip() else None
    except ValueError:
        return None


def _date(text: str | None) -> date | None:
    try:
        return date.fromisoformat(text.strip()[:10]) if text else None
    except ValueError:
        return None


def _realign(text: str, start: int, end: int, phrase: str) -> tuple[int, int, bool]:
    if not phrase or text[start:end] == phrase:
        return start, end, False
    window = text[max(0, start - REALIGN_WINDOW) : start + len(phrase) + REALIGN_WINDOW]
    offset = max(0, start - REALIGN_WINDOW)
    found = [offset + i for i in range(len(window)) if window.startswith(phrase, i)]
    if not found:
        return start, end, False
    best = min(found, key=lambda at: abs(at - start))
    return best, best + len(phrase), True


def _gold_article(element: ET.Element) -> tuple[GoldArticle, int]:
    """The article and how many of its toponyms' offsets were realigned onto their phrase."""
    text = element.findtext("text")
    if text is None:
        raise ValueError("no <text>")
    toponyms, realigned = [], 0
    for toponym in element.iter("toponym"):
        phrase = (toponym.findtext("phrase") or "").strip()
        start, end = int(toponym.findtext("start")), int(toponym.findtext("end"))
        start, end, moved = _realign(text, start, end, phrase)
        realigned += moved
        gaztag = toponym.find("gaztag")
        point = country = None
        if gaztag is not None:
            lat, lon = _float(gaztag.findtext("lat")), _float(gaztag.findtext("lon"))
            point = Point(lat, lon) if lat is not None and lon is not None else None
            country = (gaztag.findtext("country") or "").strip() or None
        toponyms.append(Gold(start, end, phrase, point, country))
    published = _date(element.findtext("dltime"))
    return GoldArticle(element.get("docid") or "", text, published, toponyms), realigned


def read_articles(path: str | Path, every: int = 1) -> Iterator[tuple[GoldArticle, int] | str]:
    """Every Nth <article> of the file: (GoldArticle, offsets realigned), or a one-line reason when it cannot be read."""
    root = ET.parse(path).getroot()
    for i, element in enumerate(root.iter("article")):
        if i % every:
            continue
        try:
            yield _gold_article(element)
        except (ValueError, TypeError) as error:
            yield f"article {element.get('docid') or i}: {error}"


def _country_codes() -> dict[str, str]:
    codes: dict[str, str] = {}
    for country in shipped_countries():
        for name in (country.name, *country.names):
            codes.setdefault(name.casefold(), country.code)
    return codes


def _offset_map(original: str, annotated: str) -> list[int] | None:
    """For each character of the annotated text, its index in the original (None when they do not line up)."""
    from ..nlp.document import INVISIBLE

    kept = [i for i, ch in enumerate(original) if not INVISIBLE.match(ch)]
    cleaned = "".join(original[i] for i in kept)
    lead = len(cleaned) - len(cleaned.lstrip())
    if cleaned.strip() != annotated:
        return None
    return kept[lead : lead + len(annotated)]


def _overlap(mention: tuple[int, int], gold: Gold) -> int:
    return min(mention[1], gold.end) - max(mention[0], gold.start)


def score_file(path: str | Path, knowledge, every: int = 1) -> ToponymScores:
    from ..extract.annotate import Annotator

    scores = ToponymScores()
    golds: list[GoldArticle] = []
    for item in read_articles(path, every):
        if isinstance(item, str):
            scores.failed += 1
            scores.failures.append(item)
        else:
            gold, realigned = item
            scores.realigned += realigned
            golds.append(gold)
    articles = [
        Article(id=f"toponyms-{g.docid}", content_hash=g.docid, source=f"{path}#{g.docid}", format="text", language="en",
                paragraphs=[g.text], published=g.published)
        for g in golds
    ]
    codes = _country_codes()
    for gold, result in zip(golds, Annotator(knowledge).annotate(articles)):
        if not hasattr(result, "mentions"):
            scores.failed += 1
            scores.failures.append(f"article {gold.docid}: {getattr(result, 'error', result)}")
            continue
        positions = _offset_map(gold.text, result.text)
        if positions is None:
            scores.failed += 1
            scores.failures.append(f"article {gold.docid}: annotated text does not line up with the XML text")
            continue
        scores.articles += 1
        _score_article(scores, gold, [m for m in result.mentions if m.type == "place"], positions, codes)
    return scores


def _score_article(scores: ToponymScores, gold: GoldArticle, places: list[Mention], positions: list[int], codes: dict[str, str]) -> None:
    spans = [(positions[m.start], positions[m.end - 1] + 1) for m in places if m.end > m.start]
    places = [m for m in places if m.end > m.start]
    scores.gold += len(gold.toponyms)
    scores.predicted += len(places)
    for mention, span in zip(places, spans):
        if any(_overlap(span, g) > 0 for g in gold.toponyms):
            scores.matched_predicted += 1
        else:
            where = f" → {mention.link.name} ({mention.link.country})" if isinstance(mention.link, PlaceLink) else ""
            scores.false_positives.append(f"false positive: {mention.text!r}{where} [{gold.docid}]")
    for toponym in gold.toponyms:
        overlapping = [(m, _overlap(s, toponym)) for m, s in zip(places, spans) if _overlap(s, toponym) > 0]
        if overlapping:
            scores.matched_gold += 1
        else:
            scores.missed.append(f"missed: {toponym.phrase!r} ({toponym.country or 'no gaztag'}) [{gold.docid}]")
        if toponym.point is None:
            continue
        scores.with_coordinates += 1
        linked = [(m, size) for m, size in overlapping if isinstance(m.link, PlaceLink)]
        if not linked:
            continue
        mention = max(linked, key=lambda pair: pair[1])[0]
        link = mention.link
        km = distance_km(toponym.point, link)
        scores.linked += 1
        scores.distances.append(km)
        if km <= WITHIN_KM:
            scores.linked_within += 1
        else:
            scores.far.append((km, f"{km:.0f} km: {mention.text!r} → {link.name} ({link.country}); gold {toponym.phrase!r} ({toponym.country}) [{gold.docid}]"))
        code = codes.get((toponym.country or "").casefold())
        if code:
            scores.country_known += 1
            scores.country_right += (link.country or "").upper() == code
