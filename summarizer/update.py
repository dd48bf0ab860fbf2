"""Update: a developing story. The previous brief and new articles give the next brief and what changed.

Only new articles are read: the facts of every source the previous brief used are taken back from it
(each item split by the source its evidence comes from), so they cost no model call. Code-only
findings the brief does not keep per source (stated disputes, magnitudes) are found again by code."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Hashable
from pathlib import Path
from typing import Any

from summarizer.core.article import Article
from summarizer.core.brief import Change, Figure, IncidentBrief
from summarizer.core.doc import Facts
from summarizer.core.errors import InputError, NoInputError
from summarizer.core.protocols import Progress
from summarizer.core.text import shown
from summarizer.core.vocab import FIGURE_CATEGORIES
from summarizer.inputs.ingest import MAX_BYTES, load, normalise
from summarizer.llm.config import Config, resolve
from summarizer.pipeline import Inputs, run
from summarizer.render.common import count, where
from summarizer.stages.carry import PER_SOURCE_ITEMS
from summarizer.stages.ground import check, problems

# A previous brief is refused before it is read when its file is larger than this: eight articles at the
# one-article limit, with their facts. Each source it carries must also be within that limit.
MAX_BRIEF_BYTES = 8 * MAX_BYTES


def check_previous(previous: IncidentBrief, name: str = "the previous brief") -> None:
    """Refuse a previous brief (InputError, exit 65) that this tool could not have written: a source
    over the one-article size limit, two sources with one id, or evidence whose quote is not its
    source's text at its offsets (a tampered brief). Nothing of it is carried when any of these fails."""
    for s in previous.sources:
        size = len(s.text.encode("utf-8", "surrogatepass"))
        if size > MAX_BYTES:
            raise InputError(
                f"{name}: source {s.id[:80]!r} carries {size:,} bytes of text, over the "
                f"{MAX_BYTES:,}-byte limit for one article"
            )
    ids = [s.id for s in previous.sources]
    if len(set(ids)) != len(ids):
        twice = next(i for i in ids if ids.count(i) > 1)
        raise InputError(f"{name}: two sources have the id {twice[:80]!r}")
    if check(previous):
        found = problems(previous)
        more = len(check(previous)) - len(found)
        raise InputError(
            f"{name}: evidence does not match its source: {'; '.join(found)}"
            f"{f' (and {more} more)' if more > 0 else ''}"
        )


def previous_brief(path: Path) -> IncidentBrief:
    """A previous brief read from a file: refused before it is read when over MAX_BRIEF_BYTES, and
    checked by `check_previous` (exit 66 when it cannot be read, 65 when it is no sound brief)."""
    name = shown(str(path))
    try:
        size = path.stat().st_size
        if size > MAX_BRIEF_BYTES:
            raise InputError(
                f"{name}: {size:,} bytes is over the {MAX_BRIEF_BYTES:,}-byte limit for a previous brief"
            )
        data = path.read_bytes()
    except OSError as e:
        raise NoInputError(f"cannot read {name}: {e.strerror}") from None
    try:
        previous = IncidentBrief.model_validate_json(data)
    except ValueError as e:
        raise InputError(f"{name} is not a brief this version reads: {str(e).splitlines()[0]}") from None
    check_previous(previous, name)
    return previous


def carried_facts(previous: IncidentBrief) -> dict[str, Facts]:
    """Per source the previous brief used, the facts it gave, each with that source's evidence only."""
    out = {s.id: Facts(s.id) for s in previous.sources if s.status == "used"}
    for cat in FIGURE_CATEGORIES:
        fig = previous.arrests if cat == "arrests" else getattr(previous.casualties, cat)
        for r in fig.reports if fig else ():
            if r.source_id in out:
                out[r.source_id].figures[cat].append(r.model_copy(deep=True))
    for name in PER_SOURCE_ITEMS:
        for item in getattr(previous, name):
            for sid in sorted({q.source_id for q in item.evidence} & set(out)):
                own = [q for q in item.evidence if q.source_id == sid]
                getattr(out[sid], name).append(item.model_copy(deep=True, update={"evidence": own}))
    return out


def articles_of(previous: IncidentBrief) -> list[Article]:
    return [
        Article(
            text=s.text,
            id=s.id,
            title=s.title,
            outlet=s.outlet,
            published_at=s.published_at,
            url=s.url,
            name=s.name,
            language=s.language,
        )
        for s in previous.sources
    ]


def new_only(previous: IncidentBrief, articles: list[Article]) -> tuple[list[Article], list[str]]:
    """The articles not already in the brief (same text), renamed when an id is taken; and what was
    skipped."""
    known = {normalise(s.text).strip(): s.id for s in previous.sources}
    taken = {s.id for s in previous.sources}
    fresh, skipped = [], []
    for a in articles:
        twin = known.get(a.text.strip())
        if twin is not None:
            skipped.append(f"{a.name or a.id}: already in the brief as {twin}")
            continue
        base, n = a.id, 2
        while a.id in taken:
            a.id, n = f"{base}-{n}", n + 1
        taken.add(a.id)
        known[a.text.strip()] = a.id
        fresh.append(a)
    return fresh, skipped


def _best(fig: Figure | None) -> str:
    if fig is None or fig.best is None:
        return "none"
    b = fig.best
    return f"{count(b)} ({b.source_id})"


def _figure_changes(cat: str, old: Figure | None, new: Figure | None) -> list[Change]:
    if new is None or new.best is None:
        return []
    b = new.best
    when = f", reported {b.published_at[:10]}" if b.published_at else ""
    out = []
    if old is None or old.best is None:
        out.append(
            Change(topic=cat, action="added", text=f"best {_best(new)}{when}", source_ids=[b.source_id])
        )
    elif (old.best.value, old.best.qualifier) != (
        b.value,
        b.qualifier,
    ):  # a new source repeating it is no news
        out.append(
            Change(
                topic=cat,
                action="changed",
                text=f"best {_best(old)} → {_best(new)}{when}",
                source_ids=[b.source_id],
            )
        )
    if (
        old is not None
        and (old.low, old.high, old.disputed) != (new.low, new.high, new.disputed)
        and new.disputed
    ):
        span = f"{old.low}–{old.high}" if old.disputed else "not disputed"
        out.append(
            Change(topic=cat, action="changed", text=f"reports now range {new.low}–{new.high} (was {span})")
        )
    elif old is not None and old.disputed and not new.disputed:
        out.append(Change(topic=cat, action="resolved", text="reports no longer differ"))
    return out


def _sources(item: Any) -> list[str]:
    """The sources an item's evidence (or a contradiction's positions' evidence) comes from."""
    evidence = item.evidence if hasattr(item, "evidence") else [q for p in item.positions for q in p.evidence]
    return sorted({q.source_id for q in evidence})


Key = Callable[[Any], Hashable]  # what makes two items of a list the same item across briefs
Words = Callable[[Any], str]  # an item in words, as a change tells it


def _keyed(items: list[Any], key: Key, text: Words) -> dict[Hashable, tuple[str, list[str]]]:
    return {key(item): (text(item), _sources(item)) for item in items}


def _list_changes(topic: str, old: list[Any], new: list[Any], key: Key, text: Words) -> list[Change]:
    """Items added and resolved by key; an item whose key stays but whose words differ is changed."""
    before, after = _keyed(old, key, text), _keyed(new, key, text)
    out = [
        Change(topic=topic, action="added", text=t, source_ids=ids)
        for k, (t, ids) in after.items()
        if k not in before
    ]
    out += [
        Change(topic=topic, action="changed", text=t, source_ids=ids)
        for k, (t, ids) in after.items()
        if k in before and before[k][0] != t
    ]
    out += [
        Change(topic=topic, action="resolved", text=f"no longer reported: {t}", source_ids=ids)
        for k, (t, ids) in before.items()
        if k not in after
    ]
    return out


def changes(previous: IncidentBrief, brief: IncidentBrief, skipped: list[str]) -> list[Change]:
    """What the new brief says that the previous one did not, in the order an editor reads a brief."""
    return (
        source_changes(previous, brief, skipped)
        + heading_changes(previous, brief)
        + _figure_changes("killed", previous.casualties.killed, brief.casualties.killed)
        + _figure_changes("injured", previous.casualties.injured, brief.casualties.injured)
        + _figure_changes("missing", previous.casualties.missing, brief.casualties.missing)
        + _figure_changes("arrests", previous.arrests, brief.arrests)
        + item_changes(previous, brief)
    )


def source_changes(previous: IncidentBrief, brief: IncidentBrief, skipped: list[str]) -> list[Change]:
    """The sources the new brief adds (with their status when not used), and the inputs skipped as
    already in the brief."""
    old_ids = {s.id for s in previous.sources}
    out = [
        Change(
            topic="sources",
            action="added",
            text=f"{s.id}: {s.title or s.name or s.id}{' (' + s.outlet + ')' if s.outlet else ''}"
            f"{', ' + s.published_at if s.published_at else ''}"
            f"{'' if s.status == 'used' else ' — not used: ' + (s.error or s.status)}",
            source_ids=[s.id],
        )
        for s in brief.sources
        if s.id not in old_ids
    ]
    return out + [Change(topic="sources", action="resolved", text=t) for t in skipped]


def heading_changes(previous: IncidentBrief, brief: IncidentBrief) -> list[Change]:
    """A changed headline, type, date or place."""
    old_date = previous.date.value if previous.date else None
    new_date = brief.date.value if brief.date else None
    compared: list[tuple[str, str | None, str | None, str]] = [  # topic, before, after, in words
        ("headline", previous.headline, brief.headline, f"{previous.headline} → {brief.headline}"),
        (
            "type",
            previous.incident_type,
            brief.incident_type,
            f"{previous.incident_type} → {brief.incident_type}",
        ),
        ("date", old_date, new_date, f"{old_date or 'unknown'} → {new_date or 'unknown'}"),
        (
            "location",
            where(previous.location),
            where(brief.location),
            f"{where(previous.location)} → {where(brief.location)}",
        ),
    ]
    return [
        Change(topic=topic, action="changed", text=text)
        for topic, before, after, text in compared
        if before != after
    ]


def item_changes(previous: IncidentBrief, brief: IncidentBrief) -> list[Change]:
    """Claims and accusations, perpetrators, causes and contradictions added, changed or resolved."""
    out = _list_changes(
        "responsibility",
        previous.responsibility,
        brief.responsibility,
        lambda r: (r.kind, (r.actor or "").lower(), (r.asserted_by or "").lower()),
        lambda r: f"{r.kind}: {r.actor or 'unnamed'}, according to {r.asserted_by or 'the report'}",
    )
    out += _list_changes(
        "perpetrators",
        previous.perpetrators,
        brief.perpetrators,
        lambda p: p.name.lower(),
        lambda p: f"{p.name} ({p.role}, {p.status.replace('_', ' ')})",
    )
    out += _list_changes(
        "causes", previous.causes, brief.causes, lambda c: c.text.lower(), lambda c: f"{c.text} ({c.status})"
    )
    # A disagreement over a count, over blame or over whether anyone was caught is one entry whatever
    # its words (the figure changes above already give the numbers); other ones are told by their words.
    out += _list_changes(
        "contradictions",
        [c for c in previous.contradictions if c.topic not in FIGURE_CATEGORIES],
        [c for c in brief.contradictions if c.topic not in FIGURE_CATEGORIES],
        lambda c: c.topic if c.topic in ("responsibility", "perpetrators") else (c.topic, c.text),
        lambda c: f"[{c.topic}] {c.text}",
    )
    return out


async def aupdate(
    previous: IncidentBrief,
    articles: Inputs,
    *,
    progress: Progress | None = None,
    rule: str = "latest",
    config: Config | None = None,
    **options: Any,
) -> IncidentBrief:
    """The next brief of a developing story: `previous` plus `articles` (paths, folders, strings or
    `Article`s), with `changes` saying what is new. Only the new articles are read."""
    check_previous(previous)
    items: list[str | Path | Article] = [*articles] if isinstance(articles, list) else [articles]
    fresh, skipped = new_only(previous, load(items))
    brief = await run(
        articles_of(previous) + fresh,
        config or resolve(**options),
        progress=progress,
        rule=rule,
        carried=carried_facts(previous),
    )
    brief.changes = changes(previous, brief, skipped)
    return brief


def update(previous: IncidentBrief, articles: Inputs, **options: Any) -> IncidentBrief:
    """Blocking form of `aupdate`."""
    return asyncio.run(aupdate(previous, articles, **options))
