"""Answers: the small response models the LLM fills in; their docs are the prompt's schema."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class Answer(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Relevance(Answer):
    """Whether a sentence's count belongs to the incident being summarised."""

    about: Literal["this_incident", "other_event"] = Field(
        description="this_incident if the count is of the incident described; other_event for a past or different event"
    )


class Synopsis(Answer):
    """A headline and a short neutral summary written only from the given facts."""

    headline: str = Field(max_length=140, description="short neutral headline")
    summary: str = Field(max_length=700, description="two to four neutral sentences")


class SpeakerPick(Answer):
    """Which numbered person says the quotation ("he said")."""

    choice: Literal[0, 1, 2, 3] = Field(description="the number of the person who says the quotation; 0 if none of them")
