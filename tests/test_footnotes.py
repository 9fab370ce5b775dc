import pytest

from sitroom.clean.footnotes import marker_of, parse_note


@pytest.mark.parametrize(
    "text, expected",
    [
        ('Julien Ferrand, "Paris Bets on a Short War," Le Courrier, January 14, 2013.',
         ("Julien Ferrand", "Paris Bets on a Short War", "Le Courrier", "2013-01-14")),
        ('"How Many Fighters Hold Northern Mali?," Sahel Monitor, January 8, 2013.',
         (None, "How Many Fighters Hold Northern Mali?", "Sahel Monitor", "2013-01-08")),
        ("Amina Diallo, “Mapping the Azawad Claim,” Desert Affairs Quarterly, November 2012.",
         ("Amina Diallo", "Mapping the Azawad Claim", "Desert Affairs Quarterly", "2012-11")),
        ("Chen, L. (2013, January 18). Inside the siege: survivors speak. Desert Energy Report.",
         ("Chen, L.", "Inside the siege: survivors speak", "Desert Energy Report", "2013-01-18")),
        ("Ibid.", (None, None, None, None)),
    ],
)
def test_citation_styles(text, expected):
    note = parse_note("1", text)
    assert (note.author, note.title, note.outlet, note.date) == expected
    assert note.text == text


def test_url_is_kept_apart():
    note = parse_note("vii", 'Hannah Lorimer, "Fears," The Observer, January 19, 2013, https://obs.example/a-b.')
    assert note.url == "https://obs.example/a-b" and note.outlet == "The Observer"


def test_markers():
    assert marker_of("[xii] Someone, “T,” O, 2013.", numbered=False) == ("xii", "Someone, “T,” O, 2013.")
    assert marker_of("[3] text", numbered=False)[0] == "3"
    assert marker_of("3. text", numbered=False) is None
    assert marker_of("3. text", numbered=True) == ("3", "text")
    assert marker_of("In 2013 the army", numbered=True) is None
