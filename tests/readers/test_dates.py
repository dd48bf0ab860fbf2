"""Dates: days, months and clock times read from a sentence, resolved against its article's dateline."""

from __future__ import annotations

from summarizer.readers import dates


def test_dates_resolve_against_publication_only():
    on_friday = dates.dates("Gunmen attacked on Friday, March 22.", "2024-03-23T03:12:35")
    assert [d.value for d in on_friday] == ["2024-03-22", "2024-03-22"]
    assert [d.value for d in dates.dates("It happened on Friday.", None)] == [None]  # never today


def test_yesterday_is_read_against_the_sources_own_dateline_only():
    said = dates.dates("The bridge gave way yesterday evening.", "2031-06-10", "2031-06-10")
    assert [d.value for d in said] == ["2031-06-09"]
    assert dates.dates("The bridge gave way yesterday evening.", "2031-06-10") == []  # no dateline of its own


def test_months_and_years_without_a_day():
    sentence = "A similar dam failed in May 2011, and another in 1998."
    found = dates.months_and_years(sentence)
    assert [(value, precision) for value, precision, _s, _e in found] == [
        ("2011-05-01", "month"),
        ("1998-01-01", "year"),
    ]
    assert [sentence[s:e] for _v, _p, s, e in found] == ["May 2011", "1998"]


def test_a_weekday_is_the_first_such_day_on_or_after_the_incident():
    assert dates.weekday_after("Thursday", "2031-06-10") == "2031-06-12"  # 10 June 2031 is a Tuesday
    assert dates.weekday_after("Tuesday", "2031-06-10") == "2031-06-10"
    assert dates.weekday_after("Thursday", None) is None


def test_clock_times_and_not_bare_numbers():
    sentence = "The alarm sounded at 9:40 p.m. and 12 crews arrived soon after."
    assert [time for time, _s, _e in dates.clock_times(sentence)] == ["21:40"]
    assert [time for time, _s, _e in dates.clock_times("Crews arrived at 10 pm.")] == ["22:00"]
