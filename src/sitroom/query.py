"""What to read: one `Query` record for events and incidents, and the `Listing` a query returns.

The model layer: this module imports only `sitroom.model` and `sitroom.errors`. Country names are turned
into ISO codes by the caller (the pipeline) before a query reaches the store, which applies it in SQL.
`admits_event` and `admits_incident` say the same in Python, for records that are not stored.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Generic, Literal, TypeVar

from pydantic import Field, field_validator

from .model import Event, Incident, Modality, PlaceLink, Record

T = TypeVar("T")

Order = Literal["date", "-date"]


class Query(Record):
    """Which events or incidents to read, and which page of them. Empty fields match everything; several
    values in one field match any of them; different fields must all match."""

    since: date | None = Field(default=None, description="On or after this day: a record whose dates end before it is left out; undated ones too.")
    until: date | None = Field(default=None, description="On or before this day: a record whose dates start after it is left out; undated ones too.")
    countries: tuple[str, ...] = Field(
        default=(), description="ISO2 codes (names already turned into codes by the caller); a place's name or first-level region also matches, any case."
    )
    actors: tuple[str, ...] = Field(default=(), description="Part of an actor's id, name or ACLED name, any case.")
    classes: tuple[str, ...] = Field(default=(), description="An event class, ACLED event type or sub-event type, any case.")
    modalities: tuple[Modality, ...] = Field(default=(), description="Events: the event's modality; incidents: any report's.")
    min_reports: int = Field(default=1, ge=0, description="Incidents only: told by at least this many articles.")
    text: str | None = Field(default=None, description="Part of the evidence sentence (an incident's: any report's), any case.")
    article_id: str | None = Field(default=None, description="Only what this article (its full id) reports.")
    limit: int | None = Field(default=None, ge=0, description="At most this many records; None: all.")
    offset: int = Field(default=0, ge=0, description="Skip this many records first (after the cursor, when one is given).")
    cursor: str | None = Field(default=None, description="Opaque: a listing's `next_cursor`, to read the page after it.")
    order: Order = Field(default="date", description="'date': earliest first, '-date': latest first; undated last either way.")

    @field_validator("countries", "actors", "classes", "modalities", mode="before")
    @classmethod
    def _one_or_many(cls, value):
        if value is None:
            return ()
        if isinstance(value, str):
            return (value,)
        return value

    # --- the same filter in Python --------------------------------------------------------------
    def admits_event(self, event: Event) -> bool:
        """True when `event` is one the store's `query_events` would list (paging aside)."""
        if self.since and (event.date is None or event.date.end < self.since):
            return False
        if self.until and (event.date is None or event.date.start > self.until):
            return False
        if self.modalities and event.modality not in self.modalities:
            return False
        if self.article_id and event.article_id != self.article_id:
            return False
        if self.text and self.text.lower() not in event.evidence.text.lower():
            return False
        actors = [a for a in (event.actor1, event.actor2, *event.assoc_actors) if a is not None]
        return (
            self._admits_place(event.location)
            and self._admits_actors(actors)
            and self._admits_class(event.event_class, event.event_type, event.sub_event_type)
        )

    def admits_incident(self, incident: Incident) -> bool:
        """True when `incident` is one the store's `query_incidents` would list (paging aside)."""
        if len(incident.article_ids) < self.min_reports:
            return False
        if self.since and (incident.date is None or incident.date.end < self.since):
            return False
        if self.until and (incident.date is None or incident.date.start > self.until):
            return False
        if self.modalities and not {r.modality for r in incident.reports} & set(self.modalities):
            return False
        if self.article_id and self.article_id not in incident.article_ids:
            return False
        if self.text and not any(self.text.lower() in r.sentence.lower() for r in incident.reports):
            return False
        return (
            self._admits_place(incident.location)
            and self._admits_actors(incident.actors)
            and self._admits_class(incident.event_class, incident.event_type, incident.sub_event_type)
        )

    def _admits_place(self, place: PlaceLink | None) -> bool:
        if not self.countries:
            return True
        if place is None:
            return False
        names = {(place.country or "").lower(), place.name.lower(), (place.admin1 or "").lower()} - {""}
        return any(c.lower() in names for c in self.countries)

    def _admits_actors(self, actors) -> bool:
        if not self.actors:
            return True
        keys = [f"{a.id} {a.name} {a.acled_name or ''}".lower() for a in actors]
        return any(wanted.lower() in key for wanted in self.actors for key in keys)

    def _admits_class(self, *names: str) -> bool:
        return not self.classes or bool({c.lower() for c in self.classes} & {n.lower() for n in names})

    def describe(self) -> str:
        """The filters in a few words, for titles: '2013-01-01 to …; country ML; actor 'mujao''."""
        parts = []
        if self.since or self.until:
            parts.append(f"{self.since or '…'} to {self.until or '…'}")
        for label, values in (("country", self.countries), ("actor", self.actors), ("type", self.classes), ("modality", self.modalities)):
            if values:
                parts.append(f"{label} {' or '.join(repr(v) if label == 'actor' else v for v in values)}")
        if self.min_reports > 1:
            parts.append(f"at least {self.min_reports} reports")
        if self.text:
            parts.append(f"text {self.text!r}")
        if self.article_id:
            parts.append(f"article {self.article_id}")
        return "; ".join(parts) or "everything stored"


@dataclass(frozen=True)
class Listing(Generic[T]):
    """One page of what a query selects: its records, how many the query selects in all (paging aside),
    and the cursor of the next page (None on the last one)."""

    items: list[T] = field(default_factory=list)
    total: int = 0
    next_cursor: str | None = None

    def __iter__(self):
        return iter(self.items)


__all__ = ["Listing", "Order", "Query"]
