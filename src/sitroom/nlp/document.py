"""The text an article is annotated as, cut into pieces spaCy can take, and the article's main country.

The annotated text is the title, the body, each caption and each footnote, separated by blank lines;
every offset sitroom stores points into it. Invisible formatting characters (zero-width spaces, direction
marks, byte-order marks) are removed first, since they split words for the tokenizer and show nothing.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from ..kb.gazetteer import Gazetteer, name_key
from ..model import Article, Part

INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\u00ad]")
CHUNK_CHARS = 100_000
"""spaCy's parser and NER need about 1 GB per 100,000 characters; longer texts are annotated in pieces."""
_POSSESSIVE = re.compile(r"(?:['’]s?|\.)$")
_WORD = re.compile(r"[A-Z][\w'’.-]*(?:\s+(?:d'|de\s|du\s|of\s|the\s)?[A-Z][\w'’.-]*){0,3}")


@dataclass(frozen=True)
class Chunk:
    offset: int
    text: str
    parts: list[Part]
    """The parts overlapping this chunk, with offsets relative to the chunk."""


def _clean(text: str) -> tuple[str, int]:
    cleaned, removed = INVISIBLE.subn("", text)
    return cleaned.strip(), removed


def article_text(article: Article) -> tuple[str, list[Part], list[str]]:
    """(text, parts, notes) of an article: what the language layer reads."""
    pieces: list[tuple[str, str]] = []
    if article.title:
        pieces.append(("title", article.title))
    if article.paragraphs:
        pieces.append(("body", "\n\n".join(article.paragraphs)))
    pieces += [("caption", caption) for caption in article.captions]
    pieces += [("footnote", note.text) for note in article.footnotes]
    text, parts, removed = "", [], 0
    for kind, piece in pieces:
        piece, count = _clean(piece)
        removed += count
        if not piece:
            continue
        if text:
            text += "\n\n"
        parts.append(Part(kind=kind, start=len(text), end=len(text) + len(piece)))
        text += piece
    notes = [f"removed {removed} invisible formatting characters (zero-width or direction marks)"] if removed else []
    return text, parts, notes


def chunks(text: str, parts: list[Part], size: int = CHUNK_CHARS) -> list[Chunk]:
    """Pieces of at most `size` characters, cut at paragraph breaks, else sentence ends, else spaces."""
    cut: list[int] = []
    start = 0
    while start < len(text):
        end = min(len(text), start + size)
        if end < len(text):
            window = text[start:end]
            for mark in ("\n\n", "\n", ". ", " "):
                at = window.rfind(mark)
                if at > size // 4:
                    end = start + at + len(mark)
                    break
        cut.append(start)
        start = end
    return pieces_at(text, parts, cut)


def pieces_at(text: str, parts: list[Part], offsets: list[int] | tuple[int, ...]) -> list[Chunk]:
    """The pieces of `text` that start at `offsets` (as `chunks` cut them; a stored parse keeps the offsets)."""
    result = []
    for n, start in enumerate(offsets):
        end = offsets[n + 1] if n + 1 < len(offsets) else len(text)
        local = [
            Part(kind=p.kind, start=max(p.start, start) - start, end=min(p.end, end) - start)
            for p in parts
            if p.start < end and start < p.end
        ]
        result.append(Chunk(start, text[start:end], local))
    return result


def place_country(places, focus: frozenset[str] = frozenset(), min_population: int = 10_000) -> str | None:
    """The country a place name most likely points to, among its towns of `min_population` people or more, areas,
    the team's places and places of the countries the user loaded: their only country, the only country the user
    loaded places for that has it, the only country where it names a region or a cercle ('Koro'), or that of its
    most populous town."""
    # a village of a thousand people somewhere is no evidence: many surnames and common words name one
    towns = [
        p for p in places
        if p.feature != "C" and p.country
        and (p.population >= min_population or p.feature in ("A1", "A2") or p.id.startswith("sitroom:") or p.country in focus)
    ]
    countries = {p.country for p in towns}
    if len(countries) == 1:
        return next(iter(countries))
    focused = countries & focus
    if len(focused) == 1:
        return next(iter(focused))
    regions = {p.country for p in towns if p.feature in ("A1", "A2")}
    if len(regions) == 1:
        return next(iter(regions))
    biggest = max(towns, key=lambda p: p.population, default=None)
    return biggest.country if biggest and biggest.population >= 10_000 else None


COUNTRY_NAME_WEIGHT, DEMONYM_WEIGHT, PLACE_WEIGHT, DATELINE_WEIGHT = 2.0, 1.0, 1.5, 3.0
"""Votes for an article's main country: 'Mali' counts more than 'French', and a town only one country
has ('Gao') counts in between; news about a war abroad names the intervening country's people often. The
dateline or a brief's heading ('BAMAKO —', 'Kidal:') says where the writer is: it counts most."""
_DATELINE = re.compile(r"^\s*(?:([A-Z][\w'’.-]*(?:[ -][A-Z][\w'’.-]*){0,3})\s*(?:[:—–]|\s-)|([A-Z][A-Z'’.-]+(?: [A-Z][A-Z'’.-]+){0,3}),)")
"""'Kidal:', 'Gao —', or a name in capitals before a comma ('BAMAKO, Jan. 5'); 'Léré, a town in …' is no dateline."""


def main_country(text: str, gazetteer: Gazetteer, is_actor: Callable[[str], bool] = lambda _name: False) -> str | None:
    """The country an article is mostly about, from the countries, demonyms and towns it names; a phrase that
    names a known actor (`is_actor`: 'Ganda Koy' militiamen) is no town, whatever gazetteer has one."""
    from .words import word_classes

    names = gazetteer.country_words()
    votes: Counter[str] = Counter()
    first: dict[str, int] = {}
    others: Counter[str] = Counter()
    others_first: dict[str, int] = {}
    not_place = word_classes("geo.txt")
    for match in _WORD.finditer(text):
        sentence_start = match.start() == 0 or text[: match.start()].rstrip()[-1:] in ".!?\n\"“"
        words = [_POSSESSIVE.sub("", w) for w in match.group(0).split()]
        actor_words: set[int] = set()  # words of a known actor's name: neither it nor a part of it is a town
        for n in range(len(words), 0, -1):
            for i in range(len(words) - n + 1):
                phrase = " ".join(words[i : i + n])
                if actor_words.intersection(range(i, i + n)):
                    continue
                if phrase in names:
                    code, is_name = names[phrase]
                    votes[code] += COUNTRY_NAME_WEIGHT if is_name else DEMONYM_WEIGHT
                    first.setdefault(code, match.start())
                elif is_actor(phrase):
                    actor_words.update(range(i, i + n))
                elif len(phrase) >= 3 and not (sentence_start and i == 0) and not not_place.is_(phrase, "not_place"):
                    others[name_key(phrase)] += 1
                    others_first.setdefault(name_key(phrase), match.start())
    dateline = _DATELINE.match(text)
    if dateline:
        key = name_key(dateline.group(1) or dateline.group(2))
        places = gazetteer.lookup([key]).get(key, ())
        code = next((p.country for p in places if p.feature == "C"), None) or place_country(places, gazetteer.focus)
        if code:
            votes[code] += DATELINE_WEIGHT
            first.setdefault(code, 0)
    # any capitalised phrase, no word says it is a place: only a place of that very name votes (not an alternate)
    for key, places in gazetteer.lookup(list(others), main_only=True).items():
        code = place_country(places, gazetteer.focus)
        if code:
            votes[code] += PLACE_WEIGHT * others[key]
            first[code] = min(first.get(code, len(text)), others_first[key])  # ties go to the country named first
    if not votes:
        return None
    return max(sorted(votes), key=lambda code: (votes[code], -first[code]))
