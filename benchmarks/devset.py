"""Dev set: the pipeline on every cluster of ../shared/eval/dev (and examples/crocus), scored; prints a table.

Each cluster's brief is written to build/devset/<cluster>.json. `--answers` picks who answers the
pipeline's questions: the model (default; the embedded one unless OPENAI_* is set), the rules, or
one constant answer. Run: `make devset` or `python benchmarks/devset.py --answers rules`."""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import time
from pathlib import Path

from summarizer.config import resolve
from summarizer.evaluate import Ratio, score
from summarizer.ground import check_json, count_evidence
from summarizer.ingest import load
from summarizer.pipeline import run

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


async def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--answers", choices=("model", "rules", "constant"), default="model")
    ap.add_argument("--ask", help="the question kinds the model answers (comma list; default: the backend's)")
    ap.add_argument("--cache", action="store_true", help="reuse cached answers (the default cache folder)")
    ap.add_argument("--dev", type=Path, default=DEV)
    ap.add_argument("--only", help="run the clusters whose name contains this")
    ap.add_argument("--out", type=Path, default=ROOT / "build" / "devset")
    ap.add_argument("-v", "--verbose", action="store_true", help="list failing facts and wrong items")
    args = ap.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    config = resolve(answers=args.answers, cache=args.cache, ask=args.ask)
    rows, totals = [], [0] * 10
    for name, folder, gold_path in clusters(args.dev):
        if args.only and args.only not in name:
            continue
        t0 = time.monotonic()
        brief = await run(load([folder]), config)
        data = json.loads(brief.model_dump_json())
        (args.out / f"{name}.json").write_text(json.dumps(data, indent=1, ensure_ascii=False))
        s = score(data, json.loads(gold_path.read_text()))
        ev = count_evidence(data)
        bad = len(check_json(data))
        dev = name != "crocus"
        vals = [s.passed, s.total, s.headline.n, s.headline.of or 0, s.spurious.n, s.spurious.of or 0,
                s.misattributed.n, s.misattributed.of or 0, ev - bad, ev]
        if dev:
            totals = [a + b for a, b in zip(totals, vals)]
        rows.append(f"| {name} | {s.passed}/{s.total} | {pct(s.headline)} | {pct(s.spurious)} | "
                    f"{pct(s.misattributed)} | {ev - bad}/{ev} | {brief.run.llm_calls} | {time.monotonic() - t0:.1f} |")
        if args.verbose:
            print(f"## {name}: {s.line((ev - bad, ev))}", file=sys.stderr)
            print(f"  failing: {', '.join(s.failed)}", file=sys.stderr)
            for label, r in (("spurious", s.spurious), ("misattributed", s.misattributed)):
                for item in r.items:
                    print(f"  {label}: {item}", file=sys.stderr)
    t = totals
    asked = ", ".join(sorted(config.ask)) or "none"
    print(f"answers: {args.answers} ({config.model + ', asked: ' + asked if args.answers == 'model' else 'no model'})\n")
    print("| cluster | facts | headline | spurious | misattributed | verified evidence | LLM calls | seconds |")
    print("|---|---|---|---|---|---|---|---|")
    print("\n".join(rows))
    if t[1]:
        print(f"| **dev set (7)** | **{t[0]}/{t[1]} ({100 * t[0] / t[1]:.0f}%)** | {t[2]}/{t[3]} ({100 * t[2] / max(t[3], 1):.0f}%) "
              f"| {t[4]}/{t[5]} ({100 * t[4] / max(t[5], 1):.0f}%) | {t[6]}/{t[7]} ({100 * t[6] / max(t[7], 1):.0f}%) "
              f"| {t[8]}/{t[9]} | | |")
    return 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
