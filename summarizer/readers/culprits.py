"""Culprits: the people the parse names as attackers or suspects: "the bomber, Salman Abedi", "Hashem
Abedi ... was detained", "warrants for the captain, Lee Joon-seok", "named the suspect as X"."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from summarizer.readers.language import ents_within, text_of
from summarizer.readers.lexicon import ARREST_NOUNS, ARREST_VERBS, CULPRIT_LIST_CUES, CULPRIT_NOUNS, STOP

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


@dataclass(frozen=True)
class Culprit:
    name: str
    kind: str  # person | group
    role: str  # attacker | suspect
    status: str  # arrested | charged | unknown
    start: int  # offsets of the name in the doc
    end: int


def is_trade(noun: Token) -> bool:
    """ "a delivery driver", "the bus driver": a job, not a role in the incident."""
    return any(c.dep_ == "compound" for c in noun.lefts)


def _role_of(noun: Token) -> str:
    return "suspect" if noun.lemma_.lower() == "suspect" else "attacker"


# The relations climbed from a name to what governs it: appositions, conjunctions, prepositions,
# subjects and objects.
_CLIMBED = frozenset("appos conj pobj prep compound nsubjpass dobj attr nsubj cc npadvmod".split())
# (role, status, named by a culprit noun)
_Reason = tuple[str, str, bool]


def _why(tok: Token) -> _Reason | None:
    """(role, status, named by a culprit noun) when the parse ties a person's name to a culprit noun or
    an arrest, else None. Climbs from the name through appositions, conjunctions and prepositions to
    what governs it; the first verb on the way decides."""
    path: list[str] = []
    prep = None
    while tok.dep_ in _CLIMBED and tok.head is not tok and len(path) < 8:
        path.append(tok.dep_)
        prep = tok.lower_ if tok.dep_ == "prep" else prep
        came, tok = tok, tok.head
        if tok.pos_ == "NOUN" and (found := _by_noun(tok, path)) is not None:
            return found
        if tok.pos_ in ("VERB", "AUX"):
            return _by_verb(tok, came, path, prep)
    return None


def _by_noun(noun: Token, path: list[str]) -> _Reason | None:
    """A culprit noun the name stands beside ("the bomber, Salman Abedi"), or an arrest noun it is the
    object of ("warrants for X")."""
    lemma = noun.lemma_.lower()
    if lemma in CULPRIT_NOUNS and "pobj" not in path and not is_trade(noun):
        return _role_of(noun), "unknown", True  # "the bomber, Salman Abedi"
    if lemma in ARREST_NOUNS and path[-2:] == ["pobj", "prep"]:
        return "suspect", "arrested", False  # "warrants for X"
    return None


def _by_verb(verb: Token, came: Token, path: list[str], prep: str | None) -> _Reason | None:
    """A verb of arrest the name is the object of ("X was detained", "arrested with X"), a naming
    ("named the suspects as X"), or "the driver was X"."""
    lemma = verb.lemma_.lower()
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if _is_arrest(lemma, obj) and _arrested_one(path[-1], prep):
        return "suspect", "charged" if lemma == "charge" else "arrested", False  # "X was detained"
    if lemma in ("name", "identify") and prep == "as":
        # "the suspects, identified as X": the noun the participle describes
        named = obj if obj is not None else verb.head if verb.dep_ == "acl" else None
        if named is not None and named.lemma_.lower() in CULPRIT_NOUNS:
            return _role_of(named), "unknown", True  # "named the suspects as X"
    if lemma == "be" and path[-1] in ("attr", "nsubj"):  # "the driver was X"
        return _by_being(verb, came)
    return None


def _is_arrest(lemma: str, obj: Token | None) -> bool:
    """A verb of arrest, or one whose object is an arrest ("issued warrants")."""
    return lemma in ARREST_VERBS or obj is not None and obj.lemma_.lower() in ARREST_NOUNS


def _arrested_one(relation: str, prep: str | None) -> bool:
    """Whether the name, in its last relation on the way up, is whom the arrest is of ("X was detained",
    "arrested X") or with ("arrested with X")."""
    if relation == "prep":
        return prep in ("with", "along", "alongside")
    return relation in ("nsubjpass", "dobj", "npadvmod", "appos")


def _by_being(verb: Token, came: Token) -> _Reason | None:
    """ "the driver was X": the other side of "be" is a culprit noun."""
    other = next((c for c in verb.children if c.dep_ in ("nsubj", "attr") and c is not came), None)
    if other is not None and other.lemma_.lower() in CULPRIT_NOUNS:
        return _role_of(other), "unknown", True
    return None


def listed(item: str) -> tuple[int, int] | None:
    """The name that opens a list item under a line naming suspects ("- Akhmad Hadian Lukita, president
    director of ...;"): offsets of its leading capitalised words, up to the first comma."""
    m = re.match(r"^[-•*–]\s+((?:[A-Z][\w'’.-]*\s?){1,5})(?=,)", item)
    if not m or m.group(1).split()[0].lower() in STOP:  # "- In Settat, ..." is no name
        return None
    return m.start(1), m.start(1) + len(m.group(1).rstrip())


def introduces_culprits(paragraph: str) -> bool:
    """A paragraph that ends in a colon and speaks of suspects or arrests introduces a list of them."""
    words = {w.lower() for w in re.findall(r"[A-Za-z]+", paragraph)}
    return paragraph.rstrip().endswith(":") and bool(words & CULPRIT_LIST_CUES)


def culprits(doc: Doc, start: int, end: int) -> list[Culprit]:
    """People in characters [start, end) of a parsed doc whom the sentence names as culprits."""
    out: list[Culprit] = []
    # The small model calls some names ORG ("Lukita Dwi Putra"); a firm can be charged too.
    ents = [e for e in ents_within(doc, start, end) if e.label_ in ("PERSON", "ORG")]
    i = 0
    while i < len(ents):
        e, j = ents[i], i
        while (
            j + 1 < len(ents)
            and ents[j + 1].label_ == e.label_ == "PERSON"
            and ents[j + 1].start == ents[j].end
        ):
            j += 1  # a name cut in two ("Saidakrami Murodali" + "Rachabalizoda") is one name
        if why := _why(e.root):
            role, status, by_noun = why
            kind = "person" if e.label_ == "PERSON" or by_noun else "group"
            out.append(
                Culprit(
                    text_of(doc)[e.start_char : ents[j].end_char],
                    kind,
                    role,
                    status,
                    e.start_char,
                    ents[j].end_char,
                )
            )
        i = j + 1
    return out
