"""Benchmark: time against an article's length, to 1 MB (issue 20: it grew with the square of it).

Builds one article from the crocus articles' paragraphs, repeated until it is 25,000 to 1,000,000
characters long, and briefs it alone with the rules (`answers="rules"`: no model, so the seconds are the
reading's own: spaCy's parse, then every reader). Prints characters, seconds and seconds per 100,000
characters, which stays about the same when time is linear. Run: `make bench` or
`python benchmarks/linear.py [SIZES...]`."""

from __future__ import annotations

import sys
import time
from pathlib import Path

from summarizer import summarize
from summarizer.core.article import Article
from summarizer.readers import language

ROOT = Path(__file__).resolve().parent.parent
SIZES = (25_000, 50_000, 100_000, 200_000, 500_000, 1_000_000)


def article(chars: int) -> str:
    """The first crocus article whole, then paragraphs of all five in turn until `chars` long."""
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "examples" / "crocus").glob("*.txt"))]
    paragraphs = [p for t in texts for p in t.split("\n\n")[1:] if len(p) > 80]
    out, size, i = [texts[0]], len(texts[0]), 0
    while size < chars:
        out.append(paragraphs[i % len(paragraphs)])
        size, i = size + len(out[-1]) + 2, i + 1
    return "\n\n".join(out)[:chars]


def main(argv: list[str]) -> int:
    sizes = [int(a.replace("_", "")) for a in argv] or SIZES
    language.pipeline()  # loaded once, before the clock starts
    print("| characters | seconds | seconds per 100,000 characters |")
    print("|---|---|---|")
    for chars in sizes:
        text = article(chars)
        t0 = time.monotonic()
        summarize([Article(text=text, id="long")], answers="rules", cache=False)
        seconds = time.monotonic() - t0
        print(f"| {chars:,} | {seconds:.1f} | {seconds / chars * 100_000:.2f} |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
