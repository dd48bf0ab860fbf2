"""Culprits: the people the parse names as attackers or suspects: "the bomber, Salman Abedi", "Hashem
Abedi ... was detained", "warrants for the captain, Lee Joon-seok", "named the suspect as X"."""

from __future__ import annotations

import re
from dataclasses import dataclass

from summarizer.readers.language import ents_within, text_of
from summarizer.readers.lexicon import ARREST_NOUNS, ARREST_VERBS, CULPRIT_LIST_CUES, CULPRIT_NOUNS, STOP


@dataclass(frozen=True)
class Culprit:
    name: str
    kind: str  # person | group
    role: str  # attacker | suspect
    status: str  # arrested | charged | unknown
    start: int  # offsets of the name in the doc
    end: int


def is_trade(noun) -> bool:
    """ "a delivery driver", "the bus driver": a job, not a role in the incident."""
    return any(c.dep_ == "compound" for c in noun.lefts)


def _role_of(noun) -> str:
    return "suspect" if noun.lemma_.lower() == "suspect" else "attacker"


def _why(tok) -> tuple[str, str, bool] | None:
    """(role, status, named by a culprit noun) when the parse ties a person's name to a culprit noun or an arrest, else None.
    Climbs from the name through appositions, conjunctions and prepositions to what governs it."""
    path, prep = [], None
    while (
        tok.dep_
        in (
            "appos",
            "conj",
            "pobj",
            "prep",
            "compound",
            "nsubjpass",
            "dobj",
            "attr",
            "nsubj",
            "cc",
            "npadvmod",
        )
        and tok.head is not tok
        and len(path) < 8
    ):
        path.append(tok.dep_)
        prep = tok.lower_ if tok.dep_ == "prep" else prep
        came, tok = tok, tok.head
        lemma = tok.lemma_.lower()
        if tok.pos_ == "NOUN" and lemma in CULPRIT_NOUNS and "pobj" not in path and not is_trade(tok):
            return _role_of(tok), "unknown", True  # "the bomber, Salman Abedi"
        if tok.pos_ == "NOUN" and lemma in ARREST_NOUNS and path[-2:] == ["pobj", "prep"]:
            return "suspect", "arrested", False  # "warrants for X"
        if tok.pos_ in ("VERB", "AUX"):
            obj = next((c for c in tok.children if c.dep_ == "dobj"), None)
            arrest = (
                lemma in ARREST_VERBS or obj is not None and obj.lemma_.lower() in ARREST_NOUNS
            )  # "issued warrants"
            if arrest and (
                path[-1] in ("nsubjpass", "dobj", "npadvmod", "appos")
                or path[-1] == "prep"
                and prep in ("with", "along", "alongside")
            ):  # "arrested with X"
                return "suspect", "charged" if lemma == "charge" else "arrested", False  # "X was detained"
            named = (
                obj if obj is not None else tok.head if tok.dep_ == "acl" else None
            )  # "the suspects, identified as X"
            if (
                lemma in ("name", "identify")
                and prep == "as"
                and named is not None
                and named.lemma_.lower() in CULPRIT_NOUNS
            ):
                return _role_of(named), "unknown", True  # "named the suspects as X"
            if lemma == "be" and path[-1] in ("attr", "nsubj"):  # "the driver was X"
                other = next((c for c in tok.children if c.dep_ in ("nsubj", "attr") and c is not came), None)
                if other is not None and other.lemma_.lower() in CULPRIT_NOUNS:
                    return _role_of(other), "unknown", True
            return None
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


def culprits(doc, start: int, end: int) -> list[Culprit]:
    """People in characters [start, end) of a parsed doc whom the sentence names as culprits."""
    out = []
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
