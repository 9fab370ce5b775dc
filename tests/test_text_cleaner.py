"""Behaviour of the plain-text cleaner on a page written here, one part at a time."""

from sitroom.clean.article import read_article
from sitroom.sources import make_page

LEDE = "Chadian troops entered the town of Tessalit on Friday after a week of fighting in the mountains, officers said."
PAGE = f"""Please verify you are a human
Home | World | Africa | Opinion
Watch LIVE: the evening bulletin
Adama Keita: Chad's Soldiers Carry the Fight Into the Mountains
By Adama Keita
February 9, 2013
Chadian soldiers rest near Tessalit, Mali, Feb. 8, 2013, in this picture released by the Chadian army.
{LEDE}
The advance followed air strikes by French jets on positions held by fighters loyal to AQIM, according to a statement.[1]
"We will not stop until the valleys are clear," a Chadian commander told reporters in the town.
Most recent
Local team wins the regional cup final
Rain expected across the coast this weekend
Analysts said the fighting could last for months, and that the fighters may retreat further into the caves.
{LEDE}
Notes
[1] Idrissa Sow, "Jets Strike Near Tessalit," Sahel Courier, February 7, 2013.
About the author
Adama Keita is a former correspondent in N'Djamena and a contributor at the Review.
Get our articles delivered to your inbox
Email address
Sign Up Now
Secure and spam free
Comments (3)
sahel_reader
Thank you, this matches what relatives in Kidal describe.
Reply
CheapPillsNow
GREAT POST!!! buy cheap pills www.pills-4-u.example www.pills-4-u.example/buy xq7zk2 ¤¤¤###
Reply
Adama Keita
Thank you. I will follow up on the casualty figures next week.
Reply
© 2013 The Review. All rights reserved.
"""


def _article():
    return read_article(make_page(PAGE, source="test.txt", format="text"))


def test_title_with_author_prefix_and_byline():
    a = _article()
    assert a.title == "Chad's Soldiers Carry the Fight Into the Mountains"
    assert a.authors == ["Adama Keita"]
    assert a.published.isoformat() == "2013-02-09" and "date line" in a.published_how


def test_body_keeps_the_repeated_lede_and_drops_chrome():
    a = _article()
    assert a.paragraphs[0] == LEDE and a.paragraphs[-1] == LEDE
    assert len(a.paragraphs) == 5
    body = " ".join(a.paragraphs)
    for chrome in ("Please verify", "Watch LIVE", "Local team wins", "Get our articles", "Secure and spam free", "All rights reserved"):
        assert chrome not in body
        assert any(chrome in line for line in a.boilerplate), chrome


def test_caption_note_and_bio():
    a = _article()
    assert a.captions == ["Chadian soldiers rest near Tessalit, Mali, Feb. 8, 2013, in this picture released by the Chadian army."]
    (note,) = a.footnotes
    assert (note.marker, note.author, note.title, note.outlet, note.date) == (
        "1", "Idrissa Sow", "Jets Strike Near Tessalit", "Sahel Courier", "2013-02-07"
    )
    assert a.author_bio.startswith("Adama Keita is a former correspondent")


def test_comments_with_spam_and_author_reply():
    a = _article()
    assert [c.author for c in a.comments] == ["sahel_reader", "CheapPillsNow", "Adama Keita"]
    assert [c.spam for c in a.comments] == [False, True, False]
    assert [c.by_article_author for c in a.comments] == [False, False, True]
    assert a.comments[1].spam_reasons


def test_undated_page_gets_an_earliest_date_from_what_it_mentions():
    page = PAGE.replace("February 9, 2013\n", "")
    a = read_article(make_page(page, source="undated.txt", format="text"))
    assert a.published is None
    assert a.published_earliest.isoformat() == "2013-02-08"
    assert "caption" in a.published_earliest_how


def test_scheduled_dates_do_not_count_as_past():
    page = PAGE.replace("February 9, 2013\n", "").replace(
        "may retreat further into the caves.", "may retreat further into the caves before elections planned for July 28, 2013."
    )
    a = read_article(make_page(page, source="future.txt", format="text"))
    assert a.published_earliest.isoformat() == "2013-02-08"


def test_hard_wrapped_paragraphs_are_joined():
    wrapped = (
        "Gao retaken by French and Malian troops\n\nBy Ami Traore\n\nJanuary 27, 2013\n\n"
        "French and Malian troops took control of the northern city of Gao on\n"
        "Saturday after air strikes on the positions of Islamist fighters, officials\n"
        "in Bamako and Paris said.\n\n"
        "Residents said the fighters had left the city in pickups during the night\n"
        "and that there was little fighting in the streets themselves.\n\n"
        "Share this article\n"
    )
    a = read_article(make_page(wrapped, source="wrapped.txt", format="text"))
    assert a.paragraphs[0].startswith("French and Malian troops took control") and a.paragraphs[0].endswith("Paris said.")
    assert len(a.paragraphs) == 2
    assert a.title == "Gao retaken by French and Malian troops"
