"""Align: find the words a model quoted in the source, exactly or closely (rapidfuzz), as offsets."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from rapidfuzz import fuzz

FUZZY_MIN = 90.0  # rapidfuzz partial-ratio score (0-100) a paraphrased quote must reach
MIN_CHARS = 3
_QUOTE_MARKS = "\"“”'‘’ "


@dataclass(frozen=True)
class Aligned:
    """Where a quote sits in the text: text[start:end]; `status` says how it was found."""

    start: int
    end: int
    status: Literal["exact", "fuzzy"]
    score: float


def _spaced(quote: str) -> re.Pattern[str]:
    """The quote's words with any run of whitespace between them (the model rewraps lines)."""
    return re.compile(r"\s+".join(re.escape(w) for w in quote.split()))


def _word_edges(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen a fuzzy match to whole words, so that evidence never cuts a word in two."""
    while start > 0 and text[start - 1].isalnum() and text[start].isalnum():
        start -= 1
    while end < len(text) and text[end - 1].isalnum() and text[end].isalnum():
        end += 1
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def align(quote: str, text: str, lo: int = 0, hi: int | None = None) -> Aligned | None:
    """Locate `quote` in text[lo:hi] (the chunk the model read): the same words first, whitespace
    aside; then the closest passage by rapidfuzz's partial ratio, if it scores FUZZY_MIN or more.
    None when it is not there: the item it carries is then dropped."""
    q = quote.strip(_QUOTE_MARKS)
    hi = len(text) if hi is None else hi
    if len(q) < MIN_CHARS:
        return None
    if (i := text.find(q, lo, hi)) >= 0:
        return Aligned(i, i + len(q), "exact", 100.0)
    if m := _spaced(q).search(text, lo, hi):
        return Aligned(m.start(), m.end(), "exact", 100.0)
    window = text[lo:hi]
    if len(q) > len(window):
        return None
    found = fuzz.partial_ratio_alignment(q, window, score_cutoff=FUZZY_MIN)
    if found is None:
        return None
    start, end = _word_edges(text, lo + found.dest_start, lo + found.dest_end)
    return Aligned(start, end, "fuzzy", round(found.score, 1)) if start < end else None
