"""Cues: the words that tell code reliably what a sentence is about: the incident kind, when the
incident started, background passages, weapons, unverified claims."""

from __future__ import annotations

import re
from dataclasses import dataclass

from summarizer.readers.dates import dates
from summarizer.readers.lexicon import (
    EVENT_NOUNS,
    FULL_MONTH_NAMES,
    INCIDENT_CUES,
    MONTHS,
    SPECIFIC_KINDS,
    START_VERBS,
    WEEKDAY_NAMES,
)

_INCIDENT_RES = {kind: re.compile(rf"\b(?:{cues})", re.I) for kind, cues in INCIDENT_CUES.items()}


def incident_type(leads: list[list[str]]) -> str:
    """The kind most sources' openings (title and first sentences, one list per source) use the cue
    words of; a kind that says how (a bomb) beats one that says what happened (an explosion) when at
    least half as many sources use it."""
    votes = {
        kind: sum(1 for lead in leads if any(pattern.search(sentence) for sentence in lead))
        for kind, pattern in _INCIDENT_RES.items()
    }
    best = max(votes, key=lambda kind: votes[kind])
    if not votes[best]:
        return "unknown"
    for specific, generic in SPECIFIC_KINDS:
        if best == generic and 2 * votes[specific] >= votes[generic]:
            return specific
    return best


# "The attack began shortly after noon": the incident as subject of a verb of starting.
_START_VERBS = "|".join(verb.replace(" ", r"\s+") for verb in START_VERBS)
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
    r"\b(?:earlier this (?:year|month)|last (?:year|month|summer|winter|spring|autumn)|previously|"
    r"in the past|years? (?:earlier|ago|before)|"
    r"(?:months?|weeks?|days?) (?:earlier|ago|before)|history of|past attacks?|prior to|"
    # "the deadliest attack since a lorry ... killing 86"
    r"(?:deadliest|worst|bloodiest)\b[^.;]{0,40}\bsince|"
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
    if _BACKGROUND.search(text):
        return True
    if not date:
        return False
    anchored = bool(_NOW.search(text))  # "This Friday, ... since 2014" is about the incident
    if not anchored and any(year != date[:4] for year in _YEAR.findall(text)):
        return True
    month = _MONTH_ONLY.search(text)
    if month and MONTHS[month.group(1).lower()] != int(date[5:7]):
        return True
    # A stated day before the incident's is another event ("on Mar 3, six were killed in ...").
    # Resolved against the incident year's last day so that yearless dates keep that year.
    days = [
        mention.value
        for mention in dates(text, f"{date[:4]}-12-31")
        if mention.kind in ("mdy", "dmy", "iso") and mention.value
    ]
    return bool(days) and all(day < date for day in days)


@dataclass
class Span:
    """A finding inside one sentence: `start`/`end` are offsets within the sentence text."""

    text: str
    start: int
    end: int


# --- weapons, unverified claims ------------------------------------------------------------------

_WEAPONS = (
    r"(?:automatic |assault |semi-automatic |hunting )?(?:rifles?|weapons?)|firearms?|machine[- ]guns?|"
    r"guns?|pistols?|Kalashnikovs?|AK-47s?|knives|knife|grenades?|firebombs?|"
    r"incendiary (?:bombs?|devices?)|Molotov cocktails?|"
    r"explosives?|explosive devices?|bombs?|IEDs?|suicide vests?|drones?"
)
_WEAPON = re.compile(rf"\b(?:{_WEAPONS})\b")
_UNVERIFIED = re.compile(
    r"\b(?:unable to (?:independently )?verify|could not (?:be )?(?:independently )?verif\w*|"
    r"not (?:been )?(?:independently )?verified|unverified|unconfirmed|allegedly|alleged)\b",
    re.I,
)
_REFERS_BACK = re.compile(
    r"\b(?:verify|confirm)\w* (?:that|this|the|these|those) (?:information|claims?|reports?|account)", re.I
)


def weapons(sentence: str) -> list[Span]:
    return [Span(match.group(0), match.start(), match.end()) for match in _WEAPON.finditer(sentence)]


def hedged(sentence: str) -> Span | None:
    match = _UNVERIFIED.search(sentence)
    return Span(match.group(0), match.start(), match.end()) if match else None


def refers_back(sentence: str) -> bool:
    """'Reuters was unable to verify that information.': what is unverified is the sentence before."""
    return bool(_REFERS_BACK.search(sentence))
