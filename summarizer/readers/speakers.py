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
from dataclasses import dataclass, replace

from nameparser.config.titles import (
    TITLES,
)  # honorifics and ranks: "Detective", "Sheikh", "Cdr", "Maj", "Gen"

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
    DOCUMENT_NOUNS,
    NAME_PARTICLES,
    ORG_NOUNS,
    PERSON_NOUNS,
    PERSONAL_PRONOUNS,
    SAY_VERBS,
    STOP,
)

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
MAX_TAG_TOKENS = 24  # an attribution tag is short, but may hold a long title: "…,” the head of the X Committee for Y, Ana Lund, said"
CONTINUE_SENTENCES = 1  # a bare quotation continues a speaker heard in the sentence before, no further
REFLEXIVES = frozenset("itself himself herself themselves".split())
_VERBAL = ("VERB", "AUX")


@dataclass
class Quoted:
    """A quotation and who says it; `pronoun` when the text says only "he" or "she" (resolved by the caller,
    from the people named before `anchor`, the position of that pronoun)."""

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
    for m in _SINGLE_OPEN.finditer(
        para
    ):  # single marks outside the double ones; inside, they quote within a quotation
        if m.start() < free_from or any(a <= m.start() <= b for a, b in pairs):
            continue
        close = _single_close(para, m.end())
        if close is None or any(a <= close.start() <= b for a, b in pairs):
            continue
        singles.append((m.start(), close.start()))
        free_from = close.end()
    return sorted(pairs + singles)


def _single_close(para: str, start: int):
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


def quotations(doc, start: int, end: int) -> list[Quoted]:
    """Every quotation that opens in characters [start, end) of `doc`, with its speaker (the whole
    Doc is read once, in order, so that a quotation may take its speaker from the text before it)."""
    found = doc.user_data.get("summarizer.quotations")
    if found is None:
        found = doc.user_data["summarizer.quotations"] = _read_all(doc)
    return [q for q in found if start <= q.start < end]


def _read_all(doc) -> list[Quoted]:
    text = text_of(doc)
    marks = quote_marks(text)
    out: list[Quoted] = []
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


def _attribute(doc, marks: list[tuple[int, int]], k: int, before: list[Quoted], short: bool) -> Quoted | None:
    """The speaker of the k-th quotation: from the parse, the attribution tag, "according to", or
    (a long quotation with none of these) the speaker heard just before."""
    a, b = marks[k]
    inside = range(a, b + 1)
    span = doc.char_span(a, min(b + 1, len(text_of(doc))), alignment_mode="expand")
    toks = (
        [t for t in span if t.idx in inside and not (t.is_punct and t.idx in (a, b))]
        if span is not None
        else []
    )
    if not toks:
        return None
    ids = {t.i for t in toks}
    roots = [t for t in toks if t.head.i not in ids or t.head is t]
    text = text_of(doc)
    label = text[b + 1 : b + 3].lstrip()[:1] == ":"
    verb, tag = None, ()
    if text[a + 1 : b].rstrip()[-1:] == ",":  # "…,” the agency said": the announced tag, before any parse
        verb, tag = tag_verb(doc, marks, k)
        verb, tag = (verb, tag) if verb is not None and verb.idx > b else (None, ())
    if verb is None:
        verb = governing_verb(roots, ids, label)
    if verb is None:
        verb, tag = tag_verb(doc, marks, k)
    if verb is not None:
        who = speaker_token(verb, ids, tag)
        return _speaker(doc, who, min(a, who.idx)) if who is not None else None
    if (who := colon_tag(doc, marks, k)) is not None:  # "The ministry, on its website: “…”"
        return _speaker(doc, who, who.idx)
    if short:
        return None
    sent = doc[toks[0].i].sent
    if name := according_to(sent):
        return Quoted("", 0, 0, name, None)
    return continued(doc, a, before) if bare(sent, ids) else None


def bare(sent, ids: set[int]) -> bool:
    """Whether the quotation stands alone in its sentence (nothing but a word or two outside it), as
    a quotation that goes on with the last speaker does; one inside a clause of its own ("Y condemned
    it as “…”") continues no one."""
    return sum(1 for t in sent if t.i not in ids and not t.is_punct and not t.is_space) <= 2


# --- the verb that attributes a quotation ---------------------------------------------------------


def governing_verb(roots, ids: set[int], label: bool = False):
    """The verb outside the quotation that the parse hangs it from: the first verb of saying above it,
    or the first verb above it at all when the quotation is that verb's complement clause or its whole
    object ("…,” the statement read", "X condemned ‘senseless violence’")."""
    for root in roots:  # a verb of saying anywhere above: "X said the driver had shown “…”" is X's
        verb = root.head
        for _ in range(12):
            if verb is root:
                break
            if verb.i not in ids and verb.pos_ in _VERBAL and verb.lemma_.lower() in SAY_VERBS:
                return verb
            if (
                verb.head is verb
                or verb.i not in ids
                and verb.dep_ in ("conj", "parataxis")
                and child(verb, "nsubj")
            ):
                break  # "X say ...; Y condemns “…”": a clause with its own subject is not the one above's
            verb = verb.head
    for root in roots:  # else the first verb above, when the quotation is all it says
        if label:
            break  # "‘Pure chaos’: town grieves": a headline's label, not what the town says
        dep, verb = root.dep_, root.head
        while verb is not root and verb.i in ids and verb.head is not verb:
            dep, verb = verb.dep_, verb.head
        if verb.dep_ == "prep" and verb.lower_ == "as" and dep == "pobj" and verb.head.pos_ in _VERBAL:
            dep, verb = "oprd", verb.head  # "condemned the attack as “…”"
        if verb is root or verb.i in ids or verb.pos_ not in _VERBAL:
            continue
        if dep in ("ccomp", "parataxis") or dep in ("dobj", "oprd") and whole(root, ids) and len(ids) > 1:
            return verb  # one word in quotation marks is a term, not a statement
    return None


def whole(root, ids: set[int]) -> bool:
    """Whether the quotation is all of the phrase `root` heads (but its article)."""
    return all(t.i in ids or t.is_punct or t.dep_ == "det" for t in root.subtree)


def tag_verb(doc, marks: list[tuple[int, int]], k: int):
    """The verb of the attribution tag right after the quotation ("…,” the agency said") or right
    before it, ended by a colon or comma ("The agency said: “…”"), within the sentence and not past
    another quotation; and the tag's tokens."""
    text = text_of(doc)
    a, b = marks[k]
    after_end = marks[k + 1][0] if k + 1 < len(marks) else len(text)
    sent = _sentence_at(doc, b)
    if sent is not None and text[b + 1 : b + 2] in ", ":
        tag = [t for t in sent if b < t.idx < after_end][:MAX_TAG_TOKENS]
        cut = next(
            (
                n
                for n, t in enumerate(tag)
                if t.pos_ == "SCONJ" or t.pos_ == "CCONJ" and t.head.pos_ in _VERBAL
            ),
            len(tag),
        )
        tag = tag[:cut]  # "…,” while the minister urged ...": another clause, not the tag
        # "…,” the statement read": a comma announces the tag, whatever its verb; else a verb of saying
        announced = text[a + 1 : b].rstrip()[-1:] == "," or text[b + 1 : b + 2] == ","
        if verb := _tag_verb_in(tag, first=True, saying_only=not announced):
            return verb, tag
    before_start = marks[k - 1][1] + 1 if k > 0 else 0
    sent = _sentence_at(doc, a)
    if sent is not None and text[max(0, a - 3) : a].rstrip()[-1:] in (":", ","):
        tag = [t for t in sent if before_start <= t.idx < a][-MAX_TAG_TOKENS:]
        if verb := _tag_verb_in(tag, first=False):
            return verb, tag
    return None, ()


def colon_tag(doc, marks: list[tuple[int, int]], k: int):
    """The speaker of a tag with no verb that ends in a colon before the quotation, as live reports
    write them: "Lund, visibly moved: “…”", "The ministry, on its website: “…”"."""
    text = text_of(doc)
    a = marks[k][0]
    if text[max(0, a - 3) : a].rstrip()[-1:] != ":":
        return None
    sent = _sentence_at(doc, a)
    start = marks[k - 1][1] + 1 if k > 0 else 0
    tag = [t for t in sent if start <= t.idx < a] if sent is not None else []
    if not tag or len(tag) > MAX_TAG_TOKENS or any(t.pos_ in _VERBAL for t in tag):
        return None
    ids = {t.i for t in tag}
    heads = [t for t in tag if (t.head.i not in ids or t.head is t) and nominal(t)]
    return heads[0] if heads else None


def _tag_verb_in(tag, first: bool, saying_only: bool = False):
    words = [t for t in tag if not t.is_punct]
    verbs = [t for t in words if t.pos_ == "VERB" or t.pos_ == "AUX" and t.lemma_.lower() in SAY_VERBS]
    saying = [t for t in verbs if t.lemma_.lower() in SAY_VERBS]
    pick = saying or ([] if saying_only else verbs)
    if not pick:
        return None
    return pick[0] if first else pick[-1]


def _sentence_at(doc, pos: int):
    ix = index(doc)
    k = bisect_right(ix.sent_chars, pos) - 1
    return ix.sents[k] if k >= 0 else None


def child(tok, *deps):
    return next((c for c in tok.children if c.dep_ in deps), None)


def subject_of(verb):
    """The verb's subject, through auxiliaries, participles and "has said that ... was behind"."""
    s = child(verb, "nsubj", "nsubjpass")
    hops = 0
    while s is None and verb.dep_ in ("xcomp", "conj", "advcl") and verb.head is not verb and hops < 3:
        verb, hops = verb.head, hops + 1  # "…, the mayor told reporters, adding ‘…’": the teller laments
        s = child(verb, "nsubj")
    if s is None and verb.dep_ == "acl" and verb.head.pos_ in ("PROPN", "NOUN"):  # "Putin suggesting ..."
        s = verb.head
    if s is None:  # "Al Shabaab, writing on Twitter, denies ...": the parser gives the subject to "writing"
        s = next(
            (
                n
                for c in verb.children
                if c.dep_ == "advcl" and c.i < verb.i
                for n in c.children
                if n.dep_ == "nsubj" and n.i < c.i
            ),
            None,
        )
    return s


def speaker_token(verb, ids: set[int], tag):
    """Who says it: the verb's subject (for a passive, its "by" agent: "tenants were told" names the
    hearers); where the parse gives none outside the quotation, the name or noun in the tag."""
    agent = next(
        (c for p in verb.children if p.dep_ == "agent" for c in p.children if c.dep_ == "pobj"), None
    )
    if agent is not None:
        return agent if nominal(agent) else None  # "were told by text message": no one speaks
    s = subject_of(verb)
    if s is not None and s.dep_ == "nsubjpass" and not reports_own_words(verb):
        return None  # "tenants were told to ...": the hearers; but "X was quoted as saying": X speaks
    tag_ids = {t.i for t in tag}
    if s is not None and s.i not in ids and (s.head is verb or not tag or s.i in tag_ids):
        return next_to_verb(s) or s
    nouns = [
        t
        for t in tag
        if t is not verb
        and t.i not in ids
        and (nominal(t) or t.lower_ in PERSONAL_PRONOUNS)
        and (t.head is verb or t.head.i not in tag_ids)
    ]
    if nouns:
        return min(nouns, key=lambda t: abs(t.i - verb.i))
    return s if s is not None and s.i not in ids else None


def reports_own_words(verb) -> bool:
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


def next_to_verb(subj):
    """The person named right before the verb when the parse gave the verb a subject further away: a
    news tag puts the speaker just before "said" ("…, the airline's chief Ana Lund told reporters"),
    and the small parser sometimes hangs that name on an earlier noun."""
    verb = subj.head
    j = verb.i - 1
    while j > subj.i and verb.doc[j].dep_ in ("aux", "auxpass", "neg", "advmod") and verb.doc[j].head is verb:
        j -= 1
    near = verb.doc[j]
    if near.text == "," and j - 1 > subj.i and verb.doc[j - 1].ent_type_ == "PERSON":
        near = verb.doc[j - 1]  # "…, the committee's head, Ana Lund, said"
    core = {t.i for t in subj.subtree} - {
        t.i for c in subj.children if c.dep_ in _DESCRIPTIVE for t in c.subtree
    }
    if j <= subj.i or near.ent_type_ != "PERSON" or near.i in core or subj.ent_type_ == "PERSON":
        return None
    while near.dep_ == "compound" and near.head.i > near.i and near.head.i < verb.i:
        near = near.head
    return near


def according_to(sent) -> str | None:
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


def continued(doc, pos: int, before: list[Quoted]) -> Quoted | None:
    """A quotation with no attribution of its own goes on with the speaker heard last, if that was in
    the sentence of prose before it (headings and page furniture between do not count): the speaker
    of a quotation, or of reported speech ("Lund said the road was gone. “We will rebuild it.”")."""
    if in_furniture(doc, pos):
        return None  # a headline's quotation continues no one
    own = _sentence_at(doc, pos)  # the sentence before, and its own up to the quotation
    sents = [s for s in prose_before(doc, pos, CONTINUE_SENTENCES + 1) if s is not own][-CONTINUE_SENTENCES:]
    if own is not None and own.start_char < pos:
        sents.append(own)
    if not sents:
        return None
    first = sents[0].start_char
    heard = [q for q in before if first < q.end and q.start < pos and not in_furniture(doc, q.start)]
    last_quote = heard[-1] if heard else None
    for sent in reversed(sents):
        if last_quote is not None and last_quote.end > sent.start_char:
            return replace(last_quote)  # the speaker of the quotation before, as its tag names them
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


def in_furniture(doc, pos: int) -> bool:
    """Whether the line holding `pos` is a heading or page furniture ("READ MORE: ...")."""
    from summarizer.stages.segment import is_furniture

    text = text_of(doc)
    start, end = text.rfind("\n", 0, pos) + 1, text.find("\n", pos)
    return is_furniture(text[start : end if end >= 0 else len(text)])


def prose_before(doc, pos: int, n: int) -> list:
    """The last `n` sentences of story prose that start before character `pos` (blank lines, headings
    and page furniture left out)."""
    sents = [
        s for s in sents_before(doc, pos, 3 * n + 4) if s.text.strip() and not in_furniture(doc, s.start_char)
    ]
    return sents[-n:]


# --- who a speaker is -----------------------------------------------------------------------------


def _speaker(doc, who, pos: int) -> Quoted | None:
    """The speaker a subject token names, resolved from the text before `pos` (the quotation's start, or
    the speaker's own place when it comes first): "he" is left to the caller (pronoun), "it" and
    "they" are the body named before, "the statement" is its author, "the agency" the agency named
    before; "his son" names no one."""
    low = who.lower_
    if low in ("it", "they"):
        name = group_antecedent(doc, pos, plural=low == "they")
        return Quoted("", 0, 0, name, None) if name else None
    if low in PERSONAL_PRONOUNS:
        return Quoted("", 0, 0, None, None, pronoun=True, anchor=pos, pronoun_word=low)
    if who.lemma_.lower() in DOCUMENT_NOUNS and who.ent_type_ not in ("PERSON", "ORG"):
        phrase = speaker_phrase(who)[0]
        return Quoted("", 0, 0, author_of(doc, who, pos) or phrase, None)
    if not nominal(who):  # "some shouted", "figures show": no speaker to name
        return None
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
    return Quoted("", 0, 0, name, role)


def speaker_phrase(subj) -> tuple[str, str | None]:
    """The subject's naming words, and a role: "Colin Clarke, an analyst at X" -> ("Colin Clarke", "an analyst at X");
    "Home Secretary Amber Rudd" -> ("Amber Rudd", "Home Secretary"); "Maj Gen Ana Lund" -> ("Ana Lund", "Maj Gen")."""
    keep = sorted(
        {t.i for t in subj.subtree}
        - {t.i for c in subj.children if c.dep_ in _DESCRIPTIVE for t in c.subtree}
    )
    doc = subj.doc
    words = [doc[i] for i in keep if doc[i].lower_ not in REFLEXIVES][:MAX_SPEAKER_TOKENS]
    while words and words[-1].is_punct:  # "the group, itself" -> "the group"
        words = words[:-1]
    while words and words[0].dep_ == "det" and words[0].lower_ in ("a", "an") and subj.pos_ == "PROPN":
        words = words[1:]  # "a Ukrainian, Ana Lund" names her; "a man who ..." is described by the article
    phrase = doc[words[0].i : words[-1].i + 1].text if words else subj.text
    appos = next((c for c in subj.children if c.dep_ == "appos" and c.lower_ not in REFLEXIVES), None)
    role = doc[appos.left_edge.i : appos.right_edge.i + 1].text if appos is not None else None
    # The name is a person entity that holds the subject's head word (the small model's entities
    # are often cut short: "London Fire" of "London Fire Commissioner Dany Cotton").
    person = ent_at(doc, subj.i)
    person = person if person is not None and person.label_ == "PERSON" else None
    if person is not None and words and person.start >= words[0].i:
        first = person.start
        while first > words[0].i and given_name(doc[first - 1], person):  # "Ramadan Abedi", cut to "Abedi"
            first -= 1
        while first < person.end - 1 and is_title(doc[first]):  # "Gen Ana Lund": the rank is a role
            first += 1
        before = doc[words[0].i : first].text.strip(" ,")
        if first == words[0].i and person.end - 1 >= words[-1].i:
            return doc[first : person.end].text, role
        return doc[first : person.end].text, (before or role)
    if person is None and appos is None and subj.ent_type_ not in ("ORG", "GPE", "NORP"):
        # "the head of the X committee, Ana Lund, said": the parser hangs the name on the committee
        named = [t for t in subj.subtree if t.dep_ == "appos" and t.ent_type_ == "PERSON" and t.i > subj.i]
        if named and (inner := ent_at(doc, named[-1].i)) is not None:
            return untitled(inner), phrase.split(",")[0].strip()
    if person is None and appos is not None and subj.ent_type_ not in ("ORG", "GPE", "NORP"):
        # "A friend, Abdulaziz Almashi, said", "The MP for Vessa, Ana Lund, said"
        inner = next(
            (
                e
                for e in ents_in_tokens(doc, appos.left_edge.i, appos.right_edge.i + 1)
                if e.label_ == "PERSON"
            ),
            None,
        )
        if inner is not None:
            return inner.text, phrase
    if person is None and subj.pos_ == "PROPN" and words:  # "Maj Gen Lund" with no entity: the rank is a role
        first = 0
        while first < len(words) - 1 and is_title(words[first]):
            first += 1
        if first:
            return doc[words[first].i : words[-1].i + 1].text, doc[words[0].i : words[first - 1].i + 1].text
    return phrase.split("\n")[-1].strip(), role


def is_title(tok) -> bool:
    """A rank or honorific written before a name ("Maj", "Gen.", "Lt", "Dr", "Sheriff")."""
    return tok.text[:1].isupper() and tok.lower_.rstrip(".") in TITLES


def given_name(tok, person) -> bool:
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


def nominal(tok) -> bool:
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


def possessor(doc, subj, pos: int, window: int = 600) -> str | None:
    """For "its spokesman" / "their leader": the organisation named last before `pos`."""
    if not any(c.dep_ == "poss" and c.lower_ in ("its", "their") for c in subj.children):
        return None
    orgs = [e for e in ents_starting(doc, pos - window, pos) if e.label_ in ("ORG", "NORP")]
    return orgs[-1].text if orgs else None


def group_antecedent(doc, pos: int, plural: bool, sentences: int = 3) -> str | None:
    """Whom "it said" / "they said" stands for: the nearest body (or, for "they", people) that spoke
    in the sentences before `pos` or in its own sentence before it, else the nearest that is a subject."""
    sents = prose_before(doc, pos, sentences)
    own = _sentence_at(doc, pos)
    if own is not None and own not in sents:
        sents = (*sents, own)
    subjects = [t for sent in sents for t in sent if t.idx < pos and t.dep_ in ("nsubj", "nsubjpass")]
    speaking = [t for t in subjects if t.head.lemma_.lower() in SAY_VERBS and t.head.pos_ in _VERBAL]
    for t in reversed(
        speaking
    ):  # whatever spoke just before, when it is no person ("the harbour authority said")
        if (
            t.lower_ in PERSONAL_PRONOUNS | {"it"}
            or t.pos_ not in ("NOUN", "PROPN")
            or person_like(t)
            or (t.tag_ in ("NNS", "NNPS")) != plural
            or t.lemma_.lower() in DOCUMENT_NOUNS
        ):
            continue
        return organisation_antecedent(doc, t.idx, speaker_phrase(t)[0]) or speaker_phrase(t)[0]
    for t in reversed(subjects):  # else the nearest body that is a subject
        if t.lower_ in PERSONAL_PRONOUNS or t.lower_ == "it" or t.lemma_.lower() in DOCUMENT_NOUNS:
            continue
        body = t.ent_type_ in ("ORG", "NORP", "GPE") or t.lemma_.lower() in ORG_NOUNS
        people = plural and t.tag_ in ("NNS", "NNPS") and t.lemma_.lower() in PERSON_NOUNS
        if (body and (plural or t.tag_ not in ("NNS", "NNPS") or t.ent_type_)) or people:
            return organisation_antecedent(doc, t.idx, speaker_phrase(t)[0]) or speaker_phrase(t)[0]
    return None


def author_of(doc, document, pos: int) -> str | None:
    """Who issued "the statement" that speaks: the subject of the verb over the nearest earlier mention
    of a document ("X said in a statement", "X released a statement", "a statement from X"), in its
    own sentence or the two before (up to `pos`)."""
    sents = prose_before(doc, pos, 2)
    own = _sentence_at(doc, pos)
    if own is not None and own not in sents:
        sents = (*sents, own)
    mentions = [
        t for s in sents for t in s if t.idx < pos and t.lemma_.lower() in DOCUMENT_NOUNS and t.pos_ == "NOUN"
    ]
    for noun in (document, *reversed(mentions)):
        source = next(
            (
                o
                for p in noun.children
                if p.dep_ == "prep" and p.lower_ in ("from", "by")
                for o in p.children
                if o.dep_ == "pobj"
            ),
            None,
        )
        source = source or child(noun, "poss")
        verb = noun.head
        for _ in range(3):
            if verb.pos_ in _VERBAL or verb.head is verb:
                break
            verb = verb.head
        if source is None and noun is document:
            continue
        who = source if source is not None else (subject_of(verb) if verb.pos_ in _VERBAL else None)
        if who is None or who.lemma_.lower() in DOCUMENT_NOUNS:
            continue
        if who.lower_ in ("it", "they"):
            return group_antecedent(doc, who.idx, plural=who.lower_ == "they")
        if nominal(who) and who.lower_ not in PERSONAL_PRONOUNS:
            name = speaker_phrase(who)[0]
            return organisation_antecedent(doc, who.idx, name) or name
    return None


def is_place(name: str) -> bool:
    """A "person" the small model found that is a place ("Manchester", "St Brennan Hospital")."""
    from summarizer.readers.lexicon import CARE_NOUNS
    from summarizer.readers.places import city, country_code, is_venue_name

    words = {w.lower() for w in name.split()}
    return bool(city(name) or country_code(name) or is_venue_name(name) or words & CARE_NOUNS)


def antecedents(doc, pos: int, sentences: int = 3, pronoun: str | None = None) -> list[str]:
    """Who "he" or "she" (`pronoun`, when known) may be, nearest first: the person-like subjects of the
    sentences before `pos` (and of its own sentence before the quote), then the people those sentences
    name; each once. A person named as "his friend, X" is someone else than "he" (but "her lawyer,
    X" may be "he")."""
    same = {"he": "his", "she": "her"}.get(pronoun or "", "his her")
    names: list[str] = []

    def add(name: str) -> None:
        if name and not any(name in n or n in name for n in names):
            names.append(name)

    sents = prose_before(doc, pos, sentences + 1)
    for sent in reversed(sents):
        relations: set[int] = set()
        for t in sent:
            if t.dep_ not in ("nsubj", "nsubjpass") or t.idx >= pos or t.lower_ in PERSONAL_PRONOUNS:
                continue
            poss = next(
                (c.lower_ for c in t.children if c.dep_ == "poss" and c.lower_ in ("his", "her", "their")),
                None,
            )
            if poss is not None and (poss in same.split() or not is_person_named(doc, speaker_phrase(t)[0])):
                relations |= {x.i for x in t.subtree}  # "his son" names a relation, not the speaker
                continue
            if person_like(t) and not (t.tag_ in ("NNS", "NNPS") and t.ent_type_ != "PERSON"):
                add(speaker_phrase(t)[0])  # "experts" is no "he"
        for e in ents_within(doc, sent.start_char, sent.end_char):
            if (
                e.label_ == "PERSON"
                and e.start_char < pos
                and not is_place(e.text)
                and e.start not in relations
            ):
                add(untitled(e))
    return list(dict.fromkeys(titled(doc, pos, n) or n for n in names))


def person_like(tok) -> bool:
    """A subject that may be a person: a person entity or noun, or a name the tagger gave no kind (or
    took for a date: "Theresa May")."""
    if tok.ent_type_ == "PERSON" or tok.lemma_.lower() in PERSON_NOUNS:
        return True
    if tok.pos_ != "PROPN" or tok.ent_type_ not in ("", "DATE") or not tok.text[:1].isupper():
        return False
    phrase = speaker_phrase(tok)[0]
    return not is_place(phrase) and any(w.lower() not in STOP for w in phrase.split())


def untitled(person) -> str:
    """A person entity without the rank or honorific it starts with ("Gen Ana Lund" -> "Ana Lund")."""
    first = person.start
    while first < person.end - 1 and is_title(person.doc[first]):
        first += 1
    return person.doc[first : person.end].text


def titled(doc, pos: int, description: str, sentences: int = 6) -> str | None:
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


def organisation_antecedent(doc, pos: int, speaker: str) -> str | None:
    """Which organisation a described speaker ("the news agency", "the ministry") is: the body its noun
    named last before `pos` (the organisation whose name holds or stands beside that noun, or the
    fuller description: "the rescue agency"); else the one organisation named in the sentence before
    `pos` and its own sentence up to `pos`. None when none or several are, or when the speaker is no
    such description."""
    words = speaker.lower().split()
    if not (len(words) > 1 and words[0] == "the" and words[-1] in ORG_NOUNS and speaker[4:5].islower()):
        return None
    sents = prose_before(doc, pos, 2)
    if (earlier := _named_before(doc, sents, pos, words[-1], speaker)) is not None:
        return earlier or None
    found = {
        e.text
        for s in sents
        for e in ents_within(doc, s.start_char, s.end_char)
        if e.label_ == "ORG" and e.end_char <= pos and text_of(doc)[e.end_char : e.end_char + 1] != "-"
    }  # "State-run" names no one
    return found.pop() if len(found) == 1 else None


def _named_before(doc, sents, pos: int, noun: str, speaker: str) -> str | None:
    """The body the last earlier use of `noun` names: an organisation holding it or beside it, or the
    fuller description; "" when that use names nothing more than the speaker; None when there is none."""
    uses = [t for s in sents for t in s if t.idx < pos and t.lemma_.lower() == noun and t.pos_ == "NOUN"]
    own = _sentence_at(doc, pos)
    uses += [
        t
        for t in (own or ())
        if t.idx < pos
        and t.lemma_.lower() == noun
        and t.pos_ == "NOUN"
        and t.i + 1 < len(doc)
        and doc[t.i + 1].idx < pos
        and t not in uses
    ]
    for use in reversed(uses):
        for tok in (use, use.head, *[c for c in use.children if c.dep_ == "appos"]):
            ent = ent_at(doc, tok.i)
            if (
                ent is not None
                and ent.label_ == "ORG"
                and text_of(doc)[ent.end_char : ent.end_char + 1] != "-"
            ):
                return ent.text
        mods = [
            c for c in use.children if c.dep_ in ("compound", "amod") and c.pos_ in ("NOUN", "ADJ", "PROPN")
        ]
        if mods:
            first = min(m.left_edge.i for m in mods)
            return "the " + doc[first : use.i + 1].text
    return "" if uses else None  # only bare uses ("the group's logo"): they name nothing more
