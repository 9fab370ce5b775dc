"""`sitroom eval acled` on ACLED's development data (../shared/data, skipped with a message when absent):
events extracted from the coders' notes against their coding, with floors pinned in
tests/quality/acled-floors.json (measured on every Nth row; may rise, never quietly fall)."""

import json

import pytest

from sitroom.evaluate.acled_events import actor_matches, actor_names, score_file
from sitroom.kb import geonames
from sitroom.kb.knowledge import load_knowledge
from sitroom.model import ActorLink
from sitroom.store import open_store

from .conftest import ROOT, SHARED_DATA

ACLED = SHARED_DATA / "acled"
GEONAMES = [SHARED_DATA / "geonames" / "ML.txt", SHARED_DATA / "geonames" / "admin1CodesASCII.txt"]
FLOORS = json.loads((ROOT / "tests" / "quality" / "acled-floors.json").read_text(encoding="utf-8"))


def test_acled_actor_names_match_with_and_without_their_suffixes():
    assert "mujao" in actor_names("MUJAO: Movement for Unity and Jihad in West Africa")
    assert actor_names("Military Forces of Mali (2012-2013)") == {"military forces of mali"}
    mali = ActorLink(id="military-forces-of-mali", name="Military Forces of Mali", kind="state_force", inter=1, acled_name="Military Forces of Mali")
    assert actor_matches("Military Forces of Mali (2013-2020)", mali)
    assert not actor_matches("Military Forces of France (2017-)", mali)
    assert actor_matches("", None)


@pytest.fixture(scope="module")
def knowledge(tmp_path_factory):
    if not all(p.exists() for p in GEONAMES):
        pytest.skip(f"GeoNames files {', '.join(str(p) for p in GEONAMES)} not present")
    store = open_store(tmp_path_factory.mktemp("geo") / "geo.duckdb")
    for path in GEONAMES:
        geonames.add(str(path), store)
    yield load_knowledge(store)
    store.close()


@pytest.mark.parametrize("name", sorted(FLOORS["files"]))
def test_acled_floors(knowledge, name):
    path = ACLED / name
    if not path.exists():
        pytest.skip(f"{path} not present (ACLED development data lives in ../shared/data/acled)")
    pinned = FLOORS["files"][name]
    scores = score_file(str(path), knowledge, every=pinned["every"])
    summary = scores.summary()
    assert summary["rows"] >= pinned["min_rows"]
    for field, floor in pinned["floors"].items():
        examples = "\n".join(scores.misses.get(field, [])[:15])
        assert summary[field] >= floor, f"{name}: {field} {summary[field]} fell below its floor {floor}\n{examples}"
