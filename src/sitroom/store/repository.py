"""What every DuckDB repository shares: the connection, and paging."""

from __future__ import annotations

from .database import Database


class Repository:
    def __init__(self, db: Database):
        self._db = db


def page(sql: str, limit: int | None, offset: int = 0) -> str:
    """`sql` with LIMIT and OFFSET: `limit` None reads to the end, 0 reads nothing."""
    if limit is not None:
        sql += f" LIMIT {max(int(limit), 0)}"
    if offset:
        sql += f" OFFSET {max(int(offset), 0)}"
    return sql
