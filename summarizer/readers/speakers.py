"""Speakers: who says each quotation, read from spaCy's dependency parse and the layout news uses for it.

A quotation is the words between quotation marks (double ones of any shape, or single ones at word
boundaries, as headlines and British copy use), paired within a paragraph. Its speaker is, in order:
the subject of the verb that governs the quotation in the parse (any verb of saying, or any verb whose
complement clause, or whose whole object, the quotation is); the subject of the verb in the attribution
tag beside the quotation ("…,” the mayor said" / "The mayor said: “…”"), which news keeps even where the
parser goes wrong; "according to X"; and for a quotation with no attribution of its own, the speaker of
the quotation or reported speech just before it (news continues a speaker's words without repeating
"he said"). A pronoun, "it", "the agency" or "the statement" is resolved to whom it stands for.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

# honorifics and ranks: "Detective", "Sheikh", "Cdr", "Maj", "Gen"
from nameparser.config.titles import TITLES

from summarizer.readers.furniture import is_furniture
from summarizer.readers.language import (
    ent_at,
    ents_in_tokens,
    ents_starting,
    ents_within,
    index,
    is_person_named,
    sents_before,
    text_of,
)
from summarizer.readers.lexicon import (
    CARE_NOUNS,
    DOCUMENT_NOUNS,
    NAME_PARTICLES,
    ORG_NOUNS,
    PERSON_NOUNS,
    PERSONAL_PRONOUNS,
    SAY_VERBS,
    STOP,
)
from summarizer.readers.places import city, country_code, is_venue_name

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

# Double quotation marks of every shape; which one opens is decided by pairing, not by its shape
# (wire copy mixes straight and curly marks and types an opening mark where a closing one belongs).
_DOUBLE = frozenset('"“”„‟')
# A single quotation mark opens at a word's start and closes at a word's end; an apostrophe inside a
# word ("Crimea’s", "won’t") does neither.
_SINGLE_OPEN = re.compile(r"(?<![\w’'‘])[‘'](?=[\w“\"])")
_SINGLE_CLOSE = re.compile(r"(?<=[\w.,!?…%)])[’'](?!\w)")
MAX_SINGLE = 300  # characters: a single-quoted span longer than this is apostrophes, not a quotation
MIN_QUOTE_WORDS = 4  # a shorter quotation is a statement only when a verb of saying governs it
# Parts of a subject that describe the speaker rather than name them.
_DESCRIPTIVE = {"appos", "relcl", "acl", "punct", "cc", "conj", "advcl", "parataxis"}
MAX_SPEAKER_TOKENS = 10
# An attribution tag is short, but may hold a long title: "…,” the head of the X Committee for Y, Ana
# Lund, said".
MAX_TAG_TOKENS = 24
CONTINUE_SENTENCES = 1  # a bare quotation continues a speaker heard in the sentence before, no further
REFLEXIVES = frozenset("itself himself herself themselves".split())
_VERBAL = ("VERB", "AUX")


@dataclass
class Quotation:
    """A quotation and who says it; `pronoun` when the text says only "he" or "she" (resolved by the
    caller, from the people named before `anchor`, the position of that pronoun)."""

    quote: str
    start: int  # offsets of the quoted words in the article text
    end: int
    speaker: str | None
    role: str | None
    pronoun: bool = False
    anchor: int = -1
    pronoun_word: str | None = None  # "he" or "she"

    def __post_init__(self) -> None:
        if self.anchor < 0:
            self.anchor = self.start


# --- the quotations of a text ---------------------------------------------------------------------


def quote_marks(text: str) -> list[tuple[int, int]]:
    """(opening, closing) offsets of the marks of every quotation in `text`, in order; a quotation
    still open at its paragraph's end runs to that end (a quotation that goes on into the next
    paragraph is closed only there)."""
    out: list[tuple[int, int]] = []
    base = 0
    for para in text.split("\n"):
        out += [(base + a, base + b) for a, b in _paragraph_marks(para)]
        base += len(para) + 1
    return out


def _paragraph_marks(para: str) -> list[tuple[int, int]]:
    doubles = [i for i, c in enumerate(para) if c in _DOUBLE]
    pairs = [
        (doubles[k], doubles[k + 1] if k + 1 < len(doubles) else len(para)) for k in range(0, len(doubles), 2)
    ]
    singles: list[tuple[int, int]] = []
    free_from = 0
    # single marks outside the double ones; inside, they quote within a quotation
    for m in _SINGLE_OPEN.finditer(para):
        if m.start() < free_from or any(a <= m.start() <= b for a, b in pairs):
            continue
        close = _single_close(para, m.end())
        if close is None or any(a <= close.start() <= b for a, b in pairs):
            continue
        singles.append((m.start(), close.start()))
        free_from = close.end()
    return sorted(pairs + singles)


def _single_close(para: str, start: int) -> re.Match[str] | None:
    """The mark that closes a single quotation opened before `start`: the first at a word's end, but
    not a plural's apostrophe ("the tenants’ homes") when another closing mark follows."""
    stop = min(len(para), start + MAX_SINGLE)
    found = list(_SINGLE_CLOSE.finditer(para, start, stop))
    for k, m in enumerate(found):
        possessive = para[m.start() - 1 : m.start()] == "s" and para[m.end() : m.end() + 2][1:2].islower()
        later = found[k + 1] if k + 1 < len(found) else None  # and no quotation opens before that one
        if not (possessive and later is not None and not _SINGLE_OPEN.search(para, m.end(), later.start())):
            return m
    return None


def is_name(quote: str) -> bool:
    """Words in quotation marks that name something ("Valley Courier Daily", "Operation Safe Harbour")
    rather than say it: every word capitalised but the small words of names."""
    words = re.findall(r"[^\W\d_][\w’'-]*", quote)
    small = NAME_PARTICLES | {"of", "the", "and", "for", "on", "in", "at", "a", "an", "&"}
    return (
        bool(words)
        and len(words) <= 8
        and quote.rstrip()[-1:] not in ".!?"
        and all(w[0].isupper() or w.lower() in small for w in words)
        and any(w[0].isupper() for w in words)
    )


def quotations(doc: Doc, start: int, end: int) -> list[Quotation]:
    """Every quotation that opens in characters [start, end) of `doc`, with its speaker (the whole
    Doc is read once, in order, so that a quotation may take its speaker from the text before it)."""
    found = doc.user_data.get("summarizer.quotations")
    if found is None:
        found = doc.user_data["summarizer.quotations"] = _read_all(doc)
    return [q for q in found if start <= q.start < end]


def _read_all(doc: Doc) -> list[Quotation]:
    text = text_of(doc)
    marks = quote_marks(text)
    out: list[Quotation] = []
    for k, (a, b) in enumerate(marks):
        raw = text[a + 1 : b]
        q = raw.strip().rstrip(",").rstrip()
        if not q or is_name(q):
            continue
        qs = a + 1 + len(raw) - len(raw.lstrip())
        got = _attribute(doc, marks, k, out, short=len(q.split()) < MIN_QUOTE_WORDS)
        if got is not None:
            out.append(
                replace(got, quote=q, start=qs, end=qs + len(q), anchor=got.anchor if got.pronoun else qs)
            )
    return out


def _attribute(
    doc: Doc, marks: list[tuple[int, int]], nth: int, before: list[Quotation], short: bool
) -> Quotation | None:
    """The speaker of the nth quotation: from the parse, the attribution tag, "according to", or
    (a long quotation with none of these) the speaker heard just before."""
    opening, closing = marks[nth]
    quoted = _quoted_tokens(doc, opening, closing)
    if not quoted:
        return None
    ids = {t.i for t in quoted}
    verb, tag = _attributing_verb(doc, marks, nth, quoted, ids)
    if verb is not None:
        who = speaker_token(verb, ids, tag)
        return _speaker(doc, who, min(opening, who.idx)) if who is not None else None
    if (who := colon_tag(doc, marks, nth)) is not None:  # "The ministry, on its website: “…”"
        return _speaker(doc, who, who.idx)
    if short:
        return None
    sent = doc[quoted[0].i].sent
    if name := according_to(sent):
        return Quotation("", 0, 0, name, None)
    return continued(doc, opening, before) if bare(sent, ids) else None


def _quoted_tokens(doc: Doc, opening: int, closing: int) -> list[Token]:
    """The tokens between a quotation's marks (the marks themselves left out)."""
    inside = range(opening, closing + 1)
    span = doc.char_span(opening, min(closing + 1, len(text_of(doc))), alignment_mode="expand")
    if span is None:
        return []
    return [t for t in span if t.idx in inside and not (t.is_punct and t.idx in (opening, closing))]


def _attributing_verb(
    doc: Doc, marks: list[tuple[int, int]], nth: int, quoted: list[Token], ids: set[int]
) -> tuple[Token | None, Sequence[Token]]:
    """The verb that attributes the nth quotation, and its tag's tokens when a tag names it: the tag a
    comma announces comes first ("…,” the agency said"), before any parse; then the verb the parse
    hangs the quotation from; then a tag beside it."""
    opening, closing = marks[nth]
    roots = [t for t in quoted if t.head.i not in ids or t.head is t]
    text = text_of(doc)
    label = text[closing + 1 : closing + 3].lstrip()[:1] == ":"
    verb: Token | None = None
    tag: Sequence[Token] = ()
    if text[opening + 1 : closing].rstrip()[-1:] == ",":
        verb, tag = tag_verb(doc, marks, nth)
        verb, tag = (verb, tag) if verb is not None and verb.idx > closing else (None, ())
    if verb is None:
        verb = governing_verb(roots, ids, label)
    if verb is None:
        verb, tag = tag_verb(doc, marks, nth)
    return verb, tag


def bare(sent: Span, ids: set[int]) -> bool:
    """Whether the quotation stands alone in its sentence (nothing but a word or two outside it), as
    a quotation that goes on with the last speaker does; one inside a clause of its own ("Y condemned
    it as “…”") continues no one."""
    return sum(1 for t in sent if t.i not in ids and not t.is_punct and not t.is_space) <= 2


# --- the verb that attributes a quotation ---------------------------------------------------------


def governing_verb(roots: list[Token], ids: set[int], label: bool = False) -> Token | None:
    """The verb outside the quotation that the parse hangs it from: the first verb of saying above it,
    or the first verb above it at all when the quotation is that verb's complement clause or its whole
    object ("…,” the statement read", "X condemned ‘senseless violence’")."""
    verb = _saying_verb_above(roots, ids)
    if verb is not None:
        return verb
    if label:
        return None  # "‘Pure chaos’: town grieves": a headline's label, not what the town says
    return _verb_quoted_whole(roots, ids)


def says(verb: Token) -> bool:
    """A verb of saying ("said", "told", "added")."""
    return verb.pos_ in _VERBAL and verb.lemma_.lower() in SAY_VERBS


def _saying_verb_above(roots: list[Token], ids: set[int]) -> Token | None:
    """A verb of saying anywhere above the quotation: "X said the driver had shown “…”" is X's."""
    for root in roots:
        verb = root.head
        for _ in range(12):
            if verb is root:
                break
            if verb.i not in ids and says(verb):
                return verb
            if _heads_own_clause(verb, ids):
                break
            verb = verb.head
    return None


def _heads_own_clause(verb: Token, ids: set[int]) -> bool:
    """Whether the climb stops at `verb`: the root, or a clause with its own subject, which is not the
    one above's ("X say ...; Y condemns “…”")."""
    return bool(
        verb.head is verb or verb.i not in ids and verb.dep_ in ("conj", "parataxis") and child(verb, "nsubj")
    )


def _verb_quoted_whole(roots: list[Token], ids: set[int]) -> Token | None:
    """The first verb above the quotation when the quotation is all it says: its complement clause, or
    its whole object (one word in quotation marks is a term, not a statement)."""
    for root in roots:
        dep, verb = _first_head_outside(root, ids)
        if verb is root or verb.i in ids or verb.pos_ not in _VERBAL:
            continue
        if dep in ("ccomp", "parataxis") or dep in ("dobj", "oprd") and whole(root, ids) and len(ids) > 1:
            return verb
    return None


def _first_head_outside(root: Token, ids: set[int]) -> tuple[str, Token]:
    """The first head above `root` outside the quotation, and the relation the quotation holds to it;
    "condemned the attack as “…”" makes the quotation the verb's predicate."""
    dep, verb = root.dep_, root.head
    while verb is not root and verb.i in ids and verb.head is not verb:
        dep, verb = verb.dep_, verb.head
    if verb.dep_ == "prep" and verb.lower_ == "as" and dep == "pobj" and verb.head.pos_ in _VERBAL:
        dep, verb = "oprd", verb.head
    return dep, verb


def whole(root: Token, ids: set[int]) -> bool:
    """Whether the quotation is all of the phrase `root` heads (but its article)."""
    return all(t.i in ids or t.is_punct or t.dep_ == "det" for t in root.subtree)


def tag_verb(doc: Doc, marks: list[tuple[int, int]], nth: int) -> tuple[Token | None, Sequence[Token]]:
    """The verb of the attribution tag right after the quotation ("…,” the agency said") or right
    before it, ended by a colon or comma ("The agency said: “…”"), within the sentence and not past
    another quotation; and the tag's tokens."""
    found = _tag_after(doc, marks, nth)
    if found is None:
        found = _tag_before(doc, marks, nth)
    return found if found is not None else (None, ())


def _tag_after(doc: Doc, marks: list[tuple[int, int]], nth: int) -> tuple[Token, list[Token]] | None:
    """The tag after the quotation and its verb: "…,” the statement read": a comma announces the tag,
    whatever its verb; else it needs a verb of saying."""
    text = text_of(doc)
    opening, closing = marks[nth]
    after_end = marks[nth + 1][0] if nth + 1 < len(marks) else len(text)
    sent = _sentence_at(doc, closing)
    if sent is None or text[closing + 1 : closing + 2] not in ", ":
        return None
    tag = _up_to_other_clause([t for t in sent if closing < t.idx < after_end][:MAX_TAG_TOKENS])
    announced = text[opening + 1 : closing].rstrip()[-1:] == "," or text[closing + 1 : closing + 2] == ","
    verb = _tag_verb_in(tag, first=True, saying_only=not announced)
    return (verb, tag) if verb else None


def _up_to_other_clause(tag: list[Token]) -> list[Token]:
    """The tag up to a conjunction that opens another clause ("…,” while the minister urged ...")."""
    cut = next(
        (n for n, t in enumerate(tag) if t.pos_ == "SCONJ" or t.pos_ == "CCONJ" and t.head.pos_ in _VERBAL),
        len(tag),
    )
    return tag[:cut]


def _tag_before(doc: Doc, marks: list[tuple[int, int]], nth: int) -> tuple[Token, list[Token]] | None:
    """The tag before the quotation, ended by a colon or comma ("The agency said: “…”"), and its verb."""
    opening = marks[nth][0]
    if text_of(doc)[max(0, opening - 3) : opening].rstrip()[-1:] not in (":", ","):
        return None
    tag = _words_before(doc, marks, nth)[-MAX_TAG_TOKENS:]
    verb = _tag_verb_in(tag, first=False)
    return (verb, tag) if verb else None


def _words_before(doc: Doc, marks: list[tuple[int, int]], nth: int) -> list[Token]:
    """The tokens of the quotation's sentence before it, after any earlier quotation."""
    opening = marks[nth][0]
    sent = _sentence_at(doc, opening)
    start = marks[nth - 1][1] + 1 if nth > 0 else 0
    return [t for t in sent if start <= t.idx < opening] if sent is not None else []


def colon_tag(doc: Doc, marks: list[tuple[int, int]], nth: int) -> Token | None:
    """The speaker of a tag with no verb that ends in a colon before the quotation, as live reports
    write them: "Lund, visibly moved: “…”", "The ministry, on its website: “…”"."""
    opening = marks[nth][0]
    if text_of(doc)[max(0, opening - 3) : opening].rstrip()[-1:] != ":":
        return None
    tag = _words_before(doc, marks, nth)
    if not tag or len(tag) > MAX_TAG_TOKENS or any(t.pos_ in _VERBAL for t in tag):
        return None
    ids = {t.i for t in tag}
    heads = [t for t in tag if (t.head.i not in ids or t.head is t) and nominal(t)]
    return heads[0] if heads else None


def _tag_verb_in(tag: Sequence[Token], first: bool, saying_only: bool = False) -> Token | None:
    """The tag's first (or last) verb of saying, else (unless `saying_only`) its first (or last) verb."""
    words = [t for t in tag if not t.is_punct]
    verbs = [t for t in words if t.pos_ == "VERB" or t.pos_ == "AUX" and t.lemma_.lower() in SAY_VERBS]
    saying = [t for t in verbs if t.lemma_.lower() in SAY_VERBS]
    pick = saying or ([] if saying_only else verbs)
    if not pick:
        return None
    return pick[0] if first else pick[-1]


def _sentence_at(doc: Doc, pos: int) -> Span | None:
    ix = index(doc)
    k = bisect_right(ix.sent_chars, pos) - 1
    return ix.sents[k] if k >= 0 else None


def child(token: Token, *deps: str) -> Token | None:
    """The token's first child in one of the relations `deps`."""
    return next((c for c in token.children if c.dep_ in deps), None)


def prepositional_object(head: Token, prepositions: tuple[str, ...]) -> Token | None:
    """The object of the first of `prepositions` hanging on `head` ("a statement from X", "sanctions
    against X")."""
    return next(
        (
            obj
            for prep in head.children
            if prep.dep_ == "prep" and prep.lower_ in prepositions
            for obj in prep.children
            if obj.dep_ == "pobj"
        ),
        None,
    )


def subject_of(verb: Token) -> Token | None:
    """The verb's subject, through auxiliaries, participles and "has said that ... was behind"."""
    subject = child(verb, "nsubj", "nsubjpass")
    hops = 0
    while subject is None and verb.dep_ in ("xcomp", "conj", "advcl") and verb.head is not verb and hops < 3:
        verb, hops = verb.head, hops + 1  # "…, the mayor told reporters, adding ‘…’": the teller laments
        subject = child(verb, "nsubj")
    if subject is None and verb.dep_ == "acl" and verb.head.pos_ in ("PROPN", "NOUN"):  # "Putin suggesting"
        subject = verb.head
    if (
        subject is None
    ):  # "Al Shabaab, writing on Twitter, denies ...": the parser gives "writing" the subject
        subject = next(
            (
                n
                for c in verb.children
                if c.dep_ == "advcl" and c.i < verb.i
                for n in c.children
                if n.dep_ == "nsubj" and n.i < c.i
            ),
            None,
        )
    return subject


def speaker_token(verb: Token, ids: set[int], tag: Sequence[Token]) -> Token | None:
    """Who says it: the verb's subject (for a passive, its "by" agent: "tenants were told" names the
    hearers); where the parse gives none outside the quotation, the name or noun in the tag."""
    agent = _agent_of(verb)
    if agent is not None:
        return agent if nominal(agent) else None  # "were told by text message": no one speaks
    subject = subject_of(verb)
    if subject is not None and subject.dep_ == "nsubjpass" and not reports_own_words(verb):
        return None  # "tenants were told to ...": the hearers; but "X was quoted as saying": X speaks
    tag_ids = {t.i for t in tag}
    if subject is not None and _subject_speaks(subject, verb, ids, tag, tag_ids):
        return next_to_verb(subject) or subject
    nouns = _tag_nouns(verb, ids, tag, tag_ids)
    if nouns:
        return min(nouns, key=lambda t: abs(t.i - verb.i))
    return subject if subject is not None and subject.i not in ids else None


def _agent_of(verb: Token) -> Token | None:
    """The "by" agent of a passive verb."""
    return next((c for p in verb.children if p.dep_ == "agent" for c in p.children if c.dep_ == "pobj"), None)


def _subject_speaks(
    subject: Token, verb: Token, ids: set[int], tag: Sequence[Token], tag_ids: set[int]
) -> bool:
    """Whether the parse's subject is the speaker: outside the quotation, and the verb's own or in the tag."""
    return subject.i not in ids and (subject.head is verb or not tag or subject.i in tag_ids)


def _tag_nouns(verb: Token, ids: set[int], tag: Sequence[Token], tag_ids: set[int]) -> list[Token]:
    """The names, nouns and pronouns of the tag that hang from its verb or from outside it."""
    return [
        t
        for t in tag
        if t is not verb
        and t.i not in ids
        and (nominal(t) or t.lower_ in PERSONAL_PRONOUNS)
        and (t.head is verb or t.head.i not in tag_ids)
    ]


def reports_own_words(verb: Token) -> bool:
    """ "was quoted as saying", "is reported to have said": a passive verb of saying whose complement
    says its subject spoke."""
    inner = [c for c in verb.children if c.dep_ == "xcomp"]
    inner += [
        w
        for p in verb.children
        if p.dep_ == "prep" and p.lower_ == "as"
        for w in p.children
        if w.dep_ == "pcomp"
    ]
    return any(t.pos_ == "VERB" and t.lemma_.lower() in SAY_VERBS for t in inner)


def next_to_verb(subj: Token) -> Token | None:
    """The person named right before the verb when the parse gave the verb a subject further away: a
    news tag puts the speaker just before "said" ("…, the airline's chief Ana Lund told reporters"),
    and the small parser sometimes hangs that name on an earlier noun."""
    verb = subj.head
    j = _word_before_verb(subj, verb)
    near = verb.doc[j]
    if near.text == "," and j - 1 > subj.i and verb.doc[j - 1].ent_type_ == "PERSON":
        near = verb.doc[j - 1]  # "…, the committee's head, Ana Lund, said"
    if j <= subj.i or near.ent_type_ != "PERSON" or near.i in _naming_ids(subj) or subj.ent_type_ == "PERSON":
        return None
    while near.dep_ == "compound" and near.head.i > near.i and near.head.i < verb.i:
        near = near.head
    return near


def _word_before_verb(subj: Token, verb: Token) -> int:
    """The index of the word before the verb, past its auxiliaries, negation and adverbs."""
    j = verb.i - 1
    while j > subj.i and verb.doc[j].dep_ in ("aux", "auxpass", "neg", "advmod") and verb.doc[j].head is verb:
        j -= 1
    return j


def _naming_ids(subj: Token) -> set[int]:
    """The token indices of the subject's phrase without the parts that describe the speaker."""
    return {t.i for t in subj.subtree} - {
        t.i for c in subj.children if c.dep_ in _DESCRIPTIVE for t in c.subtree
    }


def according_to(sent: Span) -> str | None:
    """The source a sentence gives with "according to X"."""
    for t in sent:
        if t.lower_ == "according" and t.i + 1 < len(t.doc) and t.doc[t.i + 1].lower_ == "to":
            obj = next((c for c in t.doc[t.i + 1].children if c.dep_ == "pobj"), None)
            if obj is None:
                return None
            if nominal(obj):
                return speaker_phrase(obj)[0]
            # "according to figures given by the prosecutor": the person or body inside
            inner = [
                x for x in obj.subtree if x is not obj and nominal(x) and x.dep_ not in ("compound", "amod")
            ]
            return speaker_phrase(inner[-1])[0] if inner else None
    return None


def continued(doc: Doc, pos: int, before: list[Quotation]) -> Quotation | None:
    """A quotation with no attribution of its own goes on with the speaker heard last, if that was in
    the sentence of prose before it (headings and page furniture between do not count): the speaker
    of a quotation, or of reported speech ("Lund said the road was gone. “We will rebuild it.”")."""
    if in_furniture(doc, pos):
        return None  # a headline's quotation continues no one
    sents = _sentences_heard(doc, pos)
    if not sents:
        return None
    first = sents[0].start_char
    heard = [q for q in before if first < q.end and q.start < pos and not in_furniture(doc, q.start)]
    last_quote = heard[-1] if heard else None
    for sent in reversed(sents):
        if last_quote is not None and last_quote.end > sent.start_char:
            return replace(last_quote)  # the speaker of the quotation before, as its tag names them
        if (found := _reported_speaker(doc, sent, pos, heard)) is not None:
            return found
    return None


def _sentences_heard(doc: Doc, pos: int) -> list[Span]:
    """The sentence of prose before `pos`, and its own sentence up to the quotation."""
    own = _sentence_at(doc, pos)
    sents = [s for s in prose_before(doc, pos, CONTINUE_SENTENCES + 1) if s is not own][-CONTINUE_SENTENCES:]
    if own is not None and own.start_char < pos:
        sents.append(own)
    return sents


def _reported_speaker(doc: Doc, sent: Span, pos: int, heard: list[Quotation]) -> Quotation | None:
    """Who `sent` reports speaking before `pos`, outside the quotations heard ("Lund said the road was
    gone"), the last one first."""
    reported = [
        t
        for t in sent
        if t.idx < pos
        and t.pos_ == "VERB"
        and t.lemma_.lower() in SAY_VERBS
        and not any(q.start <= t.idx < q.end for q in heard)
    ]
    for verb in reversed(reported):
        who = speaker_token(verb, set(), ())
        if who is not None and (found := _speaker(doc, who, verb.idx)) is not None:
            return found
    return None


def in_furniture(doc: Doc, pos: int) -> bool:
    """Whether the line holding `pos` is a heading or page furniture ("READ MORE: ...")."""
    text = text_of(doc)
    start, end = text.rfind("\n", 0, pos) + 1, text.find("\n", pos)
    return is_furniture(text[start : end if end >= 0 else len(text)])


def prose_before(doc: Doc, pos: int, count: int) -> list[Span]:
    """The last `count` sentences of story prose that start before character `pos` (blank lines,
    headings and page furniture left out)."""
    sents = [
        s
        for s in sents_before(doc, pos, 3 * count + 4)
        if s.text.strip() and not in_furniture(doc, s.start_char)
    ]
    return sents[-count:]


# --- who a speaker is -----------------------------------------------------------------------------


def _speaker(doc: Doc, who: Token, pos: int) -> Quotation | None:
    """The speaker a subject token names, resolved from the text before `pos` (the quotation's start, or
    the speaker's own place when it comes first): "he" is left to the caller (pronoun), "it" and
    "they" are the body named before, "the statement" is its author, "the agency" the agency named
    before."""
    low = who.lower_
    if low in ("it", "they"):
        name = group_antecedent(doc, pos, plural=low == "they")
        return Quotation("", 0, 0, name, None) if name else None
    if low in PERSONAL_PRONOUNS:
        return Quotation("", 0, 0, None, None, pronoun=True, anchor=pos, pronoun_word=low)
    if who.lemma_.lower() in DOCUMENT_NOUNS and who.ent_type_ not in ("PERSON", "ORG"):
        phrase = speaker_phrase(who)[0]
        return Quotation("", 0, 0, author_of(doc, who, pos) or phrase, None)
    if not nominal(who):  # "some shouted", "figures show": no speaker to name
        return None
    return _named_speaker(doc, who, pos)


def _named_speaker(doc: Doc, who: Token, pos: int) -> Quotation | None:
    """The speaker a name or noun names: "its spokesman" is the organisation's, "the agency" the agency
    named before, "the president" the president named before; "his son" names no one."""
    name, role = speaker_phrase(who)
    named = is_person_named(doc, name)
    if not named and any(c.dep_ == "poss" and c.lower_ in ("his", "her") for c in who.children):
        return None  # "his son said": a relation, not a name; the model is not asked to guess
    if not named and (org := possessor(doc, who, pos)):
        name, role = org, name
    elif org := organisation_antecedent(doc, pos, name):
        name, role = org, role or name
    elif person := titled(doc, pos, name):
        name, role = person, role or name
    return Quotation("", 0, 0, name, role)


def speaker_phrase(subj: Token) -> tuple[str, str | None]:
    """The subject's naming words, and a role: "Colin Clarke, an analyst at X" -> ("Colin Clarke", "an
    analyst at X"); "Home Secretary Amber Rudd" -> ("Amber Rudd", "Home Secretary"); "Maj Gen Ana Lund"
    -> ("Ana Lund", "Maj Gen")."""
    doc = subj.doc
    words = _naming_words(subj)
    phrase = doc[words[0].i : words[-1].i + 1].text if words else subj.text
    appos = next((c for c in subj.children if c.dep_ == "appos" and c.lower_ not in REFLEXIVES), None)
    role = doc[appos.left_edge.i : appos.right_edge.i + 1].text if appos is not None else None
    person = ent_at(doc, subj.i)
    found: tuple[str, str | None] | None
    if person is None or person.label_ != "PERSON":
        found = _name_beside(subj, appos, phrase, words)
    elif words and person.start >= words[0].i:
        found = _person_and_role(person, words, role)
    else:
        found = None
    return found if found is not None else (phrase.split("\n")[-1].strip(), role)


def _name_beside(subj: Token, appos: Token | None, phrase: str, words: list[Token]) -> tuple[str, str] | None:
    """The name of a subject that is no person entity: a person named beside a description, or a name
    after a rank."""
    found = None
    if subj.ent_type_ not in ("ORG", "GPE", "NORP"):
        found = _name_hung_on_noun(subj, phrase) if appos is None else _name_in_apposition(appos, phrase)
    if found is None and subj.pos_ == "PROPN" and words:
        found = _name_after_rank(words)
    return found


def _naming_words(subj: Token) -> list[Token]:
    """The subject's words without those that describe the speaker, a reflexive ("the group, itself"),
    trailing punctuation, or the article of "a Ukrainian, Ana Lund" (which names her; "a man who ..."
    is described by the article)."""
    doc = subj.doc
    keep = sorted(_naming_ids(subj))
    words = [doc[i] for i in keep if doc[i].lower_ not in REFLEXIVES][:MAX_SPEAKER_TOKENS]
    while words and words[-1].is_punct:  # "the group, itself" -> "the group"
        words = words[:-1]
    while words and words[0].dep_ == "det" and words[0].lower_ in ("a", "an") and subj.pos_ == "PROPN":
        words = words[1:]
    return words


def _person_and_role(person: Span, words: list[Token], role: str | None) -> tuple[str, str | None]:
    """The name is a person entity that holds the subject's head word (the small model's entities are
    often cut short: "London Fire" of "London Fire Commissioner Dany Cotton"); the words before it,
    or a rank it starts with, are the role."""
    doc = person.doc
    first = person.start
    while first > words[0].i and given_name(doc[first - 1], person):  # "Ramadan Abedi", cut to "Abedi"
        first -= 1
    while first < person.end - 1 and is_title(doc[first]):  # "Gen Ana Lund": the rank is a role
        first += 1
    before = doc[words[0].i : first].text.strip(" ,")
    if first == words[0].i and person.end - 1 >= words[-1].i:
        return doc[first : person.end].text, role
    return doc[first : person.end].text, (before or role)


def _name_hung_on_noun(subj: Token, phrase: str) -> tuple[str, str] | None:
    """ "the head of the X committee, Ana Lund, said": the parser hangs the name on the committee."""
    named = [t for t in subj.subtree if t.dep_ == "appos" and t.ent_type_ == "PERSON" and t.i > subj.i]
    if named and (inner := ent_at(subj.doc, named[-1].i)) is not None:
        return untitled(inner), phrase.split(",")[0].strip()
    return None


def _name_in_apposition(appos: Token, phrase: str) -> tuple[str, str] | None:
    """ "A friend, Abdulaziz Almashi, said", "The MP for Vessa, Ana Lund, said"."""
    inner = next(
        (
            e
            for e in ents_in_tokens(appos.doc, appos.left_edge.i, appos.right_edge.i + 1)
            if e.label_ == "PERSON"
        ),
        None,
    )
    return (inner.text, phrase) if inner is not None else None


def _name_after_rank(words: list[Token]) -> tuple[str, str] | None:
    """ "Maj Gen Lund" with no entity: the rank is a role."""
    doc = words[0].doc
    first = 0
    while first < len(words) - 1 and is_title(words[first]):
        first += 1
    if first:
        return doc[words[first].i : words[-1].i + 1].text, doc[words[0].i : words[first - 1].i + 1].text
    return None


def is_title(tok: Token) -> bool:
    """A rank or honorific written before a name ("Maj", "Gen.", "Lt", "Dr", "Sheriff")."""
    return tok.text[:1].isupper() and tok.lower_.rstrip(".") in TITLES


def given_name(tok: Token, person: Span) -> bool:
    """A capitalised name word the tagger left out of the person it compounds ("Ramadan" of "Ramadan
    Abedi"); a title ("Home Secretary", "Commissioner") or a name of another kind is not one."""
    return (
        tok.pos_ == "PROPN"
        and tok.dep_ == "compound"
        and person.start <= tok.head.i < person.end
        and not tok.ent_type_
        and tok.text[:1].isupper()
        and tok.lower_.rstrip(".") not in TITLES
        and tok.lemma_.lower() not in PERSON_NOUNS | ORG_NOUNS
    )


def nominal(tok: Token) -> bool:
    """Whether a subject can name a speaker: a name, or a noun for a person or a body ("the ministry")."""
    lemma = tok.lemma_.lower()
    return (
        tok.ent_type_ in ("PERSON", "ORG", "NORP", "GPE")
        or tok.pos_ == "PROPN"
        or lemma in PERSON_NOUNS
        or lemma in ORG_NOUNS
        or tok.pos_ == "NOUN"
        and len(lemma) > 5
        and lemma.endswith(("man", "woman", "person"))
    )  # "fisherman", "linesman"


def possessor(doc: Doc, subj: Token, pos: int, window: int = 600) -> str | None:
    """For "its spokesman" / "their leader": the organisation named last before `pos`."""
    if not any(c.dep_ == "poss" and c.lower_ in ("its", "their") for c in subj.children):
        return None
    orgs = [e for e in ents_starting(doc, pos - window, pos) if e.label_ in ("ORG", "NORP")]
    name: str | None = orgs[-1].text if orgs else None
    return name


def _sentences_up_to(doc: Doc, pos: int, count: int) -> list[Span]:
    """The last `count` sentences of prose before `pos`, and its own sentence."""
    sents = prose_before(doc, pos, count)
    own = _sentence_at(doc, pos)
    if own is not None and own not in sents:
        sents = [*sents, own]
    return sents


def group_antecedent(doc: Doc, pos: int, plural: bool, sentences: int = 3) -> str | None:
    """Whom "it said" / "they said" stands for: the nearest body (or, for "they", people) that spoke
    in the sentences before `pos` or in its own sentence before it, else the nearest that is a subject."""
    sents = _sentences_up_to(doc, pos, sentences)
    subjects = [t for sent in sents for t in sent if t.idx < pos and t.dep_ in ("nsubj", "nsubjpass")]
    speaking = [t for t in subjects if says(t.head)]
    body = next((t for t in reversed(speaking) if _body_that_spoke(t, plural)), None)
    if body is None:
        body = next((t for t in reversed(subjects) if _body_subject(t, plural)), None)
    if body is None:
        return None
    return organisation_antecedent(doc, body.idx, speaker_phrase(body)[0]) or speaker_phrase(body)[0]


def _body_that_spoke(subject: Token, plural: bool) -> bool:
    """Whatever spoke just before, when it is no person ("the harbour authority said"), nor a pronoun
    or a document, and agrees in number."""
    return not (
        subject.lower_ in PERSONAL_PRONOUNS | {"it"}
        or subject.pos_ not in ("NOUN", "PROPN")
        or person_like(subject)
        or (subject.tag_ in ("NNS", "NNPS")) != plural
        or subject.lemma_.lower() in DOCUMENT_NOUNS
    )


def _body_subject(subject: Token, plural: bool) -> bool:
    """A subject that is a body (or, for "they", people), nor a pronoun or a document."""
    if (
        subject.lower_ in PERSONAL_PRONOUNS
        or subject.lower_ == "it"
        or subject.lemma_.lower() in DOCUMENT_NOUNS
    ):
        return False
    body = subject.ent_type_ in ("ORG", "NORP", "GPE") or subject.lemma_.lower() in ORG_NOUNS
    people = plural and subject.tag_ in ("NNS", "NNPS") and subject.lemma_.lower() in PERSON_NOUNS
    return bool((body and (plural or subject.tag_ not in ("NNS", "NNPS") or subject.ent_type_)) or people)


def author_of(doc: Doc, document: Token, pos: int) -> str | None:
    """Who issued "the statement" that speaks: the subject of the verb over the nearest earlier mention
    of a document ("X said in a statement", "X released a statement", "a statement from X"), in its
    own sentence or the two before (up to `pos`)."""
    sents = _sentences_up_to(doc, pos, 2)
    mentions = [
        t for s in sents for t in s if t.idx < pos and t.lemma_.lower() in DOCUMENT_NOUNS and t.pos_ == "NOUN"
    ]
    for noun in (document, *reversed(mentions)):
        who = _issuer(noun, own_mention=noun is document)
        if who is None or who.lemma_.lower() in DOCUMENT_NOUNS:
            continue
        if who.lower_ in ("it", "they"):
            return group_antecedent(doc, who.idx, plural=who.lower_ == "they")
        if nominal(who) and who.lower_ not in PERSONAL_PRONOUNS:
            name = speaker_phrase(who)[0]
            return organisation_antecedent(doc, who.idx, name) or name
    return None


def _issuer(noun: Token, own_mention: bool) -> Token | None:
    """Who a document noun says issued it: "a statement from X", "X's statement", else (for an earlier
    mention, not the speaking one) the subject of the verb over it ("X released a statement")."""
    source = prepositional_object(noun, ("from", "by")) or child(noun, "poss")
    if source is not None or own_mention:
        return source
    verb = noun.head
    for _ in range(3):
        if verb.pos_ in _VERBAL or verb.head is verb:
            break
        verb = verb.head
    return subject_of(verb) if verb.pos_ in _VERBAL else None


def is_place(name: str) -> bool:
    """A "person" the small model found that is a place ("Manchester", "St Brennan Hospital")."""
    words = {w.lower() for w in name.split()}
    return bool(city(name) or country_code(name) or is_venue_name(name) or words & CARE_NOUNS)


def antecedents(doc: Doc, pos: int, sentences: int = 3, pronoun: str | None = None) -> list[str]:
    """Who "he" or "she" (`pronoun`, when known) may be, nearest first: the person-like subjects of the
    sentences before `pos` (and of its own sentence before the quote), then the people those sentences
    name; each once."""
    same = {"he": "his", "she": "her"}.get(pronoun or "", "his her")
    names: list[str] = []
    for sent in reversed(prose_before(doc, pos, sentences + 1)):
        subjects, relations = _people_subjects(doc, sent, pos, same)
        for name in subjects + _people_named(doc, sent, pos, relations):
            if name and not any(name in n or n in name for n in names):
                names.append(name)
    return list(dict.fromkeys(titled(doc, pos, n) or n for n in names))


def _people_subjects(doc: Doc, sent: Span, pos: int, same: str) -> tuple[list[str], set[int]]:
    """The names of the person-like subjects of `sent` before `pos`, and the tokens of the relations it
    names ("his son")."""
    relations: set[int] = set()
    found: list[str] = []
    for t in sent:
        if t.dep_ not in ("nsubj", "nsubjpass") or t.idx >= pos or t.lower_ in PERSONAL_PRONOUNS:
            continue
        if _names_relation(doc, t, same):
            relations |= {x.i for x in t.subtree}  # "his son" names a relation, not the speaker
            continue
        if person_like(t) and not (t.tag_ in ("NNS", "NNPS") and t.ent_type_ != "PERSON"):
            found.append(speaker_phrase(t)[0])  # "experts" is no "he"
    return found, relations


def _names_relation(doc: Doc, subject: Token, same: str) -> bool:
    """A person named as "his friend, X" is someone else than "he" (but "her lawyer, X" may be "he");
    "his son", with no name, is no one to name."""
    poss = next(
        (c.lower_ for c in subject.children if c.dep_ == "poss" and c.lower_ in ("his", "her", "their")),
        None,
    )
    return poss is not None and (poss in same.split() or not is_person_named(doc, speaker_phrase(subject)[0]))


def _people_named(doc: Doc, sent: Span, pos: int, relations: set[int]) -> list[str]:
    """The people `sent` names before `pos` (not places, not the relations it names)."""
    return [
        untitled(e)
        for e in ents_within(doc, sent.start_char, sent.end_char)
        if e.label_ == "PERSON" and e.start_char < pos and not is_place(e.text) and e.start not in relations
    ]


def person_like(tok: Token) -> bool:
    """A subject that may be a person: a person entity or noun, or a name the tagger gave no kind (or
    took for a date: "Theresa May")."""
    if tok.ent_type_ == "PERSON" or tok.lemma_.lower() in PERSON_NOUNS:
        return True
    if tok.pos_ != "PROPN" or tok.ent_type_ not in ("", "DATE") or not tok.text[:1].isupper():
        return False
    phrase = speaker_phrase(tok)[0]
    return not is_place(phrase) and any(w.lower() not in STOP for w in phrase.split())


def untitled(person: Span) -> str:
    """A person entity without the rank or honorific it starts with ("Gen Ana Lund" -> "Ana Lund")."""
    first = person.start
    while first < person.end - 1 and is_title(person.doc[first]):
        first += 1
    name: str = person.doc[first : person.end].text
    return name


def titled(doc: Doc, pos: int, description: str, sentences: int = 6) -> str | None:
    """The one person named with a description's title before `pos`: "the president" is "Joko Widodo"
    when "President Joko Widodo" was named a few sentences before (and no other president was; "FIFA
    president Gianni Infantino" is another office's)."""
    words = description.lower().split()
    if len(words) != 2 or words[0] != "the":
        return None
    sents = prose_before(doc, pos, sentences)
    found = {
        e.text
        for s in sents
        for e in ents_within(doc, s.start_char, s.end_char)
        if e.label_ == "PERSON"
        and e.end_char <= pos
        and e.start > 0
        and doc[e.start - 1].lower_ == words[1]
        and not (e.start > 1 and doc[e.start - 2].pos_ in ("PROPN", "NOUN"))
    }  # not "FIFA president X"
    return found.pop() if len(found) == 1 else None


def organisation_antecedent(doc: Doc, pos: int, speaker: str) -> str | None:
    """Which organisation a described speaker ("the news agency", "the ministry") is: the body its noun
    named last before `pos` (the organisation whose name holds or stands beside that noun, or the
    fuller description: "the rescue agency"); else the one organisation named in the sentence before
    `pos` and its own sentence up to `pos`. None when none or several are, or when the speaker is no
    such description."""
    words = speaker.lower().split()
    if not (len(words) > 1 and words[0] == "the" and words[-1] in ORG_NOUNS and speaker[4:5].islower()):
        return None
    sents = prose_before(doc, pos, 2)
    if (earlier := _named_before(doc, sents, pos, words[-1])) is not None:
        return earlier or None
    found = {
        e.text
        for s in sents
        for e in ents_within(doc, s.start_char, s.end_char)
        if e.label_ == "ORG" and e.end_char <= pos and not _hyphenated(doc, e)
    }  # "State-run" names no one
    return found.pop() if len(found) == 1 else None


def _hyphenated(doc: Doc, entity: Span) -> bool:
    """An entity that is part of a compound word ("State-run")."""
    return text_of(doc)[entity.end_char : entity.end_char + 1] == "-"


def _named_before(doc: Doc, sents: list[Span], pos: int, noun: str) -> str | None:
    """The body the last earlier use of `noun` names: an organisation holding it or beside it, or the
    fuller description; "" when that use names nothing more than the speaker; None when there is none."""
    uses = _uses_before(doc, sents, pos, noun)
    for use in reversed(uses):
        if (named := _body_a_use_names(doc, use)) is not None:
            return named
    return "" if uses else None  # only bare uses ("the group's logo"): they name nothing more


def _uses_before(doc: Doc, sents: list[Span], pos: int, noun: str) -> list[Token]:
    """The uses of `noun` before `pos` in `sents`, then in the sentence of `pos` (but the one right
    before the quotation)."""

    def is_use(token: Token) -> bool:
        return token.idx < pos and token.lemma_.lower() == noun and token.pos_ == "NOUN"

    uses = [t for s in sents for t in s if is_use(t)]
    own = _sentence_at(doc, pos)
    uses += [
        t
        for t in (own or ())
        if is_use(t) and t.i + 1 < len(doc) and doc[t.i + 1].idx < pos and t not in uses
    ]
    return uses


def _body_a_use_names(doc: Doc, use: Token) -> str | None:
    """The organisation that holds a use of the noun or stands beside it, or the fuller description
    its modifiers make ("the rescue agency")."""
    for tok in (use, use.head, *[c for c in use.children if c.dep_ == "appos"]):
        ent = ent_at(doc, tok.i)
        if ent is not None and ent.label_ == "ORG" and not _hyphenated(doc, ent):
            name: str = ent.text
            return name
    mods = [c for c in use.children if c.dep_ in ("compound", "amod") and c.pos_ in ("NOUN", "ADJ", "PROPN")]
    if mods:
        first = min(m.left_edge.i for m in mods)
        return "the " + doc[first : use.i + 1].text
    return None
