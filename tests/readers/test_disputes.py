"""Disagreement the sources state themselves, a quantity given two values, and when the incident began."""

from __future__ import annotations

import pytest

from summarizer.core.doc import Facts
from summarizer.inputs.ingest import from_text
from summarizer.readers import cues, dates, disputes
from summarizer.stages import reconcile
from summarizer.stages.dating import incident_time
from summarizer.stages.extract import with_background
from summarizer.stages.segment import doc


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("Witnesses gave conflicting accounts of how many gunmen there were.", True),
        ("The mayor disputed official figures on the number of guards on duty.", True),
        ("The ship's length has been given as 140 metres in some reports and 146 in others.", True),
        ("The start of the blaze is given differently depending on who is asked: 1:10 or 1:25 a.m.", True),
        ("Some early reports described the driver as a local man; police later said he lived abroad.", True),
        ("That contradicts what the governor said on the first night.", True),
        ("Estimates of the crowd varied widely.", False),  # no account or figure is said to differ
        ("Here is what we know, and what is still disputed.", False),
        ("The two villages have a long-running land dispute.", False),
        ("A different route was taken by the second convoy.", False),
        ("The toll rose to 40 on Sunday.", False),
    ],
)
def test_a_stated_disagreement(sentence, expected):
    assert disputes.stated(sentence) is expected


def test_magnitudes_of_the_main_shock_only():
    got = [
        v
        for v, _a, _b in disputes.magnitudes(
            "The agency put the magnitude at 6.1; a 4.2-magnitude aftershock followed, and others called it a 6.3-magnitude quake."
        )
    ]
    assert got == ["6.1", "6.3"]
    assert disputes.magnitudes("The magnitude of the disaster is hard to grasp.") == []


def _facts(source_id: str, text: str, date: str = "2021-03-05") -> Facts:
    from summarizer.stages.extract import disagreements

    facts = Facts(source_id)
    disagreements(doc(from_text(text, source_id)), date, facts)
    return facts


def test_magnitudes_given_differently_make_one_disagreement_with_every_source():
    a = _facts("a", "The quake struck at dawn on Friday. The national institute put the magnitude at 6.4.")
    b = _facts("b", "A magnitude 6.2 earthquake hit the valley on Friday.")
    c = _facts(
        "c", "The 6.2-magnitude quake flattened villages. In 1994, a magnitude 5.9 quake hit the same valley."
    )
    found = reconcile.magnitude([a, b, c])
    assert found is not None and found.topic == "other"
    assert (
        found.text == "Sources give the magnitude as 6.2 (b, c) and as 6.4 (a)."
    )  # the 1994 quake is background
    assert reconcile.magnitude([b, c]) is None


def test_a_stated_disagreement_becomes_a_contradiction_with_its_topic_and_evidence():
    text = (
        "A gas blast tore through a market on Friday.\n\nSome early reports said the blast came from a bomb; "
        "investigators later blamed a leaking cylinder. Officials gave conflicting figures, with 12 dead "
        "according to the mayor."
    )
    found = reconcile.stated_disputes([_facts("a", text)])
    assert [c.topic for c in found] == ["weapons", "killed"]
    for c in found:
        q = c.positions[0].evidence[0]
        assert text[q.start : q.end] == q.quote == c.text


def test_a_heading_ends_a_background_passage():
    text = (
        "A tram derailed in Vell on Monday, killing four.\n\nIn 2009, a tram crash in the same street killed two.\n\n"
        "What caused it?\n\nInvestigators said the brakes had failed."
    )
    flags = [bg for _s, bg in with_background(doc(from_text(text, "a")), "2023-05-08")]
    assert flags == [False, True, False]


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("The attack began shortly after noon, when the market was busy.", ["12:00"]),
        ("The toll stood at 31 as of its 6 p.m. briefing.", []),
        ("By 9pm the fire was under control.", []),
        ("Officials will hold a 4pm news conference.", []),
        ("Guests were leaving at midnight when the roof fell.", ["00:00"]),
        ("She starred in High Noon.", []),
    ],
)
def test_clock_times_of_the_event_not_of_its_reporting(sentence, expected):
    assert [t for t, _a, _b in dates.clock_times(sentence)] == expected


def test_without_a_time_in_the_openings_the_time_the_incident_began():
    opening = "Gunmen stormed a hotel in Bamora on Saturday. Dozens were killed. Troops arrived."
    later = "\n\nThe siege began at about 7.15pm, witnesses said. At 9pm police arrived."
    docs = [
        doc(from_text(opening + later, "a")),
        doc(from_text("Gunmen stormed a hotel in Bamora on Saturday.", "b")),
    ]
    assert incident_time(docs, {"a"}, "2023-05-06")[0] == "19:15"
    assert cues.tells_start("The blaze broke out on the fourth floor at 1am.")
    assert not cues.tells_start("He began his shift at 8am.")
