"""Relations between actors a sentence states: alliance, affiliation, support, opposition.

A cue word (data/claims.txt) joins the nearest actor before it to the nearest after it ("AQIM, allied
with Ansar Dine"; "MUJAO, a splinter of AQIM"); with both actors after it, the first two ("an alliance
between the MNLA and Ansar Dine"). Violent events between two named actors are opposition too, with the
event's sentence as evidence. Each relation keeps the modality of the clause it stands in.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from ..nlp.state import FoundActor, FoundClause, FoundTime
from ..nlp.words import rule_id, word_classes
from .claims import CLAIM_FILE
from .events import VIOLENT, FoundEvent
from .scene import clause_modality

RELATION_TYPES = ("alliance", "affiliation", "support", "opposition")
_NOT_PARTIES = ("generic-civilians", "generic-protesters", "generic-rioters", "generic-hostages", "generic-journalists", "generic-aid-workers")


@dataclass
class FoundRelation:
    type: str
    source: str
    target: str
    cue: str
    sentence: Span
    modality: str
    time: FoundTime | None
    how: dict[str, str] = field(default_factory=dict)
    """Field -> the rule that gave it: 'cue' (claims.txt:LINE, or the event), 'pair', 'date', 'modality'."""


def _party(actor: FoundActor) -> bool:
    return bool(actor.actor_id) and actor.type == "actor" and not actor.actor_id.startswith(_NOT_PARTIES)


def _subject_actor(token: Token, actors: list[FoundActor]) -> FoundActor | None:
    """The actor heading the subject of the verb a cue word stands under."""
    verb = token
    for _ in range(6):
        if verb.tag_.startswith("VB") or verb.head.i == verb.i:
            break
        verb = verb.head
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            for actor in actors:
                if actor.start <= child.i < actor.end:
                    return actor
    return None


def _cue_phrases(cues) -> list[tuple[str, tuple[str, ...], str]]:
    phrases = []
    for section, entries in cues.patterns.sections.items():
        for entry in entries:
            for alternative in entry.regex.pattern.split("|"):
                if " " in alternative:
                    phrases.append((section, tuple(alternative.split()), rule_id(cues.patterns.path, entry.line)))
    return phrases


def find_relations(doc: Doc, actors: list[FoundActor], times: list[FoundTime], clauses: list[FoundClause],
                   events: list[FoundEvent]) -> list[FoundRelation]:
    cues = word_classes(CLAIM_FILE)
    phrases = _cue_phrases(cues)
    by_verb = {c.verb: c for c in clauses}
    parties = sorted((a for a in actors if _party(a)), key=lambda a: a.start)
    found: list[FoundRelation] = []
    seen: set[tuple[str, str, str, int]] = set()

    def add(kind: str, source: str, target: str, cue: str, sentence: Span, modality: str, how: dict[str, str]) -> None:
        base_source, base_target = source.split(":", 1)[0], target.split(":", 1)[0]
        key = (kind, *sorted((base_source, base_target)), sentence.start)
        if base_source == base_target or key in seen:
            return
        seen.add(key)
        time = next((t for t in times if sentence.start_char <= t.start_char < sentence.end_char), None)
        how = {**how, "date": "sentence-first-time" if time else "none"}
        found.append(FoundRelation(kind, source, target, cue, sentence, modality, time, how))

    for sentence in doc.sents:
        in_sentence = [a for a in parties if sentence.start <= a.start < sentence.end]
        if len({a.actor_id for a in in_sentence}) < 2:
            continue
        words = [t.lower_ for t in sentence]
        for offset, token in enumerate(sentence):
            kind, length, rule = None, 1, None
            for section, phrase, entry in phrases:
                if section in RELATION_TYPES and tuple(words[offset : offset + len(phrase)]) == phrase:
                    kind, length, rule = section, len(phrase), entry
                    break
            if kind is None:
                kind = next((k for k in RELATION_TYPES if cues.is_(token.lower_, k)), None)
                rule = cues.rule(token.lower_, kind) if kind else None
            if kind is None or any(a.start <= token.i < a.end for a in in_sentence):
                continue
            before = [a for a in in_sentence if a.end <= token.i]
            after = [a for a in in_sentence if a.start >= token.i + length]
            subject = _subject_actor(token, in_sentence)
            if subject is not None and after and subject in before:
                pair, pair_rule = (subject, after[0]), "subject-and-next-after"  # "MUJAO, a splinter of AQIM, fought alongside Ansar Dine"
            elif before and after:
                pair, pair_rule = (before[-1], after[0]), "nearest-either-side"
            elif len(after) >= 2:
                pair, pair_rule = (after[0], after[1]), "first-two-after"
            elif len(before) >= 2:
                pair, pair_rule = (before[-2], before[-1]), "last-two-before"
            else:
                continue
            cue = doc[token.i : token.i + length].text
            add(kind, pair[0].actor_id, pair[1].actor_id, cue, sentence, clause_modality(token, by_verb),
                {"cue": rule or kind, "pair": pair_rule, "modality": "clause"})
    for event in events:
        if event.event_class in VIOLENT and event.actor1 and event.actor2 and not event.actor2.startswith(_NOT_PARTIES) \
                and not event.actor1.startswith(_NOT_PARTIES) and not event.actor2.startswith("generic-unidentified"):
            add("opposition", event.actor1, event.actor2, event.event_class, event.sentence, event.modality,
                {"cue": f"violent-event {event.how.get('trigger', event.event_class)}", "pair": "event-actors", "modality": "event"})
    return found
