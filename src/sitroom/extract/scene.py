"""One sentence of a Doc with what the Doc around it holds: the places, times, actors and clauses an event
in it may take, and where its dateline, brackets and neighbours are. Used by sitroom.extract.events."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from ..model import Part
from ..nlp.state import DocContext, FoundActor, FoundClause, FoundPlace, FoundTime
from ..nlp.words import word_classes
from .roles import ActorIndex

GEO_WORDS = word_classes("geo.txt")

NEIGHBOUR_SENTENCES = 2
"""How far back (and, for actors, forward) a sentence looks for what it does not say itself."""
NEAR_WORDS = {"near", "outside", "around", "between", "close", "north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest", "km", "kilometres", "kilometers", "miles"}
FEATURE_RANK = {"A2": 1, "A1": 2, "C": 3}
"""A town or site before a district, a district before a region, a region before a country."""


class Scene:
    """One sentence with what the Doc around it holds: the places, times and clauses the event may take."""

    def __init__(self, doc: Doc, sentences: list[Span], n: int, index: ActorIndex, places: list[FoundPlace],
                 times: list[FoundTime], clause_by_verb: dict[int, FoundClause], context: DocContext, first_place: FoundPlace | None):
        self.doc, self.sentences, self.n, self.sentence = doc, sentences, n, sentences[n]
        self.index, self.places, self.times, self.clause_by_verb = index, places, times, clause_by_verb
        self.context, self.first_place = context, first_place
        self.refusals: list[str] = []
        """Why candidates of this sentence were found to be no event (extract/eventhood.py rule names)."""

    def sentence_actors(self) -> list[FoundActor]:
        seen = []
        for i in range(self.sentence.start, self.sentence.end):
            actor = self.index.by_token.get(i)
            if actor is not None and actor not in seen:
                seen.append(actor)
        return seen

    def nearby_actors(self) -> list[FoundActor]:
        """Actors of the next and previous sentences of the same part, nearest first."""
        order = [self.n + 1, self.n + 2, self.n - 1, self.n - 2]
        part = self._part(self.sentence.start_char)
        found = []
        for n in order:
            if 0 <= n < len(self.sentences) and self._part(self.sentences[n].start_char) == part:
                sent = self.sentences[n]
                for i in range(sent.start, sent.end):
                    actor = self.index.by_token.get(i)
                    if actor is not None and actor not in found:
                        found.append(actor)
        return found

    def _neighbours(self) -> list[Span]:
        """Sentences before this one in the same part (title, body, caption) of the article, nearest first."""
        part = self._part(self.sentence.start_char)
        return [s for s in reversed(self.sentences[max(0, self.n - NEIGHBOUR_SENTENCES) : self.n]) if self._part(s.start_char) == part]

    def _part(self, char: int) -> str:
        return part_at(self.context.parts, char)

    def time_for(self, head: Token) -> tuple[FoundTime | None, str, str]:
        """The event's time, how it was found ('stated', 'neighbour', 'report'), and the rule that chose it."""

        def within(span: Span) -> list[FoundTime]:
            return [t for t in self.times if span.start_char <= t.start_char < span.end_char]

        own = within(self.sentence)
        own = [t for t in own if not self._dateline_time(t)] or own
        if own:
            clause = clause_tokens(head)
            chars = {self.doc[i].idx for i in clause}
            in_clause = [t for t in own if any(t.start_char <= c < t.end_char for c in chars)]
            pool = in_clause or own
            day = [t for t in pool if t.value.precision == "day"]
            best = min(day or pool, key=lambda t: abs(t.start_char - head.idx))
            rule = ("clause" if in_clause else "sentence") + ("-day-nearest" if day else "-nearest")
            return best, "stated", rule + ("-dateline" if self._dateline_time(best) else "")
        for sent in self._neighbours():
            near = within(sent)
            if near:
                return near[-1], "neighbour", "previous-sentence-last"
        return None, "report", "report-date"

    def place_for(self, head: Token, clause: set[int]) -> tuple[FoundPlace | None, str | None, int | None, str | None]:
        """The event's place, how it was found ('sentence', 'neighbour', 'article'), its precision, and the rule
        that chose it (with how the place itself was resolved: 'gazetteer', 'fuzzy', 'context')."""
        own = [p for p in self.places if p.place is not None and self.sentence.start <= p.start < self.sentence.end
               and not self._speaks_for_state(p)]
        # a dateline ("MOPTI, Mali, Jan. 12 -") says where the report was filed, not where the event was
        told = [p for p in own if not self._in_dateline(p)]
        own = told or own
        if own:
            # a noun names its own place ("a coup in Bamako"): that place wins over the clause's ("Gao fell ... after a coup in Bamako")
            attached = [p for p in own if p.start in _prepositional(head)] if not is_verb(head) else []
            in_clause = [p for p in own if p.start in clause]
            best = min(attached or in_clause or own, key=lambda p: (FEATURE_RANK.get(p.place.feature, 0), self._bracketed(p), p.start))
            rule = "noun-preposition" if attached else "clause" if in_clause else "sentence"
            return best, "sentence", self._precision(best), f"{rule}-most-precise {best.how}"
        for sent in self._neighbours():
            near = [p for p in self.places if p.place is not None and sent.start <= p.start < sent.end and not self._speaks_for_state(p)]
            if near:
                best = min(near, key=lambda p: (p.precision, FEATURE_RANK.get(p.place.feature, 0), p.start))
                return best, "neighbour", max(2, self._precision(best)), f"previous-sentence-most-precise {best.how}"
        if self._part(self.sentence.start_char) == "caption":
            return None, None, None, "caption-without-place"
        if self.first_place is not None:
            return self.first_place, "article", max(2, self._precision(self.first_place)), f"article-first-place {self.first_place.how}"
        return None, None, None, "no-place"

    def _speaks_for_state(self, place: FoundPlace) -> bool:
        """'Paris has named', 'Bamako said': a place as the subject of a naming or speech verb is its government;
        'Officials in Paris said': a place of the speaking subject is where the speakers are, not the event."""
        token = self.doc[place.end - 1]
        while token.dep_ in ("pobj", "prep", "compound") and token.head is not token:
            token = token.head
        return token.dep_ == "nsubj" and GEO_WORDS.is_(token.head.lower_, "state_voice")

    def _dateline_end(self) -> int | None:
        """The token index of the dash closing a dateline ("GAO, Mali, Feb. 10, 2013 -"), if the sentence opens with one."""
        head = self.doc[self.sentence.start : min(self.sentence.end, self.sentence.start + 14)]
        if not self.doc[self.sentence.start].text.isupper():
            return None
        return next((t.i for t in head if t.text in ("-", "—", "–", "--")), None)

    def _bracketed(self, place: FoundPlace) -> bool:
        """Inside brackets ("Boni (Douentza, Mopti)"): the district and region that locate the place before them."""
        depth = 0
        for token in self.doc[self.sentence.start : place.start]:
            depth += token.text == "("
            depth -= token.text == ")" and depth > 0
        return depth > 0

    def _in_dateline(self, place: FoundPlace) -> bool:
        dash = self._dateline_end()
        return dash is not None and place.start < dash

    def _dateline_time(self, time: FoundTime) -> bool:
        dash = self._dateline_end()
        return dash is not None and time.start_char < self.doc[dash].idx

    def _precision(self, place: FoundPlace) -> int:
        before = self.doc[max(0, place.start - 3) : place.start]
        if any(t.lower_ in NEAR_WORDS for t in before):
            return max(2, place.precision)
        return place.precision



def _prepositional(noun: Token) -> set[int]:
    """Tokens of the phrases a noun's prepositions govern ("a coup in Bamako"), not of clauses about it
    ("an intervention that Paris named Serval", where the capital stands for its government)."""
    return {t.i for prep in noun.children if prep.dep_ == "prep" for t in prep.subtree}


def is_verb(token: Token) -> bool:
    return token.tag_.startswith("VB")  # fine-grained tags: the pipeline leaves out the attribute ruler that sets pos_



def clause_tokens(head: Token) -> set[int]:
    """The tokens of the clause a trigger stands in: a verb's subtree; a noun's governing verb's subtree."""
    token = head
    for _ in range(6):
        if is_verb(token) or token.head.i == token.i:
            break
        token = token.head
    return {t.i for t in token.subtree}


def clause_modality(token: Token, clauses: dict[int, FoundClause]) -> str:
    """The modality of the clause a token stands in: its own verb's, or the nearest verb above it with one."""
    for _ in range(12):
        clause = clauses.get(token.i)
        if clause is not None:
            return clause.modality
        if token.head.i == token.i:
            break
        token = token.head
    return "asserted"


def part_at(parts: list[Part], char: int) -> str:
    """The kind of part (title, body, caption, footnote) a character offset falls in."""
    return next((p.kind for p in parts if p.start <= char < p.end), "body")
