"""Figures: every count of people in a sentence, read from spaCy's dependency parse: what it counts
(category), how it is hedged (qualifier), and the part it plays in the report (role, scope)."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Literal, get_args

from summarizer.core.brief import FigureCategory, FigureRole, Qualifier
from summarizer.readers.language import parse
from summarizer.readers.lexicon import (
    ABOVE_VERBS,
    ADDED_WORDS,
    BODY_HANDLING_VERBS,
    CARE_NOUNS,
    CASUALTY_OBJECTS,
    CASUALTY_WORDS,
    CHANGE_NOUNS,
    CONDITION_NOUNS,
    EARLIER_ADVERBS,
    EVENT_NOUNS,
    EXPECT_VERBS,
    FOUND_VERBS,
    MODAL_VERBS,
    MONTH_NAMES,
    MONTHS,
    NEAR_VERBS,
    NOT_PEOPLE_NOUNS,
    OTHER_EVENT_WORDS,
    PEOPLE_NOUNS,
    PRESUMED_VERBS,
    REPORT_NOUNS,
    SOME_WORDS,
    TOLL_NOUNS,
    VAGUE_PEOPLE_NOUNS,
    VENUE_NOUNS,
    WHOLE_COUNT_NOUNS,
)
from summarizer.readers.numbers import Number, is_age, numbers

Category = Literal[FigureCategory, "other_people"]
Role = FigureRole
CATEGORIES: tuple[Category, ...] = get_args(Category)
ROLES: tuple[Role, ...] = get_args(FigureRole)

# Hedges written before a number, longest first within each qualifier.
_QUALIFIER_BEFORE = [
    (re.compile(rf"\b(?:{words})\s*$", re.I), q)
    for words, q in (
        (
            r"at\s+least|no\s+fewer\s+than|not\s+fewer\s+than|a\s+minimum\s+of|at\s+or\s+north\s+of",
            "at_least",
        ),
        (
            r"more\s+than|well\s+over|over|upwards\s+of|in\s+excess\s+of|above|past|beyond|north\s+of",
            "more_than",
        ),
        (
            r"about|around|approximately|roughly|nearly|almost|some|an?\s+estimated|close\s+to|or\s+so",
            "about",
        ),
        (r"up\s+to|as\s+many\s+as", "up_to"),
        (r"fewer\s+than|less\s+than|under|below", "fewer_than"),
    )
]
# A number glued to a measure is no count of people: "340km", "20 minutes", "7.8 magnitude", "$5m".
_MEASURE_AFTER = re.compile(
    r"""^\s*(?:
      km|kilomet|miles?|metres?|meters?|feet|ft\b|minutes?|mins?\b|hours?|hrs?\b|seconds?|days?|weeks?|months?|years?
    | percent|%|per\s*cent|tons?|tonnes?|kg|degrees?|am\b|pm\b|a\.m|p\.m|o'clock|times\b
    | (?:million|billion|bn|m)\b\s*(?:dollars|euros|pounds|rupees|yuan|rubles|roubles)?
    )""",
    re.I | re.X,
)
_MONEY_BEFORE = re.compile(r"(?:[$€£¥₹]|\b(?:US|Rs|INR|USD|EUR|GBP)\.?)\s*$")
_MONTH = rf"(?:{MONTH_NAMES})\.?"
_MONTH_BEFORE = re.compile(rf"\b{_MONTH}\s*$")
_MONTH_AFTER = re.compile(rf"^(?:st|nd|rd|th)?\s*(?:of\s+)?{_MONTH}")
# A trailing "+" ("50+") hedges upward.
_PLUS_AFTER = re.compile(r"^\+")


@dataclass(frozen=True)
class FigureReading:
    """One count of people in a sentence; offsets relative to the sentence text."""

    value: int
    category: Category
    qualifier: Qualifier
    role: Role
    scope: str | None
    start: int
    end: int
    as_stated: str
    vague: tuple[int, int] | None = None
    place: str | None = None  # "in Rieti province": where the count is said to be, for parts by place
    day_words: str | None = (
        None  # "on Monday" in "the toll climbed to 142 on Monday": the day the count stood
    )


def read_figures(
    span,
    place_words: frozenset[str] = frozenset(),
    background: bool = False,
    year: str | None = None,
    month: str | None = None,
) -> list[FigureReading]:
    """Every count of people in the parsed sentence `span` (a spaCy Span). `place_words`: words of the
    incident's place (a count in another place is a part); `background`: the sentence tells of another
    event; `year`: the report's year (a count dated in another year is another event's); `month`: the
    incident's month as YYYY-MM (a clause dated by another month tells of another event)."""
    text = span.text
    out: list[FigureReading] = []
    for n in numbers(text):
        if _not_people(text, n):
            continue
        head = _number_head(span, n)
        if head is None:
            continue
        found = _category(head) or _partitive_category(head, out, span)
        if found is None:
            continue
        category, noun, verb = found
        qualifier, q_start, q_end = _qualifier(text, span, n, head, verb)
        role, scope = _role(span, head, noun, verb, category, place_words, background, year, month)
        if n.vague and qualifier == "exact":
            qualifier = "at_least"
        out.append(
            FigureReading(
                n.value,
                category,
                qualifier,
                role,
                scope,
                q_start,
                q_end,
                text[q_start:q_end],
                n.vague,
                _where(noun if noun is not None else head),
                _toll_day(verb),
            )
        )
    return _parts_by_place(out)


def figures_in(text: str) -> list[FigureReading]:
    """The counts of people in a piece of text parsed on its own (a quote, a snippet)."""
    return [f for sent in parse(text).sents for f in read_figures(sent)]


# --- is it a count of people at all ------------------------------------------------------------


def _not_people(text: str, n: Number) -> bool:
    before, after = text[: n.start], text[n.end :]
    if is_age(text, n) or _MEASURE_AFTER.match(after) or _MONEY_BEFORE.search(before):
        return True
    if n.text.isdigit() and len(n.text) == 4 and 1800 <= n.value <= 2100:
        return True  # a year
    if re.match(r"[:/.]\d|h\d|-\d|(?:st|nd|rd|th)\b", after) or re.search(r"\d[-/.:]$", before):
        return True  # a time, a date, a range's other end written as a code, an ordinal
    if _MONTH_BEFORE.search(before) or _MONTH_AFTER.match(after):
        return True  # a day of the month
    return bool(
        re.match(r"\s*(?:-\s*)?(?:year|storey|story|floor|member|strong|page|point)\b", after, re.I)
        and re.match(r"^-", after)
    )  # "135-year-old", "60-strong team", "a 20-storey block"


def _number_head(span, n: Number):
    """The token that stands for the number in the parse: the one whose head lies outside it."""
    toks = [t for t in span if t.idx - span.start_char >= n.start and t.idx - span.start_char < n.end]
    if not toks:
        return None
    ids = {t.i for t in toks}
    heads = [t for t in toks if t.head.i not in ids or t.head.i == t.i]
    return heads[-1] if heads else toks[-1]


# --- category: what the count counts ----------------------------------------------------------


def _word_category(tok) -> Category | None:
    lemma, lower = tok.lemma_.lower(), tok.lower_
    if lemma == "hold" and (
        tok.tag_ != "VBN"
        or any(
            c.dep_ in ("nsubjpass", "nsubj") and not _person_noun(c) and not c.like_num for c in tok.children
        )
    ):
        return None  # "the stadium holds 45,000", "three vigils were held"; "the number of people held"
    for category, words in CASUALTY_WORDS.items():
        if lemma in words or lower in words:
            return category
    return None


def _toll_category(noun) -> Category | None:
    """ "the death toll", "the number of injured", "the toll": the category a toll noun keeps count of."""
    if noun.lemma_.lower() not in TOLL_NOUNS:
        return None
    if cat := _people_category(noun):
        return cat  # "the number being treated"
    for child in noun.children:
        if child.dep_ in ("compound", "amod", "nmod") and (cat := _word_category(child)):
            return cat
        if child.dep_ == "prep" and child.lower_ in ("of", "for"):
            for obj in child.children:
                if cat := _word_category(obj) or _people_category(obj):
                    return cat
    if noun.lemma_.lower() == "toll":
        return "killed"  # "the toll rose to 30": a toll is of the dead unless it says otherwise
    return None


def _people_category(noun, clauses: tuple[str, ...] = ("acl", "amod", "relcl")) -> Category | None:
    """ "people killed", "passengers injured": the category a participle or adjective after a noun gives;
    not one said of some of them ("hundreds, many injured, remain stranded")."""
    for child in noun.children:
        if child.dep_ not in clauses or any(c.lower_ in SOME_WORDS for c in child.children):
            continue
        if child.dep_ == "amod" and child.i < noun.i and "relcl" not in clauses:
            continue  # "two more injured persons succumbed": who they were; the verb says what happened
        if cat := _word_category(child) or _predicate_category(child):
            return cat  # "people killed", "people confirmed dead"
    return None


def _predicate_category(verb) -> Category | None:
    """The category a clause's predicate gives: its verb ("were killed"), or a complement ("remain
    missing", "left dozens dead", "are feared dead", "were taken to hospital")."""
    presumed = verb.lemma_.lower() in PRESUMED_VERBS
    if presumed and any(t.lower_ == "dead" for t in verb.subtree if t.i > verb.i):
        return "missing"  # "believed to be dead", "presumed dead"
    if not presumed and (own := _word_category(verb)):
        return own  # the verb's own meaning first: "nine died, 28 of them in intensive care"
    for child in verb.children:
        if child.dep_ in ("acomp", "oprd", "xcomp", "ccomp") and child.i > verb.i:
            if child.lower_ == "dead" and presumed:
                return "missing"
            if cat := _word_category(child):
                return cat
            if child.pos_ in ("VERB", "AUX", "ADJ") and (cat := _predicate_category(child)):
                return cat  # "are so far known to have died"
        if child.dep_ == "prep" and child.lower_ in ("to", "in", "into", "under"):
            for obj in (o for o in child.children if o.dep_ == "pobj"):
                if obj.lemma_.lower() in CARE_NOUNS or obj.lemma_.lower() in CONDITION_NOUNS:
                    return "injured"  # "taken to hospital", "in hospital", "in a critical condition"
                if (cat := _word_category(obj)) in ("arrests", "injured") and not any(
                    c.dep_ == "amod" for c in obj.children
                ):
                    return cat  # "in custody", "taken into custody", "in treatment"; not "in cardiac arrest"
        if child.dep_ == "prep" and child.lower_ == "for" and any(o.lower_ == "dead" for o in child.children):
            return "missing"  # "left for dead"
    if presumed:
        return None
    if cat := _word_category(verb):
        return cat
    for child in verb.children:  # "lost their lives", "sought treatment", "suffered injuries"
        if child.dep_ == "dobj" and not child.like_num and child.lemma_.lower() in CASUALTY_OBJECTS:
            return _word_category(child)
    return None


def _category(head) -> tuple[Category, object, object] | None:
    """(category, counted noun or None, governing word or None) for a number token, from the parse."""
    noun = (
        head.head
        if head.dep_ in ("nummod", "quantmod", "amod", "compound")
        and head.head.i > head.i
        and head.head.pos_ in ("NOUN", "PROPN", "ADJ")
        else None
    )
    if (
        head.dep_ in ("nummod", "compound", "appos")
        and head.head.i == head.i - 1
        and head.head.pos_ in ("NOUN", "PROPN")
    ):
        if head.head.lemma_.lower() not in TOLL_NOUNS:
            return None  # "Flight 9525", "Route 91", "Article 5": a name, not a count
    word = noun if noun is not None else head
    if noun is None and (cat := _people_category(head)):
        return cat, None, None  # "53 injured", "dozens dead": a reduced clause after the number
    if noun is not None:
        if noun.lemma_.lower() in CARE_NOUNS | VENUE_NOUNS | NOT_PEOPLE_NOUNS:
            return None  # "three hospitals", "1,162 livestock"
        # The noun's own meaning ("bodies") or a reduced clause ("people killed") decides; a relative
        # clause ("one person who was injured succumbed") and a vague noun ("70 victims have been taken
        # to hospitals") only when the verb they hang on says nothing.
        if _aside_about_counting(noun):
            return None  # "revised down to 10 after two victims were counted twice"
        own = _word_category(noun) if noun.lemma_.lower() not in VAGUE_PEOPLE_NOUNS else None
        if cat := own or _people_category(noun, ("acl", "amod")):
            if cat != "other_people" or noun.lower_ in ("survivors", "evacuees"):
                return cat, noun, None
        if found := _category_from_governor(word, noun):
            return found
        if cat := _word_category(noun) or _people_category(noun):
            return (cat, noun, None) if cat != "other_people" else None
    return _category_from_governor(word, noun) or _category_after(head, noun) or _category_before(head)


def _person_noun(noun) -> bool:
    """A noun for people: one the lexicon knows, a nationality, or a casualty noun ("the dead")."""
    return (
        noun.lemma_.lower() in PEOPLE_NOUNS
        or noun.lower_ in PEOPLE_NOUNS
        or noun.ent_type_ == "NORP"
        or _word_category(noun) is not None
    )


def _toll_day(verb) -> str | None:
    """The day a toll verb is dated by ("the toll climbed to 142 on Monday"): a date phrase hanging on
    the verb itself, not one inside its subject ("the toll from Tuesday's collision was revised")."""
    if verb is None or not has_toll_argument(verb):
        return None
    for c in verb.children:
        if c.dep_ == "prep" and c.lower_ in ("on", "by", "as"):
            words = [t for t in c.subtree if t.ent_type_ == "DATE"]
            if words:
                return " ".join(t.text for t in c.subtree)
        if c.dep_ == "npadvmod" and c.ent_type_ == "DATE":
            return " ".join(t.text for t in c.subtree)
    return None


def _category_before(head) -> tuple[Category, object, object] | None:
    """A toll sentence the parser misreads ("The official toll is at least 67: 61 civilians and ..."):
    a toll noun before the count, with only a verb, hedges and particles between them."""
    for tok in reversed(head.doc[max(head.sent.start, head.i - 6) : head.i]):
        if tok.pos_ in ("AUX", "VERB", "ADV", "ADP", "PART", "DET", "ADJ") and not tok.like_num:
            continue
        if tok.pos_ == "NOUN" and (cat := _toll_category(tok)):
            return cat, None, tok
        return None
    return None


def _aside_about_counting(noun) -> bool:
    """Victims in a clause that explains a toll rather than adds to it: the clause hangs on a toll
    sentence ("the toll was revised ... after two victims were counted twice") and its own verb says
    nothing happened to them."""
    verb = noun.head if noun.dep_ in ("nsubj", "nsubjpass", "dobj") else None
    if (
        verb is None
        or verb.dep_ != "advcl"
        or _predicate_category(verb)
        or verb.lemma_.lower() in FOUND_VERBS
    ):
        return False
    return any(_toll_category(c) for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass", "dobj"))


def _partitive_category(head, earlier: list[FigureReading], span) -> tuple[Category, object, object] | None:
    """ "120 of the 132 victims", "80 of them seriously": a part takes the category of what it is a part
    of, the noun after "of" or, for "them" / "whom", the count before it."""
    of = next((c for c in head.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    obj = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
    if obj is None:
        return None
    if obj.pos_ == "PRON":  # a part of the count just before it, and no larger than it
        before = [n for n in numbers(span.text) if n.end <= head.idx - span.start_char]
        if (
            earlier
            and before
            and before[-1].start == earlier[-1].start + _hedge_length(earlier[-1])
            and _value(head) is not None
            and _value(head) <= earlier[-1].value
        ):
            return earlier[-1].category, None, None
        return None
    if obj.lemma_.lower() in ("arrest", "death", "injury"):
        return None  # "one of the arrests": an event, not a person
    cat = _word_category(obj) or _people_category(obj)
    if cat is None and obj.lemma_.lower() in PEOPLE_NOUNS:
        found = _category_from_governor(head, None)
        cat = found[0] if found else None
    return (cat, None, None) if cat else None


def _hedge_length(reading: FigureReading) -> int:
    """How far a reading's words start before its number ("at least 22" starts 9 before "22")."""
    found = numbers(reading.as_stated)
    return found[-1].start if found else 0


def _value(tok) -> int | None:
    found = numbers(tok.text)
    return found[0].value if found else None


def _category_after(head, noun) -> tuple[Category, object, object] | None:
    """Headline grammar the parser misreads ("Quetta Blast: 05 Dead, Over 20 Injured"): the casualty
    word right after the count (or after its noun), before any other number or clause break."""
    doc = head.doc
    i = (noun if noun is not None else head).i + 1
    counted = noun if noun is not None else head
    for tok in doc[i : i + 4]:
        cat = _word_category(tok)
        if (
            cat
            and counted.head.i == tok.i
            and counted.dep_ == "nsubj"
            and any(c.dep_ == "dobj" for c in tok.children)
        ):
            return None  # "two gunmen killed a shopkeeper": the doers
        if cat:
            return (cat, noun, tok) if cat != "other_people" else None  # "470 people aboard": no casualty
        if tok.pos_ in ("AUX", "PART") or tok.pos_ == "ADV" and tok.head.i > tok.i:
            continue  # "100 are still missing"
        return None
    return None


def _category_from_governor(word, noun) -> tuple[Category, object, object] | None:
    """Climb from the counted word to what governs it: a casualty verb, a toll noun, a conjunct."""
    tok, steps = word, 0
    while steps < 4:
        steps += 1
        dep, gov = tok.dep_, tok.head
        if dep == "conj" and (own := _category_after(tok if tok.like_num else tok, noun)):
            return own  # "the toll reached 181 and more than 100 are still missing": its own predicate
        if dep == "conj":  # "Nine soldiers and 30 civilians were killed": as the first conjunct
            first = gov
            while first.dep_ == "conj":
                first = first.head
            if first.pos_ in ("VERB", "ADJ", "AUX") and tok.pos_ in ("VERB", "ADJ"):
                cat = _predicate_category(tok) or _word_category(tok)
                return (cat, noun, tok) if cat else None
            if first.pos_ == "NOUN" and (cat := _word_category(first)) and cat != "other_people":
                return cat, noun, None  # "190 deaths in Rieti and 57 in Ascoli"
            tok = first
            continue
        if dep in ("nsubj", "nsubjpass", "dobj", "attr", "oprd", "npadvmod", "dative"):
            return _from_verb(gov, tok, noun)
        if dep == "pobj" and gov.lower_ == "of" and gov.head.lower_ in ("none", "neither"):
            return None  # "none of the six had been taken into custody"
        if (
            dep == "pobj"
            and gov.lower_ == "with"
            and any(c.dep_ in ("acl", "amod") and c.pos_ == "VERB" for c in tok.children)
        ):
            found = next((_predicate_category(c) for c in tok.children if c.dep_ in ("acl", "amod")), None)
            return (found, noun, None) if found else None  # "with four directly involved in the assault"
        if dep == "pobj":
            prep = gov
            if prep.head.pos_ in ("NOUN", "PROPN") and (cat := _toll_category(prep.head)):
                return cat, noun, prep.head  # "a death toll of 150"
            if prep.lower_ == "of" and prep.head.pos_ == "NOUN" and (cat := _word_category(prep.head)):
                return cat, noun, prep.head  # "claimed the lives of 189"
            if prep.lower_ in ("including", "among", "of") and prep.head.pos_ in (
                "NUM",
                "NOUN",
                "PROPN",
                "PRON",
            ):
                tok = prep.head  # "including five children": the count it is a part of
                continue
            if prep.head.pos_ in ("VERB", "AUX", "ADJ", "ADV"):
                verb = prep.head
                while verb.pos_ == "ADV" and verb.head.i != verb.i:  # "up from 74"
                    verb = verb.head
                return _from_verb(verb, tok, noun, via_prep=prep)
            return None
        if dep in ("appos",) and gov.pos_ in ("NUM", "NOUN"):
            tok = gov
            continue
        if dep in ("acl", "relcl", "advcl") and tok.pos_ in ("VERB", "ADJ"):
            cat = _predicate_category(tok)
            return (cat, noun, tok) if cat else None
        if dep == "ROOT" or dep in ("ccomp", "advcl", "xcomp") and tok.pos_ in ("VERB", "ADJ", "AUX"):
            cat = _predicate_category(tok)
            return (cat, noun, tok) if cat else None
        return None
    return None


def _from_verb(verb, arg, noun, via_prep=None) -> tuple[Category, object, object] | None:
    """The category a verb gives its argument: its own meaning ("12 died", "killing 12"), or that of a
    toll noun among its other arguments ("the death toll topped 20,000", "put the toll at 84",
    "bringing to five the number of people held"), or among those of the verb it is coordinated with
    ("raises earthquake death toll, passes 2,200")."""
    if verb.dep_ in ("aux", "auxpass") and verb.head.i != verb.i:
        verb = verb.head  # "20 are missing": the parser hangs the subject on the auxiliary
    if (
        via_prep is not None
        and via_prep.lower_ == "at"
        and any(c.dep_ == "det" for c in verb.children)
        and (cat := _word_category(verb))
    ):
        return cat, noun, verb  # "... and the injured at 2,059": a participle used as a noun
    if (
        arg.dep_ == "nsubj"
        and any(c.dep_ == "dobj" for c in verb.children)
        and _word_category(verb) in ("killed", "injured")
    ):
        return None  # "two men killed a priest": who did it, not whom it befell
    things = noun is not None and via_prep is not None and arg.dep_ == "pobj" and not _person_noun(noun)
    # "detained six people in three separate cases": the verb's meaning is not the cases'
    if not things and (
        via_prep is None
        or via_prep.lower_ not in ("from", "to", "at", "above", "over", "past", "beyond", "by")
    ):
        if cat := _predicate_category(verb):  # the verb's own meaning first: "..., and wounding 500 others"
            if cat == "other_people" and noun is None and verb.lemma_.lower() in ("survive",):
                return None
            return cat, noun, verb
    for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ in ("to", "into", "on")):
        for obj in (o for o in prep.children if o.dep_ == "pobj"):
            if (
                obj.lemma_.lower() in TOLL_NOUNS
                and obj.lemma_.lower() != "toll"
                and (cat := _toll_category(obj))
            ):
                return cat, noun, verb  # "seven more were added to the list of fatalities"
    sharing = [verb] + ([verb.head] if verb.dep_ == "conj" else [])
    for v in sharing:
        for child in v.children:
            if child.i == arg.i or child.dep_ not in ("nsubj", "nsubjpass", "dobj"):
                continue
            if cat := _toll_category(child):
                return cat, noun, verb
            if child.lemma_.lower() in TOLL_NOUNS and (cat := _word_category(v)):
                return cat, noun, verb  # "the number being treated [rose] to 74"
            if (
                via_prep is not None
                and via_prep.lower_ == "at"
                and child.dep_ == "dobj"
                and (cat := _word_category(child))
                and cat != "other_people"
            ):
                return cat, noun, verb  # "put the dead at 2,012 and the injured at 2,059"
    if (
        verb.dep_ in ("acl", "relcl", "advcl", "xcomp", "conj")
        and verb.pos_ in ("VERB", "AUX")
        and via_prep is not None
    ):
        return None
    if verb.pos_ == "AUX" or verb.lemma_.lower() == "be":  # "the dead were 40": the subject says what
        for child in verb.children:
            if child.i != arg.i and child.dep_ in ("nsubj", "attr") and (cat := _word_category(child)):
                return cat, noun, verb
            if child.dep_ == "prep" and child.lower_ == "among":  # "ten children were among the 84 killed"
                for obj in (o for o in child.children if o.dep_ == "pobj"):
                    if (cat := _word_category(obj) or _people_category(obj)) and cat != "other_people":
                        return cat, noun, verb
    return None


# --- qualifier -----------------------------------------------------------------------------------


def _qualifier(text: str, span, n: Number, head, verb) -> tuple[Qualifier, int, int]:
    """The hedge and the words that carry it: "at least 1,300", "nearly 21,000", "topped 2,000"
    (a verb's hedge stays in the words as stated), "50+"."""
    before = text[: n.start]
    for rx, q in _QUALIFIER_BEFORE:
        if m := rx.search(before):
            return q, m.start(), n.end  # type: ignore[return-value]
    if _PLUS_AFTER.match(text[n.end :]):
        return "more_than", n.start, n.end + 1
    gov = head.head if head.dep_ in ("dobj", "pobj") else None
    if gov is not None and gov.dep_ == "prep":
        gov = None  # "rose to 445": the plain figure
    if gov is not None and gov.i < head.i:
        lemma = gov.lemma_.lower()
        start = gov.idx - span.start_char
        if lemma in ABOVE_VERBS:
            return "more_than", start, n.end
        if lemma in NEAR_VERBS:
            return "about", start, n.end
    return "exact", n.start, n.end


# --- role: the part the count plays ----------------------------------------------------------------


def _path_up(tok, limit: int = 8):
    seen = 0
    while tok.head.i != tok.i and seen < limit:
        tok = tok.head
        seen += 1
        yield tok


def _role(span, head, noun, verb, category, place_words, background, year, month) -> tuple[Role, str | None]:
    counted = noun if noun is not None else head
    if verb is None and noun is not None and noun.dep_ in ("nsubj", "nsubjpass", "dobj"):
        verb = noun.head  # "212 bodies have been identified": the verb of the noun that gave the category
    if background and not _the_incident_as_subject(verb):
        return "other_event", None
    if (
        head.dep_ in ("npadvmod", "appos")
        and noun is None
        and (adverb := next((c for c in head.children if c.pos_ == "ADV"), None)) is not None
    ):
        return "part", adverb.text  # "ten were wounded, six critically"
    if (scope := _partitive(head, counted)) and scope.split()[-1].lower() in (
        "whom",
        "them",
        "which",
        "those",
    ):
        return "part", scope  # "75 of whom were admitted": a part of the count before, whatever follows
    if _other_event(head, year, month):
        return "other_event", None
    if _earlier(head, verb):
        return "earlier", None
    if _projection(head, verb):
        return "projection", None
    if scope := _partitive(head, counted):
        return "part", scope
    if scope := _body_handling(counted, verb):
        return "part", scope
    if any(c.lower_ == "first" and c.dep_ in ("amod", "advmod") for c in [*head.children, *counted.children]):
        return "part", f"first {head.text}"  # "the first six victims recovered": those counted so far
    if category == "injured" and (scope := _in_condition(verb)):
        return "part", scope
    if scope := _place_part(span, counted, verb, place_words):
        return "part", scope
    if (
        verb is not None
        and verb.dep_ == "advcl"
        and has_toll_argument(verb.head, ("nsubj", "nsubjpass"))
        and counted.lemma_.lower() not in TOLL_NOUNS
        and any(c.dep_ == "mark" and c.lower_ in ("as", "after", "because", "when") for c in verb.children)
    ):
        return "increment", None  # "the toll rose to 135 as one person who was injured succumbed"
    if (
        _added(head, counted, verb)
        or _change_of(head)
        or (verb is not None and verb.lemma_.lower() == "add" and counted.dep_ == "dobj")
    ):
        return "increment", None  # "eight more", "a rise of more than 500", "we have added six deaths"
    if noun is not None and category not in ("arrests", "missing") and (not _whole(noun) or _national(noun)):
        return "part", _noun_phrase(noun)  # "61 civilians", "two American deaths"
    return "total", None


def _the_incident_as_subject(verb) -> bool:
    """ "the powerful earthquake which rocked the nation last month has claimed 7,802 lives": a sentence
    that reads as background (it says "last month") but whose count is claimed by the incident itself,
    named with "the" and no year of its own. Another event comes with "a", a year or a place."""
    if verb is None:
        return False
    subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None or subj.lemma_.lower() not in EVENT_NOUNS:
        return False
    if not any(c.dep_ == "det" and c.lower_ in ("the", "this") for c in subj.children):
        return False
    return not any(
        _MONTH_OR_YEAR.match(t.text) for t in subj.subtree if t.ent_type_ == "DATE" and t.head.i == subj.i
    )


def _other_event(head, year: str | None, month: str | None = None) -> bool:
    """ "worse than the 2011 tsunami, which killed more than 18,000": the count's clause hangs on another
    event, dated by a year or a month of its own, or held up for comparison."""
    for tok in _path_up(head):
        if tok.dep_ in ("relcl", "acl") and tok.head.pos_ in ("NOUN", "PROPN"):
            event = tok.head
            years = [
                c
                for c in event.subtree
                if c.like_num
                and len(c.text) == 4
                and c.text.isdigit()
                and 1800 <= int(c.text) <= 2100
                and c.i < tok.i
            ]
            if years and (year is None or any(y.text != year for y in years)):
                return True
            if event.head.dep_ == "prep" and event.head.lower_ in ("than", "like"):
                return True
            if any(c.dep_ == "amod" and c.lower_ in OTHER_EVENT_WORDS for c in event.children):
                return True  # "a separate mass shooting ... that claimed nine lives"
        if tok.dep_ == "prep" and tok.lower_ == "than":
            return True
    # "In January, a suicide bomber killed 15 people"; "an aircraft that crashed ... in October, and
    # claimed the lives of 189": a verb on the way up dated by a month or a year, not the incident's.
    for tok in [head, *_path_up(head, 12)]:
        if tok.pos_ in ("VERB", "AUX") and (when := _dated_by_month(tok)) and not _same_month(when, month):
            return True
        if (
            tok.dep_ == "relcl"
            and _MONTH_OR_YEAR.match(tok.head.text)
            and not _same_month([tok.head.text], month)
        ):
            return True  # "a reminder of 2011, when similar mudslides killed more than 900 people"
        if tok.dep_ in ("advcl", "pcomp", "pobj") and tok.pos_ in ("VERB", "AUX") and _time_ago_clause(tok):
            return True  # "three months after gunmen shot dead dozens of people"
    clause = next((t for t in [head, *_path_up(head)] if t.pos_ in ("VERB", "AUX")), None)
    if year and clause is not None:
        for t in clause.subtree:
            if t.ent_type_ == "DATE" and re.fullmatch(r"(18|19|20)\d\d", t.text) and t.text != year:
                return True
    return False


_MONTH_OR_YEAR = re.compile(rf"^(?:{_MONTH}|(?:18|19|20)\d\d)$", re.I)


def _dated_by_month(clause) -> list[str]:
    """The month and year words of a clause dated by a month or a year with no day ("In December 2010",
    "in October", "last year"): news dates its own incident by the day or the weekday, an earlier one
    by the month."""
    for prep in clause.children:
        if prep.dep_ == "prep" and prep.lower_ == "in" or prep.dep_ == "npadvmod":
            words = [
                t
                for t in (prep.subtree if prep.dep_ == "prep" else [prep, *prep.subtree])
                if t.ent_type_ == "DATE"
            ]
            named = [t.text for t in words if _MONTH_OR_YEAR.match(t.text)]
            if any(t.lower_ == "last" for t in words) and any(t.lower_ in ("year", "month") for t in words):
                named = ["last"]
            if named and not any(t.like_num and len(t.text) <= 2 for t in words):
                return named
    return []


def _time_ago_clause(clause) -> bool:
    """A clause set a span of time before or after the report's event: "three months after gunmen
    shot dead dozens", "two years before a fire killed 40", "three years since a dam burst"."""
    mark = next(
        (
            c
            for c in clause.children
            if c.dep_ in ("mark", "prep") and c.lower_ in ("after", "before", "since")
        ),
        None,
    )
    if mark is None and clause.head.lower_ in ("after", "before", "since"):
        mark = clause.head  # the clause is the object of the preposition
    if mark is None:
        return False
    spans = [t for t in mark.subtree if t.lemma_.lower() in ("day", "week", "month", "year", "decade")]
    spans += [
        t
        for c in clause.children
        if c.dep_ == "npadvmod"
        for t in c.subtree
        if t.lemma_.lower() in ("day", "week", "month", "year", "decade")
    ]
    return bool(spans)


def _same_month(words: list[str], month: str | None) -> bool:
    """Whether month/year words ("March", "March 2024") name the incident's month (YYYY-MM)."""
    if not month:
        return False
    for w in words:
        if w.isdigit() and w != month[:4]:
            return False
        if not w.isdigit() and MONTHS.get(w.lower().rstrip(".")) != int(month[5:7]):
            return False
    return words != ["last"]


def _earlier(head, verb) -> bool:
    """ "up from 74", "rose from 74 to 85", "had initially reported 50", "previously announced that 31"."""
    if head.dep_ == "pobj" and head.head.lower_ == "from":
        return True
    first = head
    while first.i > 0 and (
        first.doc[first.i - 1].dep_ in ("quantmod", "advmod")
        or first.doc[first.i - 1].lower_ in ("least", "than", "about")
    ):
        first = first.doc[first.i - 1]
    if first.i > 0 and first.doc[first.i - 1].lower_ == "not":
        return True  # "50 killed, not 20 as initially reported": the figure set right
    if head.dep_ == "conj" and head.head.like_num and _earlier(head.head, None):
        return True  # "... not 20 killed and 42 hospitalised"
    counted = head.head if head.dep_ == "nummod" else head
    if (
        counted.dep_ == "pobj"
        and counted.head.lower_ == "of"
        and counted.head.head.lemma_.lower() in REPORT_NOUNS
        and counted.head.head.dep_ == "pobj"
        and counted.head.head.head.lower_ in ("after", "since", "before")
    ):
        return True  # "ten more bodies were found after the announcement of 104 deaths"
    for acl in (c for c in head.children if c.dep_ in ("acl", "relcl")):
        if any(a.dep_ == "advmod" and a.lower_ in EARLIER_ADVERBS for a in acl.children):
            return True  # "the 73 reported earlier"
    for tok in [head, *_path_up(head, 4)]:
        for child in tok.children:
            if child.dep_ == "advmod" and child.lower_ in EARLIER_ADVERBS:
                return True
    return False


def _projection(head, verb) -> bool:
    """ "could rise to 10,000", "is expected to top 500"; not "feared dead" (a category, not a forecast)."""
    for tok in [head, *_path_up(head, 5)]:
        if tok.pos_ not in ("VERB", "AUX"):
            continue
        if any(c.dep_ == "aux" and c.lower_ in MODAL_VERBS for c in tok.children):
            return True
        if tok.lemma_.lower() in EXPECT_VERBS and any(c.dep_ in ("xcomp", "ccomp") for c in tok.children):
            return not any(c.lower_ == "dead" for c in tok.subtree)
    return False


def _partitive(head, counted) -> str | None:
    """ "28 of them", "33 of the dead", "including five children", "among them two children"."""
    for child in [*head.children, *(c for c in counted.children if c.lower_ == "among")]:
        if child.dep_ == "prep" and child.lower_ in ("of", "among"):  # "two relatives of X" is no part
            obj = next((o for o in child.children if o.dep_ == "pobj"), None)
            if obj is not None and not obj.like_num and _determined(obj):
                return f"{child.text} {' '.join(t.text for t in obj.subtree)}"[:80]
    if counted.dep_ in ("nsubj", "nsubjpass"):  # "ten children were among the 84 killed"
        among = next((c for c in counted.head.children if c.dep_ == "prep" and c.lower_ == "among"), None)
        if among is not None:
            return " ".join(t.text for t in among.subtree)[:80]
    for tok in [counted, *_path_up(counted, 3)]:
        if tok.dep_ == "pobj" and tok.head.lower_ == "including":
            return _noun_phrase(counted) if counted.pos_ in ("NOUN", "PROPN") else tok.head.lower_
    return None


def _determined(obj) -> bool:
    """ "of them", "of the dead", "of the 132 victims" name a whole; "dozens of people" does not."""
    return obj.pos_ == "PRON" or any(c.dep_ in ("det", "nummod", "poss") for c in obj.children)


def _in_condition(verb) -> str | None:
    """ "61 were still in a critical condition", "nine remain in intensive care": the hurt in a state
    are a part of the hurt ("taken to hospital" is how the hurt are counted, not a part)."""
    if verb is None:
        return None
    being = verb.lemma_.lower() in (
        "be",
        "remain",
        "stay",
        "lie",
    )  # "still in hospital"; not "treated in hospital"
    for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ == "in"):
        if any(
            o.lemma_.lower() in CONDITION_NOUNS or being and o.lemma_.lower() in CARE_NOUNS
            for o in prep.children
        ):
            return " ".join(t.text for t in prep.subtree)[:80]
    return None


def _body_handling(counted, verb) -> str | None:
    """ "7,683 bodies have been handed over", "88 bodies identified": bodies handled, a part of the toll."""
    if verb is None or counted.lemma_.lower() not in ("body", "corpse", "remains", "victim"):
        return None
    lemma = verb.lemma_.lower()
    if lemma in BODY_HANDLING_VERBS:
        return f"{counted.text} {verb.text}{' over' if lemma == 'hand' else ''}"
    if any(
        c.lower_ == "so" and c.head.i == verb.i or c.dep_ == "advmod" and c.lower_ == "far"
        for c in verb.subtree
    ):
        return f"{counted.text} {verb.text} so far"
    return None


def _place_part(span, counted, verb, place_words) -> str | None:
    """A count in a place other than the incident's: "72 were killed in India", "the Kathmandu Valley,
    where 1,441 have died". Without the incident's place, a place is a part only beside the word "also"
    or under "where"."""
    anchors = [t for t in (verb, counted) if t is not None]
    for a in anchors:
        for prep in a.children:
            if prep.dep_ != "prep" or prep.lower_ not in ("in", "at", "on", "across"):
                continue
            place = next(
                (
                    o
                    for o in prep.children
                    if o.dep_ == "pobj" and any(t.ent_type_ in ("GPE", "LOC", "FAC") for t in o.subtree)
                ),
                None,
            )
            if place is None:
                continue  # "in the nearby Bhaktapur district" names a place; "in the earthquake" does not
            name = " ".join(t.text for t in place.subtree if t.ent_type_ or t.pos_ == "PROPN") or place.text
            if place_words:
                if not set(name.split()) & place_words:
                    return f"{prep.text} {name}"[:80]
            elif any(c.lower_ == "also" for c in a.children):
                return f"{prep.text} {name}"[:80]
    if verb is not None and verb.dep_ == "relcl" and any(c.lower_ == "where" for c in verb.children):
        place = verb.head
        name = " ".join(t.text for t in place.subtree if t.i < verb.i and t.dep_ != "punct")
        if not place_words or not set(name.split()) & place_words:
            return f"in {name}"[:80]
    return None


def _added(head, counted, verb) -> bool:
    """ "eight more victims", "another 25 bodies retrieved", "two more died": newly added to the toll.
    "another 79 were injured" is a whole count that only reads as an addition."""
    words = {
        c.lower_
        for t in (head, counted)
        for c in t.children
        if c.dep_ in ("amod", "advmod", "det", "quantmod")
    }
    words |= {t.lower_ for t in head.doc[max(head.i - 2, 0) : head.i]} & {"a", "another", "further"} and {
        t.lower_ for t in head.doc[max(head.i - 2, 0) : head.i]
    }
    if not words & ADDED_WORDS:
        return False
    if any(t.lower_ == "than" for t in head.doc[head.i : head.i + 6]):
        return False  # "1,427 more deaths than normal": a comparison
    if "more" in words and head.i > 0 and head.doc[head.i - 1].lower_ == "than":
        words.discard("more")  # "more than 100": a hedge, not an addition
        if not words & ADDED_WORDS:
            return False
    if "more" in words or "further" in words:
        return True
    return verb is not None and verb.lemma_.lower() in FOUND_VERBS


def _national(noun) -> bool:
    return any(c.dep_ in ("amod", "compound") and c.ent_type_ in ("NORP", "GPE") for c in noun.children)


def has_toll_argument(verb, deps: tuple[str, ...] = ("nsubj", "nsubjpass", "dobj")) -> bool:
    """Whether a verb's subject (or object) is a toll noun: "the toll rose", "lowered the death toll"."""
    return any(c.dep_ in deps and c.lemma_.lower() in TOLL_NOUNS for c in verb.children)


def _change_of(head) -> bool:
    """ "a rise of more than 500 on the previous figure": the count is the size of a change."""
    return head.dep_ == "pobj" and head.head.lower_ == "of" and head.head.head.lemma_.lower() in CHANGE_NOUNS


def _whole(noun) -> bool:
    lower = noun.lower_
    return (
        lower in WHOLE_COUNT_NOUNS
        or noun.lemma_.lower() in WHOLE_COUNT_NOUNS
        or noun.lemma_.lower() in TOLL_NOUNS
    )


def _noun_phrase(noun) -> str:
    """ "children", "members of the security forces", "crew members"."""
    first = min(
        [
            c.i
            for c in noun.lefts
            if c.dep_ in ("compound", "amod") and c.pos_ != "NUM" and c.lower_ not in ADDED_WORDS
        ]
        + [noun.i]
    )
    last = noun.i
    of = next((c for c in noun.rights if c.dep_ == "prep" and c.lower_ == "of"), None)
    if of is not None and noun.lower_ in ("members", "member", "relatives", "families"):
        last = max(t.i for t in of.subtree)
    return noun.doc[first : last + 1].text[:80]


def _where(counted) -> str | None:
    """The place phrase hanging on a count ("57 in neighbouring Ascoli Piceno province")."""
    for prep in counted.children:
        if prep.dep_ == "prep" and prep.lower_ in ("in", "at"):
            obj = next((o for o in prep.children if o.dep_ == "pobj"), None)
            if obj is not None and (
                obj.ent_type_ in ("GPE", "LOC", "FAC")
                or obj.pos_ == "PROPN"
                or any(t.ent_type_ in ("GPE", "LOC", "FAC") for t in obj.subtree)
            ):
                return " ".join(t.text for t in prep.subtree)[:80]
    return None


def _parts_by_place(found: list[FigureReading]) -> list[FigureReading]:
    """ "190 deaths in Rieti province and 57 in Ascoli Piceno province": counts of one category set
    side by side in different places are each a part, scoped by its place."""
    out = list(found)
    for category in {f.category for f in found}:
        placed = [i for i, f in enumerate(found) if f.category == category and f.place and f.role == "total"]
        if len({found[i].place for i in placed}) < 2:
            continue
        for i in placed:
            out[i] = replace(found[i], role="part", scope=found[i].place)
    return out
