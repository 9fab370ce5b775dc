"""Time expressions: explicit forms, years that are really counts, and relative ones resolved against the reference date."""

from datetime import date

import pytest

from sitroom.nlp.times import find_times

REFERENCE = date(2013, 1, 17)  # a Thursday


@pytest.mark.parametrize(
    "text, expected",
    [
        ("on Jan. 11, 2013", ("Jan. 11, 2013", "2013-01-11", "2013-01-11", "day")),
        ("on 11 January 2013", ("11 January 2013", "2013-01-11", "2013-01-11", "day")),
        ("dated 2013-01-11", ("2013-01-11", "2013-01-11", "2013-01-11", "day")),
        ("the coup of March 2012", ("March 2012", "2012-03-01", "2012-03-31", "month")),
        ("in 2004 the army", ("2004", "2004-01-01", "2004-12-31", "year")),
        ("last April", ("last April", "2012-04-01", "2012-04-30", "month")),
        ("next month", ("next month", "2013-02-01", "2013-02-28", "month")),
        ("on Tuesday", ("Tuesday", "2013-01-15", "2013-01-15", "day")),
        ("earlier this year", ("earlier this year", "2013-01-01", "2013-01-17", "day")),
        ("fighting in April", ("April", "2012-04-01", "2012-04-30", "month")),
        ("elections by June", ("June", "2013-06-01", "2013-06-30", "month")),
        ("on 17/01/2013", ("17/01/2013", "2013-01-17", "2013-01-17", "day")),
        ("on 26.01.2013", ("26.01.2013", "2013-01-26", "2013-01-26", "day")),
        ("last week", ("last week", "2013-01-07", "2013-01-13", "day")),
        ("three days ago", ("three days ago", "2013-01-14", "2013-01-14", "day")),
        ("on January 11", ("January 11", "2013-01-11", "2013-01-11", "day")),
        ("on 9 March", ("9 March", "2012-03-09", "2012-03-09", "day")),  # a date far ahead of the report is last year's
        ("yesterday", ("yesterday", "2013-01-16", "2013-01-16", "day")),
        ("last year", ("last year", "2012-01-01", "2012-12-31", "year")),
    ],
)
def test_each_form(text, expected):
    (value,) = find_times(text, REFERENCE)
    assert (value.text, value.first.isoformat(), value.last.isoformat(), value.precision) == expected


def test_numbers_that_look_like_years_are_counts():
    assert find_times("some 2000 troops and 1500 fighters arrived", REFERENCE) == []
    assert [v.text for v in find_times("between 2012 and 2013, about 1,900 men", REFERENCE)] == ["2012", "2013"]


def test_relative_expressions_need_a_reference_date():
    assert [v.text for v in find_times("last April, and on Jan. 11, 2013", None)] == ["Jan. 11, 2013"]


def test_the_verb_may_is_not_a_month():
    assert find_times("militants may 3 times attack", REFERENCE) == []
