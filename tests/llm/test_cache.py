"""Nothing lost: cached answers, a resumed run after SIGKILL, atomic output files."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

import pytest

from summarizer import summarize
from summarizer.commands.cli import write_atomic
from tests.helpers import CRUSH, ROOT


def brief_json(fake, cache) -> dict:
    return json.loads(summarize([CRUSH], base_url=fake.url, model="fake", cache=cache).model_dump_json())


def test_second_run_makes_no_model_calls(fake, tmp_path):
    first = brief_json(fake, tmp_path / "cache")
    calls = fake.chat_calls()
    second = brief_json(fake, tmp_path / "cache")
    assert calls >= 5 and fake.chat_calls() == calls
    assert (first["run"]["llm_calls"], second["run"]["llm_calls"]) == (calls, 0)
    assert second["run"]["cached_answers"] == calls
    volatile = ("run",)
    assert {k: v for k, v in first.items() if k not in volatile} == {
        k: v for k, v in second.items() if k not in volatile
    }


def test_cache_is_keyed_by_model_and_can_be_turned_off(fake, tmp_path):
    brief_json(fake, tmp_path / "cache")
    calls = fake.chat_calls()
    summarize([CRUSH], base_url=fake.url, model="another-model", cache=tmp_path / "cache")
    assert fake.chat_calls() == 2 * calls
    summarize([CRUSH], base_url=fake.url, model="fake", cache=False)
    assert fake.chat_calls() == 3 * calls


def test_damaged_cache_entry_is_asked_again(fake, tmp_path):
    brief_json(fake, tmp_path / "cache")
    calls = fake.chat_calls()
    entry = next((tmp_path / "cache").glob("*/*.json"))
    entry.write_text('{"about": "this_inc')  # a torn write from some other tool
    brief_json(fake, tmp_path / "cache")
    assert fake.chat_calls() == calls + 1


def test_a_run_killed_midway_resumes_with_only_the_missing_calls(fake, tmp_path):
    total = brief_json(fake, tmp_path / "reference")["run"]["llm_calls"]
    fake.calls.clear()
    fake.delay = 0.4
    cache, out = tmp_path / "cache", tmp_path / "out" / "brief.json"
    out.parent.mkdir()
    env = {**os.environ, "SUMMARIZER_CACHE": str(cache), "PYTHONPATH": str(ROOT)}
    cmd = [
        sys.executable,
        "-m",
        "summarizer",
        "brief",
        str(CRUSH),
        "--base-url",
        fake.url,
        "--model",
        "fake",
        "--jobs",
        "1",
        "-q",
        "-o",
        str(out),
    ]
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while fake.chat_calls() < 4 and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.02)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    answered = len(list(cache.glob("*/*.json")))
    assert fake.chat_calls() == 4 and answered == 3  # three answered, the fourth in flight when killed
    assert list(out.parent.iterdir()) == []  # no brief, no half brief, no temp file

    fake.calls.clear()
    fake.delay = 0.0
    resumed = summarize([CRUSH], base_url=fake.url, model="fake", cache=cache)
    assert (fake.chat_calls(), resumed.run.cached_answers) == (total - answered, answered)


def test_atomic_write_keeps_the_old_file_when_interrupted(tmp_path, monkeypatch):
    target = tmp_path / "brief.json"
    target.write_text("old brief")

    def interrupted(_fd):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(target, "new brief " * 1000)
    assert target.read_text() == "old brief"
    assert [p.name for p in tmp_path.iterdir()] == ["brief.json"]
