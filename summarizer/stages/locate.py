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


def evidence(c: places.Candidate | None, texts: dict[str, str], n: int = 2) -> list[Quote]:
    if c is None:
        return []
    seen, out = set(), []
    for m in c.mentions:
        if m.source_id not in seen:
            seen.add(m.source_id)
            out.append(quote(m.source_id, texts[m.source_id], m.start, m.end))
    return out[:n]


async def locate(
    mentions: list[places.Mention], texts: dict[str, str], decider: Decider, incident: str
) -> Location | None:
    cands = places.candidates([m for m in mentions if m.sentence < PLACE_LEAD])
    # The rule's order: the venue most sources put the incident at; never one named only as an origin, a
    # landmark, where someone spoke, or a river or sea the parse does not put the incident in
    best = [c for c in cands["venue"] if not all(m.reference for m in c.mentions)][:MAX_OPTIONS]
    venue = best[0] if best else None
    if len(best) > 1:
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
        venue = venues[pick.choice - 1] if 0 < pick.choice <= len(venues) else None
    town = places.choose_city(cands, venue)
    country, named_country = places.choose_country(cands, town)
    region = places.choose_region(
        places.candidates(mentions),
        town,
        venue,
        town.country_code if town and town.country_code else places.country_code(country or ""),
    )
    if not (venue or town or country):
        return None
    ev = (
        evidence(venue, texts)
        + evidence(town, texts)
        + evidence(region, texts, 1)
        + evidence(named_country, texts, 1)
    )
    if not ev:  # a country known only from GeoNames still needs words of a source: the city's
        return None
    code = (town.country_code if town and town.country_code else None) or places.country_code(country or "")
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
        evidence=ev,
    )
