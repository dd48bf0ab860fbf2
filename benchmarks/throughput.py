"""Throughput: words per second of `summarizer batch --answers rules --jobs 2` against spaCy's own
`nlp.pipe` over the same article texts in one process, measured in the same run (the machine's load
weighs on both alike).

The batch is every cluster of ../shared/eval (dev/ and real/) and examples/crocus, one incident each,
as one JSONL feed. The pipeline's figure is the whole command, cold: its start, the model loaded in each
worker, every brief written. spaCy's is `nlp.pipe` alone, the model already loaded. Each is timed
`--repeat` times (default 3); the medians are shown, and their ratio pipeline/spaCy.

    python benchmarks/throughput.py [--jobs 2] [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from summarizer.readers.language import pipeline  # noqa: E402

EVAL = ROOT.parent / "shared" / "eval"


def clusters() -> dict[str, Path]:
    """Incident name -> its folder of articles: examples/crocus, then the dev and real clusters."""
    found = {"crocus": ROOT / "examples" / "crocus"}
    for part in ("dev", "real"):
        for folder in sorted((EVAL / part / "articles").glob("*")):
            if folder.is_dir():
                found[f"{part}-{folder.name}"] = folder
    return found


def write_feed(path: Path) -> list[str]:
    """The batch's feed, one record per article file; the article texts, in feed order."""
    texts = []
    with path.open("w", encoding="utf-8") as feed:
        for incident, folder in clusters().items():
            for article in sorted(folder.glob("*.txt")):
                text = article.read_text(encoding="utf-8")
                texts.append(text)
                record = {"incident": incident, "id": article.stem, "text": text}
                feed.write(json.dumps(record, ensure_ascii=False) + "\n")
    return texts


def pipeline_seconds(feed: Path, out: Path, jobs: int, code: Path) -> float:
    """Seconds for the whole `summarizer batch` command of the checkout `code`, from a cold start."""
    out.unlink(missing_ok=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "SUMMARIZER_"))}
    env.update(SUMMARIZER_CACHE="off", PYTHONPATH=str(code))
    command = [sys.executable, "-m", "summarizer", "batch", str(feed), "-o", str(out)]
    started = time.perf_counter()
    subprocess.run([*command, "--answers", "rules", "--jobs", str(jobs), "-q"], env=env, cwd=code, check=True)
    seconds = time.perf_counter() - started
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    if not records or any("brief" not in record for record in records):
        raise SystemExit(f"the batch wrote an error record: {out}")
    return seconds


def spacy_seconds(texts: list[str]) -> float:
    """Seconds for spaCy's `nlp.pipe` over the texts in this one process (the model is loaded first)."""
    nlp = pipeline()
    started = time.perf_counter()
    for _doc in nlp.pipe(texts):
        pass
    return time.perf_counter() - started


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--jobs", type=int, default=2, help="the batch's --jobs (default 2)")
    ap.add_argument("--repeat", type=int, default=3, help="timings of each; the median is shown (default 3)")
    ap.add_argument(
        "--code", type=Path, default=ROOT, help="the checkout whose batch is timed (default: this one)"
    )
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        feed, out = Path(folder) / "feed.jsonl", Path(folder) / "briefs.jsonl"
        texts = write_feed(feed)
        words = sum(len(text.split()) for text in texts)
        pipeline()  # loaded before any timing
        ours, theirs = [], []
        for _ in range(args.repeat):  # alternated, so a burst of load elsewhere weighs on both
            ours.append(pipeline_seconds(feed, out, args.jobs, args.code.resolve()))
            theirs.append(spacy_seconds(texts))
    print(f"{args.code.resolve()}: {len(clusters())} incidents, {len(texts)} articles, {words:,} words")
    print(f"median of {args.repeat} runs each, alternated")
    print(f"{'':34}  {'seconds':>8}  {'words/s':>8}")
    ours_s, theirs_s = statistics.median(ours), statistics.median(theirs)
    print(f"{f'summarizer batch --jobs {args.jobs} (cold)':34}  {ours_s:8.2f}  {words / ours_s:8,.0f}")
    print(f"{'spaCy nlp.pipe, one process':34}  {theirs_s:8.2f}  {words / theirs_s:8,.0f}")
    print(f"pipeline/spaCy words/s: {theirs_s / ours_s:.2f}")


if __name__ == "__main__":
    main()
