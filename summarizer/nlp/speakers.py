"""Speakers: who says each quotation, from spaCy's dependency parse (the say-verb's subject)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from nameparser.config.titles import TITLES  # honorifics and ranks: "Detective", "Sheikh", "Cdr"

from . import ent_at, ents_in_tokens, ents_starting, ents_within, is_person_named, sents_before, text_of
from .lexicon import ORG_NOUNS, PERSON_NOUNS, PERSONAL_PRONOUNS, SAY_VERBS

# A quotation between typographic or straight double quotes; a scare quote under 4 words is not a statement.
_QUOTE = re.compile(r"[“\"]([^”\"]{12,600})[”\"]")
MIN_QUOTE_WORDS = 4
# Parts of a subject that describe the speaker rather than name them.
_DESCRIPTIVE = {"appos", "relcl", "acl", "punct", "cc", "conj", "advcl", "parataxis"}
MAX_SPEAKER_TOKENS = 10
REFLEXIVES = frozenset("itself himself herself themselves".split())


@dataclass
class Quoted:
    """A quotation and who says it; `pronoun` when the text says only "he" or "she" (resolved by the caller)."""

    quote: str
    start: int  # offsets of the quoted words in the article text
    end: int
    speaker: str | None
    role: str | None
    pronoun: bool = False


def speaker_phrase(subj) -> tuple[str, str | None]:
    """The subject's naming words, and a role: "Colin Clarke, an analyst at X" -> ("Colin Clarke", "an analyst at X");
    "Home Secretary Amber Rudd" -> ("Amber Rudd", "Home Secretary")."""
    keep = sorted({t.i for t in subj.subtree} - {t.i for c in subj.children if c.dep_ in _DESCRIPTIVE
                                                  for t in c.subtree})
    doc = subj.doc
    words = [doc[i] for i in keep if doc[i].lower_ not in REFLEXIVES][:MAX_SPEAKER_TOKENS]
    while words and words[-1].is_punct:  # "the group, itself" -> "the group"
        words = words[:-1]
    while words and words[0].dep_ == "det" and words[0].lower_ in ("a", "an"):
        words = words[1:]
    phrase = doc[words[0].i:words[-1].i + 1].text if words else subj.text
    appos = next((c for c in subj.children if c.dep_ == "appos" and c.lower_ not in REFLEXIVES), None)
    role = doc[appos.left_edge.i:appos.right_edge.i + 1].text if appos is not None else None
    # The name is a person entity that holds the subject's head word (the small model's entities
    # are often cut short: "London Fire" of "London Fire Commissioner Dany Cotton").
    person = ent_at(doc, subj.i)
    person = person if person is not None and person.label_ == "PERSON" else None
    if person is not None and person.text != phrase and person.start >= words[0].i:
        first = person.start
        while first > words[0].i and given_name(doc[first - 1], person):  # "Ramadan Abedi", cut to "Abedi"
            first -= 1
        before = doc[words[0].i:first].text.strip(" ,")
        return doc[first:person.end].text, (before or role)
    if person is None and appos is not None and subj.pos_ != "PROPN":  # "A friend, Abdulaziz Almashi, said"
        inner = next((e for e in ents_in_tokens(doc, appos.left_edge.i, appos.right_edge.i + 1)
                      if e.label_ == "PERSON"), None)
        if inner is not None:
            return inner.text, phrase
    return phrase.split("\n")[-1].strip(), role


def given_name(tok, person) -> bool:
    """A capitalised name word the tagger left out of the person it compounds ("Ramadan" of "Ramadan
    Abedi"); a title ("Home Secretary", "Commissioner") or a name of another kind is not one."""
    return (tok.pos_ == "PROPN" and tok.dep_ == "compound" and person.start <= tok.head.i < person.end
            and not tok.ent_type_ and tok.text[:1].isupper()
            and tok.lower_.rstrip(".") not in TITLES and tok.lemma_.lower() not in PERSON_NOUNS | ORG_NOUNS)


def nominal(tok) -> bool:
    """Whether a subject can name a speaker: a name, or a noun for a person or a body ("the ministry")."""
    return (tok.ent_type_ in ("PERSON", "ORG", "NORP", "GPE") or tok.pos_ == "PROPN"
            or tok.lemma_.lower() in PERSON_NOUNS or tok.lemma_.lower() in ORG_NOUNS)


def possessor(doc, subj, pos: int, window: int = 600) -> str | None:
    """For "its spokesman" / "their leader": the organisation named last before `pos`."""
    if not any(c.dep_ == "poss" and c.lower_ in ("its", "their") for c in subj.children):
        return None
    orgs = [e for e in ents_starting(doc, pos - window, pos) if e.label_ in ("ORG", "NORP")]
    return orgs[-1].text if orgs else None


def say_verb(tok, inside: range):
    """The say-verb that governs a token of the quote, walking up the parse out of the quotation."""
    seen = 0
    while tok.head is not tok and seen < 12:
        tok, seen = tok.head, seen + 1
        if tok.idx not in inside and tok.lemma_.lower() in SAY_VERBS:
            return tok
    return None


def subject(verb):
    return next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)


def according_to(sent) -> str | None:
    for t in sent:
        if t.lower_ == "according" and t.i + 1 < len(t.doc) and t.doc[t.i + 1].lower_ == "to":
            obj = next((c for c in t.doc[t.i + 1].children if c.dep_ == "pobj"), None)
            if obj is None:
                return None
            if nominal(obj):
                return speaker_phrase(obj)[0]
            # "according to figures given by the prosecutor": the person or body inside
            inner = [x for x in obj.subtree if x is not obj and nominal(x) and x.dep_ not in ("compound", "amod")]
            return speaker_phrase(inner[-1])[0] if inner else None
    return None


def quotations(doc, start: int, end: int) -> list[Quoted]:
    """Every quotation of four words or more in the sentence at [start, end) of `doc`, with its speaker."""
    text = text_of(doc)[start:end]
    span = doc.char_span(start, end, alignment_mode="expand")
    out: list[Quoted] = []
    if span is None:
        return out
    for m in _QUOTE.finditer(text):
        q = m.group(1).strip().rstrip(",")
        if len(q.split()) < MIN_QUOTE_WORDS:
            continue
        qs = start + m.start(1) + (len(m.group(1)) - len(m.group(1).lstrip()))
        inside = range(start + m.start(), start + m.end())
        toks = [t for t in span if t.idx in inside]
        verb = None
        for t in toks:
            if (verb := say_verb(t, inside)) is not None:
                break
        if verb is None:  # "“...,” the ministry said": the verb may be the sentence's root with the quote as its object
            verb = next((t for t in span if t.idx not in inside and t.lemma_.lower() in SAY_VERBS
                         and t.dep_ in ("ROOT", "parataxis", "ccomp")), None)
        who = subject(verb) if verb is not None else None
        if who is None:
            if name := according_to(span):
                out.append(Quoted(q, qs, qs + len(q), name, None))
            continue
        if who.idx in inside:
            continue
        if who.lower_ in PERSONAL_PRONOUNS:
            out.append(Quoted(q, qs, qs + len(q), None, None, pronoun=True))
            continue
        if not nominal(who):  # "some shouted", "figures show": no speaker to name
            continue
        name, role = speaker_phrase(who)
        named = is_person_named(doc, name)
        if not named and any(c.dep_ == "poss" and c.lower_ in ("his", "her") for c in who.children):
            continue  # "his son said": a relation, not a name; the model is not asked to guess
        if not named and (org := possessor(doc, who, start)):
            name, role = org, name
        out.append(Quoted(q, qs, qs + len(q), name, role))
    return out


def is_place(name: str) -> bool:
    """A "person" the small model found that is a place ("Manchester", "St Brennan Hospital")."""
    from .lexicon import CARE_NOUNS
    from .places import city, country_code, is_venue_name

    words = {w.lower() for w in name.split()}
    return bool(city(name) or country_code(name) or is_venue_name(name) or words & CARE_NOUNS)


def antecedents(doc, pos: int, sentences: int = 3) -> list[str]:
    """Who "he" or "she" may be, nearest first: the person-like subjects of the sentences before `pos`
    (and of its own sentence before the quote), then the people those sentences name; each once."""
    names: list[str] = []

    def add(name: str) -> None:
        if name and not any(name in n or n in name for n in names):
            names.append(name)

    sents = sents_before(doc, pos, sentences + 1)
    for sent in reversed(sents):
        for t in sent:
            if t.dep_ in ("nsubj", "nsubjpass") and t.idx < pos and t.lower_ not in PERSONAL_PRONOUNS and (
                    t.ent_type_ == "PERSON" or t.lemma_.lower() in PERSON_NOUNS) and not (
                    t.tag_ in ("NNS", "NNPS") and t.ent_type_ != "PERSON") and not any(
                    c.dep_ == "poss" for c in t.children if c.lower_ in ("his", "her", "their")):
                # "experts" is no "he"; "his son" names a relation, not the speaker
                add(speaker_phrase(t)[0])
        for e in ents_within(doc, sent.start_char, sent.end_char):
            if e.label_ == "PERSON" and e.start_char < pos and not is_place(e.text):
                add(e.text)
    return list(dict.fromkeys(titled(doc, pos, n) or n for n in names))


def titled(doc, pos: int, description: str, sentences: int = 6) -> str | None:
    """The one person named with a description's title before `pos`: "the president" is "Joko Widodo"
    when "President Joko Widodo" was named a few sentences before (and no other president was; "FIFA
    president Gianni Infantino" is another office's)."""
    words = description.lower().split()
    if len(words) != 2 or words[0] != "the":
        return None
    sents = sents_before(doc, pos, sentences)
    found = {e.text for s in sents for e in ents_within(doc, s.start_char, s.end_char) if e.label_ == "PERSON" and e.end_char <= pos
             and e.start > 0 and doc[e.start - 1].lower_ == words[1]
             and not (e.start > 1 and doc[e.start - 2].pos_ in ("PROPN", "NOUN"))}  # not "FIFA president X"
    return found.pop() if len(found) == 1 else None


def organisation_antecedent(doc, pos: int, speaker: str) -> str | None:
    """Which organisation a described speaker ("the news agency", "the ministry") is: the one
    organisation named in the sentence before `pos` and in its own sentence up to `pos`; None when
    none or several are, or when the speaker is no such description."""
    words = speaker.lower().split()
    if not (len(words) > 1 and words[0] == "the" and words[-1] in ORG_NOUNS and speaker[4:5].islower()):
        return None
    sents = sents_before(doc, pos, 2)
    found = {e.text for s in sents for e in ents_within(doc, s.start_char, s.end_char) if e.label_ == "ORG" and e.end_char <= pos
             and text_of(doc)[e.end_char:e.end_char + 1] != "-"}  # "State-run" names no one
    return found.pop() if len(found) == 1 else None
