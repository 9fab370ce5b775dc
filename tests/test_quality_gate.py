"""The quality gate: the page reader scored on the labelled set against pinned floors.

Floors may be raised, never quietly lowered: the floors file carries the labelled set's hash, so changing a
label or a page fails this test until floors.json is updated in the same commit (with the reason).
"""

import json

import pytest

from sitroom.evaluate.pages import labelled_set_hash, score_labelled_set

from .conftest import ROOT

QUALITY = ROOT / "tests" / "quality"
FLOORS = json.loads((QUALITY / "floors.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def scores():
    return score_labelled_set(QUALITY / "labels", ROOT)


def test_labelled_set_is_the_one_the_floors_were_set_on():
    assert labelled_set_hash(QUALITY / "labels", ROOT) == FLOORS["labelled_set_sha256"], (
        "the labelled set changed: re-score it (python -m sitroom.evaluate.pages) and update tests/quality/floors.json "
        "in the same commit, saying why"
    )


def test_labelled_set_is_big_and_varied_enough():
    labels = [json.loads(p.read_text(encoding="utf-8")) for p in (QUALITY / "labels").glob("*.json")]
    assert len(labels) >= 20
    formats = {label["page"].rsplit(".", 1)[-1] for label in labels}
    assert formats == {"txt", "html", "jsonl"}
    assert sum(len(label["footnotes"]) for label in labels) >= 20
    assert sum(len(label["comments"]) for label in labels) >= 15


def test_floors(scores):
    summary = scores.summary()
    misses = "\n".join(scores.misses[:40])
    for name, floor in FLOORS["floors"].items():
        assert summary[name] >= floor, f"{name} {summary[name]} fell below its floor {floor}\n{misses}"


def test_targets_from_the_issue(scores):
    summary = scores.summary()
    assert summary["body_f1"] >= 0.97
    assert all(value >= 0.95 for name, value in summary.items() if not name.startswith("body_"))
