"""Carry: a previous brief's facts about a source (update.py), re-checked against what the rules read there
now, so that a brief never states what its quotes do not say."""

from __future__ import annotations

from typing import Any, Protocol, TypeVar

from summarizer.core.brief import Quote
from summarizer.core.doc import Doc, Facts
from summarizer.llm.decide import Decider
from summarizer.readers import cues, names
from summarizer.stages.extract import extract, with_background

# The kinds of item a brief lists with evidence from several sources, split back by source (update.py).
PER_SOURCE_ITEMS = (
    "perpetrators",
    "responsibility",
    "weapons",
    "unverified",
    "statements",
    "timeline",
    "causes",
)

# What each kind of carried item asserts beyond its quote: these must be what the readers read there.
_ASSERTED = {
    "figures": ("value", "qualifier", "role", "scope"),
    "statements": ("speaker", "quote"),
    "responsibility": ("kind", "actor", "asserted_by"),
    "perpetrators": ("kind", "role"),
    "causes": ("status",),
    "timeline": ("date",),
    "weapons": ("text",),
    "unverified": ("text",),
}

Span = tuple[int, int]  # character offsets in a source's text


class Evidenced(Protocol):
    evidence: list[Quote]


Item = TypeVar("Item", bound=Evidenced)  # a carried item of any kind: figure report, cause, claim...


async def recheck(
    carried: Facts,
    article_doc: Doc,
    rereader: Decider,
    incident: str,
    day: str | None,
    place_words: frozenset[str],
) -> tuple[Facts, list[str]]:
    """A source's carried facts, each read again by the rules (no model call): those found again at the
    same words and still not background under the incident's date; with a warning for each dropped or
    changed one."""
    fresh = await extract(article_doc, rereader, incident, day, place_words)
    facts, dropped = reconfirm(carried, fresh)
    return still_holds(facts, article_doc, day), dropped


def still_holds(facts: Facts, article_doc: Doc, date: str | None) -> Facts:
    """Carried facts under what is known now, by the same background rules extraction applies: a
    source read alone had no incident date to tell its history from the incident."""
    passages, sentences = _background(article_doc, date)
    for cat, reports in facts.figures.items():
        facts.figures[cat] = _told_outside(reports, passages)
    facts.causes = _told_outside(facts.causes, passages)
    for name in ("responsibility", "weapons", "perpetrators"):
        setattr(facts, name, _told_outside(getattr(facts, name), sentences))
    facts.timeline = [
        event for event in facts.timeline if not (date and event.date and event.date[:4] != date[:4])
    ]
    return facts


def _background(article_doc: Doc, date: str | None) -> tuple[list[Span], list[Span]]:
    """A source's background under the incident's date: the passages extraction leaves out for figures
    and causes, and the sentences it leaves out for blame and culprits."""
    passages = [
        (sentence.start, sentence.end)
        for sentence, background in with_background(article_doc, date)
        if background
    ]
    sentences = [
        (sentence.start, sentence.end)
        for sentence in article_doc.content()
        if cues.background(sentence.text, date)
    ]
    return passages, sentences


def _told_outside(items: list[Item], background: list[Span]) -> list[Item]:
    """The items with some quote outside every background span."""
    return [
        item
        for item in items
        if any(
            not any(start <= quote.start and quote.end <= end for start, end in background)
            for quote in item.evidence
        )
    ]


def _same_value(field: str, carried: object, fresh: object) -> bool:
    """Whether a carried value is what the readers read: the same, or for names and weapons the same
    under the merging the brief applies across sources ("the Islamic State group" for "the Islamic
    State of Iraq", "automatic weapons" for "automatic weapon")."""
    if carried == fresh:
        return True
    if field in ("actor", "asserted_by") and isinstance(carried, str) and isinstance(fresh, str):
        return bool(carried and fresh) and names.same(carried, fresh)
    if field == "text" and isinstance(carried, str) and isinstance(fresh, str):
        return carried.lower().rstrip("s") == fresh.lower().rstrip("s")
    return False


def reconfirm(carried: Facts, fresh: Facts) -> tuple[Facts, list[str]]:
    """The carried facts that the same readers find again at the same words, as those readers read
    them now; a carried item they do not find there is dropped, and one they read otherwise (a value,
    a speaker, a kind changed in the brief) is taken as read, each with a warning. The brief never
    states what its quotes do not say."""
    out = Facts(carried.source_id)
    warnings: list[str] = []
    for cat in carried.figures:
        out.figures[cat] = _found_again(
            carried.source_id, "figures", carried.figures[cat], fresh.figures.get(cat, []), warnings
        )
    for name in PER_SOURCE_ITEMS:
        setattr(
            out,
            name,
            _found_again(carried.source_id, name, getattr(carried, name), getattr(fresh, name), warnings),
        )
    out.disputes, out.magnitudes = fresh.disputes, fresh.magnitudes
    return out, warnings


def _evidence_span(item: Any) -> Span:
    return item.evidence[0].start, item.evidence[0].end


def _found_again(
    source_id: str, name: str, old_items: list[Any], new_items: list[Any], warnings: list[str]
) -> list[Any]:
    """The fresh items at the words of the carried ones (each once); a warning in `warnings` for each
    carried item not found there, or read otherwise there."""
    kept = []
    for item in old_items:
        twin = next((new for new in new_items if _evidence_span(new) == _evidence_span(item)), None)
        start, end = _evidence_span(item)
        what = f"{source_id}: the previous brief's {name.rstrip('s')} at {start}-{end}"
        if twin is None:
            warnings.append(f"{what} is not what its words say; dropped")
            continue
        differ = [
            field
            for field in _ASSERTED[name]
            if not _same_value(field, getattr(item, field), getattr(twin, field))
        ]
        if differ and not (name == "figures" and differ == ["role"] and item.role == "total"):
            warnings.append(
                f"{what} said {', '.join(f'{field} {getattr(item, field)!r}' for field in differ)}; "
                f"its words say {', '.join(repr(getattr(twin, field)) for field in differ)}"
            )
        if twin not in kept:
            kept.append(twin)
    return kept
