"""Scripted: a hand-written stand-in for a model (like pydantic-ai's FunctionModel), for tests and
ablations."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from pydantic import BaseModel

from summarizer.core.errors import AnswerError
from summarizer.llm.reading import FIND_QUOTE
from summarizer.llm.usage import Usage

if TYPE_CHECKING:
    from summarizer.core.protocols import ModelClient

T = TypeVar("T", bound=BaseModel)
Script = Callable[[type[BaseModel], str], BaseModel | None]


class ScriptedModel:
    """Answers each question with `script(response_model, user_prompt)`; None means "no valid answer"
    (the caller then falls back to its rule). No network, no model: every answer is written by hand."""

    def __init__(self, script: Script):
        self.script, self.usage = script, Usage()
        self.prompts: list[str] = []

    async def ask(self, response_model: type[T], system: str, user: str, max_tokens: int = 200) -> T:
        self.usage.calls += 1
        self.prompts.append(user)
        answer = self.script(response_model, user)
        if answer is None:
            raise AnswerError("the scripted model gave no answer")
        token = FIND_QUOTE.set(None)  # taken as the model gave it: the code's own checks are what a test sees
        try:
            return response_model.model_validate(answer.model_dump())
        finally:
            FIND_QUOTE.reset(token)

    async def close(self) -> None:
        return None


class NoModel:
    """The client of a run that asks no model anything (the embedded default: the rules answer and the
    template writes the synopsis): every question falls back to its rule, and nothing is imported or
    started for a model."""

    def __init__(self) -> None:
        self.usage = Usage()

    async def ask(self, response_model: type[T], system: str, user: str, max_tokens: int = 200) -> T:
        raise AnswerError("no model is asked in this run")

    async def close(self) -> None:
        return None


if TYPE_CHECKING:  # mypy checks that both stand-ins are model clients
    _SCRIPTED: type[ModelClient] = ScriptedModel
    _NO_MODEL: type[ModelClient] = NoModel
