"""How pages are read, in a module of its own so that front ends can name the defaults without loading
the readers (and the HTTP client and text repairers they need)."""

from __future__ import annotations

from dataclasses import dataclass

DEFAULT_MAX_BYTES = 5 * 1024 * 1024


@dataclass(frozen=True)
class ReadOptions:
    """How pages are read; built once (CLI flags, settings, defaults) and never changed."""

    max_bytes: int = DEFAULT_MAX_BYTES
    allow_private: bool = False
    timeout: float = 20.0
