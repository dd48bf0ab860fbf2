"""HTML: the review page, one self-contained file an editor opens from disk; every fact links to its words."""

from __future__ import annotations

import base64
import hashlib
import itertools
from functools import cache

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from summarizer.core.brief import IncidentBrief, Quote
from summarizer.render.chart import chart
from summarizer.render.common import count, where


@cache
def _templates() -> PackageLoader:
    return PackageLoader("summarizer.render", "templates")


@cache
def _env() -> Environment:
    env = Environment(
        loader=_templates(),
        undefined=StrictUndefined,
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.update(count=count, where=where, chart=chart)
    return env


def _sha256(text: str) -> str:
    return base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")


def _utf16(text: str) -> list[int]:
    """Each character offset's position in UTF-16 code units, as the browser's DOM counts them."""
    out, units = [0], 0
    for ch in text:
        units += 2 if ord(ch) > 0xFFFF else 1
        out.append(units)
    return out


def to_html(brief: IncidentBrief) -> str:
    env = _env()
    css = _templates().get_source(env, "review.css")[0]
    js = _templates().get_source(env, "review.js")[0]
    # Only the page's own style and script run: article text is escaped, and anything that slipped
    # through would still have no script, style, image, frame or connection allowed.
    csp = (
        f"default-src 'none'; style-src 'sha256-{_sha256(css)}'; script-src 'sha256-{_sha256(js)}'; "
        "img-src 'none'; connect-src 'none'; font-src 'none'; frame-src 'none'; base-uri 'none';"
        " form-action 'none'"
    )
    units = {s.id: _utf16(s.text) for s in brief.sources}
    counter = itertools.count(1)

    def span(q: Quote) -> dict[str, int | str]:
        """A quote's link: its number on the page, its source and its place there in UTF-16 units."""
        offsets = units.get(q.source_id)
        return {
            "n": next(counter),
            "src": q.source_id,
            "start": offsets[q.start] if offsets else 0,
            "end": offsets[q.end] if offsets else 0,
        }

    # A fact's source link names the outlet; without one, the source's place in the list.
    outlets = {
        s.id: (s.outlet if s.outlet and len(s.outlet) <= 30 else f"source {i}")
        for i, s in enumerate(brief.sources, 1)
    }
    return env.get_template("review.html.j2").render(
        brief=brief, css=Markup(css), js=Markup(js), csp=csp, span=span, outlets=outlets
    )
