from importlib import resources

import pytest

from sitroom import patterns
from sitroom.errors import KnowledgeFileError


def test_every_shipped_pattern_file_loads_with_reasons():
    names = [e.name for e in resources.files("sitroom").joinpath("data").iterdir() if e.name.endswith(".txt")]
    assert {"chrome.txt", "sections.txt", "captions.txt", "bylines.txt", "comments.txt", "spam.txt"} <= set(names)
    for name in names:
        loaded = patterns.load(name)
        assert loaded.sections, name
        assert all(p.reason for section in loaded.sections.values() for p in section)


@pytest.mark.parametrize(
    "text, field",
    [
        ("[chrome]\n^watch live\n", "reason"),
        ("[chrome]\n^watch (live  ## unbalanced\n", "pattern"),
        ("^watch live  ## no section\n", "section"),
    ],
)
def test_bad_pattern_lines_name_file_line_and_field(text, field):
    with pytest.raises(KnowledgeFileError) as caught:
        patterns.parse_patterns(text, "site.txt")
    assert caught.value.path == "site.txt"
    assert caught.value.field == field
    assert caught.value.line == (2 if text.startswith("[") else 1)
    assert f"site.txt, line {caught.value.line}, {field}" in str(caught.value)


def test_a_new_sites_chrome_is_a_data_change(tmp_path):
    custom = tmp_path / "mysite.txt"
    custom.write_text("[promo]\n^join our whatsapp channel  ## promo box of one site\n", encoding="utf-8")
    loaded = patterns.load_file(custom)
    assert loaded.matches("promo", "Join our WhatsApp channel for alerts")
    assert not loaded.matches("promo", "Fighters joined the channel of the river")
