"""The application layer: the stages as plain functions, the Runner that owns their sequence, and the
Workspace every front end (CLI, Python API, web app, cluster runner) calls.

Names are imported on first use, so that a command that only lists or prints starts quickly."""

from importlib import import_module
from typing import Any

_WHERE = {
    **dict.fromkeys(("ItemFailed", "ItemsDone", "OnProgress", "ProgressEvent", "StageFinished", "StageStarted", "TotalKnown"), "sitroom.pipeline.progress"),
    **dict.fromkeys(("AnnotateReport", "Runner"), "sitroom.pipeline.runner"),
    **dict.fromkeys(("DemoResult", "Workspace", "demo", "open"), "sitroom.pipeline.workspace"),
}

__all__ = sorted(_WHERE)


def __getattr__(name: str) -> Any:
    if name in _WHERE:
        value = getattr(import_module(_WHERE[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'sitroom.pipeline' has no attribute {name!r}")
