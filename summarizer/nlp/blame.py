"""Blame: who says who is responsible (claims, confirmations, attributions, accusations, denials),
from spaCy's dependency parse: the cue verb's subject asserts it, its object or complement is blamed."""

from __future__ import annotations

from dataclasses import dataclass

from .lexicon import (
    ACCUSATION_NOUNS, ALLEGE_VERBS, BLAME_VERBS, CHANNELS, CULPRIT_NOUNS, DISMISSIVE_WORDS, INCIDENT_NOUNS, PERSONAL_PRONOUNS,
    RESPONSIBLE_WORDS,
)
from .speakers import child, nominal, speaker_phrase, subject_of

# "claimed responsibility", "denied involvement": the object that makes a verb a cue of blame.
_BLAME_OBJECTS = frozenset("responsibility involvement role part link links connection credit".split())
# "rejected the criticism", "dismissed suggestions that ...": what a denial answers.
_DENIED_OBJECTS = ACCUSATION_NOUNS | frozenset("criticism account report".split())


@dataclass
class Blame:
    kind: str  # claim | confirmation | attribution | accusation | denial
    actor: str | None
    asserted_by: str | None
    channel: str | None
    cue_start: int  # offsets of the cue word in the doc
    cue_end: int


def phrase(tok) -> str | None:
    if tok is None or tok.lower_ in PERSONAL_PRONOUNS or not nominal(tok):
        return None
    return speaker_phrase(tok)[0]


def reporter(verb):
    """Who says so when the cue sits in a reported clause: "Officials said the group was behind it"."""
    head = verb.head
    while head is not verb and head.dep_ != "ROOT" and head.lemma_.lower() not in ("say", "believe", "tell"):
        verb, head = head, head.head
    if head.lemma_.lower() in ("say", "believe", "tell", "suspect", "suggest", "conclude", "confirm", "allege"):
        return phrase(subject_of(head))
    return None


def blamed_in(noun) -> str | None:
    """Whom a blame noun names: "the involvement of Ukraine" -> Ukraine, "a Ukrainian connection" -> Ukrainian."""
    for p in noun.children:
        if p.dep_ == "prep" and p.lower_ in ("of", "by"):
            if (o := child(p, "pobj")) is not None and (name := phrase(o)):
                return name
    mod = next((c for c in noun.children if c.dep_ in ("amod", "compound") and c.ent_type_ in ("NORP", "GPE")), None)
    return mod.text if mod is not None else None


def blame_object(verb):
    """The verb's object, or the object of its preposition ("insists on a connection")."""
    obj = child(verb, "dobj")
    if obj is None:
        obj = next((c for p in verb.children if p.dep_ == "prep" for c in p.children if c.dep_ == "pobj"), None)
    return obj


# What a denial of blame is not about: "dismissed suggestions that the toll was higher".
_COUNT_WORDS = frozenset("toll figure number count tally".split())


def kind_of(verb) -> str | None:
    lemma = verb.lemma_.lower()
    obj = child(verb, "dobj")
    if any(c.lower_ in ("neither", "nor") for c in (*verb.children, *verb.head.children)):
        return None  # "would neither confirm nor deny any involvement" says nothing either way
    if lemma == "claim" and obj is not None and (obj.lemma_.lower() in _BLAME_OBJECTS or obj.lemma_.lower() in INCIDENT_NOUNS):
        return "claim"
    if lemma in BLAME_VERBS["denial"] and (obj is None or obj.lemma_.lower() in _BLAME_OBJECTS | _DENIED_OBJECTS
                                          or any(t.lemma_.lower() in _BLAME_OBJECTS for t in verb.subtree)) \
            and not any(t.lemma_.lower() in _COUNT_WORDS for t in verb.subtree):
        return "denial"  # "denied that ...", "denied any role", "rejected the criticism / suggestions that ..."
    for kind in ("accusation", "confirmation"):
        if lemma in BLAME_VERBS[kind]:
            return kind
    if lemma in ALLEGE_VERBS and (o := blame_object(verb)) is not None and o.lemma_.lower() in _BLAME_OBJECTS \
            and blamed_in(o):
        return "allegation"  # "suggesting the involvement of Ukraine": an accusation naming whom
    return None


def dismissed(t) -> bool:
    """"accusations against the country were a provocation / baseless": a denial."""
    if t.lemma_.lower() not in ACCUSATION_NOUNS or t.dep_ not in ("nsubj", "nsubjpass") or t.head.lemma_ != "be":
        return False
    return any(w.lemma_.lower() in DISMISSIVE_WORDS for c in t.head.children if c.dep_ in ("attr", "acomp")
               for w in c.subtree)


def names_culprit(t) -> bool:
    """"behind" / "responsible" / "among the attackers" after "be": its subject is blamed."""
    if t.head.lemma_.lower() != "be" or t.dep_ not in ("prep", "acomp", "advmod", "attr"):
        return False
    if t.lower_ in RESPONSIBLE_WORDS:
        return True
    return t.lower_ == "among" and any(c.dep_ == "pobj" and c.lemma_.lower() in CULPRIT_NOUNS for c in t.children)


def blames(doc, start: int, end: int, channel_context: str = "") -> list[Blame]:
    """Responsibility statements in the sentence at [start, end) of `doc`."""
    span = doc.char_span(start, end, alignment_mode="expand")
    out: list[Blame] = []
    if span is None:
        return out
    for t in span:
        kind, actor, who = None, None, None
        if t.pos_ in ("VERB", "AUX") and (kind := kind_of(t)):
            who = phrase(subject_of(t))
            if kind == "claim":
                actor = who
            elif kind == "denial":
                actor = who
            elif kind == "allegation":
                kind, actor = "accusation", blamed_in(blame_object(t))
            elif kind == "accusation":
                actor = phrase(child(t, "dobj")) or next(
                    (phrase(c) for p in t.children if p.dep_ == "prep" for c in p.children if c.dep_ == "pobj"), None)
            else:  # confirmation: of what, if the object says
                obj = child(t, "dobj", "ccomp")
                actor = phrase(obj) if obj is not None else None
        elif dismissed(t):
            kind, who = "denial", reporter(t.head)
            target = next((c for p in t.children if p.dep_ == "prep" and p.lower_ in ("against", "of")
                           for c in p.children if c.dep_ == "pobj"), None)
            actor = phrase(target) if target is not None and target.lower_ not in ("country", "us", "it") else who
            if who is None:
                continue
        elif names_culprit(t):  # "X was behind / responsible for", "X were among the attackers"
            kind, subj = "attribution", subject_of(t.head)
            actor, who = phrase(subj), reporter(t.head)
            if who is None:
                continue
            if subj is not None and subj.lower_ in ("it", "they", "we"):  # "the group said it was behind": a claim
                kind, actor = "claim", who
        if kind is None or (who is None and actor is None):
            continue
        channel = None
        if kind == "claim":
            text = span.text + " " + channel_context
            channel = next((c for c in CHANNELS if c.lower() in text.lower()), None)
        out.append(Blame(kind, actor, who, channel, t.idx, t.idx + len(t.text)))
    return out
