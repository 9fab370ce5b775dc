"""The event layer as a library: numbers, modality, roles, fatalities, ACLED types, claims and relations,
on sentences written for these tests (the real spaCy pipeline, no mocks)."""

from datetime import date

import pytest

from sitroom.extract.annotate import Annotator
from sitroom.extract.numbers import parse_digits, read_quantity
from sitroom.extract.run import TextItem, extract_items
from sitroom.kb.knowledge import load_knowledge


@pytest.fixture(scope="module")
def annotator():
    return Annotator(load_knowledge())


def extract(annotator, text: str, when: date = date(2013, 1, 20)):
    ((_, result),) = list(extract_items([TextItem("t", text, when)], annotator))
    return result


def factual(result):
    return [e for e in result.events if e.modality in ("asserted", "reported")]


def base(link):
    return link.id.split(":", 1)[0] if link else None


# --- numbers --------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "low", "high", "qualifier"),
    [
        ("15,000 fighters", 15000, 15000, None),
        ("15 000 fighters", 15000, 15000, None),
        ("3.300 troops", 3300, 3300, None),
        ("fifteen thousand men", 15000, 15000, None),
        ("at least 12 soldiers", 12, None, "at least"),
        ("dozens of people", 24, None, None),
        ("a few thousand fighters", 2000, 5000, None),
        ("between 10 and 15 dead", 10, 15, "between"),
        ("as many as 15,000 fighters", 15000, 15000, "as many as"),
    ],
)
def test_numbers_in_the_forms_reports_write_them(text, low, high, qualifier):
    quantity = read_quantity(text.lower().split())
    assert quantity is not None
    assert (quantity.low, quantity.high, quantity.qualifier) == (low, high, qualifier)


def test_odd_number_forms_are_not_misread():
    assert parse_digits("1,2,3") is None  # a list, not 123
    assert parse_digits("2.5") == 2.5
    assert read_quantity(["over", "the", "weekend"]) is None


# --- modality: what must not become an asserted event ----------------------------------------------

@pytest.mark.parametrize(
    "sentence",
    [
        "The presence of foreign troops could incite a call to jihad across the region.",
        "AQIM tries to bring down a plane with a missile every few months, officials believe.",
        "Troops from Chad and Niger are slated to arrive later this year.",
        "The MNLA did not attack the army base at Tessalit.",
        "In 2004 the army's offensive against the rebels in Kidal ended in a truce.",
        "Ansar Dine fighters might attack Mopti if the talks fail.",
        "ECOWAS will deploy 3,300 soldiers to retake the north.",
        "The group denied carrying out the bombing in Gao.",
        "Officials fear that the jihadists may retaliate by attacking French citizens.",
    ],
)
def test_non_asserted_sentences_give_no_asserted_event(annotator, sentence):
    result = extract(annotator, sentence)
    assert not factual(result), [(e.event_class, e.modality, e.modality_cues) for e in result.events]


def test_modality_is_kept_on_the_event_not_dropped(annotator):
    (event,) = [e for e in extract(annotator, "MUJAO could attack Gao again.").events if e.event_class == "attack"]
    assert event.modality == "hypothetical" and "hypothetical:could" in event.modality_cues
    (event,) = extract(annotator, "The MNLA did not attack the base.").events
    assert event.modality == "negated"


# --- roles, places, dates, fatalities ---------------------------------------------------------------

def test_an_ambush_with_actors_place_date_and_toll(annotator):
    result = extract(annotator, "On 3 May 2020, JNIM militants ambushed a FAMa patrol near Boni (Douentza, Mopti), killing 4 soldiers.", date(2020, 5, 5))
    (event,) = result.events
    assert (event.event_class, event.event_type, event.sub_event_type) == ("attack", "Battles", "Armed clash")
    assert base(event.actor1) == "jnim" and base(event.actor2) == "military-forces-of-mali"
    assert event.location.name == "Boni" and event.location.precision == 2  # "near"
    assert event.date.start == date(2020, 5, 3) and event.date.precision == "day" and event.date.how == "stated"
    assert event.fatalities.count == 4 and event.fatalities.acled == 4
    assert event.evidence.text.startswith("On 3 May 2020") and event.modality == "asserted"
    assert event.interaction == 12  # state forces (1) against a rebel group (ACLED codes JNIM 2)


def test_violence_against_civilians_follows_the_target(annotator):
    (event,) = extract(annotator, "Suspected Fulani militiamen attacked the village of Ogossagou, killing 160 civilians.").events
    assert (event.event_type, event.sub_event_type) == ("Violence against civilians", "Attack")
    assert base(event.actor1) == "generic-fulani-militia" and base(event.actor2) == "generic-civilians"
    assert event.fatalities.count == 160


def test_passive_voice_and_an_unknown_attacker(annotator):
    (event,) = extract(annotator, "A MINUSMA vehicle struck an IED near Aguelhok on Tuesday, wounding three peacekeepers.").events
    assert event.event_class == "ied" and event.sub_event_type == "Remote explosive/landmine/IED"
    assert base(event.actor2) == "minusma"  # the vehicle that struck the device was hit, it did not attack
    assert base(event.actor1) == "generic-unidentified-armed-group"
    assert event.fatalities is None  # wounds are not deaths
    (event,) = extract(annotator, "Two soldiers were abducted by gunmen in Menaka.").events
    assert event.event_class == "kidnapping" and base(event.actor1) == "generic-unidentified-armed-group"


def test_clashes_between_two_named_actors(annotator):
    (event,) = extract(annotator, "Clashes between the MNLA and Ansar Dine left at least 12 dead in Kidal on Friday.").events
    assert event.event_class == "armed_clash"
    assert {base(event.actor1), base(event.actor2)} == {"mnla", "ansar-dine"}
    assert event.fatalities.count == 12 and event.fatalities.qualifier == "at least" and event.fatalities.high is None


def test_vague_tolls_are_ranges_and_acled_conventions(annotator):
    (event,) = extract(annotator, "French jets bombed Islamist positions near Konna on Friday, killing dozens of fighters.").events
    assert event.event_class == "airstrike" and base(event.actor1) == "military-forces-of-france"
    assert event.fatalities.count is None and event.fatalities.low == 24 and event.fatalities.high is None
    assert event.fatalities.acled == 12


def test_two_events_in_one_sentence_and_a_toll_in_the_next(annotator):
    result = extract(annotator, "Gunmen abducted a village chief and burned a school in Dinangourou on Monday. Two guards were killed.")
    classes = {e.event_class for e in result.events}
    assert {"kidnapping", "property_destruction"} <= classes
    assert sum(1 for e in result.events if e.fatalities and e.fatalities.count == 2) == 1  # the toll joins one event


def test_a_caption_is_its_own_evidence(annotator):
    from sitroom.model import Article

    article = Article(
        id="cap", content_hash="cap", source="t", format="text", language="en", paragraphs=["Fighting went on in the north."],
        captions=["Malian soldiers patrol in Gao on 12 February 2013 after a suicide bomber blew himself up at a checkpoint."],
        published=date(2013, 2, 14),
    )
    annotated = annotator.annotate_one(article)
    (bombing,) = [e for e in annotated.events if e.event_class == "suicide_bombing"]
    assert bombing.evidence.part == "caption" and bombing.location.name == "Gao" and bombing.date.start == date(2013, 2, 12)


# --- claims and relations -----------------------------------------------------------------------

def test_figures_with_subjects_and_normalised_units(annotator):
    result = extract(annotator, "AQIM, an affiliate of al-Qaeda, has as many as 15,000 fighters in an area the size of Texas. The region covers about 300,000 square miles.")
    figures = [c for c in result.claims if c.kind == "figure"]
    fighters = next(c for c in figures if c.value.unit == "fighters")
    assert fighters.value.low == 15000 and fighters.value.qualifier == "as many as" and base(fighters.subject) == "aqim"
    texas = next(c for c in figures if c.value.qualifier == "the size of")
    assert texas.value.normalized_unit == "km2" and 690_000 < texas.value.normalized_value < 700_000
    miles = next(c for c in figures if c.value.unit == "square miles")
    assert miles.value.normalized_unit == "km2" and round(miles.value.normalized_value) == 776996
    assert all(c.evidence.text in result_text(result) for c in figures)


def result_text(result):
    return " ".join(c.evidence.text for c in result.claims)


def test_assessments_and_quotes_are_claims_not_events(annotator):
    result = extract(annotator, 'The near future looks bleak. "We will fight to the end," said Iyad Ag Ghaly, the leader of Ansar Dine.')
    kinds = {c.kind for c in result.claims}
    assert {"assessment", "quote"} <= kinds
    quote = next(c for c in result.claims if c.kind == "quote")
    assert quote.speaker_link and base(quote.speaker_link) == "iyad-ag-ghaly" and base(quote.speaker_org) == "ansar-dine"
    assert not factual(result)


def test_relations_between_actors(annotator):
    result = extract(annotator, "MUJAO, a splinter of AQIM, fought alongside Ansar Dine in Gao. Algeria accused the MNLA of rivalry with Ansar Dine.")
    found = {(r.type, base(r.source), base(r.target)) for r in result.relations}
    assert ("affiliation", "mujao", "aqim") in found
    assert ("alliance", "mujao", "ansar-dine") in found
    assert all(r.evidence.text and r.modality for r in result.relations)


def test_events_between_named_actors_are_opposition(annotator):
    result = extract(annotator, "MUJAO fighters drove the MNLA out of Gao on Wednesday after heavy fighting.", date(2012, 6, 28))
    assert any(r.type == "opposition" and {base(r.source), base(r.target)} == {"mujao", "mnla"} for r in result.relations)


# --- bad input ----------------------------------------------------------------------------------

def test_bad_input_does_not_crash(annotator):
    long_sentence = " ".join(["militants attacked the village and"] * 1000) + " left."
    table = "Date | Place | Killed\n2013-01-11 | Konna | 12\n2013-01-12 | Diabaly | 1,2,3\n" * 20
    texts = [long_sentence, table, 'The spokesman said "we will retake Gao and never stop', "3.300 soldiers, 15 000 men and fifteen thousand fighters.", ""]
    results = list(extract_items([TextItem(f"bad-{i}", t) for i, t in enumerate(texts)], annotator))
    assert len(results) == len(texts)
    for _, result in results:
        assert hasattr(result, "events") or result.error  # an extraction, or a failure that says why
    long_result = results[0][1]
    assert any("not read for events" in note for note in long_result.notes)  # what was skipped is recorded
    numbers = results[3][1]
    assert sorted(c.value.low for c in numbers.claims if c.kind == "figure") == [3300, 15000, 15000]


def test_every_event_class_is_documented():
    from sitroom.extract.vocabulary import event_classes

    from .conftest import ROOT

    doc = (ROOT / "docs" / "events.md").read_text(encoding="utf-8")
    missing = [name for name in event_classes() if f"`{name}`" not in doc]
    assert not missing, f"docs/events.md lacks {missing}: regenerate its table from data/event_classes.tsv"
    assert len(event_classes()) >= 30
    sub_types = {(c.event_type, c.sub_event_type) for c in event_classes().values() if c.event_type != "by target"}
    assert len(sub_types) == 25  # every ACLED sub-event type is reachable
