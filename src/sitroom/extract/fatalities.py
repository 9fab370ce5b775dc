"""Deaths a sentence reports: "killing 4 soldiers and 2 civilians", "at least 12 were killed", "12 dead",
"a death toll of 30", "no casualties".

Each death word looks for the number of the phrase it governs (its object when active, its subject when
passive or intransitive, its own number for nouns); a number is counted once even when two death words
reach it. Wounds are not deaths and are never counted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Span, Token

from .numbers import Quantity, as_int, read_quantity

DEATH_VERBS = {"kill", "kills", "killed", "killing", "die", "dies", "died", "dying", "perished", "massacred", "executed", "slaughtered", "beheaded", "decapitated", "assassinated", "shot"}
DEATH_NOUNS = {"dead", "deaths", "death", "fatalities", "bodies", "lives", "toll", "casualties", "victims"}
NO_DEATHS = re.compile(
    r"\b(no (reported )?(casualties|fatalities|deaths|victims|one was (killed|hurt|injured))|no one (was|were) (killed|hurt)|without (casualties|loss of life|causing casualties)|caused no (casualties|deaths)|nobody was (killed|hurt))\b",
    re.IGNORECASE,
)
NOT_PEOPLE = {"number", "livestock", "cattle", "property", "fire", "way", "time", "one"}
"""Singular nouns a death verb may govern that are not one person ("killed an unknown number", "set fire")."""
ACLED_VAGUE = {"an unknown number": 3, "an unspecified number": 3, "a number": 3, "dozens": 12, "hundreds": 100, "thousands": 1000, "many": 10, "numerous": 10, "several": 3, "a few": 3, "scores": 40}
"""ACLED's own conventions for words without a number (its codebook codes 'dozens' as 12)."""


@dataclass(frozen=True)
class DeathCount:
    low: int
    high: int | None
    qualifier: str | None
    text: str
    acled: int
    exact: bool


def _quantity_of(head: Token) -> tuple[Quantity, list[int]] | None:
    """The number heading or modifying the phrase of `head` ("at least 12 soldiers", "12", "a civilian")."""
    if head.tag_.startswith("VB"):
        return None  # a verb's own words are no count ("On 14 June, gunmen shot dead …")
    tokens = [t for left in head.lefts if left.dep_ not in ("prep", "punct", "cc") for t in left.subtree] + [head]
    tokens.sort(key=lambda t: t.i)
    words = [t.lower_ for t in tokens]
    for i in range(len(words)):
        if tokens[i].dep_ in ("det",) and tokens[i].lower_ in ("the", "this", "that", "these", "those", "his", "her", "its", "their"):
            continue
        quantity = read_quantity(words[i:])
        if quantity is not None:
            return quantity, [t.i for t in tokens[i : i + quantity.tokens]]
        if tokens[i].tag_.startswith("NN") and tokens[i].i != head.i:
            break
    return None


def _phrases(word: Token) -> list[Token]:
    """The phrases whose number counts the dead for one death word."""
    lower = word.lower_
    if lower in DEATH_NOUNS:
        heads = [word]
        if lower == "toll":
            heads += [o for p in word.children if p.dep_ == "prep" for o in p.children if o.dep_ == "pobj"]
            if word.head.lower_ in ("rose", "reached", "stood", "climbed", "is", "was", "stands"):
                heads += [o for p in word.head.children if p.dep_ == "prep" for o in p.children if o.dep_ == "pobj"]
                heads += [c for c in word.head.children if c.dep_ in ("attr", "dobj")]
        if lower == "dead" and word.head.i != word.i:
            heads.append(word.head)  # "left 12 dead", "12 people dead", "shot dead a policeman"
            heads += [c for c in word.head.children if c.dep_ in ("dobj", "nsubjpass")]
        return heads
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in word.children)
    objects = [c for c in word.children if c.dep_ in ("dobj",)]
    subjects = [c for c in word.children if c.dep_ in ("nsubjpass",) or (c.dep_ == "nsubj" and lower.startswith(("die", "died", "perish")))]
    if word.dep_ in ("acl", "amod") and word.head.i != word.i and lower in ("killed", "dead", "died"):
        subjects.append(word.head)  # "12 soldiers killed in the ambush"
    return subjects if passive or not objects else objects


def _one_person(head: Token) -> bool:
    """A singular person with no number: "the mayor", "Amadou Koufa's deputy", "him"."""
    if head.lower_ in ("him", "her"):
        return True
    return head.tag_ in ("NN", "NNP") and not any(c.dep_ == "nummod" for c in head.children) and head.lower_ not in NOT_PEOPLE


def _following_noun(word: Token) -> list[Token]:
    """The first noun within four words after a death verb ("shot dead a policeman" -> 'policeman')."""
    for token in word.doc[word.i + 1 : min(word.i + 5, word.sent.end)]:
        if token.tag_.startswith("NN"):
            return [token]
        if token.is_punct or token.tag_.startswith("VB"):
            break
    return []


def count_deaths(sentence: Span, only: set[int] | None = None) -> DeathCount | None:
    """The deaths `sentence` reports (only those of death words in `only`, token indices, when given)."""
    counted: set[int] = set()
    total_low, total_high, texts, qualifiers, acled, exact = 0, 0, [], [], 0, True
    found = False
    for word in sentence:
        if only is not None and word.i not in only:
            continue
        lower = word.lower_
        if lower not in DEATH_VERBS and lower not in DEATH_NOUNS:
            continue
        if lower == "shot" and not any(t.lower_ == "dead" for t in word.subtree):
            continue  # "shot" alone may wound
        heads = _phrases(word)
        if lower in DEATH_VERBS and not any(_quantity_of(h) for h in heads):
            heads = heads + _following_noun(word)  # a bad parse: "shot dead a policeman" read as "dead (a policeman guard)"
        for head in heads:
            for part in [head, *[c for c in head.conjuncts if c.i > head.i]]:
                quantity = _quantity_of(part)
                if quantity is None and lower in DEATH_VERBS and _one_person(part):
                    quantity = (Quantity(1, 1, None, part.text, 1, exact=True), [part.i])  # "killed the village chief", "killing him"
                if quantity is None:
                    continue
                value, used = quantity
                if counted.intersection(used):
                    continue
                counted.update(used)
                found = True
                total_low += as_int(value.low) or 0
                total_high = None if (total_high is None or value.high is None) else total_high + (as_int(value.high) or 0)
                texts.append(value.text)
                if value.qualifier:
                    qualifiers.append(value.qualifier)
                exact = exact and value.exact
                vague = next((n for w, n in ACLED_VAGUE.items() if value.text.startswith(w)), None)
                acled += vague if vague is not None else as_int(value.low) or 0
    if not found:
        return no_deaths(sentence)
    return DeathCount(total_low, total_high, ", ".join(dict.fromkeys(qualifiers)) or None, " + ".join(texts), acled, exact)


def no_deaths(sentence: Span) -> DeathCount | None:
    """A toll of 0 when the sentence says nobody died ("no casualties"), else None."""
    match = NO_DEATHS.search(sentence.text)
    return DeathCount(0, 0, None, match.group(0), 0, True) if match else None


def death_words(sentence: Span) -> list[Token]:
    return [t for t in sentence if t.lower_ in DEATH_VERBS or t.lower_ in DEATH_NOUNS]
