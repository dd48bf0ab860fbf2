"""Words: counted nouns for messages and templates ("1 article", "2 articles")."""

from __future__ import annotations


def plural(n: int, noun: str, many: str | None = None) -> str:
    return f"{n} {noun if n == 1 else many or noun + 's'}"
