"""The incident brief contract: pydantic models that never import a provider."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

SchemaVersion = Literal["1", "2"]
SCHEMA_VERSION: SchemaVersion = "2"  # 2: casualties.missing, FigureReport.role, Run.source_order

IncidentType = Literal[
    "armed_assault",
    "bombing",
    "arson",
    "hostage_taking",
    "assassination",
    "vehicle_ramming",
    "stabbing",
    "explosion",
    "fire",
    "transport_accident",
    "industrial_accident",
    "structural_collapse",
    "natural_disaster",
    "crowd_crush",
    "cyberattack",
    "other",
    "unknown",
]
# The incident's kind one level down, from published taxonomies: EM-DAT's hazard types for natural
# disasters and its transport modes for transport accidents (CRED, EM-DAT classification), a collapse's
# structure, and the Global Terrorism Database's attack types (START, GTD codebook) for attacks.
NaturalSubtype = Literal[  # EM-DAT natural hazards
    "earthquake",
    "flood",
    "flash_flood",
    "storm",
    "wildfire",
    "landslide",
    "tsunami",
    "volcanic_activity",
    "extreme_temperature",
]
IncidentSubtype = Literal[
    NaturalSubtype,
    "air",
    "rail",
    "road",
    "water",  # EM-DAT transport accidents, by mode
    "building_collapse",
    "bridge_collapse",
    "dam_collapse",  # what gave way
    "assassination",
    "armed_assault",
    "bombing_explosion",
    "hijacking",
    "hostage_barricade",
    "kidnapping",
    "facility_attack",
    "unarmed_assault",  # GTD attack types
]
Qualifier = Literal["exact", "at_least", "more_than", "about", "up_to", "fewer_than"]
# The part a count plays in its report (readers/figures.py reads it from the parse).
FigureRole = Literal["total", "part", "increment", "earlier", "projection", "other_event"]
FigureCategory = Literal["killed", "injured", "missing", "arrests"]
# Who answers the pipeline's questions (llm/decide.py), and who reads the articles (stages/read.py).
Answers = Literal["model", "rules", "constant"]
Reader = Literal["candidates", "articles", "both"]
Rule = Literal["latest", "conservative", "max"]
SourceStatus = Literal["used", "duplicate", "off_topic", "unsupported_language", "failed"]
Topic = Literal[
    FigureCategory,
    "date",
    "location",
    "responsibility",
    "perpetrators",
    "weapons",
    "timeline",
    "cause",
    "other",
]


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Quote(Model):
    """A verbatim span of one source: `sources[source_id].text[start:end] == quote`."""

    source_id: str
    quote: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    alignment: Literal["exact", "fuzzy"] = Field(
        default="exact",
        description=(
            "exact: found by code at these offsets, or a model's quote found word for word; fuzzy: a model's"
            " quote"
            " matched to this passage of the source by rapidfuzz (score >= 90), `quote` being the source's"
            " own words"
        ),
    )


Evidence = list[Quote]


class DateFact(Model):
    value: str = Field(pattern=r"^\d{4}-\d{2}-\d{2}$", description="YYYY-MM-DD")
    time: str | None = Field(default=None, pattern=r"^\d{2}:\d{2}$")
    precision: Literal["day", "month", "year", "approximate"] = "day"
    evidence: Evidence


GeoPrecision = Literal["venue", "town", "region", "country"]


class Location(Model):
    venue: str | None = None
    city: str | None = None
    region: str | None = None
    country: str | None = None
    countries: list[str] = Field(
        default=[],
        description=(
            "every country the sources put the incident in, `country` first; more than one when it spans"
            " several"
            " (an earthquake that also killed people across a border)"
        ),
    )
    latitude: float | None = Field(
        default=None, ge=-90, le=90, description="WGS84, from GeoNames (see geo_precision)"
    )
    longitude: float | None = Field(default=None, ge=-180, le=180)
    geo_precision: GeoPrecision | None = Field(
        default=None,
        description=(
            "what latitude and longitude stand for: town (the GeoNames town of `city`), country (a GeoNames"
            " town"
            " of `country` near the middle of its towns: pin the country, not the point); venue and region"
            " are"
            " reserved (the offline GeoNames towns list has no buildings or regions); null when GeoNames has"
            " none"
        ),
    )
    geonames_id: int | None = Field(
        default=None,
        description=("the GeoNames id of the place the coordinates stand for (the town, or the country)"),
    )
    evidence: Evidence


class FigureReport(Model):
    """One outlet's statement of a count, e.g. "at least 137" -> 137, at_least."""

    value: int = Field(ge=0)
    qualifier: Qualifier = "exact"
    as_stated: str
    source_id: str
    published_at: str | None = None
    as_of: str | None = Field(
        default=None,
        description=(
            "YYYY-MM-DD: the day the source says this count stood ('climbed to 142 on Monday'), when its"
            " sentence"
            " names one; the `latest` rule dates the report by it before the source's own date"
        ),
    )
    attributed_to: str | None = None
    role: FigureRole = Field(
        default="total",
        description=(
            "total: this incident's whole count as the report stands (only totals compete for `best`, `low`,"
            " `high`"
            " and `disputed`); part: a subset (see `scope`); increment: newly added ('eight more'); earlier:"
            " a"
            " figure the source calls superseded ('up from 74'); projection: a forecast ('could rise to"
            " 10,000')"
        ),
    )
    scope: str | None = Field(
        default=None,
        max_length=80,
        description=(
            "null when the count is of the whole incident; else the part it covers, in the source's words"
            " ('children', 'Americans', 'in intensive care', 'on the spot', 'identified', a place)."
            " A scoped count never becomes the best figure and never makes a figure disputed"
        ),
    )
    vague_high: int | None = Field(
        default=None,
        description=(
            "set for a word, not a number ('dozens', 'hundreds'): `value` is its lower bound, this its upper;"
            " never the best figure while a numeric report exists"
        ),
    )
    evidence: Evidence


class Figure(Model):
    """All reports of one count, the best one by `rule`, their span, and whether they differ."""

    reports: list[FigureReport] = []
    best: FigureReport | None = None
    rule: Rule = "latest"
    low: int | None = Field(
        default=None,
        description=(
            "lowest total (role `total`, no scope) among the sources' current figures (vague bounds only if"
            " no number is given)"
        ),
    )
    high: int | None = Field(
        default=None,
        description=(
            "highest total among the sources' current figures (vague bounds only if no number is given)"
        ),
    )
    disputed: bool = Field(
        default=False,
        description=("the sources' current totals differ, or one falls outside a vague report's bounds"),
    )


class Casualties(Model):
    killed: Figure | None = None
    injured: Figure | None = None
    missing: Figure | None = Field(
        default=None, description=("missing, unaccounted for, trapped, feared or presumed dead")
    )


class Perpetrator(Model):
    name: str
    kind: Literal["person", "group"]
    role: Literal["attacker", "suspect", "organizer", "claimed"]
    status: Literal["arrested", "charged", "killed", "at_large", "unknown"] = "unknown"
    details: str | None = None
    evidence: Evidence


class Responsibility(Model):
    """Who is said to be responsible (`actor`), according to whom (`asserted_by`)."""

    kind: Literal["claim", "confirmation", "attribution", "accusation", "denial"]
    actor: str | None = None
    asserted_by: str | None = None
    channel: str | None = None
    text: str
    evidence: Evidence


class Cause(Model):
    """What caused the incident, according to whom, and how firmly."""

    text: str = Field(max_length=200)
    asserted_by: str | None = None
    status: Literal["stated", "suspected", "disputed"] = Field(
        description=(
            "stated: given as fact; suspected: 'investigators suspect', 'may have'; disputed: contested by"
            " someone"
        )
    )
    evidence: Evidence


class TextFact(Model):
    text: str
    evidence: Evidence


class Statement(Model):
    speaker: str
    role: str | None = None
    quote: str
    evidence: Evidence


class TimelineEvent(Model):
    date: str | None = Field(default=None, pattern=r"^\d{4}-\d{2}-\d{2}$")
    time: str | None = None
    text: str
    evidence: Evidence


class Position(Model):
    text: str
    source_ids: list[str]
    evidence: Evidence


class Contradiction(Model):
    topic: Topic
    text: str
    positions: list[Position]


class Source(Model):
    id: str
    name: str | None = None
    title: str | None = None
    outlet: str | None = None
    published_at: str | None = None
    url: str | None = None
    language: str | None = None
    words: int = 0
    status: SourceStatus = Field(
        default="used",
        description=(
            "used: facts taken from it; duplicate: same or near-same text as `duplicate_of`; off_topic:"
            " about another"
            " incident; unsupported_language: not English; failed: unreadable, or the model backend failed"
            " on it"
        ),
    )
    duplicate_of: str | None = None
    error: str | None = Field(default=None, description="why it is not used, in one line")
    suspected_injection: int = Field(
        default=0,
        description=(
            "sentences set aside because they address a model rather than a reader (never used as evidence)"
        ),
    )
    text: str


class Questions(Model):
    # The docstring is the schema's description of Questions, word for word: one line, however long.
    """One kind of question the pipeline asks (figure, venue, speaker): how often, and how the answers went."""  # noqa: E501

    asked: int = 0
    agreed_with_rule: int = Field(default=0, description="model answers equal to the rule's answer")
    fell_back: int = Field(
        default=0, description="questions without a valid model answer, decided by the rule"
    )


class ReadingReport(Model):
    """What the model's reading of the articles gave, and what code dropped."""

    chunks: int = 0
    failed_chunks: int = Field(default=0, description="parts with no valid answer (after re-asks)")
    items: int = Field(default=0, description="items the model listed")
    kept: int = Field(default=0, description="items aligned to the source and passing the checks")
    unaligned: int = Field(default=0, description="items whose quote is not in the source: dropped")
    unverified: int = Field(
        default=0,
        description=(
            "items dropped by a check: a number not in its quote, a statement outside quotation marks, a name"
            " the article never gives, a text its quote does not say, a background passage, a date outside"
            " the"
            " incident's year"
        ),
    )
    added: int = Field(default=0, description="kept items that code's candidates had not found")
    overruled: int = Field(
        default=0, description="speakers where the parse of the say-verb overruled the model"
    )


class SourceOrder(Model):
    """Where a source stands in publication order, and why (its dateline, or what its text says)."""

    source_id: str
    at: str | None = Field(
        default=None, description="YYYY-MM-DD: its dateline, or the day its content places it on"
    )
    basis: Literal["dateline", "content", "figures", "unknown"] = Field(
        description=(
            "dateline: its own publication date; content: the latest day it mentions, read against the"
            " incident's"
            " date and the other datelines; figures: after a source whose total it calls earlier; unknown:"
            " no clue"
        )
    )
    why: str = ""


class Tokens(Model):
    calls: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0


class Run(Model):
    backend: str
    model: str
    prompt_hash: str
    llm_calls: int = Field(default=0, description="HTTP calls made to the model in this run")
    cached_answers: int = Field(
        default=0, description="answers taken from the on-disk cache instead of the model"
    )
    prompt_tokens: int = 0
    completion_tokens: int = 0
    seconds: float = 0.0
    answers: Answers = Field(
        default="model",
        description="who answered the questions: the model, the rules, or one constant answer",
    )
    questions: dict[str, Questions] = {}
    reader: Reader = Field(
        default="candidates",
        description=(
            "who read the articles: code's candidates (judged by questions), the model (aligned and"
            " checked), or both"
        ),
    )
    reading: ReadingReport | None = Field(
        default=None, description="what the model's reading contributed, when it read"
    )
    tokens: dict[str, Tokens] = Field(
        default={}, description="model use per path: candidates, articles, synopsis"
    )
    source_order: list[SourceOrder] = Field(
        default=[],
        description=(
            "the sources in the publication order the `latest` rule used, oldest first, each with its basis"
        ),
    )
    carried_over: list[str] = Field(
        default=[],
        description=(
            "sources whose facts were taken from the previous brief (summarizer update): not read again, no"
            " model call"
        ),
    )
    cost_usd: float | None = Field(
        default=None,
        description=(
            "the brief's model cost, when the model's price is known (genai-prices); null for local models"
        ),
    )
    summary_by: Literal["model", "template"] = Field(
        default="template",
        description="who wrote headline and summary: the model (checked) or the fact template",
    )
    nothing_extracted: bool = Field(
        default=False,
        description=(
            "true when the articles gave no date, place, type, figure, statement, claim or cause (also a"
            " warning)"
        ),
    )
    warnings: list[str] = []


class Change(Model):
    """One difference between a story's previous brief and this one (`summarizer update`)."""

    topic: Literal[
        "sources",
        "headline",
        "type",
        "date",
        "location",
        "killed",
        "injured",
        "missing",
        "arrests",
        "responsibility",
        "perpetrators",
        "causes",
        "contradictions",
    ]
    action: Literal["added", "changed", "resolved"]
    text: str = Field(
        description='in words, after the topic: "best 133 (004) → 137 (002), reported 2024-03-26"'
    )
    source_ids: list[str] = Field(default=[], description="the sources that brought the change")


class IncidentBrief(Model):
    """A validated, source-grounded record of one incident reported by several articles."""

    schema_version: SchemaVersion = Field(
        default=SCHEMA_VERSION,
        description=("2 for every brief made now; 1 only on an older brief read back by `summarizer update`"),
    )
    headline: str
    summary: str
    incident_type: IncidentType = "unknown"
    incident_subtype: IncidentSubtype | None = Field(
        default=None,
        description=(
            "the kind one level down: an EM-DAT hazard type (earthquake ... extreme_temperature) or"
            " transport mode"
            " (air, rail, road, water), the structure that gave way (building, bridge, dam), or a GTD attack"
            " type;"
            " null when the sources' openings do not say"
        ),
    )
    date: DateFact | None = None
    location: Location | None = None
    casualties: Casualties = Casualties()
    arrests: Figure | None = None
    perpetrators: list[Perpetrator] = []
    responsibility: list[Responsibility] = []
    weapons: list[TextFact] = []
    unverified: list[TextFact] = []
    statements: list[Statement] = []
    timeline: list[TimelineEvent] = []
    causes: list[Cause] = []
    contradictions: list[Contradiction] = []
    sources: list[Source] = []
    changes: list[Change] = Field(
        default=[],
        description=("what changed since the story's previous brief; empty for a brief made from scratch"),
    )
    run: Run


def json_schema() -> dict[str, Any]:
    """The contract as JSON Schema, for newsroom tools in any language
    (schemas/incident-brief.schema.json)."""
    schema = IncidentBrief.model_json_schema(mode="serialization")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "incident-brief.schema.json",
        **schema,
    }
