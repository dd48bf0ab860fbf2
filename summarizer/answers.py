"""Answers: the small response models the LLM fills in; their docs are the prompt's schema."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from .schema import IncidentType

Name = Field(default=None, max_length=80)


class Answer(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Relevance(Answer):
    """Whether a sentence's count belongs to the incident being summarised."""

    about: Literal["this_incident", "other_event"] = Field(
        description="this_incident if the count is of the incident described; other_event for a past or different event"
    )


class IncidentAnswer(Answer):
    """What happened and where, copied from the article's words."""

    incident_type: IncidentType = Field(description="the kind of incident")
    venue: str | None = Field(default=None, max_length=80, description="building or site, as written")
    city: str | None = Field(default=None, max_length=60, description="city or town, as written")
    country: str | None = Field(default=None, max_length=60, description="country, as written")


class ResponsibilityAnswer(Answer):
    """Who asserts that whom is responsible, each copied from the sentence."""

    kind: Literal["claim", "confirmation", "attribution", "accusation", "denial"] = Field(
        description="claim: a group says it did it; confirmation: others confirm that claim; "
        "attribution or accusation: someone blames another party; denial: someone rejects blame"
    )
    actor: str | None = Field(default=None, max_length=80, description="who is said to be responsible")
    asserted_by: str | None = Field(default=None, max_length=80, description="who says so")


class Synopsis(Answer):
    """A headline and a short neutral summary written only from the given facts."""

    headline: str = Field(max_length=140, description="short neutral headline")
    summary: str = Field(max_length=700, description="two to four neutral sentences")
