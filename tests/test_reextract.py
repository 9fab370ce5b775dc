"""Extraction over stored parses: a parse stored as DocBin bytes and read back without spaCy's model gives
the same annotations as the whole layer; `reextract` redoes stale annotations from stored parses and never
loads a model; `nlp/` never imports `extract/`; every event, claim and relation says which rules made it."""

import ast
import dataclasses
import re

import pytest
import spacy

from sitroom.bench import demo_articles
from sitroom.extract.annotate import Annotator, extract_parse
from sitroom.extract.facts import Extractor
from sitroom.extract.reextract import reextract
from sitroom.kb import knowledge as knowledge_module
from sitroom.kb.knowledge import Knowledge, load_knowledge
from sitroom.nlp.parse import Parse, StaleParse
from sitroom.pipeline.ingest import ingest
from sitroom.store import open_store

from .conftest import CORPUS, ROOT

EVENT_HOW = {"trigger", "class", "type", "actor1", "actor2", "place", "date", "modality", "fatalities"}


@pytest.fixture(scope="module")
def knowledge():
    return load_knowledge()


@pytest.fixture(scope="module")
def annotator(knowledge):
    return Annotator(knowledge)


@pytest.fixture(scope="module")
def demo(annotator):
    articles = demo_articles()
    results = list(annotator.annotate_with_parses(articles))
    assert all(isinstance(r, tuple) for r in results)
    return articles, results


class _OtherKnowledge(Knowledge):
    """The same knowledge under another digest: what a changed rule file or rule module looks like."""

    @property
    def digest(self) -> str:
        return "0" * 16


def test_a_stored_parse_reextracts_to_the_same_annotations(knowledge, demo):
    articles, results = demo
    blank = spacy.blank("en")
    extractor = Extractor(knowledge, blank)
    for article, (annotated, stored) in zip(articles, results):
        assert stored.article_id == article.id and stored.model == annotated.model
        again = extract_parse(Parse.from_stored(stored, article, blank.vocab), knowledge, extractor)
        assert again == annotated, article.id


def test_a_parse_that_no_longer_fits_its_text_is_refused(demo):
    articles, results = demo
    (_, stored) = results[0]
    changed = articles[0].model_copy(update={"paragraphs": ["Something else entirely."]})
    with pytest.raises(StaleParse):
        Parse.from_stored(stored, changed, spacy.blank("en").vocab)


def test_reextract_redoes_stale_annotations_without_loading_a_model(tmp_path, annotator, knowledge, monkeypatch):
    store = open_store(tmp_path / "re.duckdb")
    try:
        ingest([str(CORPUS)], store, annotate=annotator.annotate_with_parses)
        before = {a.article_id: a for a in store.annotations()}
        assert before and store.count_parses() == len(before)

        def no_model(*args, **kwargs):
            raise AssertionError("reextract loaded a spaCy model")

        monkeypatch.setattr(spacy, "load", no_model)
        monkeypatch.setattr(spacy.util, "load_model", no_model)
        # nothing is stale under the knowledge the annotations were made with
        assert reextract(store, knowledge) == (0, [], [])
        # under other knowledge, every annotation is redone from its stored parse, and comes out the same
        other = _OtherKnowledge(**{f.name: getattr(knowledge, f.name) for f in dataclasses.fields(knowledge)})
        seen = []
        done, failures, needs_parse = reextract(store, other, progress=lambda kind, value: seen.append(kind))
        assert (done, failures, needs_parse) == (len(before), [], [])
        assert seen[0] == "total" and seen.count("advance") == len(before)
        after = {a.article_id: a for a in store.annotations()}
        assert after.keys() == before.keys()
        for article_id, annotated in after.items():
            assert annotated.knowledge == other.digest
            assert annotated.model_copy(update={"knowledge": knowledge.digest}) == before[article_id]
        assert reextract(store, other) == (0, [], [])
        assert reextract(store, other, everything=True)[0] == len(before)
    finally:
        store.close()


def test_articles_without_a_stored_parse_are_listed_for_annotate(tmp_path, knowledge, monkeypatch):
    store = open_store(tmp_path / "bare.duckdb")
    try:
        ingest([str(CORPUS / "01-konna-falls.txt")], store)  # stored, never annotated: no parse
        monkeypatch.setattr(spacy, "load", lambda *a, **k: pytest.fail("reextract loaded a spaCy model"))
        done, failures, needs_parse = reextract(store, knowledge)
        assert done == 0 and failures == [] and len(needs_parse) == 1
    finally:
        store.close()


def test_nlp_never_imports_extract():
    nlp = ROOT / "src" / "sitroom" / "nlp"
    wrong = []
    for path in sorted(nlp.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                target = ("." * node.level) + (node.module or "")
                names = [target] + [f"{target}.{a.name}" for a in node.names]
            elif isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            else:
                continue
            if any(re.match(r"^(\.\.extract|sitroom\.extract)(\.|$)", name) for name in names):
                wrong.append(f"{path.name}:{node.lineno}")
    assert not wrong, wrong


def test_how_names_the_rules_behind_every_event_claim_and_relation(demo):
    _, results = demo
    events = [e for annotated, _ in results for e in annotated.events]
    claims = [c for annotated, _ in results for c in annotated.claims]
    relations = [r for annotated, _ in results for r in annotated.relations]
    assert len(events) > 50 and claims and relations
    for event in events:
        assert EVENT_HOW <= set(event.how), (event.id, event.how)
        assert re.match(r"^event_triggers\.txt:\d+", event.how["trigger"]), event.how
        assert all(isinstance(v, str) and v for v in event.how.values())
    assert {e.how["actor1"] for e in events} >= {"subject", "unidentified-armed-group"}
    assert any(e.how["class"].startswith("event_triggers.txt:") for e in events)  # a refinement entry
    for claim in claims:
        assert claim.how, claim
        if claim.kind == "assessment":
            assert re.match(r"^claims\.txt:\d+$", claim.how["cue"])
    for relation in relations:
        assert {"cue", "pair", "modality", "date"} <= set(relation.how)


def test_how_survives_the_store(tmp_path, annotator):
    store = open_store(tmp_path / "how.duckdb")
    try:
        ingest([str(CORPUS / "01-konna-falls.txt")], store, annotate=annotator.annotate_with_parses)
        (annotated,) = list(store.annotations())
        stored = sorted((e for e in store.events() if e.article_id == annotated.article_id), key=lambda e: int(e.id.rsplit("e", 1)[1]))
        assert annotated.events and annotated.events == stored
        assert all(EVENT_HOW <= set(e.how) for e in store.events())
        assert store.parse(annotated.article_id) is not None
    finally:
        store.close()


def test_the_knowledge_digest_covers_the_rule_code(monkeypatch):
    knowledge_module.rules_code_digest.cache_clear()
    shipped = knowledge_module.rules_code_digest()
    assert {"nlp", "extract"} <= set(knowledge_module.RULE_CODE)
    monkeypatch.setattr(knowledge_module, "RULE_CODE", ("nlp",))
    knowledge_module.rules_code_digest.cache_clear()
    try:
        assert knowledge_module.rules_code_digest() != shipped
    finally:
        monkeypatch.undo()
        knowledge_module.rules_code_digest.cache_clear()
    assert knowledge_module.rules_code_digest() == shipped
