"""The DuckDB store: one file, schema made and changed only by the ordered migrations in migrations/."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from datetime import UTC, date, datetime
from importlib import resources
from pathlib import Path

import duckdb

from ..errors import ArticleNotFound, StoreError
from ..model import (
    AnnotatedArticle,
    Article,
    Claim,
    DuplicateLink,
    Event,
    Incident,
    IngestFailure,
    Place,
    Relation,
)
from .base import Batch, EventFilter, RunSummary

DEFAULT_DB = "sitroom.duckdb"
_MIGRATION_NAME = re.compile(r"^(\d{4})_(\w+)\.sql$")


def default_db_path() -> str:
    return os.environ.get("SITROOM_DB") or DEFAULT_DB


def migrations() -> list[tuple[int, str, str]]:
    """(version, name, sql) of every migration shipped, in order."""
    found = []
    for entry in resources.files("sitroom.store").joinpath("migrations").iterdir():
        match = _MIGRATION_NAME.match(entry.name)
        if match:
            found.append((int(match[1]), match[2], entry.read_text(encoding="utf-8")))
    return sorted(found)


def _event_row(e: Event) -> tuple:
    actors = [a for a in (e.actor1, e.actor2, *e.assoc_actors) if a is not None]
    names = " | ".join(f"{a.id} {a.name} {a.acled_name or ''}".lower() for a in actors)
    return (
        e.id, e.article_id, e.event_class, e.event_type, e.sub_event_type, e.actor1.id if e.actor1 else None,
        e.actor2.id if e.actor2 else None, names, e.location.country if e.location else None,
        e.date.start if e.date else None, e.date.end if e.date else None, e.fatalities.acled if e.fatalities else None,
        e.modality, e.confidence, e.model_dump_json(),
    )


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


class DuckDBStore:
    def __init__(self, path: str | Path, *, read_only: bool = False):
        self.path = str(path)
        try:
            self.db = duckdb.connect(self.path, read_only=read_only and Path(self.path).exists())
        except duckdb.Error as exc:
            first = str(exc).splitlines()[0]
            raise StoreError(f"{self.path}: cannot open as a DuckDB database ({first}); give another file with --db") from None
        if not read_only:
            self.migrate()
        elif not self._has_table("schema_migrations"):
            raise StoreError(f"{self.path}: not a sitroom database yet; run 'sitroom ingest' or 'sitroom demo' first")
        elif self._pending_migrations():
            # made by an older sitroom: bring its schema up to date once, then read as asked
            self.db.close()
            self.db = duckdb.connect(self.path)
            self.migrate()

    # --- schema -----------------------------------------------------------------------------------
    def _has_table(self, name: str) -> bool:
        row = self.db.execute("SELECT count(*) FROM information_schema.tables WHERE table_name = ?", [name]).fetchone()
        return bool(row and row[0])

    def migrate(self) -> list[str]:
        """Apply the migrations this database lacks, each in its own transaction. Returns their names."""
        tables = self.db.execute("SELECT count(*) FROM information_schema.tables").fetchone()[0]
        if not self._has_table("schema_migrations"):
            if tables:
                raise StoreError(f"{self.path}: a DuckDB database, but not sitroom's; give another file with --db")
            self.db.execute(
                "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, applied_at TIMESTAMP NOT NULL)"
            )
        done = {row[0] for row in self.db.execute("SELECT version FROM schema_migrations").fetchall()}
        applied = []
        for version, name, sql in migrations():
            if version in done:
                continue
            self.db.execute("BEGIN TRANSACTION")
            try:
                self.db.execute(sql)
                self.db.execute("INSERT INTO schema_migrations VALUES (?, ?, ?)", [version, name, _now()])
                self.db.execute("COMMIT")
            except duckdb.Error:
                self.db.execute("ROLLBACK")
                raise
            applied.append(name)
        return applied

    def _pending_migrations(self) -> bool:
        done = {row[0] for row in self.db.execute("SELECT version FROM schema_migrations").fetchall()}
        return any(version not in done for version, _, _ in migrations())

    def applied_migrations(self) -> list[tuple[int, str]]:
        return self.db.execute("SELECT version, name FROM schema_migrations ORDER BY version").fetchall()

    # --- writing ----------------------------------------------------------------------------------
    def start_run(self, inputs: list[str]) -> int:
        run_id = self.db.execute("SELECT nextval('ingest_run_ids')").fetchone()[0]
        self.db.execute("INSERT INTO ingest_runs (id, started_at, inputs) VALUES (?, ?, ?)", [run_id, _now(), json.dumps(inputs)])
        return int(run_id)

    def finish_run(self, run_id: int, read: int, stored: int, duplicates: int, failed: int) -> None:
        self.db.execute(
            "UPDATE ingest_runs SET finished_at = ?, read = ?, stored = ?, duplicates = ?, failed = ? WHERE id = ?",
            [_now(), read, stored, duplicates, failed, run_id],
        )

    def write_batch(self, run_id: int, batch: Batch) -> None:
        from ..dedupe import bands

        now = _now()
        article_rows = [
            (
                s.article.id, s.article.content_hash, s.article.source, s.article.url, s.article.title,
                s.article.published, s.article.published_earliest, s.article.language, s.article.site_name,
                s.article.model_dump_json(), s.minhash, run_id, now,
            )
            for s in batch.articles
        ]
        band_rows = [(band, bucket, s.article.id) for s in batch.articles for band, bucket in bands(s.minhash)]
        duplicate_rows = [
            (d.content_hash, d.source, d.url, d.duplicate_of, d.similarity, d.kind, run_id, now) for d in batch.duplicates
        ]
        failure_rows = [(run_id, f.source, f.kind, f.error, now) for f in batch.failures]
        annotation_rows = [(a.article_id, a.model_dump_json(), a.model, a.knowledge, now) for a in batch.annotations]
        self.db.execute("BEGIN TRANSACTION")
        try:
            if article_rows:
                self.db.executemany("INSERT INTO articles VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", article_rows)
            if band_rows:
                self.db.executemany("INSERT INTO article_bands VALUES (?, ?, ?)", band_rows)
            if duplicate_rows:
                self.db.executemany("INSERT OR IGNORE INTO duplicates VALUES (?, ?, ?, ?, ?, ?, ?, ?)", duplicate_rows)
            if failure_rows:
                self.db.executemany("INSERT INTO ingest_errors VALUES (?, ?, ?, ?, ?)", failure_rows)
            if annotation_rows:
                self.db.executemany("INSERT OR REPLACE INTO annotations VALUES (?, ?, ?, ?, ?)", annotation_rows)
                self._write_extractions(batch.annotations)
            self.db.execute("COMMIT")
        except BaseException:
            self.db.execute("ROLLBACK")
            raise

    def write_annotations(self, annotations: list[AnnotatedArticle], failures: list[IngestFailure]) -> None:
        now = _now()
        self.db.execute("BEGIN TRANSACTION")
        try:
            if annotations:
                self.db.executemany(
                    "INSERT OR REPLACE INTO annotations VALUES (?, ?, ?, ?, ?)",
                    [(a.article_id, a.model_dump_json(), a.model, a.knowledge, now) for a in annotations],
                )
                self._write_extractions(annotations)
            if failures:
                self.db.executemany(
                    "INSERT INTO ingest_errors VALUES (?, ?, ?, ?, ?)", [(None, f.source, f.kind, f.error, now) for f in failures]
                )
            self.db.execute("COMMIT")
        except BaseException:
            self.db.execute("ROLLBACK")
            raise

    def _write_extractions(self, annotations: list[AnnotatedArticle]) -> None:
        """Replace the events, claims and relations of these articles (inside the caller's transaction)."""
        ids = [(a.article_id,) for a in annotations]
        # an article told again leaves its incidents; the next reconciliation places its new events
        self.db.executemany("DELETE FROM incident_events WHERE event_id IN (SELECT id FROM events WHERE article_id = ?)", ids)
        for table in ("events", "claims", "relations"):
            self.db.executemany(f"DELETE FROM {table} WHERE article_id = ?", ids)
        events = [_event_row(e) for a in annotations for e in a.events]
        claims = [(c.id, c.article_id, c.kind, c.subject.id if c.subject else None, c.modality, c.model_dump_json()) for a in annotations for c in a.claims]
        relations = [
            (r.id, r.article_id, r.type, r.source.id, r.target.id, r.modality, r.model_dump_json()) for a in annotations for r in a.relations
        ]
        if events:
            self.db.executemany("INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", events)
        if claims:
            self.db.executemany("INSERT INTO claims VALUES (?, ?, ?, ?, ?, ?)", claims)
        if relations:
            self.db.executemany("INSERT INTO relations VALUES (?, ?, ?, ?, ?, ?, ?)", relations)

    def events(self, where: EventFilter | None = None) -> list[Event]:
        where = where or EventFilter()
        sql, params = "SELECT e.record FROM events e WHERE 1 = 1", []
        if where.country:
            sql += " AND (lower(e.country) = lower(?) OR lower(e.record->>'$.location.name') = lower(?))"
            params += [where.country, where.country]
        if where.actor:
            sql += " AND e.actors LIKE ?"
            params.append(f"%{where.actor.lower()}%")
        if where.type:
            sql += " AND lower(?) IN (lower(e.event_class), lower(e.event_type), lower(e.sub_event_type))"
            params.append(where.type)
        if where.since:
            sql += " AND coalesce(e.date_end, e.date_start) >= ?"
            params.append(where.since)
        if where.until:
            sql += " AND e.date_start <= ?"
            params.append(where.until)
        if where.modalities:
            sql += f" AND e.modality IN ({', '.join('?' for _ in where.modalities)})"
            params += list(where.modalities)
        if where.article_id:
            sql += " AND e.article_id = ?"
            params.append(where.article_id)
        sql += " ORDER BY e.date_start NULLS LAST, e.article_id, e.id"
        return [Event.model_validate_json(r[0]) for r in self.db.execute(sql, params).fetchall()]

    def claims(self, article_id: str | None = None) -> list[Claim]:
        sql, params = "SELECT record FROM claims", []
        if article_id:
            sql, params = sql + " WHERE article_id = ?", [article_id]
        return [Claim.model_validate_json(r[0]) for r in self.db.execute(sql + " ORDER BY article_id, id", params).fetchall()]

    def relations(self, article_id: str | None = None) -> list[Relation]:
        sql, params = "SELECT record FROM relations", []
        if article_id:
            sql, params = sql + " WHERE article_id = ?", [article_id]
        return [Relation.model_validate_json(r[0]) for r in self.db.execute(sql + " ORDER BY article_id, id", params).fetchall()]

    def incident_members(self) -> dict[str, list[str]]:
        members: dict[str, list[str]] = {}
        for incident_id, event_id in self.db.execute("SELECT incident_id, event_id FROM incident_events ORDER BY incident_id, event_id").fetchall():
            members.setdefault(incident_id, []).append(event_id)
        return members

    def incidents(self) -> list[Incident]:
        rows = self.db.execute("SELECT record FROM incidents ORDER BY record->>'$.date.start' NULLS LAST, id").fetchall()
        return [Incident.model_validate_json(r[0]) for r in rows]

    def write_incidents(self, incidents: list[Incident], removed: list[str] = ()) -> None:
        """Replace these incidents and their members, and drop the `removed` ones, in one transaction."""
        now = _now()
        ids = [(i,) for i in [*removed, *(x.id for x in incidents)]]
        self.db.execute("BEGIN TRANSACTION")
        try:
            if ids:
                self.db.executemany("DELETE FROM incidents WHERE id = ?", ids)
                self.db.executemany("DELETE FROM incident_events WHERE incident_id = ?", ids)
            if incidents:
                self.db.executemany("INSERT INTO incidents VALUES (?, ?, ?)", [(x.id, x.model_dump_json(), now) for x in incidents])
                self.db.executemany(
                    "INSERT OR REPLACE INTO incident_events VALUES (?, ?)", [(e, x.id) for x in incidents for e in x.event_ids]
                )
            self.db.execute("COMMIT")
        except BaseException:
            self.db.execute("ROLLBACK")
            raise

    def split_pairs(self) -> set[frozenset[str]]:
        return {frozenset(row) for row in self.db.execute("SELECT event_a, event_b FROM incident_splits").fetchall()}

    def add_split_pairs(self, pairs: list[tuple[str, str]]) -> None:
        if pairs:
            self.db.executemany("INSERT INTO incident_splits VALUES (?, ?)", pairs)

    def load_gazetteer_file(self, path: str, kind: str) -> int:
        from . import gazetteer_sql

        statements = {
            "places": gazetteer_sql.load_places,
            "alternate_names": gazetteer_sql.load_alternate_names,
            "admin1": gazetteer_sql.load_admin1,
        }[kind](path)
        table = {"places": "gazetteer_places", "alternate_names": "gazetteer_names", "admin1": "gazetteer_admin1"}[kind]
        before = self.db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        self.db.execute("BEGIN TRANSACTION")
        try:
            for sql in statements:
                self.db.execute(sql)
            after = self.db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            self.db.execute("INSERT INTO gazetteer_files VALUES (?, ?, ?, ?)", [path, kind, after - before, _now()])
            self.db.execute("COMMIT")
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        return after - before

    _PLACE_SELECT = (
        "SELECT p.geonameid, p.name, p.lat, p.lon, p.country, a.name, p.feature, p.population"
        " FROM gazetteer_places p LEFT JOIN gazetteer_admin1 a ON a.code = p.admin1_code"
    )

    @staticmethod
    def _place(row) -> Place:
        return Place(
            id=f"geonames:{row[0]}", name=row[1], lat=row[2], lon=row[3], country=row[4], admin1=row[5],
            feature=row[6], population=int(row[7] or 0),
        )

    def gazetteer_lookup(self, keys: list[str]) -> dict[str, list[Place]]:
        if not keys or not self._gazetteer_loaded():
            return {}
        rows = self.db.execute(
            f"SELECT DISTINCT n.key, q.* FROM gazetteer_names n JOIN ({self._PLACE_SELECT}) q ON q.geonameid = n.geonameid"
            " WHERE list_contains(?, n.key) ORDER BY n.key, q.geonameid",  # a fixed order: ties resolve the same way every run
            [list(keys)],
        ).fetchall()
        found: dict[str, list[Place]] = {}
        for row in rows:
            found.setdefault(row[0], []).append(self._place(row[1:]))
        return found

    def gazetteer_names_in_country(self, country: str) -> dict[str, list[Place]]:
        if not self._gazetteer_loaded():
            return {}
        rows = self.db.execute(
            f"SELECT DISTINCT n.key, q.* FROM gazetteer_names n JOIN ({self._PLACE_SELECT} WHERE p.country = ?) q"
            " ON q.geonameid = n.geonameid ORDER BY n.key, q.geonameid",
            [country],
        ).fetchall()
        found: dict[str, list[Place]] = {}
        for row in rows:
            found.setdefault(row[0], []).append(self._place(row[1:]))
        return found

    def _gazetteer_loaded(self) -> bool:
        return bool(self.db.execute("SELECT count(*) FROM gazetteer_files").fetchone()[0])

    def gazetteer_countries(self) -> list[str]:
        if not self._gazetteer_loaded():
            return []
        return [r[0] for r in self.db.execute("SELECT DISTINCT country FROM gazetteer_places WHERE country IS NOT NULL ORDER BY 1").fetchall()]

    def gazetteer_digest(self) -> str:
        row = self.db.execute("SELECT count(*), max(loaded_at), sum(rows) FROM gazetteer_files").fetchone()
        return "" if not row[0] else f"{row[0]}-{row[2]}-{row[1]}"

    # --- reading ----------------------------------------------------------------------------------
    def known_hashes(self, hashes: list[str]) -> set[str]:
        if not hashes:
            return set()
        rows = self.db.execute(
            "SELECT content_hash FROM articles WHERE list_contains(?, content_hash) "
            "UNION SELECT content_hash FROM duplicates WHERE list_contains(?, content_hash)",
            [hashes, hashes],
        ).fetchall()
        return {row[0] for row in rows}

    def near_duplicate_candidates(self, bands: list[tuple[int, int]]) -> list[tuple[str, list[int]]]:
        if not bands:
            return []
        keys = [f"{band}:{bucket}" for band, bucket in bands]
        rows = self.db.execute(
            "SELECT DISTINCT a.id, a.minhash FROM article_bands b JOIN articles a ON a.id = b.article_id "
            "WHERE list_contains(?, CAST(b.band AS VARCHAR) || ':' || CAST(b.bucket AS VARCHAR)) ORDER BY a.ingested_at, a.id",
            [keys],
        ).fetchall()
        return [(row[0], list(row[1])) for row in rows]

    def articles(self, *, language: str | None = None, limit: int | None = None) -> Iterator[Article]:
        sql = "SELECT record FROM articles"
        params: list = []
        if language:
            sql += " WHERE language = ?"
            params.append(language)
        sql += " ORDER BY coalesce(published, published_earliest), source"
        if limit:
            sql += f" LIMIT {int(limit)}"
        for (record,) in self.db.execute(sql, params).fetchall():
            yield Article.model_validate_json(record)

    def article(self, article_id: str) -> Article:
        rows = self.db.execute("SELECT record FROM articles WHERE id LIKE ? || '%' ORDER BY id LIMIT 2", [article_id]).fetchall()
        if len(rows) != 1:
            what = "no stored article" if not rows else "more than one article"
            raise ArticleNotFound(f"{what} has an id starting with {article_id!r} (list them with 'sitroom articles')")
        return Article.model_validate_json(rows[0][0])

    def annotation(self, article_id: str) -> AnnotatedArticle | None:
        row = self.db.execute("SELECT record FROM annotations WHERE article_id = ?", [article_id]).fetchone()
        return AnnotatedArticle.model_validate_json(row[0]) if row else None

    def annotations(self) -> Iterator[AnnotatedArticle]:
        rows = self.db.execute(
            "SELECT n.record FROM annotations n JOIN articles a ON a.id = n.article_id"
            " ORDER BY coalesce(a.published, a.published_earliest), a.source"
        ).fetchall()
        for (record,) in rows:
            yield AnnotatedArticle.model_validate_json(record)

    def unannotated_articles(self, knowledge: str | None = None) -> Iterator[Article]:
        sql = "SELECT a.record FROM articles a LEFT JOIN annotations n ON n.article_id = a.id WHERE a.language = 'en' AND (n.article_id IS NULL"
        params: list = []
        if knowledge is not None:
            sql += " OR n.knowledge <> ?"
            params.append(knowledge)
        rows = self.db.execute(sql + ") ORDER BY a.ingested_at, a.id", params).fetchall()
        for (record,) in rows:
            yield Article.model_validate_json(record)

    def count_articles(self) -> int:
        return self.db.execute("SELECT count(*) FROM articles").fetchone()[0]

    def publication_dates(self) -> dict[str, date]:
        rows = self.db.execute(
            "SELECT id, coalesce(published, published_earliest) FROM articles WHERE coalesce(published, published_earliest) IS NOT NULL"
        ).fetchall()
        return dict(rows)

    def duplicate_links(self) -> list[DuplicateLink]:
        rows = self.db.execute(
            "SELECT content_hash, source, url, duplicate_of, similarity, kind FROM duplicates ORDER BY seen_at, source"
        ).fetchall()
        return [
            DuplicateLink(content_hash=r[0], source=r[1], url=r[2], duplicate_of=r[3], similarity=r[4], kind=r[5]) for r in rows
        ]

    def failures(self, run_id: int | None = None) -> list[IngestFailure]:
        sql, params = "SELECT source, kind, error FROM ingest_errors", []
        if run_id is not None:
            sql += " WHERE run_id = ?"
            params.append(run_id)
        rows = self.db.execute(sql + " ORDER BY failed_at, source", params).fetchall()
        return [IngestFailure(source=r[0], kind=r[1], error=r[2]) for r in rows]

    def runs(self) -> list[RunSummary]:
        rows = self.db.execute(
            "SELECT id, started_at, finished_at, read, stored, duplicates, failed FROM ingest_runs ORDER BY id"
        ).fetchall()
        return [RunSummary(r[0], str(r[1]), str(r[2]) if r[2] else None, r[3], r[4], r[5], r[6]) for r in rows]

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> DuckDBStore:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
