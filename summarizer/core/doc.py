"""Doc and Facts: an article with its sentences and parse, and what one article states; the types every stage shares."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from summarizer.core.article import Article
from summarizer.core.brief import (
    Cause,
    FigureReport,
    Perpetrator,
    Quote,
    Responsibility,
    Statement,
    TextFact,
    TimelineEvent,
)
from summarizer.core.evidence import quote

CATEGORY_WORDS = {"killed": "killed", "injured": "injured", "missing": "missing", "arrests": "arrested"}


LEAD = 3  # sentences of an article's opening that say what the incident is


@dataclass
class Doc:
    """An article with its sentences; the unit every extractor works on."""

    article: Article
    sentences: list[Sentence]
    parsed: Any = None  # the spaCy Doc of the whole text (nlp.parse)
    backgrounds: dict[str | None, list] = field(default_factory=dict)  # with_background, by incident date

    @property
    def id(self) -> str:
        return self.article.id

    def evidence(self, sentence: Sentence, start: int = 0, end: int | None = None) -> Quote:
        """The quote of `sentence` (or of its characters start:end), with the article's offsets."""
        stop = sentence.start + (len(sentence.text) if end is None else end)
        return quote(self.id, self.article.text, sentence.start + start, stop)

    def content(self) -> list[Sentence]:
        return [s for s in self.sentences if not (s.boilerplate or s.heading or s.suspect)]

    def lead(self) -> list[Sentence]:
        return self.content()[:LEAD]


@dataclass
class Facts:
    """What one article states, each finding with its evidence."""

    source_id: str
    figures: dict[str, list[FigureReport]] = field(default_factory=lambda: {k: [] for k in CATEGORY_WORDS})
    perpetrators: list[Perpetrator] = field(default_factory=list)
    responsibility: list[Responsibility] = field(default_factory=list)
    weapons: list[TextFact] = field(default_factory=list)
    unverified: list[TextFact] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)
    timeline: list[TimelineEvent] = field(default_factory=list)
    causes: list[Cause] = field(default_factory=list)
    disputes: list[Quote] = field(default_factory=list)  # sentences saying accounts differ
    magnitudes: list[tuple[str, Quote]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Sentence:
    id: int
    start: int
    end: int
    text: str
    paragraph: int
    boilerplate: bool = False
    heading: bool = False
    suspect: bool = False  # reads as an instruction to a model: never evidence (see screen.py)
