"""Conservative coreference: "the group", "its fighters", "they", "the French" → the actor named just
before, only when exactly one actor of a fitting kind was named in the same or the two previous sentences.
The phrases and the kinds they may refer to are data (data/anaphors.tsv).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from ..errors import KnowledgeFileError
from ..kb.actors import ActorKB
from .state import FoundActor

WINDOW_SENTENCES = 2
ANAPHORS = "anaphors.tsv"


@dataclass(frozen=True)
class Anaphor:
    phrase: str
    kinds: frozenset[str]
    country: str | None


@cache
def load_anaphors() -> dict[str, Anaphor]:
    text = resources.files("sitroom").joinpath("data", ANAPHORS).read_text(encoding="utf-8")
    rows = [(n, line.split("\t")) for n, line in enumerate(text.splitlines(), 1) if line.strip() and not line.startswith("#")]
    anaphors = {}
    for number, cells in rows[1:]:
        if len(cells) != 4 or not cells[3].strip():
            raise KnowledgeFileError(f"sitroom/data/{ANAPHORS}", number, "row", "expected phrase, kinds, country and reason, TAB-separated")
        phrase, kinds, country, _ = cells
        anaphors[phrase] = Anaphor(phrase, frozenset(kinds.split("|")), None if country == "-" else country)
    return anaphors


class CorefResolver:
    def __init__(self, nlp, kb: ActorKB):
        self.kb = kb
        self.anaphors = load_anaphors()
        self.strings = nlp.vocab.strings  # the matcher's ids: a stored parse's Doc has a vocabulary of its own
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        for phrase in self.anaphors:
            self.matcher.add(phrase, [nlp.make_doc(phrase)])

    def __call__(self, doc: Doc, actors: list[FoundActor]) -> list[FoundActor]:
        """`actors` with anaphors linked; a generic mention ("the militants") becomes the named group when one is in view."""
        sentence_of = {}
        for index, sent in enumerate(doc.sents):
            for i in range(sent.start, sent.end):
                sentence_of[i] = index
        linked = [a for a in actors if a.actor_id and a.how != "coref" and not a.actor_id.startswith("generic-")]
        result = list(actors)
        for match_id, start, end in self.matcher(doc):
            anaphor = self.anaphors[self.strings[match_id]]
            if anaphor.phrase == "they" and doc[start].tag_ != "PRP":
                continue
            overlapping = [a for a in result if a.start < end and start < a.end]
            if any(a.actor_id and not a.actor_id.startswith("generic-") for a in overlapping):
                continue  # already a named actor
            sentence = sentence_of[start]
            candidates = {
                a.actor_id
                for a in linked
                if a.end <= start
                and sentence - WINDOW_SENTENCES <= sentence_of[a.start] <= sentence
                and self._fits(a.actor_id, anaphor)
            }
            if len(candidates) != 1:
                continue
            (actor_id,) = candidates
            for a in overlapping:
                result.remove(a)
            result.append(FoundActor(start, end, "actor", actor_id, "coref"))
        return sorted(result, key=lambda a: a.start)

    def _fits(self, actor_id: str, anaphor: Anaphor) -> bool:
        actor = self.kb.actors[actor_id]
        if actor.kind not in anaphor.kinds:
            return False
        return anaphor.country is None or anaphor.country in actor.countries
