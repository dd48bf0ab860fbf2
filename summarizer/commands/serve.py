"""Serve: an HTTP JSON API (FastAPI) for newsroom tools: briefs, updates, the schema, a health check."""

from __future__ import annotations

import dataclasses
import hmac
import os
import time
from contextlib import asynccontextmanager

import uvicorn
from fastapi import Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, ConfigDict, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

from summarizer.commands.workers import RETRY_AFTER, GaveUp, Job, Pool, WorkerDied
from summarizer.core.brief import Answers, IncidentBrief, Reader, Rule
from summarizer.core.errors import BackendError, UsageError
from summarizer.llm.config import Config

MAX_BODY = 8_000_000  # bytes of one request
MAX_ARTICLES = 50
MAX_CHARS = 200_000  # one article's text
REQUEST_SECONDS = 300.0  # one request's limit, its wait for a worker included (--request-timeout)
CLIENT_OPTIONS = frozenset(
    {"rule"}
)  # what a client may choose unless the operator allows more (--client-options)


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ArticleIn(Strict):
    """One article, as in the CLI's JSON records."""

    id: str | None = Field(default=None, max_length=200)
    title: str | None = Field(default=None, max_length=1_000)
    text: str = Field(min_length=1, max_length=MAX_CHARS)
    published_at: str | None = Field(default=None, max_length=40)
    url: str | None = Field(default=None, max_length=2_000)
    outlet: str | None = Field(default=None, max_length=200)


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


def error(status: int, message: str, headers: dict | None = None) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status, headers=headers)


class BodyLimit:
    """ASGI middleware: a body over MAX_BODY is refused with 413 before it is read into memory."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > MAX_BODY):
            return await error(413, f"body over {MAX_BODY:,} bytes")(scope, receive, send)
        seen = 0

        async def counted():
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

    def __init__(self):
        super().__init__(413)


class ClientGone(Exception):
    pass


class Refused(Exception):
    """An option the operator has not let clients choose (422)."""


def chosen(config: Config, options: Options, allowed: frozenset[str]) -> Config:
    """The operator's config with the client's options that are allowed (or that restate the operator's own)."""
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
    from summarizer.pipeline import needs_embedded_server

    if not needs_embedded_server(config):
        return config
    from summarizer.llm.embedded import aensure_server

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
    token = os.environ.get("SUMMARIZER_API_TOKEN") or None
    worker_config = dataclasses.replace(config, jobs=max(1, config.jobs // workers))

    @asynccontextmanager
    async def lifespan(_app):
        api.state.pool = Pool(workers)  # the service's workers; `Stopping` finds them here on SIGTERM
        try:
            yield
        finally:
            api.state.pool.close()
            from summarizer.llm.embedded import stop_server

            stop_server()

    api = FastAPI(
        title="incident-summarizer",
        version=_version(),
        lifespan=lifespan,
        description="Grounded incident briefs from news articles. Every fact carries the words that state it.",
    )
    api.add_middleware(BodyLimit)

    def authorised(request: Request) -> None:
        if token is None:
            return
        given = request.headers.get("authorization", "")
        if not hmac.compare_digest(given.encode(), f"Bearer {token}".encode()):
            raise NotAuthorised()

    @api.exception_handler(NotAuthorised)
    async def _auth(_request, _exc):
        return error(401, "missing or wrong bearer token", {"WWW-Authenticate": "Bearer"})

    @api.exception_handler(RequestValidationError)
    async def _invalid(_request, exc: RequestValidationError):
        errors = exc.errors()
        first = errors[0] if errors else {"loc": (), "msg": "invalid request"}
        where = ".".join(str(x) for x in first.get("loc", ()) if x != "body")
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        return error(422, f"{where + ': ' if where else ''}{first.get('msg', 'invalid')}{more}"[:500])

    @api.exception_handler(TooLarge)
    async def _too_large(_request, _exc):
        return error(413, f"body over {MAX_BODY:,} bytes")

    @api.exception_handler(ClientGone)
    async def _gone(_request, _exc):
        return error(499, "client closed the request")

    @api.exception_handler(Exception)
    async def _internal(_request, exc: Exception):
        return error(500, f"internal error ({type(exc).__name__})")

    async def run_one(request: Request, body: BriefRequest, previous: IncidentBrief | None = None):
        deadline = time.monotonic() + seconds

        async def give_up() -> str | None:
            if await request.is_disconnected():
                return "gone"
            if request.app.state.pool.closing:
                return "shutdown"
            return "timeout" if time.monotonic() > deadline else None

        try:
            cfg = await with_server(chosen(worker_config, body.options, allowed))
            job = Job([a.model_dump() for a in body.articles], cfg, body.options.rule, previous)
            outcome = await request.app.state.pool.run(job, give_up)
        except Refused as e:
            return error(422, str(e))
        except BackendError as e:
            return error(503, f"model backend unavailable: {e}", {"Retry-After": RETRY_AFTER})
        except GaveUp as e:
            if e.why == "gone":
                raise ClientGone() from None
            if e.why == "shutdown":
                return error(503, "the service is shutting down; try again", {"Retry-After": RETRY_AFTER})
            return error(
                504,
                f"the brief took longer than this server's limit of {seconds:g} s "
                "(waiting for a free worker included); send fewer or shorter articles",
            )
        except WorkerDied:
            return error(500, "internal error (the process making the brief ended)")
        return Response(
            outcome.body, status_code=outcome.status, headers=outcome.headers, media_type="application/json"
        )

    @api.post(
        "/v1/briefs",
        dependencies=[Depends(authorised)],
        response_model=IncidentBrief,
        summary="A brief from articles about one incident",
    )
    async def briefs(request: Request, body: BriefRequest):
        return await run_one(request, body)

    @api.post(
        "/v1/briefs/update",
        dependencies=[Depends(authorised)],
        response_model=IncidentBrief,
        summary="The next brief of a developing story, with `changes`",
    )
    async def update(request: Request, body: UpdateRequest):
        return await run_one(request, body, previous=body.brief)

    @api.get("/v1/schema", summary="The IncidentBrief JSON Schema")
    async def schema():
        from summarizer.core.brief import json_schema

        return json_schema()

    @api.get("/healthz", summary="Liveness")
    async def healthz(request: Request):
        return {
            "status": "ok",
            "backend": config.backend,
            "model": config.model,
            "workers": workers,
            "busy": request.app.state.pool.busy,
        }

    return api


class NotAuthorised(Exception):
    pass


def _version() -> str:
    from summarizer import __version__

    return __version__


def client_options(names: str) -> frozenset[str]:
    """`--client-options rule,reader`: the options a client may choose ('none' for none)."""
    allowed = frozenset(n.strip() for n in names.split(",") if n.strip() and n.strip() != "none")
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
    """`allowed`, `workers`, `seconds`: --client-options, --workers and --request-timeout (None: the defaults)."""
    import sys

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

    def handle_exit(self, sig, frame) -> None:
        if pool := getattr(self.config.app.state, "pool", None):  # set by the app's lifespan
            pool.closing = True
        super().handle_exit(sig, frame)
