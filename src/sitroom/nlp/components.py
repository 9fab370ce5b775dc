"""sitroom's steps as spaCy components, each declaring what it reads and writes.

`build_pipeline` adds them after the statistical components and asks spaCy's `analyze_pipes` whether
every component's inputs are written by one before it; a wrong order is a PipelineOrderError at start-up,
not wrong annotations later.
"""

from __future__ import annotations

from spacy.language import Language

from ..errors import SitroomError
from ..extract.claims import find_assessments, find_figures
from ..extract.events import EventFinder
from ..extract.relations import find_relations
from ..kb.knowledge import Knowledge
from .actors import ActorFinder
from .coref import CorefResolver
from .modality import ModalityTagger
from .places import PlaceResolver
from .quotes import QuoteFinder
from .state import register_extensions
from .times import find_times

SITROOM_COMPONENTS = (
    "sitroom_actors", "sitroom_places", "sitroom_coref", "sitroom_times", "sitroom_modality", "sitroom_quotes", "sitroom_events",
    "sitroom_claims",
)
UNUSED_COMPONENTS = ("lemmatizer", "attribute_ruler")
"""Parts of en_core_web_sm the language layer never reads (it uses fine-grained tags, not lemmas or
coarse parts of speech); leaving them out saves about a sixth of spaCy's time."""


class PipelineOrderError(SitroomError):
    """sitroom's components are in an order where one reads what no earlier one writes."""


@Language.component("sitroom_blocks", assigns=["token.is_sent_start"])
def _blocks(doc):
    """A blank line (between title and body, paragraphs, captions) always starts a sentence; the parser
    keeps sentence starts set before it."""
    for token in doc[1:]:
        if doc[token.i - 1].is_space and "\n\n" in doc[token.i - 1].text or "\n\n" in doc[token.i - 1].whitespace_:
            token.is_sent_start = True
    return doc


class _Step:
    """A component whose knowledge is bound after spaCy creates it (spaCy configs hold only plain values)."""

    def __init__(self, nlp: Language, name: str):
        self.nlp, self.name, self.impl = nlp, name, None

    def bind(self, knowledge: Knowledge) -> None:
        raise NotImplementedError

    def _ready(self):
        if self.impl is None:
            raise PipelineOrderError(f"component {self.name!r} has no knowledge bound; build pipelines with sitroom.nlp.components.build_pipeline")
        return self.impl


class ActorsStep(_Step):
    def bind(self, knowledge: Knowledge) -> None:
        self.impl = ActorFinder(self.nlp, knowledge.actors)

    def __call__(self, doc):
        doc._.sitroom_actors = self._ready()(doc)
        return doc


class PlacesStep(_Step):
    def bind(self, knowledge: Knowledge) -> None:
        self.impl = PlaceResolver(knowledge.gazetteer)

    def __call__(self, doc):
        doc._.sitroom_places = self._ready()(doc, doc._.sitroom_context, doc._.sitroom_actors)
        return doc


class CorefStep(_Step):
    def bind(self, knowledge: Knowledge) -> None:
        self.impl = CorefResolver(self.nlp, knowledge.actors)

    def __call__(self, doc):
        doc._.sitroom_actors = self._ready()(doc, doc._.sitroom_actors)
        return doc


class TimesStep(_Step):
    def bind(self, knowledge: Knowledge) -> None:
        self.impl = find_times

    def __call__(self, doc):
        from .state import FoundTime

        reference = doc._.sitroom_context.reference_date
        times = [FoundTime(v.start, v.end, v) for v in self._ready()(doc.text, reference)]
        doc._.sitroom_times = times
        # a date is not a place ("Jan." is also a town's alternate name somewhere): the date wins
        spans = [(t.start_char, t.end_char) for t in times]
        doc._.sitroom_places = [
            p for p in doc._.sitroom_places
            if not any(start < doc[p.end - 1].idx + len(doc[p.end - 1]) and doc[p.start].idx < end for start, end in spans)
        ]
        return doc


class ModalityStep(_Step):
    def bind(self, knowledge: Knowledge) -> None:
        self.impl = ModalityTagger()

    def __call__(self, doc):
        doc._.sitroom_clauses = self._ready()(doc, doc._.sitroom_times, doc._.sitroom_context.reference_date)
        return doc


class QuotesStep(_Step):
    def bind(self, knowledge: Knowledge) -> None:
        self.impl = QuoteFinder(knowledge.actors)

    def __call__(self, doc):
        doc._.sitroom_quotes = self._ready()(doc, doc._.sitroom_actors, doc._.sitroom_context.parts)
        return doc


class EventsStep(_Step):
    def bind(self, knowledge: Knowledge) -> None:
        self.impl = EventFinder(knowledge.actors, knowledge.gazetteer)

    def __call__(self, doc):
        doc._.sitroom_events = self._ready()(
            doc, doc._.sitroom_context, doc._.sitroom_actors, doc._.sitroom_places, doc._.sitroom_times, doc._.sitroom_clauses
        )
        return doc


class ClaimsStep(_Step):
    """Figures, assessments and relations between actors (the last step: it reads the events)."""

    def bind(self, knowledge: Knowledge) -> None:
        self.impl = True

    def __call__(self, doc):
        self._ready()
        actors, times, clauses, events = doc._.sitroom_actors, doc._.sitroom_times, doc._.sitroom_clauses, doc._.sitroom_events
        factual = {e.sentence.start for e in events if e.modality in ("asserted", "reported")}
        doc._.sitroom_claims = (find_figures(doc, actors, times, clauses), find_assessments(doc, clauses, factual))
        doc._.sitroom_relations = find_relations(doc, actors, times, clauses, events)
        return doc


@Language.factory("sitroom_actors", requires=["doc.ents"], assigns=["doc._.sitroom_actors"])
def _actors(nlp, name):
    return ActorsStep(nlp, name)


@Language.factory("sitroom_places", requires=["doc.ents", "doc._.sitroom_actors"], assigns=["doc._.sitroom_places"])
def _places(nlp, name):
    return PlacesStep(nlp, name)


@Language.factory("sitroom_coref", requires=["doc.sents", "token.tag", "doc._.sitroom_actors"], assigns=["doc._.sitroom_actors"])
def _coref(nlp, name):
    return CorefStep(nlp, name)


@Language.factory("sitroom_times", requires=["doc._.sitroom_places"], assigns=["doc._.sitroom_times", "doc._.sitroom_places"])
def _times(nlp, name):
    return TimesStep(nlp, name)


@Language.factory("sitroom_modality", requires=["token.dep", "token.tag", "doc._.sitroom_times"], assigns=["doc._.sitroom_clauses"])
def _modality(nlp, name):
    return ModalityStep(nlp, name)


@Language.factory("sitroom_quotes", requires=["token.dep", "doc.sents", "doc._.sitroom_actors"], assigns=["doc._.sitroom_quotes"])
def _quotes(nlp, name):
    return QuotesStep(nlp, name)


@Language.factory(
    "sitroom_events",
    requires=["token.dep", "doc._.sitroom_actors", "doc._.sitroom_places", "doc._.sitroom_times", "doc._.sitroom_clauses"],
    assigns=["doc._.sitroom_events"],
)
def _events(nlp, name):
    return EventsStep(nlp, name)


@Language.factory(
    "sitroom_claims",
    requires=["token.dep", "doc._.sitroom_actors", "doc._.sitroom_times", "doc._.sitroom_clauses", "doc._.sitroom_events"],
    assigns=["doc._.sitroom_claims", "doc._.sitroom_relations"],
)
def _claims(nlp, name):
    return ClaimsStep(nlp, name)


def check_order(nlp: Language) -> None:
    """Raise PipelineOrderError when a component reads what no component before it writes."""
    analysis = nlp.analyze_pipes(pretty=False)
    problems = {name: missing for name, missing in analysis["problems"].items() if missing}
    if problems:
        detail = "; ".join(f"{name} needs {', '.join(missing)}" for name, missing in problems.items())
        raise PipelineOrderError(f"sitroom's spaCy components are out of order: {detail}")


def build_pipeline(nlp: Language, knowledge: Knowledge, order: tuple[str, ...] = SITROOM_COMPONENTS) -> Language:
    register_extensions()
    if "parser" in nlp.pipe_names and "sitroom_blocks" not in nlp.pipe_names:
        nlp.add_pipe("sitroom_blocks", before="parser")
    for name in order:
        nlp.add_pipe(name).bind(knowledge)
    check_order(nlp)
    return nlp
