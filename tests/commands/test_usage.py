"""The command line as a new user meets it: help, version, output paths, messages in plain English."""

from __future__ import annotations

import subprocess
import sys

import pytest

from summarizer import __version__
from summarizer.commands.cli import main
from tests.helpers import EXAMPLES


@pytest.mark.parametrize("where", ["missing-folder/out.json", "."])
def test_an_output_path_that_cannot_be_written_fails_before_any_work(where, tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    # Any model start or connection would raise here (conftest's guard): the check comes first.
    assert main(["brief", str(EXAMPLES), "-o", where]) == 73
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith(f"summarizer: cannot write {where}:")


def test_version_and_help(capsys):
    with pytest.raises(SystemExit) as e:
        main(["--version"])
    assert e.value.code == 0 and capsys.readouterr().out.strip() == f"summarizer {__version__}"
    with pytest.raises(SystemExit):
        main(["brief", "--help"])
    out = capsys.readouterr().out
    for words in (
        "PATH",
        "an http(s) link",
        "--format",
        "review page",
        "-o FILE",
        "exit codes:",
        "73",
        "environment:",
        "OPENAI_BASE_URL",
        "SUMMARIZER_READER",
    ):
        assert words in out, words


def test_one_article_is_one_article(tmp_path, capsys):
    (tmp_path / "a.txt").write_text((EXAMPLES / "003_5381968c088b4830.txt").read_text(encoding="utf-8"))
    assert main(["brief", str(tmp_path / "a.txt"), "--answers", "rules", "-o", str(tmp_path / "b.json")]) == 0
    err = capsys.readouterr().err
    assert "read 1 article\n" in err and "extracting from 1 article\n" in err and "1 articles" not in err


def test_progress_is_plain_lines_when_not_on_a_terminal(tmp_path):
    (tmp_path / "a.txt").write_text((EXAMPLES / "003_5381968c088b4830.txt").read_text(encoding="utf-8"))
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "summarizer",
            "brief",
            str(tmp_path / "a.txt"),
            "--answers",
            "rules",
            "-o",
            str(tmp_path / "b.json"),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert out.returncode == 0 and "\x1b[" not in out.stderr
    assert out.stderr.splitlines()[0] == "summarizer: read 1 article"


def test_progress_is_a_live_bar_on_a_terminal(tmp_path):
    pty = pytest.importorskip("pty")
    import os

    (tmp_path / "a.txt").write_text((EXAMPLES / "003_5381968c088b4830.txt").read_text(encoding="utf-8"))
    pid, fd = pty.fork()
    if pid == 0:  # the child: stderr is a terminal
        os.execv(
            sys.executable,
            [
                sys.executable,
                "-m",
                "summarizer",
                "brief",
                str(tmp_path / "a.txt"),
                "--answers",
                "rules",
                "-o",
                str(tmp_path / "b.json"),
            ],
        )
    seen = b""
    while True:
        try:
            chunk = os.read(fd, 4096)
        except OSError:
            break
        if not chunk:
            break
        seen += chunk
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0
    assert b"\x1b[" in seen and b"\xe2\x94\x81" in seen  # cursor control and the bar's line characters
    assert b"model calls" in seen
