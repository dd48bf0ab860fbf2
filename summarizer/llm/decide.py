"""Decide: one small question to the model, with the rule's answer and a constant answer beside it."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import TypeVar

from pydantic import BaseModel

from summarizer.core.brief import Answers
from summarizer.core.errors import AnswerError
from summarizer.llm.prompts import render

T = TypeVar("T", bound=BaseModel)


@dataclass
class Tally:
    """Per question kind: how often it was asked and how often the model's answer matched the rule's."""

    asked: Counter = field(default_factory=Counter)
    agreed: Counter = field(default_factory=Counter)
    fell_back: Counter = field(default_factory=Counter)


class Decider:
    """`model`: the model answers (the rule if its answer fails validation, or if `only` leaves that kind
    of question out); `rules`: the rule answers; `constant`: the same fixed answer every time, the
    baseline that shows what each part is worth."""

    def __init__(self, client, answers: Answers = "model", only: frozenset[str] | None = None):
        self.client, self.answers, self.only, self.tally = client, answers, only, Tally()

    async def ask(
        self,
        kind: str,
        response_model: type[T],
        template: str,
        values: dict,
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
                response_model, render("system"), render(template, **values), max_tokens=max_tokens
            )
        except AnswerError:
            self.tally.fell_back[kind] += 1
            return rule
        if answer == rule:
            self.tally.agreed[kind] += 1
        return answer
