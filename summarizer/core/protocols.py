"""Protocols: what the pipeline needs of a model client and of a progress display, whatever implements them.

Model clients: `llm.client.Client` (any OpenAI-compatible backend), its batch form
`llm.openai_batch.Deferred`, and the stand-ins of `llm.scripted` (`ScriptedModel`, `NoModel`).
Progress: `commands.progress.Bar` (a live bar) or any function that takes one line."""

from __future__ import annotations

from typing import Protocol, TypeVar

from pydantic import BaseModel

AnswerT = TypeVar("AnswerT", bound=BaseModel)


class UsageCounts(Protocol):
    """What a client has spent so far (`llm.usage.Usage`); the brief's run record reads it."""

    calls: int
    cached: int
    prompt_tokens: int
    completion_tokens: int


class ModelClient(Protocol):
    """Asks one typed question; raises `AnswerError` when there is no valid answer (the caller's rule
    answers then) and `BackendError` when the backend fails."""

    @property
    def usage(self) -> UsageCounts: ...

    async def ask(
        self, response_model: type[AnswerT], system: str, user: str, max_tokens: int = 200
    ) -> AnswerT: ...

    async def close(self) -> None: ...


class Progress(Protocol):
    """Told each step of a brief as one line."""

    def __call__(self, message: str, /) -> None: ...


class ProgressBar(Progress, Protocol):
    """A progress display that also counts: `plan(n)`, n more steps to come; `step()`, one done. The
    pipeline looks these up on any `Progress` and calls them when they are there."""

    def plan(self, steps: int, /) -> None: ...

    def step(self) -> None: ...
