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
import resource
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


def pipeline_seconds(feed: Path, out: Path, jobs: int, code: Path) -> tuple[float, float]:
    """Seconds for the whole `summarizer batch` command of the checkout `code`, from a cold start: on the
    clock, and of CPU in all its processes (the workers' included)."""
    out.unlink(missing_ok=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "SUMMARIZER_"))}
    env.update(SUMMARIZER_CACHE="off", PYTHONPATH=str(code))
    command = [sys.executable, "-m", "summarizer", "batch", str(feed), "-o", str(out)]
    cpu = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run([*command, "--answers", "rules", "--jobs", str(jobs), "-q"], env=env, cwd=code, check=True)
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu_seconds = after.ru_utime + after.ru_stime - cpu.ru_utime - cpu.ru_stime
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    if not records or any("brief" not in record for record in records):
        raise SystemExit(f"the batch wrote an error record: {out}")
    return seconds, cpu_seconds


def spacy_seconds(texts: list[str]) -> tuple[float, float]:
    """Seconds for spaCy's `nlp.pipe` over the texts in this one process (the model is loaded first), on
    the clock and of CPU."""
    nlp = pipeline()
    started, cpu = time.perf_counter(), time.process_time()
    for _doc in nlp.pipe(texts):
        pass
    return time.perf_counter() - started, time.process_time() - cpu


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
    print(f"median of {args.repeat} runs each, alternated; CPU: seconds of CPU, all processes")
    print(f"{'':34}  {'seconds':>8}  {'words/s':>8}  {'CPU s':>8}  {'words/CPU s':>11}")
    rows = {f"summarizer batch --jobs {args.jobs} (cold)": ours, "spaCy nlp.pipe, one process": theirs}
    medians = {}
    for name, timings in rows.items():
        wall, cpu = (statistics.median(column) for column in zip(*timings, strict=True))
        medians[name] = wall
        print(f"{name:34}  {wall:8.2f}  {words / wall:8,.0f}  {cpu:8.2f}  {words / cpu:11,.0f}")
    ours_s, theirs_s = medians.values()
    print(f"pipeline/spaCy words/s: {theirs_s / ours_s:.2f}")


if __name__ == "__main__":
    main()
