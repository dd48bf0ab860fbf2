"""Ground: every quote in a brief checked against its source text (core/evidence.py builds them)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel

from summarizer.core.brief import IncidentBrief, Quote
from summarizer.core.evidence import verified


def _quotes(obj: Any, path: str = "") -> Iterator[tuple[str, Quote]]:
    """Every evidence quote in a brief (or any part of it), with its path ("casualties.killed.best...")."""
    if isinstance(obj, Quote):
        yield path, obj
    elif isinstance(obj, BaseModel):
        for name in type(obj).model_fields:
            yield from _quotes(getattr(obj, name), f"{path}.{name}" if path else name)
    elif isinstance(obj, list):
        for i, item in enumerate(obj):
            yield from _quotes(item, f"{path}[{i}]")


def check(brief: IncidentBrief) -> list[str]:
    """Paths of evidence that does not match its source text; empty when all verifies."""
    texts = {s.id: s.text for s in brief.sources}
    return [path for path, q in _quotes(brief) if not verified(q, texts)]


def problems(brief: IncidentBrief, limit: int = 3) -> list[str]:
    """What is wrong with a brief's evidence, in words, at most `limit` of them: a quote naming a source
    the brief does not have, offsets past the end of its source, or words its source does not say there."""
    texts = {s.id: s.text for s in brief.sources}
    out = []
    for path, q in _quotes(brief):
        text = texts.get(q.source_id)
        if text is None:
            out.append(f"{path} names source {q.source_id[:80]!r}, which the brief does not have")
        elif q.end > len(text) or q.start >= q.end:
            out.append(
                f"{path} points at characters {q.start}-{q.end} of {q.source_id!r}, which has {len(text):,}"
            )
        elif not verified(q, texts):
            out.append(
                f"{path} quotes {q.quote[:60]!r} where {q.source_id!r} says {text[q.start : q.end][:60]!r}"
            )
        if len(out) == limit:
            break
    return out


def count_evidence(brief: object) -> int:
    """How many evidence quotes a brief as parsed JSON holds."""
    if isinstance(brief, dict):
        if {"source_id", "quote", "start", "end"} <= set(brief):
            return 1
        return sum(count_evidence(v) for v in brief.values())
    if isinstance(brief, list):
        return sum(count_evidence(v) for v in brief)
    return 0


def check_json(brief: object) -> list[str]:
    """The same check on a brief as parsed JSON, valid or not (for `summarizer eval`)."""
    texts = (
        {s.get("id"): s.get("text") for s in brief.get("sources") or [] if isinstance(s, dict)}
        if isinstance(brief, dict)
        else {}
    )
    bad: list[str] = []

    def walk(node: object, path: str) -> None:
        if isinstance(node, dict):
            if {"source_id", "quote", "start", "end"} <= set(node):
                if not _quote_matches(node, texts.get(node["source_id"])):
                    bad.append(path)
                return
            for k, v in node.items():
                walk(v, f"{path}.{k}" if path else k)
        elif isinstance(node, list):
            for i, v in enumerate(node):
                walk(v, f"{path}[{i}]")

    walk(brief, "")
    return bad


def _quote_matches(quote: dict[str, Any], text: object) -> bool:
    """Whether a quote as parsed JSON is non-empty and is the words of its source at its offsets."""
    start, end, words = quote["start"], quote["end"], quote["quote"]
    if not (isinstance(text, str) and isinstance(start, int) and isinstance(end, int)):
        return False
    return bool(words) and text[start:end] == words
