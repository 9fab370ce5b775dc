"""Which incidents a listing or a report covers: dates, a country, an actor.

One filter for `sitroom incidents` and `sitroom report`, so that the same options pick the same incidents.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from ..model import Incident


@lru_cache(maxsize=8)
def _country_names(wanted: str) -> frozenset[str]:
    """What a --country value matches: itself, and a country's code when it names one ('Mali', 'mali' -> 'ml')."""
    from ..kb.gazetteer import builtin_gazetteer

    key = wanted.casefold()
    codes = {c.code.casefold() for c in builtin_gazetteer().countries() if key in {n.casefold() for n in (c.name, *c.names)}}
    return frozenset({key, *codes})


@dataclass(frozen=True)
class IncidentScope:
    """Which incidents to keep; empty fields match everything."""

    since: date | None = None
    until: date | None = None
    country: str | None = None
    """ISO2 code or country name of the incident's place (a place or region name also matches)."""
    actor: str | None = None
    """Part of an actor's id, name or ACLED name, any case."""

    def contains(self, incident: Incident) -> bool:
        if self.since and (incident.date is None or incident.date.end < self.since):
            return False
        if self.until and (incident.date is None or incident.date.start > self.until):
            return False
        if self.country:
            place = incident.location
            if place is None or not {(place.country or "").casefold(), place.name.casefold(), (place.admin1 or "").casefold()} & _country_names(self.country):
                return False
        if self.actor:
            wanted = self.actor.casefold()
            if not any(wanted in f"{a.id} {a.name} {a.acled_name or ''}".casefold() for a in incident.actors):
                return False
        return True

    def describe(self) -> str:
        parts = []
        if self.since or self.until:
            parts.append(f"{self.since or '…'} to {self.until or '…'}")
        if self.country:
            parts.append(f"country {self.country}")
        if self.actor:
            parts.append(f"actor '{self.actor}'")
        return "; ".join(parts) or "everything stored"
