"""Each article's stored spaCy parse, which extraction reads instead of parsing again."""

from __future__ import annotations

from collections.abc import Iterator

from .base import StoredParse
from .database import now
from .repository import Repository, page

_SELECT = "SELECT article_id, model, data, offsets FROM parses"


def _parse(row) -> StoredParse:
    return StoredParse(article_id=row[0], model=row[1], data=bytes(row[2]), offsets=tuple(row[3]))


class DuckDBParses(Repository):
    def __call__(self, article_ids: list[str] | None = None) -> Iterator[StoredParse]:
        """`list`, as `store.parses(...)`."""
        return self.list(article_ids)

    def write(self, parses: list[StoredParse]) -> None:
        """Replace these articles' parses, in one transaction (the caller's, when inside one)."""
        stamp = now()
        with self._db.transaction():
            self._db.executemany(
                "INSERT OR REPLACE INTO parses VALUES (?, ?, ?, ?, ?)",
                [(p.article_id, p.model, p.data, list(p.offsets), stamp) for p in parses],
            )

    def get(self, article_id: str) -> StoredParse | None:
        row = self._db.one(f"{_SELECT} WHERE article_id = ?", [article_id])
        return _parse(row) if row else None

    def list(self, article_ids: list[str] | None = None, *, limit: int | None = None, offset: int = 0) -> Iterator[StoredParse]:
        """The parses of these articles (None: of every article), by article id, read a few at a time."""
        if article_ids is not None and not article_ids:
            return iter(())
        sql, params = _SELECT, []
        if article_ids is not None:
            sql += " WHERE list_contains(?, article_id)"
            params.append(list(article_ids))
        return (_parse(row) for row in self._db.stream(page(sql + " ORDER BY article_id", limit, offset), params, size=64))

    def count(self) -> int:
        return self._db.value("SELECT count(*) FROM parses")
