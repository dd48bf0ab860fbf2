"""Kinds: the incident's subtype (EM-DAT hazard type or transport mode, a collapse's structure, a GTD
attack type), read from the parse of the sources' openings: the event noun or verb and what it is of."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, get_args

from summarizer.core.brief import IncidentSubtype, IncidentType, NaturalSubtype
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

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

SUBTYPES: tuple[IncidentSubtype, ...] = get_args(IncidentSubtype)
NATURAL: tuple[NaturalSubtype, ...] = get_args(NaturalSubtype)
MODES = tuple(VEHICLE_NOUNS)
COLLAPSES = tuple(STRUCTURE_NOUNS)
# The incident types each subtype can refine; the first is the one it implies when the type is unknown.
REFINES: dict[IncidentSubtype, tuple[IncidentType, ...]] = {
    **{natural: ("natural_disaster",) for natural in NATURAL},
    "wildfire": ("natural_disaster", "fire"),
    **{mode: ("transport_accident", "explosion", "fire") for mode in MODES},
    **{collapse: ("structural_collapse", "industrial_accident") for collapse in COLLAPSES},
}
# GTD's attack type of each attack kind (its codebook: a knife is an armed assault, a vehicle an
# unarmed one, arson an attack on a facility); hostage-taking is read further (`hostage_subtype`).
GTD_ATTACK_TYPES: dict[str, IncidentSubtype] = {
    "armed_assault": "armed_assault",
    "stabbing": "armed_assault",
    "bombing": "bombing_explosion",
    "assassination": "assassination",
    "vehicle_ramming": "unarmed_assault",
    "arson": "facility_attack",
}
# (specific, generic): sources saying "the flash flood" and "the floods" tell of one flash flood.
SPECIFIC_SUBTYPES: list[tuple[IncidentSubtype, IncidentSubtype]] = [("flash_flood", "flood")]
_PARTICIPANTS = ("nsubj", "nsubjpass", "dobj", "compound", "amod", "nmod", "poss")
_VAGUE_KINDS = ("unknown", "other")  # incident types a subtype may set


def _lemma(token: Token) -> str:
    return token.lemma_.lower()


def _phrase(token: Token) -> set[str]:
    """A noun with its compounds: "tailings dam", "Airbus A320", "passenger ferry"."""
    return {_lemma(token), token.lower_} | {
        _lemma(child) for child in token.children if child.dep_ in ("compound", "amod")
    }


def participants(token: Token) -> list[Token]:
    """What an event word is about: a verb's subject or object ("the train derailed", "crashed the jet"),
    a noun's modifiers or "of" phrase ("a bridge collapse", "the sinking of the ferry"), or the noun a
    participle describes ("a derailed train")."""
    out = [child for child in token.children if child.dep_ in _PARTICIPANTS]
    out += [
        grandchild
        for child in token.children
        if child.dep_ == "prep" and child.lower_ == "of"
        for grandchild in child.children
        if grandchild.dep_ == "pobj"
    ]
    if token.dep_ in ("amod", "acl") and token.head.pos_ in ("NOUN", "PROPN"):
        out.append(token.head)
    return out


def hazard(token: Token) -> IncidentSubtype | None:
    """The EM-DAT hazard a noun names ("floods", "a flash flood", "the forest fire"), unless it is a
    figure of speech with an "of" phrase ("a flood of messages", "a storm of criticism")."""
    if token.pos_ not in ("NOUN", "PROPN") or any(
        child.dep_ == "prep" and child.lower_ == "of" for child in token.children
    ):
        return None
    lemma = _lemma(token)
    modifiers = {_lemma(child) for child in token.children if child.dep_ in ("compound", "amod")}
    for (modifier, head), modified in HAZARD_MODIFIERS.items():
        if lemma == head and modifier in modifiers:
            return modified
    return next(
        (named for named, nouns in HAZARD_NOUNS.items() if lemma in nouns or token.lower_ in nouns),
        None,
    )


def sentence_subtypes(span: Span) -> list[IncidentSubtype]:
    """The subtypes one sentence (a spaCy span) gives its event words."""
    return [found for token in span for found in token_subtypes(token)]


def token_subtypes(token: Token) -> list[IncidentSubtype]:
    """The subtypes one word gives: the hazard it names, the transport mode its event word names by
    itself ("derailed", "capsized"), and what its vehicle's crash or its structure's collapse is of."""
    found: list[IncidentSubtype] = []
    if kind := hazard(token):
        found.append(kind)
    lemma = event_lemma(token)
    if mode := MODE_EVENT_WORDS.get(lemma):
        found.append(mode)
    if lemma in VEHICLE_EVENT_WORDS or lemma in COLLAPSE_WORDS:
        for participant in participants(token):
            found += participant_subtypes(lemma, _phrase(participant))
    return found


def event_lemma(token: Token) -> str:
    """A word's lemma; "crash" for a phrasal verb of a vehicle's end ("went down", "ran aground")."""
    lemma = _lemma(token)
    if any(
        (lemma, child.lower_) in VEHICLE_EVENT_PHRASES
        for child in token.children
        if child.dep_ in ("prt", "advmod")
    ):
        return "crash"
    return lemma


def participant_subtypes(lemma: str, words: set[str]) -> list[IncidentSubtype]:
    """The transport modes of the vehicles that crashed or sank, and the first structure that gave way,
    among the words of one participant of the event word `lemma`."""
    found: list[IncidentSubtype] = []
    if lemma in VEHICLE_EVENT_WORDS:
        found += [mode for mode, nouns in VEHICLE_NOUNS.items() if words & nouns]
    if lemma in COLLAPSE_WORDS:
        found += [structure for structure, nouns in STRUCTURE_NOUNS.items() if words & nouns][:1]
    return found


def hostage_subtype(leads: list[list[Span]]) -> IncidentSubtype:
    """GTD's hostage-taking types: a hijacking, a kidnapping, else a barricade incident (a siege)."""
    lemmas = {_lemma(token) for lead in leads for span in lead for token in span}
    if lemmas & HIJACK_VERBS:
        return "hijacking"
    if lemmas & KIDNAP_VERBS:
        return "kidnapping"
    return "hostage_barricade"


def subtype(kind: str, leads: list[list[Span]]) -> tuple[str, IncidentSubtype | None]:
    """(type, subtype) from each source's opening (a list of spaCy spans per source). An attack kind
    gets its GTD attack type; otherwise the subtype most sources' event words give, among those that
    refine the type (an unknown type takes the subtype's)."""
    if kind in GTD_ATTACK_TYPES:
        return kind, GTD_ATTACK_TYPES[kind]
    if kind == "hostage_taking":
        return kind, hostage_subtype(leads)
    votes = subtype_votes(leads)
    fitting = [refined for refined in votes if kind in REFINES[refined] or kind in _VAGUE_KINDS]
    if not fitting:
        return kind, None
    best = max(fitting, key=lambda refined: (votes[refined], -SUBTYPES.index(refined)))
    return (REFINES[best][0] if kind in _VAGUE_KINDS else kind), best


def subtype_votes(leads: list[list[Span]]) -> Counter[IncidentSubtype]:
    """How many sources' openings give each subtype; a specific one takes the votes of its generic
    one ("the flash flood" and "the floods" tell of one flash flood)."""
    votes = Counter(
        found for lead in leads for found in {found for span in lead for found in sentence_subtypes(span)}
    )
    for specific, generic in SPECIFIC_SUBTYPES:
        if votes[specific]:
            votes[specific] += votes.pop(generic, 0)
    return votes
