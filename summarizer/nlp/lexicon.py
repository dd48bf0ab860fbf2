"""Lexicon: the word lists news language uses, one copy each (every reader imports them from here)."""

from __future__ import annotations

# Nouns that make a named place a venue: "Crocus City Hall", "Promenade des Anglais", "Westgate mall".
VENUE_NOUNS = frozenset("""
hall center centre theatre theater stadium arena station airport bridge port harbor harbour mall
market hotel church mosque synagogue temple cathedral school university club plaza square park
museum tower building factory plant mine terminal festival promenade boulevard avenue street road
highway motorway tunnel beach resort camp embassy nightclub concert venue complex block estate
""".split())
# Where the hurt are taken, not where an incident happens.
CARE_NOUNS = frozenset("hospital hospitals clinic clinics morgue mortuary infirmary".split())
# Common English names of countries that ISO 3166 (pycountry) spells otherwise.
COUNTRY_ALIASES = {
    "Britain": "United Kingdom", "Great Britain": "United Kingdom", "UK": "United Kingdom",
    "U.K.": "United Kingdom", "England": "United Kingdom", "Scotland": "United Kingdom", "Wales": "United Kingdom",
    "US": "United States", "U.S.": "United States", "USA": "United States", "America": "United States",
    "South Korea": "South Korea", "North Korea": "North Korea", "Russia": "Russia",
}
# "west London", "northern Morocco": a direction before a place name.
COMPASS = frozenset("north south east west northern southern eastern western central north-west north-east "
                    "south-west south-east northwest northeast southwest southeast".split())
# Words that mark a place as a region rather than a city.
REGION_NOUNS = frozenset("province region county district state prefecture governorate department borough".split())
# Prepositions that put an incident at a place: "in Nice", "at the Arena", "near Jindo".
LOCATIVE = frozenset("in at near outside inside on off into onto across along".split())
# Say-verbs (lemmas) that attribute speech.
SAY_VERBS = frozenset("""
say tell add state explain claim report write warn announce note insist declare describe recall
confirm deny accuse urge vow promise ask answer reply admit acknowledge suggest tweet post quote
""".split())
