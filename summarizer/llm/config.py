"""Config: which backend and model, from arguments first, then environment, then defaults."""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from typing import Any

from summarizer.core.brief import Answers, Reader
from summarizer.core.paths import default_cache_folder
from summarizer.core.vocab import ANSWERS, BACKENDS, QUESTION_KINDS, READERS, Backend

DEFAULT_REMOTE_MODEL = "gpt-4o-mini"
MODEL_ALIAS = "smollm2-135m-instruct-q4_1"  # the bundled model (llm/embedded.py serves it under this name)
# The kinds of question the pipeline asks (llm/decide.py), and the synopsis (synthesize.py): on the
# embedded backend none by default, so the model is not even started (README "Backends").
QUESTIONS = QUESTION_KINDS


@dataclass(frozen=True)
class Config:
    backend: Backend = "embedded"
    base_url: str | None = None
    api_key: str | None = None
    model: str = ""
    mode: str = "tools"  # instructor mode; JSON_SCHEMA makes llama-cpp-python's server answer 500
    jobs: int = 2  # concurrent model calls
    timeout: float = 120.0
    retries: int = 3  # transient faults (429, 5xx, timeouts, refused connections)
    reasks: int = 1  # instructor re-asks after an answer that fails validation
    backoff: float = 1.0
    cache_dir: str | None = None  # answers cached on disk; None: no cache
    answers: Answers = "model"
    ask: frozenset[str] = frozenset(QUESTIONS)  # the kinds of question the model answers; rules the rest
    reader: Reader = "candidates"
    chunk_chars: int = 12_000  # the part of an article the reader gets at once
    read_tokens: int = 1_500  # max_tokens of one reading

    def __repr__(self) -> str:  # never print the key
        return (
            f"Config(backend={self.backend!r}, base_url={self.base_url!r}, model={self.model!r},"
            f" mode={self.mode!r})"
        )


def resolve(
    base_url: str | None = None,
    api_key: str | None = None,
    model: str | None = None,
    backend: str | None = None,
    cache: str | os.PathLike[str] | bool | None = True,
    **overrides: Any,
) -> Config:
    """Remote when a key or base URL is configured (OPENAI_API_KEY, OPENAI_BASE_URL), else embedded.

    `cache`: True for the default folder (`core.paths.default_cache_folder`), a path, or False/None for none.
    `overrides`: any other `Config` field; None leaves the default."""
    base_url = base_url or os.environ.get("OPENAI_BASE_URL") or None
    api_key = api_key or os.environ.get("OPENAI_API_KEY") or None
    model = model or os.environ.get("SUMMARIZER_MODEL") or None
    backend = (
        backend or os.environ.get("SUMMARIZER_BACKEND") or ("remote" if base_url or api_key else "embedded")
    )
    overrides["answers"] = who_answers(overrides.pop("answers", None))
    ask = questions_asked(overrides.pop("ask", None))
    reader = who_reads(overrides.pop("reader", None))
    cfg = (
        embedded_defaults(reader)
        if known_backend(backend) == "embedded"
        else remote_defaults(base_url, api_key, model, reader)
    )
    cfg = replace(cfg, cache_dir=cache_folder(cache), ask=ask if ask is not None else cfg.ask)
    return replace(cfg, **{k: v for k, v in overrides.items() if v is not None})


def who_answers(answers: str | None) -> Answers:
    """The argument, else $SUMMARIZER_ANSWERS, else the model."""
    answers = answers or os.environ.get("SUMMARIZER_ANSWERS") or "model"
    for known in ANSWERS:
        if answers == known:
            return known
    raise ValueError(f"unknown answers {answers!r}: use 'model', 'rules' or 'constant'")


def questions_asked(ask: str | frozenset[str] | None) -> frozenset[str] | None:
    """The kinds of question the model answers: "all", "none" or a comma list (the argument, else
    $SUMMARIZER_ASK); None leaves the backend's default."""
    if ask is None:
        ask = os.environ.get("SUMMARIZER_ASK") or None
    if isinstance(ask, str):
        ask = (
            frozenset(QUESTIONS)
            if ask == "all"
            else frozenset(k.strip() for k in ask.split(",") if k.strip() and k.strip() != "none")
        )
    unknown = (ask or frozenset()) - set(QUESTIONS)
    if unknown:
        raise ValueError(
            f"unknown question kinds {sorted(unknown)}: use {', '.join(QUESTIONS)}, 'all' or 'none'"
        )
    return ask


def who_reads(reader: str | None) -> Reader | None:
    """The argument, else $SUMMARIZER_READER; None leaves the backend's default."""
    reader = reader or os.environ.get("SUMMARIZER_READER") or None
    if reader is None:
        return None
    for known in READERS:
        if reader == known:
            return known
    raise ValueError(f"unknown reader {reader!r}: use {', '.join(READERS)}")


def known_backend(backend: str) -> Backend:
    for known in BACKENDS:
        if backend == known:
            return known
    raise ValueError(f"unknown backend {backend!r}: use 'embedded' or 'remote'")


def embedded_defaults(reader: Reader | None) -> Config:
    """The bundled model's settings.

    SUMMARIZER_EMBEDDED_URL: a server on the bundled model already running (tests, batch jobs).
    Measured on the dev set (README "Quality"), the 135M model answers every kind of question worse
    than the rule, so by default the rules decide; its synopsis passed the checks in 3 of 15 briefs of
    ../shared/eval/real and the dev set, so the template writes it and the model is not started.
    The reader is measured too (README "A model reads the articles"): the 135M model invents most
    of what it lists, so on this backend code's candidates read the articles unless asked.
    The server has the one bundled model whatever name a request gives, so that is the model recorded."""

    return Config(
        backend="embedded",
        base_url=os.environ.get("SUMMARIZER_EMBEDDED_URL") or None,
        model=MODEL_ALIAS,
        ask=frozenset(),
        reader=reader or "candidates",
        chunk_chars=800,
        read_tokens=400,
    )


def remote_defaults(
    base_url: str | None, api_key: str | None, model: str | None, reader: Reader | None
) -> Config:
    return Config(
        backend="remote",
        base_url=base_url,
        api_key=api_key,
        model=model or DEFAULT_REMOTE_MODEL,
        jobs=4,
        reader=reader or "both",
    )


def cache_folder(cache: str | os.PathLike[str] | bool | None) -> str | None:
    """True: the default folder (None when $SUMMARIZER_CACHE turns it off); a path; False/None: no cache."""
    if cache is True:
        folder = default_cache_folder()
        return str(folder) if folder else None
    return str(cache) if cache else None
