"""Deterministic parsers: dates and clock times (counts of people are read from the parse: nlp/figures.py)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from summarizer.readers.lexicon import MONTH_NAMES, MONTHS, WEEKDAY_NAMES, WEEKDAYS

# --- dates -----------------------------------------------------------------------------------

_MON = rf"({MONTH_NAMES})\.?"
_DATE_RES = [
    ("iso", re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")),
    ("mdy", re.compile(rf"\b{_MON}\s+(\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(\d{{4}}))?\b", re.I)),
    ("dmy", re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+{_MON}(?:,?\s+(\d{{4}}))?\b", re.I)),
    (
        "wd",
        re.compile(rf"\b(?:(?:on|this|last|late|early)\s+)?({WEEKDAY_NAMES})\b"),
    ),
    # Days named relative to the dateline: "yesterday", "last night", "earlier today", "this morning".
    (
        "rel",
        re.compile(r"\b(yesterday|last\s+night|today|tonight|this\s+(?:morning|afternoon|evening))\b", re.I),
    ),
]


@dataclass(frozen=True)
class DateMention:
    value: str | None  # YYYY-MM-DD when it could be resolved
    start: int
    end: int
    text: str
    kind: str  # iso | mdy | dmy | wd | rel


def _day(y: int, m: int, d: int) -> str | None:
    try:
        return dt.date(y, m, d).isoformat()
    except ValueError:
        return None


def dates(sentence: str, published: str | None, dateline: str | None = None) -> list[DateMention]:
    """Dates a sentence states; weekdays and yearless dates resolved against `published` only; days
    named relative to a dateline ("yesterday", "last night") only against the source's own `dateline`."""
    pub = (
        dt.date.fromisoformat(published[:10])
        if published and re.match(r"\d{4}-\d{2}-\d{2}", published)
        else None
    )
    out: list[DateMention] = []
    taken: list[range] = []
    for kind, rx in _DATE_RES:
        for m in rx.finditer(sentence):
            if any(m.start() in r for r in taken):
                continue
            value = None
            if kind == "iso":
                value = _day(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            elif kind in ("mdy", "dmy"):
                mon_s, day_s, year_s = (
                    (m.group(1), m.group(2), m.group(3))
                    if kind == "mdy"
                    else (m.group(2), m.group(1), m.group(3))
                )
                if not mon_s[0].isupper():
                    continue  # "march 3" is the verb; a month is written "March" or "MARCH" ("APR 26, 2015")
                if (
                    kind == "mdy"
                    and mon_s.lower() == "may"
                    and not year_s
                    and (mon_s == "may" or m.start() == 0)
                ):
                    continue  # "may 3" is too often the verb; "on May 25" is a date
                year = int(year_s) if year_s else (pub.year if pub else None)
                if year:
                    value = _day(year, MONTHS[mon_s.lower().rstrip(".")], int(day_s))
                    if (
                        value
                        and pub
                        and not year_s
                        and dt.date.fromisoformat(value) > pub + dt.timedelta(days=1)
                    ):
                        value = _day(year - 1, MONTHS[mon_s.lower().rstrip(".")], int(day_s))
            elif kind == "wd" and pub:
                back = (pub.weekday() - WEEKDAYS[m.group(1).lower()]) % 7
                value = (pub - dt.timedelta(days=back)).isoformat()
            elif kind == "rel":
                if not dateline or not re.match(r"\d{4}-\d{2}-\d{2}", dateline):
                    continue  # a relative day needs the source's own dateline
                before = 1 if m.group(1).lower().startswith(("yesterday", "last")) else 0
                value = (dt.date.fromisoformat(dateline[:10]) - dt.timedelta(days=before)).isoformat()
            out.append(DateMention(value, m.start(), m.end(), m.group(0), kind))
            taken.append(range(m.start(), m.end()))
    return sorted(out, key=lambda d: d.start)


_MONTH_YEAR = re.compile(
    rf"""\bin\s+(?:(?P<month>{_MON})\s+)?(?P<year>(?:19|20)\d\d)\b   # "in March 2024", "in 2019"
    (?!\s*[-–]\d)""",
    re.X,
)


def months_and_years(sentence: str) -> list[tuple[str, str, int, int]]:
    """Months and years a sentence dates something by, without a day: ("2024-03-01", "month", start,
    end) for "in March 2024", ("2019-01-01", "year", ...) for "in 2019"."""
    out = []
    for m in _MONTH_YEAR.finditer(sentence):
        if m.group("month"):
            out.append(
                (
                    f"{m.group('year')}-{MONTHS[m.group('month').lower().rstrip('.')]:02d}-01",
                    "month",
                    m.start("month"),
                    m.end(),
                )
            )
        else:
            out.append((f"{m.group('year')}-01-01", "year", m.start("year"), m.end()))
    return out


def weekday_after(text: str, incident_date: str | None) -> str | None:
    """The first day on or after the incident's that has the weekday `text` names."""
    if not incident_date:
        return None
    name = next((w for w in WEEKDAYS if w in text.lower()), None)
    if name is None:
        return None
    start = dt.date.fromisoformat(incident_date[:10])
    return (start + dt.timedelta(days=(WEEKDAYS[name] - start.weekday()) % 7)).isoformat()


# --- clock times ------------------------------------------------------------------------------

_TIME = re.compile(
    r"""\b(?:
    (?P<h>[01]?\d|2[0-3])(?:[.:h](?P<m>[0-5]\d))?\s*
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
    for m in _TIME.finditer(sentence):
        before = sentence[: m.start()]
        if _REPORT_TIME_BEFORE.search(before) or _REPORT_TIME_AFTER.match(sentence, m.end()):
            continue
        if m.group("word"):  # "shortly after noon"; "noon" alone may be a name ("High Noon")
            if _TIME_PREPOSITION.search(before):
                out.append(
                    ("00:00" if m.group("word").lower() == "midnight" else "12:00", m.start(), m.end())
                )
            continue
        h, mi, ampm = int(m.group("h")), m.group("m"), (m.group("ampm") or "").lower().replace(".", "")
        if not mi and not ampm or ampm and h > 12:
            continue
        if ampm == "pm" and h < 12:
            h += 12
        elif ampm == "am" and h == 12:
            h = 0
        if not ampm and not _TIME_PREPOSITION.search(before):
            continue  # "22:30" needs a preposition to be a time of day and not a score or a ratio
        out.append((f"{h:02d}:{mi or '00'}", m.start(), m.end()))
    return out
