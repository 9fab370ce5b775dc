"""What the language layer finds in a parsed Doc, as typed records passed from step to step.

Each step is a plain function or callable over a Doc (see nlp.language): it takes what the steps before
it found as arguments and returns its own findings; nothing is stored on the Doc. `LanguageFacts` holds
one Doc's findings; the extraction layer adds its events, claims and relations to them
(sitroom.extract.facts.DocFacts), and the annotator turns them into records (sitroom.model).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from ..model import Part, Place
from .times import TimeValue


@dataclass
class DocContext:
    """What a step needs to know about the article a Doc comes from."""

    article_id: str
    reference_date: date | None
    country: str | None
    parts: list[Part]
    countries_named: set[str] = field(default_factory=set)
    notes: list[str] = field(default_factory=list)
    """What a step skipped, and why; copied to AnnotatedArticle.notes."""


@dataclass
class FoundActor:
    start: int
    """Token index."""
    end: int
    type: str
    """'actor' or 'person'."""
    actor_id: str | None
    how: str


@dataclass
class FoundPlace:
    start: int
    end: int
    place: Place | None
    precision: int
    how: str


@dataclass
class FoundTime:
    start_char: int
    end_char: int
    value: TimeValue


@dataclass
class FoundClause:
    verb: int
    start: int
    end: int
    modality: str
    cues: list[str]


@dataclass
class FoundQuote:
    kind: str
    start_char: int
    end_char: int
    cue: str
    speaker: tuple[int, int] | None
    speaker_actor: str | None
    speaker_role: str | None
    speaker_org: str | None
    how: dict[str, str] = field(default_factory=dict)
    """The rules that found the quote ('quote') and its speaker ('speaker')."""


@dataclass
class LanguageFacts:
    """What the language layer found in one Doc (a piece of an article), in the order its steps run:
    actors and people, places (without those a date covers), times, clauses with their modality, quotes."""

    context: DocContext
    actors: list[FoundActor] = field(default_factory=list)
    places: list[FoundPlace] = field(default_factory=list)
    times: list[FoundTime] = field(default_factory=list)
    clauses: list[FoundClause] = field(default_factory=list)
    quotes: list[FoundQuote] = field(default_factory=list)
