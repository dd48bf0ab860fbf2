"""Facts: the per-snippet readers (figures with their roles, quotations with their speakers), without
reconciliation across sources: for newsroom tools (an alert on a new toll) and for measurement."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from typing import Any

from summarizer.readers import language, speakers
from summarizer.readers.figures import read_figures

_YEAR = re.compile(r"^(\d{4})-\d{2}-\d{2}")


def read_facts(text: str, context: str | None = None, published: str | None = None) -> dict[str, Any]:
    """Every count of people in `text` and every quotation with its speaker. `context`: the text before
    it (the previous sentences), used to name "he" or "the ministry"; `published`: YYYY-MM-DD, which
    dates a count given for another year as another event's."""
    year = m.group(1) if published and (m := _YEAR.match(published)) else None
    prefix = f"{context.strip()}\n" if context and context.strip() else ""
    doc = language.parse(prefix + text)
    figures = []
    for sent in doc.sents:
        if sent.end_char <= len(prefix):
            continue
        for f in read_figures(sent, year=year):
            figures.append(
                {
                    "as_stated": f.as_stated,
                    "value": f.value,
                    "category": f.category,
                    "qualifier": f.qualifier,
                    "role": f.role,
                    "scope": f.scope,
                }
            )
    statements = []
    for q in speakers.quotations(doc, len(prefix), len(doc.text)):
        speaker = q.speaker
        if q.pronoun:
            ranked = speakers.antecedents(doc, q.anchor, pronoun=q.pronoun_word)
            speaker = ranked[0] if ranked else None
        elif speaker is not None and (org := speakers.organisation_antecedent(doc, q.start, speaker)):
            speaker = org
        statements.append({"quote": q.quote, "speaker": speaker})
    return {"figures": figures, "statements": statements}


def read_snippets(lines: Iterable[str]) -> Iterator[dict[str, Any]]:
    """One output record per input line `{id, text, context, published}`; a line that is not such a
    record gives `{id, error}` (the id is the line number when it has none)."""
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            if not isinstance(record, dict) or not isinstance(record.get("text"), str):
                raise ValueError("a record needs a string 'text'")
        except ValueError as e:
            yield {"id": f"line {number}", "error": str(e).splitlines()[0][:200]}
            continue
        found = read_facts(record["text"], record.get("context") or None, record.get("published") or None)
        yield {"id": record.get("id", f"line {number}"), **found}
