"""Kinds: the incident's subtype (EM-DAT hazard type or transport mode, a collapse's structure, a GTD
attack type), read from the parse of the sources' openings: the event noun or verb and what it is of."""

from __future__ import annotations

from collections import Counter
from typing import get_args

from summarizer.core.brief import IncidentSubtype
from summarizer.readers.lexicon import (
    COLLAPSE_WORDS,
    HAZARD_MODIFIERS,
    HAZARD_NOUNS,
    HIJACK_VERBS,
    KIDNAP_VERBS,
    MODE_EVENT_WORDS,
    STRUCTURE_NOUNS,
    VEHICLE_EVENT_PHRASES,
    VEHICLE_EVENT_WORDS,
    VEHICLE_NOUNS,
)

SUBTYPES: tuple[str, ...] = get_args(IncidentSubtype)
NATURAL = (
    "earthquake",
    "flood",
    "flash_flood",
    "storm",
    "wildfire",
    "landslide",
    "tsunami",
    "volcanic_activity",
    "extreme_temperature",
)
MODES = tuple(VEHICLE_NOUNS)
COLLAPSES = tuple(STRUCTURE_NOUNS)
# The incident types each subtype can refine; the first is the one it implies when the type is unknown.
REFINES: dict[str, tuple[str, ...]] = {
    **{s: ("natural_disaster",) for s in NATURAL},
    "wildfire": ("natural_disaster", "fire"),
    **{m: ("transport_accident", "explosion", "fire") for m in MODES},
    **{c: ("structural_collapse", "industrial_accident") for c in COLLAPSES},
}
# GTD's attack type of each attack kind (its codebook: a knife is an armed assault, a vehicle an
# unarmed one, arson an attack on a facility); hostage-taking is read further (`hostage_subtype`).
GTD_ATTACK_TYPES = {
    "armed_assault": "armed_assault",
    "stabbing": "armed_assault",
    "bombing": "bombing_explosion",
    "assassination": "assassination",
    "vehicle_ramming": "unarmed_assault",
    "arson": "facility_attack",
}
# (specific, generic): sources saying "the flash flood" and "the floods" tell of one flash flood.
SPECIFIC_SUBTYPES = [("flash_flood", "flood")]
_PARTICIPANTS = ("nsubj", "nsubjpass", "dobj", "compound", "amod", "nmod", "poss")


def _lemma(tok) -> str:
    return tok.lemma_.lower()


def _phrase(tok) -> set[str]:
    """A noun with its compounds: "tailings dam", "Airbus A320", "passenger ferry"."""
    return {_lemma(tok), tok.lower_} | {_lemma(c) for c in tok.children if c.dep_ in ("compound", "amod")}


def participants(tok) -> list:
    """What an event word is about: a verb's subject or object ("the train derailed", "crashed the jet"),
    a noun's modifiers or "of" phrase ("a bridge collapse", "the sinking of the ferry"), or the noun a
    participle describes ("a derailed train")."""
    out = [c for c in tok.children if c.dep_ in _PARTICIPANTS]
    out += [
        g
        for c in tok.children
        if c.dep_ == "prep" and c.lower_ == "of"
        for g in c.children
        if g.dep_ == "pobj"
    ]
    if tok.dep_ in ("amod", "acl") and tok.head.pos_ in ("NOUN", "PROPN"):
        out.append(tok.head)
    return out


def hazard(tok) -> str | None:
    """The EM-DAT hazard a noun names ("floods", "a flash flood", "the forest fire"), unless it is a
    figure of speech with an "of" phrase ("a flood of messages", "a storm of criticism")."""
    if tok.pos_ not in ("NOUN", "PROPN") or any(c.dep_ == "prep" and c.lower_ == "of" for c in tok.children):
        return None
    lemma, mods = _lemma(tok), {_lemma(c) for c in tok.children if c.dep_ in ("compound", "amod")}
    for (mod, head), subtype in HAZARD_MODIFIERS.items():
        if lemma == head and mod in mods:
            return subtype
    return next((s for s, nouns in HAZARD_NOUNS.items() if lemma in nouns or tok.lower_ in nouns), None)


def sentence_subtypes(span) -> list[str]:
    """The subtypes one sentence (a spaCy span) gives its event words."""
    found = []
    for tok in span:
        if kind := hazard(tok):
            found.append(kind)
        lemma = _lemma(tok)
        if any(
            (lemma, c.lower_) in VEHICLE_EVENT_PHRASES for c in tok.children if c.dep_ in ("prt", "advmod")
        ):
            lemma = "crash"  # "went down", "ran aground"
        if mode := MODE_EVENT_WORDS.get(lemma):
            found.append(mode)
        if lemma not in VEHICLE_EVENT_WORDS and lemma not in COLLAPSE_WORDS:
            continue
        for p in participants(tok):
            words = _phrase(p)
            if lemma in VEHICLE_EVENT_WORDS:
                found += [m for m, nouns in VEHICLE_NOUNS.items() if words & nouns]
            if lemma in COLLAPSE_WORDS:
                found += [c for c, nouns in STRUCTURE_NOUNS.items() if words & nouns][:1]
    return found


def hostage_subtype(leads: list[list]) -> str:
    """GTD's hostage-taking types: a hijacking, a kidnapping, else a barricade incident (a siege)."""
    lemmas = {_lemma(t) for lead in leads for span in lead for t in span}
    return (
        "hijacking"
        if lemmas & HIJACK_VERBS
        else "kidnapping"
        if lemmas & KIDNAP_VERBS
        else "hostage_barricade"
    )


def subtype(kind: str, leads: list[list]) -> tuple[str, str | None]:
    """(type, subtype) from each source's opening (a list of spaCy spans per source). An attack kind
    gets its GTD attack type; otherwise the subtype most sources' event words give, among those that
    refine the type (an unknown type takes the subtype's)."""
    if kind in GTD_ATTACK_TYPES:
        return kind, GTD_ATTACK_TYPES[kind]
    if kind == "hostage_taking":
        return kind, hostage_subtype(leads)
    votes = Counter(s for lead in leads for s in {s for span in lead for s in sentence_subtypes(span)})
    for specific, generic in SPECIFIC_SUBTYPES:
        if votes[specific]:
            votes[specific] += votes.pop(generic, 0)
    fitting = [s for s in votes if kind in REFINES[s] or kind in ("unknown", "other")]
    if not fitting:
        return kind, None
    best = max(fitting, key=lambda s: (votes[s], -SUBTYPES.index(s)))
    return (REFINES[best][0] if kind in ("unknown", "other") else kind), best
