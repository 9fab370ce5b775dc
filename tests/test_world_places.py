"""The world gazetteer (kb/world.py) and place resolution over it: countries, areas, towns and regions anywhere,
names that are not places, containment, and the generic actors' country. Sentences written here for the classes of
error the real sets showed; the real sets themselves (mixed case, ACLED notes) when ../shared/data is present."""

import csv
import pickle
import re

import pytest

from sitroom.evaluate.mixed_case import read_texts, score, wrong_word
from sitroom.evaluate.suite import MIXED_CASE_SAMPLE_EVERY
from sitroom.extract.annotate import Annotator
from sitroom.kb.knowledge import load_knowledge
from sitroom.kb.world import build_index, builtin_gazetteer, index_path
from sitroom.model import Article

from .conftest import SHARED_DATA


@pytest.fixture(scope="module")
def annotator():
    return Annotator(load_knowledge())


def places_in(annotator, *texts: str) -> list[list[tuple[str, str | None, str | None, str | None]]]:
    articles = [
        Article(id=f"w{i}", content_hash=f"w{i}", source=f"test://{i}", format="text", language="en", paragraphs=[text])
        for i, text in enumerate(texts)
    ]
    return [
        [(m.text, m.link.name if m.link else None, m.link.country if m.link else None, m.link.feature if m.link else None)
         for m in result.mentions if m.type == "place"]
        for result in annotator.annotate(articles)
    ]


def test_the_world_gazetteer_holds_areas_regions_and_small_towns():
    world = builtin_gazetteer()
    found = world.lookup(["california", "alberta", "jefferson county", "west africa", "africa", "ga", "ont"])
    assert any(p.feature == "A1" and p.country == "US" for p in found["california"])
    assert any(p.feature == "A1" and p.country == "CA" for p in found["alberta"])
    assert {p.admin1 for p in found["jefferson county"] if p.feature == "A2"} >= {"Alabama", "Colorado"}
    assert [p.feature for p in found["west africa"]] == ["L"]
    assert found["africa"][0].feature == "L"  # the continent, before the Tunisian town once called so
    assert [p.name for p in found["ga"]] == ["Georgia"] and [p.name for p in found["ont"]] == ["Ontario"]
    counts = world.counts()
    assert counts["P"] > 150_000 and counts["A1"] > 2_000 and counts["C"] > 190
    # alternate names are kept apart: found by default, not when only places' own names will do
    assert [p.country for p in world.lookup(["police"], main_only=True)["police"]] == ["PL"]  # the Polish town's own name
    assert len(world.lookup(["police"])["police"]) > 1  # and a Ukrainian village's alternate one
    assert pickle.loads(pickle.dumps(world)).lookup(["konna"])["konna"][0].name == "Konna"


def test_the_index_is_built_once_under_a_name_that_hashes_its_sources(tmp_path):
    path = index_path(tmp_path)
    assert re.fullmatch(r"world-[0-9a-f]{16}\.sqlite", path.name)
    build_index(path)
    assert path.exists() and not list(path.parent.glob("*.tmp"))


def test_ordinary_words_people_and_abbreviations_are_not_places(annotator):
    (first, second, third) = places_in(
        annotator,
        "But the army said it had retaken Konna. Police said we saw it. Since then More people fled.",
        "Senator Michael Steele spoke in Washington. Steele said the Senate would vote. The BA flight landed.",
        "Olympic officials met. Central bank governors and Western diplomats agreed.",
    )
    assert first == [("Konna", "Konna", "ML", "P")]
    assert ("Steele", ) not in {m[:1] for m in second} and not any(m[0] in ("Senate", "BA") for m in second)
    assert third == []


def test_a_name_narrows_to_the_area_after_its_comma(annotator):
    (dateline, canada) = places_in(
        annotator,
        "GAINESVILLE, Ga. -- A man was arrested in Hall County after a chase, police said.",
        "Kingston, Ont. and Paris, Texas were hit by the storm.",
    )
    assert dateline[0] == ("GAINESVILLE", "Gainesville", "US", "P") and dateline[1][1:] == ("Georgia", "US", "A1")
    assert ("Hall County", "Hall County", "US", "A2") in dateline
    assert ("Kingston", "Kingston", "CA", "P") in canada and ("Paris", "Paris", "US", "P") in canada


def test_countries_and_regions_beat_namesake_towns(annotator):
    (found,) = places_in(annotator, "Fighting spread across West Africa and the Sahel, officials in China and Georgia said.")
    assert ("West Africa", "West Africa", None, "L") in found
    assert ("China", "China", "CN", "C") in found and ("Georgia", "Georgia", "GE", "C") in found


def test_misspellings_match_loosely_only_after_a_place_word(annotator):
    (found,) = places_in(annotator, "Malian troops retook Konno near Mopti. President Trump spoke of Konno.")
    linked = [m for m in found if m[0] == "Konno"]
    assert linked and linked[0][1] == "Konna"  # after 'retook'
    assert all(m[0] != "Trump" for m in found)


def test_a_generic_actor_takes_the_country_of_the_event_place(annotator):
    articles = [
        Article(id="g1", content_hash="g1", source="test://g1", format="text", language="en",
                paragraphs=["Unidentified gunmen killed three civilians in Diffa, Niger on Monday."]),
    ]
    (result,) = annotator.annotate(articles)
    names = [a.name for e in result.events for a in (e.actor1, e.actor2) if a is not None]
    assert names and all("{country}" not in n for n in names)
    assert any(n.endswith("(Niger)") for n in names)


def test_no_lower_case_or_closed_class_word_is_linked_as_a_place_on_real_text():
    """The development texts in their mixed case: a fixed sample here, all of them in `make eval`."""
    texts = read_texts(SHARED_DATA, every=MIXED_CASE_SAMPLE_EVERY)
    if not texts:
        pytest.skip(f"no real texts under {SHARED_DATA} (toponyms, WikiEvents, RAMS, ACLED)")
    scores = score(texts, load_knowledge())
    assert scores.linked > 200
    assert scores.wrong == []


def test_the_check_itself_tells_lower_case_and_closed_class_words():
    assert wrong_word("marijuana") and wrong_word("But") and wrong_word("No")
    assert not wrong_word("al-Hasakeh") and not wrong_word("Konna") and not wrong_word("USA")


def test_no_country_placeholder_reaches_a_record_on_acled_notes(annotator):
    path = SHARED_DATA / "acled" / "global-2020-04-27_to_05-09.csv"
    if not path.exists():
        pytest.skip(f"{path} not present")
    with path.open(encoding="utf-8") as handle:
        notes = [row["notes"] for row in list(csv.DictReader(handle))[::25]]
    articles = [
        Article(id=f"a{i}", content_hash=f"a{i}", source=f"test://a{i}", format="text", language="en", paragraphs=[n])
        for i, n in enumerate(notes)
    ]
    dumped = [result.model_dump_json() for result in Annotator(load_knowledge()).annotate(articles)]
    assert len(dumped) == len(notes) and not any("{country}" in text for text in dumped)
