"""Deterministic parsers: counts with qualifiers, casualty cues, and date expressions."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from .nlp.numbers import is_age, numbers
from .nlp.lexicon import WHOLE_COUNT_NOUNS

QUALIFIERS = [
    (r"at least|no fewer than|a minimum of", "at_least"),
    (r"more than|over|upwards of|in excess of|above", "more_than"),
    (r"about|around|approximately|roughly|nearly|almost|some|an estimated|close to|some \d+ to", "about"),
    (r"up to|as many as", "up_to"),
    (r"fewer than|less than|under|below", "fewer_than"),
]
CUES = {
    "killed": r"killed|killing|kill|dead|died|deaths?|death toll|fatalities|lives|bodies|perished|murdered|slain|toll",
    "injured": r"injured|injuring|wounded|wounding|hurt|injuries|hospitali[sz]ed|admitted to (?:the )?hospitals?|"
                r"(?:taken|rushed|airlifted) to (?:the |a )?hospitals?|treated (?:in|at|by) (?:the |a )?hospitals?|"
                r"sought (?:hospital |medical )?treatment|between life and death|casualties",
    "arrests": r"arrested|arrests?|detained|detentions?|in custody|apprehended|suspects? (?:were|was|have been|had been) (?:arrested|detained)",
}
_QUAL_RE = [(re.compile(rf"(?:\b(?:{p}))\s*$", re.I), q) for p, q in QUALIFIERS]
_CUE_RE = {k: re.compile(rf"\b(?:{v})\b", re.I) for k, v in CUES.items()}
# A number glued to a unit is not a count of people: "340km", "20 minutes", "2024", "48 hours".
_NOT_PEOPLE = re.compile(
    r"^\s*(?:km|kilomet|miles?|metres?|meters?|minutes?|hours?|days?|weeks?|months?|years?|"
    r"percent|%|per cent|ambulance|tons?|kg|degrees?|am\b|pm\b|a\.m|p\.m|o'clock|times|attacks|bombings)",
    re.I,
)


# "with more than 470 people aboard": who was there, not a casualty; but "killing all 150 on board" is.
_ABOARD = re.compile(r"^\s+(?:\w+\s+){0,2}?(?:aboard|on\s+board)\b", re.I)


@dataclass(frozen=True)
class Count:
    """A number in a sentence, with where it stands (relative to the sentence) and how it is hedged."""

    value: int
    qualifier: str
    start: int
    end: int
    as_stated: str
    vague: tuple[int, int] | None = None


def counts(sentence: str) -> list[Count]:
    """Every count of things in a sentence, with its qualifier ("at least 40" -> 40, at_least);
    ages, years, times, measures and days of the month are not counts."""
    out = []
    for n in numbers(sentence):
        after = sentence[n.end:n.end + 14]
        aboard = _ABOARD.match(sentence[n.end:n.end + 40]) and not re.search(r"\ball\s+(?:the\s+)?$", sentence[:n.start])
        if is_age(sentence, n) or _NOT_PEOPLE.match(after) or aboard or re.match(r"(?i)one\s+of\b", sentence[n.start:]):
            continue  # "one of the ..." is a part, not a count
        if n.text.isdigit() and (len(n.text) == 4 and 1900 <= n.value <= 2100 or re.match(r"[:/.]\d|h\d", after)):
            continue  # a year or a time
        if re.search(rf"{_MON}\s*$", sentence[:n.start]) or re.match(rf"\s*{_MON}", after):
            continue  # a day of the month
        before = sentence[:n.start]
        qual, qstart = "exact", n.start
        for rx, q in _QUAL_RE:
            if qm := rx.search(before):
                qual, qstart = q, qm.start()
                break
        if n.vague:
            out.append(Count(n.value, "at_least", qstart, n.end, sentence[qstart:n.end], n.vague))
        else:
            out.append(Count(n.value, qual, qstart, n.end, sentence[qstart:n.end]))
    return out


def _clause_after(sentence: str, end: int, nxt: int) -> str:
    # What follows a number, up to the next number or a clause break; parentheticals skipped.
    tail = sentence[end:nxt]
    tail = re.sub(r",\s*(?:including|among them|of whom)[^,]*,", " ", tail)
    return re.split(r"[;.]|, (?:and|but|while|which|who)\b", tail)[0]


# "the death toll from ... has risen to", "the number of people confirmed dead ... rose to": the count
# that follows is of that category, whatever stands between.
_TOLL_NOUNS = r"""(?:
        (?P<killed>death\ toll|toll|number\ of\ (?:\w+\ ){0,3}?(?:dead|deaths|fatalities|victims|killed))
      | (?P<injured>number\ (?:of\ )?(?:\w+\ ){0,3}?(?:injured|wounded|hurt|treated))
      | (?P<arrests>number\ of\ (?:\w+\ ){0,3}?(?:arrests|arrested|detained|held))
    )\b"""
_TOLL_TO = re.compile(
    rf"""\b{_TOLL_NOUNS}
    [^.;]{{0,100}}?\b(?:risen|rose|climbed|jumped|increased|reached|grown|grew|revised|raised|lowered|
        corrected|stands|stood|is|was|now)\b(?:\s+(?:down|up|to|at|now))*\s*$""",
    re.I | re.X,
)
# "bringing the number being treated to 74", "bringing to five the number of people held".
_BRINGING_BEFORE = re.compile(rf"\b(?:bring(?:ing|s)?|brought)\s+(?:the\s+)?{_TOLL_NOUNS}\s+(?:\w+\s+){{0,3}}?to\s*$", re.I | re.X)
_BRINGING_AFTER = re.compile(rf"^\s+(?:the\s+)?{_TOLL_NOUNS}", re.I | re.X)
TOLL_LINKS = set("""was is has had have been rose risen climbed jumped increased grew revised raised lowered
cut corrected stood stands reached now down up to at officially later all""".split())


def categories(sentence: str, count: Count, nxt: int) -> list[str]:
    """What a count counts, judged by the cue words nearest to it in its clause."""
    before_all = sentence[:count.start]
    if m := (_TOLL_TO.search(before_all) or _BRINGING_BEFORE.search(before_all)  # "the death toll ... has risen to 41"
             or re.search(r"\bbring(?:ing|s)?\s+to\s*$", before_all, re.I) and _BRINGING_AFTER.match(sentence[count.end:])):
        return [k for k, v in m.groupdict().items() if v][:1]
    after = _clause_after(sentence, count.end, nxt)
    before = sentence[max(0, count.start - 40):count.start]
    found = []
    for cat, rx in _CUE_RE.items():
        a = rx.search(after)
        # "300 passengers crashed, killing 12": a cue right before the next number is that number's.
        # "the dead at 2,012 and the injured at 2,059": a cue followed only by link words belongs to the next number.
        gap_to_next = sentence[count.end + a.end():nxt].split() if a else []
        cue_of_next = (a and nxt < len(sentence) and (a.group().endswith("ing") and len(gap_to_next) <= 1
                                                       or gap_to_next and all(w.lower() in TOLL_LINKS for w in gap_to_next)))
        if a and not cue_of_next and len(after[:a.start()].split()) <= 6:
            found.append((len(after[:a.start()].split()), cat))
            continue
        b = list(rx.finditer(before))
        gap = before[b[-1].end():].split() if b else []
        # "killing 12", "the toll was revised down to 84"; not "died and dozens", "killed when two".
        if b and "," not in before[b[-1].end():] and all(w.lower() in TOLL_LINKS for w in gap):
            found.append((len(gap) + 1, cat))
    return [c for _, c in sorted(found)][:1]


_ASIDE = re.compile(r",\s*(?:including|among them|of whom|among whom)\b[^,.;]*(?=,)|\([^)]*\)")


# What may stand between two coordinated counts: "61 civilians and [at least] six ...".
_COORDINATED = re.compile(r"^\s+(?:[\w-]+\s+){0,3}?(?:and|or)\s+$")


def casualty_counts(sentence: str) -> list[tuple[str, Count]]:
    """Counts of the killed, injured or arrested, each with its category; asides like
    ", including five children," neither count on their own nor cut the main clause."""
    asides = [range(m.start(), m.end()) for m in _ASIDE.finditer(sentence)]
    masked = _ASIDE.sub(lambda m: " " * len(m.group()), sentence)
    cs = [c for c in counts(sentence) if not any(c.start in r for r in asides)]
    cats: list[list[str]] = [[] for _ in cs]
    for i in reversed(range(len(cs))):  # from the last: a coordinated count takes the next one's cue
        c, nxt = cs[i], cs[i + 1].start if i + 1 < len(cs) else len(sentence)
        cats[i] = categories(masked, c, nxt)
        if not cats[i] and nxt < len(sentence) and _COORDINATED.match(masked[c.end:nxt]):
            cats[i] = cats[i + 1]  # "61 civilians and six soldiers were killed"
    return [(cat, c) for c, cs_ in zip(cs, cats) for cat in cs_]


# --- dates -----------------------------------------------------------------------------------

MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december"], 1)}
MONTHS.update({k[:3]: v for k, v in list(MONTHS.items())})
MONTHS["sept"] = 9
WEEKDAYS = {d: i for i, d in enumerate(["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"])}
_MON = r"(January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?"
_DATE_RES = [
    ("iso", re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")),
    ("mdy", re.compile(rf"\b{_MON}\s+(\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(\d{{4}}))?\b", re.I)),
    ("dmy", re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+{_MON}(?:,?\s+(\d{{4}}))?\b", re.I)),
    ("wd", re.compile(r"\b(?:(?:on|this|last|late|early)\s+)?(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")),
]


@dataclass(frozen=True)
class DateMention:
    value: str | None  # YYYY-MM-DD when it could be resolved
    start: int
    end: int
    text: str
    kind: str  # iso | mdy | dmy | wd


def _day(y: int, m: int, d: int) -> str | None:
    try:
        return dt.date(y, m, d).isoformat()
    except ValueError:
        return None


def dates(sentence: str, published: str | None) -> list[DateMention]:
    """Dates a sentence states; weekdays and yearless dates resolved against `published` only."""
    pub = dt.date.fromisoformat(published[:10]) if published and re.match(r"\d{4}-\d{2}-\d{2}", published) else None
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
                mon_s, day_s, year_s = (m.group(1), m.group(2), m.group(3)) if kind == "mdy" else (m.group(2), m.group(1), m.group(3))
                if not mon_s[0].isupper():
                    continue  # "march 3" is the verb; a month is written "March" or "MARCH" ("APR 26, 2015")
                if kind == "mdy" and mon_s.lower() == "may" and not year_s and (mon_s == "may" or m.start() == 0):
                    continue  # "may 3" is too often the verb; "on May 25" is a date
                year = int(year_s) if year_s else (pub.year if pub else None)
                if year:
                    value = _day(year, MONTHS[mon_s.lower().rstrip(".")], int(day_s))
                    if value and pub and not year_s and dt.date.fromisoformat(value) > pub + dt.timedelta(days=1):
                        value = _day(year - 1, MONTHS[mon_s.lower().rstrip(".")], int(day_s))
            elif kind == "wd" and pub:
                back = (pub.weekday() - WEEKDAYS[m.group(1).lower()]) % 7
                value = (pub - dt.timedelta(days=back)).isoformat()
            out.append(DateMention(value, m.start(), m.end(), m.group(0), kind))
            taken.append(range(m.start(), m.end()))
    return sorted(out, key=lambda d: d.start)


# --- clock times ------------------------------------------------------------------------------

_TIME = re.compile(r"""\b(?:
    (?P<h>[01]?\d|2[0-3])(?:[.:h](?P<m>[0-5]\d))?\s*
    (?P<ampm>am\b|pm\b|a\.m\.|p\.m\.)?                  # "10.30pm", "8:48 a.m.", "22h45"
    (?=\s*(?:local\s+time|\(|,|\.|\s|$))
  | (?P<word>noon|midday|midnight)\b)""", re.I | re.X)
_TIME_PREPOSITION = re.compile(r"(?:at|after|before|around|about|by|until|from)\s+$")
# A time that dates a report, not the event: "as of its 6 p.m. briefing", "by 6pm the toll had risen".
_REPORT_TIME_BEFORE = re.compile(r"(?:as\s+of|by|until)\s+(?:(?:its|the|their|his|her|a)\s+)?$", re.I)
_REPORT_TIME_AFTER = re.compile(
    r"\s*(?:local\s+time\s+)?(?:\w+\s+)?(?:briefing|update|bulletin|press\s+conference|news\s+conference|"
    r"statement|deadline|meeting|broadcast|count)\b", re.I)


def clock_times(sentence: str) -> list[tuple[str, int, int]]:
    """Clock times a sentence states, as HH:MM with their offsets; a bare number is no time."""
    out = []
    for m in _TIME.finditer(sentence):
        before = sentence[:m.start()]
        if _REPORT_TIME_BEFORE.search(before) or _REPORT_TIME_AFTER.match(sentence, m.end()):
            continue
        if m.group("word"):  # "shortly after noon"; "noon" alone may be a name ("High Noon")
            if _TIME_PREPOSITION.search(before):
                out.append(("00:00" if m.group("word").lower() == "midnight" else "12:00", m.start(), m.end()))
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


# --- scope: the part of the incident a count covers -------------------------------------------

_SCOPE_AFTER = re.compile(r"^\s*(?:of|among)\s+(?:them|whom|those|the\s+\w+)\b")  # "28 of them", "33 of the dead"
_SCOPE_WHERE = re.compile(
    r"""\b(?P<where>(?:still\s+)?in\s+(?:hospital|intensive\s+care|critical\s+(?:care|condition))
      | on\s+the\s+spot|at\s+the\s+scene
      | (?:identified|handed\s+over|released\s+to\s+(?:their\s+)?families))\b""", re.X | re.I)


def scope(sentence: str, count: Count, place_words: set[str] = frozenset(), noun: str | None = None,
          category: str = "killed") -> str | None:
    """The part of the incident a count is about, or None for the whole: "28 of them", a counted noun
    other than people or victims (`noun`, from the parse: "10 children", "two Americans", "six members
    of the security forces"), "in intensive care", "one detained on the spot", "88 bodies identified",
    or a place other than the incident's ("1,604 died in Al Haouz province"). Arrests count suspects,
    gunmen or men alike: their noun never makes a part."""
    nxt = min((n.start for n in numbers(sentence) if n.start >= count.end), default=len(sentence))
    after = sentence[count.end:nxt]  # up to the next number, which has its own scope
    if m := _SCOPE_AFTER.match(after):
        return after[:m.end()].strip()
    if noun and category != "arrests" and noun.split(" of ")[0].split()[-1].lower() not in WHOLE_COUNT_NOUNS:
        return noun
    clause = re.split(r"[;.]|,\s+(?:and|but|while|with|including)\b|\s+with\s+\d", after)[0]
    if m := _SCOPE_WHERE.search(clause[:80]):
        return m.group("where").lower()
    place = re.match(r"\s+(?:\w+\s+){0,3}?(?:in|at)\s+((?:[A-Z][\w'’-]+\s?){1,3})", clause)
    if place and place_words and not set(place.group(1).split()) & place_words:
        return place.group(1).strip()
    return None
