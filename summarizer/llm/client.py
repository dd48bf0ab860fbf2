"""Client: one code path to any OpenAI-compatible backend through `instructor`, retried once."""

from __future__ import annotations

import asyncio
import logging
import re
import time
import weakref
from typing import TYPE_CHECKING, TypeVar

import instructor
import openai
from instructor.core.exceptions import IncompleteOutputException, InstructorRetryException
from pydantic import BaseModel, ValidationError
from tenacity import AsyncRetrying, RetryCallState, retry_if_exception, stop_after_attempt

from summarizer.core.errors import AnswerError, BackendError
from summarizer.llm.cache import Cache
from summarizer.llm.config import Config
from summarizer.llm.prompts import prompt_hash
from summarizer.llm.usage import Usage

if TYPE_CHECKING:
    import httpx2  # the httpx fork openai's client is built on: only its type is named here

# instructor logs each failed attempt at ERROR with the model's raw output: not for our users.
logging.getLogger("instructor").setLevel(logging.CRITICAL)

T = TypeVar("T", bound=BaseModel)

# Who retries what, once: openai's own retries are off; tenacity here retries transport
# faults and 429/5xx; instructor only re-asks when the answer fails validation.
MODES = {
    "tools": instructor.Mode.TOOLS,
    "json": instructor.Mode.JSON,
    "json_schema": instructor.Mode.JSON_SCHEMA,
}


def root(exc: BaseException) -> BaseException:
    while isinstance(exc, InstructorRetryException) and exc.__cause__ is not None:
        exc = exc.__cause__
    return exc


def transient(exc: BaseException) -> bool:
    e = root(exc)
    if isinstance(e, (openai.APIConnectionError, openai.APITimeoutError, openai.RateLimitError)):
        return True
    return isinstance(e, openai.APIStatusError) and e.status_code >= 500


def retry_after(exc: BaseException) -> float | None:
    e = root(exc)
    if isinstance(e, openai.APIStatusError):
        value = e.response.headers.get("retry-after")
        try:
            return float(value) if value is not None else None
        except ValueError:
            return None
    return None


def describe(exc: BaseException) -> str:
    """One line about a failure, without request bodies or keys."""
    e = root(exc)
    if isinstance(e, openai.APIStatusError):
        code = e.code if isinstance(e.code, str) and re.fullmatch(r"[a-z_]{1,40}", e.code) else None
        return f"HTTP {e.status_code} from the model backend" + (f" ({code})" if code else "")
    if isinstance(e, openai.APITimeoutError):
        return "the model backend timed out"
    if isinstance(e, openai.APIConnectionError):
        return "cannot reach the model backend"
    if isinstance(e, IncompleteOutputException):
        return "the model's answer was cut off at max_tokens"
    if isinstance(exc, InstructorRetryException):
        return f"the model's answer did not validate after {exc.n_attempts} attempts"
    return type(e).__name__


# event loop -> {base_url: Semaphore}
_limits: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, dict[str, asyncio.Semaphore]] = (
    weakref.WeakKeyDictionary()
)


def limit(base_url: str | None, jobs: int) -> asyncio.Semaphore:
    """One limit per backend and event loop, so concurrent briefs share `jobs` slots instead of each
    taking them."""
    per_loop = _limits.setdefault(asyncio.get_running_loop(), {})
    return per_loop.setdefault(base_url or "", asyncio.Semaphore(jobs))


async def pause(seconds: float) -> None:
    """The wait between retries (a seam: tests record the waits instead of sleeping)."""
    await asyncio.sleep(seconds)


class Client:
    """Asks typed questions of the configured model and counts what that costs."""

    def __init__(self, config: Config, http_client: httpx2.AsyncClient | None = None):
        self.config = config
        self.usage = Usage()
        self.cache = Cache(config.cache_dir) if config.cache_dir else None
        raw = openai.AsyncOpenAI(
            base_url=config.base_url,
            api_key=config.api_key or "no-key",
            max_retries=0,
            timeout=config.timeout,
            http_client=http_client,
        )
        self._raw, self._owns_http = raw, http_client is None
        self._client = instructor.from_openai(raw, mode=MODES[config.mode])
        self._client.on("completion:response", self._count)

    async def close(self) -> None:
        """Close connections on this event loop (left to the GC they would be closed on a dead loop)."""
        if self._owns_http:
            await self._raw.close()

    def _count(self, completion: object) -> None:
        self.usage.calls += 1
        if spent := getattr(completion, "usage", None):
            self.usage.prompt_tokens += spent.prompt_tokens or 0
            self.usage.completion_tokens += spent.completion_tokens or 0

    async def ask(self, response_model: type[T], system: str, user: str, max_tokens: int = 200) -> T:
        """One structured answer, from the cache or the model; transient faults retried, then BackendError."""
        if self.cache is None:
            return await self._ask(response_model, system, user, max_tokens)
        key = self.key(response_model, system, user, max_tokens)
        if (hit := self.cache.get(key)) is not None:
            try:
                answer = response_model.model_validate(hit)
                self.usage.cached += 1
                return answer
            except ValidationError:
                pass
        answer = await self._ask(response_model, system, user, max_tokens)
        self.cache.put(key, answer.model_dump(mode="json"))
        return answer

    def key(self, response_model: type[BaseModel], system: str, user: str, max_tokens: int) -> str:
        """The answer's cache key: everything that could change the answer."""
        cfg = self.config
        return Cache.key(
            cfg.backend,
            cfg.model,
            cfg.mode,
            prompt_hash(),
            response_model.__name__,
            response_model.model_json_schema(),
            system,
            user,
            max_tokens,
        )

    async def _ask(self, response_model: type[T], system: str, user: str, max_tokens: int) -> T:
        cfg = self.config

        def wait(state: RetryCallState) -> float:
            failure = state.outcome.exception() if state.outcome else None
            hinted = retry_after(failure) if failure is not None else None
            backoff = min(cfg.backoff * 2 ** (state.attempt_number - 1), 30.0)
            return min(hinted, 60.0) if hinted is not None else backoff

        async with limit(cfg.base_url, cfg.jobs):
            t0 = time.monotonic()
            try:
                async for attempt in AsyncRetrying(
                    stop=stop_after_attempt(cfg.retries + 1),
                    wait=wait,
                    retry=retry_if_exception(transient),
                    reraise=True,
                    sleep=pause,
                ):
                    with attempt:
                        return await self._client.chat.completions.create(
                            model=cfg.model,
                            response_model=response_model,
                            max_retries=cfg.reasks,
                            max_tokens=max_tokens,
                            temperature=0,
                            messages=[
                                {"role": "system", "content": system},
                                {"role": "user", "content": user},
                            ],
                        )
            except InstructorRetryException as e:
                if isinstance(root(e), openai.APIError):
                    raise BackendError(describe(e)) from None
                raise AnswerError(describe(e)) from None
            except IncompleteOutputException as e:  # the same max_tokens would cut it again: not retried
                raise AnswerError(describe(e)) from None
            except openai.APIError as e:
                raise BackendError(describe(e)) from None
            finally:
                self.usage.seconds += time.monotonic() - t0
        raise AssertionError("unreachable")
