"""The language layer end to end on sentences written for the tests: links, quotes, modality, coreference,
and inputs that must not crash it. One spaCy pipeline for the module (loading it takes a second or two)."""

from datetime import date

import pytest

from sitroom.extract.annotate import Annotator
from sitroom.kb.knowledge import load_knowledge
from sitroom.model import Article

REFERENCE = date(2013, 1, 17)


@pytest.fixture(scope="module")
def annotator():
    return Annotator(load_knowledge())


def annotate(annotator, text, *, title=None, published=REFERENCE, captions=()):
    article = Article(
        id="t", content_hash="t", source="test", format="text", language="en", title=title,
        paragraphs=[p for p in text.split("\n\n") if p], captions=list(captions), published=published,
    )
    return annotator.annotate_one(article)


def links(result, kind):
    return [(m.text, m.link.id if m.link else None) for m in result.mentions if m.type == kind]


def clause(result, verb):
    return next(c for c in result.clauses if c.verb == verb)


def test_aliases_and_spellings_link_to_one_actor(annotator):
    result = annotate(annotator, "Ansar al-Din and Ansar Eddine are one group; AQIM and al-Qaeda in the Islamic Maghreb are another.")
    actors = links(result, "actor")
    assert [a for _, a in actors] == ["ansar-dine", "ansar-dine", "aqim", "aqim"]
    assert all(result.text[m.start : m.end] == m.text for m in result.mentions)


def test_generic_mentions_take_the_article_country(annotator):
    result = annotate(annotator, "Gunmen killed four civilians near Gao, in northern Mali, on Monday.")
    by_text = {m.text: m.link for m in result.mentions if m.type == "actor"}
    assert by_text["civilians"].name == "Civilians (Mali)" and by_text["civilians"].inter == 7
    assert by_text["Gunmen"].name.endswith("(Mali)")


def test_unknown_organisations_are_kept_unlinked(annotator):
    result = annotate(annotator, "The Front for the Liberation of Zorgistan, a group nobody had heard of, claimed the attack in Gao.")
    unlinked = [m for m in result.mentions if m.type == "actor" and m.link is None]
    assert any("Zorgistan" in m.text for m in unlinked)


def test_places_resolve_with_coordinates_region_and_precision(annotator):
    result = annotate(annotator, "Islamist fighters seized Konna on Thursday. Later they were seen 20 km north of Gao, in the Timbuktu region.")
    places = {m.text: m.link for m in result.mentions if m.type == "place"}
    assert places["Konna"].country == "ML" and places["Konna"].admin1 == "Mopti" and places["Konna"].precision == 1
    assert abs(places["Konna"].lat - 14.95) < 0.2 and abs(places["Konna"].lon + 3.89) < 0.2
    assert places["Gao"].precision == 2  # near Gao, not in it
    assert places["Timbuktu"].feature == "A1" and places["Timbuktu"].precision == 3
    assert result.country == "ML"


def test_capitalised_common_words_starting_a_sentence_are_never_places(annotator):
    result = annotate(
        annotator,
        "But the army said it had retaken Konna. We saw fighters near Gao. At least 12 died. Since then, One group left. "
        "Big crowds gathered in Bamako. Police in Paris arrested two men.",
    )
    places = {m.text for m in result.mentions if m.type == "place"}
    assert places == {"Konna", "Gao", "Bamako", "Paris"}


def test_a_place_heading_a_brief_or_a_dateline_stays_a_place(annotator):
    result = annotate(annotator, "KIDAL: car bomb at a checkpoint, several dead.\n\nOgossagou: second attack on the village, 20 killed.")
    assert {m.text for m in result.mentions if m.type == "place" and m.link} >= {"KIDAL", "Ogossagou"}


def test_a_misspelt_town_resolves_in_the_article_country(annotator):
    result = annotate(annotator, "Malian troops and French jets fought to retake Konno, a town in central Mali, after Islamists seized Konno.")
    assert {m.link.name for m in result.mentions if m.type == "place" and m.text == "Konno"} == {"Konna"}


def test_times_resolve_against_the_publication_date(annotator):
    result = annotate(annotator, "The coup came last April. On Jan. 11, 2013 France intervened, and troops will arrive next month.")
    times = {m.text: (m.link.start.isoformat(), m.link.precision) for m in result.mentions if m.type == "time"}
    assert times == {"last April": ("2012-04-01", "month"), "Jan. 11, 2013": ("2013-01-11", "day"), "next month": ("2013-02-01", "month")}


@pytest.mark.parametrize(
    "sentence, verb, modality",
    [
        ("The militants could attack Sévaré within days.", "attack", "hypothetical"),
        ("Jihadists tried to bring down a plane over Gao.", "bring", "hypothetical"),
        ("Chadian troops are slated to arrive later this year.", "arrive", "planned"),
        ("France will send more troops.", "send", "planned"),
        ("The rebels did not attack the town.", "attack", "negated"),
        ("MUJAO denied attacking the convoy.", "attacking", "negated"),
        ("In 2004, the army's offensive failed.", "failed", "historical"),
        ("Officials said the militants attacked Diabaly.", "attacked", "reported"),
        ("If ECOWAS troops attack, the rebels would retreat.", "attack", "hypothetical"),
        ("French jets struck Gao on Sunday.", "struck", "asserted"),
    ],
)
def test_modality_of_clauses(annotator, sentence, verb, modality):
    assert clause(annotate(annotator, sentence), verb).modality == modality


def test_quotes_with_speakers_roles_and_organisations(annotator):
    result = annotate(
        annotator,
        "Insurgent leader Oumar Ould Hamaha recently celebrated that the French would never hold the north. "
        "As al-Qaeda expert Peter Bergen notes, the group has survived worse. "
        "A spokesman for Ansar Dine, Sanda Ould Boumama, rejected the talks, explaining that, “the French are here to occupy Mali for good.”",
    )
    quotes = result.quotes
    hamaha = next(q for q in quotes if "never hold the north" in q.text)
    assert hamaha.kind == "indirect" and "Hamaha" in hamaha.speaker and hamaha.speaker_role and "leader" in hamaha.speaker_role.lower()
    bergen = next(q for q in quotes if "survived worse" in q.text)
    assert "Bergen" in bergen.speaker and bergen.cue == "notes"
    direct = next(q for q in quotes if q.kind == "direct")
    assert "occupy Mali" in direct.text and direct.speaker and "Ansar Dine" in result.text[direct.speaker_start : direct.speaker_end]
    assert direct.speaker_org is not None and direct.speaker_org.id == "ansar-dine"


def test_coreference_links_only_when_one_actor_is_in_view(annotator):
    one = annotate(annotator, "MUJAO fighters entered Gao. The group then set up checkpoints.")
    assert ("The group", "mujao") in links(one, "actor")
    two = annotate(annotator, "MUJAO and Ansar Dine fighters entered Gao. The group then set up checkpoints.")
    assert not any(text == "The group" and actor for text, actor in links(two, "actor"))


def test_parts_and_offsets_cover_title_body_and_captions(annotator):
    result = annotate(annotator, "French jets struck Gao.", title="Strikes in the north", captions=["Smoke over Gao, January 13, 2013."])
    assert [p.kind for p in result.parts] == ["title", "body", "caption"]
    caption_time = next(m for m in result.mentions if m.type == "time")
    assert caption_time.part == "caption" and caption_time.link.start == date(2013, 1, 13)
    for m in result.mentions:
        assert result.text[m.start : m.end] == m.text
        sentence = result.sentences[m.sentence]
        assert sentence.start <= m.start and m.end <= sentence.end and m.sentence_text == result.text[sentence.start : sentence.end]


@pytest.mark.parametrize(
    "text",
    [
        "",
        "\u200b\u200f\u202e Gao \U0001F4A3\U0001F525 MUJAO ‏attacked‎ Konna \u2066today\u2069 🙂",
        "word " * 6000,  # no sentence breaks
        "Gao, Kidal; Timbuktu | 1,2,3 | 3.300 | 15 000 | “never closed quote by MUJAO fighters who",
    ],
)
def test_odd_inputs_do_not_crash_and_offsets_hold(annotator, text):
    result = annotate(annotator, text)
    for m in result.mentions:
        assert result.text[m.start : m.end] == m.text


def test_a_text_longer_than_spacy_takes_is_annotated_in_pieces(annotator, monkeypatch):
    from sitroom.nlp import document

    monkeypatch.setattr(document, "CHUNK_CHARS", 400)
    monkeypatch.setattr(document.chunks, "__defaults__", (400,))
    paragraph = "MUJAO fighters attacked Konna on Jan. 10, 2013. French jets struck Gao the next day."
    result = annotate(annotator, "\n\n".join([paragraph] * 30))
    assert any("pieces" in note for note in result.notes)
    konna = [m for m in result.mentions if m.text == "Konna"]
    assert len(konna) == 30 and all(result.text[m.start : m.end] == "Konna" for m in konna)


def test_a_two_megabyte_article_does_not_crash(annotator):
    result = annotate(annotator, "x" * 2_000_000)
    assert any("pieces" in note for note in result.notes)


def test_spacy_only_parses_and_extraction_runs_over_the_docs(annotator):
    """The pipeline holds spaCy's components and the sentence-blocks one; sitroom's steps are plain calls."""
    names = annotator.nlp.pipe_names
    assert names.index("sitroom_blocks") < names.index("parser")
    assert [n for n in names if n.startswith("sitroom_")] == ["sitroom_blocks"]
    from spacy.tokens import Doc

    assert not any(Doc.has_extension(name) for name in ("sitroom_actors", "sitroom_places", "sitroom_events"))
