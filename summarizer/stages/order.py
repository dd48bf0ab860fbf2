"""Order: every source placed in publication order, by its dateline or, undated, by what it says."""

from __future__ import annotations

import datetime as dt
import re

from summarizer.core.brief import SourceOrder
from summarizer.core.doc import Doc, Facts
from summarizer.readers import dates
from summarizer.readers.lexicon import EVENT_NOUNS
from summarizer.readers.numbers import value_of
from summarizer.stages.extract import with_background

DayNamed = tuple[str, str]  # a day (YYYY-MM-DD) and the words that name it


def source_order(docs: list[Doc], facts: list[Facts], incident_date: str | None) -> list[SourceOrder]:
    """Oldest first. A dated source stands at its dateline. An undated one stands at the latest day
    its own sentences name (dates, and weekdays counted forward from the incident's date: a report
    of "Tuesday" about a Saturday quake is the Tuesday after), never before the incident; failing
    that, just after a source whose total it calls earlier ("up from 74"); else its place is unknown."""
    order = {
        article_doc.id: _dated(article_doc) or _by_content(article_doc, incident_date) for article_doc in docs
    }
    totals = {source.source_id: _values(source, "total") for source in facts}
    for source in facts:
        placed = order.get(source.source_id)
        if placed and placed.basis != "unknown":
            continue
        if after := _after_earlier_total(source, order, totals):
            order[source.source_id] = after
    return sorted(order.values(), key=lambda placed: (placed.at or "", placed.source_id))


def _values(source: Facts, role: str) -> set[int]:
    """The values of a source's figure reports in one role (total, earlier...)."""
    return {report.value for reports in source.figures.values() for report in reports if report.role == role}


def _after_earlier_total(
    source: Facts, order: dict[str, SourceOrder], totals: dict[str, set[int]]
) -> SourceOrder | None:
    """A source placed with the latest placed source whose total it calls earlier ("up from 74")."""
    earlier = _values(source, "earlier")
    before = [
        placed
        for source_id, placed in order.items()
        if source_id != source.source_id and placed.at and totals.get(source_id, set()) & earlier
    ]
    if not before:
        return None
    latest = max(before, key=lambda placed: placed.at or "")
    return SourceOrder(
        source_id=source.source_id,
        at=latest.at,
        basis="figures",
        why=f"calls a total of {latest.source_id} earlier",
    )


def _dated(article_doc: Doc) -> SourceOrder | None:
    if not article_doc.article.published_at:
        return None
    return SourceOrder(
        source_id=article_doc.id,
        at=article_doc.article.published_at[:10],
        basis="dateline",
        why="its dateline",
    )


def _by_content(article_doc: Doc, incident_date: str | None) -> SourceOrder:
    """An undated source at the latest day its own sentences (not background) name, never before the
    incident: after "the quake last month", at least the month after."""
    days: list[DayNamed] = []
    anchor = (
        f"{incident_date[:4]}-12-31" if incident_date else None
    )  # yearless dates take the incident's year
    if incident_date and (since := _incident_last(article_doc, incident_date)):
        days.append(since)
        incident_date = since[0]  # its weekdays come after that
    for sentence, background in with_background(article_doc, incident_date):
        if not background:
            days += _days_named(sentence.text, anchor, incident_date)
    if not days:
        return SourceOrder(
            source_id=article_doc.id, at=None, basis="unknown", why="no dateline and no day named"
        )
    at, said = max(days)
    return SourceOrder(source_id=article_doc.id, at=at, basis="content", why=f"names {said.strip()!r}")


def _days_named(text: str, anchor: str | None, incident_date: str | None) -> list[DayNamed]:
    """The days a sentence names, none before the incident (weekdays: the first after it); without
    the incident's own day among them, a day counted from it ("26 days after")."""
    named = []
    for mention in dates.dates(text, anchor):
        value = mention.value
        if mention.kind == "wd":
            value = dates.weekday_after(mention.text, incident_date)
        if value and (not incident_date or value >= incident_date):
            named.append((value, mention.text))
    if (
        incident_date
        and incident_date not in {value for value, _ in named}
        and (later := _days_after(text, incident_date))
    ):
        named.append(later)
    return named


_DAYS_AFTER = re.compile(
    r"""\b(?P<n>\d{1,3}|[a-z]+(?:-[a-z]+)?)\s+(?P<unit>days?|weeks?)\s+
    (?:after|since)\b""",
    re.I | re.X,
)


def _days_after(text: str, incident_date: str) -> DayNamed | None:
    """ "26 days after a derailed train slammed into the town", "two weeks since the quake": a day
    counted from the incident's. The caller leaves out a sentence that itself names the incident's
    day ("collapsed on Sunday, four days after it was reopened": the days count back from it)."""
    for m in _DAYS_AFTER.finditer(text):
        n = int(m.group("n")) if m.group("n").isdigit() else value_of(m.group("n"))
        if n:
            days = n * (7 if m.group("unit").lower().startswith("week") else 1)
            return (dt.date.fromisoformat(incident_date[:10]) + dt.timedelta(days=days)).isoformat(), m.group(
                0
            )
    return None


_THE_INCIDENT_LAST = re.compile(
    rf"""\b(?:the|this)\s+(?:[\w-]+\s+){{0,3}}?(?:{"|".join(sorted(EVENT_NOUNS))})\b
    [^.;]*?\blast\s+(?P<unit>month|week)\b""",
    re.I | re.X,
)


def _incident_last(article_doc: Doc, incident_date: str) -> DayNamed | None:
    """ "the earthquake which rocked the nation last month": the report is at least a month (a week) on,
    so it stands no earlier than the first day of the month (the Monday of the week) after the incident's."""
    day = dt.date.fromisoformat(incident_date[:10])
    for sentence in article_doc.content():
        if m := _THE_INCIDENT_LAST.search(sentence.text):
            if m.group("unit").lower() == "month":
                later = (day.replace(day=1) + dt.timedelta(days=32)).replace(day=1)
            else:
                later = day + dt.timedelta(days=7 - day.weekday())
            return later.isoformat(), m.group(0)[-40:]
    return None
