"""Figures: every count of people in a sentence, read from spaCy's dependency parse: what it counts
(category), how it is hedged (qualifier), and the part it plays in the report (role, scope)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Literal, TypeAlias, cast

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

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

# What a count counts: a casualty category of the brief, or people counted for no casualty ("470
# people aboard", "survivors").
Category = Literal[FigureCategory, Literal["other_people"]]
Role = FigureRole
# (category, the noun counted or None, the word that gave the category or None)
Found: TypeAlias = "tuple[Category, Token | None, Token | None]"

# Hedges written before a number, longest first within each qualifier.
_QUALIFIER_WORDS: tuple[tuple[str, Qualifier], ...] = (
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
_QUALIFIER_BEFORE: list[tuple[re.Pattern[str], Qualifier]] = [
    (re.compile(rf"\b(?:{words})\s*$", re.I), qualifier) for words, qualifier in _QUALIFIER_WORDS
]
# A number glued to a measure is no count of people: "340km", "20 minutes", "7.8 magnitude", "$5m".
_MEASURE_AFTER = re.compile(
    r"""^\s*(?:
      km|kilomet|miles?|metres?|meters?|feet|ft\b|minutes?|mins?\b|hours?|hrs?\b|seconds?
    | days?|weeks?|months?|years?
    | percent|%|per\s*cent|tons?|tonnes?|kg|degrees?|am\b|pm\b|a\.m|p\.m|o'clock|times\b
    | (?:million|billion|bn|m)\b\s*(?:dollars|euros|pounds|rupees|yuan|rubles|roubles)?
    )""",
    re.I | re.X,
)
_MONEY_BEFORE = re.compile(r"(?:[$€£¥₹]|\b(?:US|Rs|INR|USD|EUR|GBP)\.?)\s*$")
_MONTH = rf"(?:{MONTH_NAMES})\.?"
_MONTH_BEFORE = re.compile(rf"\b{_MONTH}\s*$")
_MONTH_AFTER = re.compile(rf"^(?:st|nd|rd|th)?\s*(?:of\s+)?{_MONTH}")
_MONTH_OR_YEAR = re.compile(rf"^(?:{_MONTH}|(?:18|19|20)\d\d)$", re.I)
# A trailing "+" ("50+") hedges upward.
_PLUS_AFTER = re.compile(r"^\+")
# Prepositions through which a verb measures a count rather than says what befell it ("rose from 74
# to 85", "put the toll at 84", "climbed past 500").
_MEASURING_PREPOSITIONS = ("from", "to", "at", "above", "over", "past", "beyond", "by")
_TIME_SPANS = ("day", "week", "month", "year", "decade")


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
    # "on Monday" in "the toll climbed to 142 on Monday": the day the count stood
    day_words: str | None = None


@dataclass(frozen=True)
class _ClimbTo:
    """No verdict yet: the count is part of a larger phrase, so look at the word that stands for it."""

    word: Token


def read_figures(
    span: Span,
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
    for number in numbers(text):
        if _not_people(text, number):
            continue
        head = _number_head(span, number)
        if head is None:
            continue
        found = _category(head) or _partitive_category(head, out, span)
        if found is None:
            continue
        category, noun, verb = found
        qualifier, start, end = _qualifier(text, span, number, head)
        role, scope = _role(head, noun, verb, category, place_words, background, year, month)
        if number.vague and qualifier == "exact":
            qualifier = "at_least"
        out.append(
            FigureReading(
                number.value,
                category,
                qualifier,
                role,
                scope,
                start,
                end,
                text[start:end],
                number.vague,
                _where(noun if noun is not None else head),
                _toll_day(verb),
            )
        )
    return _parts_by_place(out)


def figures_in(text: str) -> list[FigureReading]:
    """The counts of people in a piece of text parsed on its own (a quote, a snippet)."""
    return [figure for sentence in parse(text).sents for figure in read_figures(sentence)]


# --- is it a count of people at all ------------------------------------------------------------


def _not_people(text: str, number: Number) -> bool:
    before, after = text[: number.start], text[number.end :]
    if is_age(text, number) or _MEASURE_AFTER.match(after) or _MONEY_BEFORE.search(before):
        return True
    if number.text.isdigit() and len(number.text) == 4 and 1800 <= number.value <= 2100:
        return True  # a year
    if re.match(r"[:/.]\d|h\d|-\d|(?:st|nd|rd|th)\b", after) or re.search(r"\d[-/.:]$", before):
        return True  # a time, a date, a range's other end written as a code, an ordinal
    if _MONTH_BEFORE.search(before) or _MONTH_AFTER.match(after):
        return True  # a day of the month
    return bool(
        re.match(r"\s*(?:-\s*)?(?:year|storey|story|floor|member|strong|page|point)\b", after, re.I)
        and re.match(r"^-", after)
    )  # "135-year-old", "60-strong team", "a 20-storey block"


def _number_head(span: Span, number: Number) -> Token | None:
    """The token that stands for the number in the parse: the one whose head lies outside it."""
    tokens = [
        token
        for token in span
        if token.idx - span.start_char >= number.start and token.idx - span.start_char < number.end
    ]
    if not tokens:
        return None
    ids = {token.i for token in tokens}
    heads = [token for token in tokens if token.head.i not in ids or token.head.i == token.i]
    return heads[-1] if heads else tokens[-1]


def _object_of(prep: Token | None) -> Token | None:
    """The object of a preposition ("of" in "28 of them": "them")."""
    return (
        next((child for child in prep.children if child.dep_ == "pobj"), None) if prep is not None else None
    )


# --- category: what the count counts ----------------------------------------------------------


def _word_category(word: Token) -> Category | None:
    lemma, lower = word.lemma_.lower(), word.lower_
    if lemma == "hold" and (
        word.tag_ != "VBN"
        or any(
            child.dep_ in ("nsubjpass", "nsubj") and not _person_noun(child) and not child.like_num
            for child in word.children
        )
    ):
        return None  # "the stadium holds 45,000", "three vigils were held"; "the number of people held"
    for category, words in CASUALTY_WORDS.items():
        if lemma in words or lower in words:
            return cast(Category, category)  # the lexicon's keys are the categories
    return None


def _toll_category(noun: Token) -> Category | None:
    """ "the death toll", "the number of injured", "the toll": the category a toll noun keeps count of."""
    if noun.lemma_.lower() not in TOLL_NOUNS:
        return None
    if category := _people_category(noun):
        return category  # "the number being treated"
    for child in noun.children:
        if child.dep_ in ("compound", "amod", "nmod") and (category := _word_category(child)):
            return category
        if child.dep_ == "prep" and child.lower_ in ("of", "for"):
            for obj in child.children:
                if category := _word_category(obj) or _people_category(obj):
                    return category
    if noun.lemma_.lower() == "toll":
        return "killed"  # "the toll rose to 30": a toll is of the dead unless it says otherwise
    return None


def _people_category(noun: Token, clauses: tuple[str, ...] = ("acl", "amod", "relcl")) -> Category | None:
    """ "people killed", "passengers injured": the category a participle or adjective after a noun gives;
    not one said of some of them ("hundreds, many injured, remain stranded")."""
    for child in noun.children:
        if child.dep_ not in clauses or any(word.lower_ in SOME_WORDS for word in child.children):
            continue
        if child.dep_ == "amod" and child.i < noun.i and "relcl" not in clauses:
            continue  # "two more injured persons succumbed": who they were; the verb says what happened
        if category := _word_category(child) or _predicate_category(child):
            return category  # "people killed", "people confirmed dead"
    return None


def _predicate_category(verb: Token) -> Category | None:
    """The category a clause's predicate gives: its verb ("were killed"), or a complement ("remain
    missing", "left dozens dead", "are feared dead", "were taken to hospital")."""
    presumed = verb.lemma_.lower() in PRESUMED_VERBS
    if presumed and any(token.lower_ == "dead" for token in verb.subtree if token.i > verb.i):
        return "missing"  # "believed to be dead", "presumed dead"
    if not presumed and (own := _word_category(verb)):
        return own  # the verb's own meaning first: "nine died, 28 of them in intensive care"
    for child in verb.children:
        if category := (_complement_category(verb, child) or _care_category(child) or _left_for_dead(child)):
            return category
    if presumed:
        return None
    return _casualty_object_category(verb)


def _complement_category(verb: Token, child: Token) -> Category | None:
    """ "remain missing", "left dozens dead", "are so far known to have died": a complement after the
    verb. ("feared dead" never gets here: any "dead" after a verb of presuming is read first.)"""
    if child.dep_ not in ("acomp", "oprd", "xcomp", "ccomp") or child.i <= verb.i:
        return None
    if category := _word_category(child):
        return category
    if child.pos_ in ("VERB", "AUX", "ADJ"):
        return _predicate_category(child)  # "are so far known to have died"
    return None


def _care_category(child: Token) -> Category | None:
    """ "taken to hospital", "in hospital", "in a critical condition": the hurt; "in custody", "taken into
    custody", "in treatment": the arrested or the hurt; not "in cardiac arrest"."""
    if child.dep_ != "prep" or child.lower_ not in ("to", "in", "into", "under"):
        return None
    for obj in (grandchild for grandchild in child.children if grandchild.dep_ == "pobj"):
        if obj.lemma_.lower() in CARE_NOUNS or obj.lemma_.lower() in CONDITION_NOUNS:
            return "injured"
        if (category := _word_category(obj)) in ("arrests", "injured") and not any(
            word.dep_ == "amod" for word in obj.children
        ):
            return category
    return None


def _left_for_dead(child: Token) -> Category | None:
    """ "left for dead": missing, not dead."""
    if (
        child.dep_ == "prep"
        and child.lower_ == "for"
        and any(word.lower_ == "dead" for word in child.children)
    ):
        return "missing"
    return None


def _casualty_object_category(verb: Token) -> Category | None:
    """ "lost their lives", "sought treatment", "suffered injuries": the category a verb's object gives."""
    for child in verb.children:
        if child.dep_ == "dobj" and not child.like_num and child.lemma_.lower() in CASUALTY_OBJECTS:
            return _word_category(child)
    return None


def _category(head: Token) -> Found | None:
    """(category, counted noun or None, governing word or None) for a number token, from the parse."""
    if _names_a_thing(head):
        return None  # "Flight 9525", "Route 91", "Article 5": a name, not a count
    noun = _counted_noun(head)
    if noun is not None:
        return _category_of_counted_noun(head, noun)
    if category := _people_category(head):
        return category, None, None  # "53 injured", "dozens dead": a reduced clause after the number
    return _category_from_governor(head, None) or _category_after(head, None) or _category_before(head)


def _names_a_thing(head: Token) -> bool:
    """A number right after a noun that is no toll names it: "Flight 9525", "Route 91", "Article 5"."""
    return (
        head.dep_ in ("nummod", "compound", "appos")
        and head.head.i == head.i - 1
        and head.head.pos_ in ("NOUN", "PROPN")
        and head.head.lemma_.lower() not in TOLL_NOUNS
    )


def _counted_noun(head: Token) -> Token | None:
    """The noun (or adjective used as one) after a number that the number counts: "12 people"."""
    if (
        head.dep_ in ("nummod", "quantmod", "amod", "compound")
        and head.head.i > head.i
        and head.head.pos_ in ("NOUN", "PROPN", "ADJ")
    ):
        return head.head
    return None


def _category_of_counted_noun(head: Token, noun: Token) -> Found | None:
    """The noun's own meaning ("bodies") or a reduced clause ("people killed") decides; a relative
    clause ("one person who was injured succumbed") and a vague noun ("70 victims have been taken to
    hospitals") only when the verb they hang on says nothing."""
    if noun.lemma_.lower() in CARE_NOUNS | VENUE_NOUNS | NOT_PEOPLE_NOUNS:
        return None  # "three hospitals", "1,162 livestock"
    if _aside_about_counting(noun):
        return None  # "revised down to 10 after two victims were counted twice"
    own = _word_category(noun) if noun.lemma_.lower() not in VAGUE_PEOPLE_NOUNS else None
    category = own or _people_category(noun, ("acl", "amod"))
    if category and (category != "other_people" or noun.lower_ in ("survivors", "evacuees")):
        return category, noun, None
    if found := _category_from_governor(noun, noun):
        return found
    if category := _word_category(noun) or _people_category(noun):
        return (category, noun, None) if category != "other_people" else None
    return _category_after(head, noun) or _category_before(head)


def _person_noun(noun: Token) -> bool:
    """A noun for people: one the lexicon knows, a nationality, or a casualty noun ("the dead")."""
    return (
        noun.lemma_.lower() in PEOPLE_NOUNS
        or noun.lower_ in PEOPLE_NOUNS
        or noun.ent_type_ == "NORP"
        or _word_category(noun) is not None
    )


def _toll_day(verb: Token | None) -> str | None:
    """The day a toll verb is dated by ("the toll climbed to 142 on Monday"): a date phrase hanging on
    the verb itself, not one inside its subject ("the toll from Tuesday's collision was revised")."""
    if verb is None or not has_toll_argument(verb):
        return None
    for child in verb.children:
        if (
            child.dep_ == "prep"
            and child.lower_ in ("on", "by", "as")
            and any(token.ent_type_ == "DATE" for token in child.subtree)
        ):
            return " ".join(token.text for token in child.subtree)
        if child.dep_ == "npadvmod" and child.ent_type_ == "DATE":
            return " ".join(token.text for token in child.subtree)
    return None


def _category_before(head: Token) -> Found | None:
    """A toll sentence the parser misreads ("The official toll is at least 67: 61 civilians and ..."):
    a toll noun before the count, with only a verb, hedges and particles between them."""
    for token in reversed(head.doc[max(head.sent.start, head.i - 6) : head.i]):
        if token.pos_ in ("AUX", "VERB", "ADV", "ADP", "PART", "DET", "ADJ") and not token.like_num:
            continue
        if token.pos_ == "NOUN" and (category := _toll_category(token)):
            return category, None, token
        return None
    return None


def _aside_about_counting(noun: Token) -> bool:
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
    return any(
        _toll_category(child) for child in verb.head.children if child.dep_ in ("nsubj", "nsubjpass", "dobj")
    )


def _partitive_category(head: Token, earlier: list[FigureReading], span: Span) -> Found | None:
    """ "120 of the 132 victims", "80 of them seriously": a part takes the category of what it is a part
    of, the noun after "of" or, for "them" / "whom", the count before it."""
    obj = _object_of(
        next((child for child in head.children if child.dep_ == "prep" and child.lower_ == "of"), None)
    )
    if obj is None:
        return None
    if obj.pos_ == "PRON":
        return _part_of_count_before(head, earlier, span)
    if obj.lemma_.lower() in ("arrest", "death", "injury"):
        return None  # "one of the arrests": an event, not a person
    category = _word_category(obj) or _people_category(obj)
    if category is None and obj.lemma_.lower() in PEOPLE_NOUNS:
        found = _category_from_governor(head, None)
        category = found[0] if found else None
    return (category, None, None) if category else None


def _part_of_count_before(head: Token, earlier: list[FigureReading], span: Span) -> Found | None:
    """ "80 of them": a part of the count just before it, and no larger than it."""
    before = [number for number in numbers(span.text) if number.end <= head.idx - span.start_char]
    value = _value(head)
    if (
        earlier
        and before
        and before[-1].start == earlier[-1].start + _hedge_length(earlier[-1])
        and value is not None
        and value <= earlier[-1].value
    ):
        return earlier[-1].category, None, None
    return None


def _hedge_length(reading: FigureReading) -> int:
    """How far a reading's words start before its number ("at least 22" starts 9 before "22")."""
    found = numbers(reading.as_stated)
    return found[-1].start if found else 0


def _value(number_token: Token) -> int | None:
    found = numbers(number_token.text)
    return found[0].value if found else None


def _category_after(head: Token, noun: Token | None) -> Found | None:
    """Headline grammar the parser misreads ("Quetta Blast: 05 Dead, Over 20 Injured"): the casualty
    word right after the count (or after its noun), before any other number or clause break."""
    counted = noun if noun is not None else head
    for token in head.doc[counted.i + 1 : counted.i + 5]:
        category = _word_category(token)
        if (
            category
            and counted.head.i == token.i
            and counted.dep_ == "nsubj"
            and any(child.dep_ == "dobj" for child in token.children)
        ):
            return None  # "two gunmen killed a shopkeeper": the doers
        if category:
            # "470 people aboard": no casualty
            return (category, noun, token) if category != "other_people" else None
        if token.pos_ in ("AUX", "PART") or token.pos_ == "ADV" and token.head.i > token.i:
            continue  # "100 are still missing"
        return None
    return None


def _category_from_governor(word: Token, noun: Token | None) -> Found | None:
    """Climb from the counted word to what governs it: a casualty verb, a toll noun, a conjunct."""
    for _ in range(4):
        verdict = _governor_verdict(word, noun)
        if not isinstance(verdict, _ClimbTo):
            return verdict
        word = verdict.word
    return None


def _governor_verdict(word: Token, noun: Token | None) -> Found | _ClimbTo | None:
    """What the word governing `word` says the count counts, or the word to climb to next."""
    dep, governor = word.dep_, word.head
    if dep == "conj":
        return _conjunct_verdict(word, noun)
    if dep in ("nsubj", "nsubjpass", "dobj", "attr", "oprd", "npadvmod", "dative"):
        return _from_verb(governor, word, noun)
    if dep == "pobj":
        return _prepositional_verdict(word, noun)
    if dep == "appos" and governor.pos_ in ("NUM", "NOUN"):
        return _ClimbTo(governor)
    if (
        dep in ("acl", "relcl", "advcl")
        and word.pos_ in ("VERB", "ADJ")
        or dep == "ROOT"
        or dep in ("ccomp", "advcl", "xcomp")
        and word.pos_ in ("VERB", "ADJ", "AUX")
    ):
        category = _predicate_category(word)
        return (category, noun, word) if category else None
    return None


def _conjunct_verdict(word: Token, noun: Token | None) -> Found | _ClimbTo | None:
    """ "the toll reached 181 and more than 100 are still missing": a conjunct with a predicate of its
    own; else "Nine soldiers and 30 civilians were killed": as the first conjunct."""
    if own := _category_after(word, noun):
        return own
    first = word.head
    while first.dep_ == "conj":
        first = first.head
    if first.pos_ in ("VERB", "ADJ", "AUX") and word.pos_ in ("VERB", "ADJ"):
        category = _predicate_category(word) or _word_category(word)
        return (category, noun, word) if category else None
    if first.pos_ == "NOUN" and (category := _word_category(first)) and category != "other_people":
        return category, noun, None  # "190 deaths in Rieti and 57 in Ascoli"
    return _ClimbTo(first)


def _prepositional_verdict(word: Token, noun: Token | None) -> Found | _ClimbTo | None:
    """A count that is the object of a preposition: "a death toll of 150", "claimed the lives of 189",
    "including five children", "up from 74", "with four directly involved in the assault"."""
    prep = word.head
    if prep.lower_ == "of" and prep.head.lower_ in ("none", "neither"):
        return None  # "none of the six had been taken into custody"
    if prep.lower_ == "with" and any(
        child.dep_ in ("acl", "amod") and child.pos_ == "VERB" for child in word.children
    ):
        return _with_clause_category(word, noun)
    if prep.head.pos_ in ("NOUN", "PROPN") and (category := _toll_category(prep.head)):
        return category, noun, prep.head  # "a death toll of 150"
    if prep.lower_ == "of" and prep.head.pos_ == "NOUN" and (category := _word_category(prep.head)):
        return category, noun, prep.head  # "claimed the lives of 189"
    if prep.lower_ in ("including", "among", "of") and prep.head.pos_ in ("NUM", "NOUN", "PROPN", "PRON"):
        return _ClimbTo(prep.head)  # "including five children": the count it is a part of
    if prep.head.pos_ in ("VERB", "AUX", "ADJ", "ADV"):
        return _from_verb(_verb_above(prep.head), word, noun, via_prep=prep)
    return None


def _with_clause_category(word: Token, noun: Token | None) -> Found | None:
    """ "with four directly involved in the assault": the category of the clause on the count."""
    found = next(
        (_predicate_category(child) for child in word.children if child.dep_ in ("acl", "amod")), None
    )
    return (found, noun, None) if found else None


def _verb_above(word: Token) -> Token:
    """The verb an adverb hangs on ("up from 74": "up" hangs on the verb), or the word itself."""
    while word.pos_ == "ADV" and word.head.i != word.i:
        word = word.head
    return word


def _from_verb(verb: Token, arg: Token, noun: Token | None, via_prep: Token | None = None) -> Found | None:
    """The category a verb gives its argument: its own meaning ("12 died", "killing 12"), or that of a
    toll noun among its other arguments ("the death toll topped 20,000", "put the toll at 84",
    "bringing to five the number of people held"), or among those of the verb it is coordinated with
    ("raises earthquake death toll, passes 2,200")."""
    if verb.dep_ in ("aux", "auxpass") and verb.head.i != verb.i:
        verb = verb.head  # "20 are missing": the parser hangs the subject on the auxiliary
    if category := _participle_as_noun(verb, via_prep):
        return category, noun, verb  # "... and the injured at 2,059": a participle used as a noun
    if _subject_is_the_doer(verb, arg):
        return None  # "two men killed a priest": who did it, not whom it befell
    # the verb's own meaning first: "..., and wounding 500 others"
    if _verb_meaning_applies(arg, noun, via_prep) and (category := _predicate_category(verb)):
        if category == "other_people" and noun is None and verb.lemma_.lower() in ("survive",):
            return None
        return category, noun, verb
    if category := _toll_list_category(verb) or _toll_argument_category(verb, arg, via_prep):
        return category, noun, verb
    if _clause_reached_by_preposition(verb, via_prep):
        return None
    if category := _copula_category(verb, arg):
        return category, noun, verb
    return None


def _participle_as_noun(verb: Token, via_prep: Token | None) -> Category | None:
    """ "... and the injured at 2,059": a participle used as a noun (it has a determiner)."""
    if (
        via_prep is not None
        and via_prep.lower_ == "at"
        and any(child.dep_ == "det" for child in verb.children)
    ):
        return _word_category(verb)
    return None


def _subject_is_the_doer(verb: Token, arg: Token) -> bool:
    """ "two men killed a priest": the subject of a casualty verb with an object is who did it."""
    return (
        arg.dep_ == "nsubj"
        and any(child.dep_ == "dobj" for child in verb.children)
        and _word_category(verb) in ("killed", "injured")
    )


def _verb_meaning_applies(arg: Token, noun: Token | None, via_prep: Token | None) -> bool:
    """Whether the verb's own meaning is said of the count: not of things after a preposition
    ("detained six people in three separate cases": the verb's meaning is not the cases'), nor of a
    count the verb measures through a preposition ("rose from 74 to 85")."""
    things = noun is not None and via_prep is not None and arg.dep_ == "pobj" and not _person_noun(noun)
    return not things and (via_prep is None or via_prep.lower_ not in _MEASURING_PREPOSITIONS)


def _toll_list_category(verb: Token) -> Category | None:
    """ "seven more were added to the list of fatalities": a toll noun (other than "toll") the verb
    adds the count to."""
    for prep in (
        child for child in verb.children if child.dep_ == "prep" and child.lower_ in ("to", "into", "on")
    ):
        for obj in (grandchild for grandchild in prep.children if grandchild.dep_ == "pobj"):
            if (
                obj.lemma_.lower() in TOLL_NOUNS
                and obj.lemma_.lower() != "toll"
                and (category := _toll_category(obj))
            ):
                return category
    return None


def _toll_argument_category(verb: Token, arg: Token, via_prep: Token | None) -> Category | None:
    """A toll noun among the verb's other arguments, or among those of the verb it is coordinated with:
    "the death toll topped 20,000", "raises earthquake death toll, passes 2,200"."""
    sharing = [verb] + ([verb.head] if verb.dep_ == "conj" else [])
    for shared in sharing:
        for child in shared.children:
            if child.i == arg.i or child.dep_ not in ("nsubj", "nsubjpass", "dobj"):
                continue
            if category := _toll_category(child):
                return category
            if child.lemma_.lower() in TOLL_NOUNS and (category := _word_category(shared)):
                return category  # "the number being treated [rose] to 74"
            if (
                via_prep is not None
                and via_prep.lower_ == "at"
                and child.dep_ == "dobj"
                and (category := _word_category(child))
                and category != "other_people"
            ):
                return category  # "put the dead at 2,012 and the injured at 2,059"
    return None


def _clause_reached_by_preposition(verb: Token, via_prep: Token | None) -> bool:
    """A count after a preposition of a subordinate or coordinated verb that said nothing of it: the
    clause gives no category."""
    return (
        verb.dep_ in ("acl", "relcl", "advcl", "xcomp", "conj")
        and verb.pos_ in ("VERB", "AUX")
        and via_prep is not None
    )


def _copula_category(verb: Token, arg: Token) -> Category | None:
    """ "the dead were 40": the subject says what; "ten children were among the 84 killed"."""
    if verb.pos_ != "AUX" and verb.lemma_.lower() != "be":
        return None
    for child in verb.children:
        if child.i != arg.i and child.dep_ in ("nsubj", "attr") and (category := _word_category(child)):
            return category
        if child.dep_ == "prep" and child.lower_ == "among":
            for obj in (grandchild for grandchild in child.children if grandchild.dep_ == "pobj"):
                if (category := _word_category(obj) or _people_category(obj)) and category != "other_people":
                    return category
    return None


# --- qualifier -----------------------------------------------------------------------------------


def _qualifier(text: str, span: Span, number: Number, head: Token) -> tuple[Qualifier, int, int]:
    """The hedge and the words that carry it: "at least 1,300", "nearly 21,000", "topped 2,000"
    (a verb's hedge stays in the words as stated), "50+"."""
    before = text[: number.start]
    for hedge, qualifier in _QUALIFIER_BEFORE:
        if match := hedge.search(before):
            return qualifier, match.start(), number.end
    if _PLUS_AFTER.match(text[number.end :]):
        return "more_than", number.start, number.end + 1
    governor = head.head if head.dep_ in ("dobj", "pobj") else None
    if governor is not None and governor.dep_ == "prep":
        governor = None  # "rose to 445": the plain figure
    if governor is not None and governor.i < head.i:
        lemma = governor.lemma_.lower()
        start = governor.idx - span.start_char
        if lemma in ABOVE_VERBS:
            return "more_than", start, number.end
        if lemma in NEAR_VERBS:
            return "about", start, number.end
    return "exact", number.start, number.end


# --- role: the part the count plays ----------------------------------------------------------------


def _path_up(token: Token, limit: int = 8) -> Iterator[Token]:
    """The words above `token` in the parse, nearest first, at most `limit` of them."""
    seen = 0
    while token.head.i != token.i and seen < limit:
        token = token.head
        seen += 1
        yield token


def _role(
    head: Token,
    noun: Token | None,
    verb: Token | None,
    category: Category,
    place_words: frozenset[str],
    background: bool,
    year: str | None,
    month: str | None,
) -> tuple[Role, str | None]:
    """The part a count plays in its report, and for a part, the words that say which part."""
    counted = noun if noun is not None else head
    verb = _verb_of_count(noun, verb)
    if background and not _the_incident_as_subject(verb):
        return "other_event", None
    if (adverb := _adverb_of_part(head, noun)) is not None:
        return "part", adverb.text  # "ten were wounded, six critically"
    partitive = _partitive(head, counted)
    if partitive and _of_the_count_before(partitive):
        return "part", partitive  # "75 of whom were admitted": a part of the count before, whatever follows
    if role := _role_in_time(head, year, month):
        return role, None
    if scope := partitive or _part_scope(head, counted, verb, category, place_words):
        return "part", scope
    if _increment(head, counted, verb):
        return "increment", None
    if noun is not None and _noun_names_a_part(noun, category):
        return "part", _noun_phrase(noun)  # "61 civilians", "two American deaths"
    return "total", None


def _verb_of_count(noun: Token | None, verb: Token | None) -> Token | None:
    """The verb that gave the category, else the verb of the noun that did: "212 bodies have been
    identified"."""
    if verb is None and noun is not None and noun.dep_ in ("nsubj", "nsubjpass", "dobj"):
        return noun.head
    return verb


def _of_the_count_before(partitive: str) -> bool:
    """ "of whom", "of them": the words of a part that refer back to the count before."""
    return partitive.split()[-1].lower() in ("whom", "them", "which", "those")


def _noun_names_a_part(noun: Token, category: Category) -> bool:
    """ "61 civilians", "two American deaths": a noun for some of the people (not a whole count such
    as "people" or "deaths" unless a nationality narrows it); arrests and the missing are never parts
    by their noun."""
    return category not in ("arrests", "missing") and (not _whole(noun) or _national(noun))


def _adverb_of_part(head: Token, noun: Token | None) -> Token | None:
    """ "ten were wounded, six critically": a bare count set beside another with an adverb."""
    if head.dep_ in ("npadvmod", "appos") and noun is None:
        return next((child for child in head.children if child.pos_ == "ADV"), None)
    return None


def _role_in_time(head: Token, year: str | None, month: str | None) -> Role | None:
    """Another event's count, an earlier figure of this one, or a forecast."""
    if _other_event(head, year, month):
        return "other_event"
    if _earlier(head):
        return "earlier"
    if _projection(head):
        return "projection"
    return None


def _part_scope(
    head: Token, counted: Token, verb: Token | None, category: Category, place_words: frozenset[str]
) -> str | None:
    """The words that make a count a part of the whole, other than "of" or "including": bodies handled,
    the first ones counted, the hurt in a condition, a count in another place."""
    if scope := _body_handling(counted, verb):
        return scope
    if any(
        child.lower_ == "first" and child.dep_ in ("amod", "advmod")
        for child in [*head.children, *counted.children]
    ):
        return f"first {head.text}"  # "the first six victims recovered": those counted so far
    if category == "injured" and (scope := _in_condition(verb)):
        return scope
    return _place_part(counted, verb, place_words)


def _increment(head: Token, counted: Token, verb: Token | None) -> bool:
    """ "eight more", "a rise of more than 500", "we have added six deaths", "the toll rose to 135 as one
    person who was injured succumbed": a count added to the toll."""
    return (
        _toll_rose_as(counted, verb)
        or _added(head, counted, verb)
        or _change_of(head)
        or (verb is not None and verb.lemma_.lower() == "add" and counted.dep_ == "dobj")
    )


def _toll_rose_as(counted: Token, verb: Token | None) -> bool:
    """ "the toll rose to 135 as one person who was injured succumbed": the clause that says why the toll
    rose counts what was added."""
    return (
        verb is not None
        and verb.dep_ == "advcl"
        and has_toll_argument(verb.head, ("nsubj", "nsubjpass"))
        and counted.lemma_.lower() not in TOLL_NOUNS
        and any(
            child.dep_ == "mark" and child.lower_ in ("as", "after", "because", "when")
            for child in verb.children
        )
    )


def _the_incident_as_subject(verb: Token | None) -> bool:
    """ "the powerful earthquake which rocked the nation last month has claimed 7,802 lives": a sentence
    that reads as background (it says "last month") but whose count is claimed by the incident itself,
    named with "the" and no year of its own. Another event comes with "a", a year or a place."""
    if verb is None:
        return False
    subject = next((child for child in verb.children if child.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None or subject.lemma_.lower() not in EVENT_NOUNS:
        return False
    if not any(child.dep_ == "det" and child.lower_ in ("the", "this") for child in subject.children):
        return False
    return not any(
        _MONTH_OR_YEAR.match(token.text)
        for token in subject.subtree
        if token.ent_type_ == "DATE" and token.head.i == subject.i
    )


# --- another event's count ---------------------------------------------------------------------


def _other_event(head: Token, year: str | None, month: str | None = None) -> bool:
    """ "worse than the 2011 tsunami, which killed more than 18,000": the count's clause hangs on another
    event, dated by a year or a month of its own, or held up for comparison."""
    return (
        _hangs_on_another_event(head, year)
        or _dated_by_another_time(head, month)
        or _clause_in_another_year(head, year)
    )


def _hangs_on_another_event(head: Token, year: str | None) -> bool:
    """The count is in a clause on an event noun that is not the incident, or after "than"."""
    for token in _path_up(head):
        if (
            token.dep_ in ("relcl", "acl")
            and token.head.pos_ in ("NOUN", "PROPN")
            and _another_event(token.head, token, year)
        ):
            return True
        if token.dep_ == "prep" and token.lower_ == "than":
            return True
    return False


def _another_event(event: Token, clause: Token, year: str | None) -> bool:
    """An event noun that is not the incident: dated by another year before the clause on it ("the 2011
    tsunami, which killed ..."), held up for comparison ("than", "like"), or called separate."""
    years = [
        word
        for word in event.subtree
        if word.like_num
        and len(word.text) == 4
        and word.text.isdigit()
        and 1800 <= int(word.text) <= 2100
        and word.i < clause.i
    ]
    if years and (year is None or any(word.text != year for word in years)):
        return True
    if event.head.dep_ == "prep" and event.head.lower_ in ("than", "like"):
        return True
    # "a separate mass shooting ... that claimed nine lives"
    return any(child.dep_ == "amod" and child.lower_ in OTHER_EVENT_WORDS for child in event.children)


def _dated_by_another_time(head: Token, month: str | None) -> bool:
    """ "In January, a suicide bomber killed 15 people"; "an aircraft that crashed ... in October, and
    claimed the lives of 189": a verb on the way up dated by a month or a year, not the incident's."""
    for token in [head, *_path_up(head, 12)]:
        if (
            token.pos_ in ("VERB", "AUX")
            and (when := _dated_by_month(token))
            and not _same_month(when, month)
        ):
            return True
        if (
            token.dep_ == "relcl"
            and _MONTH_OR_YEAR.match(token.head.text)
            and not _same_month([token.head.text], month)
        ):
            return True  # "a reminder of 2011, when similar mudslides killed more than 900 people"
        if (
            token.dep_ in ("advcl", "pcomp", "pobj")
            and token.pos_ in ("VERB", "AUX")
            and _time_ago_clause(token)
        ):
            return True  # "three months after gunmen shot dead dozens of people"
    return False


def _clause_in_another_year(head: Token, year: str | None) -> bool:
    """The count's clause names a year that is not the report's."""
    clause = next((token for token in [head, *_path_up(head)] if token.pos_ in ("VERB", "AUX")), None)
    if year and clause is not None:
        return any(
            token.ent_type_ == "DATE" and re.fullmatch(r"(18|19|20)\d\d", token.text) and token.text != year
            for token in clause.subtree
        )
    return False


def _dated_by_month(clause: Token) -> list[str]:
    """The month and year words of a clause dated by a month or a year with no day ("In December 2010",
    "in October", "last year"): news dates its own incident by the day or the weekday, an earlier one
    by the month."""
    for phrase in clause.children:
        if (phrase.dep_ == "prep" and phrase.lower_ == "in" or phrase.dep_ == "npadvmod") and (
            named := _month_or_year_words(phrase)
        ):
            return named
    return []


def _month_or_year_words(phrase: Token) -> list[str]:
    """The month and year words of a date phrase ("in December 2010", "last year"); none if it names a
    day ("on March 3")."""
    words = [
        token
        for token in (list(phrase.subtree) if phrase.dep_ == "prep" else [phrase, *phrase.subtree])
        if token.ent_type_ == "DATE"
    ]
    named = [token.text for token in words if _MONTH_OR_YEAR.match(token.text)]
    if any(token.lower_ == "last" for token in words) and any(
        token.lower_ in ("year", "month") for token in words
    ):
        named = ["last"]
    if named and not any(token.like_num and len(token.text) <= 2 for token in words):
        return named
    return []


def _time_ago_clause(clause: Token) -> bool:
    """A clause set a span of time before or after the report's event: "three months after gunmen
    shot dead dozens", "two years before a fire killed 40", "three years since a dam burst"."""
    mark = next(
        (
            child
            for child in clause.children
            if child.dep_ in ("mark", "prep") and child.lower_ in ("after", "before", "since")
        ),
        None,
    )
    if mark is None and clause.head.lower_ in ("after", "before", "since"):
        mark = clause.head  # the clause is the object of the preposition
    if mark is None:
        return False
    spans = [token for token in mark.subtree if token.lemma_.lower() in _TIME_SPANS]
    spans += [
        token
        for child in clause.children
        if child.dep_ == "npadvmod"
        for token in child.subtree
        if token.lemma_.lower() in _TIME_SPANS
    ]
    return bool(spans)


def _same_month(words: list[str], month: str | None) -> bool:
    """Whether month/year words ("March", "March 2024") name the incident's month (YYYY-MM)."""
    if not month:
        return False
    for word in words:
        if word.isdigit() and word != month[:4]:
            return False
        if not word.isdigit() and MONTHS.get(word.lower().rstrip(".")) != int(month[5:7]):
            return False
    return words != ["last"]


# --- earlier figures and forecasts ---------------------------------------------------------------


def _earlier(head: Token) -> bool:
    """ "up from 74", "rose from 74 to 85", "had initially reported 50", "previously announced that 31"."""
    if head.dep_ == "pobj" and head.head.lower_ == "from":
        return True
    if _set_right(head):
        return True  # "50 killed, not 20 as initially reported": the figure set right
    if head.dep_ == "conj" and head.head.like_num and _earlier(head.head):
        return True  # "... not 20 killed and 42 hospitalised"
    return _after_report_of(head) or _reported_earlier(head)


def _set_right(head: Token) -> bool:
    """ "not 20": a figure with "not" before it and its hedges."""
    first = head
    while first.i > 0 and (
        first.doc[first.i - 1].dep_ in ("quantmod", "advmod")
        or first.doc[first.i - 1].lower_ in ("least", "than", "about")
    ):
        first = first.doc[first.i - 1]
    return first.i > 0 and first.doc[first.i - 1].lower_ == "not"


def _after_report_of(head: Token) -> bool:
    """ "ten more bodies were found after the announcement of 104 deaths": the count in a report that
    came before."""
    counted = head.head if head.dep_ == "nummod" else head
    return (
        counted.dep_ == "pobj"
        and counted.head.lower_ == "of"
        and counted.head.head.lemma_.lower() in REPORT_NOUNS
        and counted.head.head.dep_ == "pobj"
        and counted.head.head.head.lower_ in ("after", "since", "before")
    )


def _reported_earlier(head: Token) -> bool:
    """ "the 73 reported earlier", "had initially reported 50": an adverb of earlier time on the count's
    clause or near above it."""
    for clause in (child for child in head.children if child.dep_ in ("acl", "relcl")):
        if any(word.dep_ == "advmod" and word.lower_ in EARLIER_ADVERBS for word in clause.children):
            return True  # "the 73 reported earlier"
    for token in [head, *_path_up(head, 4)]:
        for child in token.children:
            if child.dep_ == "advmod" and child.lower_ in EARLIER_ADVERBS:
                return True
    return False


def _projection(head: Token) -> bool:
    """ "could rise to 10,000", "is expected to top 500"; not "feared dead" (a category, not a forecast)."""
    for token in [head, *_path_up(head, 5)]:
        if token.pos_ not in ("VERB", "AUX"):
            continue
        if any(child.dep_ == "aux" and child.lower_ in MODAL_VERBS for child in token.children):
            return True
        if token.lemma_.lower() in EXPECT_VERBS and any(
            child.dep_ in ("xcomp", "ccomp") for child in token.children
        ):
            return not any(word.lower_ == "dead" for word in token.subtree)
    return False


# --- parts: the scope of a count that is a part of the whole -----------------------------------------


def _partitive(head: Token, counted: Token) -> str | None:
    """ "28 of them", "33 of the dead", "including five children", "among them two children"."""
    return _part_of_named_whole(head, counted) or _among_subject(counted) or _included(counted)


def _part_of_named_whole(head: Token, counted: Token) -> str | None:
    """ "28 of them", "33 of the dead", "among them two children": "of" or "among" a whole named with a
    determiner ("two relatives of X" is no part)."""
    for child in [*head.children, *(word for word in counted.children if word.lower_ == "among")]:
        if child.dep_ == "prep" and child.lower_ in ("of", "among"):
            obj = _object_of(child)
            if obj is not None and not obj.like_num and _determined(obj):
                return f"{child.text} {' '.join(token.text for token in obj.subtree)}"[:80]
    return None


def _among_subject(counted: Token) -> str | None:
    """ "ten children were among the 84 killed": the subject's verb says whom they are among."""
    if counted.dep_ not in ("nsubj", "nsubjpass"):
        return None
    among = next(
        (child for child in counted.head.children if child.dep_ == "prep" and child.lower_ == "among"), None
    )
    return " ".join(token.text for token in among.subtree)[:80] if among is not None else None


def _included(counted: Token) -> str | None:
    """ "including five children": the people named, or the word "including"."""
    for token in [counted, *_path_up(counted, 3)]:
        if token.dep_ == "pobj" and token.head.lower_ == "including":
            return _noun_phrase(counted) if counted.pos_ in ("NOUN", "PROPN") else token.head.lower_
    return None


def _determined(obj: Token) -> bool:
    """ "of them", "of the dead", "of the 132 victims" name a whole; "dozens of people" does not."""
    return obj.pos_ == "PRON" or any(child.dep_ in ("det", "nummod", "poss") for child in obj.children)


def _in_condition(verb: Token | None) -> str | None:
    """ "61 were still in a critical condition", "nine remain in intensive care": the hurt in a state
    are a part of the hurt ("taken to hospital" is how the hurt are counted, not a part)."""
    if verb is None:
        return None
    # "still in hospital"; not "treated in hospital"
    being = verb.lemma_.lower() in ("be", "remain", "stay", "lie")
    for prep in (child for child in verb.children if child.dep_ == "prep" and child.lower_ == "in"):
        if any(
            obj.lemma_.lower() in CONDITION_NOUNS or being and obj.lemma_.lower() in CARE_NOUNS
            for obj in prep.children
        ):
            return " ".join(token.text for token in prep.subtree)[:80]
    return None


def _body_handling(counted: Token, verb: Token | None) -> str | None:
    """ "7,683 bodies have been handed over", "88 bodies identified": bodies handled, a part of the toll."""
    if verb is None or counted.lemma_.lower() not in ("body", "corpse", "remains", "victim"):
        return None
    lemma = verb.lemma_.lower()
    if lemma in BODY_HANDLING_VERBS:
        return f"{counted.text} {verb.text}{' over' if lemma == 'hand' else ''}"
    if any(
        word.lower_ == "so" and word.head.i == verb.i or word.dep_ == "advmod" and word.lower_ == "far"
        for word in verb.subtree
    ):
        return f"{counted.text} {verb.text} so far"
    return None


def _place_part(counted: Token, verb: Token | None, place_words: frozenset[str]) -> str | None:
    """A count in a place other than the incident's: "72 were killed in India", "the Kathmandu Valley,
    where 1,441 have died". Without the incident's place, a place is a part only beside the word "also"
    or under "where"."""
    for anchor in (token for token in (verb, counted) if token is not None):
        if scope := _other_place_on(anchor, place_words):
            return scope
    return _where_clause_place(verb, place_words)


def _other_place_on(anchor: Token, place_words: frozenset[str]) -> str | None:
    """ "72 were killed in India": a place phrase on the verb or the counted noun that is not the
    incident's place (or, without it, one beside "also")."""
    for prep in anchor.children:
        if prep.dep_ != "prep" or prep.lower_ not in ("in", "at", "on", "across"):
            continue
        place = _place_object(prep)
        if place is None:
            continue  # "in the nearby Bhaktapur district" names a place; "in the earthquake" does not
        name = (
            " ".join(token.text for token in place.subtree if token.ent_type_ or token.pos_ == "PROPN")
            or place.text
        )
        elsewhere = (
            not set(name.split()) & place_words
            if place_words
            else any(child.lower_ == "also" for child in anchor.children)
        )
        if elsewhere:
            return f"{prep.text} {name}"[:80]
    return None


def _place_object(prep: Token) -> Token | None:
    """The object of a preposition when it names a place."""
    return next(
        (
            obj
            for obj in prep.children
            if obj.dep_ == "pobj" and any(token.ent_type_ in ("GPE", "LOC", "FAC") for token in obj.subtree)
        ),
        None,
    )


def _where_clause_place(verb: Token | None, place_words: frozenset[str]) -> str | None:
    """ "the Kathmandu Valley, where 1,441 have died": the place a "where" clause hangs on."""
    if verb is None or verb.dep_ != "relcl" or not any(child.lower_ == "where" for child in verb.children):
        return None
    name = " ".join(token.text for token in verb.head.subtree if token.i < verb.i and token.dep_ != "punct")
    if not place_words or not set(name.split()) & place_words:
        return f"in {name}"[:80]
    return None


def _added(head: Token, counted: Token, verb: Token | None) -> bool:
    """ "eight more victims", "another 25 bodies retrieved", "two more died": newly added to the toll.
    "another 79 were injured" is a whole count that only reads as an addition."""
    words = _modifier_words(head, counted)
    if not words & ADDED_WORDS:
        return False
    if any(token.lower_ == "than" for token in head.doc[head.i : head.i + 6]):
        return False  # "1,427 more deaths than normal": a comparison
    if "more" in words and head.i > 0 and head.doc[head.i - 1].lower_ == "than":
        words.discard("more")  # "more than 100": a hedge, not an addition
        if not words & ADDED_WORDS:
            return False
    if "more" in words or "further" in words:
        return True
    return verb is not None and verb.lemma_.lower() in FOUND_VERBS


def _modifier_words(head: Token, counted: Token) -> set[str]:
    """The words that modify a count and its noun, and the two words before it when one of them is
    "a", "another" or "further" ("a further 25")."""
    words = {
        child.lower_
        for token in (head, counted)
        for child in token.children
        if child.dep_ in ("amod", "advmod", "det", "quantmod")
    }
    before = {token.lower_ for token in head.doc[max(head.i - 2, 0) : head.i]}
    if before & {"a", "another", "further"}:
        words |= before
    return words


def _national(noun: Token) -> bool:
    return any(
        child.dep_ in ("amod", "compound") and child.ent_type_ in ("NORP", "GPE") for child in noun.children
    )


def has_toll_argument(verb: Token, deps: tuple[str, ...] = ("nsubj", "nsubjpass", "dobj")) -> bool:
    """Whether a verb's subject (or object) is a toll noun: "the toll rose", "lowered the death toll"."""
    return any(child.dep_ in deps and child.lemma_.lower() in TOLL_NOUNS for child in verb.children)


def _change_of(head: Token) -> bool:
    """ "a rise of more than 500 on the previous figure": the count is the size of a change."""
    return head.dep_ == "pobj" and head.head.lower_ == "of" and head.head.head.lemma_.lower() in CHANGE_NOUNS


def _whole(noun: Token) -> bool:
    lower = noun.lower_
    return (
        lower in WHOLE_COUNT_NOUNS
        or noun.lemma_.lower() in WHOLE_COUNT_NOUNS
        or noun.lemma_.lower() in TOLL_NOUNS
    )


def _noun_phrase(noun: Token) -> str:
    """ "children", "members of the security forces", "crew members"."""
    first = min(
        [
            child.i
            for child in noun.lefts
            if child.dep_ in ("compound", "amod") and child.pos_ != "NUM" and child.lower_ not in ADDED_WORDS
        ]
        + [noun.i]
    )
    last = noun.i
    of = next((child for child in noun.rights if child.dep_ == "prep" and child.lower_ == "of"), None)
    if of is not None and noun.lower_ in ("members", "member", "relatives", "families"):
        last = max(token.i for token in of.subtree)
    return noun.doc[first : last + 1].text[:80]


def _where(counted: Token) -> str | None:
    """The place phrase hanging on a count ("57 in neighbouring Ascoli Piceno province")."""
    for prep in counted.children:
        if prep.dep_ == "prep" and prep.lower_ in ("in", "at"):
            obj = _object_of(prep)
            if obj is not None and (
                obj.ent_type_ in ("GPE", "LOC", "FAC")
                or obj.pos_ == "PROPN"
                or any(token.ent_type_ in ("GPE", "LOC", "FAC") for token in obj.subtree)
            ):
                return " ".join(token.text for token in prep.subtree)[:80]
    return None


def _parts_by_place(found: list[FigureReading]) -> list[FigureReading]:
    """ "190 deaths in Rieti province and 57 in Ascoli Piceno province": counts of one category set
    side by side in different places are each a part, scoped by its place."""
    out = list(found)
    for category in {figure.category for figure in found}:
        placed = [
            i
            for i, figure in enumerate(found)
            if figure.category == category and figure.place and figure.role == "total"
        ]
        if len({found[i].place for i in placed}) < 2:
            continue
        for i in placed:
            out[i] = replace(found[i], role="part", scope=found[i].place)
    return out
