"""Typed progress events: what a Runner tells its front end while it works.

A front end (a progress bar, a log, server-sent events) receives them through one callback and never
parses strings. `stage` names the work: 'read', 'annotate', 'reextract' or 'reconcile'.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..model import IngestFailure


@dataclass(frozen=True)
class StageStarted:
    stage: str
    total: int | None
    """How many items the stage will see, when known."""


@dataclass(frozen=True)
class TotalKnown:
    stage: str
    total: int


@dataclass(frozen=True)
class ItemsDone:
    stage: str
    count: int = 1


@dataclass(frozen=True)
class ItemFailed:
    stage: str
    failure: IngestFailure


@dataclass(frozen=True)
class StageFinished:
    stage: str


ProgressEvent = StageStarted | TotalKnown | ItemsDone | ItemFailed | StageFinished
OnProgress = Callable[[ProgressEvent], None]


def ignore(_event: ProgressEvent) -> None:
    """The default listener: nobody is watching."""
