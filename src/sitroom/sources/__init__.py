"""Readers that yield Pages: files, folders, globs, stdin, JSON Lines, http(s) URLs.

Names are imported on first use, so that naming `ReadOptions` does not load the readers."""

from importlib import import_module
from typing import Any

_WHERE = {
    "ReadOptions": "sitroom.sources.options",
    "decode": "sitroom.sources.decode",
    "make_page": "sitroom.sources.decode",
    "page_from_bytes": "sitroom.sources.decode",
    "expand": "sitroom.sources.readers",
    "read_sources": "sitroom.sources.readers",
}

__all__ = ["ReadOptions", "decode", "expand", "make_page", "page_from_bytes", "read_sources"]


def __getattr__(name: str) -> Any:
    if name in _WHERE:
        value = getattr(import_module(_WHERE[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'sitroom.sources' has no attribute {name!r}")
