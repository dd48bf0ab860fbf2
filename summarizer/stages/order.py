"""Order: every source placed in publication order, by its dateline or, undated, by what it says."""

from __future__ import annotations

import datetime as dt
import re

from summarizer.core.brief import SourceOrder
from summarizer.core.doc import Doc, Facts
from summarizer.readers import dates as parse
from summarizer.readers.lexicon import EVENT_NOUNS
from summarizer.readers.numbers import value_of
from summarizer.stages.extract import with_background


def source_order(docs: list[Doc], facts: list[Facts], incident_date: str | None) -> list[SourceOrder]:
    """Oldest first. A dated source stands at its dateline. An undated one stands at the latest day
    its own sentences name (dates, and weekdays counted forward from the incident's date: a report
    of "Tuesday" about a Saturday quake is the Tuesday after), never before the incident; failing
    that, just after a source whose total it calls earlier ("up from 74"); else its place is unknown."""
    order = {d.id: _dated(d) or _by_content(d, incident_date) for d in docs}
    totals = {
        f.source_id: {r.value for rs in f.figures.values() for r in rs if r.role == "total"} for f in facts
    }
    for f in facts:
        if order.get(f.source_id) and order[f.source_id].basis != "unknown":
            continue
        earlier = {r.value for rs in f.figures.values() for r in rs if r.role == "earlier"}
        before = [
            o for sid, o in order.items() if sid != f.source_id and o.at and totals.get(sid, set()) & earlier
        ]
        if before:
            latest = max(before, key=lambda o: o.at or "")
            order[f.source_id] = SourceOrder(
                source_id=f.source_id,
                at=latest.at,
                basis="figures",
                why=f"calls a total of {latest.source_id} earlier",
            )
    return sorted(order.values(), key=lambda o: (o.at or "", o.source_id))


def _dated(d: Doc) -> SourceOrder | None:
    if not d.article.published_at:
        return None
    return SourceOrder(source_id=d.id, at=d.article.published_at[:10], basis="dateline", why="its dateline")


def _by_content(d: Doc, incident_date: str | None) -> SourceOrder:
    days: list[tuple[str, str]] = []
    anchor = (
        f"{incident_date[:4]}-12-31" if incident_date else None
    )  # yearless dates take the incident's year
    if incident_date and (since := _incident_last(d, incident_date)):
        days.append(since)
        incident_date = since[0]  # its weekdays come after that
    for s, bg in with_background(d, incident_date):
        if bg:
            continue
        named = []
        for m in parse.dates(s.text, anchor):
            value = m.value
            if m.kind == "wd":
                value = parse.weekday_after(m.text, incident_date)
            if value and (not incident_date or value >= incident_date):
                named.append((value, m.text))
        days += named
        if (
            incident_date
            and incident_date not in {v for v, _ in named}
            and (later := _days_after(s.text, incident_date))
        ):
            days.append(later)
    if not days:
        return SourceOrder(source_id=d.id, at=None, basis="unknown", why="no dateline and no day named")
    at, said = max(days)
    return SourceOrder(source_id=d.id, at=at, basis="content", why=f"names {said.strip()!r}")


_DAYS_AFTER = re.compile(
    r"""\b(?P<n>\d{1,3}|[a-z]+(?:-[a-z]+)?)\s+(?P<unit>days?|weeks?)\s+
    (?:after|since)\b""",
    re.I | re.X,
)


def _days_after(text: str, incident_date: str) -> tuple[str, str] | None:
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


def _incident_last(d: Doc, incident_date: str) -> tuple[str, str] | None:
    """ "the earthquake which rocked the nation last month": the report is at least a month (a week) on,
    so it stands no earlier than the first day of the month (the Monday of the week) after the incident's."""
    day = dt.date.fromisoformat(incident_date[:10])
    for s in d.content():
        if m := _THE_INCIDENT_LAST.search(s.text):
            if m.group("unit").lower() == "month":
                later = (day.replace(day=1) + dt.timedelta(days=32)).replace(day=1)
            else:
                later = day + dt.timedelta(days=7 - day.weekday())
            return later.isoformat(), m.group(0)[-40:]
    return None
