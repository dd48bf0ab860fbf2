"""Names: whether two names are one entity ("The Islamic State group", "Islamic State of Iraq and Syria
(ISIS)", "ISIS")."""

from __future__ import annotations

import re

from summarizer.readers.lexicon import GENERIC_NAME_TAILS

_PAREN = re.compile(r"\s*\(([^()]{1,20})\)\s*")


def forms(name: str | None) -> list[tuple[str, ...]]:
    """A name's word forms: without "the", a generic tail ("group") or an acronym in parentheses; the
    acronym too."""
    if not name:
        return []
    out = []
    for part in [_PAREN.sub(" ", name)] + _PAREN.findall(name):
        words = [w for w in re.findall(r"[\w’'-]+", part.lower())]
        while words and words[0] in ("the", "a", "an"):
            words = words[1:]
        while len(words) > 1 and words[-1] in GENERIC_NAME_TAILS:
            words = words[:-1]
        if words:
            out.append(tuple(words))
    return out


def acronym(words: tuple[str, ...]) -> str:
    """The initials of a name's words but its small ones ("Islamic State of Iraq and Syria" -> "isis")."""
    return "".join(w[0] for w in words if w not in ("of", "and", "the", "for"))


def same(first: str | None, second: str | None) -> bool:
    """One entity: equal forms, one form the start of the other ("Islamic State" / "Islamic State of
    Iraq"), or one the acronym of the other ("ISIS")."""
    for x in forms(first):
        for y in forms(second):
            if x == y:
                return True
            short, long_ = sorted((x, y), key=len)
            if len(short) >= 2 and long_[: len(short)] == short:
                return True
            if len(short) == 1 and len(short[0]) >= 2 and acronym(long_) == short[0]:
                return True
    return False


def is_description(name: str | None) -> bool:
    """ "the terror outfit", "the group": words for an entity, not its name (nothing capitalised after
    "the")."""
    words = (name or "").split()
    if words and words[0].lower() in ("the", "a", "an"):
        words = words[1:]
    return bool(words) and all(w[:1].islower() for w in words)
