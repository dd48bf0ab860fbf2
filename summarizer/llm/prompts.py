"""Prompts: Jinja2 templates from `prompts/`, rendered with article text as values only."""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache
from pathlib import Path

import jinja2

from summarizer.core.text import FAKE_MARKUP, INVISIBLE

_PACKAGED = Path(__file__).parent.parent / "prompts"  # installed: summarizer/prompts
_SOURCE = Path(__file__).parent.parent.parent / "prompts"  # a checkout: ./prompts


def folder() -> Path:
    return _PACKAGED if _PACKAGED.is_dir() else _SOURCE


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def data(text: str) -> str:
    """Article text made safe to embed between our delimiters: one line, no look-alike markup, nothing
    invisible."""
    text = _CONTROL.sub(" ", INVISIBLE.sub("", text.replace("\n", " ")))
    return FAKE_MARKUP.sub(" ", text)  # text that could pass for our markup or a chat template


@lru_cache(maxsize=1)
def env() -> jinja2.Environment:
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(folder()),
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        keep_trailing_newline=False,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.filters["data"] = data
    return environment


def prompt_text(name: str, **values: object) -> str:
    """The prompt template `prompts/{name}.j2` filled in with `values`."""
    return env().get_template(f"{name}.j2").render(**values).strip()


@lru_cache(maxsize=1)
def prompt_hash() -> str:
    digest = hashlib.sha256()
    for path in sorted(folder().glob("*.j2")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]
