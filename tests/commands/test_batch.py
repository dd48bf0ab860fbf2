"""Batch: a JSONL feed of incidents; one brief or error record per incident, in input order, resumable.
The model servers here are the hand-made fake (tests/fakeserver.py), named as such."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import sys
import time

import pytest

from summarizer.commands.cli import main
from summarizer.core.article import Article
from tests.helpers import CLUSTERS, ROOT

KINDS = ["crush", "earthquake", "train"]


def feed(path, kinds=KINDS, copies: int = 1, extra: list[str] = ()) -> list[str]:
    keys = []
    with path.open("w", encoding="utf-8") as f:
        for n in range(copies):
            for kind in kinds:
                key = kind if copies == 1 else f"{kind}-{n}"
                keys.append(key)
                for p in sorted((CLUSTERS / kind).glob("*.txt")):
                    f.write(
                        json.dumps({"incident": key, "id": p.stem, "text": p.read_text(encoding="utf-8")})
                        + "\n"
                    )
        for line in extra:
            f.write(line + "\n")
    return keys


def records(path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_one_record_per_incident_and_a_rerun_resumes(tmp_path, capsys):
    src, out = tmp_path / "feed.jsonl", tmp_path / "briefs.jsonl"
    keys = feed(
        src,
        extra=[
            "{not json",
            json.dumps({"id": "x", "text": "no incident key"}),
            json.dumps({"incident": "empty", "id": "e", "text": ""}),
        ],
    )
    assert main(["batch", str(src), "-o", str(out), "--answers", "rules", "--jobs", "3"]) == 0
    recs = records(out)
    assert sorted(r["incident"] for r in recs) == sorted(keys + ["line 16", "line 17", "empty"])
    briefs = {r["incident"]: r["brief"] for r in recs if "brief" in r}
    assert set(briefs) == set(keys) and briefs["train"]["casualties"]["killed"]["best"]["value"] == 10
    errors = {r["incident"]: r for r in recs if "error" in r}
    assert "not valid JSON" in errors["line 16"]["error"] and errors["line 16"]["exit_code"] == 65
    assert "no 'incident' key" in errors["line 17"]["error"] and "has no 'text'" in errors["empty"]["error"]
    capsys.readouterr()
    assert main(["batch", str(src), "-o", str(out), "--answers", "rules"]) == 0  # resumes
    assert "3 incidents already written" in capsys.readouterr().err
    assert sorted(r["incident"] for r in records(out)[len(recs) :]) == [
        "empty",
        "line 16",
        "line 17",
    ]  # only errors retried


def test_many_incidents_against_a_model_server_with_high_jobs(fake, tmp_path):
    """Scale-out: the work is model calls, so --jobs is how many go to the (here fake) server at once."""
    src, out = tmp_path / "feed.jsonl", tmp_path / "briefs.jsonl"
    keys = feed(src, copies=4)
    fake.delay = 0.05
    assert (
        main(
            [
                "batch",
                str(src),
                "-o",
                str(out),
                "--base-url",
                fake.url,
                "--model",
                "fake",
                "--jobs",
                "8",
                "--no-cache",
                "--reader",
                "candidates",
                "-q",
            ]
        )
        == 0
    )
    recs = records(out)
    assert sorted(r["incident"] for r in recs) == sorted(keys) and all("brief" in r for r in recs)
    assert 1 < fake.max_inflight <= 8 and fake.chat_calls() >= len(keys)
    assert {r["brief"]["headline"] for r in recs} == {
        "Fake headline"
    }  # the (fake) model's summaries were used


def test_a_failing_backend_fails_each_incident_not_the_batch(fake, tmp_path):
    from tests.helpers.fakeserver import Fault

    src, out = tmp_path / "feed.jsonl", tmp_path / "briefs.jsonl"
    keys = feed(src)
    fake.when["Lumen Festival"] = Fault(status=401, body={"error": {"code": "invalid_api_key"}})
    assert (
        main(
            [
                "batch",
                str(src),
                "-o",
                str(out),
                "--base-url",
                fake.url,
                "--model",
                "fake",
                "--no-cache",
                "--reader",
                "candidates",
                "--retries",
                "0",
                "-q",
            ]
        )
        == 0
    )
    recs = {r["incident"]: r for r in records(out)}
    assert set(recs) == set(keys)
    assert "brief" in recs["train"] and "brief" in recs["earthquake"]
    assert recs["crush"]["error"] == "every article failed: HTTP 401 from the model backend (invalid_api_key)"
    assert recs["crush"]["exit_code"] == 75


def test_openai_batch_api_rounds_against_a_fake_of_its_endpoints(fake, tmp_path, capsys):
    src, out = tmp_path / "feed.jsonl", tmp_path / "briefs.jsonl"
    keys = feed(src)
    fake.polls_before_done = 2
    assert (
        main(
            [
                "batch",
                str(src),
                "-o",
                str(out),
                "--base-url",
                fake.url,
                "--model",
                "fake",
                "--cache",
                str(tmp_path / "cache"),
                "--openai-batch",
                "--poll",
                "0.01",
            ]
        )
        == 0
    )
    recs = records(out)
    assert sorted(r["incident"] for r in recs) == sorted(keys) and all("brief" in r for r in recs)
    assert {r["brief"]["headline"] for r in recs} == {"Fake headline"}  # answered through the batch jobs
    assert len(fake.batches) >= 2  # the summary waits for the facts: a second round
    assert fake.chat_calls() == 0  # no question went to the model outside a batch job
    assert all(r["brief"]["run"]["llm_calls"] == 0 for r in recs)
    requests = list((tmp_path / "cache" / "batches").glob("requests-*.jsonl"))
    assert requests and all(
        json.loads(line)["url"] == "/v1/chat/completions"
        for p in requests
        for line in p.read_text().splitlines()
    )
    err = capsys.readouterr().err
    assert "questions for the batch API" in err and "Traceback" not in err


def test_openai_batch_needs_a_remote_backend(tmp_path, capsys):
    src = tmp_path / "feed.jsonl"
    feed(src)
    assert main(["batch", str(src), "--openai-batch"]) == 2
    assert "needs a remote backend" in capsys.readouterr().err


@pytest.mark.parametrize("fmt", ["markdown", "html"])
def test_batch_writes_jsonl_only(fmt, tmp_path):
    src = tmp_path / "feed.jsonl"
    feed(src)
    assert main(["batch", str(src), "--format", fmt, "--answers", "rules"]) == 2


# --- hostile feeds: each fails only what is broken (issue 20) ------------------------------------------


def batch_process(*args: str, cwd=None) -> subprocess.CompletedProcess:
    """`summarizer batch` as its own process, as a newsroom's cron job runs it."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "SUMMARIZER_"))}
    return subprocess.run(
        [sys.executable, "-m", "summarizer", "batch", *args, "--answers", "rules"],
        env={**env, "SUMMARIZER_CACHE": "off", "PYTHONPATH": str(ROOT)},
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_one_invalid_utf8_byte_fails_only_its_line(tmp_path):
    src, out = tmp_path / "feed.jsonl", tmp_path / "briefs.jsonl"
    keys = feed(src)
    # The café's é as one Latin-1 byte in an otherwise UTF-8 feed: one bad byte in one line.
    broken = b'{"incident": "train", "id": "latin", "text": "Caf\xe9 owner says the line was closed."}'
    with src.open("ab") as f:
        f.write(broken + b"\n")
    n = len(src.read_bytes().splitlines())
    done = batch_process(str(src), "-o", str(out), "-q")
    assert done.returncode == 0, done.stderr
    recs = {r["incident"]: r for r in records(out)}
    assert all("brief" in recs[k] for k in keys)
    assert recs[f"line {n}"]["exit_code"] == 65
    where = broken.index(b"\xe9") + 1
    assert (
        recs[f"line {n}"]["error"]
        == f"feed.jsonl:{n}: not valid UTF-8 (byte {where} of the line); re-save the feed as UTF-8"
    )


def test_a_record_over_the_article_limit_fails_only_that_source(tmp_path):
    from summarizer.inputs.ingest import MAX_BYTES

    src, out = tmp_path / "feed.jsonl", tmp_path / "briefs.jsonl"
    keys = feed(src)
    flood = "The crowd pushed forward again. " * (MAX_BYTES // 32 + 10)  # just over one article's limit
    with src.open("a", encoding="utf-8") as f:
        f.write(json.dumps({"incident": "crush", "id": "flood", "text": flood}) + "\n")
        f.write(json.dumps({"incident": "earthquake", "id": "blob", "text": "x" * 5_200_000}) + "\n")
    done = batch_process(str(src), "-o", str(out), "-q")
    assert done.returncode == 0, done.stderr
    recs = {r["incident"]: r for r in records(out)}
    assert all("brief" in recs[k] for k in keys)  # both incidents briefed from their other articles
    crush = {s["id"]: s for s in recs["crush"]["brief"]["sources"]}
    assert crush["flood"]["status"] == "failed" and "over the 5,000,000-byte limit" in crush["flood"]["error"]
    assert crush["flood"]["text"] == ""  # the flood is not carried into the brief either
    line = next(k for k in recs if k.startswith("line "))  # too long to read: its incident cannot be known
    assert "over the 5,100,000-byte limit for one record; not read" in recs[line]["error"]


def test_a_slow_incident_never_holds_back_finished_ones(tmp_path):
    """Records are appended as incidents finish: the promise is completion order, not feed order."""
    from summarizer.commands.batch import Incident, run_batch
    from summarizer.llm.config import Config

    lines: list[str] = []

    async def brief(articles, _config):
        if articles[0].id == "slow":
            await asyncio.sleep(0.5)  # e.g. a long article, or a slow model
            assert len(lines) == 2, "the finished incidents should be out already"
        from summarizer.core.brief import IncidentBrief, Run

        return IncidentBrief(
            headline=articles[0].id,
            summary="",
            sources=[],
            run=Run(backend="embedded", model="m", prompt_hash="x"),
        )

    incidents = [Incident(key, [Article(text="t", id=key)]) for key in ("slow", "quick", "quicker")]
    tally = asyncio.run(run_batch(incidents, Config(), lines.append, jobs=3, brief=brief))
    assert tally.failed == 0
    assert [json.loads(line)["incident"] for line in lines] == ["quick", "quicker", "slow"]


def test_resume_after_a_crash_mid_write_starts_a_fresh_line(tmp_path):
    src, out = tmp_path / "feed.jsonl", tmp_path / "briefs.jsonl"
    keys = feed(src)
    assert batch_process(str(src), "-o", str(out), "--jobs", "1", "-q").returncode == 0
    whole = out.read_bytes()
    first, second = whole.split(b"\n")[:2]
    out.write_bytes(first + b"\n" + second[:777])  # the run died while writing its second record
    cut = json.loads(second)["incident"]
    done = batch_process(str(src), "-o", str(out), "--jobs", "1")
    assert done.returncode == 0, done.stderr
    assert (
        f"summarizer: warning: briefs.jsonl: dropped its last line, cut off by an interrupted run "
        f"(incident '{cut}', 777 bytes); that incident is briefed again"
    ) in done.stderr
    recs = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]  # every line parses
    assert sorted(r["incident"] for r in recs if "brief" in r) == sorted(keys)  # none lost
    assert "2 incidents briefed" not in done.stderr and "1 incidents already written" in done.stderr


def test_a_whole_last_line_without_its_newline_is_kept(tmp_path):
    from summarizer.commands.batch import already_written, mend

    out = tmp_path / "briefs.jsonl"
    out.write_text('{"incident": "a", "brief": {}}\n{"incident": "b", "brief": {}}', encoding="utf-8")
    assert mend(out) is None
    assert out.read_text(encoding="utf-8").endswith('"brief": {}}\n') and already_written(out) == {"a", "b"}


def test_sigterm_stops_a_batch_with_one_line_and_exit_143(tmp_path):
    src, out = tmp_path / "feed.jsonl", tmp_path / "briefs.jsonl"
    feed(src, copies=40)  # 120 incidents: minutes of work
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "SUMMARIZER_"))}
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "summarizer",
            "batch",
            str(src),
            "-o",
            str(out),
            "--answers",
            "rules",
            "--jobs",
            "4",
            "-q",
        ],
        env={**env, "SUMMARIZER_CACHE": "off", "PYTHONPATH": str(ROOT)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and (not out.exists() or out.read_bytes().count(b"\n") < 3):
        time.sleep(0.1)  # well inside the work: incidents done, others half-read
    proc.send_signal(signal.SIGTERM)
    stdout, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 143
    assert stderr == "summarizer: terminated\n" and stdout == ""


def test_a_record_without_text_fails_only_that_source(tmp_path):
    src, out = tmp_path / "feed.jsonl", tmp_path / "briefs.jsonl"
    keys = feed(
        src,
        extra=[
            json.dumps({"incident": "crush", "id": "headline-only", "title": "Crush at the gate"}),
            json.dumps({"incident": "train", "id": "half", "text": "A\ud800B"}),
        ],
    )
    done = batch_process(str(src), "-o", str(out), "-q")
    assert done.returncode == 0, done.stderr
    recs = {r["incident"]: r for r in records(out)}
    assert set(recs) == set(keys) and all("brief" in r for r in recs.values())
    crush = {s["id"]: s for s in recs["crush"]["brief"]["sources"]}
    assert crush["headline-only"]["status"] == "failed" and "has no 'text'" in crush["headline-only"]["error"]
    assert sum(s["status"] == "used" for s in crush.values()) == len(crush) - 1  # the others are all used
    assert any("headline-only: failed" in w for w in recs["crush"]["brief"]["run"]["warnings"])
    train = {
        s["id"]: s for s in recs["train"]["brief"]["sources"]
    }  # half a surrogate pair is not text either
    assert train["half"]["status"] == "failed" and "not valid Unicode" in train["half"]["error"]
