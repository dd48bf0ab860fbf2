"""Causes read by code: what a sentence says caused the incident, how firmly, and sources that differ."""

from __future__ import annotations

import pytest

from summarizer.core.brief import Cause, Quote
from summarizer.core.doc import Facts
from summarizer.readers.causes import causes
from summarizer.stages import reconcile


@pytest.mark.parametrize(
    "sentence, expected",
    [
        (
            "The blast was caused by ammonium nitrate stored in a warehouse, officials said.",
            [("ammonium nitrate stored in a warehouse", "stated")],
        ),
        ("Investigators suspect a signal fault caused the derailment.", [("a signal fault", "suspected")]),
        ("Police believe 293 people were in the tower that night.", []),
        (
            "The fire may have been started by a faulty fridge on the fourth floor.",
            [("a faulty fridge on the fourth floor", "suspected")],
        ),
        (
            "The operator denied that the collapse was the result of poor maintenance.",
            [("poor maintenance", "disputed")],
        ),
        (
            "Officials blamed the crush on fans who invaded the pitch.",
            [("fans who invaded the pitch", "stated")],
        ),
        ("The last phase of the search is due to finish in December.", []),
    ],
)
def test_causes_a_sentence_states(sentence, expected):
    assert [(c.text, c.status) for c in causes(sentence)] == expected


def _facts(source: str, text: str, status: str = "stated") -> Facts:
    f = Facts(source)
    f.causes.append(
        Cause(
            text=text, status=status, evidence=[Quote(source_id=source, quote=text, start=0, end=len(text))]
        )
    )
    return f


def test_sources_giving_different_causes_disagree():
    merged, conflicts = reconcile.causes(
        [
            _facts("a", "ammonium nitrate"),
            _facts("b", "fireworks stored in the port"),
            _facts("c", "ammonium nitrate stored in a warehouse"),
        ]
    )
    assert len(merged) == 2 and sorted(len({q.source_id for q in c.evidence}) for c in merged) == [1, 2]
    assert conflicts and conflicts[0].topic == "cause" and "fireworks" in conflicts[0].text
    _merged, none = reconcile.causes([_facts("a", "a gas leak"), _facts("b", "a gas leak in the bakery")])
    assert none == []
