"""Figures and assessments: what a page says about strength, numbers and prospects, kept so briefs can cite it.

A figure is a number with what it counts ("15,000 fighters", "3,300 troops", "800,000 square kilometres",
"the size of Texas"), the actor it is about where the parse says so, and units normalised (km², km,
percent). An assessment is a sentence that judges or forecasts ("the near future looks bleak") and
reports no event as fact; it is never counted as an event. Quotations become claims in the annotator,
from the language layer's quotes.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from spacy.attrs import IDX
from spacy.tokens import Doc, Span, Token

from ..nlp.state import FoundActor, FoundClause, FoundTime
from ..nlp.words import lower_words, word_classes
from .numbers import Quantity, read_quantity
from .roles import ActorIndex
from .scene import clause_modality
from .vocabulary import vocabulary

CLAIM_FILE = "claims.txt"
QUANTITY_FILE = "quantities.tsv"
YEAR_LIKE = range(1800, 2101)


@dataclass
class FoundFigure:
    start: int
    """Token index of the number's first word."""
    end: int
    quantity: Quantity
    unit: str | None
    normalized_value: float | None
    normalized_unit: str | None
    subject: FoundActor | None
    sentence: Span
    time: FoundTime | None
    modality: str
    how: dict[str, str] = field(default_factory=dict)
    """Field -> the rule that gave it: 'value', 'subject', 'date', 'modality'."""


@dataclass
class FoundAssessment:
    sentence: Span
    modality: str
    cue: str
    how: dict[str, str] = field(default_factory=dict)


def _measure(words: list[str]) -> tuple[int, str, float] | None:
    for phrase, unit, factor in vocabulary().measures:
        if tuple(words[: len(phrase)]) == phrase:
            return len(phrase), unit, factor
    return None


def _subject(noun: Token, index: ActorIndex) -> tuple[FoundActor | None, str]:
    """Whom a counted noun belongs to: "AQIM's fighters", "fighters of AQIM", "AQIM has 1,000 fighters";
    with the rule that found it."""
    for child in noun.children:
        if child.dep_ in ("poss", "compound", "amod") and index.at(child):
            return index.at(child), "possessor"
    for prep in noun.children:
        if prep.dep_ == "prep" and prep.lower_ in ("of", "for", "from"):
            for obj in prep.children:
                found = index.in_phrase(obj)
                if found:
                    return found[0], f"{prep.lower_}-phrase"
    verb = noun.head
    while verb.dep_ in ("prep", "pobj", "conj", "appos") and verb.head.i != verb.i:
        verb = verb.head
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass") and child.i != noun.i:
            found = index.in_phrase(child)
            if found:
                return found[0], "verb-subject"
    return None, "none"


def find_figures(doc: Doc, actors: list[FoundActor], times: list[FoundTime], clauses: list[FoundClause]) -> list[FoundFigure]:
    index = ActorIndex(actors)
    by_verb = {c.verb: c for c in clauses}
    words = lower_words(doc)
    starts = doc.to_array(IDX).tolist() if len(doc) else []
    in_time = {i for t in times for i in range(bisect.bisect_left(starts, t.start_char), bisect.bisect_left(starts, t.end_char))}
    areas = vocabulary().areas
    figures: list[FoundFigure] = []
    taken: set[int] = set()
    for token in doc:
        if token.i in taken or token.i in in_time:
            continue
        size = _size_of(doc, token, areas)
        if size is not None:
            figures.append(size)
            taken.update(range(size.start, size.end))
            continue
        if not (token.like_num or token.lower_ in ("dozens", "hundreds", "thousands", "several", "some", "about", "around", "nearly", "almost", "more", "over", "up", "as", "at", "an", "between", "roughly", "approximately")):
            continue
        quantity = read_quantity(words[token.i : token.i + 12])
        if quantity is None or not any(doc[i].like_num for i in range(token.i, token.i + quantity.tokens)) and quantity.exact:
            continue
        end = token.i + quantity.tokens
        if end >= len(doc):
            continue
        last = doc[end - 1]
        if quantity.exact and quantity.low in YEAR_LIKE and last.like_num and "," not in last.text:
            continue  # a year, not a count
        measure = _measure(words[end : end + 3])
        if measure is not None:
            length, unit, factor = measure
            unit_text = doc[end : end + length].text
            noun = doc[end + length - 1]
            normalized, normalized_unit = quantity.low * factor, unit
            figure_end = end + length
            value_rule = f"number-measure {QUANTITY_FILE}:measure:{' '.join(words[end : end + length])}"
        else:
            noun = doc[end] if doc[end].tag_.startswith("NN") else None
            value_rule = "number-noun"
            if noun is None and doc[end].lower_ == "of" and end + 1 < len(doc):
                noun = doc[end + 1] if doc[end + 1].tag_.startswith("NN") else None
                value_rule = "number-of-noun"
            if noun is None:
                head = last.head
                noun = head if head.tag_.startswith("NN") and head.i > last.i else None
                value_rule = "number-head-noun"
            if noun is None:
                continue
            # "15,000 Islamist fighters": the counted noun is the head of the phrase
            while noun.dep_ in ("compound", "amod") and noun.head.i > noun.i and noun.head.i - end < 4:
                noun = noun.head
            unit_text, normalized, normalized_unit, figure_end = noun.text, None, None, noun.i + 1
        sentence = token.sent
        time = next((t for t in times if sentence.start_char <= t.start_char < sentence.end_char), None)
        subject, subject_rule = _subject(noun, index)
        if not quantity.exact:
            value_rule += f" vague {QUANTITY_FILE}:vague:{quantity.text}" if quantity.qualifier is None else f" qualifier {QUANTITY_FILE}:qualifier:{quantity.qualifier}"
        figures.append(
            FoundFigure(
                token.i, figure_end, quantity, unit_text, normalized, normalized_unit, subject, sentence, time,
                clause_modality(noun, by_verb),
                {"value": value_rule, "subject": subject_rule, "date": "sentence-first-time" if time else "none", "modality": "clause"},
            )
        )
        taken.update(range(token.i, figure_end))
    return figures


def _size_of(doc: Doc, token: Token, areas: dict[str, float]) -> FoundFigure | None:
    """"an area the size of Texas": Texas's area, when the comparison names a place the table knows."""
    if token.lower_ != "size" or token.i + 2 >= len(doc) or doc[token.i + 1].lower_ != "of":
        return None
    for length in (3, 2, 1):
        name = " ".join(t.lower_ for t in doc[token.i + 2 : token.i + 2 + length])
        if name in areas:
            end = token.i + 2 + length
            start = token.i - 1 if token.i > 0 and doc[token.i - 1].lower_ == "the" else token.i
            text = doc[start:end].text
            quantity = Quantity(areas[name], areas[name], "the size of", text, end - start, exact=False)
            return FoundFigure(
                start, end, quantity, "km2", areas[name], "km2", None, token.sent, None, "asserted",
                {"value": f"size-of {QUANTITY_FILE}:area_of:{name}", "subject": "none", "date": "none", "modality": "default:asserted"},
            )
    return None


def find_assessments(doc: Doc, clauses: list[FoundClause], factual_sentences: set[int]) -> list[FoundAssessment]:
    """Sentences that judge or forecast and report no event as fact."""
    cues = word_classes(CLAIM_FILE)
    by_verb = {c.verb: c for c in clauses}
    found = []
    for sentence in doc.sents:
        if sentence.start in factual_sentences:
            continue
        cue = next((t for t in sentence if cues.is_(t.lower_, "assessment")), None)
        if cue is None:
            continue
        root = sentence.root
        found.append(
            FoundAssessment(
                sentence, clause_modality(root, by_verb), cue.text,
                {"cue": cues.rule(cue.lower_, "assessment") or "assessment", "modality": "clause-of-root"},
            )
        )
    return found
