"""The modality of every clause: asserted, reported, hypothetical, planned, negated or historical.

A clause is a verb and its dependents. Its cues are its own (auxiliaries, negation, hedging adverbs, an
'if' that makes it a condition, dates long before the article) and those it takes from the verb it
depends on: "plans to send" makes 'send' planned, "denied attacking" makes 'attacking' negated, "said
the militants attacked" makes 'attacked' reported. The words are data (data/modality.txt).
"""

from __future__ import annotations

from datetime import date, timedelta

from spacy.attrs import DEP, IS_PUNCT, TAG
from spacy.tokens import Doc, Token

from .state import FoundClause, FoundTime
from .words import token_indices, word_classes

STRENGTH = ("negated", "hypothetical", "planned", "historical", "reported")
HISTORICAL_AFTER = timedelta(days=365)
"""A clause dated more than a year before the article is background, not current news."""
_CLAUSE_DEPS = {"ROOT", "conj", "ccomp", "xcomp", "advcl", "relcl", "acl", "pcomp", "parataxis", "csubj", "dep"}
_HEAD_KINDS = {
    "xcomp": ("planned_head", "hypothetical_head", "negating_head", "reported_head"),
    "ccomp": ("hypothetical_head", "negating_head", "historical_head", "reported_head"),
    "pcomp": ("planned_head", "hypothetical_head", "negating_head"),
}
_HEAD_MODALITY = {
    "planned_head": "planned", "hypothetical_head": "hypothetical", "negating_head": "negated", "historical_head": "historical",
    "reported_head": "reported",
}


def _clause_verbs(doc: Doc) -> list[int]:
    """Token indices of the verbs heading clauses (and of every sentence's root that is not punctuation),
    read from the Doc's arrays rather than a Token object per token."""
    if not len(doc):
        return []
    strings = doc.vocab.strings
    rows = doc.to_array([TAG, DEP, IS_PUNCT]).tolist()
    verb_tag = {key: strings[key].startswith("VB") for key in {row[0] for row in rows}}
    dep = {key: strings[key] for key in {row[1] for row in rows}}
    return [
        i for i, (tag, d, punct) in enumerate(rows)
        if verb_tag[tag] and dep[d] in _CLAUSE_DEPS or (dep[d] == "ROOT" and not punct)
    ]


class ModalityTagger:
    def __init__(self):
        self.words = word_classes("modality.txt")

    def __call__(self, doc: Doc, times: list[FoundTime], reference: date | None) -> list[FoundClause]:
        verbs = [doc[i] for i in _clause_verbs(doc)]
        verb_set = {t.i for t in verbs}
        according = [doc[i] for i in token_indices(doc, lambda word: word == "according")]
        reported_sentences = {t.sent.start for t in according if any(c.lower_ == "to" for c in t.children)}
        old_times = [
            (t.start_char, t.end_char) for t in times if reference and t.value.last < reference - HISTORICAL_AFTER
        ]
        recent_times = [(t.start_char, t.end_char) for t in times if not reference or t.value.last >= reference - HISTORICAL_AFTER]
        # "In 2004, the army's offensive stalled": a date opening the sentence dates all of it
        opened_old = set()
        for start, end in old_times:
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is not None and span.start - span.sent.start <= 3:
                opened_old.add(span.sent.start)
        memo: dict[int, list[str]] = {}

        def own(verb: Token) -> list[str]:
            cues = []
            for child in verb.children:
                classes = self.words.of(child.lower_)
                if child.dep_ == "neg" or (child.dep_ in ("advmod", "det") and "negation" in classes and child.lower_ in ("never", "not", "n't")):
                    cues.append(f"negated:{child.lower_}")
                elif child.dep_ in ("aux", "auxpass") and "hypothetical_aux" in classes:
                    cues.append(f"hypothetical:{child.lower_}")
                elif child.dep_ in ("aux", "auxpass") and "planned_aux" in classes:
                    cues.append(f"planned:{child.lower_}")
                elif child.dep_ == "advmod" and "reported_adverb" in classes:
                    cues.append(f"reported:{child.lower_}")
                elif child.dep_ == "advmod" and "hypothetical_adverb" in classes:
                    cues.append(f"hypothetical:{child.lower_}")
                elif child.dep_ == "advmod" and "historical_adverb" in classes:
                    cues.append(f"historical:{child.lower_}")
                elif child.dep_ == "mark" and verb.dep_ == "advcl" and "condition_mark" in classes:
                    cues.append(f"hypothetical:{child.lower_}")
                elif child.dep_ == "mark" and verb.dep_ in ("ccomp", "csubj") and "question_mark" in classes:
                    cues.append(f"hypothetical:{child.lower_}")  # "whether another intervention is worth it"
                elif child.dep_ == "advcl" and any(m.dep_ == "mark" and self.words.is_(m.lower_, "condition_mark") for m in child.children):
                    cues.append("hypothetical:conditional")
                elif child.dep_ == "aux" and child.lower_ == "going" or (child.lower_ == "to" and verb.head.lower_ == "going"):
                    cues.append("planned:going to")
                elif child.dep_ == "xcomp" and verb.lower_ == "going" and any(c.lower_ == "to" for c in child.children):
                    cues.append("planned:going to")  # "rockets were going to explode": the subject's clause is 'going'

            if verb.dep_ in ("xcomp", "advcl") and not verb.head.tag_.startswith("VB"):
                # "strong enough to overrun the country", "able to retake": an adjective's clause is a capability
                adjective = verb.head
                degree = [c for c in adjective.children if self.words.is_(c.lower_, "capability_degree")]
                if degree or self.words.is_(adjective.lower_, "hypothetical_head"):
                    cues.append(f"hypothetical:{(degree[0] if degree else adjective).lower_}")
            # "could not" attaches the modal to the head; "is expected to" to the passive participle
            if verb.sent.start in reported_sentences:
                cues.append("reported:according to")
            span_start, span_end = self._own_span(verb, verb_set)
            own_recent = any(span_start <= s and e <= span_end for s, e in recent_times)
            own_old = any(span_start <= s and e <= span_end for s, e in old_times)
            if not own_recent and (own_old or verb.sent.start in opened_old):
                cues.append("historical:date")
            return cues

        def cues_of(verb: Token) -> list[str]:
            if verb.i in memo:
                return memo[verb.i]
            memo[verb.i] = []  # a cycle cannot happen in a tree, but a bad parse must not recurse forever
            cues = own(verb)
            head = verb.head
            if head.i != verb.i and head.i in verb_set:
                inherited = cues_of(head)
                if verb.dep_ == "xcomp":
                    cues += [c for c in inherited if not c.startswith("negated")]
                elif verb.dep_ == "conj":
                    cues += [c for c in inherited if c.startswith(("hypothetical", "planned", "reported")) and c not in cues]
                elif verb.dep_ in ("ccomp", "advcl", "pcomp"):
                    cues += [c for c in inherited if c.startswith(("reported", "hypothetical:if"))]
                for kind in _HEAD_KINDS.get(verb.dep_, ()):
                    if self.words.is_(head.lower_, kind):
                        cues.append(f"{_HEAD_MODALITY[kind]}:{head.lower_}")
            elif verb.dep_ in ("acl", "ccomp", "relcl") and self.words.is_(head.lower_, "hypothetical_noun"):
                cues.append(f"hypothetical:{head.lower_}")  # "the possibility that a cell bombs an embassy"
            elif verb.dep_ in ("pcomp", "pobj") and head.head.i in verb_set:
                # "accused of attacking", "plans for deploying"
                grand = head.head
                for kind in ("negating_head", "reported_head", "planned_head", "hypothetical_head"):
                    if self.words.is_(grand.lower_, kind):
                        cues.append(f"{_HEAD_MODALITY[kind]}:{grand.lower_}")
            memo[verb.i] = list(dict.fromkeys(cues))
            return memo[verb.i]

        clauses = []
        for verb in verbs:
            cues = cues_of(verb)
            kinds = {c.split(":", 1)[0] for c in cues}
            modality = next((k for k in STRENGTH if k in kinds), "asserted")
            clauses.append(FoundClause(verb.i, verb.left_edge.i, verb.right_edge.i + 1, modality, cues))
        return clauses

    @staticmethod
    def _own_span(verb: Token, verb_set: set[int]) -> tuple[int, int]:
        """Characters of the verb's subtree without the clauses under it (their dates are theirs)."""
        start, end = verb.left_edge.idx, verb.right_edge.idx + len(verb.right_edge)
        for child in verb.children:
            if child.i in verb_set and child.dep_ in ("ccomp", "advcl", "relcl", "conj", "parataxis", "acl"):
                if child.i < verb.i:
                    start = max(start, child.right_edge.idx + len(child.right_edge))
                else:
                    end = min(end, child.left_edge.idx)
        return start, end
