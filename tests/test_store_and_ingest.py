"""The store and ingest against a real DuckDB file: migrations, idempotence, transactions, bad input."""

import json
import shutil

import duckdb
import pytest

from sitroom.errors import StoreError
from sitroom.model import Article
from sitroom.pipeline.ingest import ingest
from sitroom.sources import ReadOptions
from sitroom.store import MigrationNeeded, migrate, open_store
from sitroom.store.duckdb_store import migrations

from .conftest import CORPUS

GOOD_TEXT = """Sahel Courier
Home | Africa | World
Chadian troops advance on Tessalit in northern Mali
By Fatima Ba
February 7, 2013
Chadian troops moved north towards Tessalit on Thursday after French jets struck positions held by armed groups, officers said.
The advance is part of an effort to cut supply lines into the Adrar des Ifoghas mountains near the Algerian border.
© 2013 Sahel Courier. All rights reserved.
"""


def test_migrations_are_named_ordered_and_recorded(db_path):
    with open_store(db_path) as store:
        applied = store.applied_migrations()
    assert applied == [(version, name) for version, name, _ in migrations()]
    assert [v for v, _ in applied] == sorted(v for v, _ in applied) and applied[0] == (1, "initial")
    with open_store(db_path) as store:  # re-opening applies nothing twice
        assert store.migrate() == []


def test_a_database_from_an_older_sitroom_is_not_migrated_by_a_read_but_by_migrate(db_path):
    with open_store(db_path) as store:
        store.db.execute("DROP TABLE parses; DELETE FROM schema_migrations WHERE version = 6")
    with pytest.raises(MigrationNeeded) as raised:
        open_store(db_path, read_only=True)
    assert str(raised.value) == f"{db_path}: this database was made by an older sitroom; run 'sitroom migrate --db {db_path}' first"
    assert isinstance(raised.value, StoreError)
    assert migrate(db_path) == ["parses"]
    assert migrate(db_path) == []
    with open_store(db_path, read_only=True) as store:
        assert (6, "parses") in store.applied_migrations()
        assert list(store.parses()) == [] and store.count_parses() == 0


def test_a_foreign_duckdb_file_is_refused(tmp_path):
    path = tmp_path / "other.duckdb"
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE t (x INTEGER)")
    con.close()
    with pytest.raises(StoreError, match="not sitroom's"):
        open_store(path)
    not_db = tmp_path / "notes.txt"
    not_db.write_text("hello", encoding="utf-8")
    with pytest.raises(StoreError, match="cannot open"):
        open_store(not_db)


def test_demo_corpus_ingest_is_idempotent_and_links_the_syndicated_copy(db_path):
    with open_store(db_path) as store:
        first = ingest([str(CORPUS)], store)
        stored = {a.id: a for a in store.articles()}
        links = store.duplicate_links()
        second = ingest([str(CORPUS)], store)
        assert store.count_articles() == len(stored)
    assert first.read == 16 and first.failed == []
    assert first.stored == 15 and first.duplicates == 1
    (link,) = links
    assert link.source.endswith("12-konna-wire-syndicated.txt") and link.kind == "near" and link.similarity >= 0.7
    assert stored[link.duplicate_of].source.endswith("11-konna-wire.html")
    assert (second.stored, second.duplicates, second.failed) == (0, 16, [])
    assert [s.source for s in first.skipped] == [f"{CORPUS}/13-briefs.jsonl#4"]


def test_stored_articles_come_back_unchanged(db_path):
    from sitroom.clean.article import read_article
    from sitroom.sources import read_sources

    expected = {}
    for page in read_sources([str(CORPUS / "03-analysis-jihadist-north.txt"), str(CORPUS / "08-timbuktu-retaken.html")]):
        article = read_article(page)
        expected[article.id] = article
    with open_store(db_path) as store:
        ingest([str(CORPUS / "03-analysis-jihadist-north.txt"), str(CORPUS / "08-timbuktu-retaken.html")], store)
        for article_id, article in expected.items():
            assert store.article(article_id[:8]) == article


def test_bad_files_are_reported_and_good_ones_stored(tmp_path, db_path):
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "good.txt").write_text(GOOD_TEXT, encoding="utf-8")
    shutil.copy(CORPUS / "08-timbuktu-retaken.html", pages / "good.html")
    (pages / "cp1252.txt").write_bytes(
        "Mopti Weekly\nSévaré airport reopens to military flights\nBy Aminata Traoré\nJanuary 20, 2013\n"
        "The airport at Sévaré reopened on Sunday to French and Malian military flights, the army’s spokesman said.\n"
        "Transport aircraft brought armoured vehicles and fuel for the columns moving towards Douentza and Gao.\n".encode("cp1252")
    )
    (pages / "empty.txt").write_bytes(b"")
    (pages / "report.pdf").write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj")
    (pages / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF")
    (pages / "archive.zip").write_bytes(b"PK\x03\x04\x14\x00")
    (pages / "garbage.txt").write_bytes(bytes(range(1, 30)) * 40)
    (pages / "huge.txt").write_text("word " * 50_000, encoding="utf-8")
    (pages / "nav-only.html").write_text("<html><body><nav><a href='/'>Home</a> <a href='/a'>Africa</a></nav></body></html>", encoding="utf-8")
    (pages / "french.txt").write_text(
        "Les forces françaises et maliennes ont repris la ville de Gao samedi, après des frappes aériennes sur les positions "
        "des groupes armés, selon le ministère de la Défense. Les habitants ont décrit une nuit de tirs et de fuite.\n",
        encoding="utf-8",
    )
    with open_store(db_path) as store:
        report = ingest([str(pages)], store, ReadOptions(max_bytes=100_000))
        failures = {f.source.rsplit("/", 1)[-1]: f.kind for f in store.failures()}
        stored_sources = {a.source.rsplit("/", 1)[-1] for a in store.articles()}
    assert stored_sources == {"good.txt", "good.html", "cp1252.txt", "french.txt"}
    assert failures == {
        "empty.txt": "empty", "report.pdf": "binary", "photo.jpg": "binary", "archive.zip": "binary",
        "garbage.txt": "undecodable", "huge.txt": "too_large", "nav-only.html": "no_text", "french.txt": "not_english",
    }
    assert {f.source.rsplit("/", 1)[-1] for f in report.failed} == set(failures) - {"french.txt"}
    assert all(f.error and "\n" not in f.error for f in report.failed)


def test_a_failed_batch_is_rolled_back_and_earlier_batches_kept(db_path, monkeypatch):
    from sitroom.store.duckdb_store import DuckDBStore

    calls = {"n": 0}
    original = DuckDBStore.write_batch

    def flaky(self, run_id, batch):
        calls["n"] += 1
        if calls["n"] == 2:
            original(self, run_id, batch.__class__(batch.articles + batch.articles[:1], [], []))  # a duplicate id
        return original(self, run_id, batch)

    monkeypatch.setattr(DuckDBStore, "write_batch", flaky)
    with open_store(db_path) as store:
        with pytest.raises(duckdb.Error):
            ingest([str(CORPUS)], store, batch_size=3)
        kept = store.count_articles()
    assert kept == 3  # the first batch, whole; nothing of the broken one
    monkeypatch.setattr(DuckDBStore, "write_batch", original)
    with open_store(db_path) as store:  # a re-run completes the job
        report = ingest([str(CORPUS)], store, batch_size=3)
        assert store.count_articles() == 15
    assert report.stored == 12


def test_export_shape(db_path):
    from sitroom.export import export_records

    with open_store(db_path) as store:
        ingest([str(CORPUS)], store)
        document = export_records(store, "articles")
    articles = document["articles"]
    assert len(articles) == 15
    required = {"id", "source", "url", "title", "authors", "published", "published_earliest", "language", "paragraphs",
                "captions", "footnotes", "author_bio", "comments", "boilerplate"}
    for record in articles:
        assert required <= set(record)
        Article.model_validate(record)
    analysis = next(a for a in articles if a["source"].endswith("03-analysis-jihadist-north.txt"))
    assert analysis["published"] is None and analysis["published_earliest"] == "2013-01-20"
    assert {"marker", "text", "author", "title", "outlet", "date"} <= set(analysis["footnotes"][0])
    assert {"author", "text", "spam", "by_article_author"} <= set(analysis["comments"][0])
    json.dumps(document)
