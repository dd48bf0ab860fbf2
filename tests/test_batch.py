"""Batch: a JSONL feed of incidents; one brief or error record per incident, in input order, resumable.
The model servers here are the hand-made fake (tests/fakeserver.py), named as such."""

from __future__ import annotations

import json

import pytest

from conftest import CLUSTERS
from summarizer.commands.cli import main

KINDS = ["crush", "earthquake", "train"]


def feed(path, kinds=KINDS, copies: int = 1, extra: list[str] = ()) -> list[str]:
    keys = []
    with path.open("w", encoding="utf-8") as f:
        for n in range(copies):
            for kind in kinds:
                key = kind if copies == 1 else f"{kind}-{n}"
                keys.append(key)
                for p in sorted((CLUSTERS / kind).glob("*.txt")):
                    f.write(json.dumps({"incident": key, "id": p.stem, "text": p.read_text(encoding="utf-8")}) + "\n")
        for line in extra:
            f.write(line + "\n")
    return keys


def records(path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_one_record_per_incident_in_input_order_and_a_rerun_resumes(tmp_path, capsys):
    src, out = tmp_path / "feed.jsonl", tmp_path / "briefs.jsonl"
    keys = feed(src, extra=["{not json", json.dumps({"id": "x", "text": "no incident key"}),
                            json.dumps({"incident": "empty", "id": "e", "text": ""})])
    assert main(["batch", str(src), "-o", str(out), "--answers", "rules", "--jobs", "3"]) == 0
    recs = records(out)
    assert [r["incident"] for r in recs] == keys + ["line 16", "line 17", "empty"]
    briefs = {r["incident"]: r["brief"] for r in recs if "brief" in r}
    assert set(briefs) == set(keys) and briefs["train"]["casualties"]["killed"]["best"]["value"] == 10
    errors = {r["incident"]: r for r in recs if "error" in r}
    assert "not valid JSON" in errors["line 16"]["error"] and errors["line 16"]["exit_code"] == 65
    assert "no 'incident' key" in errors["line 17"]["error"] and "has no 'text'" in errors["empty"]["error"]
    capsys.readouterr()
    assert main(["batch", str(src), "-o", str(out), "--answers", "rules"]) == 0  # resumes
    assert "3 incidents already written" in capsys.readouterr().err
    assert [r["incident"] for r in records(out)][len(recs):] == ["line 16", "line 17", "empty"]  # only errors retried


def test_many_incidents_against_a_model_server_with_high_jobs(fake, tmp_path):
    """Scale-out: the work is model calls, so --jobs is how many go to the (here fake) server at once."""
    src, out = tmp_path / "feed.jsonl", tmp_path / "briefs.jsonl"
    keys = feed(src, copies=4)
    fake.delay = 0.05
    assert main(["batch", str(src), "-o", str(out), "--base-url", fake.url, "--model", "fake", "--jobs", "8",
                 "--no-cache", "--reader", "candidates", "-q"]) == 0
    recs = records(out)
    assert [r["incident"] for r in recs] == keys and all("brief" in r for r in recs)
    assert 1 < fake.max_inflight <= 8 and fake.chat_calls() >= len(keys)
    assert {r["brief"]["headline"] for r in recs} == {"Fake headline"}  # the (fake) model's summaries were used


def test_a_failing_backend_fails_each_incident_not_the_batch(fake, tmp_path):
    from fakeserver import Fault

    src, out = tmp_path / "feed.jsonl", tmp_path / "briefs.jsonl"
    keys = feed(src)
    fake.when["Lumen Festival"] = Fault(status=401, body={"error": {"code": "invalid_api_key"}})
    assert main(["batch", str(src), "-o", str(out), "--base-url", fake.url, "--model", "fake", "--no-cache",
                 "--reader", "candidates", "--retries", "0", "-q"]) == 0
    recs = {r["incident"]: r for r in records(out)}
    assert set(recs) == set(keys)
    assert "brief" in recs["train"] and "brief" in recs["earthquake"]
    assert recs["crush"]["error"] == "every article failed: HTTP 401 from the model backend (invalid_api_key)"
    assert recs["crush"]["exit_code"] == 75


def test_openai_batch_api_rounds_against_a_fake_of_its_endpoints(fake, tmp_path, capsys):
    src, out = tmp_path / "feed.jsonl", tmp_path / "briefs.jsonl"
    keys = feed(src)
    fake.polls_before_done = 2
    assert main(["batch", str(src), "-o", str(out), "--base-url", fake.url, "--model", "fake",
                 "--cache", str(tmp_path / "cache"), "--openai-batch", "--poll", "0.01"]) == 0
    recs = records(out)
    assert [r["incident"] for r in recs] == keys and all("brief" in r for r in recs)
    assert {r["brief"]["headline"] for r in recs} == {"Fake headline"}  # answered through the batch jobs
    assert len(fake.batches) >= 2  # the summary waits for the facts: a second round
    assert fake.chat_calls() == 0  # no question went to the model outside a batch job
    assert all(r["brief"]["run"]["llm_calls"] == 0 for r in recs)
    requests = list((tmp_path / "cache" / "batches").glob("requests-*.jsonl"))
    assert requests and all(json.loads(line)["url"] == "/v1/chat/completions"
                            for p in requests for line in p.read_text().splitlines())
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
