"""Doc and Facts: an article with its sentences and parse, and what one article states; the types every
stage shares."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

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
from summarizer.core.vocab import FIGURE_CATEGORIES

if TYPE_CHECKING:
    from spacy.tokens import Doc as SpacyDoc

LEAD = 3  # sentences of an article's opening that say what the incident is


@dataclass
class Doc:
    """An article with its sentences; the unit every extractor works on."""

    article: Article
    sentences: list[Sentence]
    parsed: SpacyDoc  # the spaCy Doc of the whole text (readers/language.parse)
    # stages/extract.with_background's answer, by incident date: each content sentence and whether
    # it tells of another event
    backgrounds: dict[str | None, list[tuple[Sentence, bool]]] = field(default_factory=dict)

    @property
    def id(self) -> str:
        """The article's id, which every quote of it carries."""
        return self.article.id

    def evidence(self, sentence: Sentence, start: int = 0, end: int | None = None) -> Quote:
        """The quote of `sentence` (or of its characters start:end), with the article's offsets."""
        stop = sentence.start + (len(sentence.text) if end is None else end)
        return quote(self.id, self.article.text, sentence.start + start, stop)

    def content(self) -> list[Sentence]:
        """The sentences that may be evidence: no boilerplate, heading or text addressed to a model."""
        return [
            sentence
            for sentence in self.sentences
            if not (sentence.boilerplate or sentence.heading or sentence.suspect)
        ]

    def lead(self) -> list[Sentence]:
        """The opening content sentences, which say what the incident is."""
        return self.content()[:LEAD]


@dataclass
class Facts:
    """What one article states, each finding with its evidence."""

    source_id: str
    figures: dict[str, list[FigureReport]] = field(
        default_factory=lambda: {category: [] for category in FIGURE_CATEGORIES}
    )
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
    """One sentence of an article: its characters start:end of the article's text, its paragraph, and
    whether it is boilerplate, a heading, or text addressed to a model."""

    id: int
    start: int
    end: int
    text: str
    paragraph: int
    boilerplate: bool = False
    heading: bool = False
    suspect: bool = False  # reads as an instruction to a model: never evidence (see stages/screen.py)
