"""Backend faults, hand-made by tests/fakeserver.py (not recorded): exact HTTP call counts for each.

Who retries what: openai's retries are off, tenacity retries transport faults, 429 and 5xx up to
`retries` (honouring Retry-After), instructor re-asks `reasks` times after an invalid answer only.
"""

from __future__ import annotations

import asyncio
import json

import pytest

from summarizer.commands.cli import main
from summarizer.core.errors import AnswerError, BackendError
from summarizer.llm.answers import FigureRoleAnswer
from summarizer.llm.client import Client
from summarizer.llm.config import resolve
from tests.helpers import CRUSH, LOOPBACK_FAKES
from tests.helpers.fakeserver import Fault

ERROR_500 = {"error": {"message": "internal error", "type": "server_error"}}
CONTEXT_400 = {
    "error": {
        "message": "This model's maximum context length is 8192 tokens",
        "type": "invalid_request_error",
        "code": "context_length_exceeded",
    }
}


@pytest.fixture
def waits(monkeypatch) -> list[float]:
    """The waits between retries, recorded instead of slept."""
    seen: list[float] = []

    async def pause(seconds: float) -> None:
        seen.append(seconds)

    monkeypatch.setattr("summarizer.llm.client.pause", pause)
    return seen


def ask(url: str, **options):
    config = resolve(base_url=url, model="fake", cache=False, **{"timeout": 2.0, **options})
    return asyncio.run(Client(config).ask(FigureRoleAnswer, "system", "user", max_tokens=10))


# (name, script, calls, outcome, waits): retries=3, reasks=1, backoff 1 s doubling.
CASES = [
    (
        "429 with Retry-After: 7",
        [Fault(429, {"error": {"message": "slow down"}}, {"retry-after": "7"})],
        2,
        "ok",
        [7.0],
    ),
    ("500 once", [Fault(500, ERROR_500)], 2, "ok", [1.0]),
    (
        "502 with an HTML body",
        [Fault(502, "<html>bad gateway</html>", {"content-type": "text/html"})],
        2,
        "ok",
        [1.0],
    ),
    ("503 twice", [Fault(503, ERROR_500)] * 2, 3, "ok", [1.0, 2.0]),
    (
        "500 every time",
        [Fault(500, ERROR_500)] * 9,
        4,
        "BackendError: HTTP 500 from the model backend",
        [1.0, 2.0, 4.0],
    ),
    ("connection dropped", [Fault(drop=True)], 2, "ok", [1.0]),
    ("timeout", [Fault(delay=1.0)], 2, "ok", [1.0]),
    ("a body that is not JSON", [Fault(200, "this is not json")], 2, "ok", []),
    ("arguments cut mid-JSON", [Fault(args='{"role": "tot')], 2, "ok", []),
    (
        "schema-invalid every time",
        [Fault(args={"role": "maybe"})] * 9,
        2,
        "AnswerError: the model's answer did not validate after 2 attempts",
        [],
    ),
    (
        "finish_reason=length",
        [Fault(args='{"role": "total"}', finish="length")] * 9,
        1,
        "AnswerError: the model's answer was cut off at max_tokens",
        [],
    ),
    (
        "400 context_length_exceeded",
        [Fault(400, CONTEXT_400)] * 9,
        1,
        "BackendError: HTTP 400 from the model backend (context_length_exceeded)",
        [],
    ),
    (
        "401 bad key",
        [
            Fault(
                401,
                {"error": {"message": "Incorrect API key provided: sk-abc...", "code": "invalid_api_key"}},
            )
        ],
        1,
        "BackendError: HTTP 401 from the model backend (invalid_api_key)",
        [],
    ),
]


@pytest.mark.parametrize("name, script, calls, outcome, expected_waits", CASES, ids=[c[0] for c in CASES])
def test_each_fault_costs_an_exact_number_of_calls(fake, waits, name, script, calls, outcome, expected_waits):
    fake.script = list(script)
    try:
        result = ask(fake.url, timeout=0.5 if name == "timeout" else 2.0)
        got = "ok" if result.role == "total" else repr(result)
    except (AnswerError, BackendError) as e:
        got = f"{type(e).__name__}: {e}"
    assert (fake.chat_calls(), got, waits) == (calls, outcome, expected_waits)


def test_stacked_retries_do_not_multiply(fake, waits):
    fake.script = [Fault(500, ERROR_500)] * 20
    with pytest.raises(BackendError):
        ask(fake.url, retries=2, reasks=3)
    assert fake.chat_calls() == 3  # 1 + 2 retries, not (1 + 2) x (1 + 3)
    fake.calls.clear()
    fake.script = [Fault(args={"role": "maybe"})] * 20
    with pytest.raises(AnswerError):
        ask(fake.url, retries=5, reasks=2)
    assert fake.chat_calls() == 3  # 1 + 2 re-asks; tenacity does not retry a validation failure


def test_retry_after_is_capped(fake, waits):
    fake.script = [Fault(429, {"error": {}}, {"retry-after": "3600"})]
    ask(fake.url)
    assert waits == [60.0]


def test_connection_refused_is_retried_then_one_clear_error(fake, waits):
    url, address = fake.url, fake.address
    fake.stop()  # nothing listens there now; the guard still lets the test try
    LOOPBACK_FAKES.add(address)
    with pytest.raises(BackendError, match="^cannot reach the model backend$"):
        ask(url)
    assert waits == [1.0, 2.0, 4.0]


def test_unreachable_backend_exits_75_with_one_line(fake, waits, capsys):
    url = fake.url
    fake.stop()
    LOOPBACK_FAKES.add(fake.address)
    code = main(["brief", str(CRUSH), "--base-url", url, "--model", "fake", "-q"])
    err = capsys.readouterr().err
    assert code == 75
    assert err.strip().splitlines() == ["summarizer: every article failed: cannot reach the model backend"]


def test_one_failing_article_leaves_a_brief_from_the_rest(fake, waits, capsys, tmp_path):
    fake.when["faced questions over crowd control"] = Fault(500, ERROR_500)  # c3's only figure sentence
    out = tmp_path / "brief.json"
    code = main(["brief", str(CRUSH), "--base-url", fake.url, "--model", "fake", "-q", "-o", str(out)])
    brief = json.loads(out.read_text())
    status = {s["id"]: (s["status"], s["error"]) for s in brief["sources"]}
    assert code == 0
    assert status["c3"] == ("failed", "HTTP 500 from the model backend")
    assert {k: v[0] for k, v in status.items() if k != "c3"} == dict.fromkeys(
        ["c1", "c2", "c4", "c5"], "used"
    )
    assert any(w.startswith("c3: failed (HTTP 500") for w in brief["run"]["warnings"])
    assert "c3: failed" in capsys.readouterr().err
    assert {r["source_id"] for r in brief["casualties"]["killed"]["reports"]} == {"c1", "c2", "c4", "c5"}
    c3_calls = [c for c in fake.calls if "crowd control" in json.dumps(c["body"]["messages"][-1])]
    assert len(c3_calls) == 4  # its one judge question: 1 call + 3 retries, then given up

    fake.calls.clear()
    code = main(
        ["brief", str(CRUSH), "--base-url", fake.url, "--model", "fake", "-q", "--strict", "-o", str(out)]
    )
    assert code == 75
    assert (
        fake.chat_calls() == 4
    )  # every other answer came from the cache; only c3's question was asked again
