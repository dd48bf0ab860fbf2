"""Serve: an HTTP JSON API (FastAPI) for newsroom tools: briefs, updates, the schema, a health check."""

from __future__ import annotations

import asyncio
import dataclasses
import hmac
import os
from contextlib import asynccontextmanager
from typing import Literal

from fastapi import Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..config import Config
from ..errors import BackendError, InputError, NoInputError, SummarizerError
from ..inputs.ingest import Article
from ..schema import IncidentBrief, Rule

MAX_BODY = 8_000_000  # bytes of one request
MAX_ARTICLES = 50
MAX_CHARS = 200_000  # one article's text
RETRY_AFTER = "30"  # seconds, when the model backend is down


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
    rule: Rule = "latest"
    reader: Literal["candidates", "articles", "both"] | None = None
    answers: Literal["model", "rules", "constant"] | None = None
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


async def unless_gone(request: Request, work):
    """The work, cancelled as soon as the client disconnects (its model calls stop with it)."""
    task = asyncio.ensure_future(work)
    while True:
        done, _ = await asyncio.wait({task}, timeout=0.25)
        if done:
            return task.result()
        if await request.is_disconnected():
            task.cancel()
            raise ClientGone()


def app(config: Config) -> FastAPI:
    """The service over one configured backend; requests share its embedded server and its call limit."""
    token = os.environ.get("SUMMARIZER_API_TOKEN") or None

    @asynccontextmanager
    async def lifespan(_app):
        yield
        from ..llm.embedded import stop_server

        stop_server()

    api = FastAPI(title="incident-summarizer", version=_version(), lifespan=lifespan,
                  description="Grounded incident briefs from news articles. Every fact carries the words that state it.")
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
        from ..pipeline import run
        from ..update import aupdate

        opts = body.options
        cfg = config
        if opts.model or opts.reader or opts.answers:
            cfg = dataclasses.replace(cfg, model=opts.model or cfg.model, reader=opts.reader or cfg.reader,
                                      answers=opts.answers or cfg.answers)
        articles = [Article(text=a.text, id=a.id or "", title=a.title, published_at=a.published_at, url=a.url,
                            outlet=a.outlet) for a in body.articles]
        try:
            if previous is not None:
                result = await unless_gone(request, aupdate(previous, articles, config=cfg, rule=opts.rule))
            else:
                from ..inputs.ingest import load

                result = await unless_gone(request, run(load(articles), cfg, rule=opts.rule))
        except (InputError, NoInputError) as e:
            return error(422, str(e))
        except BackendError as e:
            return error(503, f"model backend unavailable: {e}", {"Retry-After": RETRY_AFTER})
        except SummarizerError as e:
            return error(500, str(e))
        return JSONResponse(result.model_dump(mode="json"))

    @api.post("/v1/briefs", dependencies=[Depends(authorised)], response_model=IncidentBrief,
              summary="A brief from articles about one incident")
    async def briefs(request: Request, body: BriefRequest):
        return await run_one(request, body)

    @api.post("/v1/briefs/update", dependencies=[Depends(authorised)], response_model=IncidentBrief,
              summary="The next brief of a developing story, with `changes`")
    async def update(request: Request, body: UpdateRequest):
        return await run_one(request, body, previous=body.brief)

    @api.get("/v1/schema", summary="The IncidentBrief JSON Schema")
    async def schema():
        from ..schema import json_schema

        return json_schema()

    @api.get("/healthz", summary="Liveness")
    async def healthz():
        return {"status": "ok", "backend": config.backend, "model": config.model}

    return api


class NotAuthorised(Exception):
    pass


def _version() -> str:
    from .. import __version__

    return __version__


def serve(config: Config, host: str, port: int) -> int:
    import sys

    import uvicorn

    if host not in ("127.0.0.1", "localhost", "::1") and not os.environ.get("SUMMARIZER_API_TOKEN"):
        print(f"summarizer: warning: listening on {host} without SUMMARIZER_API_TOKEN: anyone who can reach "
              "it can use the model", file=sys.stderr)
    uvicorn.run(app(config), host=host, port=port, log_level="warning")
    return 0
