"""Reading: the response model a capable model fills from one part of an article; its docs are the prompt."""

from __future__ import annotations

from collections.abc import Callable
from contextvars import ContextVar
from typing import Any, Literal

from pydantic import Field, field_validator

from summarizer.core.brief import Qualifier
from summarizer.llm.answers import Answer

# Finds a quote in the part of the article being read (None: not there): set by the reader around each
# question (stages/read.py, which owns the alignment); None: no check. Not instructor's `context`:
# instructor renders the messages as Jinja templates when one is given, and article text is never a
# template.
FIND_QUOTE: ContextVar[Callable[[str], object | None] | None] = ContextVar("find_quote", default=None)
MAX_ITEMS = 8  # per kind and part of an article
_QUOTE = (
    "the exact words of the article that state this, copied character for character (one sentence"
    " or less); never paraphrased, never translated"
)


class Quoted(Answer):
    quote: str = Field(min_length=3, max_length=400, description=_QUOTE)

    @field_validator("quote")
    @classmethod
    def in_the_text(cls, quote: str) -> str:
        """A quote that is not in the part of the article being read is sent back with the reason
        (instructor re-asks); code aligns and checks it again afterwards, whatever the model says."""
        find = FIND_QUOTE.get()
        if find is not None and find(quote) is None:
            raise ValueError("this quote is not in the article text; copy the article's exact words")
        return quote


class FigureItem(Quoted):
    """A count of people killed, injured or arrested in THIS incident (not an earlier event)."""

    category: Literal["killed", "injured", "arrests"]
    value: int = Field(ge=0, le=10_000_000, description="the number, in digits")
    qualifier: Qualifier = Field(
        default="exact", description="'at least 137' is at_least; 'about 40' is about"
    )
    scope: str | None = Field(
        default=None,
        max_length=80,
        description=(
            "null when it counts the whole incident; else the part it counts ('children', 'foreigners',"
            " 'in hospital')"
        ),
    )
    given_by: str | None = Field(
        default=None, max_length=120, description="who gives the number, if the text says"
    )


class StatementItem(Quoted):
    """Words someone is quoted as saying, inside quotation marks in the article."""

    speaker: str = Field(
        max_length=120, description="the person or body who says it, by name as the article names them"
    )
    role: str | None = Field(default=None, max_length=120, description="their role, if the article gives it")


class ResponsibilityItem(Quoted):
    """Who is said to be responsible for the incident, and who says so."""

    kind: Literal["claim", "confirmation", "attribution", "accusation", "denial"] = Field(
        description=(
            "claim: a group says it did it; confirmation: an authority confirms a claim; attribution: someone"
            " says who did it; accusation: someone blames another; denial: someone denies a role"
        )
    )
    actor: str | None = Field(
        default=None, max_length=120, description="who is said to be responsible (or denies it)"
    )
    asserted_by: str | None = Field(default=None, max_length=120, description="who says so")


class CauseItem(Quoted):
    """What caused the incident, as stated or suspected by someone (a gas leak, a signal fault, arson)."""

    text: str = Field(max_length=200, description="the cause, in a few words")
    asserted_by: str | None = Field(default=None, max_length=120, description="who states or suspects it")
    status: Literal["stated", "suspected", "disputed"] = Field(
        description=(
            "stated: given as fact; suspected: 'investigators suspect', 'may have'; disputed: someone"
            " contests it"
        )
    )


class PerpetratorItem(Quoted):
    """A person or group said to have carried out the incident, or held as a suspect."""

    name: str = Field(max_length=120, description="the name as the article gives it")
    kind: Literal["person", "group"]
    role: Literal["attacker", "suspect", "organizer", "claimed"]
    status: Literal["arrested", "charged", "killed", "at_large", "unknown"] = "unknown"


class EventItem(Quoted):
    """Something that happened on a stated day, as part of this incident or its aftermath."""

    date: str = Field(pattern=r"^\d{4}-\d{2}-\d{2}$", description="the day, YYYY-MM-DD")
    text: str = Field(max_length=200, description="what happened, in one short sentence")


class UnverifiedItem(Quoted):
    """Something the outlet says it could not verify, or reports as unconfirmed."""

    text: str = Field(max_length=200, description="what is unverified, in a few words")


_GRAMMAR_BREAKERS = frozenset({"maxLength", "minLength", "pattern"})


def inline(schema: dict[str, Any]) -> dict[str, Any]:
    """The schema as llama.cpp's server can take it: it builds a grammar from the tool schema and
    crashes (SIGSEGV) on references between definitions, on long length limits (one nested rule
    per character) and on regex escapes in patterns. So `$ref`s are replaced by their definitions, and
    lengths and patterns are left to pydantic, which still checks them on the answer."""
    defs = schema.pop("$defs", {})

    def walk(node: Any) -> Any:
        if isinstance(node, dict):
            if "$ref" in node:
                return walk(dict(defs[node["$ref"].rsplit("/", 1)[-1]]))
            return {k: walk(v) for k, v in node.items() if k not in _GRAMMAR_BREAKERS}
        if isinstance(node, list):
            return [walk(v) for v in node]
        return node

    inlined: dict[str, Any] = walk(schema)
    return inlined


class Reading(Answer):
    """Everything this part of a news article states about the incident named in the question.
    Leave a list empty when the text says nothing of that kind; never add what the text does not say."""

    figures: list[FigureItem] = Field(default=[], max_length=MAX_ITEMS)
    statements: list[StatementItem] = Field(default=[], max_length=MAX_ITEMS)
    responsibility: list[ResponsibilityItem] = Field(default=[], max_length=MAX_ITEMS)
    causes: list[CauseItem] = Field(default=[], max_length=MAX_ITEMS)
    perpetrators: list[PerpetratorItem] = Field(default=[], max_length=MAX_ITEMS)
    events: list[EventItem] = Field(default=[], max_length=MAX_ITEMS)
    unverified: list[UnverifiedItem] = Field(default=[], max_length=MAX_ITEMS)

    @classmethod
    def model_json_schema(cls, *args: Any, **kwargs: Any) -> dict[str, Any]:
        return inline(super().model_json_schema(*args, **kwargs))
