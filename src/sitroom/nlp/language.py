"""The language layer over a parsed Doc: actors and people, places, coreference, times, clauses' modality
and quotes, as plain steps in a fixed order, each given what the ones before it found.

    actors  = ActorFinder(doc)                      knowledge-base aliases, then NER's organisations and people
    places  = PlaceResolver(doc, context, actors)   drops from `actors` the 'organisations' that are towns
    actors  = CorefResolver(doc, actors)            "the group" -> the one actor in view
    times, places = times_in(doc, reference, places) a date is not a place ("Jan." is a town somewhere)
    clauses = ModalityTagger(doc, times, reference)
    quotes  = QuoteFinder(doc, actors, parts)

It reads the Doc's tokens, tags, dependencies, entities and sentences only, so it runs the same on a
Doc spaCy has just parsed and on one read back from a stored parse (sitroom.nlp.parse). The knowledge
(actors, gazetteer) is bound once, when the layer is built.
"""

from __future__ import annotations

from datetime import date

from spacy.tokens import Doc

from ..kb.knowledge import Knowledge
from .actors import ActorFinder
from .coref import CorefResolver
from .modality import ModalityTagger
from .places import PlaceResolver
from .quotes import QuoteFinder
from .state import DocContext, FoundPlace, FoundTime, LanguageFacts
from .times import find_times


def times_in(doc: Doc, reference: date | None, places: list[FoundPlace]) -> tuple[list[FoundTime], list[FoundPlace]]:
    """The Doc's time expressions, and `places` without those a time expression overlaps (the date wins)."""
    times = [FoundTime(v.start, v.end, v) for v in find_times(doc.text, reference)]
    spans = [(t.start_char, t.end_char) for t in times]
    kept = [
        p for p in places
        if not any(start < doc[p.end - 1].idx + len(doc[p.end - 1]) and doc[p.start].idx < end for start, end in spans)
    ]
    return times, kept


class LanguageLayer:
    """The language layer's steps with their knowledge bound. `nlp` gives the vocabulary and tokenizer the
    phrase matchers are built with: the parsing pipeline, or `spacy.blank("en")` (no statistical model)."""

    def __init__(self, knowledge: Knowledge, nlp):
        self.actors = ActorFinder(nlp, knowledge.actors)
        self.places = PlaceResolver(knowledge.gazetteer)
        self.coref = CorefResolver(nlp, knowledge.actors)
        self.modality = ModalityTagger()
        self.quotes = QuoteFinder(knowledge.actors)

    def __call__(self, doc: Doc, context: DocContext) -> LanguageFacts:
        actors = self.actors(doc)
        places = self.places(doc, context, actors)
        actors = self.coref(doc, actors)
        times, places = times_in(doc, context.reference_date, places)
        clauses = self.modality(doc, times, context.reference_date)
        quotes = self.quotes(doc, actors, context.parts)
        return LanguageFacts(context, actors, places, times, clauses, quotes)
