"""sitroom: saved news and analysis pages about armed conflict in, cited and cross-checked event data out.

    import sitroom

    with sitroom.open("mali.duckdb") as room:
        room.ingest(["pages/"])
        for event in room.events(sitroom.Query(countries=("Mali",), classes=("airstrike",))).items:
            print(event.date, event.event_class, event.evidence.text)

Names are imported on first use, so `import sitroom` stays fast.
"""

from __future__ import annotations

from .lazy import lazy_names
from .version import __version__

_WHERE = {
    "open": "sitroom.pipeline.workspace",
    "Workspace": "sitroom.pipeline.workspace",
    "Runner": "sitroom.pipeline.runner",
    "Settings": "sitroom.settings",
    "Query": "sitroom.query",
    "Listing": "sitroom.query",
    "SitroomError": "sitroom.errors",
}

__all__ = ["Listing", "Query", "Runner", "Settings", "SitroomError", "Workspace", "__version__", "open"]

__getattr__ = lazy_names("sitroom", _WHERE, globals())


def __dir__() -> list[str]:
    return sorted(__all__)
