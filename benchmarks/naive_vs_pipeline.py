"""Benchmark: the naive approach (all articles, one prompt, one response model) against the pipeline.

Both run on the same backend (the embedded model unless OPENAI_* is set) and are scored with the
same gold matchers. Prints a Markdown table. Run: `make bench` (or with a folder and gold file)."""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import json
import sys
import time
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from summarizer.core.brief import IncidentType, Qualifier
from summarizer.evaluate import score
from summarizer.inputs.ingest import load
from summarizer.llm.client import Client
from summarizer.llm.config import QUESTIONS, resolve
from summarizer.llm.prompts import prompt_text
from summarizer.pipeline import run
from summarizer.stages.ground import check_json

ROOT = Path(__file__).resolve().parent.parent
CHARS_PER_ARTICLE = 4500  # 5 articles must fit the 8192-token context with the schema and the answer


class Naive(BaseModel):
    model_config = ConfigDict(extra="forbid")


class NaiveFigure(Naive):
    value: int = Field(ge=0, description="the number of people")
    qualifier: Qualifier = Field(description="exact, at_least, more_than, about, up_to or fewer_than")
    source_id: str = Field(max_length=60, description="id of the article that states it")
    quote: str = Field(max_length=200, description="the words of the article that state it, copied exactly")


class NaiveClaim(Naive):
    kind: Literal["claim", "confirmation", "attribution", "accusation", "denial"]
    actor: str = Field(max_length=80, description="who is said to be responsible")
    asserted_by: str = Field(max_length=80, description="who says so")
    source_id: str = Field(max_length=60)
    quote: str = Field(max_length=200)


class NaiveStatement(Naive):
    speaker: str = Field(max_length=80)
    quote: str = Field(max_length=300, description="the quoted words, copied exactly")
    source_id: str = Field(max_length=60)


class NaiveBrief(Naive):
    """The whole incident brief in one answer."""

    headline: str = Field(max_length=140)
    summary: str = Field(max_length=700)
    incident_type: IncidentType
    date: str | None = Field(default=None, max_length=10, description="YYYY-MM-DD")
    venue: str | None = Field(default=None, max_length=80)
    city: str | None = Field(default=None, max_length=60)
    country: str | None = Field(default=None, max_length=60)
    killed: list[NaiveFigure] = Field(default=[], max_length=8)
    injured: list[NaiveFigure] = Field(default=[], max_length=8)
    arrests: list[NaiveFigure] = Field(default=[], max_length=4)
    responsibility: list[NaiveClaim] = Field(default=[], max_length=8)
    statements: list[NaiveStatement] = Field(default=[], max_length=8)


def evidence(item, texts: dict[str, str]) -> list[dict]:
    text = texts.get(item.source_id, "")
    start = text.find(item.quote) if item.quote else -1
    if start < 0:  # kept, but it will not verify: that is what this column measures
        return [{"source_id": item.source_id, "quote": item.quote, "start": 0, "end": 0}]
    return [
        {"source_id": item.source_id, "quote": item.quote, "start": start, "end": start + len(item.quote)}
    ]


def figure(items: list[NaiveFigure], texts: dict[str, str]) -> dict | None:
    if not items:
        return None
    reports = [
        {
            "value": f.value,
            "qualifier": f.qualifier,
            "as_stated": str(f.value),
            "source_id": f.source_id,
            "evidence": evidence(f, texts),
        }
        for f in items
    ]
    values = [f.value for f in items]
    return {
        "reports": reports,
        "best": reports[-1],
        "rule": "latest",
        "low": min(values),
        "high": max(values),
        "disputed": len(set(values)) > 1,
    }


def as_brief(n: NaiveBrief, arts) -> dict:
    texts = {a.id: a.text for a in arts}
    return {
        "headline": n.headline,
        "summary": n.summary,
        "incident_type": n.incident_type,
        "date": {"value": n.date} if n.date else None,
        "location": {"venue": n.venue, "city": n.city, "country": n.country},
        "casualties": {"killed": figure(n.killed, texts), "injured": figure(n.injured, texts)},
        "arrests": figure(n.arrests, texts),
        "responsibility": [
            {"kind": c.kind, "actor": c.actor, "asserted_by": c.asserted_by, "evidence": evidence(c, texts)}
            for c in n.responsibility
        ],
        "statements": [
            {"speaker": s.speaker, "quote": s.quote, "evidence": evidence(s, texts)} for s in n.statements
        ],
        "sources": [{"id": a.id, "text": a.text, "published_at": a.published_at} for a in arts],
    }


@dataclasses.dataclass
class Row:
    name: str
    passed: int
    total: int
    verified: int
    evidence: int
    prompt_tokens: int
    completion_tokens: int
    calls: int
    seconds: float
    note: str = ""


async def naive(arts, config) -> Row:
    client = Client(config)
    shown = [dataclasses.replace(a, text=a.text[:CHARS_PER_ARTICLE]) for a in arts]
    t0 = time.monotonic()
    note = ""
    try:
        answer = await client.ask(
            NaiveBrief, prompt_text("system"), prompt_text("naive", articles=shown), max_tokens=1200
        )
        brief = as_brief(answer, arts)
        print(f"naive answer: {answer.model_dump_json()[:1500]}", file=sys.stderr)
    except Exception as e:  # the baseline failing is a result, not a crash
        brief, note = {}, f"no valid answer: {e}"
    seconds = time.monotonic() - t0
    u = client.usage
    n_ev = sum(1 for _ in _quotes(brief))
    return Row(
        "naive: all articles in one prompt, one response model for the whole brief",
        0,
        0,
        n_ev - len(check_json(brief)) if brief else 0,
        n_ev,
        u.prompt_tokens,
        u.completion_tokens,
        u.calls,
        round(seconds, 1),
        note,
    ), brief


PIPELINES = [  # (row name, answers, questions the model answers)
    ("pipeline, constant answers (every question gets the same answer)", "constant", frozenset(QUESTIONS)),
    ("pipeline, rules only (no model call)", "rules", frozenset(QUESTIONS)),
    ("pipeline, embedded model answers every question", "model", frozenset(QUESTIONS)),
    ("pipeline, default (rules decide; the model writes the synopsis)", "model", frozenset()),
]


async def pipeline(arts, config, name: str = PIPELINES[-1][0]) -> tuple[Row, dict]:
    t0 = time.monotonic()
    b = await run(arts, config)
    brief = json.loads(b.model_dump_json())
    n_ev = sum(1 for _ in _quotes(brief))
    return Row(
        name,
        0,
        0,
        n_ev - len(check_json(brief)),
        n_ev,
        b.run.prompt_tokens,
        b.run.completion_tokens,
        b.run.llm_calls,
        round(time.monotonic() - t0, 1),
    ), brief


def cold_brief(folder: Path) -> float:
    """Seconds for the CLI from a cold start: a new process, the embedded model started, no cached answer."""
    import subprocess
    import tempfile

    with tempfile.TemporaryDirectory() as cache:
        t0 = time.monotonic()
        subprocess.run(
            [sys.executable, "-m", "summarizer", "brief", str(folder), "-q", "--cache", cache],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        return round(time.monotonic() - t0, 1)


def _quotes(node):
    if isinstance(node, dict):
        if {"source_id", "quote", "start", "end"} <= set(node):
            yield node
        else:
            for v in node.values():
                yield from _quotes(v)
    elif isinstance(node, list):
        for v in node:
            yield from _quotes(v)


async def main_async(folder: Path, gold_path: Path) -> list[Row]:
    config = resolve(cache=False)
    if config.backend == "embedded" and not config.base_url:
        from summarizer.llm.embedded import ensure_server

        config = dataclasses.replace(config, base_url=ensure_server().base_url)
    arts = load([folder])
    gold = json.loads(gold_path.read_text())
    rows = []
    jobs = [lambda: naive(arts, config)] + [
        (lambda n=n, a=a, q=q: pipeline(arts, dataclasses.replace(config, answers=a, ask=q), n))
        for n, a, q in PIPELINES
    ]
    for job in jobs:
        row, brief = await job()
        s = score(brief, gold)
        row.passed, row.total = s.passed, s.total
        row.note = f"spurious {s.spurious}, misattributed {s.misattributed}"
        rows.append(row)
        print(f"{row.name}: {s.line()}", file=sys.stderr)
    return rows


def table(rows: list[Row], model: str) -> str:
    out = [
        f"| approach ({model}) | gold facts | verified evidence | prompt tokens | completion tokens | LLM calls "
        "| seconds | precision |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        share = f"{r.verified}/{r.evidence}" if r.evidence else "0/0"
        out.append(
            f"| {r.name} | {r.passed}/{r.total} | {share} | {r.prompt_tokens:,} | {r.completion_tokens:,} "
            f"| {r.calls} | {r.seconds} | {r.note[:80]} |"
        )
    return "\n".join(out)


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("folder", nargs="?", type=Path, default=ROOT / "examples" / "crocus")
    p.add_argument(
        "gold", nargs="?", type=Path, default=ROOT / "tests" / "data" / "crocus-city-hall.gold.json"
    )
    args = p.parse_args()
    rows = asyncio.run(main_async(args.folder, args.gold))
    print(table(rows, resolve().model))
    from summarizer.llm.embedded import stop_server

    stop_server()
    print(f"\ncold brief (new process, embedded model started, no cache): {cold_brief(args.folder)} s")


if __name__ == "__main__":
    main()
