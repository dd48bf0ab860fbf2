"""Answers: the small response models the LLM fills in; their docs are the prompt's schema."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from summarizer.core.brief import FigureRole


class Answer(BaseModel):
    model_config = ConfigDict(extra="forbid")


class FigureRoleAnswer(Answer):
    """The part a count of people plays in a news sentence about the incident."""

    role: FigureRole = Field(
        description=(
            "total: the incident's whole count as the report stands; part: a subset (a place, children,"
            " bodies identified); increment: newly added ('eight more'); earlier: a superseded figure"
            " ('up from 74'); projection: a forecast ('could rise to 10,000'); other_event: another"
            " incident's count"
        )
    )


class Synopsis(Answer):
    """A headline and a short neutral summary written only from the given facts."""

    headline: str = Field(max_length=140, description="short neutral headline")
    summary: str = Field(max_length=700, description="two to four neutral sentences")


class SpeakerPick(Answer):
    """Which numbered person says the quotation ("he said")."""

    choice: Literal[0, 1, 2, 3] = Field(
        description="the number of the person who says the quotation; 0 if none of them"
    )
