"""Locate on made-up articles: the town, the region and what is not the region."""

from __future__ import annotations

import asyncio

from summarizer.extract import doc, place_mentions
from summarizer.inputs.ingest import from_text
from summarizer.llm.decide import Decider
from summarizer.locate import locate
from summarizer.nlp import places


def where(*texts: str):
    arts = [from_text(t, f"s{i}") for i, t in enumerate(texts)]
    mentions = [m for a in arts for m in place_mentions(doc(a), None)]
    return asyncio.run(locate(mentions, {a.id: a.text for a in arts}, Decider(None, "rules", frozenset()), "a fire"))


def test_a_district_named_with_its_city_gives_way_to_the_city():
    loc = where("A fire swept through a tower block in North Kensington, west London, on Wednesday, killing six.",
                "Six people died in the fire at the tower in North Kensington.")
    assert (loc.city, loc.country) == ("London", "United Kingdom")


def test_a_region_named_by_a_region_noun_whatever_the_tagger_says():
    loc = where("A fire destroyed a market in Oran on Monday. The market lies in the Es Senia district, near the airport.",
                "Firefighters in Oran, in the Es Senia district, fought the blaze for hours.")
    assert loc.city == "Oran" and loc.region == "Es Senia"


def test_one_sources_aside_about_another_region_is_not_the_region():
    loc = where("Gunmen attacked a concert hall in Moscow on Friday.",
                "The car used by the suspects was found in a village in the Bryansk region, 340km from Moscow.")
    assert loc.city == "Moscow" and loc.region is None


def test_an_origin_or_a_landmark_is_not_where_it_happened():
    loc = where("A bus plunged into a ravine near Kotra on Tuesday morning, killing nine. Pupils from Elmfield "
                "Grammar School were on board for a trip that began in Lusaka, 40km north of Harare.",
                "Nine people died when a bus left the road near Kotra. Our coverage comes from Kotra and Harare.")
    assert loc.venue is None  # the school the pupils came from
    assert loc.city == "Kotra"


def test_the_place_that_names_the_incident_is_no_origin():
    assert not places.is_reference("the toll from the ", " mall attack rose to 20")
    assert not places.is_reference("the death toll from the ", " bombing rose to 20")
    assert places.is_reference("pupils from ", " were on board")
    assert places.is_reference("72km south-west of ", ", the regional capital")
