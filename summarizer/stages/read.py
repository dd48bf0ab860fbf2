"""Read: the model reads each article, a part at a time, into items; code aligns and checks every one."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import partial
from typing import Protocol, TypeVar

from summarizer.core.brief import (
    Cause,
    FigureReport,
    Perpetrator,
    Quote,
    ReadingReport,
    Responsibility,
    Statement,
    TextFact,
    TimelineEvent,
)
from summarizer.core.doc import Doc, Facts
from summarizer.core.errors import AnswerError
from summarizer.core.protocols import ModelClient
from summarizer.llm.prompts import prompt_text
from summarizer.llm.reading import (
    FIND_QUOTE,
    CauseItem,
    EventItem,
    FigureItem,
    PerpetratorItem,
    Reading,
    ResponsibilityItem,
    StatementItem,
    UnverifiedItem,
)
from summarizer.readers.causes import states_cause
from summarizer.readers.lexicon import (
    ACCUSATION_NOUNS,
    BLAME_VERBS,
    DISMISSIVE_WORDS,
    RESPONSIBLE_WORDS,
    STOP,
)
from summarizer.readers.numbers import is_age, numbers
from summarizer.stages.align import Aligned, align
from summarizer.stages.extract import in_quote, with_background

OVERLAP_CHARS = 400  # the sentences a part repeats from the one before, so no fact is cut at a border

# What the model reads an article into; each kind is checked and kept as its own kind of fact.
ReadItem = (
    FigureItem | StatementItem | ResponsibilityItem | CauseItem | PerpetratorItem | EventItem | UnverifiedItem
)


class _Evidenced(Protocol):
    evidence: list[Quote]


Evidenced = TypeVar("Evidenced", bound=_Evidenced)


@dataclass(frozen=True)
class Part:
    """text[start:end] of one article: whole sentences, at most `size` characters unless one is longer."""

    start: int
    end: int


def parts(doc: Doc, size: int, overlap: int = OVERLAP_CHARS) -> list[Part]:
    """Whole sentences packed into parts of about `size` characters; each part after the first
    begins with the last sentences (up to `overlap` characters) of the one before."""
    sents = [s for s in doc.sentences if not s.boilerplate]
    out: list[Part] = []
    i = 0
    while i < len(sents):
        j = i
        while j + 1 < len(sents) and sents[j + 1].end - sents[i].start <= size:
            j += 1
        out.append(Part(sents[i].start, sents[j].end))
        if j + 1 >= len(sents):
            break
        k = j  # the next part starts with the last sentences of this one, within `overlap`
        while k > i + 1 and sents[j].end - sents[k - 1].start <= overlap:
            k -= 1
        i = k if k > i and sents[j].end - sents[k].start <= overlap else j + 1
    return out


def _named(name: str | None, text: str) -> bool:
    """Whether the article itself names someone: their last word occurs in it (case aside)."""
    if not name:
        return True
    words = re.findall(r"[\w’'-]+", name)
    return bool(words) and re.search(rf"\b{re.escape(words[-1])}\b", text, re.I) is not None


class Checker:
    """The checks every item of the model's reading must pass, on one article."""

    def __init__(self, doc: Doc, date: str | None):
        self.doc, self.text, self.date = doc, doc.article.text, date
        self.background = [(s.start, s.end) for s, bg in with_background(doc, date) if bg]

    def quote(self, aligned: Aligned) -> Quote:
        return Quote(
            source_id=self.doc.id,
            quote=self.text[aligned.start : aligned.end],
            start=aligned.start,
            end=aligned.end,
            alignment=aligned.status,
        )

    def why_not(self, item: ReadItem, aligned: Aligned) -> str | None:
        """None when the item may enter the brief; else the reason it is dropped (the first check it
        fails, in this order)."""
        words = self.text[aligned.start : aligned.end]
        if any(start <= aligned.start < end for start, end in self.background):
            return "a background passage"
        return (
            _number_not_quoted(item, words)
            or self._statement_outside_quotation(item, aligned)
            or self._name_not_given(item, words)
            or _not_said(item, words)
            or self._outside_year(item)
        )

    def _statement_outside_quotation(self, item: ReadItem, aligned: Aligned) -> str | None:
        """A statement must be quoted words: quotation marks pair within a paragraph."""
        if not isinstance(item, StatementItem):
            return None
        para = max(self.text.rfind("\n\n", 0, aligned.start), -2) + 2
        if self.text[aligned.start] in "“\"" or in_quote(
            self.text[para : aligned.start], aligned.start - para
        ):
            return None
        return "a statement outside quotation marks"

    def _name_not_given(self, item: ReadItem, words: str) -> str | None:
        """Every name must be the article's; a perpetrator must be named by its own quote."""
        for name in _names_given(item):
            if not _named(name, self.text):
                return f"a name the article does not give ({name})"
        if isinstance(item, PerpetratorItem) and not _named(item.name, words):
            return "a perpetrator its quote does not name"
        return None

    def _outside_year(self, item: ReadItem) -> str | None:
        if isinstance(item, EventItem) and self.date and item.date[:4] != self.date[:4]:
            return "a date outside the incident's year"
        return None


def _number_not_quoted(item: ReadItem, words: str) -> str | None:
    """A figure's number must be in its quote (an age is no count)."""
    if isinstance(item, FigureItem) and item.value not in {
        n.value for n in numbers(words) if not is_age(words, n)
    }:
        return "its number is not in its quote"
    return None


def _not_said(item: ReadItem, words: str) -> str | None:
    """An item's own text must be what its quote says; a cause must be stated as one, and a kind of
    responsibility in a word of that kind."""
    if isinstance(item, (CauseItem, EventItem, UnverifiedItem)) and not supported(item.text, words):
        return "a text its quote does not say"
    if isinstance(item, CauseItem) and not states_cause(words):
        return "a cause its quote does not state as one"
    if isinstance(item, ResponsibilityItem) and not states_kind(item.kind, words):
        return f"a {item.kind} its quote does not state"
    return None


# The words (lemmas and stems, from the lexicon's lists) that state each kind of responsibility: the
# 135M model labels real sentences "denial" ("a column of thick black smoke rose ...").
_KIND_WORDS = {
    "claim": frozenset({"claim", "responsibility"}),
    "denial": BLAME_VERBS["denial"] | DISMISSIVE_WORDS | {"denial"},
    "accusation": BLAME_VERBS["accusation"] | ACCUSATION_NOUNS | {"allege", "implicate"},
    "confirmation": BLAME_VERBS["confirmation"],
    "attribution": RESPONSIBLE_WORDS | {"blame", "attribute", "carry", "carried", "perpetrate"},
}


def states_kind(kind: str, quote: str) -> bool:
    """Whether the quote has a word of that kind of responsibility ("denied", "denies", "rejected")."""
    stems = {w[:-1] if w.endswith(("e", "y")) and len(w) >= 4 else w for w in _KIND_WORDS[kind]}
    return any(w.startswith(s) for w in re.findall(r"[\w'-]+", quote.lower()) for s in stems)


def supported(claim: str, quote: str, share: float = 0.6) -> bool:
    """Whether the quote says what the item's own text claims: most of the text's content words occur
    in it (the 135M model writes a whole invented sentence beside a real quote)."""
    said = {w.lower() for w in re.findall(r"[\w’'-]+", quote)}
    content = [w.lower() for w in re.findall(r"[\w’'-]+", claim) if w.lower() not in STOP]
    return bool(content) and sum(w in said for w in content) >= share * len(content)


def _names_given(item: ReadItem) -> list[str | None]:
    """The names an item gives: a speaker, an actor and who asserts it, a perpetrator."""
    if isinstance(item, StatementItem):
        return [item.speaker]
    if isinstance(item, ResponsibilityItem):
        return [item.actor, item.asserted_by]
    if isinstance(item, CauseItem):
        return [item.asserted_by]
    if isinstance(item, PerpetratorItem):
        return [item.name]
    return []


def to_facts(item: ReadItem, evidence: Quote, doc: Doc, facts: Facts) -> None:
    """An item that passed the checks, as the per-article fact it states."""
    ev = [evidence]
    if isinstance(item, FigureItem):
        facts.figures[item.category].append(
            FigureReport(
                value=item.value,
                qualifier=item.qualifier,
                as_stated=evidence.quote[:80],
                source_id=doc.id,
                published_at=doc.article.published_at,
                attributed_to=item.given_by,
                scope=item.scope,
                evidence=ev,
            )
        )
    elif isinstance(item, StatementItem):
        facts.statements.append(
            Statement(speaker=item.speaker, role=item.role, quote=evidence.quote, evidence=ev)
        )
    elif isinstance(item, ResponsibilityItem):
        facts.responsibility.append(
            Responsibility(
                kind=item.kind,
                actor=item.actor,
                asserted_by=item.asserted_by,
                text=evidence.quote[:300],
                evidence=ev,
            )
        )
    elif isinstance(item, CauseItem):
        facts.causes.append(
            Cause(text=item.text, asserted_by=item.asserted_by, status=item.status, evidence=ev)
        )
    elif isinstance(item, PerpetratorItem):
        facts.perpetrators.append(
            Perpetrator(name=item.name, kind=item.kind, role=item.role, status=item.status, evidence=ev)
        )
    elif isinstance(item, EventItem):
        facts.timeline.append(TimelineEvent(date=item.date, text=item.text, evidence=ev))
    elif isinstance(item, UnverifiedItem):
        facts.unverified.append(TextFact(text=item.text, evidence=ev))


async def read(
    doc: Doc, client: ModelClient, incident: str, date: str | None, size: int, max_tokens: int = 1_500
) -> tuple[Facts, ReadingReport]:
    """One article read by the model part by part; only aligned items that pass the checks are kept."""
    facts, stats = Facts(doc.id), ReadingReport()
    check = Checker(doc, date)
    seen: set[tuple[str, int, int]] = set()  # the same item read twice in overlapping parts
    for part in parts(doc, size):
        stats.chunks += 1
        window = doc.article.text[part.start : part.end]
        token = FIND_QUOTE.set(partial(align, text=window))
        try:
            reading = await client.ask(
                Reading,
                prompt_text("system"),
                prompt_text("read", incident=incident, text=window),
                max_tokens=max_tokens,
            )
        except AnswerError:
            stats.failed_chunks += 1
            continue
        finally:
            FIND_QUOTE.reset(token)
        for item in _items(reading):
            stats.items += 1
            aligned = align(item.quote, doc.article.text, part.start, part.end)
            if aligned is None:
                stats.unaligned += 1
                continue
            if check.why_not(item, aligned) is not None:
                stats.unverified += 1
                continue
            key = (type(item).__name__, aligned.start, aligned.end)
            if key in seen:
                continue
            seen.add(key)
            stats.kept += 1
            to_facts(item, check.quote(aligned), doc, facts)
    return facts, stats


def _items(reading: Reading) -> list[ReadItem]:
    """Every item of a reading, kind by kind."""
    return [
        *reading.figures,
        *reading.statements,
        *reading.responsibility,
        *reading.causes,
        *reading.perpetrators,
        *reading.events,
        *reading.unverified,
    ]


def _overlaps(first: list[Quote], second: list[Quote]) -> bool:
    return any(
        x.source_id == y.source_id and x.start < y.end and y.start < x.end for x in first for y in second
    )


def _same_person(first: str, second: str) -> bool:
    return bool({w.lower() for w in first.split()} & {w.lower() for w in second.split()})


def merge(found: Facts, model_read: Facts, stats: ReadingReport) -> Facts:
    """What code found and what the model read, one article: an item the model read at the words of a
    fact code found is that fact (its evidence added); a speaker found by the parse of the say-verb
    stands over the model's; every other item the model read is added."""
    _merge_figures(found, model_read, stats)
    _merge_statements(found, model_read, stats)
    _merge_items(found.responsibility, model_read.responsibility, stats)
    _merge_items(found.causes, model_read.causes, stats)
    _merge_items(found.perpetrators, model_read.perpetrators, stats)
    _merge_items(found.timeline, model_read.timeline, stats)
    _merge_items(found.unverified, model_read.unverified, stats)
    return found


def _merge_figures(found: Facts, model_read: Facts, stats: ReadingReport) -> None:
    """A count the model read is the one code found of the same value (its words added, unless they are
    the same words)."""
    for category, reports in model_read.figures.items():
        for report in reports:
            twin = next((c for c in found.figures[category] if c.value == report.value), None)
            if twin is None:
                found.figures[category].append(report)
                stats.added += 1
            elif not _overlaps(twin.evidence, report.evidence):
                twin.evidence.extend(report.evidence)


def _merge_statements(found: Facts, model_read: Facts, stats: ReadingReport) -> None:
    """A quotation code found keeps its speaker; a model's other speaker for it is counted overruled."""
    for statement in model_read.statements:
        twin = next((c for c in found.statements if _overlaps(c.evidence, statement.evidence)), None)
        if twin is None:
            found.statements.append(statement)
            stats.added += 1
        elif not _same_person(twin.speaker, statement.speaker):
            stats.overruled += 1


def _merge_items(found: list[Evidenced], model_read: list[Evidenced], stats: ReadingReport) -> None:
    """An item the model read at the words of one of the same kind that code found is that one."""
    for item in model_read:
        twin = next(
            (
                c
                for c in found
                if _overlaps(c.evidence, item.evidence)
                and getattr(c, "kind", None) == getattr(item, "kind", None)
            ),
            None,
        )
        if twin is None:
            found.append(item)
            stats.added += 1
