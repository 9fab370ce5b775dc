"""Across sources: incidents from many reports, and claims that agree or contradict (see docs/events.md)."""

from .update import IncidentNotFound, UpdateReport, conflicts, split, update_incidents

__all__ = ["IncidentNotFound", "UpdateReport", "conflicts", "split", "update_incidents"]
