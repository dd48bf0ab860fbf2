"""Render: the brief as JSON for tools, Markdown for a quick read, or an HTML review page for editors."""

from __future__ import annotations

from summarizer.core.brief import IncidentBrief
from summarizer.render.html import to_html
from summarizer.render.markdown import to_markdown

__all__ = ["render_brief", "to_html", "to_json", "to_markdown"]


def to_json(brief: IncidentBrief) -> str:
    return brief.model_dump_json(indent=2) + "\n"


def render_brief(brief: IncidentBrief, fmt: str) -> str:
    """The brief in `fmt`: "json", "markdown" or "html"."""
    return {"json": to_json, "markdown": to_markdown, "html": to_html}[fmt](brief)
