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
    """Article text made safe to embed between our delimiters: one line, no look-alike markup, nothing invisible."""
    text = _CONTROL.sub(" ", INVISIBLE.sub("", text.replace("\n", " ")))
    return FAKE_MARKUP.sub(" ", text)  # text that could pass for our markup or a chat template


@lru_cache(maxsize=1)
def env() -> jinja2.Environment:
    e = jinja2.Environment(
        loader=jinja2.FileSystemLoader(folder()),
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        keep_trailing_newline=False,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    e.filters["data"] = data
    return e


def render(name: str, **values) -> str:
    return env().get_template(f"{name}.j2").render(**values).strip()


@lru_cache(maxsize=1)
def prompt_hash() -> str:
    h = hashlib.sha256()
    for p in sorted(folder().glob("*.j2")):
        h.update(p.name.encode() + b"\0" + p.read_bytes())
    return h.hexdigest()[:16]
