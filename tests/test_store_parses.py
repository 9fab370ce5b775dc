"""Stored parses, and writes that span repositories: each in one transaction, all of it or none."""

from __future__ import annotations

import duckdb
import pytest

from sitroom.model import AnnotatedArticle, Article, IngestFailure
from sitroom.store import Batch, StoredArticle, StoredParse, open_store


def article(n: int) -> Article:
    return Article(id=f"a{n:02d}", content_hash=f"h{n}", source=f"page{n}.txt", format="text", language="en", paragraphs=[f"Text {n}."])


def annotated(article_id: str) -> AnnotatedArticle:
    return AnnotatedArticle(article_id=article_id, text="", parts=[], country=None, reference_date=None, model="m", knowledge="k")


def parse(article_id: str, model: str = "en_core_web_sm-3.8.0") -> StoredParse:
    return StoredParse(article_id=article_id, model=model, data=f"docbin {article_id}".encode() + b"\x00\xff", offsets=(0, 17, 2**33))


def test_parses_are_replaced_read_one_by_one_some_or_all(db_path):
    with open_store(db_path) as store:
        assert store.parse("a01") is None and store.count_parses() == 0 and list(store.parses()) == []
        store.write_parses([parse("a03"), parse("a01"), parse("a02")])
        store.write_parses([parse("a02", model="en_core_web_sm-3.9.0")])
        assert store.count_parses() == 3
        assert store.parse("a02") == parse("a02", model="en_core_web_sm-3.9.0")
        assert [p.article_id for p in store.parses()] == ["a01", "a02", "a03"]
        assert list(store.parses(["a03", "a01", "zz"])) == [parse("a01"), parse("a03")]
        assert list(store.parses([])) == []
        assert [p.article_id for p in store.parses.list(limit=1, offset=1)] == ["a02"]
    with open_store(db_path, read_only=True) as store:
        assert store.parse("a01") == parse("a01") and isinstance(store.parse("a01").offsets, tuple)


def test_parses_stream_while_the_store_is_written(db_path):
    with open_store(db_path) as store:
        store.write_batch(store.start_run([]), Batch([StoredArticle(article(n), [n]) for n in range(40)], [], []))
        store.write_parses([parse(f"a{n:02d}") for n in range(40)])
        for stored in store.parses():  # what re-extraction does: read a parse, write its annotation
            store.write_annotations([annotated(stored.article_id)], [])
        assert len(list(store.annotations())) == 40


def test_a_batch_writes_its_parses_with_its_annotations(db_path):
    with open_store(db_path) as store:
        run = store.start_run(["x"])
        store.write_batch(run, Batch([StoredArticle(article(1), [1])], [], [], [annotated("a01")], [parse("a01")]))
        assert store.parse("a01") == parse("a01") and store.annotation("a01") == annotated("a01")
        with pytest.raises(duckdb.Error):  # a second a01: the whole batch goes, its parse too
            store.write_batch(run, Batch([StoredArticle(article(2), [2]), StoredArticle(article(1), [1])], [], [], [annotated("a02")], [parse("a02")]))
        assert store.parse("a02") is None and store.annotation("a02") is None and store.count_articles() == 1


def test_annotations_parses_and_failures_are_written_together_or_not_at_all(db_path, monkeypatch):
    with open_store(db_path) as store:
        failure = IngestFailure(source="page9.txt", kind="internal", error="broke")
        store.write_annotations([annotated("a01")], [failure], [parse("a01")])
        assert store.parse("a01") and store.annotation("a01") and store.failures() == [failure]

        def broken(self, parses):
            raise RuntimeError("disk full")

        monkeypatch.setattr(type(store.parses), "write", broken)
        with pytest.raises(RuntimeError, match="disk full"):
            store.write_annotations([annotated("a02")], [failure], [parse("a02")])
        assert store.annotation("a02") is None and store.failures() == [failure]
        monkeypatch.undo()
        store.write_annotations([annotated("a02")], [], [parse("a02")])  # the store is usable after the rollback
        assert store.annotation("a02") == annotated("a02") and store.count_parses() == 2


def test_the_transaction_helper_nests_and_rolls_back_everything(db_path):
    with open_store(db_path) as store:
        with pytest.raises(KeyError), store._transaction():
            store.write_parses([parse("a01")])  # joins the outer transaction
            with store._transaction():
                store.write_parses([parse("a02")])
            raise KeyError("later")
        assert store.count_parses() == 0
        with store._transaction(), store._transaction():
            store.write_parses([parse("a03")])
        assert store.count_parses() == 1
