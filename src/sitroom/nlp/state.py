"""What sitroom's spaCy components read and write on a Doc, declared as Doc extensions.

Each component names the extensions it requires and assigns (see components.py), so spaCy's
`analyze_pipes` can say when they are put in the wrong order. Values are plain dataclasses; the
annotator turns them into records (sitroom.model) once the whole pipeline has run.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from spacy.tokens import Doc

from ..model import Part, Place
from .times import TimeValue

EXTENSIONS = (
    "sitroom_context", "sitroom_actors", "sitroom_places", "sitroom_times", "sitroom_clauses", "sitroom_quotes", "sitroom_events",
    "sitroom_claims", "sitroom_relations",
)


@dataclass
class DocContext:
    """What a component needs to know about the article a Doc comes from."""

    article_id: str
    reference_date: date | None
    country: str | None
    parts: list[Part]
    countries_named: set[str] = field(default_factory=set)
    notes: list[str] = field(default_factory=list)
    """What a component skipped, and why; copied to AnnotatedArticle.notes."""


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


def register_extensions() -> None:
    for name in EXTENSIONS:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)
