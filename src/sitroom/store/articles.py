"""Articles, their MinHash buckets, and the pages not stored because an article has their text."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from ..errors import ArticleNotFound
from ..model import Article, DuplicateLink
from . import records
from .base import StoredArticle
from .database import now
from .repository import Repository, page


class DuckDBArticles(Repository):
    def __call__(self, *, language: str | None = None, limit: int | None = None) -> Iterator[Article]:
        """`list`, as `store.articles(...)` was called before the store had repositories."""
        return self.list(language=language, limit=limit or None)

    def add(self, articles: list[StoredArticle], run_id: int | None) -> None:
        from ..dedupe import bands

        stamp, version = now(), records.version(Article)
        self._db.executemany(
            "INSERT INTO articles (id, content_hash, source, url, title, published, published_earliest, language, site_name,"
            " record, minhash, run_id, ingested_at, record_version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    a.id, a.content_hash, a.source, a.url, a.title, a.published, a.published_earliest, a.language, a.site_name,
                    a.model_dump_json(), s.minhash, run_id, stamp, version,
                )
                for s in articles
                for a in [s.article]
            ],
        )
        self._db.executemany(
            "INSERT INTO article_bands VALUES (?, ?, ?)", [(band, bucket, s.article.id) for s in articles for band, bucket in bands(s.minhash)]
        )

    def list(self, *, language: str | None = None, limit: int | None = None, offset: int = 0) -> Iterator[Article]:
        """Stored articles by publication date (the earliest possible one when none is stated), then source."""
        sql, params = "SELECT record, record_version FROM articles", []
        if language:
            sql += " WHERE language = ?"
            params.append(language)
        sql = page(sql + " ORDER BY coalesce(published, published_earliest), source, id", limit, offset)
        for text, version in self._db.rows(sql, params):
            yield records.load(Article, text, version)

    def get(self, article_id: str) -> Article:
        """The article whose id is or starts with `article_id`; ArticleNotFound when none or several."""
        rows = self._db.rows("SELECT record, record_version FROM articles WHERE starts_with(id, ?) ORDER BY id LIMIT 2", [article_id])
        if len(rows) != 1:
            raise ArticleNotFound(code="E115" if rows else "E106", article_id=article_id)
        return records.load(Article, *rows[0])

    def count(self, *, language: str | None = None) -> int:
        if language:
            return self._db.value("SELECT count(*) FROM articles WHERE language = ?", [language])
        return self._db.value("SELECT count(*) FROM articles")

    def publication_dates(self) -> dict[str, date]:
        """Article id -> the date it was published (or, when it states none, the earliest it can have been)."""
        rows = self._db.rows(
            "SELECT id, coalesce(published, published_earliest) FROM articles WHERE coalesce(published, published_earliest) IS NOT NULL"
        )
        return dict(rows)

    # --- deduplication ------------------------------------------------------------------------
    def known_hashes(self, hashes: list[str]) -> set[str]:
        """Which of these content hashes are stored already, as articles or as duplicate links."""
        if not hashes:
            return set()
        rows = self._db.rows(
            "SELECT content_hash FROM articles WHERE list_contains(?, content_hash) "
            "UNION SELECT content_hash FROM duplicates WHERE list_contains(?, content_hash)",
            [hashes, hashes],
        )
        return {row[0] for row in rows}

    def near_duplicate_candidates(self, bands: list[tuple[int, int]]) -> list[tuple[str, list[int]]]:
        """(article id, minhash) of stored articles sharing an LSH bucket with `bands`."""
        if not bands:
            return []
        keys = [f"{band}:{bucket}" for band, bucket in bands]
        rows = self._db.rows(
            "SELECT DISTINCT a.id, a.minhash, a.ingested_at FROM article_bands b JOIN articles a ON a.id = b.article_id "
            "WHERE list_contains(?, CAST(b.band AS VARCHAR) || ':' || CAST(b.bucket AS VARCHAR)) ORDER BY a.ingested_at, a.id",
            [keys],
        )
        return [(row[0], list(row[1])) for row in rows]

    def add_duplicates(self, links: list[DuplicateLink], run_id: int | None) -> None:
        stamp = now()
        self._db.executemany(
            "INSERT OR IGNORE INTO duplicates VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [(d.content_hash, d.source, d.url, d.duplicate_of, d.similarity, d.kind, run_id, stamp) for d in links],
        )

    def duplicates(self, *, limit: int | None = None, offset: int = 0) -> list[DuplicateLink]:
        rows = self._db.rows(
            page("SELECT content_hash, source, url, duplicate_of, similarity, kind FROM duplicates ORDER BY seen_at, source, content_hash", limit, offset)
        )
        return [DuplicateLink(content_hash=r[0], source=r[1], url=r[2], duplicate_of=r[3], similarity=r[4], kind=r[5]) for r in rows]
