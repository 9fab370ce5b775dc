"""Quotations and their speakers.

Direct quotes are text between quotation marks (four words or more: shorter ones are scare quotes);
their speaker is the subject of a speech verb in the same sentence, or the sentence before or after
when the quote stands alone, or the object of "according to". Indirect quotes are the that-clause of a
speech verb ("Hamaha celebrated that …") and the clause an "As X notes," frames. A pronoun speaker is
the person named last. The speaker's role words ("insurgent leader") and organisation come from the
speaker's phrase, or from the knowledge base when the person belongs to one organisation.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from ..kb.actors import ActorKB
from ..model import Part
from .state import FoundActor, FoundQuote
from .words import token_indices, word_classes

MIN_QUOTE_WORDS = 4
_QUOTE_PAIRS = re.compile(r"“([^”“]{2,2000})”|\"([^\"]{2,2000})\"|(?<![\w])‘([^’‘]{2,2000})’(?![\w])|«\s?([^»]{2,2000})\s?»")


def _title_case(words: list[str]) -> bool:
    """'Paris Bets on a Short War': a title in quotation marks, not speech."""
    capitalised = sum(w[:1].isupper() for w in words)
    return capitalised / len(words) >= 0.6


class QuoteFinder:
    def __init__(self, kb: ActorKB):
        self.kb = kb
        self.words = word_classes("quotes.txt")

    def __call__(self, doc: Doc, actors: list[FoundActor], parts: list[Part]) -> list[FoundQuote]:
        # a footnote's quoted strings are the titles of what it cites, not things someone said
        notes = [(p.start, p.end) for p in parts if p.kind == "footnote"]
        quotes: list[FoundQuote] = []
        covered: list[tuple[int, int]] = list(notes)
        text = doc.text  # Doc.text joins every token each time it is asked
        for match in _QUOTE_PAIRS.finditer(text):
            group = next(g for g in range(1, 5) if match.group(g) is not None)
            start, end = match.start(group), match.end(group)
            words = match.group(group).split()
            if len(words) < MIN_QUOTE_WORDS or any(s <= start < e for s, e in notes) or _title_case(words):
                continue
            inside = doc.char_span(start, end, alignment_mode="expand")
            if inside is None:
                continue
            verb = self._speech_verb(doc, inside)
            quote = self._attributed("direct", start, end, verb, doc, actors)
            quote.how = {"quote": "quotation-marks", **quote.how}
            quotes.append(quote)
            covered.append((match.start(), match.end()))
        for i in token_indices(doc, lambda word: self.words.is_(word, "speech_verb")):
            token = doc[i]
            if not token.tag_.startswith("VB"):
                continue
            if any(s <= token.idx < e for s, e in covered):
                continue
            clause = self._reported_clause(token)
            if clause is None:
                continue
            start, end, rule = clause
            if any(s < end and start < e for s, e in covered) or len(text[start:end].split()) < MIN_QUOTE_WORDS:
                continue
            quote = self._attributed("indirect", start, end, token, doc, actors)
            quote.how = {"quote": f"{rule} {self.words.rule(token.lower_, 'speech_verb')}", **quote.how}
            quotes.append(quote)
            covered.append((start, end))
        for i in token_indices(doc, lambda word: word == "according"):  # "according to X, …" with no speech verb
            token = doc[i]
            if token.i + 2 < len(doc) and doc[token.i + 1].lower_ == "to":
                sent = token.sent
                if any(s < sent.end_char and sent.start_char < e for s, e in covered):
                    continue
                speaker = self._according_to(token)
                if speaker is None:
                    continue
                rest = [t for t in sent if not (speaker.start - 2 <= t.i < speaker.end) and not t.is_punct]
                if len(rest) < MIN_QUOTE_WORDS:
                    continue
                start, end = rest[0].idx, rest[-1].idx + len(rest[-1])
                quote = self._with_speaker("indirect", start, end, "according to", speaker, doc, actors, "according-to")
                quote.how = {"quote": "according-to", **quote.how}
                quotes.append(quote)
                covered.append((sent.start_char, sent.end_char))
        return sorted(quotes, key=lambda q: q.start_char)

    # --- finding the verb and the clause ------------------------------------------------------
    def _speech_verb(self, doc: Doc, inside: Span) -> Token | None:
        sentences = [inside.sent]
        first = inside.sent
        if first.start > 0:
            sentences.append(doc[first.start - 1].sent)
        if first.end < len(doc):
            sentences.append(doc[first.end].sent)
        for sent in sentences:
            for token in sent:
                if inside.start <= token.i < inside.end:
                    continue
                if self.words.is_(token.lower_, "speech_verb") and token.tag_.startswith("VB"):
                    return token
        return None

    def _reported_clause(self, verb: Token) -> tuple[int, int, str] | None:
        """The characters a speech verb reports, with the rule that found them."""
        for child in verb.children:
            if child.dep_ == "ccomp" and child.i > verb.i:
                first = child.left_edge
                if first.dep_ == "mark" and first.i < child.right_edge.i:  # "that …": the quote starts after 'that'
                    first = first.doc[first.i + 1]
                return first.idx, child.right_edge.idx + len(child.right_edge), "speech-verb-clause"
        # "As al-Qaeda expert Peter Bergen notes, the group …": the frame is an advcl marked 'as'
        if verb.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children):
            head = verb.head
            tokens = [t for t in head.subtree if not (verb.left_edge.i <= t.i <= verb.right_edge.i) and not t.is_punct]
            if tokens:
                return tokens[0].idx, tokens[-1].idx + len(tokens[-1]), "as-frame"
        return None

    # --- the speaker --------------------------------------------------------------------------
    def _attributed(self, kind: str, start: int, end: int, verb: Token | None, doc: Doc, actors: list[FoundActor]) -> FoundQuote:
        if verb is None:
            return FoundQuote(kind, start, end, "", None, None, None, None, {"speaker": "no-speech-verb"})
        subject, rule = self._subject(verb)
        return self._with_speaker(kind, start, end, verb.lower_, subject, doc, actors, rule)

    def _subject(self, verb: Token) -> tuple[Span | None, str]:
        """The speech verb's speaker phrase, with the rule that found it."""
        current = verb
        for _ in range(4):  # "…, explaining that …": the subject is the head verb's
            above = "" if current is verb else "-of-head-verb"
            for child in current.children:
                if child.dep_ in ("nsubj", "nsubjpass"):
                    return self._phrase(child), f"subject{above}"
            for child in current.children:
                if child.dep_ == "agent":
                    objects = [c for c in child.children if c.dep_ == "pobj"]
                    if objects:
                        return self._phrase(objects[0]), f"passive-by{above}"
            if current.dep_ in ("advcl", "conj", "xcomp", "ccomp") and current.head.i != current.i:
                current = current.head
            else:
                break
        return None, "no-subject"

    @staticmethod
    def _phrase(token: Token) -> Span:
        """The subject's words without its relative clauses ("who …")."""
        dropped: set[int] = set()
        for t in token.subtree:
            if t.dep_ in ("relcl", "acl") and t.i != token.i:
                dropped.update(x.i for x in t.subtree)
        kept = [t for t in token.subtree if t.i not in dropped]
        while len(kept) > 1 and (kept[-1].is_punct or kept[-1].is_space):
            kept.pop()
        while len(kept) > 1 and (kept[0].is_punct or kept[0].is_space):
            kept.pop(0)
        return token.doc[kept[0].i : kept[-1].i + 1]

    def _according_to(self, token: Token) -> Span | None:
        to = token.doc[token.i + 1]
        objects = [c for c in to.children if c.dep_ == "pobj"] or [c for c in token.children if c.dep_ == "pobj"]
        return self._phrase(objects[0]) if objects else None

    def _with_speaker(self, kind, start, end, cue, speaker: Span | None, doc: Doc, actors: list[FoundActor], rule: str) -> FoundQuote:
        if speaker is None:
            return FoundQuote(kind, start, end, cue, None, None, None, None, {"speaker": rule})
        inside = [a for a in actors if speaker.start <= a.start and a.end <= speaker.end]
        people = [a for a in inside if a.type == "person"]
        orgs = [a for a in inside if a.type == "actor"]
        person = people[-1] if people else None
        if person is None and len(speaker) == 1 and self.words.is_(speaker[0].lower_, "pronoun"):
            earlier = [a for a in actors if a.type == "person" and a.end <= speaker.start]
            person = earlier[-1] if earlier else None
            rule += " pronoun-last-person"
        actor_id = person.actor_id if person else (orgs[0].actor_id if orgs else None)
        role_words = [t.text for t in speaker if self.words.is_(t.lower_, "role_word") or (t.dep_ in ("compound", "amod") and t.i + 1 < speaker.end and self.words.is_(doc[t.i + 1].lower_, "role_word"))]
        role = " ".join(role_words) or None
        org = next((o.actor_id for o in orgs if o.actor_id and o is not person), None)
        if org is None and person and person.actor_id:
            parents = self.kb.affiliated_with(person.actor_id)
            org = parents[0].id if len(parents) == 1 else None
        return FoundQuote(kind, start, end, cue, (speaker.start, speaker.end), actor_id, role, org, {"speaker": rule})
