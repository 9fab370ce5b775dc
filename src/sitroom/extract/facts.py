"""Extraction over one parsed Doc: the language layer's findings, then events, figures, assessments and
relations, as plain function calls in a fixed order.

    language   = LanguageLayer(doc, context)     actors, places, coreference, times, modality, quotes
    events     = EventFinder(doc, context, actors, places, times, clauses)
    figures    = find_figures(doc, actors, times, clauses)
    assessments= find_assessments(doc, clauses, sentences with a factual event)
    relations  = find_relations(doc, actors, times, clauses, events)

Nothing is stored on the Doc: each step's result is a field of `DocFacts`, typed, and passed on.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc

from ..kb.knowledge import Knowledge
from ..nlp.language import LanguageLayer
from ..nlp.state import DocContext, LanguageFacts
from .claims import FoundAssessment, FoundFigure, find_assessments, find_figures
from .events import EventFinder, FoundEvent
from .relations import FoundRelation, find_relations


@dataclass
class DocFacts(LanguageFacts):
    """Everything found in one Doc: the language layer's findings and the events, claims and relations."""

    events: list[FoundEvent] = field(default_factory=list)
    figures: list[FoundFigure] = field(default_factory=list)
    assessments: list[FoundAssessment] = field(default_factory=list)
    relations: list[FoundRelation] = field(default_factory=list)


def blank_nlp():
    """A tokenizer and vocabulary without any statistical model (what the phrase matchers need)."""
    import spacy

    return spacy.blank("en")


class Extractor:
    """The language and extraction layers with their knowledge bound, run over one Doc at a time.
    `nlp`: the vocabulary and tokenizer to build phrase matchers with (default: `spacy.blank("en")`)."""

    def __init__(self, knowledge: Knowledge, nlp=None):
        self.knowledge = knowledge
        self.language = LanguageLayer(knowledge, nlp if nlp is not None else blank_nlp())
        self.events = EventFinder(knowledge.actors, knowledge.gazetteer, knowledge.event_classes)

    def __call__(self, doc: Doc, context: DocContext) -> DocFacts:
        found = self.language(doc, context)
        events = self.events(doc, context, found.actors, found.places, found.times, found.clauses)
        factual = {e.sentence.start for e in events if e.modality in ("asserted", "reported")}
        return DocFacts(
            context, found.actors, found.places, found.times, found.clauses, found.quotes, events,
            find_figures(doc, found.actors, found.times, found.clauses), find_assessments(doc, found.clauses, factual),
            find_relations(doc, found.actors, found.times, found.clauses, events),
        )
