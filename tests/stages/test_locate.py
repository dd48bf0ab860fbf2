"""Locate on made-up articles: the town, the region and what is not the region."""

from __future__ import annotations

import asyncio

from summarizer.inputs.ingest import from_text
from summarizer.llm.decide import Decider
from summarizer.readers import places
from summarizer.stages.extract import place_mentions
from summarizer.stages.locate import locate
from summarizer.stages.segment import doc


def where(*texts: str):
    arts = [from_text(t, f"s{i}") for i, t in enumerate(texts)]
    mentions = [m for a in arts for m in place_mentions(doc(a), None)]
    return asyncio.run(
        locate(mentions, {a.id: a.text for a in arts}, Decider(None, "rules", frozenset()), "a fire")
    )


def test_a_district_named_with_its_city_gives_way_to_the_city():
    loc = where(
        "A fire swept through a tower block in North Kensington, west London, on Wednesday, killing six.",
        "Six people died in the fire at the tower in North Kensington.",
    )
    assert (loc.city, loc.country) == ("London", "United Kingdom")


def test_a_region_named_by_a_region_noun_whatever_the_tagger_says():
    loc = where(
        "A fire destroyed a market in Oran on Monday. The market lies in the Es Senia district, near the airport.",
        "Firefighters in Oran, in the Es Senia district, fought the blaze for hours.",
    )
    assert loc.city == "Oran" and loc.region == "Es Senia"


def test_one_sources_aside_about_another_region_is_not_the_region():
    loc = where(
        "Gunmen attacked a concert hall in Moscow on Friday.",
        "The car used by the suspects was found in a village in the Bryansk region, 340km from Moscow.",
    )
    assert loc.city == "Moscow" and loc.region is None


def test_an_origin_or_a_landmark_is_not_where_it_happened():
    loc = where(
        "A bus plunged into a ravine near Kotra on Tuesday morning, killing nine. Pupils from Elmfield "
        "Grammar School were on board for a trip that began in Lusaka, 40km north of Harare.",
        "Nine people died when a bus left the road near Kotra. Our coverage comes from Kotra and Harare.",
    )
    assert loc.venue is None  # the school the pupils came from
    assert loc.city == "Kotra"


def test_the_place_that_names_the_incident_is_no_origin():
    assert not places.is_reference("the toll from the ", " mall attack rose to 20")
    assert not places.is_reference("the death toll from the ", " bombing rose to 20")
    assert places.is_reference("pupils from ", " were on board")
    assert places.is_reference("72km south-west of ", ", the regional capital")


# --- issue 19: the parse says where the incident is put; capitals, water, datelines; several countries; a pin ---


def test_where_officials_spoke_is_not_the_town():
    loc = where(
        "At least 30 pilgrims died in a crush at the Sarvan temple in Kotwara on Tuesday, officials in "
        "New Delhi said.",
        "Officials in New Delhi said the crush at the Sarvan temple in Kotwara began when a railing gave way.",
        "The crush in Kotwara killed 30 people, the state government told reporters in New Delhi.",
    )
    assert loc.city == "Kotwara" and loc.country is None or loc.country == "India"
    assert loc.city != "New Delhi"


def test_a_river_is_not_where_a_flood_happened_unless_the_parse_puts_it_there():
    loc = where(
        "Water from the Velka River swept into the town of Pelsk on Sunday, killing 14 people.",
        "Floods killed 14 people in Pelsk after the Velka River burst its banks.",
    )
    assert loc.venue != "Velka River" and loc.city == "Pelsk"
    ferry = where(
        "A ferry sank in the Keel Sea off Brantholm on Friday, killing 40.",
        "Divers searched the Keel Sea, where the ferry capsized on Friday.",
    )
    assert ferry.venue == "Keel Sea"  # the sources put the sinking there


def test_a_dateline_and_a_nationality_before_a_place():
    loc = where(
        "HALTERN, GERMANY — The town mourned 16 pupils who died when their plane crashed in the French "
        "Alps on Tuesday.",
        "The airliner crashed in the French Alps, killing all 150 people on board, officials said.",
    )
    assert loc.city is None  # Haltern is where the report was filed and the pupils came from
    assert loc.country == "France" and loc.geo_precision == "country" and loc.latitude is not None


def test_a_town_with_its_province_and_a_town_the_tagger_calls_an_organisation():
    loc = where(
        "A runaway train derailed and exploded in the town of Chibougamau, Quebec, on Saturday, killing 5.",
        "Five people died when the train exploded in Chibougamau, Quebec, police said.",
    )
    assert (loc.city, loc.region, loc.country) == ("Chibougamau", "Quebec", "Canada")
    assert loc.geo_precision == "town" and loc.geonames_id is not None


def test_an_incident_that_spans_two_countries():
    loc = where(
        "A magnitude 7.1 earthquake struck southern Peru on Monday, killing 60, and also shook towns across "
        "northern Chile, where three people died.",
        "The quake killed 58 people in Peru and three in Chile, officials in Lima said.",
        "Rescuers in Peru and Chile searched collapsed homes after the quake hit both countries.",
    )
    assert loc.country == "Peru" and loc.countries == ["Peru", "Chile"]
    assert loc.city != "Lima"


def test_a_town_pinned_from_geonames():
    loc = where(
        "A fire broke out in a warehouse in Nice on Monday, killing two workers.",
        "Two people died in the warehouse fire in Nice, firefighters said.",
    )
    assert (loc.city, loc.country, loc.geo_precision) == ("Nice", "France", "town")
    assert (round(loc.latitude, 1), round(loc.longitude, 1)) == (43.7, 7.3) and loc.geonames_id == 2990440


def test_a_town_in_a_venues_name_only_where_the_sources_are():
    """ "Mandalay Bay Resort" names Myanmar's Mandalay; no source names Myanmar or Mandalay alone."""
    loc = where(
        "A gunman opened fire near the Mandalay Bay Resort on the Las Vegas Strip on Sunday, killing 20.",
        "Police in Las Vegas said the shooting near the Mandalay Bay Resort killed 20 people.",
    )
    assert loc.city == "Las Vegas" and loc.country != "Myanmar"


def test_no_number_and_no_organisation_is_a_place():
    assert not places.names_a_place("288") and not places.names_a_place("32nd")
    assert places.names_a_place("Route 91") and places.names_a_place("Lac-Mégantic")
    m = places.Mention("Tessaly Metropolitan Police Department", "GPE", "a", 0, 0, 10, False)
    assert places.classify(m) is None
