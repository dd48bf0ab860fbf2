"""Numbers: counts written in digits or words ("1,300", "Forty-nine", "two dozen"), valued by text2num."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import cast

from text_to_num import text2num  # type: ignore[import-untyped]  # text_to_num ships no type information

from summarizer.readers.lexicon import NUMBER_WORDS, VAGUE_COUNTS

_WORD = "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
# One number: digits with thousands separators, or number words joined by spaces, hyphens and "and"
# ("twenty-five", "two hundred and four"), or "a dozen" / "two dozen"; vague words stand alone.
_NUMBER = re.compile(
    rf"""\b(?:
        (?<![\d.,])(?P<digits>\d{{1,3}}(?:,\d{{3}})+|\d+)(?![\d,]*\.\d)
      | (?P<words>(?:{_WORD})(?:(?:-|\s+|\s+and\s+)(?:{_WORD}))*)(?:\s+(?P<dozen>dozen))?
      | (?P<a_dozen>a\s+dozen)
      | (?P<vague>{"|".join(VAGUE_COUNTS)})
    )\b""",
    re.I | re.X,
)
# An age, not a count: "aged 43", "a 56-year-old man", "Lee Joon-seok, 68,", "men aged 18 to 44".
_AGE_BEFORE = re.compile(
    r"""(?:
    \baged?\s+(?:between\s+)?                          # "aged 43", "aged between 30"
  | \baged\s+(?:between\s+)?\d+\s+(?:to|and)\s+       # "... and 45"
  | \bages?\s+of\s+                                   # "the age of 16"
  | \b(?:children|child|kids|boys|girls|teenagers)\s+(?:under|over|below|above)\s+   # "children under 16"
)$""",
    re.I | re.X,
)
_AGE_AFTER = re.compile(r"^(?:-|\s)(?:years?|yrs?)(?:-|\s)old\b|^-year\b|^\s*years?\s+of\s+age\b", re.I)


@dataclass(frozen=True)
class Number:
    value: int
    start: int
    end: int
    text: str
    vague: tuple[int, int] | None = None  # "dozens": (24, 99)


def value_of(words: str) -> int | None:
    try:
        return cast(int, text2num(words.lower().replace("-", " "), "en"))  # untyped; it returns an int
    except ValueError:
        return None


def numbers(sentence: str) -> list[Number]:
    """Every number in a sentence, with its offsets; words that are no number ("one of") are kept too,
    and the caller decides what counts people."""
    out = []
    for match in _NUMBER.finditer(sentence):
        start, end, text = match.start(), match.end(), match.group(0)
        if match.group("digits"):
            out.append(Number(int(match.group("digits").replace(",", "")), start, end, text))
        elif match.group("a_dozen"):
            out.append(Number(12, start, end, text))
        elif match.group("vague"):
            low, high = VAGUE_COUNTS[match.group("vague").lower()]
            out.append(Number(low, start, end, text, (low, high)))
        elif (value := value_of(match.group("words"))) is not None:
            out.append(Number(value * 12 if match.group("dozen") else value, start, end, text))
    return out


def is_age(sentence: str, number: Number) -> bool:
    """Whether a number is someone's age: "aged 43", "a 56-year-old", "Ismail, 23, was arrested"."""
    before, after = sentence[: number.start], sentence[number.end :]
    if _AGE_BEFORE.search(before) or _AGE_AFTER.match(after):
        return True
    # ", 68," right after a capitalised name: an appositive age
    return bool(
        re.search(r"[A-Z][\w'’-]+,\s*$", before) and re.match(r"\s*[,)]", after) and number.value < 120
    )
