"""Where articles are kept: one small interface (`Store`, a repository per kind of thing kept), DuckDB
behind it today."""

from pathlib import Path

from ..errors import BadCursor, MigrationNeeded, NewerDatabase
from .base import (
    Batch,
    RunSummary,
    StoredArticle,
    StoredParse,
)
from .database import migrate
from .duckdb_store import DuckDBStore
from .protocols import Store


def open_store(path: str | Path, *, read_only: bool = False) -> Store:
    """Open the store at `path` (sitroom.Settings says which: --db, SITROOM_DB, sitroom.toml, ./sitroom.duckdb):
    for writing, creating and migrating it as needed; read-only, never changing it (MigrationNeeded when it
    needs `migrate` first)."""
    return DuckDBStore(path, read_only=read_only)


__all__ = [
    "BadCursor", "Batch", "DuckDBStore", "MigrationNeeded", "NewerDatabase", "RunSummary", "Store", "StoredArticle",
    "StoredParse", "migrate", "open_store",
]
