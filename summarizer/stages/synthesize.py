"""Synthesize: headline and summary from the reconciled facts, numbers checked against them."""

from __future__ import annotations

import re

from summarizer.core.brief import Figure, IncidentBrief, Location
from summarizer.core.errors import AnswerError, BackendError
from summarizer.core.protocols import ModelClient
from summarizer.core.text import QUALIFIER_WORDS, plural
from summarizer.llm.answers import Synopsis
from summarizer.llm.prompts import prompt_text
from summarizer.readers.kinds import NATURAL, REFINES

_MARKUP = re.compile(r"!?\[([^\]]*)\]\([^)]*\)|https?://\S+|www\.\S+|<[^>]{0,200}>")


def clean(text: str) -> str:
    """Free text without links, images or markup, on one line."""
    return re.sub(r"\s+", " ", _MARKUP.sub(lambda m: m.group(1) or "", text)).strip()


def stated(fig: Figure | None, noun: str) -> str | None:
    if fig is None or fig.best is None:
        return None
    b = fig.best
    if b.vague_high is not None:
        return f"{b.as_stated.lower()} {noun}"
    span = f" (reports range from {fig.low} to {fig.high})" if fig.disputed and fig.low != fig.high else ""
    return f"{QUALIFIER_WORDS[b.qualifier]}{b.value} {noun}{span}"


# Headline words for the subtypes more specific than their type (GTD's attack types are not: "armed
# assault", "bombing" and "vehicle ramming" already say as much or more).
SUBTYPE_WORDS = {
    "earthquake": "earthquake",
    "flood": "flood",
    "flash_flood": "flash flood",
    "storm": "storm",
    "wildfire": "wildfire",
    "landslide": "landslide",
    "tsunami": "tsunami",
    "volcanic_activity": "volcanic eruption",
    "extreme_temperature": "extreme-temperature event",
    "air": "plane crash",
    "rail": "train crash",
    "road": "road crash",
    "water": "shipwreck",
    "building_collapse": "building collapse",
    "bridge_collapse": "bridge collapse",
    "dam_collapse": "dam collapse",
    "hijacking": "hijacking",
    "kidnapping": "kidnapping",
    "hostage_barricade": "hostage siege",
}
# Incidents that cover an area or happen away from towns: named by their country or region, or "near" a town.
AREA_SUBTYPES = frozenset(NATURAL)


def kind_words(brief: IncidentBrief) -> str:
    """The most specific kind, in words: the subtype when it says more than the type ("earthquake",
    "plane crash", "bridge collapse"), else the type ("armed assault"), else "incident"."""
    sub = brief.incident_subtype
    if sub in SUBTYPE_WORDS and (
        brief.incident_type == REFINES.get(sub, ("hostage_taking",))[0]
        or sub == "wildfire"
        and brief.incident_type == "fire"
    ):
        return SUBTYPE_WORDS[sub]
    return (
        brief.incident_type.replace("_", " ")
        if brief.incident_type not in ("unknown", "other")
        else "incident"
    )


def headline_place(brief: IncidentBrief) -> str | None:
    """Where, for the headline: an area-wide disaster in its country or region ("Earthquake in Nepal"), a
    plane crash near its town, anything else at its venue or in its town or country."""
    location = brief.location
    if location is None:
        return None
    if brief.incident_subtype in AREA_SUBTYPES and (location.country or location.region):
        return f"in {location.country or location.region}"
    if brief.incident_subtype == "air" and (location.city or location.region or location.country):
        return f"near {location.city}" if location.city else f"in {location.region or location.country}"
    return _local_place(location)


def _local_place(location: Location) -> str | None:
    """At the venue, else in the town or the country."""
    if location.venue:
        return f"at {location.venue}"
    if location.city or location.country:
        return f"in {location.city or location.country}"
    return None


def facts(brief: IncidentBrief) -> list[str]:
    out = [f"Type: {kind_words(brief)}"]
    if brief.date:
        out.append(f"Date: {brief.date.value}")
    if loc := brief.location:
        out.append("Place: " + ", ".join(x for x in (loc.venue, loc.city, loc.country) if x))
    for fig, noun in (
        (brief.casualties.killed, "killed"),
        (brief.casualties.injured, "injured"),
        (brief.arrests, "arrested"),
    ):
        if s := stated(fig, noun):
            out.append(s)
    claims = [r.actor for r in brief.responsibility if r.kind == "claim" and r.actor]
    if claims:
        out.append(f"Claimed by: {claims[0]}")
    accused = [
        f"{r.asserted_by} blamed {r.actor}"
        for r in brief.responsibility
        if r.kind == "accusation" and r.actor
    ]
    if accused:
        out.append(f"Disputed: {accused[0]}")
    return out


def allowed_numbers(brief: IncidentBrief) -> set[str]:
    nums = set()
    for fig in (brief.casualties.killed, brief.casualties.injured, brief.arrests):
        if fig:
            nums |= {str(r.value) for r in fig.reports}
    if brief.date:
        y, m, d = brief.date.value.split("-")
        nums |= {y, str(int(m)), str(int(d)), m, d}
    return nums


def numbers_ok(text: str, brief: IncidentBrief) -> bool:
    return set(re.findall(r"\d+", text.replace(",", ""))) <= allowed_numbers(brief)


def names_ok(text: str, fact_lines: list[str]) -> bool:
    """Every capitalised word past a sentence start must come from the facts (no invented places or
    actors)."""
    known = {w.lower() for line in fact_lines for w in re.findall(r"[A-Za-z][\w'’-]*", line)}
    for sentence in re.split(r"(?<=[.!?])\s+", text):
        for word in re.findall(r"[A-Z][\w'’-]*", sentence)[1:]:
            if word.lower() not in known:
                return False
    return True


def rejection(headline: str, summary: str, brief: IncidentBrief, fact_lines: list[str]) -> str | None:
    """Why the model's headline and summary cannot be used, or None when they can."""
    n = len(re.findall(r"[.!?](?:\s|$)", summary))
    both = f"{headline}. {summary}"
    if not headline:
        return "no headline"
    if not 2 <= n <= 5:
        return f"a summary of {n} sentences (2 to 5 wanted)"
    if not numbers_ok(both, brief):
        return "a number that is not one of the brief's"
    if not names_ok(both, fact_lines):
        return "a name that is not in the facts"
    return None


def template(brief: IncidentBrief) -> tuple[str, str]:
    """The fallback: headline and summary composed from the facts alone."""
    kind = kind_words(brief)
    # "Armed assault at Crocus City Hall", "Earthquake in Morocco", "Plane crash near Digne".
    place = headline_place(brief)
    killed = stated(brief.casualties.killed, "killed")
    headline = f"{kind.capitalize()}{' ' + place if place else ''}" + (
        f": {killed.split(' (')[0]}" if killed else ""
    )
    return headline, " ".join(summary_sentences(brief, kind, killed)[:5])


def outcome_sentences(brief: IncidentBrief, killed: str | None) -> list[str]:
    """The toll, the arrests and the first claim of responsibility, a sentence each."""
    sentences = []
    toll = [
        figure
        for figure in (
            killed,
            stated(brief.casualties.injured, "injured"),
            stated(brief.casualties.missing, "missing"),
        )
        if figure
    ]
    if toll:
        sentences.append(f"Sources report {' and '.join(toll)}.")
    if arrests := stated(brief.arrests, "people arrested"):
        sentences.append(f"Authorities reported {arrests}.")
    claims = [r.actor for r in brief.responsibility if r.kind == "claim" and r.actor]
    if claims:
        sentences.append(f"{claims[0]} claimed responsibility.")
    return sentences


def summary_sentences(brief: IncidentBrief, kind: str, killed: str | None) -> list[str]:
    """What happened where and when, the toll, the arrests and a claim; at least two sentences."""
    location = brief.location
    where = ", ".join(x for x in (location.venue, location.city, location.country) if x) if location else None
    first = f"An {kind}" if kind[0] in "aeiou" else f"A {kind}"
    when = f" on {brief.date.value}" if brief.date else ""
    sentences = [f"{first} took place{' in ' + where if where else ''}{when}."]
    sentences += outcome_sentences(brief, killed)
    if len(sentences) < 2:
        used = sum(source.status == "used" for source in brief.sources)
        sentences.append(f"The brief draws on {plural(used, 'source')}.")
    return sentences


async def synthesize(brief: IncidentBrief, client: ModelClient | None) -> tuple[str, str, str, list[str]]:
    """Headline, summary, who wrote them ('model' or 'template'), warnings.

    The model's text is kept only if its numbers are the brief's own and it names nothing the
    facts do not; otherwise the template writes them from the facts alone."""
    warnings: list[str] = []
    lines = facts(brief)
    if client is not None:
        try:
            s = await client.ask(
                Synopsis,
                prompt_text("system"),
                prompt_text("summary", facts=lines, n_sources=len(brief.sources)),
                max_tokens=300,
            )
            headline, summary = clean(s.headline), clean(s.summary)
            if (why := rejection(headline, summary, brief, lines)) is None:
                return headline, summary, "model", warnings
            warnings.append(f"the model's summary was rejected ({why}); used the template")
        except (AnswerError, BackendError) as e:
            warnings.append(f"no summary from the model ({e}); used the template")
    headline, summary = template(brief)
    return headline, summary, "template", warnings
