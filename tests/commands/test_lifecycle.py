"""The embedded server's life: stopped after success, exception, SIGINT, SIGTERM and a killed parent;
a taken port; one server shared by 20 concurrent briefs. Real llama.cpp server, no network."""

from __future__ import annotations

import asyncio
import os
import re
import signal
import socket
import subprocess
import sys
import time

import pytest

from summarizer import asummarize
from summarizer.core.article import Article
from summarizer.llm.embedded import EmbeddedServer, stop_server
from tests.helpers import CRUSH, ROOT

pytestmark = pytest.mark.embedded
FAIL_AFTER_START = """
import sys, summarizer.pipeline as p
def boom(*a, **k): raise RuntimeError("a bug after the server started")
p.reconcile.figure = boom
from summarizer import summarize
summarize([sys.argv[1]], progress=lambda m: print(m, file=sys.stderr, flush=True), cache=False, ask="synopsis")
"""


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    with open(f"/proc/{pid}/stat") as f:  # a zombie is not alive
        return f.read().split(") ")[1][0] != "Z"


def gone(pid: int, within: float = 15.0) -> bool:
    deadline = time.monotonic() + within
    while alive(pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    return not alive(pid)


def start(cmd: list[str], tmp_path) -> tuple[subprocess.Popen, int]:
    """Start a run and read its stderr until the embedded server reports its pid."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "SUMMARIZER_CACHE": "off", "COLUMNS": "200"}
    proc = subprocess.Popen(
        cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, cwd=tmp_path
    )
    seen = ""
    for line in proc.stderr:
        seen += line
        if m := re.search(r"\(pid (\d+),", line):
            return proc, int(m.group(1))
    raise AssertionError(f"no server pid in: {seen[-500:]}")


CLI = [
    sys.executable,
    "-m",
    "summarizer",
    "brief",
    str(CRUSH),
    "--backend",
    "embedded",
    "--ask",
    "synopsis",
    "--no-cache",
    "-o",
    "brief.json",
]


@pytest.mark.parametrize(
    "how, code",
    [("success", 0), ("exception", 1), ("SIGINT", 130), ("SIGTERM", 143), ("SIGKILL of the parent", -9)],
)
def test_no_server_process_remains(how, code, tmp_path):
    cmd = [sys.executable, "-c", FAIL_AFTER_START, str(CRUSH)] if how == "exception" else CLI
    proc, pid = start(cmd, tmp_path)
    assert alive(pid)
    if how.startswith("SIG"):
        proc.send_signal(getattr(signal, how.split()[0]))
    rest = proc.stderr.read()
    assert proc.wait(timeout=120) == code, rest[-500:]
    assert gone(pid), f"server pid {pid} still running after {how}"
    if how == "success":
        assert (tmp_path / "brief.json").stat().st_size > 1000
    if how in ("SIGINT", "SIGTERM"):
        assert "Traceback" not in rest and not (tmp_path / "brief.json").exists()


def test_a_taken_port_is_skipped(monkeypatch):
    taken = socket.socket()
    taken.bind(("127.0.0.1", 0))
    taken.listen()
    ports = [taken.getsockname()[1]]
    real_free_port = __import__("summarizer.llm.embedded", fromlist=["free_port"]).free_port
    monkeypatch.setattr(
        "summarizer.llm.embedded.free_port", lambda: ports.pop(0) if ports else real_free_port()
    )
    server = EmbeddedServer()
    try:
        url = server.start()
        assert f":{taken.getsockname()[1]}/" not in url and server.proc.poll() is None
    finally:
        server.stop()
        taken.close()


def made_up_set(n: int) -> list[Article]:
    town = f"Town{n:02d}ville"
    return [
        Article(
            id=f"set{n:02d}-{k}",
            text=(
                f"Storm hits {town}\n\nA storm struck {town} on Monday, killing {n + k + 2} people, "
                f"officials in {town} said.\n\nMade up for tests; not a real event.\n"
            ),
        )
        for k in (0, 1)
    ]


def test_twenty_concurrent_briefs_share_one_server(monkeypatch, capsys):
    stop_server()
    starts = []
    real_start = EmbeddedServer.start
    monkeypatch.setattr(EmbeddedServer, "start", lambda self: starts.append(1) or real_start(self))

    async def all_of_them():
        return await asyncio.gather(
            *(asummarize(made_up_set(n), cache=False, ask="synopsis") for n in range(20))
        )

    t0 = time.monotonic()
    briefs = asyncio.run(all_of_them())
    seconds = time.monotonic() - t0
    assert len(starts) == 1
    for n, b in enumerate(briefs):
        assert {s.id for s in b.sources} == {f"set{n:02d}-0", f"set{n:02d}-1"}
        values = {r.value for r in (b.casualties.killed.reports if b.casualties.killed else [])}
        assert values <= {n + 2, n + 3}, (n, values)  # only its own figures
    calls = sum(b.run.llm_calls for b in briefs)
    found = sum(bool(b.casualties.killed and b.casualties.killed.reports) for b in briefs)
    with capsys.disabled():
        print(
            f"\n20 concurrent briefs: 1 server start, {calls} model calls, {seconds:.1f} s, "
            f"{found}/20 with a death toll"
        )
    stop_server()
