"""Blame: who says who is responsible (claims, confirmations, attributions, accusations, denials),
from spaCy's dependency parse: the cue verb's subject asserts it, its object or complement is blamed."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple

from summarizer.readers.lexicon import (
    ACCUSATION_NOUNS,
    ALLEGE_VERBS,
    BELIEVE_VERBS,
    BLAME_VERBS,
    CAUSE_VERBS,
    CHANNELS,
    CULPRIT_NOUNS,
    DELIBERATE_WORDS,
    DISMISSIVE_WORDS,
    EVENT_NOUNS,
    FAULT_NOUNS,
    HARM_VERBS,
    INCIDENT_NOUNS,
    PERSON_NOUNS,
    PERSONAL_PRONOUNS,
    RESPONSIBLE_WORDS,
    SAY_VERBS,
)
from summarizer.readers.speakers import (
    child,
    nominal,
    person_like,
    prepositional_object,
    speaker_phrase,
    subject_of,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

# "claimed responsibility", "denied involvement", "denied any wrongdoing": the object that makes a verb a
# cue of blame.
_BLAME_OBJECTS = FAULT_NOUNS
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
    cause: str | None = None  # what is blamed, when it is a thing and not a party ("faulty wiring")


def phrase(tok: Token | None) -> str | None:
    """The name of a party (a subject that asserts or is blamed); a capitalised word the tagger knows
    nothing of counts with the name it is coordinated with ("Valdor Air and its parent Skyline")."""
    if tok is None or tok.lower_ in PERSONAL_PRONOUNS:
        return None
    if nominal(tok):
        return speaker_phrase(tok)[0]
    partner = max(
        (c for c in tok.children if c.dep_ in ("conj", "appos") and nominal(c)),
        key=lambda c: c.right_edge.i,
        default=None,
    )
    if partner is not None and tok.text[:1].isupper():
        return tok.doc[tok.left_edge.i : partner.right_edge.i + 1].text
    return None


def reporter(verb: Token) -> str | None:
    """Who says so when the cue sits in a reported clause: "Officials said the group was behind it",
    "investigators believe the pilot ...": the subject of the nearest verb of saying or believing above."""
    head = verb
    for _ in range(6):
        if head.head is head:
            return None
        head = head.head
        if head.pos_ in ("VERB", "AUX") and head.lemma_.lower() in SAY_VERBS | BELIEVE_VERBS:
            return phrase(subject_of(head))
    return None


def asserter(verb: Token) -> str | None:
    """Who says it: the verb's subject; "he" or "it" in a clause someone reports is that someone ("the
    crane operator said he was following instructions, rejecting the suggestion ...")."""
    subj = subject_of(verb)
    if subj is not None and subj.lower_ in PERSONAL_PRONOUNS | {"it"}:
        return reporter(subj.head)
    return phrase(subj)


def party(tok: Token | None) -> str | None:
    """The words of what a verb of blaming blames: a name or a party ("the organisers"), or a thing
    ("faulty wiring"): the noun and the words before it, without what it is blamed for ("the organisers
    of selling too many tickets", "a dam upstream for the flood")."""
    if tok is None or tok.lower_ in PERSONAL_PRONOUNS or tok.pos_ not in ("NOUN", "PROPN"):
        return None
    if tok.ent_type_ == "PERSON" or tok.pos_ == "PROPN":
        return speaker_phrase(tok)[0]  # "Home Secretary Ana Lund" is Ana Lund
    keep = sorted(
        {t.i for t in tok.subtree if t.i <= tok.i}
        - {
            t.i
            for c in tok.children
            if c.dep_ in ("prep", "relcl", "acl", "appos", "punct", "cc", "conj", "advmod", "npadvmod")
            or c.lower_ in RESPONSIBLE_WORDS
            for t in c.subtree
        }
    )
    return tok.doc[keep[0] : keep[-1] + 1].text


def is_party(tok: Token) -> bool:
    """Whether a blamed noun is someone (a person, a body, people: "the band", "the crew") rather than a
    thing."""
    return (
        nominal(tok)
        or tok.tag_ in ("NNS", "NNPS")
        and tok.lemma_.lower() in PERSON_NOUNS
        or tok.ent_type_ != ""
    )


def blamed(verb: Token) -> Token | None:
    """Whom or what a verb of blaming blames: "blamed X for Y", "accused X of Y", "faulted X" -> X;
    "blamed Y on X" -> X."""
    on = next(
        (
            c
            for p in verb.children
            if p.dep_ == "prep" and p.lower_ == "on"
            for c in p.children
            if c.dep_ == "pobj"
        ),
        None,
    )
    if on is not None:
        return on
    obj = child(verb, "dobj")
    if obj is not None:
        return obj
    return next((c for p in verb.children if p.dep_ == "prep" for c in p.children if c.dep_ == "pobj"), None)


def held_responsible(verb: Token) -> bool:
    """ "held the operator responsible / accountable": a verb with an object called to account."""
    obj = child(verb, "dobj")
    said = [c for c in verb.children if c.dep_ in ("oprd", "xcomp", "acomp", "ccomp", "advcl")]
    said += [c for c in (obj.children if obj is not None else ()) if c.dep_ == "amod"]  # the parser's reading
    return obj is not None and any(
        c.lower_ in RESPONSIBLE_WORDS
        or any(w.lower_ in RESPONSIBLE_WORDS for w in c.children if w.dep_ == "acomp")
        for c in said
    )


def harm_done(verb: Token) -> bool:
    """A verb saying someone did the harm: "shot the guard", "set the fire", "deliberately crashed"."""
    if verb.pos_ != "VERB" or any(c.dep_ == "neg" for c in verb.children):
        return False
    lemma = verb.lemma_.lower()
    obj = child(verb, "dobj")
    return (
        lemma in HARM_VERBS
        or any(c.lower_ in DELIBERATE_WORDS for c in verb.children if c.dep_ == "advmod")
        or lemma in CAUSE_VERBS
        and obj is not None
        and obj.lemma_.lower() in EVENT_NOUNS | INCIDENT_NOUNS
    )


def doer(tok: Token) -> bool:
    """A subject that can do harm: a person, a culprit, a named party."""
    return person_like(tok) or tok.lemma_.lower() in CULPRIT_NOUNS or tok.ent_type_ in ("ORG", "NORP")


def no_link(noun: Token) -> bool:
    """ "there was no link between X and any group", "no involvement": a share in the blame said not to
    exist."""
    return (
        noun.lemma_.lower() in FAULT_NOUNS
        and noun.pos_ == "NOUN"
        and any(c.dep_ == "det" and c.lower_ == "no" for c in noun.children)
    )


def linked_party(noun: Token) -> str | None:
    """The other party of "no link between the shooter and any group": the group."""
    between = next(
        (
            c
            for p in noun.children
            if p.dep_ == "prep" and p.lower_ in ("between", "with", "to")
            for c in p.children
            if c.dep_ == "pobj"
        ),
        None,
    )
    if between is None:
        return None
    other = child(between, "conj")
    return party(other if other is not None else between)


def blamed_in(noun: Token) -> str | None:
    """Whom a blame noun names: "the involvement of Ukraine" -> Ukraine, "a Ukrainian connection" ->
    Ukrainian."""
    for prep in noun.children:
        if (
            prep.dep_ == "prep"
            and prep.lower_ in ("of", "by")
            and (obj := child(prep, "pobj")) is not None
            and (name := phrase(obj))
        ):
            return name
    mod = next(
        (c for c in noun.children if c.dep_ in ("amod", "compound") and c.ent_type_ in ("NORP", "GPE")), None
    )
    return mod.text if mod is not None else None


def blame_object(verb: Token) -> Token | None:
    """The verb's object, or the object of its preposition ("insists on a connection")."""
    obj = child(verb, "dobj")
    if obj is None:
        obj = next(
            (c for p in verb.children if p.dep_ == "prep" for c in p.children if c.dep_ == "pobj"), None
        )
    return obj


# What a denial of blame is not about: "dismissed suggestions that the toll was higher".
_COUNT_WORDS = frozenset("toll figure number count tally".split())


def kind_of(verb: Token) -> str | None:
    """The kind of responsibility statement a cue verb makes: claim, denial, accusation, confirmation,
    or an allegation that names whom (read as an accusation); None for any other verb."""
    lemma = verb.lemma_.lower()
    obj = child(verb, "dobj")
    if any(c.lower_ in ("neither", "nor") for c in (*verb.children, *verb.head.children)):
        return None  # "would neither confirm nor deny any involvement" says nothing either way
    if lemma == "claim" and obj is not None and obj.lemma_.lower() in _BLAME_OBJECTS | INCIDENT_NOUNS:
        return "claim"
    if lemma in BLAME_VERBS["denial"] and _denies_blame(verb, obj):
        return "denial"
    for kind in ("accusation", "confirmation"):
        if lemma in BLAME_VERBS[kind]:
            return kind
    if held_responsible(verb):
        return "accusation"
    if lemma in ALLEGE_VERBS and _alleges_whom(verb):
        return "allegation"
    return None


def _denies_blame(verb: Token, obj: Token | None) -> bool:
    """ "denied that ...", "denied any role", "rejected the criticism / suggestions that ...", but not
    "dismissed suggestions that the toll was higher"."""
    return (
        obj is None
        or obj.lemma_.lower() in _BLAME_OBJECTS | _DENIED_OBJECTS
        or any(t.lemma_.lower() in _BLAME_OBJECTS for t in verb.subtree)
    ) and not any(t.lemma_.lower() in _COUNT_WORDS for t in verb.subtree)


def _alleges_whom(verb: Token) -> bool:
    """ "suggesting the involvement of Ukraine": an accusation naming whom."""
    obj = blame_object(verb)
    return bool(obj is not None and obj.lemma_.lower() in _BLAME_OBJECTS and blamed_in(obj))


def dismissed(noun: Token) -> bool:
    """ "accusations against the country were a provocation / baseless": a denial."""
    if (
        noun.lemma_.lower() not in ACCUSATION_NOUNS
        or noun.dep_ not in ("nsubj", "nsubjpass")
        or noun.head.lemma_ != "be"
    ):
        return False
    return any(
        w.lemma_.lower() in DISMISSIVE_WORDS
        for c in noun.head.children
        if c.dep_ in ("attr", "acomp")
        for w in c.subtree
    )


def names_culprit(word: Token) -> bool:
    """ "behind" / "responsible" / "among the attackers" after "be": its subject is blamed."""
    if word.head.lemma_.lower() != "be" or word.dep_ not in ("prep", "acomp", "advmod", "attr"):
        return False
    if word.lower_ in RESPONSIBLE_WORDS:
        return True
    return word.lower_ == "among" and any(
        c.dep_ == "pobj" and c.lemma_.lower() in CULPRIT_NOUNS for c in word.children
    )


class _Finding(NamedTuple):
    """What one cue word says: the kind of statement, who is blamed, who says so, and a thing blamed."""

    kind: str
    actor: str | None
    asserted_by: str | None
    cause: str | None = None


def blames(doc: Doc, start: int, end: int, channel_context: str = "") -> list[Blame]:
    """Responsibility statements in the sentence at [start, end) of `doc`."""
    span = doc.char_span(start, end, alignment_mode="expand")
    out: list[Blame] = []
    if span is None:
        return out
    for token in span:
        found = _finding(token)
        if found is None or (found.asserted_by is None and found.actor is None):
            continue
        channel = _channel(span.text + " " + channel_context) if found.kind == "claim" else None
        out.append(
            Blame(
                found.kind,
                found.actor,
                found.asserted_by,
                channel,
                token.idx,
                token.idx + len(token.text),
                found.cause,
            )
        )
    return out


def _channel(text: str) -> str | None:
    """Where a claim was made ("on Telegram", "through Amaq")."""
    return next((c for c in CHANNELS if c.lower() in text.lower()), None)


def _finding(token: Token) -> _Finding | None:
    """What the token, as a cue, says of blame: a cue verb, a dismissal, "X was behind", "no link", or
    a reported harm; None when it is no cue."""
    if token.pos_ in ("VERB", "AUX") and (kind := kind_of(token)):
        return _by_cue_verb(token, kind)
    if dismissed(token):
        return _dismissal(token)
    if names_culprit(token):  # "X was behind / responsible for", "X were among the attackers"
        return _culprit_named(token)
    if no_link(token) and (who := reporter(token)):  # "the agency said there was no link between ..."
        return _Finding("denial", linked_party(token), who)
    return _harm_reported(token)


def _by_cue_verb(verb: Token, kind: str) -> _Finding:
    """The verb's subject asserts; a claim or denial is the subject's own, an accusation names whom (or
    what) it blames, a confirmation what it confirms."""
    who = asserter(verb)
    cause = None
    if kind == "claim" or kind == "denial":
        actor = who
    elif kind == "allegation":  # its object is a blame noun (see `_alleges_whom`)
        obj = blame_object(verb)
        kind, actor = "accusation", blamed_in(obj) if obj is not None else None
    elif kind == "accusation":
        target = blamed(verb)
        actor = party(target)
        if target is not None and actor and not is_party(target):
            cause = actor  # "blamed faulty wiring": a cause, as well as what is blamed
    else:  # confirmation: of what, if the object says
        obj = child(verb, "dobj", "ccomp")
        actor = phrase(obj) if obj is not None else None
    return _Finding(kind, actor, who, cause)


def _dismissal(noun: Token) -> _Finding | None:
    """ "accusations against the country were baseless": a denial by whoever reports it, of blame on
    the party accused (or the reporter's own, for "the country", "us")."""
    who = reporter(noun.head)
    if who is None:
        return None
    target = prepositional_object(noun, ("against", "of"))
    actor = phrase(target) if target is not None and target.lower_ not in ("country", "us", "it") else who
    return _Finding("denial", actor, who)


def _culprit_named(word: Token) -> _Finding | None:
    """ "X was behind / responsible for": an attribution by whoever reports it; "said it was not
    responsible" is a denial, "the group said it was behind" a claim."""
    subj = subject_of(word.head)
    actor, who = phrase(subj), reporter(word.head)
    if who is None:
        return None
    if any(c.dep_ == "neg" for c in (*word.head.children, *word.children)):
        return _Finding(
            "denial", who if subj is None or subj.lower_ in ("it", "they", "we", "he", "she") else actor, who
        )
    if subj is not None and subj.lower_ in ("it", "they", "we"):
        return _Finding("claim", who, who)
    return _Finding("attribution", actor, who)


def _harm_reported(verb: Token) -> _Finding | None:
    """ "officials said the teenager set the fire": an attribution of the harm to its doer, by whoever
    reports it."""
    if not harm_done(verb):
        return None
    subj = subject_of(verb)
    if subj is None or subj.dep_ != "nsubj" or not doer(subj) or subj.lower_ in PERSONAL_PRONOUNS:
        return None
    who = reporter(verb)
    return _Finding("attribution", party(subj), who) if who else None
