"""Where articles are kept: one small interface (`Store`), DuckDB behind it today."""

from pathlib import Path

from .base import Batch, RunSummary, Store, StoredArticle
from .duckdb_store import DuckDBStore, default_db_path


def open_store(path: str | Path | None = None, *, read_only: bool = False) -> DuckDBStore:
    """Open (creating and migrating if needed) the store at `path`, `$SITROOM_DB` or ./sitroom.duckdb."""
    return DuckDBStore(path or default_db_path(), read_only=read_only)


__all__ = ["Batch", "DuckDBStore", "RunSummary", "Store", "StoredArticle", "default_db_path", "open_store"]
