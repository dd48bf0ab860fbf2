"""The dev set (../shared/eval/dev): seven real incidents' clusters, briefs replayed from a cassette, scored."""

from __future__ import annotations

import json

import pytest

from summarizer.commands.cli import main
from summarizer.evaluate import score
from summarizer.stages.ground import check_json, count_evidence
from tests.helpers import DEV, needs_dev_set, recording

# Floors from the recorded run (README "Quality"): a change that lowers one fails here.
MIN_FACTS = 0.85
MIN_HEADLINE = 0.95
MAX_SPURIOUS = 0.05
MAX_MISATTRIBUTED = 0.05


@needs_dev_set
@pytest.mark.default_cassette("devset.yaml")
@pytest.mark.vcr
def test_dev_set(model_url, request, monkeypatch, tmp_path, capsys):
    totals = dict(facts=[0, 0], headline=[0, 0], spurious=[0, 0], misattributed=[0, 0])
    lines = []
    for gold_path in sorted((DEV / "gold").glob("*.gold.json")):
        name = gold_path.name.removesuffix(".gold.json")
        out = tmp_path / f"{name}.json"
        if recording(request):  # each CLI run stops the embedded server on exit: start it again
            from summarizer.llm.embedded import ensure_server

            monkeypatch.setenv("SUMMARIZER_EMBEDDED_URL", ensure_server().base_url)
        assert main(["brief", str(DEV / "articles" / name), "-o", str(out), "-q"]) == 0
        brief = json.loads(out.read_text(encoding="utf-8"))
        assert check_json(brief) == [], f"{name}: unverified evidence"
        s = score(brief, json.loads(gold_path.read_text()))
        lines.append(f"{name}: {s.line((count_evidence(brief), count_evidence(brief)))}")
        for key, (n, of) in dict(
            facts=(s.passed, s.total),
            headline=(s.headline.n, s.headline.of),
            spurious=(s.spurious.n, s.spurious.of),
            misattributed=(s.misattributed.n, s.misattributed.of),
        ).items():
            totals[key][0] += n
            totals[key][1] += of or 0
    share = {k: n / of if of else 0.0 for k, (n, of) in totals.items()}
    with capsys.disabled():
        print("\n" + "\n".join(lines))
        print(
            "dev set: " + ", ".join(f"{k} {n}/{of} ({100 * share[k]:.0f}%)" for k, (n, of) in totals.items())
        )
    assert share["facts"] >= MIN_FACTS
    assert share["headline"] >= MIN_HEADLINE
    assert share["spurious"] <= MAX_SPURIOUS
    assert share["misattributed"] <= MAX_MISATTRIBUTED
