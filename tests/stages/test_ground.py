"""Ground: every quote in a brief checked against its source text."""

from __future__ import annotations

import pytest

from summarizer.core.brief import FigureReport
from summarizer.core.evidence import quote
from summarizer.stages import reconcile
from summarizer.stages.ground import check


def test_check_finds_evidence_that_does_not_match(crocus_like_brief):
    assert check(crocus_like_brief) == []
    crocus_like_brief.casualties.killed.reports[0].evidence[0].start += 1
    assert "casualties.killed.reports[0].evidence[0]" in check(crocus_like_brief)


@pytest.fixture
def crocus_like_brief():
    from summarizer.core.brief import Casualties, IncidentBrief, Run, Source

    text = "Gunmen killed 40 people."
    r = FigureReport(
        value=40,
        qualifier="exact",
        as_stated="40",
        source_id="a",
        published_at=None,
        evidence=[quote("a", text, 14, 16)],
    )
    return IncidentBrief(
        headline="h",
        summary="s",
        casualties=Casualties(killed=reconcile.figure([r], "latest")),
        sources=[Source(id="a", text=text)],
        run=Run(backend="embedded", model="m", prompt_hash="x"),
    )
