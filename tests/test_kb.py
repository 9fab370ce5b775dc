"""The actor knowledge base: the shipped file's coverage, and clear errors for bad entries."""

import pytest

from sitroom.errors import KnowledgeFileError
from sitroom.kb.actors import load_actor_file, load_kb

ENTRY = "- id: {id}\n  name: {name}\n  kind: armed_group\n  inter: 2\n  aliases: [{aliases}]\n  note: written for a test\n"


@pytest.fixture(scope="module")
def kb():
    return load_kb()


def test_shipped_file_is_large_and_covers_what_analyses_of_the_sahel_name(kb):
    assert len(kb.actors) >= 150
    kinds = {a.kind for a in kb.actors.values()}
    assert {"armed_group", "state_force", "igo", "person", "generic"} <= kinds
    assert sum(a.kind == "person" for a in kb.actors.values()) >= 30
    for alias, actor_id in [
        ("Ansar Dine", "ansar-dine"), ("Ansar al-Din", "ansar-dine"), ("Ansar al Din", "ansar-dine"), ("Ansar Eddine", "ansar-dine"),
        ("AQIM", "aqim"), ("al-Qaeda in the Islamic Maghreb", "aqim"), ("al Qaeda's West African affiliate", "aqim"),
        ("MUJAO", "mujao"), ("MNLA", "mnla"), ("JNIM", "jnim"), ("Boko Haram", "boko-haram"), ("al-Shabaab", "al-shabaab"),
        ("French troops", "military-forces-of-france"), ("Malian army", "military-forces-of-mali"), ("MINUSMA", "minusma"),
        ("ECOWAS", "ecowas"), ("Iyad Ag Ghaly", "iyad-ag-ghaly"),
    ]:
        actor = kb.resolve(alias)
        assert actor is not None and actor.id == actor_id, alias
    assert "al-qaeda" in kb.actors["aqim"].affiliations
    assert any(a.id in ("ansar-dine", "jnim") for a in kb.affiliated_with("iyad-ag-ghaly"))
    assert all(1 <= a.inter <= 8 for a in kb.actors.values())
    generic = [a for a in kb.actors.values() if a.kind == "generic" or a.id.startswith("generic-")]
    assert any("{country}" in a.name for a in generic)


def test_acronyms_match_exactly_and_names_ignore_case(kb):
    assert kb.resolve("aqim") is None  # 'aqim' in lower case is not the acronym
    assert kb.resolve("ANSAR DINE") is not None and kb.resolve("ansar dine").id == "ansar-dine"


@pytest.mark.parametrize(
    "text, line, field, reason",
    [
        ("- id: x\n  name: X\n  kind: army\n  inter: 2\n  note: n\n", 3, "kind", "Input should be"),
        ("- id: x\n  name: X\n  kind: armed_group\n  inter: 9\n  note: n\n", 4, "inter", "less than or equal to 8"),
        ("- id: x\n  kind: armed_group\n  inter: 2\n  note: n\n", 1, "name", "missing"),
        ("- id: Bad Id\n  name: X\n  kind: armed_group\n  inter: 2\n  note: n\n", 1, "id", "not a slug"),
        ("- id: x\n  name: X\n  kind: armed_group\n  inter: 2\n  colour: red\n  note: n\n", 5, "colour", "unknown field"),
        ("- id: x\n  name: Xeno Front\n  kind: armed_group\n  inter: 2\n  affiliations: [nobody]\n  note: n\n", 1, "affiliations", "not a known actor id"),
        ("- id: x\n  name: X\n  kind: [unclosed\n", 3, "yaml", "not valid YAML"),
    ],
)
def test_bad_entries_name_file_line_and_field(tmp_path, text, line, field, reason):
    path = tmp_path / "mine.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(KnowledgeFileError) as caught:
        load_actor_file(path)
    error = caught.value
    assert (error.path, error.field) == (str(path), field)
    assert error.line == line or field == "yaml"
    assert reason in str(error)


def test_a_duplicate_alias_in_one_file_is_an_error_naming_both_entries(tmp_path):
    path = tmp_path / "dup.yaml"
    path.write_text(ENTRY.format(id="one", name="One", aliases="The Front") + ENTRY.format(id="two", name="Two", aliases="the front"), encoding="utf-8")
    with pytest.raises(KnowledgeFileError, match=r"'the front' already names 'one' \(line 1\)"):
        load_actor_file(path)


def test_a_users_file_wins_the_aliases_it_shares_and_replaces_shipped_ids(tmp_path):
    path = tmp_path / "mine.yaml"
    path.write_text(
        ENTRY.format(id="my-front", name="My Front", aliases="Ansar Eddine")
        + "- id: mujao\n  name: MUJAO (my version)\n  kind: armed_group\n  inter: 2\n  aliases: [Tawhid wal Jihad]\n  affiliations: [aqim]\n  note: mine\n",
        encoding="utf-8",
    )
    kb = load_kb((str(path),))
    assert kb.resolve("Ansar Eddine").id == "my-front"
    assert kb.resolve("Ansar al-Din").id == "ansar-dine"  # the shipped entry keeps its other aliases
    assert kb.actors["mujao"].name == "MUJAO (my version)" and kb.resolve("Tawhid wal Jihad").id == "mujao"
