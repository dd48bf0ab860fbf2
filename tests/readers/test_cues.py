"""Cues: background passages, weapons, hedges and the incident kind from cue words."""

from __future__ import annotations

import pytest

from summarizer.readers import cues


@pytest.mark.parametrize(
    "sentence, date, expected",
    [
        ("In 2002, fighters took 912 people hostage in a theatre.", "2024-03-22", True),
        ("Earlier this year, two bombings killed nearly 100 people.", "2024-03-22", True),
        ("Officials announced on Mar 3 that six fighters had been killed in a raid.", "2024-03-22", True),
        ("On March 24, eleven people were arrested.", "2024-03-22", False),
        ("This Friday, the group struck again, as it has since 2014.", "2024-03-22", False),
        ("The bombings in January killed 103 people.", "2024-03-22", True),
        ("Gunmen killed at least 40 people at a concert hall.", "2024-03-22", False),
        (
            "It is the deadliest attack since a truck hit a crowd in Vessa last summer, killing 86.",
            "2024-03-22",
            True,
        ),
    ],
)
def test_background_sentences(sentence, date, expected):
    assert cues.background(sentence, date) is expected


def test_the_kind_most_openings_use_and_a_how_over_a_what():
    leads = [
        ["Explosion rips through market"],
        ["A car bomb exploded near the market"],
        ["Bomb blast kills 9 in market"],
    ]
    assert cues.incident_type(leads) == "bombing"
    assert cues.incident_type([["Council meets on Tuesday"]]) == "unknown"


def test_weapons_and_hedges_carry_their_span():
    sentence = "Witnesses said the attackers carried rifles and a knife."
    assert [sentence[w.start : w.end] for w in cues.weapons(sentence)] == ["rifles", "knife"]
    hedge = "The claim could not be independently verified."
    assert cues.hedged(hedge) is not None
    assert cues.hedged("Police confirmed the arrest.") is None


def test_an_unverified_note_refers_to_the_sentence_before():
    assert cues.refers_back("The agency was unable to verify that information.")
    assert not cues.refers_back("Police were unable to reach the site until noon.")
