"""Where articles are kept: one small interface (`Store`, a repository per kind of thing kept), DuckDB
behind it today."""

from pathlib import Path

from .base import (
    BadCursor,
    Batch,
    EventFilter,
    MigrationNeeded,
    NewerDatabase,
    RunSummary,
    StoredArticle,
    StoredParse,
)
from .database import migrate
from .duckdb_store import DuckDBStore, default_db_path
from .protocols import Store


def open_store(path: str | Path | None = None, *, read_only: bool = False) -> Store:
    """Open the store at `path`, `$SITROOM_DB` or ./sitroom.duckdb: for writing, creating and migrating
    it as needed; read-only, never changing it (MigrationNeeded when it needs `migrate` first)."""
    return DuckDBStore(path or default_db_path(), read_only=read_only)


__all__ = [
    "BadCursor", "Batch", "DuckDBStore", "EventFilter", "MigrationNeeded", "NewerDatabase", "RunSummary", "Store", "StoredArticle",
    "StoredParse", "default_db_path", "migrate", "open_store",
]
