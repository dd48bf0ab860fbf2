"""Secrets: none in any cassette or log; a key in use never reaches output, errors, brief or cassette."""

from __future__ import annotations

import json
import re

import vcr

from summarizer.commands.cli import main
from summarizer.llm.config import resolve
from tests.helpers import CASSETTES, CRUSH, ROOT, scrub_response
from tests.helpers.fakeserver import Fault

FAKE_KEY = "sk-proj-FAKEkey0123456789abcdefSECRET"
SECRET = re.compile(
    r"sk-[A-Za-z0-9_-]{8,}|Bearer\s|\borg-[A-Za-z0-9]{8,}|\bproj_[A-Za-z0-9]{8,}|"
    r"^\s*-?\s*(?:authorization|cookie|set-cookie|openai-organization|openai-project|api-key|x-api-key):",
    re.I | re.M,
)


def scanned_files() -> list:
    files = sorted(CASSETTES.glob("*.yaml")) + sorted(ROOT.glob("**/*.log"))
    return [f for f in files if ".venv" not in f.parts]


def test_no_secret_in_any_cassette_or_log():
    files = scanned_files()
    assert len(files) >= 5
    hits = [
        (f.name, m.group())
        for f in files
        for m in SECRET.finditer(f.read_text(encoding="utf-8", errors="replace"))
    ]
    assert hits == []


def test_the_scan_would_find_one():
    assert SECRET.search(f"headers:\n  Authorization:\n  - Bearer {FAKE_KEY}\n")


def test_a_key_in_use_appears_nowhere(fake, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", FAKE_KEY)
    monkeypatch.setenv("OPENAI_BASE_URL", fake.url)
    out, cassette = tmp_path / "brief.json", tmp_path / "recorded.yaml"
    recorder = vcr.VCR(
        filter_headers=[
            "authorization",
            "api-key",
            "x-api-key",
            "cookie",
            "openai-organization",
            "openai-project",
        ],
        before_record_response=scrub_response,
        record_mode="all",
    )
    with recorder.use_cassette(str(cassette)):
        assert main(["brief", str(CRUSH), "--model", "fake", "-o", str(out)]) == 0
    sent = {k.lower(): v for k, v in fake.calls[0]["headers"].items()}
    assert sent["authorization"] == f"Bearer {FAKE_KEY}"  # the key was really sent
    fake.script = [
        Fault(
            401, {"error": {"message": f"Incorrect API key provided: {FAKE_KEY}", "code": "invalid_api_key"}}
        )
    ]
    assert main(["brief", str(CRUSH), "--model", "fake", "--no-cache", "--retries", "0"]) in (0, 75)
    captured = capsys.readouterr()
    texts = {
        "stdout": captured.out,
        "stderr": captured.err,
        "brief": out.read_text(),
        "cassette": cassette.read_text(),
        "config": repr(resolve()),
    }
    assert "HTTP 401 from the model backend (invalid_api_key)" in captured.err
    assert json.loads(texts["brief"])["run"]["backend"] == "remote"
    assert {name: FAKE_KEY[:12] in text for name, text in texts.items()} == dict.fromkeys(texts, False)
    assert "interactions" in texts["cassette"] and not SECRET.search(texts["cassette"])
