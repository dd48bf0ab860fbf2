"""Blame: who a sentence blames or says claimed the incident, from the parse of its verb."""

from __future__ import annotations

import pytest

from summarizer.readers import language
from summarizer.readers.blame import blames


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # blame: the object of a verb of blaming, whatever it is
        (
            "Police accused the organisers of selling far too many tickets.",
            ("accusation", "the organisers", "Police"),
        ),
        (
            "Survivors blamed the band for urging the crowd towards the stage.",
            ("accusation", "the band", "Survivors"),
        ),
        (
            "Residents blamed the flooding on a blocked culvert.",
            ("accusation", "a blocked culvert", "Residents"),
        ),
        (
            "The mayor held the port operator responsible for the blast.",
            ("accusation", "the port operator", "The mayor"),
        ),
        # denials of any share in the blame
        ("The ferry operator denied any wrongdoing.", ("denial", "The ferry operator", "The ferry operator")),
        (
            "The agency said there was no link between the driver and any militant group.",
            ("denial", "any militant group", "The agency"),
        ),
        (
            "The quarry company said it was not responsible for the landslide.",
            ("denial", "The quarry company", "The quarry company"),
        ),
        (
            "The crane operator has said he was only following instructions, rejecting the suggestion that the fall was "
            "his fault.",
            ("denial", "The crane operator", "The crane operator"),
        ),
        # harm a reported clause says someone did
        (
            "Investigators believe the pilot deliberately flew the aircraft into the hillside.",
            ("attribution", "the pilot", "Investigators"),
        ),
        (
            "Officials said the teenager set the fire in a stairwell.",
            ("attribution", "the teenager", "Officials"),
        ),
        (
            "A court spokeswoman said the gunman killed nine people before he was arrested.",
            ("attribution", "the gunman", "A court spokeswoman"),
        ),
    ],
)
def test_blame_from_the_parse_of_the_verb(sentence, expected):
    found = [(b.kind, b.actor, b.asserted_by) for b in blames(language.parse(sentence), 0, len(sentence))]
    assert expected in found, found


@pytest.mark.parametrize(
    "sentence, cause",
    [
        (
            "The housing minister blamed faulty construction for the collapse of the block.",
            "faulty construction",
        ),
        ("Engineers blamed corroded cables for the failure of the footbridge.", "corroded cables"),
        ("Farmers blamed an unlicensed dam upstream for the flood.", "an unlicensed dam"),
    ],
)
def test_a_blamed_thing_is_a_cause(sentence, cause):
    found = [b.cause for b in blames(language.parse(sentence), 0, len(sentence))]
    assert cause in found, found


@pytest.mark.parametrize(
    "sentence",
    [
        "The council thanked the volunteers for their work through the night.",
        "Officials said the pilot had flown the route many times.",
        "The agency said there was a link road between the two villages.",
    ],
)
def test_no_blame_in(sentence):
    assert blames(language.parse(sentence), 0, len(sentence)) == []
