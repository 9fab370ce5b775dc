"""Each English article's annotation: one JSON record, replaced when the article is annotated again."""

from __future__ import annotations

from collections.abc import Iterator

from ..model import AnnotatedArticle, Article
from . import records
from .database import now
from .repository import Repository, page


class DuckDBAnnotations(Repository):
    def __call__(self) -> Iterator[AnnotatedArticle]:
        """`list`, as `store.annotations()`."""
        return self.list()

    def write(self, annotations: list[AnnotatedArticle]) -> None:
        """Replace these articles' annotations (their events, claims and relations are the store's to replace)."""
        stamp, version = now(), records.version(AnnotatedArticle)
        self._db.executemany(
            "INSERT OR REPLACE INTO annotations (article_id, record, model, knowledge, annotated_at, record_version) VALUES (?, ?, ?, ?, ?, ?)",
            [(a.article_id, a.model_dump_json(), a.model, a.knowledge, stamp, version) for a in annotations],
        )

    def get(self, article_id: str) -> AnnotatedArticle | None:
        row = self._db.one("SELECT record, record_version FROM annotations WHERE article_id = ?", [article_id])
        return records.load(AnnotatedArticle, *row) if row else None

    def list(self, *, limit: int | None = None, offset: int = 0) -> Iterator[AnnotatedArticle]:
        """Annotations in their articles' order (by publication date, then source)."""
        rows = self._db.rows(
            page(
                "SELECT n.record, n.record_version FROM annotations n JOIN articles a ON a.id = n.article_id"
                " ORDER BY coalesce(a.published, a.published_earliest), a.source, a.id",
                limit,
                offset,
            )
        )
        for text, version in rows:
            yield records.load(AnnotatedArticle, text, version)

    def count(self) -> int:
        return self._db.value("SELECT count(*) FROM annotations")

    def unannotated(self, knowledge: str | None = None, *, limit: int | None = None, offset: int = 0) -> Iterator[Article]:
        """English articles with no annotation (or, given a knowledge hash, annotated with other knowledge)."""
        sql = (
            "SELECT a.record, a.record_version FROM articles a LEFT JOIN annotations n ON n.article_id = a.id"
            " WHERE a.language = 'en' AND (n.article_id IS NULL"
        )
        params: list = []
        if knowledge is not None:
            sql += " OR n.knowledge <> ?"
            params.append(knowledge)
        for text, version in self._db.rows(page(sql + ") ORDER BY a.ingested_at, a.id", limit, offset), params):
            yield records.load(Article, text, version)
