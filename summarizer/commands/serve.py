"""Serve: an HTTP JSON API (FastAPI) for newsroom tools: briefs, updates, the schema, a health check."""

from __future__ import annotations

import dataclasses
import hmac
import os
import sys
import time
import typing
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from typing import TYPE_CHECKING, Any, cast

import uvicorn
from fastapi import Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, ConfigDict, Field, create_model
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from summarizer import __version__
from summarizer.commands.workers import RETRY_AFTER, GaveUp, Job, Pool, WorkerDied
from summarizer.core.article import Article
from summarizer.core.brief import Answers, IncidentBrief, Reader, Rule, json_schema
from summarizer.core.errors import BackendError, UsageError
from summarizer.llm.config import Config
from summarizer.llm.embedded import aensure_server, stop_server
from summarizer.pipeline import needs_embedded_server

if TYPE_CHECKING:
    from types import FrameType

MAX_BODY = 8_000_000  # bytes of one request
MAX_ARTICLES = 50
MAX_CHARS = 200_000  # one article's text
REQUEST_SECONDS = 300.0  # one request's limit, its wait for a worker included (--request-timeout)
CLIENT_OPTIONS = frozenset(
    {"rule"}
)  # what a client may choose unless the operator allows more (--client-options)


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


# The article fields a client may send, in the order the API's schema lists them, with the service's limits
# on each. Their names and types are `Article`'s; a client may leave out (or send null for) all but the text.
ARTICLE_LIMITS: dict[str, dict[str, Any]] = {
    "id": {"max_length": 200},
    "title": {"max_length": 1_000},
    "text": {"min_length": 1, "max_length": MAX_CHARS},
    "published_at": {"max_length": 40},
    "url": {"max_length": 2_000},
    "outlet": {"max_length": 200},
}


class ArticleFields(Strict):
    """The base of `ArticleIn`, whose fields are made from `Article`'s by `article_model`."""

    def to_article(self) -> Article:
        """The Article to read; one without an id gets one when the articles are loaded."""
        fields = self.model_dump()
        return Article(**{**fields, "id": fields["id"] or ""})


def article_model() -> type[ArticleFields]:
    """`ArticleIn`: the fields of ARTICLE_LIMITS, typed as in `Article`."""
    types = typing.get_type_hints(Article)
    fields: dict[str, Any] = {
        name: (types[name], Field(**limits))
        if name == "text"
        else (types[name] | None, Field(default=None, **limits))
        for name, limits in ARTICLE_LIMITS.items()
    }
    return create_model(
        "ArticleIn", __base__=ArticleFields, __doc__="One article, as in the CLI's JSON records.", **fields
    )


if TYPE_CHECKING:  # a class made at run time is no type to mypy; what code uses of it is ArticleFields'
    ArticleIn = ArticleFields
else:
    ArticleIn = article_model()


class Options(Strict):
    """What a client may ask for; only the options the operator allows (--client-options) may differ from
    the server's own settings."""

    rule: Rule = "latest"
    reader: Reader | None = None
    answers: Answers | None = None
    model: str | None = Field(default=None, max_length=200)


class BriefRequest(Strict):
    articles: list[ArticleIn] = Field(min_length=1, max_length=MAX_ARTICLES)
    options: Options = Options()


class UpdateRequest(BriefRequest):
    brief: IncidentBrief


def error(status: int, message: str, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status, headers=headers)


class BodyLimit:
    """ASGI middleware: a body over MAX_BODY is refused with 413 before it is read into memory."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > MAX_BODY):
            return await error(413, f"body over {MAX_BODY:,} bytes")(scope, receive, send)
        seen = 0

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > MAX_BODY:
                raise TooLarge()
            return message

        try:
            await self.app(scope, counted, send)
        except TooLarge:
            await error(413, f"body over {MAX_BODY:,} bytes")(scope, receive, send)


class TooLarge(StarletteHTTPException):
    """A body that outgrew MAX_BODY while being read (a chunked one declares no length). An HTTP
    exception, so that FastAPI lets it through instead of calling it a body it cannot parse (400)."""

    def __init__(self) -> None:
        super().__init__(413)


class ClientGone(Exception):
    pass


class Refused(Exception):
    """An option the operator has not let clients choose (422)."""


def chosen(config: Config, options: Options, allowed: frozenset[str]) -> Config:
    """The operator's config with the client's options that are allowed (or that restate the operator's
    own)."""
    own = {"rule": "latest", "reader": config.reader, "answers": config.answers, "model": config.model}
    for name in sorted(options.model_fields_set):
        value = getattr(options, name)
        if value is not None and value != own[name] and name not in allowed:
            raise Refused(
                f"options.{name}: this server does not let clients choose it "
                f"(allowed: {', '.join(sorted(allowed)) or 'none'})"
            )
    if options.model not in (None, config.model) and config.backend == "embedded":
        raise Refused(f"options.model: this server's embedded backend has one model, {config.model}")
    return dataclasses.replace(
        config,
        model=options.model or config.model,
        reader=options.reader or config.reader,
        answers=options.answers or config.answers,
    )


async def with_server(config: Config) -> Config:
    """The config pointed at the embedded model server when the brief needs a model: one server, started by
    the service and shared by its workers (a worker never starts one of its own)."""
    if not needs_embedded_server(config):
        return config
    server = await aensure_server()
    return dataclasses.replace(config, base_url=server.base_url)


def app(
    config: Config,
    allowed: frozenset[str] = CLIENT_OPTIONS,
    workers: int = 2,
    seconds: float = REQUEST_SECONDS,
) -> FastAPI:
    """The service over one configured backend. Briefs are made by `workers` worker processes (each with
    its share of the `jobs` model calls), within `seconds` each; they share one embedded model server."""
    service = Service(
        config=config,
        worker_config=dataclasses.replace(config, jobs=max(1, config.jobs // workers)),
        allowed=allowed,
        workers=workers,
        seconds=seconds,
        token=os.environ.get("SUMMARIZER_API_TOKEN") or None,
    )
    api = FastAPI(
        title="incident-summarizer",
        version=__version__,
        lifespan=service.lifespan,
        description=(
            "Grounded incident briefs from news articles. Every fact carries the words that state it."
        ),
    )
    api.add_middleware(BodyLimit)
    for exception, handler in ERROR_HANDLERS.items():
        api.add_exception_handler(exception, handler)
    briefs = api.post(
        "/v1/briefs",
        dependencies=[Depends(service.authorised)],
        response_model=IncidentBrief,
        summary="A brief from articles about one incident",
    )
    briefs(service.briefs)
    updates = api.post(
        "/v1/briefs/update",
        dependencies=[Depends(service.authorised)],
        response_model=IncidentBrief,
        summary="The next brief of a developing story, with `changes`",
    )
    updates(service.update)
    api.get("/v1/schema", response_model=None, summary="The IncidentBrief JSON Schema")(schema)
    api.get("/healthz", response_model=None, summary="Liveness")(service.healthz)
    return api


@dataclasses.dataclass
class Service:
    """What the routes share: the operator's settings (`worker_config`: the config with each worker's
    share of the model calls) and the bearer token (None: none needed)."""

    config: Config
    worker_config: Config
    allowed: frozenset[str]
    workers: int
    seconds: float
    token: str | None

    @asynccontextmanager
    async def lifespan(self, api: FastAPI) -> AsyncIterator[None]:
        api.state.pool = Pool(self.workers)  # the service's workers; `Stopping` finds them here on SIGTERM
        try:
            yield
        finally:
            api.state.pool.close()
            stop_server()

    def authorised(self, request: Request) -> None:
        if self.token is None:
            return
        given = request.headers.get("authorization", "")
        if not hmac.compare_digest(given.encode(), f"Bearer {self.token}".encode()):
            raise NotAuthorised()

    async def briefs(self, request: Request, body: BriefRequest) -> Response:
        return await self.run_one(request, body)

    async def update(self, request: Request, body: UpdateRequest) -> Response:
        return await self.run_one(request, body, previous=body.brief)

    async def healthz(self, request: Request) -> dict[str, object]:
        return {
            "status": "ok",
            "backend": self.config.backend,
            "model": self.config.model,
            "workers": self.workers,
            "busy": request.app.state.pool.busy,
        }

    async def run_one(
        self, request: Request, body: BriefRequest, previous: IncidentBrief | None = None
    ) -> Response:
        """The brief made by a worker, or the error the client gets."""
        give_up = self.giving_up(request, deadline=time.monotonic() + self.seconds)
        try:
            config = await with_server(chosen(self.worker_config, body.options, self.allowed))
            articles = [article.to_article() for article in body.articles]
            outcome = await request.app.state.pool.run(
                Job(articles, config, body.options.rule, previous), give_up
            )
        except Refused as refused:
            return error(422, str(refused))
        except BackendError as backend_error:
            return error(503, f"model backend unavailable: {backend_error}", {"Retry-After": RETRY_AFTER})
        except GaveUp as gave_up:
            return self.gave_up(gave_up.why)
        except WorkerDied:
            return error(500, "internal error (the process making the brief ended)")
        return Response(
            outcome.body, status_code=outcome.status, headers=outcome.headers, media_type="application/json"
        )

    def giving_up(self, request: Request, deadline: float) -> Callable[[], Awaitable[str | None]]:
        """Why to stop waiting for the brief: the client gone, the service stopping, or time up."""

        async def give_up() -> str | None:
            if await request.is_disconnected():
                return "gone"
            if request.app.state.pool.closing:
                return "shutdown"
            return "timeout" if time.monotonic() > deadline else None

        return give_up

    def gave_up(self, why: str) -> Response:
        if why == "gone":
            raise ClientGone() from None
        if why == "shutdown":
            return error(503, "the service is shutting down; try again", {"Retry-After": RETRY_AFTER})
        return error(
            504,
            f"the brief took longer than this server's limit of {self.seconds:g} s "
            "(waiting for a free worker included); send fewer or shorter articles",
        )


async def schema() -> dict[str, Any]:
    return json_schema()


# --- errors, as {"error": "..."} ------------------------------------------------------------------------


async def _unauthorised(_request: Request, _exc: Exception) -> Response:
    return error(401, "missing or wrong bearer token", {"WWW-Authenticate": "Bearer"})


async def _invalid(_request: Request, exc: Exception) -> Response:
    """422 with the first problem in one line: where (`articles.0.text`) and what."""
    errors = cast(RequestValidationError, exc).errors()  # registered for RequestValidationError only
    first = errors[0] if errors else {"loc": (), "msg": "invalid request"}
    where = ".".join(str(part) for part in first.get("loc", ()) if part != "body")
    more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
    return error(422, f"{where + ': ' if where else ''}{first.get('msg', 'invalid')}{more}"[:500])


async def _too_large(_request: Request, _exc: Exception) -> Response:
    return error(413, f"body over {MAX_BODY:,} bytes")


async def _gone(_request: Request, _exc: Exception) -> Response:
    return error(499, "client closed the request")


async def _internal(_request: Request, exc: Exception) -> Response:
    return error(500, f"internal error ({type(exc).__name__})")


class NotAuthorised(Exception):
    pass


# A handler is found by the exception's class, the most specific first: `Exception` is the last resort.
ERROR_HANDLERS: dict[type[Exception], Callable[[Request, Exception], Awaitable[Response]]] = {
    NotAuthorised: _unauthorised,
    RequestValidationError: _invalid,
    TooLarge: _too_large,
    ClientGone: _gone,
    Exception: _internal,
}


def client_options(names: str) -> frozenset[str]:
    """`--client-options rule,reader`: the options a client may choose ('none' for none)."""
    allowed = frozenset(name.strip() for name in names.split(",") if name.strip() and name.strip() != "none")
    if unknown := allowed - set(Options.model_fields):
        raise UsageError(
            f"unknown client options {sorted(unknown)}: use {', '.join(Options.model_fields)} or 'none'"
        )
    return allowed


def serve(
    config: Config,
    host: str,
    port: int,
    allowed: str | None = None,
    workers: int | None = None,
    seconds: float | None = None,
) -> int:
    """`allowed`, `workers`, `seconds`: --client-options, --workers and --request-timeout (None: the
    defaults)."""
    workers = max(1, os.cpu_count() or 1) if workers is None else workers
    seconds = REQUEST_SECONDS if seconds is None else seconds
    if workers < 1 or seconds <= 0:
        raise UsageError("--workers and --request-timeout must be positive")
    api = app(config, CLIENT_OPTIONS if allowed is None else client_options(allowed), workers, seconds)
    if host not in ("127.0.0.1", "localhost", "::1") and not os.environ.get("SUMMARIZER_API_TOKEN"):
        print(
            f"summarizer: warning: listening on {host} without SUMMARIZER_API_TOKEN: anyone who can reach "
            "it can use the model",
            file=sys.stderr,
        )
    Stopping(uvicorn.Config(api, host=host, port=port, log_level="warning")).run()
    return 0


class Stopping(uvicorn.Server):
    """uvicorn, whose SIGTERM (or Ctrl-C) also stops the briefs in flight: without it, shutdown would wait
    for each to finish (up to --request-timeout). Their clients get 503 with Retry-After."""

    def handle_exit(self, sig: int, frame: FrameType | None) -> None:
        api = cast(FastAPI, self.config.app)  # `serve` runs the app `app` made
        if pool := getattr(api.state, "pool", None):  # set by the app's lifespan
            pool.closing = True
        super().handle_exit(sig, frame)
