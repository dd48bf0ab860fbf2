"""Rules: cue-word extractors for what code finds reliably (no incident-specific names)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .nlp.lexicon import INCIDENT_CUES, SPECIFIC_KINDS
from .segment import Sentence

CAP = r"[A-Z][\w’'.\-]*"
NAME = rf"{CAP}(?:\s+(?:of|al|bin|de|van|von|der|the)?\s*{CAP}){{0,4}}"

_INCIDENT_RES = {k: re.compile(rf"\b(?:{v})", re.I) for k, v in INCIDENT_CUES.items()}


def incident_type(leads: list[list[str]]) -> str:
    """The kind most sources' openings (title and first sentences, one list per source) use the cue
    words of; a kind that says how (a bomb) beats one that says what happened (an explosion) when at
    least half as many sources use it."""
    votes = {k: sum(1 for lead in leads if any(rx.search(s) for s in lead)) for k, rx in _INCIDENT_RES.items()}
    best = max(votes, key=lambda k: votes[k])
    if not votes[best]:
        return "unknown"
    for specific, generic in SPECIFIC_KINDS:
        if best == generic and 2 * votes[specific] >= votes[generic]:
            return specific
    return best


# --- background: sentences about other, earlier events ---------------------------------------

_BACKGROUND = re.compile(
    r"\b(?:earlier this (?:year|month)|last (?:year|month)|previously|in the past|years? (?:earlier|ago|before)|"
    r"(?:months?|weeks?|days?) (?:earlier|ago|before)|history of|past attacks?|prior to|"
    r"(?:since|in) last (?:January|February|March|April|May|June|July|August|September|October|November|December))\b",
    re.I,
)
_YEAR = re.compile(r"\b(19\d\d|20\d\d)\b")
_MONTH_ONLY = re.compile(
    r"\bin (January|February|March|April|May|June|July|August|September|October|November|December)\b(?!\s+\d)"
)


_NOW = re.compile(
    r"\b(?:(?:this|on|late on|early on|last)\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)|"
    r"today|yesterday|tonight|this (?:morning|afternoon|evening|week))\b", re.I,
)


def background(text: str, date: str | None) -> bool:
    """Whether a sentence tells of another, earlier event than the incident on `date` (YYYY-MM-DD)."""
    from .parse import MONTHS, dates

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


# --- places ------------------------------------------------------------------------------------

VENUE_NOUNS = (
    r"Hall|Center|Centre|Theatre|Theater|Stadium|Arena|Station|Airport|Bridge|Port|Harbou?r|Mall|"
    r"Market|Hotel|Church|Mosque|Synagogue|Temple|Cathedral|School|University|Hospital|Club|Plaza|Square|"
    r"Park|Museum|Tower|Building|Factory|Plant|Mine|Terminal|Festival"
)
# "Crocus City Hall", "Marrow Junction station": capitalised words, then a venue noun in any case.
_VENUE = re.compile(rf"\b((?:[A-Z][\w’'\-]+\s+){{0,4}}(?i:{VENUE_NOUNS}))\b")
_CITY = re.compile(rf"\b(?:in|near|outside|outskirts of|city of|town of|village of|capital,?)\s+((?:{CAP})(?:[\s-]{CAP}){{0,2}})")
COUNTRIES = [c.replace("_", " ") for c in (
    "Afghanistan Albania Algeria Angola Argentina Armenia Australia Austria Azerbaijan"
    "Bangladesh Belarus Belgium Bolivia Bosnia Brazil Bulgaria Burkina_Faso Cambodia Cameroon"
    "Canada Chad Chile China Colombia Congo Croatia Cuba Cyprus Czechia Denmark Ecuador Egypt"
    "Ethiopia Finland France Georgia Germany Ghana Greece Guatemala Haiti Honduras Hungary"
    "India Indonesia Iran Iraq Ireland Israel Italy Japan Jordan Kazakhstan Kenya Kosovo Kuwait"
    "Kyrgyzstan Laos Latvia Lebanon Libya Lithuania Malaysia Mali Mexico Moldova Mongolia"
    "Morocco Mozambique Myanmar Nepal Netherlands New_Zealand Nicaragua Niger Nigeria"
    "North_Korea Norway Pakistan Palestine Panama Peru Philippines Poland Portugal Qatar"
    "Romania Russia Rwanda Saudi_Arabia Senegal Serbia Singapore Slovakia Somalia South_Africa"
    "South_Korea Spain Sri_Lanka Sudan Sweden Switzerland Syria Taiwan Tajikistan Tanzania"
    "Thailand Tunisia Turkey Turkmenistan Uganda Ukraine United_Kingdom United_States Uruguay"
    "Uzbekistan Venezuela Vietnam Yemen Zambia Zimbabwe"
).split()]
DEMONYMS = {
    "Russian": "Russia", "Ukrainian": "Ukraine", "American": "United States", "British": "United Kingdom",
    "French": "France", "German": "Germany", "Turkish": "Turkey", "Indian": "India", "Pakistani": "Pakistan",
    "Chinese": "China", "Japanese": "Japan", "Iranian": "Iran", "Iraqi": "Iraq", "Syrian": "Syria",
    "Afghan": "Afghanistan", "Israeli": "Israel", "Spanish": "Spain", "Italian": "Italy", "Mexican": "Mexico",
    "Brazilian": "Brazil", "Nigerian": "Nigeria", "Egyptian": "Egypt", "Indonesian": "Indonesia",
    "Greek": "Greece", "Polish": "Poland", "Moroccan": "Morocco", "Lebanese": "Lebanon", "Korean": "South Korea",
}
_COUNTRY = re.compile(r"\b(" + "|".join(sorted(COUNTRIES, key=len, reverse=True)) + r")(?:’s|'s)?\b")
_DEMONYM = re.compile(r"\b(" + "|".join(DEMONYMS) + r")\b")
_NOT_CITY = re.compile(r"^(?:the|a|an|this|that|its|his|her|their|[A-Z][a-z]+day|January|February|March|April|May|June|"
                       r"July|August|September|October|November|December)$", re.I)


@dataclass
class Span:
    """A finding inside one sentence: `start`/`end` are offsets within the sentence text."""

    text: str
    start: int
    end: int


def venues(s: str) -> list[Span]:
    out = []
    for m in _VENUE.finditer(s):
        words = m.group(1).split()
        while words and (words[0].lower() in {"the", "a", "an"} or not words[0][0].isupper()):
            words = words[1:]
        if len(words) >= 2:
            text = " ".join(words)
            start = s.find(text, m.start())
            out.append(Span(text, start, start + len(text)))
    return out


def cities(s: str) -> list[Span]:
    out = []
    for m in _CITY.finditer(s):
        name = m.group(1).rstrip(".’'")
        name = re.sub(r"(?:’s|'s)$", "", name)
        if _NOT_CITY.match(name) or name in COUNTRIES or name in DEMONYMS:
            continue
        out.append(Span(name, m.start(1), m.start(1) + len(name)))
    return out


def countries(s: str) -> list[Span]:
    out = [Span(m.group(1), m.start(1), m.end(1)) for m in _COUNTRY.finditer(s)]
    return out


# --- who said what -----------------------------------------------------------------------------

SAY = r"said|says|told|added|stated|explained|claimed|reported|wrote|warned|announced|noted|insisted"
_QUOTE = re.compile(r"[“\"]([^”\"]{12,600})[”\"]")
_AFTER = re.compile(rf"^\s*[,.]?\s*(?:(?:{SAY})\s+(?P<a>[^,;“\"]{{3,120}}?)(?=[,;]|(?<![A-Z])\.\s|\.?$)|(?P<b>[^,.;“\"]{{2,90}}?)\s+(?:{SAY})\b)")
_BEFORE = re.compile(rf"(?P<s>[^.;“\"]{{2,160}}?)\s+(?:{SAY})(?:\s+that)?(?:\s+[^“\"]{{0,40}})?\s*$")
_PRONOUN = re.compile(r"^(?:he|she|they|it|the group|the organi[sz]ation)$", re.I)
_PERSON = re.compile(rf"({CAP}(?:\s+{CAP}){{1,3}})\s*$")


@dataclass
class Quoted:
    speaker: str
    role: str | None
    quote: Span


_CARRIER = re.compile(
    r"^(?:(?:a|an|the)\s+)?(?:[\w.]+\s+){0,3}?(?:warning|statement|message|post|notice|communiqu[eé]|release|letter)"
    r"\s+(?:from|by|of)\s+", re.I)
_CHANNEL_TAIL = re.compile(r"\s+itself\b.*$|\s+(?:through|via)\s+.*$")


def split_speaker(phrase: str) -> tuple[str, str | None]:
    """'Russian foreign ministry spokeswoman Maria Zakharova' -> ('Maria Zakharova', 'Russian ... spokeswoman')."""
    phrase = re.sub(r"^(?:a|an)\s+", "", phrase.strip(), flags=re.I)
    phrase = re.sub(r",?\s+(?:speaking|calling|adding|referring|citing|according)\b.*$", "", phrase)
    of = re.match(rf"^({CAP}(?:\s+{CAP}){{1,3}})\s+(?:of|from|at)\s+(?:the\s+)?(.+)$", phrase)
    if of:
        return of.group(1), of.group(2)
    m = _PERSON.search(phrase)
    if m and m.start() > 0:
        return m.group(1), phrase[:m.start()].strip().rstrip(",") or None
    return phrase, None


def statements(s: str) -> list[Quoted]:
    out = []
    for m in _QUOTE.finditer(s):
        q = m.group(1).strip().rstrip(",")
        if len(q.split()) < 4:
            continue
        speaker = None
        if a := _AFTER.match(s[m.end():]):
            speaker = a.group("a") or a.group("b")
        elif b := _BEFORE.search(s[:m.start()]):
            speaker = b.group("s")
            speaker = re.split(r",\s*|\bmeanwhile\b|\bwhile\b", speaker)[-1] if "," in speaker else speaker
        if not speaker:
            continue
        speaker = re.sub(r"^(?:and|but)\s+", "", speaker.strip())
        speaker = _CARRIER.sub("", speaker)  # "a March 7 warning from the U.S. Embassy" -> "the U.S. Embassy"
        speaker = _CHANNEL_TAIL.sub("", speaker)  # "the group itself through its Telegram channel" -> "the group"
        if not speaker:
            continue
        name, role = split_speaker(speaker)
        qs = s.find(q, m.start())
        out.append(Quoted(name, role, Span(q, qs, qs + len(q))))
    return out


def resolve_pronoun(name: str, previous: str | None) -> str | None:
    if _PRONOUN.match(name):
        return previous
    return name


# --- responsibility ----------------------------------------------------------------------------

RESPONSIBILITY = [
    ("claim", re.compile(r"\bclaim(?:ed|s)? (?:the )?responsibility\b|\bclaimed (?:the attack|it)\b", re.I)),
    ("denial", re.compile(r"\b(?:den(?:y|ied|ies)|refut(?:e|ed|es)|reject(?:ed|s)?|dismiss(?:ed|es)?)\b(?! warnings)|"
                          r"accusations? against .{0,60}(?:provocation|baseless|absurd|lies|false)", re.I)),
    ("confirmation", re.compile(r"\b(?:confirm(?:ed|s)?|verified)\b", re.I)),
    ("accusation", re.compile(r"\b(?:accus(?:ed|es|ing)|blam(?:ed|es|ing)|suggest(?:ed|ing) the involvement|"
                              r"insists? on an? \w+ connection|pointed the finger)\b", re.I)),
    ("attribution", re.compile(r"\b(?:was|were) (?:behind|responsible for)|presume[sd]? that .{0,40}responsible", re.I)),
]
_SUBJECT_TRIM = re.compile(r"^(?:date \d{4}-\d{2}-\d{2}\s+|however,?\s+|meanwhile,?\s+|but\s+|and\s+|according to [^,]+,\s*)", re.I)
_ADVERBS = re.compile(r"\s+(?:meanwhile|also|strongly|allegedly|reportedly|quickly|later|had|has|have|is|was)$", re.I)
_CHANNEL = re.compile(
    r"\b(Telegram|WhatsApp|Twitter|Facebook|YouTube|social media|website)\b|"
    r"\b(?:news agency|agency)\s+([A-Z][\w\-]+)|\b([A-Z][\w\-]+(?:-[A-Z][\w\-]+)?)\s+news agency\b"
)


@dataclass
class Blame:
    kind: str
    actor: str | None
    asserted_by: str | None
    channel: str | None
    cue: Span


def subject(s: str, end: int) -> str | None:
    head = re.split(rf"\s+(?:{SAY}|has yet|have yet|had|has|have|is|was|were|are)\b", s[:end])[0]
    head = re.split(r"[,;:]\s+(?:with|while|as|and)\s+|\bwith\s+(?=[A-Z])", head)[-1]
    head = _SUBJECT_TRIM.sub("", head.strip())
    head = _ADVERBS.sub("", head.strip())
    head = head.strip(" ,")
    return head if 1 <= len(head.split()) <= 12 and head[:1].isalpha() else None


def complement(s: str, start: int) -> str | None:
    tail = s[start:]
    m = re.match(r"\s*(?:that\s+|the responsibility of\s+|of\s+|any claims of\s+)?(.{2,80}?)(?=\s+(?:was|were|is|had|of|for|in|and|citing|,)|[,.;]|$)", tail)
    return m.group(1).strip() if m else None


def blames(s: str, nearby: str = "") -> list[Blame]:
    out = []
    for kind, rx in RESPONSIBILITY:
        m = rx.search(s)
        if not m:
            continue
        who = subject(s, m.start())
        actor = who if kind == "claim" else complement(s, m.end())
        if kind == "attribution" and (c := re.search(
            r"^(?:[^,]*,\s*)?(.+?)\s+(?:claim|say|said|believe|presume|suspect)[sd]?\s+that\s+(.+?)\s+(?:was|were|is|are|would be)\s+(?:behind|responsible)", s
        )):
            who, actor = c.group(1), c.group(2)
        if kind == "accusation" and (c := re.search(r"involvement of ([A-Z]\w+)|on an? (\w+ connection)", s)):
            actor = c.group(1) or c.group(2)
        if kind == "accusation" and (w := re.search(rf"({NAME})\s+suggest", s)):
            who = w.group(1)
        if kind == "denial" and (c := re.search(r"claims of (\w+ involvement)|accusations against ([\w ]+?) were", s)):
            actor = c.group(1) or c.group(2)
        channel = None
        if kind == "claim":
            ch = _CHANNEL.search(s) or _CHANNEL.search(nearby)
            channel = next((g for g in ch.groups() if g), None) if ch else None
        if who:
            out.append(Blame(kind, actor, who, channel, Span(m.group(0), m.start(), m.end())))
        break
    return out


# --- perpetrators, weapons, unverified ------------------------------------------------------------

_SUSPECTS = re.compile(r"\b(?:suspects?|attackers?|gunm[ae]n|assailants?|perpetrators?|men)\b[^.]{0,40}?\b(?:identified|named)\s+as\s+(.+?)(?:,\s+(?:showed|who|were|are|have)\b|[.;]|$)")
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


def suspects(s: str) -> list[Span]:
    m = _SUSPECTS.search(s)
    if not m:
        return []
    out = []
    for part in re.split(r",\s*(?:and\s+)?|\s+and\s+", m.group(1)):
        part = part.strip()
        if re.fullmatch(rf"{CAP}(?:\s+{CAP}){{0,4}}", part) and len(part.split()) >= 2 or re.fullmatch(rf"{CAP}\s+{CAP}", part):
            start = s.find(part, m.start(1))
            out.append(Span(part, start, start + len(part)))
    return out


def weapons(s: str) -> list[Span]:
    return [Span(m.group(0), m.start(), m.end()) for m in _WEAPON.finditer(s)]


def hedged(s: str) -> Span | None:
    m = _UNVERIFIED.search(s)
    return Span(m.group(0), m.start(), m.end()) if m else None


def refers_back(s: str) -> bool:
    """'Reuters was unable to verify that information.': what is unverified is the sentence before."""
    return bool(re.search(r"\b(?:verify|confirm)\w* (?:that|this|the|these|those) (?:information|claims?|reports?|account)", s, re.I))


def sentence_text(sents: list[Sentence]) -> list[str]:
    return [s.text for s in sents]
