"""Places: countries by the names and adjectives news uses, towns from GeoNames, venues by their head noun."""

from __future__ import annotations

import pytest

from summarizer.readers import places


@pytest.mark.parametrize(
    "name, code",
    [
        ("Britain", "GB"),
        ("South Korea", "KR"),
        pytest.param(
            "the Philippines", "PH", marks=pytest.mark.xfail(strict=True, reason="known: 'the' not stripped")
        ),
        ("Kenya", "KE"),
        ("Atlantis", None),
    ],
)
def test_country_names_as_news_writes_them(name, code):
    assert places.country_code(name) == code


@pytest.mark.parametrize(
    "adjective, code",
    [
        ("French", "FR"),
        ("Blue", None),
        pytest.param(
            "Nigerian", "NG", marks=pytest.mark.xfail(strict=True, reason="known: read as Niger's (NE)")
        ),
    ],
)
def test_a_nationality_names_its_country(adjective, code):
    assert places.demonym_country(adjective) == code


def test_a_town_is_the_most_populous_of_its_name_whatever_its_accents():
    town = places.city("Sao Paulo")
    assert town is not None and town["countrycode"] == "BR"
    assert places.city("Nowhereville Upon Sea") is None


@pytest.mark.parametrize(
    "name, venue",
    [
        ("Harmony Concert Hall", True),
        ("the Riverside mall", True),
        ("Port Ardel", False),
        ("Lake Vess", False),
    ],
)
def test_a_venue_noun_heads_a_venue_name(name, venue):
    assert places.is_venue_name(name) is venue


def test_folding_ignores_case_and_accents():
    assert places.fold("Saint-Étienne") == places.fold("saint-etienne")
