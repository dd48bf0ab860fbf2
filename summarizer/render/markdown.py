"""Markdown: the brief as a short document for a quick read."""

from __future__ import annotations

from ..schema import Figure, IncidentBrief
from .common import count, where


def _figure(name: str, fig: Figure | None) -> list[str]:
    if fig is None or fig.best is None:
        return []
    b = fig.best
    line = f"- **{name}:** {count(b)} ({b.source_id}, rule: {fig.rule})"
    if fig.disputed:
        line += f" — disputed, reports range {fig.low}–{fig.high}"
    return [line] + [f"  - {r.as_stated} — {r.source_id}{', ' + r.published_at if r.published_at else ''}"
                     f"{', according to ' + r.attributed_to if r.attributed_to else ''}{_role(r.role, r.scope)}"
                     for r in fig.reports]


def _role(role: str, scope: str | None) -> str:
    """How a report that is no total reads: "(part: children)", "(earlier figure)", "(increment)"."""
    if role == "total":
        return ""
    if role == "part":
        return f" (part: {scope})" if scope else " (part)"
    return f" ({'earlier figure' if role == 'earlier' else role})"


def to_markdown(brief: IncidentBrief) -> str:
    out = [f"# {brief.headline}", ""]
    if brief.changes:
        out += ["## What changed", ""] + [f"- **{c.topic}** {c.action}: {c.text}" for c in brief.changes] + [""]
    out += [brief.summary, ""]
    out += [
        f"- **Type:** {brief.incident_type.replace('_', ' ')}",
        f"- **Date:** {brief.date.value if brief.date else 'unknown'}",
        f"- **Where:** {where(brief.location)}",
    ]
    out += _figure("Killed", brief.casualties.killed) + _figure("Injured", brief.casualties.injured)
    out += _figure("Missing", brief.casualties.missing)
    out += _figure("Arrests", brief.arrests)
    if brief.responsibility:
        out += ["", "## Responsibility"]
        out += [f"- {r.kind}: {r.actor or '?'} — according to {r.asserted_by or '?'}"
                f"{' via ' + r.channel if r.channel else ''} ({r.evidence[0].source_id})" for r in brief.responsibility]
    if brief.perpetrators:
        out += ["", "## Perpetrators"] + [f"- {p.name} ({p.kind}, {p.role}, {p.status})" for p in brief.perpetrators]
    if brief.statements:
        out += ["", "## Statements"] + [f"- {s.speaker}{', ' + s.role if s.role else ''}: “{s.quote}” ({s.evidence[0].source_id})"
                                       for s in brief.statements]
    if brief.timeline:
        out += ["", "## Timeline"] + [f"- {e.date or '?'}: {e.text} ({', '.join(sorted({q.source_id for q in e.evidence}))})"
                                     for e in brief.timeline]
    if brief.contradictions:
        out += ["", "## Where sources disagree"] + [f"- [{c.topic}] {c.text}" for c in brief.contradictions]
    if brief.unverified:
        out += ["", "## Unverified"] + [f"- {u.text} ({u.evidence[0].source_id})" for u in brief.unverified]
    out += ["", "## Sources"] + [
        f"- `{s.id}` {s.status}: {s.title or s.name or ''}{' — ' + s.outlet if s.outlet else ''}"
        f"{' — ' + s.published_at if s.published_at else ''}{' — ' + s.error if s.error else ''}" for s in brief.sources
    ]
    r = brief.run
    out += ["", f"_{r.backend} · {r.model} · {r.llm_calls} model calls · {r.seconds}s_", ""]
    return "\n".join(out)
