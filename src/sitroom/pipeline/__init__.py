"""The application layer: the stages as plain functions, the Runner that owns their sequence, and the
Workspace every front end (CLI, Python API, web app, cluster runner) calls."""

from .progress import (
    ItemFailed,
    ItemsDone,
    OnProgress,
    ProgressEvent,
    StageFinished,
    StageStarted,
    TotalKnown,
)
from .runner import AnnotateReport, Runner
from .workspace import DemoResult, Workspace, demo, open

__all__ = [
    "AnnotateReport", "DemoResult", "ItemFailed", "ItemsDone", "OnProgress", "ProgressEvent", "Runner", "StageFinished", "StageStarted",
    "TotalKnown", "Workspace", "demo", "open",
]
