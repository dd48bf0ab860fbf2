"""Dev set: the pipeline on every cluster of ../shared/eval/dev (and examples/crocus), scored; prints a table.

Each cluster's brief is written to build/devset/<cluster>.json. `--answers` picks who answers the
pipeline's questions: the model (default; the embedded one unless OPENAI_* is set), the rules, or
one constant answer. `--reader` picks who reads the articles (a comma list runs each in turn, so
`--reader candidates,articles,both` compares the paths). Run: `make bench` or
`python benchmarks/devset.py --answers rules`."""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import time
from pathlib import Path

from summarizer.evaluate import Ratio, score
from summarizer.inputs.ingest import load
from summarizer.llm.config import resolve
from summarizer.pipeline import run
from summarizer.stages.ground import check_json, count_evidence

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT.parent / "shared" / "eval" / "dev"
CROCUS = (ROOT / "examples" / "crocus", ROOT / "tests" / "data" / "crocus-city-hall.gold.json")


def clusters(dev: Path) -> list[tuple[str, Path, Path]]:
    out = [("crocus", *CROCUS)]
    for gold in sorted((dev / "gold").glob("*.gold.json")):
        name = gold.name.removesuffix(".gold.json")
        out.append((name, dev / "articles" / name, gold))
    return out


def pct(r: Ratio) -> str:
    return f"{r.n}/{r.of}" if r.of is not None else "-"


async def table(args, config, reader: str) -> list[str]:
    """One reader's rows: each cluster, then the dev-set total."""
    rows, totals = [], [0] * 13
    for name, folder, gold_path in clusters(args.dev):
        if args.only and args.only not in name:
            continue
        t0 = time.monotonic()
        brief = await run(load([folder]), config)
        seconds = time.monotonic() - t0
        data = json.loads(brief.model_dump_json())
        (args.out / f"{name}.{reader}.json").write_text(json.dumps(data, indent=1, ensure_ascii=False))
        s = score(data, json.loads(gold_path.read_text()))
        ev = count_evidence(data)
        bad = len(check_json(data))
        r = brief.run
        tokens = r.prompt_tokens + r.completion_tokens
        vals = [
            s.passed,
            s.total,
            s.headline.n,
            s.headline.of or 0,
            s.spurious.n,
            s.spurious.of or 0,
            s.misattributed.n,
            s.misattributed.of or 0,
            ev - bad,
            ev,
            r.llm_calls,
            tokens,
            round(seconds),
        ]
        if name != "crocus":
            totals = [a + b for a, b in zip(totals, vals)]
        rows.append(
            f"| {name} | {reader} | {s.passed}/{s.total} | {pct(s.headline)} | {pct(s.spurious)} | "
            f"{pct(s.misattributed)} | {ev - bad}/{ev} | {r.llm_calls} ({r.cached_answers}) | {tokens:,} "
            f"| {seconds:.0f} |"
        )
        print(
            f"{name} {reader}: {s.line((ev - bad, ev))}, {r.llm_calls} calls, {seconds:.0f} s",
            file=sys.stderr,
        )
        if args.verbose:
            print(f"  failing: {', '.join(s.failed)}", file=sys.stderr)
            for label, ratio in (("spurious", s.spurious), ("misattributed", s.misattributed)):
                for item in ratio.items:
                    print(f"  {label}: {item}", file=sys.stderr)
    t = totals
    if t[1]:
        rows.append(
            f"| **dev set (7)** | {reader} | **{t[0]}/{t[1]} ({100 * t[0] / t[1]:.0f}%)** "
            f"| {t[2]}/{t[3]} | {t[4]}/{t[5]} | {t[6]}/{t[7]} | {t[8]}/{t[9]} | {t[10]} | {t[11]:,} | {t[12]} |"
        )
    return rows


async def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--answers", choices=("model", "rules", "constant"), default="model")
    ap.add_argument("--ask", help="the question kinds the model answers (comma list; default: the backend's)")
    ap.add_argument(
        "--reader",
        default="candidates",
        help="candidates, articles or both; a comma list compares them (default: candidates)",
    )
    ap.add_argument("--cache", action="store_true", help="reuse cached answers (the default cache folder)")
    ap.add_argument("--dev", type=Path, default=DEV)
    ap.add_argument("--only", help="run the clusters whose name contains this")
    ap.add_argument("--out", type=Path, default=ROOT / "build" / "devset")
    ap.add_argument("-v", "--verbose", action="store_true", help="list failing facts and wrong items")
    args = ap.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    readers = args.reader.split(",")
    rows = []
    for reader in readers:
        config = resolve(answers=args.answers, cache=args.cache, ask=args.ask, reader=reader)
        rows += await table(args, config, reader)
    asked = ", ".join(sorted(config.ask)) or "none"
    print(
        f"answers: {args.answers} ({config.model + ', asked: ' + asked if args.answers == 'model' else 'no model'})\n"
    )
    print(
        "| cluster | reader | facts | headline | spurious | misattributed | verified evidence "
        "| LLM calls (cached) | tokens | seconds |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|")
    print("\n".join(rows))
    return 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
