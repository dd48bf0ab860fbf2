"""Dates: the days and clock times a sentence states, read with regular expressions (counts of people
are read from the parse: readers/figures.py)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Literal

from summarizer.readers.lexicon import MONTH_NAMES, MONTHS, WEEKDAY_NAMES, WEEKDAYS

# --- dates -----------------------------------------------------------------------------------

# How a date is written: "2016-03-22", "March 22", "22 March", "on Tuesday", "yesterday".
DateKind = Literal["iso", "mdy", "dmy", "wd", "rel"]

_MONTH = rf"({MONTH_NAMES})\.?"
_DATE_PATTERNS: list[tuple[DateKind, re.Pattern[str]]] = [
    ("iso", re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")),
    ("mdy", re.compile(rf"\b{_MONTH}\s+(\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(\d{{4}}))?\b", re.I)),
    ("dmy", re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH}(?:,?\s+(\d{{4}}))?\b", re.I)),
    ("wd", re.compile(rf"\b(?:(?:on|this|last|late|early)\s+)?({WEEKDAY_NAMES})\b")),
    # Days named relative to the dateline: "yesterday", "last night", "earlier today", "this morning".
    (
        "rel",
        re.compile(r"\b(yesterday|last\s+night|today|tonight|this\s+(?:morning|afternoon|evening))\b", re.I),
    ),
]
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True)
class DateMention:
    value: str | None  # YYYY-MM-DD when it could be resolved
    start: int
    end: int
    text: str
    kind: DateKind


def _day(year: int, month: int, day: int) -> str | None:
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def dates(sentence: str, published: str | None, dateline: str | None = None) -> list[DateMention]:
    """Dates a sentence states; weekdays and yearless dates resolved against `published` only; days
    named relative to a dateline ("yesterday", "last night") only against the source's own `dateline`."""
    published_day = dt.date.fromisoformat(published[:10]) if published and _ISO_DAY.match(published) else None
    out: list[DateMention] = []
    taken: list[range] = []
    for kind, pattern in _DATE_PATTERNS:
        for match in pattern.finditer(sentence):
            if any(match.start() in span for span in taken) or not _reads_as_date(kind, match, dateline):
                continue
            value = _date_value(kind, match, published_day, dateline)
            out.append(DateMention(value, match.start(), match.end(), match.group(0), kind))
            taken.append(range(match.start(), match.end()))
    return sorted(out, key=lambda mention: mention.start)


def _reads_as_date(kind: DateKind, match: re.Match[str], dateline: str | None) -> bool:
    """Whether a match is a date at all: a month is written "March" or "MARCH" ("APR 26, 2015"), not
    "march 3" (the verb); a relative day needs the source's own dateline."""
    if kind in ("mdy", "dmy"):
        month, _, year = _month_day_year(kind, match)
        if not month[0].isupper():
            return False  # "march 3" is the verb
        # "may 3" is too often the verb; "on May 25" is a date
        return not (
            kind == "mdy" and month.lower() == "may" and not year and (month == "may" or match.start() == 0)
        )
    if kind == "rel":
        return bool(dateline and _ISO_DAY.match(dateline))
    return True


def _month_day_year(kind: DateKind, match: re.Match[str]) -> tuple[str, str, str | None]:
    """The month, day and year (if any) of "March 22, 2016" (mdy) or "22 March 2016" (dmy)."""
    if kind == "mdy":
        return match.group(1), match.group(2), match.group(3)
    return match.group(2), match.group(1), match.group(3)


def _date_value(
    kind: DateKind, match: re.Match[str], published_day: dt.date | None, dateline: str | None
) -> str | None:
    """The day a date match names, as YYYY-MM-DD, or None when it cannot be resolved."""
    if kind == "iso":
        return _day(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    if kind in ("mdy", "dmy"):
        return _month_day_value(*_month_day_year(kind, match), published_day)
    if kind == "wd" and published_day:
        back = (published_day.weekday() - WEEKDAYS[match.group(1).lower()]) % 7
        return (published_day - dt.timedelta(days=back)).isoformat()
    if kind == "rel" and dateline:
        before = 1 if match.group(1).lower().startswith(("yesterday", "last")) else 0
        return (dt.date.fromisoformat(dateline[:10]) - dt.timedelta(days=before)).isoformat()
    return None


def _month_day_value(month: str, day: str, year: str | None, published_day: dt.date | None) -> str | None:
    """ "March 22, 2016"; a yearless "March 22" takes the year of publication, or the year before when
    that would put it more than a day after publication."""
    in_year = int(year) if year else (published_day.year if published_day else None)
    if not in_year:
        return None
    month_number = MONTHS[month.lower().rstrip(".")]
    value = _day(in_year, month_number, int(day))
    if (
        value
        and published_day
        and not year
        and dt.date.fromisoformat(value) > published_day + dt.timedelta(days=1)
    ):
        value = _day(in_year - 1, month_number, int(day))
    return value


_MONTH_YEAR = re.compile(
    rf"""\bin\s+(?:(?P<month>{_MONTH})\s+)?(?P<year>(?:19|20)\d\d)\b   # "in March 2024", "in 2019"
    (?!\s*[-–]\d)""",
    re.X,
)


def months_and_years(sentence: str) -> list[tuple[str, str, int, int]]:
    """Months and years a sentence dates something by, without a day: ("2024-03-01", "month", start,
    end) for "in March 2024", ("2019-01-01", "year", ...) for "in 2019"."""
    out = []
    for match in _MONTH_YEAR.finditer(sentence):
        if match.group("month"):
            month_number = MONTHS[match.group("month").lower().rstrip(".")]
            out.append(
                (f"{match.group('year')}-{month_number:02d}-01", "month", match.start("month"), match.end())
            )
        else:
            out.append((f"{match.group('year')}-01-01", "year", match.start("year"), match.end()))
    return out


def weekday_after(text: str, incident_date: str | None) -> str | None:
    """The first day on or after the incident's that has the weekday `text` names."""
    if not incident_date:
        return None
    name = next((weekday for weekday in WEEKDAYS if weekday in text.lower()), None)
    if name is None:
        return None
    start = dt.date.fromisoformat(incident_date[:10])
    return (start + dt.timedelta(days=(WEEKDAYS[name] - start.weekday()) % 7)).isoformat()


# --- clock times ------------------------------------------------------------------------------

_TIME = re.compile(
    r"""\b(?:
    (?P<hour>[01]?\d|2[0-3])(?:[.:h](?P<minute>[0-5]\d))?\s*
    (?P<ampm>am\b|pm\b|a\.m\.|p\.m\.)?                  # "10.30pm", "8:48 a.m.", "22h45"
    (?=\s*(?:local\s+time|\(|,|\.|\s|$))
  | (?P<word>noon|midday|midnight)\b)""",
    re.I | re.X,
)
_TIME_PREPOSITION = re.compile(r"(?:at|after|before|around|about|by|until|from)\s+$")
# A time that dates a report, not the event: "as of its 6 p.m. briefing", "by 6pm the toll had risen".
_REPORT_TIME_BEFORE = re.compile(r"(?:as\s+of|by|until)\s+(?:(?:its|the|their|his|her|a)\s+)?$", re.I)
_REPORT_TIME_AFTER = re.compile(
    r"\s*(?:local\s+time\s+)?(?:\w+\s+)?(?:briefing|update|bulletin|press\s+conference|news\s+conference|"
    r"statement|deadline|meeting|broadcast|count)\b",
    re.I,
)


def clock_times(sentence: str) -> list[tuple[str, int, int]]:
    """Clock times a sentence states, as HH:MM with their offsets; a bare number is no time."""
    out = []
    for match in _TIME.finditer(sentence):
        before = sentence[: match.start()]
        if _REPORT_TIME_BEFORE.search(before) or _REPORT_TIME_AFTER.match(sentence, match.end()):
            continue
        time = _named_time(match, before) if match.group("word") else _clock_time(match, before)
        if time:
            out.append((time, match.start(), match.end()))
    return out


def _named_time(match: re.Match[str], before: str) -> str | None:
    """ "shortly after noon"; "noon" alone may be a name ("High Noon")."""
    if not _TIME_PREPOSITION.search(before):
        return None
    return "00:00" if match.group("word").lower() == "midnight" else "12:00"


def _clock_time(match: re.Match[str], before: str) -> str | None:
    """ "10.30pm", "8:48 a.m.", "22h45" as HH:MM; an hour alone needs am or pm."""
    hour, minute = int(match.group("hour")), match.group("minute")
    ampm = (match.group("ampm") or "").lower().replace(".", "")
    if not minute and not ampm or ampm and hour > 12:
        return None
    if ampm == "pm" and hour < 12:
        hour += 12
    elif ampm == "am" and hour == 12:
        hour = 0
    if not ampm and not _TIME_PREPOSITION.search(before):
        return None  # "22:30" needs a preposition to be a time of day and not a score or a ratio
    return f"{hour:02d}:{minute or '00'}"
