"""Article: one input article, its text as read and what is known about it."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Article:
    """One input article: its text as read (newlines normalised) and what is known about it."""

    text: str
    id: str = ""
    title: str | None = None
    outlet: str | None = None
    published_at: str | None = None
    url: str | None = None
    name: str | None = None
    language: str | None = None
    error: str | None = None
    warnings: list[str] = field(default_factory=list)
