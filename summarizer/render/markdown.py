"""Markdown: the brief as a short document for a quick read. Every string that comes from an article or a
client (titles, names, quotes, headline, summary, ids) is escaped: rendered, it shows as text and never
becomes HTML, a link or an image."""

from __future__ import annotations

import re

from summarizer.core.brief import Figure, IncidentBrief, Location, Run
from summarizer.render.common import count, where

# What would let an article's words become markup once rendered: raw HTML and entities (`<`, `>`, `&`),
# links, images and reference definitions (`[`, `]`), code spans (a backtick) and the escape itself.
_MARKUP = re.compile(r"([\\`<>&\[\]])")
_BREAKS = re.compile(r"\s*[\n\r\u2028\u2029\x0b\x0c\x1c-\x1e\x85]\s*")  # a value stays on its line


def pinned(loc: Location | None) -> str:
    """The map pin, when GeoNames gave one: " (43.70313, 7.26608, town; GeoNames 2990440)"."""
    if loc is None or loc.latitude is None:
        return ""
    return f" ({loc.latitude}, {loc.longitude}, {loc.geo_precision}; GeoNames {loc.geonames_id})"


def md(value: object) -> str:
    """An article-derived value as Markdown text: on one line, its markup characters backslash-escaped."""
    return _MARKUP.sub(r"\\\1", _BREAKS.sub(" ", str(value)))


def code(value: str) -> str:
    """A value inside a code span, where escapes do not work: on one line, no backtick to close the span."""
    return _BREAKS.sub(" ", value).replace("`", "'")


def _figure(name: str, fig: Figure | None) -> list[str]:
    if fig is None or fig.best is None:
        return []
    b = fig.best
    line = f"- **{name}:** {count(b)} ({md(b.source_id)}, rule: {fig.rule})"
    if fig.disputed:
        line += f" — disputed, reports range {fig.low}–{fig.high}"
    return [line] + [
        f"  - {md(r.as_stated)} — {md(r.source_id)}{', ' + md(r.published_at) if r.published_at else ''}"
        f"{', according to ' + md(r.attributed_to) if r.attributed_to else ''}{md(_role(r.role, r.scope))}"
        for r in fig.reports
    ]


def _role(role: str, scope: str | None) -> str:
    """How a report that is no total reads: "(part: children)", "(earlier figure)", "(increment)"."""
    if role == "total":
        return ""
    if role == "part":
        return f" (part: {scope})" if scope else " (part)"
    return f" ({'earlier figure' if role == 'earlier' else role})"


def to_markdown(brief: IncidentBrief) -> str:
    out = [f"# {md(brief.headline)}", ""]
    out += _changes(brief)
    out += [md(brief.summary), ""]
    out += _facts(brief)
    out += _responsibility(brief) + _perpetrators(brief) + _statements(brief) + _timeline(brief)
    out += _contradictions(brief) + _unverified(brief) + _sources(brief)
    out += ["", _run_line(brief.run), ""]
    return "\n".join(out)


def _changes(brief: IncidentBrief) -> list[str]:
    if not brief.changes:
        return []
    return (
        ["## What changed", ""] + [f"- **{c.topic}** {c.action}: {md(c.text)}" for c in brief.changes] + [""]
    )


def _facts(brief: IncidentBrief) -> list[str]:
    """Type, date, place and the figures."""
    subtype = (
        f" ({brief.incident_subtype.replace('_', ' ')})"
        if brief.incident_subtype not in (None, brief.incident_type)
        else ""
    )
    out = [
        f"- **Type:** {brief.incident_type.replace('_', ' ')}" + subtype,
        f"- **Date:** {md(brief.date.value) if brief.date else 'unknown'}",
        f"- **Where:** {md(where(brief.location))}" + pinned(brief.location),
    ]
    out += _figure("Killed", brief.casualties.killed) + _figure("Injured", brief.casualties.injured)
    out += _figure("Missing", brief.casualties.missing)
    return out + _figure("Arrests", brief.arrests)


def _section(heading: str, lines: list[str]) -> list[str]:
    """A `## heading` and its lines, or nothing when there are none."""
    return ["", f"## {heading}", *lines] if lines else []


def _responsibility(brief: IncidentBrief) -> list[str]:
    return _section(
        "Responsibility",
        [
            f"- {r.kind}: {md(r.actor or '?')} — according to {md(r.asserted_by or '?')}"
            f"{' via ' + md(r.channel) if r.channel else ''} ({md(r.evidence[0].source_id)})"
            for r in brief.responsibility
        ],
    )


def _perpetrators(brief: IncidentBrief) -> list[str]:
    return _section(
        "Perpetrators", [f"- {md(p.name)} ({p.kind}, {p.role}, {p.status})" for p in brief.perpetrators]
    )


def _statements(brief: IncidentBrief) -> list[str]:
    return _section(
        "Statements",
        [
            f"- {md(s.speaker)}{', ' + md(s.role) if s.role else ''}: “{md(s.quote)}” "
            f"({md(s.evidence[0].source_id)})"
            for s in brief.statements
        ],
    )


def _timeline(brief: IncidentBrief) -> list[str]:
    return _section(
        "Timeline",
        [
            f"- {md(e.date or '?')}: {md(e.text)} "
            f"({md(', '.join(sorted({q.source_id for q in e.evidence})))})"
            for e in brief.timeline
        ],
    )


def _contradictions(brief: IncidentBrief) -> list[str]:
    return _section("Where sources disagree", [f"- [{c.topic}] {md(c.text)}" for c in brief.contradictions])


def _unverified(brief: IncidentBrief) -> list[str]:
    return _section(
        "Unverified", [f"- {md(u.text)} ({md(u.evidence[0].source_id)})" for u in brief.unverified]
    )


def _sources(brief: IncidentBrief) -> list[str]:
    return ["", "## Sources"] + [
        f"- `{code(s.id)}` {s.status}: {md(s.title or s.name or '')}"
        f"{' — ' + md(s.outlet) if s.outlet else ''}"
        f"{' — ' + md(s.published_at) if s.published_at else ''}{' — ' + md(s.error) if s.error else ''}"
        for s in brief.sources
    ]


def _run_line(run: Run) -> str:
    """The footer: backend, model, calls and time."""
    return f"_{md(run.backend)} · {md(run.model)} · {run.llm_calls} model calls · {run.seconds}s_"
