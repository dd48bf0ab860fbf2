"""Decide: one small question to the model, with the rule's answer and a constant answer beside it."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TypeVar

from pydantic import BaseModel

from summarizer.core.brief import Answers
from summarizer.core.errors import AnswerError
from summarizer.core.protocols import ModelClient
from summarizer.llm.prompts import prompt_text

T = TypeVar("T", bound=BaseModel)


@dataclass
class QuestionCounts:
    """Per question kind: how often it was asked, how often the model's answer matched the rule's, and
    how often the model gave no valid answer so the rule answered."""

    asked: Counter[str] = field(default_factory=Counter)
    agreed: Counter[str] = field(default_factory=Counter)
    fell_back: Counter[str] = field(default_factory=Counter)


class Decider:
    """`model`: the model answers (the rule if its answer fails validation, or if `only` leaves that kind
    of question out); `rules`: the rule answers; `constant`: the same fixed answer every time, the
    baseline that shows what each part is worth."""

    def __init__(self, client: ModelClient, answers: Answers = "model", only: frozenset[str] | None = None):
        self.client, self.answers, self.only, self.tally = client, answers, only, QuestionCounts()

    async def ask(
        self,
        kind: str,
        response_model: type[T],
        template: str,
        values: Mapping[str, object],
        rule: T,
        constant: T,
        max_tokens: int = 40,
    ) -> T:
        self.tally.asked[kind] += 1
        if self.answers == "constant":
            return constant
        if self.answers == "rules" or self.only is not None and kind not in self.only:
            return rule
        try:
            answer = await self.client.ask(
                response_model, prompt_text("system"), prompt_text(template, **values), max_tokens=max_tokens
            )
        except AnswerError:
            self.tally.fell_back[kind] += 1
            return rule
        if answer == rule:
            self.tally.agreed[kind] += 1
        return answer
