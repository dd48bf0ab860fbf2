"""Benchmark: aligning a model's quotes to a long article with rapidfuzz (summarizer/align.py).

Builds a 20,000-word text from the crocus articles, takes 200 quotes from it, spoils half of them
(one letter changed, as a model paraphrasing would) and prints how long aligning all 200 takes and
how many came back exact, fuzzy or not at all. Run: `make bench` or `python benchmarks/alignment.py`."""

from __future__ import annotations

import random
import sys
import time
from collections import Counter
from pathlib import Path

from summarizer.stages.align import align

ROOT = Path(__file__).resolve().parent.parent
WORDS, QUOTES = 20_000, 200


def main() -> int:
    words = " ".join(
        p.read_text(encoding="utf-8") for p in sorted((ROOT / "examples" / "crocus").glob("*.txt"))
    ).split()
    text = " ".join(words[i % len(words)] for i in range(WORDS))
    rng = random.Random(7)
    quotes = []
    for i in range(QUOTES):
        start = rng.randrange(0, len(text) - 200)
        start = text.index(" ", start) + 1
        q = text[start : start + rng.randrange(40, 160)].rsplit(" ", 1)[0]
        if i % 2:  # spoil one letter
            j = rng.randrange(len(q))
            q = q[:j] + ("x" if q[j] != "x" else "y") + q[j + 1 :]
        quotes.append(q)
    t0 = time.monotonic()
    found = [align(q, text) for q in quotes]
    seconds = time.monotonic() - t0
    statuses = Counter(a.status if a else "unaligned" for a in found)
    print(
        f"alignment: {QUOTES} quotes in a {WORDS:,}-word text ({len(text):,} characters): {seconds:.2f} s; "
        + ", ".join(f"{k} {v}" for k, v in sorted(statuses.items()))
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
