"""Words the Markdown and HTML renderings share."""

from __future__ import annotations

from summarizer.core.brief import FigureReport, Location
from summarizer.core.text import QUALIFIER_WORDS


def where(loc: Location | None) -> str:
    return ", ".join(x for x in (loc.venue, loc.city, loc.region, loc.country) if x) if loc else "unknown"


def count(r: FigureReport) -> str:
    """A report's number with its qualifier: "at least 137"."""
    return f"{QUALIFIER_WORDS[r.qualifier]}{r.value}"
