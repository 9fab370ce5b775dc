"""Event or not, and what kind of telling: the decisions of extract/eventhood.py, the sentences that tell an
event again (Event.retold), background that keeps no date, and the text reading they stand on (line breaks,
text in capitals). Sentences written for these tests; the real spaCy pipeline, no mocks. Quality on text
others wrote is measured by tests/test_real_events_eval.py."""

from datetime import date

import pytest

from sitroom.extract.annotate import Annotator
from sitroom.extract.run import TextItem, extract_items
from sitroom.kb.event_classes import load_event_classes
from sitroom.kb.knowledge import load_knowledge
from sitroom.nlp.parse import calm, line_starts


@pytest.fixture(scope="module")
def annotator():
    return Annotator(load_knowledge())


def extract(annotator, text: str, when: date | None = date(2013, 1, 20)):
    ((_, result),) = list(extract_items([TextItem("t", text, when)], annotator))
    return result


def told(result) -> list[str]:
    """The classes of the events that happened (asserted or reported)."""
    return [e.event_class for e in result.events if e.modality in ("asserted", "reported")]


@pytest.mark.parametrize(
    "sentence",
    [
        "These are precision missiles, a diplomat said of the new stock.",  # a weapon named, not used
        "The convoy was carrying rocket fuel to the depot in Gao.",
        "A landslide killed nine villagers near Kidal after days of rain.",  # nature, not an armed actor
        "Four workers were hurt when a boiler exploded at the cement plant in Mopti.",  # an accident
        "Nineteen passengers died when their bus plunged off a bridge near Ségou.",
        "The plan was poorly executed.",  # another sense of the word
        "The ministry vowed to fight corruption in the customs service.",
        "Bamako expelled two French diplomats on Monday.",
        "Washington targeted five ministers with sanctions and froze their assets.",
        "Customs officers seized 40 kilograms of cannabis at the border post.",  # contraband
        "A man robbed a pharmacy in Kayes on Sunday night.",  # ordinary crime, no armed men
        "AQIM claimed responsibility for the bombing of the barracks.",  # attribution talk
        "A strike by teachers closed schools across Bamako.",  # a labour strike is not an armed strike
        "Attacks of this kind are usually carried out by small cells.",  # a kind of event
        "Kidnapping for ransom has given the group a steady income.",
        "Capturing drones with nets is one of several options the army is testing.",
        "Several wounded soldiers were flown to Bamako.",  # a participle describes the soldiers
    ],
)
def test_candidates_that_tell_no_event(annotator, sentence):
    assert told(extract(annotator, sentence)) == [], sentence


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Gunmen fired rockets at the MINUSMA camp in Kidal on Monday.", "shelling"),
        ("A soldier was killed by a landmine near Gao on Monday.", "ied"),
        ("Unknown gunmen robbed a trader near Ménaka on Sunday.", "looting"),  # armed men's robbery is ACLED's looting
        ("Fighting has spread to the outskirts of Gao since Monday.", "armed_clash"),
        ("Soldiers seized rockets and mortars from a militant hideout near Gao on Monday.", "disrupted_weapons_use"),
    ],
)
def test_the_same_words_telling_an_event(annotator, sentence, expected):
    assert expected in told(extract(annotator, sentence)), sentence


def test_headings_and_list_items_name_topics_but_a_one_line_note_is_an_event(annotator):
    page = "Car bombs\n* 2007 Gao bombing\nGunmen attacked a checkpoint near Gao on Monday."
    result = extract(annotator, page)
    assert told(result) == ["attack"]
    assert told(extract(annotator, "Youth protest against the army's recruitment results in Gao")) == ["protest"]


def test_a_toll_and_a_back_reference_tell_the_event_again_but_a_reaction_does_not(annotator):
    text = (
        "Gunmen attacked a checkpoint near Gao on Monday. Four soldiers were killed.\n"
        "The army said the attack lasted an hour.\n"
        "The United Nations condemned the attack."
    )
    result = extract(annotator, text)
    (attack,) = result.events
    assert [r.text for r in attack.retold] == ["Four soldiers were killed.", "The army said the attack lasted an hour."]
    assert attack.fatalities.count == 4


def test_a_toll_after_an_accident_belongs_to_the_accident(annotator):
    text = "A fuel tank exploded at the depot in Mopti on Monday. Three workers were injured."
    assert told(extract(annotator, text)) == []


def test_background_keeps_no_date_and_is_not_news(annotator):
    result = extract(annotator, "Gunmen attacked a checkpoint near Gao on Monday. The rebels had seized Gao after the army fled.")
    classes = load_event_classes()
    seized = next(e for e in result.events if e.event_class == "territory_taken")
    attack = next(e for e in result.events if e.event_class == "attack")
    assert seized.date is None and seized.how["date"] == "background:past-perfect" and not classes.is_news(seized)
    assert classes.is_news(attack)


@pytest.mark.parametrize(
    ("sentence", "modality"),
    [
        ("The jihadists are strong enough to overrun the south.", "hypothetical"),
        ("Analysts debate whether another intervention in Mali would work.", "hypothetical"),
        ("Officials raised the possibility that militants attacked the embassy.", "hypothetical"),
        ("France condemned the killings and called for a ceasefire.", "hypothetical"),
        ("It may be recalled that rebels raided the town in 1987.", "historical"),
    ],
)
def test_hedges_capabilities_and_recollections(annotator, sentence, modality):
    modalities = {e.modality for e in extract(annotator, sentence).events}
    assert modality in modalities and not modalities & {"asserted"}, (sentence, modalities)


def test_a_single_line_break_starts_a_sentence_unless_the_text_is_hard_wrapped():
    loose = "Security review\nA senior official spoke.\nAnother line"
    assert line_starts(loose) == {loose.index("A senior"), loose.index("Another")}
    wrapped = (
        "THE WATCHMEN ON DUTY REPORTED THAT AT 2030 THEY SAW A MAN AND A\n"
        "WOMAN LEAVING A SMALL SUITCASE NEAR THE FENCE THAT SURROUNDS THE\n"
        "PLANT. THE WATCHMEN EXCHANGED FIRE WITH THE MEN WHO FLED LEAVING\n"
        "BEHIND THE MATERIAL.\n"
        "POLICE DEFUSED THE ROCKETS."
    )
    assert line_starts(wrapped) == {wrapped.index("POLICE")}


def test_text_in_capitals_is_parsed_in_sentence_case_with_its_offsets_kept(annotator):
    shouting = "THE GUERRILLAS ATTACKED A POLICE STATION IN MEDELLIN YESTERDAY. TWO AGENTS WERE KILLED."
    calmed = calm(shouting)
    assert len(calmed) == len(shouting) and calmed.startswith("The guerrillas attacked") and ". Two agents" in calmed
    assert calm("Gunmen attacked Gao.") == "Gunmen attacked Gao."
    (event,) = extract(annotator, shouting).events
    assert event.trigger == "ATTACKED" and event.evidence.text.startswith("THE GUERRILLAS")
