from datetime import date

import pytest

from sitroom.dates import date_from_url, find_dates, parse_iso


@pytest.mark.parametrize(
    "text, iso, precision",
    [
        ("Jan. 11, 2013, in this picture", "2013-01-11", "day"),
        ("on 11 January 2013 the strikes", "2013-01-11", "day"),
        ("Thursday 22 March 2012 18.05 GMT", "2012-03-22", "day"),
        ("2013-01-11T06:40:00+00:00", "2013-01-11", "day"),
        ("Chen, L. (2013, January 18). Inside", "2013-01-18", "day"),
        ("Sept. 1, 2012", "2012-09-01", "day"),
        ("the coup of March 2012", "2012-03", "month"),
        ("in 2004 the army", "2004", "year"),
    ],
)
def test_explicit_dates(text, iso, precision):
    (mention,) = find_dates(text)
    assert (mention.iso(), mention.precision) == (iso, precision)
    assert text[mention.start: mention.end] == mention.text


def test_may_the_verb_is_not_a_month():
    assert [m.precision for m in find_dates("the army may 2013 budget")] == ["year"]


def test_impossible_dates_are_skipped():
    assert find_dates("February 30, 2013") == [] or all(m.precision != "day" for m in find_dates("February 30, 2013"))


def test_url_and_iso_helpers():
    assert date_from_url("https://x.example/africa/2013/01/29/timbuktu") == date(2013, 1, 29)
    assert date_from_url("https://x.example/about") is None
    assert parse_iso("2013-06-20") == date(2013, 6, 20)
    assert parse_iso("not a date") is None
