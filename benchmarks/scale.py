"""Scale in article count: seconds for triage's duplicate check, up to 10,000 distinct short articles.

Columns: the duplicate check (summarizer/triage.py `first_twins`, a prefix-filter index over 5-word
shingles); the check as it was, comparing every pair (up to --pairs-up-to articles, it is quadratic); and
the whole triage (language, duplicates, off topic) up to --triage-up-to. The articles are made up: 77
words drawn from a 3,000-word vocabulary and 3 names from 500, no two alike. Run: python benchmarks/scale.py
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from summarizer.core.article import Article  # noqa: E402
from summarizer.stages import triage  # noqa: E402

VOCABULARY = [f"w{n}" for n in range(3_000)]
NAMES = [
    f"Nm{n:03d}" for n in range(500)
]  # capitalised words, distinct in the 6 letters the off-topic check compares


def distinct(n: int, seed: int = 7) -> list[Article]:
    rnd = random.Random(seed)
    return [
        Article(text=" ".join(rnd.choices(VOCABULARY, k=77) + rnd.choices(NAMES, k=3)) + ".", id=f"a{i}")
        for i in range(n)
    ]


def every_pair(articles: list[Article]) -> int:
    """The duplicate check before the index: each article against every kept one."""
    sh = {a.id: triage.shingles(a.text) for a in articles}
    kept: list[Article] = []
    for a in articles:
        if not any(triage.jaccard(sh[a.id], sh[k.id]) >= triage.NEAR_DUPLICATE for k in kept):
            kept.append(a)
    return len(kept)


def seconds(work, *args) -> float:
    t0 = time.perf_counter()
    work(*args)
    return time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="100,1000,2000,5000,10000")
    ap.add_argument("--pairs-up-to", type=int, default=2_000)
    ap.add_argument("--triage-up-to", type=int, default=10_000)
    args = ap.parse_args()
    print(
        f"{'articles':>8}  {'duplicates s':>12}  {'per 1,000':>9}  {'every pair s':>12}  {'whole triage s':>14}"
    )
    for n in (int(x) for x in args.sizes.split(",")):
        articles = distinct(n)
        index = seconds(triage.first_twins, articles)
        pairs = f"{seconds(every_pair, articles):12.2f}" if n <= args.pairs_up_to else f"{'-':>12}"
        whole = f"{seconds(triage.triage, articles):14.2f}" if n <= args.triage_up_to else f"{'-':>14}"
        print(f"{n:>8,}  {index:12.2f}  {index / n * 1000:9.3f}  {pairs}  {whole}", flush=True)


if __name__ == "__main__":
    main()
