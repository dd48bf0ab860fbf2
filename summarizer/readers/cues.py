"""Rules: cue words for what code finds reliably: the incident kind, background passages, suspects, weapons, hedges."""

from __future__ import annotations

import re
from dataclasses import dataclass

from summarizer.readers.lexicon import (
    EVENT_NOUNS,
    FULL_MONTH_NAMES,
    INCIDENT_CUES,
    SPECIFIC_KINDS,
    START_VERBS,
    WEEKDAY_NAMES,
)

CAP = r"[A-Z][\w’'.\-]*"

_INCIDENT_RES = {k: re.compile(rf"\b(?:{v})", re.I) for k, v in INCIDENT_CUES.items()}


def incident_type(leads: list[list[str]]) -> str:
    """The kind most sources' openings (title and first sentences, one list per source) use the cue
    words of; a kind that says how (a bomb) beats one that says what happened (an explosion) when at
    least half as many sources use it."""
    votes = {
        k: sum(1 for lead in leads if any(rx.search(s) for s in lead)) for k, rx in _INCIDENT_RES.items()
    }
    best = max(votes, key=lambda k: votes[k])
    if not votes[best]:
        return "unknown"
    for specific, generic in SPECIFIC_KINDS:
        if best == generic and 2 * votes[specific] >= votes[generic]:
            return specific
    return best


# "The attack began shortly after noon": the incident as subject of a verb of starting.
_START_VERBS = "|".join(v.replace(" ", r"\s+") for v in START_VERBS)
_STARTED = re.compile(
    rf"""\b(?:{"|".join(EVENT_NOUNS)})\b     # the event
    [^.;:]{{0,80}}?                                         # a short stretch ("which ... measured at 7,")
    \b(?:{_START_VERBS})\b""",
    re.I | re.X,
)


def tells_start(sentence: str) -> bool:
    """Whether a sentence says when or how the incident started (its clock time is the incident's)."""
    return bool(_STARTED.search(sentence))


# --- background: sentences about other, earlier events ---------------------------------------

_BACKGROUND = re.compile(
    r"\b(?:earlier this (?:year|month)|last (?:year|month|summer|winter|spring|autumn)|previously|in the past|years? (?:earlier|ago|before)|"
    r"(?:months?|weeks?|days?) (?:earlier|ago|before)|history of|past attacks?|prior to|"
    r"(?:deadliest|worst|bloodiest)\b[^.;]{0,40}\bsince|"  # "the deadliest attack since a lorry ... killing 86"
    rf"(?:since|in) last (?:{FULL_MONTH_NAMES}))\b",
    re.I,
)
_YEAR = re.compile(r"\b(19\d\d|20\d\d)\b")
_MONTH_ONLY = re.compile(rf"\bin ({FULL_MONTH_NAMES})\b(?!\s+\d)")


_NOW = re.compile(
    rf"\b(?:(?:this|on|late on|early on|last)\s+(?:{WEEKDAY_NAMES})|"
    r"today|yesterday|tonight|this (?:morning|afternoon|evening|week))\b",
    re.I,
)


def background(text: str, date: str | None) -> bool:
    """Whether a sentence tells of another, earlier event than the incident on `date` (YYYY-MM-DD)."""
    from summarizer.readers.dates import MONTHS, dates

    if _BACKGROUND.search(text):
        return True
    if not date:
        return False
    anchored = bool(_NOW.search(text))  # "This Friday, ... since 2014" is about the incident
    if not anchored and any(y != date[:4] for y in _YEAR.findall(text)):
        return True
    m = _MONTH_ONLY.search(text)
    if m and MONTHS[m.group(1).lower()] != int(date[5:7]):
        return True
    # A stated day before the incident's is another event ("on Mar 3, six were killed in ...").
    # Resolved against the incident year's last day so that yearless dates keep that year.
    days = [d.value for d in dates(text, f"{date[:4]}-12-31") if d.kind in ("mdy", "dmy", "iso") and d.value]
    return bool(days) and all(d < date for d in days)


@dataclass
class Span:
    """A finding inside one sentence: `start`/`end` are offsets within the sentence text."""

    text: str
    start: int
    end: int


# --- perpetrators, weapons, unverified ------------------------------------------------------------

WEAPONS = (
    r"(?:automatic |assault |semi-automatic |hunting )?(?:rifles?|weapons?)|firearms?|machine[- ]guns?|guns?|pistols?|"
    r"Kalashnikovs?|AK-47s?|knives|knife|grenades?|firebombs?|incendiary (?:bombs?|devices?)|Molotov cocktails?|"
    r"explosives?|explosive devices?|bombs?|IEDs?|suicide vests?|drones?"
)
_WEAPON = re.compile(rf"\b(?:{WEAPONS})\b")
_UNVERIFIED = re.compile(
    r"\b(?:unable to (?:independently )?verify|could not (?:be )?(?:independently )?verif\w*|"
    r"not (?:been )?(?:independently )?verified|unverified|unconfirmed|allegedly|alleged)\b",
    re.I,
)


def weapons(s: str) -> list[Span]:
    return [Span(m.group(0), m.start(), m.end()) for m in _WEAPON.finditer(s)]


def hedged(s: str) -> Span | None:
    m = _UNVERIFIED.search(s)
    return Span(m.group(0), m.start(), m.end()) if m else None


def refers_back(s: str) -> bool:
    """'Reuters was unable to verify that information.': what is unverified is the sentence before."""
    return bool(
        re.search(
            r"\b(?:verify|confirm)\w* (?:that|this|the|these|those) (?:information|claims?|reports?|account)",
            s,
            re.I,
        )
    )
