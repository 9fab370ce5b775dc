"""The language layer's quality gate: links for actors, people, places and times on the labelled set
(tests/quality/language), against floors pinned with the set's hash. Floors may rise, never quietly fall."""

import json

import pytest

from sitroom.evaluate.language import (
    TYPES,
    labelled_set_hash,
    read_examples,
    score_examples,
)

from .conftest import ROOT

LABELS = ROOT / "tests" / "quality" / "language"
FLOORS = json.loads((LABELS / "floors.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def scores():
    return score_examples(read_examples(LABELS))


def test_labelled_set_is_the_one_the_floors_were_set_on():
    assert labelled_set_hash(LABELS) == FLOORS["labelled_set_sha256"], (
        "the language labelled set changed: re-score it (python -m sitroom.evaluate.language) and update "
        "tests/quality/language/floors.json in the same commit, saying why"
    )


def test_labelled_set_is_big_and_covers_every_type():
    examples = read_examples(LABELS)
    assert len(examples) >= 150
    counts = {t: sum(1 for e in examples for x in e.expected if x.type == t) for t in TYPES}
    assert all(n >= 60 for n in counts.values()), counts
    unlinked = sum(1 for e in examples for x in e.expected if x.value == "-")
    assert unlinked >= 10  # unknown organisations and people must be kept, unlinked


def test_floors(scores):
    summary = scores.summary()
    misses = "\n".join(scores.misses[:60])
    for name, floor in FLOORS["floors"].items():
        assert summary[name] >= floor, f"{name} {summary[name]} fell below its floor {floor}\n{misses}"


def test_target_from_the_issue(scores):
    summary = scores.summary()
    assert summary["all_precision"] >= 0.95 and summary["all_recall"] >= 0.95, summary
