"""Any article, event, claim, relation or incident that validates is stored and read back equal."""

from __future__ import annotations

import types
from datetime import date
from typing import Literal, Union, get_args, get_origin

import annotated_types
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from sitroom.model import AnnotatedArticle, Article, Claim, Event, Incident, Relation
from sitroom.query import Query
from sitroom.store import Batch, StoredArticle, StoredParse, open_store

TEXT = st.text(max_size=12)
FLOATS = st.floats(allow_nan=False, allow_infinity=False)  # JSON has no NaN: pydantic writes it as null


def strategy(annotation) -> st.SearchStrategy:
    """Every value of `annotation` (a field's type), nested records included."""
    origin = get_origin(annotation)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return record(annotation)
    if origin in (Union, types.UnionType):
        return st.one_of(*(strategy(a) for a in get_args(annotation)))
    if origin is Literal:
        return st.sampled_from(get_args(annotation))
    if origin is list:
        return st.lists(strategy(get_args(annotation)[0]), max_size=2)
    if origin is tuple:
        return st.lists(strategy(get_args(annotation)[0]), max_size=2).map(tuple)
    if origin is dict:
        key, value = get_args(annotation)
        return st.dictionaries(strategy(key), strategy(value), max_size=2)
    simple = {str: TEXT, int: st.integers(), float: FLOATS, bool: st.booleans(), date: st.dates(), type(None): st.none()}
    return simple[annotation]


def _bounded(info, base: st.SearchStrategy) -> st.SearchStrategy:
    low = next((m.ge for m in info.metadata if isinstance(m, annotated_types.Ge)), None)
    high = next((m.le for m in info.metadata if isinstance(m, annotated_types.Le)), None)
    if low is None and high is None:
        return base
    if info.annotation is int:
        return st.integers(min_value=low, max_value=high)
    return st.floats(min_value=low, max_value=high, allow_nan=False)


def record(model: type[BaseModel]) -> st.SearchStrategy:
    """Records of `model` with every field drawn (optional ones too), within the field's bounds."""
    fields = {name: _bounded(info, strategy(info.annotation)) for name, info in model.model_fields.items()}
    return st.fixed_dictionaries(fields).map(lambda values: model(**values))


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    with open_store(tmp_path_factory.mktemp("roundtrip") / "roundtrip.duckdb") as opened:
        yield opened


def _empty(store) -> None:
    for table in ("articles", "article_bands", "annotations", "events", "claims", "relations", "incidents", "incident_events", "parses"):
        store.db.execute(f"DELETE FROM {table}")


CHECK = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


@CHECK
@given(article=record(Article), minhash=st.lists(st.integers(min_value=0, max_value=2**64 - 1), min_size=1, max_size=8))
def test_an_article_comes_back_equal(store, article, minhash):
    _empty(store)
    store.write_batch(store.start_run(["roundtrip"]), Batch([StoredArticle(article, minhash)], [], []))
    assert list(store.articles()) == [article]
    assert store.article(article.id) == article
    assert store.near_duplicate_candidates([(0, minhash[0])]) in ([], [(article.id, minhash)])


def _annotated(article_id: str, **found) -> AnnotatedArticle:
    return AnnotatedArticle(article_id=article_id, text="", parts=[], country=None, reference_date=None, model="m", knowledge="k", **found)


@CHECK
@given(event=record(Event))
def test_an_event_comes_back_equal(store, event):
    _empty(store)
    annotated = _annotated(event.article_id, events=[event])
    store.write_annotations([annotated], [], [StoredParse(event.article_id, "m-1", b"\x00bytes", (0, 5))])
    assert store.events() == [event]
    assert store.events.get(event.id) == event
    assert store.query_events(Query()).items == [event]
    assert store.annotation(event.article_id) == annotated
    assert store.parse(event.article_id) == StoredParse(event.article_id, "m-1", b"\x00bytes", (0, 5))


@CHECK
@given(claim=record(Claim))
def test_a_claim_comes_back_equal(store, claim):
    _empty(store)
    store.write_annotations([_annotated(claim.article_id, claims=[claim])], [])
    assert store.claims() == [claim]
    assert store.claims(claim.article_id) == [claim]


@CHECK
@given(relation=record(Relation))
def test_a_relation_comes_back_equal(store, relation):
    _empty(store)
    store.write_annotations([_annotated(relation.article_id, relations=[relation])], [])
    assert store.relations() == [relation]
    assert store.relations(relation.article_id) == [relation]


@CHECK
@given(incident=record(Incident))
def test_an_incident_comes_back_equal(store, incident):
    _empty(store)
    store.write_incidents([incident])
    assert store.incidents() == [incident]
    assert store.incidents.get(incident.id) == incident
    assert store.query_incidents(Query(min_reports=0)).items == [incident]
    assert store.incident_members() == ({incident.id: sorted(set(incident.event_ids))} if incident.event_ids else {})
