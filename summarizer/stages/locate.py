"""Locate: where the incident happened: place candidates from every source's opening, one chosen."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from summarizer.core.brief import Location, Quote
from summarizer.core.evidence import quote
from summarizer.llm.answers import Answer
from summarizer.llm.decide import Decider
from summarizer.readers import places

MAX_OPTIONS = 4  # the small model answers well only over a few candidates
PLACE_LEAD = 6  # sentences of an article's opening searched for where it happened; regions in all of it


class PlacePick(Answer):
    """Which numbered place is where the incident itself happened."""

    choice: Literal[0, 1, 2, 3, 4] = Field(
        description="the number of the place where it happened; 0 if none of them"
    )


def candidate_evidence(
    candidate: places.Candidate | None, texts: dict[str, str], most: int = 2
) -> list[Quote]:
    """Quotes of a candidate place: its first mention in each source that names it, at most `most`."""
    if candidate is None:
        return []
    seen, out = set(), []
    for mention in candidate.mentions:
        if mention.source_id not in seen:
            seen.add(mention.source_id)
            out.append(quote(mention.source_id, texts[mention.source_id], mention.start, mention.end))
    return out[:most]


async def locate(
    mentions: list[places.Mention], texts: dict[str, str], decider: Decider, incident: str
) -> Location | None:
    """The incident's venue, town, region and country from the places the sources name, with the
    sources' words for them; None when no source names where it happened."""
    cands = places.candidates([m for m in mentions if m.sentence < PLACE_LEAD])
    venue = await _venue(cands, decider, incident)
    town = places.choose_city(cands, venue)
    country, named_country = places.choose_country(cands, town)
    code = _country_code(town, country)
    region = places.choose_region(places.candidates(mentions), town, venue, code)
    if not (venue or town or country):
        return None
    evidence = (
        candidate_evidence(venue, texts)
        + candidate_evidence(town, texts)
        + candidate_evidence(region, texts, 1)
        + candidate_evidence(named_country, texts, 1)
    )
    if not evidence:  # a country known only from GeoNames still needs words of a source: the city's
        return None
    where = places.pin(town, code)
    return Location(
        venue=venue.name if venue else None,
        city=town.name if town else None,
        region=region.name if region else None,
        country=country,
        countries=([country] if country else []) + places.spanned_countries(cands, code),
        latitude=where.latitude if where else None,
        longitude=where.longitude if where else None,
        geo_precision=where.precision if where else None,
        geonames_id=where.geonames_id if where else None,
        evidence=evidence,
    )


async def _venue(
    cands: dict[str, list[places.Candidate]], decider: Decider, incident: str
) -> places.Candidate | None:
    """The rule's order: the venue most sources put the incident at; never one named only as an
    origin, a landmark, where someone spoke, or a river or sea the parse does not put the incident in.
    With several, the `venue` question picks one (or none)."""
    best = [c for c in cands["venue"] if not all(m.reference for m in c.mentions)][:MAX_OPTIONS]
    if len(best) <= 1:
        return best[0] if best else None
    # Options in the order the sources first name them; the constant answer takes the first.
    venues = sorted(best, key=lambda c: min((m.source_id, m.sentence, m.start) for m in c.mentions))
    pick = await decider.ask(
        "venue",
        PlacePick,
        "place",
        dict(incident=incident, options=[v.name for v in venues]),
        rule=PlacePick(choice=venues.index(best[0]) + 1),
        constant=PlacePick(choice=1),
        max_tokens=20,
    )
    return venues[pick.choice - 1] if 0 < pick.choice <= len(venues) else None


def _country_code(town: places.Candidate | None, country: str | None) -> str | None:
    """The incident's country code: its town's (GeoNames), else its country name's."""
    return town.country_code if town and town.country_code else places.country_code(country or "")
