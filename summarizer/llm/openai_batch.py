"""OpenAI Batch API for large backfills: the pipeline runs in rounds; each round's unanswered questions
go out as one batch job (requests file, submit, poll, collect) and come back into the answer cache.

A question waits on answers before it (the place before the figures, the facts before the summary),
so a round answers what it can from the cache and sends the rest; the next round, with those
answers, asks the questions that depended on them. When a round has nothing to send, the briefs are
final. An answer that does not validate is not asked again: its question falls back to the rule."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Awaitable, Callable
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

import openai
from instructor import Mode
from instructor.processing.response import handle_response_model
from pydantic import BaseModel, ValidationError

from summarizer.core.errors import AnswerError, BackendError
from summarizer.core.paths import write_atomic
from summarizer.core.protocols import ModelClient
from summarizer.llm.cache import Cache
from summarizer.llm.client import Client, describe
from summarizer.llm.config import Config

MAX_ROUNDS = 6
DONE = ("completed", "failed", "expired", "cancelled")

T = TypeVar("T", bound=BaseModel)
Briefs = TypeVar("Briefs")
# {cache key: (response model, chat completion request body)}: the questions waiting for the batch
Pending = dict[str, tuple[type[BaseModel], dict[str, Any]]]


class Deferred(Client):
    """A client that answers from the cache only; every other question is written down for the batch."""

    def __init__(self, config: Config, pending: Pending, given_up: set[str]):
        super().__init__(config)
        self.pending, self.given_up = pending, given_up

    async def _ask(self, response_model: type[T], system: str, user: str, max_tokens: int) -> T:
        key = self.key(response_model, system, user, max_tokens)
        if key not in self.given_up:
            _, kwargs = handle_response_model(
                response_model,
                mode=Mode.TOOLS,
                messages=[{"role": "system", "content": system}, {"role": "user", "content": user}],
            )
            self.pending[key] = (
                response_model,
                {"model": self.config.model, "max_tokens": max_tokens, "temperature": 0, **kwargs},
            )
        raise AnswerError("waiting for the batch job")


def parse(body: dict[str, Any], model: type[BaseModel]) -> BaseModel | None:
    """The response model from one batch response body (a chat completion with a tool call)."""
    try:
        call = body["choices"][0]["message"]["tool_calls"][0]["function"]["arguments"]
        return model.model_validate(json.loads(call))
    except (KeyError, IndexError, TypeError, json.JSONDecodeError, ValidationError):
        return None


async def submit(
    config: Config, pending: Pending, folder: Path, poll: float, say: Callable[[str], None]
) -> tuple[dict[str, BaseModel], dict[str, int]]:
    """One batch job for `pending`: the answers that validated, and token counts."""
    raw = openai.AsyncOpenAI(
        base_url=config.base_url, api_key=config.api_key or "no-key", max_retries=3, timeout=config.timeout
    )
    requests = write_requests(pending, folder)
    try:
        output = await run_job(raw, requests, len(pending), poll, say)
    except openai.APIError as e:
        raise BackendError(describe(e)) from None
    finally:
        await raw.close()
    return collect(output, pending)


def write_requests(pending: Pending, folder: Path) -> Path:
    """The batch's requests file, one chat completion request a line."""
    lines = [
        json.dumps({"custom_id": key, "method": "POST", "url": "/v1/chat/completions", "body": body})
        for key, (_model, body) in pending.items()
    ]
    requests = folder / f"requests-{int(time.time())}.jsonl"
    write_atomic(requests, "\n".join(lines) + "\n")
    return requests


async def run_job(
    raw: openai.AsyncOpenAI, requests: Path, count: int, poll: float, say: Callable[[str], None]
) -> str:
    """Upload the requests file, wait for its batch job, and return the job's output file."""
    with requests.open("rb") as f:
        uploaded = await raw.files.create(file=f, purpose="batch")
    job = await raw.batches.create(
        input_file_id=uploaded.id, endpoint="/v1/chat/completions", completion_window="24h"
    )
    say(f"batch {job.id}: {count} requests submitted ({requests.name})")
    while job.status not in DONE:
        await asyncio.sleep(poll)
        job = await raw.batches.retrieve(job.id)
        counts = job.request_counts
        say(f"batch {job.id}: {job.status}" + (f", {counts.completed}/{counts.total} done" if counts else ""))
    if job.status != "completed" or not job.output_file_id:
        raise BackendError(f"batch {job.id} ended {job.status}")
    return (await raw.files.content(job.output_file_id)).text


def collect(output: str, pending: Pending) -> tuple[dict[str, BaseModel], dict[str, int]]:
    """The answers in a job's output that validated, and the tokens all its responses spent."""
    answers: dict[str, BaseModel] = {}
    tokens = {"prompt_tokens": 0, "completion_tokens": 0}
    for line in output.splitlines():
        try:
            rec = json.loads(line)
            key, response = rec["custom_id"], rec.get("response") or {}
        except (json.JSONDecodeError, KeyError, TypeError):
            continue
        if key not in pending or response.get("status_code") != 200:
            continue
        body = response.get("body") or {}
        for k in tokens:
            tokens[k] += (body.get("usage") or {}).get(k, 0) or 0
        if (answer := parse(body, pending[key][0])) is not None:
            answers[key] = answer
    return answers, tokens


async def rounds(
    briefs: Callable[[Callable[[], ModelClient]], Awaitable[Briefs]],
    config: Config,
    folder: Path,
    poll: float = 30.0,
    say: Callable[[str], None] = lambda _m: None,
) -> Briefs:
    """Run `briefs(make_client)` until a round sends nothing; answers go to the cache in `folder`."""
    if config.cache_dir is None:
        raise ValueError("the batch mode keeps answers in the cache: do not turn it off")
    cache, given_up = Cache(config.cache_dir), set[str]()
    for n in range(1, MAX_ROUNDS + 1):
        pending: Pending = {}
        results = await briefs(partial(Deferred, config, pending, given_up))
        if not pending:
            return results
        say(f"round {n}: {len(pending)} questions for the batch API")
        answers, tokens = await submit(config, pending, folder, poll, say)
        for key, answer in answers.items():
            cache.put(key, answer.model_dump(mode="json"))
        given_up |= set(pending) - set(answers)
        say(
            f"round {n}: {len(answers)} answers, {len(pending) - len(answers)} fall back to the rules; "
            f"{tokens['prompt_tokens']:,} + {tokens['completion_tokens']:,} tokens"
        )
    # what is still missing: the rules answer
    return await briefs(partial(Deferred, config, {}, given_up))
