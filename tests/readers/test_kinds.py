"""The incident's subtype from the parse of made-up openings: EM-DAT hazards and transport modes,
collapses, GTD attack types; and the headline that names the most specific kind."""

from __future__ import annotations

import pytest

from summarizer.core.brief import DateFact, IncidentBrief, Location, Quote, Run
from summarizer.readers import language
from summarizer.readers.kinds import sentence_subtypes, subtype
from summarizer.stages.synthesize import template


def spans(*sentences: str) -> list:
    return [language.parse(s)[:] for s in sentences]


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # natural hazards: the noun and its modifiers
        ("A magnitude 6.4 quake shook the hill town of Varnel before dawn on Sunday.", "earthquake"),
        ("Flash floods swept through the valley villages of Ostrava Dolna overnight.", "flash_flood"),
        ("Floodwaters rose after days of rain, and the floods cut off three districts of Pellin.", "flood"),
        ("Cyclone Mira made landfall near the port of Sandal with winds of 180 km/h.", "storm"),
        ("A bushfire tore through farmland west of Carrow, destroying forty homes.", "wildfire"),
        ("A mudslide buried part of the mining village after a week of heavy rain.", "landslide"),
        ("The eruption sent ash twelve kilometres into the sky above Mount Teral.", "volcanic_activity"),
        # transport: the vehicle is the subject, the modifier or the "of" phrase of the event word
        ("A small passenger plane crashed into a field outside Dornveld on Tuesday.", "air"),
        ("The airliner went down in the mountains; the crash killed all 88 on board.", "air"),
        ("A freight train derailed and caught fire near the town of Keswold.", "rail"),
        ("A derailed tanker train exploded in the centre of Brennick early on Saturday.", "rail"),
        ("Twenty people died when a crowded bus plunged off a mountain road near Tarsk.", "road"),
        ("An overloaded ferry capsized in the river delta off Lomba on Friday.", "water"),
        ("The cargo ship sank in a storm off the Calder coast with 19 crew aboard.", "water"),
        ("Divers searched the wreck after the sinking of the fishing boat off Calder Point.", "water"),
        # collapses: what gave way
        ("A pedestrian bridge collapsed into the river in Morvale during a festival.", "bridge_collapse"),
        ("The collapse of a tailings dam at the Serra Alta mine buried the valley in mud.", "dam_collapse"),
        ("A six-storey apartment block collapsed in central Ardena, trapping dozens.", "building_collapse"),
    ],
)
def test_subtype_of_one_sentence(sentence, expected):
    assert expected in sentence_subtypes(language.parse(sentence)[:])


@pytest.mark.parametrize(
    "sentence",
    [
        "The minister faced a storm of criticism after the vote in Pellin.",  # a figure of speech
        "A flood of messages reached the newsroom on Monday.",
        "Officials said the crash course for volunteers would start on Monday.",  # no vehicle
        "The bridge club met in Morvale on Friday to plan the festival.",  # no event word
        "Police said the train drivers' strike would go ahead on Monday.",
    ],
)
def test_no_subtype_in(sentence):
    assert sentence_subtypes(language.parse(sentence)[:]) == []


def test_subtype_is_voted_by_sources_and_fits_the_type():
    leads = [
        spans("A passenger train derailed near Keswold on Monday, killing 12."),
        spans("The derailment left the town's rail line blocked."),
        spans(
            "Officials said a bus had been hired to take survivors away, and the bus crashed into a ditch."
        ),
    ]
    assert subtype("transport_accident", leads) == ("transport_accident", "rail")
    # a subtype that cannot refine the type is left out; an unknown type takes the subtype's
    assert subtype("crowd_crush", leads) == ("crowd_crush", None)
    assert subtype("unknown", leads) == ("transport_accident", "rail")
    floods = [spans("Flash floods hit Pellin overnight."), spans("The floods destroyed 300 homes in Pellin.")]
    assert subtype("natural_disaster", floods) == ("natural_disaster", "flash_flood")


@pytest.mark.parametrize(
    "kind, sentence, expected",
    [
        ("armed_assault", "Gunmen opened fire on diners in Varnel.", "armed_assault"),
        (
            "stabbing",
            "A man stabbed four people at a bus stop in Carrow.",
            "armed_assault",
        ),  # GTD: a knife is armed
        ("vehicle_ramming", "A van was driven into a crowd at the Ardena market.", "unarmed_assault"),
        (
            "bombing",
            "A suicide bomber blew himself up at the gates of the Tarsk stadium.",
            "bombing_explosion",
        ),
        ("arson", "Attackers set fire to the Lomba town hall overnight.", "facility_attack"),
        ("hostage_taking", "Gunmen hijacked a coach carrying pilgrims near Dornveld.", "hijacking"),
        ("hostage_taking", "Militants kidnapped 30 pupils from a school in Brennick.", "kidnapping"),
        (
            "hostage_taking",
            "A gunman held eight hostages in a Calder Point bank for six hours.",
            "hostage_barricade",
        ),
    ],
)
def test_attack_kinds_get_their_gtd_attack_type(kind, sentence, expected):
    assert subtype(kind, [spans(sentence)]) == (kind, expected)


def brief(kind: str, sub: str | None, **place) -> IncidentBrief:
    ev = [Quote(source_id="a", quote="x", start=0, end=1)]
    return IncidentBrief(
        headline="",
        summary="",
        incident_type=kind,
        incident_subtype=sub,
        date=DateFact(value="2031-05-04", evidence=ev),
        location=Location(evidence=ev, **place),
        run=Run(backend="embedded", model="m", prompt_hash="h"),
    )


@pytest.mark.parametrize(
    "b, expected",
    [
        (
            brief(
                "natural_disaster", "earthquake", venue="Teral Mountains", city="Varnel", country="Ostrania"
            ),
            "Earthquake in Ostrania",
        ),
        (
            brief("transport_accident", "air", venue="Sella Alps", city="Dornveld", country="Valdoria"),
            "Plane crash near Dornveld",
        ),
        (
            brief("structural_collapse", "bridge_collapse", city="Morvale", country="Valdoria"),
            "Bridge collapse in Morvale",
        ),
        (
            brief("armed_assault", "armed_assault", venue="Harlow Market", city="Tessaly"),
            "Armed assault at Harlow Market",
        ),
        (
            brief("explosion", "rail", city="Brennick"),
            "Explosion in Brennick",
        ),  # the subtype is no more specific here
    ],
)
def test_headline_names_the_most_specific_kind(b, expected):
    headline, summary = template(b)
    assert headline == expected
    assert summary.lower().startswith(f"an {expected.split()[0].lower()}") or summary.lower().startswith(
        f"a {expected.split()[0].lower()}"
    )
