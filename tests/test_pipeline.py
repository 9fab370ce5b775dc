"""The application layer: the stages compose to what the Runner stores, and the Runner tells its
progress as typed events."""

from sitroom.kb.knowledge import load_knowledge
from sitroom.nlp.parse import Parser
from sitroom.pipeline import Workspace
from sitroom.pipeline.progress import (
    ItemFailed,
    ItemsDone,
    StageFinished,
    StageStarted,
    TotalKnown,
)
from sitroom.pipeline.stages import extract, parse, read
from sitroom.settings import Settings
from sitroom.sources import read_sources

from .conftest import CORPUS


def test_the_stages_compose_to_what_the_runner_stores(tmp_path):
    pages = [CORPUS / "01-konna-falls.txt", CORPUS / "06-gao-retaken.txt"]
    events = []
    with Workspace.open(tmp_path / "p.duckdb", settings=Settings.load()) as room:
        report = room.ingest([str(p) for p in pages], on_progress=events.append)
        stored = {a.id: room.annotation(a.id) for a in room.articles().items}
    assert report.stored == 2

    articles = [read(page) for page in read_sources([str(p) for p in pages])]
    knowledge = load_knowledge()
    by_hand = {p.article_id: extract(p, knowledge) for p in parse(articles, Parser())}
    assert set(by_hand) == set(stored)
    for article_id, annotation in by_hand.items():
        assert annotation.model_dump(exclude={"knowledge"}) == stored[article_id].model_dump(exclude={"knowledge"})

    kinds = [type(e) for e in events]
    assert kinds[0] is StageStarted and events[0].stage == "read"
    assert any(isinstance(e, TotalKnown) and e.total == 2 for e in events)
    assert sum(e.count for e in events if isinstance(e, ItemsDone) and e.stage == "read") == 2
    assert sum(e.count for e in events if isinstance(e, ItemsDone) and e.stage == "annotate") == 2
    assert [e.stage for e in events if isinstance(e, StageFinished)] == ["read", "reconcile"]
    assert not any(isinstance(e, ItemFailed) for e in events)
