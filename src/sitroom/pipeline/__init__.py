"""The application layer: the stages as plain functions, the Runner that owns their sequence, and the
Workspace every front end (CLI, Python API, web app, cluster runner) calls.

Names are imported on first use, so that a command that only lists or prints starts quickly."""

from ..lazy import lazy_names

_WHERE = {
    **dict.fromkeys(("ItemFailed", "ItemsDone", "OnProgress", "ProgressEvent", "StageFinished", "StageStarted", "TotalKnown"), "sitroom.pipeline.progress"),
    **dict.fromkeys(("AnnotateReport", "Runner"), "sitroom.pipeline.runner"),
    **dict.fromkeys(("DemoResult", "Workspace", "demo", "open"), "sitroom.pipeline.workspace"),
}

__all__ = sorted(_WHERE)

__getattr__ = lazy_names("sitroom.pipeline", _WHERE, globals())
