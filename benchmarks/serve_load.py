"""Serve under load: how long `/healthz` takes while the service works, measured on a real `summarizer serve`.

Two situations, each with `/healthz` asked every 0.1 s throughout:
  1. one maximum-size request: as many 200,000-character articles as fit in the 8 MB body limit;
  2. 200 ordinary requests (two to five articles each) sent 10 at a time.
Prints the health check's median, 95th percentile and worst time, and what the requests got.
Target (issue 20): `/healthz` at most 0.2 s in both. Run: python benchmarks/serve_load.py [--workers N]
"""

from __future__ import annotations

import argparse
import concurrent.futures
import itertools
import json
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from summarizer.commands.serve import MAX_BODY, MAX_CHARS  # noqa: E402

EXAMPLES = ROOT / "examples" / "crocus"
CLUSTERS = ROOT / "tests" / "data" / "clusters"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(port: int, workers: int | None, limit: float) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "SUMMARIZER_"))}
    args = ["--workers", str(workers)] if workers else []
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "summarizer",
            "serve",
            "--port",
            str(port),
            "--answers",
            "rules",
            "--request-timeout",
            str(limit),
            *args,
        ],
        env={**env, "SUMMARIZER_CACHE": "off", "PYTHONPATH": str(ROOT)},
        cwd=ROOT,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1).status_code == 200:
                return proc
        except httpx.HTTPError:
            time.sleep(0.2)
    proc.kill()
    raise SystemExit("the service did not start")


class HealthProbe:
    """Asks /healthz every 0.1 s in a thread of its own and keeps how long each answer took."""

    def __init__(self, url: str):
        self.url, self.times, self.stop = url + "/healthz", [], threading.Event()
        self.thread = threading.Thread(target=self.run, daemon=True)

    def run(self) -> None:
        with httpx.Client(timeout=60) as client:
            while not self.stop.is_set():
                t0 = time.perf_counter()
                client.get(self.url).raise_for_status()
                self.times.append(time.perf_counter() - t0)
                self.stop.wait(0.1)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.stop.set()
        self.thread.join()

    def line(self) -> str:
        t = sorted(self.times)
        p95 = t[min(len(t) - 1, int(len(t) * 0.95))]
        return (
            f"/healthz x{len(t)}: median {statistics.median(t):.3f} s, p95 {p95:.3f} s, worst {t[-1]:.3f} s"
        )


def maximum_body() -> bytes:
    """As many MAX_CHARS articles as the body limit takes (JSON escapes counted)."""
    text = " ".join(p.read_text(encoding="utf-8") for p in sorted(EXAMPLES.glob("*.txt")))
    text = (text * (MAX_CHARS // len(text) + 1))[:MAX_CHARS]
    articles: list[dict] = []
    while True:
        more = articles + [{"id": f"long-{len(articles)}", "text": text}]
        body = json.dumps({"articles": more}).encode()
        if len(body) > MAX_BODY:
            return json.dumps({"articles": articles}).encode()
        articles = more


def ordinary_bodies(n: int) -> list[bytes]:
    pools = [
        [{"id": p.stem, "text": p.read_text(encoding="utf-8")} for p in sorted(folder.glob("*.txt"))]
        for folder in [EXAMPLES] + sorted(d for d in CLUSTERS.iterdir() if d.is_dir())
    ]
    sets = [list(c) for pool in pools for k in (2, 3) for c in itertools.combinations(pool, k)]
    return [json.dumps({"articles": sets[i % len(sets)]}).encode() for i in range(n)]


def post(url: str, body: bytes, timeout: float) -> tuple[int, float]:
    t0 = time.perf_counter()
    try:
        r = httpx.post(
            url + "/v1/briefs", content=body, headers={"content-type": "application/json"}, timeout=timeout
        )
        return r.status_code, time.perf_counter() - t0
    except httpx.HTTPError as e:
        return type(e).__name__, time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--workers", type=int, help="the service's --workers (default: its own, one per core)")
    ap.add_argument("--limit", type=float, default=60, help="the service's --request-timeout (default 60)")
    ap.add_argument("--requests", type=int, default=200)
    ap.add_argument("--concurrency", type=int, default=10)
    args = ap.parse_args()
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    proc = start(port, args.workers, args.limit)
    try:
        for body in ordinary_bodies(4):  # the workers have loaded spaCy
            post(url, body, 120)
        big = maximum_body()
        n_big = len(json.loads(big)["articles"])
        with HealthProbe(url) as probe:
            status, took = post(url, big, args.limit + 30)
        print(
            f"1. maximum-size request ({len(big):,} bytes, {n_big} articles of {MAX_CHARS:,} characters): "
            f"{status} after {took:.1f} s (limit {args.limit:g} s)"
        )
        print(f"   {probe.line()}")
        bodies = ordinary_bodies(args.requests)
        t0 = time.perf_counter()
        with HealthProbe(url) as probe, concurrent.futures.ThreadPoolExecutor(args.concurrency) as pool:
            results = list(pool.map(lambda b: post(url, b, args.limit + 30), bodies))
        wall = time.perf_counter() - t0
        statuses = {s: sum(1 for r, _ in results if r == s) for s in {r for r, _ in results}}
        times = sorted(t for _, t in results)
        print(
            f"2. {args.requests} requests at concurrency {args.concurrency}: {statuses} in {wall:.1f} s "
            f"({args.requests / wall:.1f}/s); request median {statistics.median(times):.2f} s, "
            f"worst {times[-1]:.2f} s"
        )
        print(f"   {probe.line()}")
    finally:
        proc.terminate()
        proc.wait(30)


if __name__ == "__main__":
    main()
