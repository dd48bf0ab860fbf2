"""The HTTP service, tested with real requests against `summarizer serve` started as its own process.
Model backends here are the hand-made fake (tests/fakeserver.py) or none (`answers: rules`)."""

from __future__ import annotations

import concurrent.futures
import itertools
import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from summarizer import summarize
from summarizer.inputs.ingest import load
from tests.helpers import CLUSTERS, EXAMPLES, LOOPBACK_FAKES

pytest.importorskip("fastapi")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Service:
    def __init__(self, *args: str, env: dict | None = None):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        clean = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "SUMMARIZER_"))}
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "summarizer", "serve", "--port", str(self.port), *args],
            env={**clean, "SUMMARIZER_CACHE": "off", **(env or {})},
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        LOOPBACK_FAKES.add(("127.0.0.1", self.port))
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if httpx.get(self.url + "/healthz", timeout=1).status_code == 200:
                    return
            except httpx.HTTPError:
                time.sleep(0.2)
        raise RuntimeError(f"the service did not start: {self.stop()}")

    def post(self, path: str, body, **kw) -> httpx.Response:
        data = body if isinstance(body, (bytes, str)) else json.dumps(body)
        headers = {"content-type": "application/json", **kw.pop("headers", {})}
        return httpx.post(
            self.url + path, content=data, headers=headers, timeout=kw.pop("timeout", 120), **kw
        )

    def stop(self) -> str:
        self.proc.send_signal(signal.SIGTERM)
        try:
            _, err = self.proc.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            _, err = self.proc.communicate()
        LOOPBACK_FAKES.discard(("127.0.0.1", self.port))
        return err


@pytest.fixture
def service():
    started: list[Service] = []

    def start(*args, env=None) -> Service:
        started.append(Service(*args, env=env))
        return started[-1]

    yield start
    for s in started:
        if s.proc.poll() is None:
            s.stop()


def records(articles) -> list[dict]:
    return [{"id": a.id, "text": a.text, "title": a.title, "published_at": a.published_at} for a in articles]


RULES = {"answers": "rules"}


def test_twenty_concurrent_requests_get_their_own_briefs(service):
    s = service("--answers", "rules")
    pools = [load([CLUSTERS / kind]) for kind in ("crush", "earthquake", "train")] + [load([EXAMPLES])]
    sets = [list(c) for pool in pools for c in itertools.combinations(pool, len(pool) - 1)][:20]
    assert len(sets) == 20
    expected = [summarize(list(arts), answers="rules", cache=False) for arts in sets]
    with concurrent.futures.ThreadPoolExecutor(20) as pool:
        responses = list(
            pool.map(lambda arts: s.post("/v1/briefs", {"articles": records(arts), "options": RULES}), sets)
        )
    for arts, want, got in zip(sets, expected, responses):
        assert got.status_code == 200, got.text
        brief = got.json()
        assert [x["id"] for x in brief["sources"]] == [a.id for a in arts]  # no cross-talk
        assert brief["headline"] == want.headline
        assert (brief["casualties"]["killed"] or {}).get("best", {}).get("value") == (
            want.casualties.killed.best.value if want.casualties.killed else None
        )


def test_update_schema_health_and_docs(service):
    s = service("--answers", "rules")
    first, second = load([EXAMPLES])[3], load([EXAMPLES])[1]
    brief = s.post("/v1/briefs", {"articles": records([first]), "options": RULES}).json()
    nxt = s.post("/v1/briefs/update", {"brief": brief, "articles": records([second]), "options": RULES})
    assert nxt.status_code == 200 and any(c["topic"] == "sources" for c in nxt.json()["changes"])
    assert httpx.get(s.url + "/v1/schema").json()["title"] == "IncidentBrief"
    assert httpx.get(s.url + "/healthz").json()["status"] == "ok"
    assert (
        httpx.get(s.url + "/docs").status_code == 200
        and "/v1/briefs" in httpx.get(s.url + "/openapi.json").text
    )


GOOD = {"articles": [{"id": "a", "text": (CLUSTERS / "crush" / "c1.txt").read_text()}], "options": RULES}
BAD = [
    (b"", 422, "Field required"),
    (b"not json", 422, ""),
    (b"[]", 422, "valid dictionary"),
    (b'{"articles": []}', 422, "at least 1 item"),
    (b'{"articles": "text"}', 422, "articles"),
    (b'{"articles": [{}]}', 422, "articles.0.text"),
    (b'{"articles": [{"text": ""}]}', 422, "at least 1 character"),
    (b'{"articles": [{"text": 5}]}', 422, "articles.0.text"),
    (b'{"articles": [{"text": "x", "colour": "red"}]}', 422, "Extra inputs"),
    (json.dumps({**GOOD, "options": {"rule": "median"}}).encode(), 422, "options.rule"),
    (json.dumps({**GOOD, "options": {"reader": "eyes"}}).encode(), 422, "options.reader"),
    (json.dumps({**GOOD, "options": {"temperature": 2}}).encode(), 422, "Extra inputs"),
    (json.dumps({**GOOD, "extra": 1}).encode(), 422, "Extra inputs"),
    (json.dumps({"articles": [GOOD["articles"][0]] * 51}).encode(), 422, "at most 50"),
    (json.dumps({"articles": [{"text": "x" * 200_001}]}).encode(), 422, "at most 200000"),
    (b'{"articles": [{"text": "' + b"word " * 1_700_000 + b'"}]}', 413, "body over"),
    (
        json.dumps(
            {
                "articles": [{"text": "Lorem ipsum.", "id": "a"}, {"text": "Lorem ipsum.", "id": "b"}],
                "options": RULES,
            }
        ).encode(),
        200,
        "",
    ),  # readable, nothing found: a brief that says so
    (json.dumps({"brief": {"headline": 1}, **GOOD}).encode(), 422, "brief"),
]


def test_bad_bodies_get_one_line_json_errors(service):
    s = service("--answers", "rules")
    for body, status, words in BAD:
        path = "/v1/briefs/update" if b'"brief"' in body[:20] else "/v1/briefs"
        r = s.post(path, body)
        assert r.status_code == status, (body[:80], r.status_code, r.text[:200])
        if status != 200:
            message = r.json()["error"]
            assert words in message and "\n" not in message and "Traceback" not in message, message
    with socket.create_connection(("127.0.0.1", s.port)) as raw:  # a declared size is refused before reading
        raw.sendall(
            b"POST /v1/briefs HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            b"Content-Length: 99999999999\r\n\r\n{"
        )
        assert raw.recv(200).startswith(b"HTTP/1.1 413")
    assert httpx.get(s.url + "/v1/briefs").status_code == 405


def test_bearer_token_when_set(service):
    s = service("--answers", "rules", env={"SUMMARIZER_API_TOKEN": "s3cret-token"})
    assert s.post("/v1/briefs", GOOD).status_code == 401
    wrong = s.post("/v1/briefs", GOOD, headers={"authorization": "Bearer nope"})
    assert wrong.status_code == 401 and wrong.headers["www-authenticate"] == "Bearer"
    assert "s3cret" not in wrong.text
    assert s.post("/v1/briefs", GOOD, headers={"authorization": "Bearer s3cret-token"}).status_code == 200
    assert httpx.get(s.url + "/healthz").status_code == 200


def test_no_token_needed_when_unset(service):
    s = service("--answers", "rules")
    assert s.post("/v1/briefs", GOOD).status_code == 200


def test_backend_down_is_503_with_retry_after(service):
    dead = f"http://127.0.0.1:{free_port()}/v1"  # nothing listens there
    s = service("--base-url", dead, "--model", "fake", "--retries", "0", "--reader", "candidates")
    r = s.post("/v1/briefs", {"articles": GOOD["articles"]})
    assert r.status_code == 503 and r.headers["retry-after"] == "30"
    assert r.json()["error"].startswith("model backend unavailable")


def test_a_client_that_disconnects_cancels_its_work(service, fake):
    fake.delay = 1.0
    s = service("--base-url", fake.url, "--model", "fake", "--jobs", "1", "--reader", "articles")
    articles = records(load([EXAMPLES]))
    with pytest.raises(httpx.ReadTimeout):
        s.post("/v1/briefs", {"articles": articles}, timeout=2.5)
    time.sleep(3)
    after_cancel = fake.chat_calls()
    time.sleep(3)
    assert fake.chat_calls() == after_cancel  # nothing more was asked once the client had gone
    assert after_cancel < 10  # reading five articles takes many more calls


@pytest.mark.embedded
def test_shutdown_leaves_no_child_process(service):
    s = service("--answers", "model", "--ask", "synopsis")  # the embedded model, asked: a child process
    r = s.post("/v1/briefs", {"articles": GOOD["articles"]}, timeout=300)
    assert r.status_code == 200
    children = [
        int(p)
        for task in Path(f"/proc/{s.proc.pid}/task").iterdir()  # any thread may have started it
        for p in (task / "children").read_text().split()
    ]
    assert children, "the embedded model server should be running"
    s.stop()
    time.sleep(1)
    assert s.proc.returncode is not None
    assert not [
        pid
        for pid in children
        if Path(f"/proc/{pid}").exists() and "zombie" not in Path(f"/proc/{pid}/status").read_text()
    ]


def test_a_chunked_body_over_the_limit_is_413(service):
    """No Content-Length to refuse it by: counted as it arrives, and refused as too large, not as unparseable."""
    s = service("--answers", "rules")

    def chunks():
        yield b'{"articles": [{"text": "'
        for _ in range(9):
            yield b"word " * 200_000  # 1 MB a chunk, 9 MB in all
        yield b'"}]}'

    r = httpx.post(
        s.url + "/v1/briefs", content=chunks(), headers={"content-type": "application/json"}, timeout=60
    )
    assert r.status_code == 413 and r.json() == {"error": "body over 8,000,000 bytes"}, r.text[:200]


# --- the operator decides; the service never stalls (issue 20) -----------------------------------------


def test_client_options_never_override_the_operator(service, fake):
    s = service("--base-url", fake.url, "--model", "fake", "--answers", "rules", "--reader", "candidates")
    for options, name in [
        ({"answers": "model"}, "answers"),
        ({"model": "gpt-4o"}, "model"),
        ({"reader": "articles"}, "reader"),
        ({"answers": "model", "model": "gpt-4o"}, "answers"),
    ]:
        r = s.post("/v1/briefs", {"articles": GOOD["articles"], "options": options})
        assert r.status_code == 422, (options, r.text[:200])
        assert r.json() == {
            "error": f"options.{name}: this server does not let clients choose it (allowed: rule)"
        }
    assert fake.chat_calls() == 0  # no model was asked
    ok = s.post("/v1/briefs", {"articles": GOOD["articles"], "options": {"rule": "max", "answers": "rules"}})
    assert (
        ok.status_code == 200
    )  # the rule is the client's to choose; restating the operator's answers is no change
    run = ok.json()["run"]
    assert (run["backend"], run["model"], run["answers"], run["llm_calls"]) == ("remote", "fake", "rules", 0)


def test_the_operator_can_let_clients_choose_more(service, fake):
    s = service(
        "--base-url",
        fake.url,
        "--model",
        "fake",
        "--answers",
        "rules",
        "--reader",
        "candidates",
        "--client-options",
        "rule,answers",
    )
    ok = s.post("/v1/briefs", {"articles": GOOD["articles"], "options": {"answers": "model"}})
    assert ok.status_code == 200 and ok.json()["run"]["answers"] == "model" and fake.chat_calls() > 0
    refused = s.post("/v1/briefs", {"articles": GOOD["articles"], "options": {"model": "gpt-4o"}})
    assert refused.json() == {
        "error": "options.model: this server does not let clients choose it (allowed: answers, rule)"
    }
    assert main_exit(["serve", "--client-options", "rule,temperature"]) == 2


def test_run_records_the_embedded_model_that_answers(service):
    from summarizer.llm.embedded import MODEL_ALIAS

    s = service("--answers", "rules", "--model", "gpt-4o")  # a name the embedded server does not have
    run = s.post("/v1/briefs", GOOD).json()["run"]
    assert (run["backend"], run["model"], run["answers"]) == ("embedded", MODEL_ALIAS, "rules")
    from summarizer.commands.serve import Options, Refused, chosen
    from summarizer.llm.config import resolve

    with pytest.raises(
        Refused, match=f"options.model: this server's embedded backend has one model, {MODEL_ALIAS}"
    ):
        chosen(
            resolve(backend="embedded", cache=False), Options(model="gpt-4o"), frozenset({"rule", "model"})
        )


def main_exit(argv: list[str]) -> int:
    from summarizer.commands.cli import main

    return main(argv)


# Five articles of 190,000 characters: under every limit, and minutes of CPU-bound reading.
CROCUS = " ".join(p.read_text(encoding="utf-8") for p in sorted(EXAMPLES.glob("*.txt")))
BIG = {
    "articles": [{"id": f"long-{n}", "text": (CROCUS * 60)[n * 1000 : n * 1000 + 190_000]} for n in range(5)]
}


def children(pid: int) -> list[int]:
    return [
        int(c)
        for task in Path(f"/proc/{pid}/task").iterdir()
        for c in (task / "children").read_text().split()
    ]


def cpu_ticks(pid: int) -> int | None:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except FileNotFoundError:
        return None
    return int(fields[11]) + int(fields[12])  # utime + stime


def busy(s: Service) -> int | None:
    """How many workers are making briefs; None if the service does not say so within 1 s."""
    try:
        return httpx.get(s.url + "/healthz", timeout=1).json().get("busy")
    except httpx.TimeoutException:
        return None


def wait_for(check, seconds: float = 30) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.2)
    return False


def test_a_gone_client_stops_its_cpu_bound_brief(service):
    s = service("--answers", "rules")
    assert s.post("/v1/briefs", GOOD).status_code == 200  # the worker is warm
    before = children(s.proc.pid)
    with pytest.raises(httpx.ReadTimeout):
        s.post("/v1/briefs", BIG, timeout=2)  # the client gives up and hangs up
    assert wait_for(lambda: busy(s) == 0)  # the only worker is free again
    for pid in before:  # the worker that read the long articles was stopped or killed, not left reading
        first = cpu_ticks(pid)
        time.sleep(1)
        assert first is None or cpu_ticks(pid) in (None, first)
    assert s.post("/v1/briefs", GOOD).status_code == 200


def test_a_request_over_the_time_limit_gets_504_and_the_next_one_is_served(service):
    s = service("--answers", "rules", "--workers", "2", "--request-timeout", "3")
    r = s.post("/v1/briefs", BIG)
    assert r.status_code == 504
    assert r.json()["error"].startswith("the brief took longer than this server's limit of 3 s")
    assert wait_for(lambda: busy(s) == 0)  # its worker was stopped (killed: it was deep in CPU work)
    assert s.post("/v1/briefs", GOOD).status_code == 200  # by the other worker, while a new one starts


def test_sigterm_stops_serve_with_one_line_and_exit_143(service):
    s = service("--answers", "rules")
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        pending = pool.submit(s.post, "/v1/briefs", BIG)
        time.sleep(3)  # well inside the brief (minutes of reading)
        s.proc.send_signal(signal.SIGTERM)
        _, err = s.proc.communicate(timeout=30)  # without waiting for the long brief to finish
        assert s.proc.returncode == 143 and err == "summarizer: terminated\n"
        r = pending.result()
    assert r.status_code == 503 and r.json() == {"error": "the service is shutting down; try again"}
