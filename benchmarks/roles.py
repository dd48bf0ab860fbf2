"""Roles: who reads a count's role best, the model, the rule or a constant answer, on the sentence bank.

For every count the figure reader finds in `../shared/eval/bank/figures.jsonl` that matches a labelled
count (same category and value), the `figure` question is put to the model (the embedded one unless
OPENAI_* is set); its answer, the rule's (nlp/figures.py) and the constant answer (`total`) are each
compared with the label. Prints one table row per answerer. Run: `python benchmarks/roles.py [--limit N]`.
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import json
import sys
import time
from pathlib import Path

from summarizer.llm.answers import FigureRoleAnswer
from summarizer.llm.client import Client
from summarizer.llm.config import resolve
from summarizer.llm.decide import Decider
from summarizer.readers import language
from summarizer.readers.figures import read_figures

ROOT = Path(__file__).resolve().parent.parent
BANK = ROOT.parent / "shared" / "eval" / "bank" / "figures.jsonl"
SCORED = {"killed", "injured", "missing", "arrests"}


def questions(limit: int) -> list[tuple[str, str, str, str, str]]:
    """(sentence, as_stated, category, rule's role, gold role) for each count the reader finds that is labelled."""
    out = []
    for line in BANK.read_text(encoding="utf-8").splitlines():
        item = json.loads(line)
        gold = [c for c in item["counts"] if c["category"] in SCORED]
        used: set[int] = set()
        for sent in language.parse(item["text"]).sents:
            for f in read_figures(sent):
                hit = next(
                    (
                        i
                        for i, c in enumerate(gold)
                        if i not in used and c["category"] == f.category and c["value"] == f.value
                    ),
                    None,
                )
                if hit is not None:
                    used.add(hit)
                    out.append((item["text"], f.as_stated, f.category, f.role, gold[hit]["role"]))
    return out[:limit] if limit else out


async def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--limit", type=int, default=0, help="ask about the first N counts only")
    args = ap.parse_args()
    asked = questions(args.limit)
    config = resolve(answers="model", cache=False)
    if config.backend == "embedded" and not config.base_url:
        from summarizer.llm.embedded import aensure_server

        server = await aensure_server()
        config = dataclasses.replace(config, base_url=server.base_url)
    decider = Decider(Client(config), "model", frozenset({"figure"}))
    right = {"model": 0, "rule": 0, "constant": 0}
    t0 = time.monotonic()
    for sentence, as_stated, category, rule, gold in asked:
        answer = await decider.ask(
            "figure",
            FigureRoleAnswer,
            "judge",
            dict(
                incident="the incident the sentence reports",
                sentence=sentence,
                as_stated=as_stated,
                category=category,
            ),
            rule=FigureRoleAnswer(role=rule),
            constant=FigureRoleAnswer(role="total"),
            max_tokens=30,
        )
        right["model"] += answer.role == gold
        right["rule"] += rule == gold
        right["constant"] += gold == "total"
    n = len(asked)
    print(f"| answerer ({config.model}) | role right, of {n} counts found in the bank |")
    print("|---|---|")
    for who, k in right.items():
        print(f"| {who} | {k}/{n} ({100 * k / max(n, 1):.0f}%) |")
    print(
        f"model answers that fell back to the rule: {decider.tally.fell_back['figure']}; "
        f"agreed with the rule: {decider.tally.agreed['figure']}; {time.monotonic() - t0:.0f} s",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
