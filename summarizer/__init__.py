"""Incident briefs from news articles: grounded facts, every one tied to the words that state it."""

from __future__ import annotations

import importlib
import sys
import types

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing for it

if TYPE_CHECKING:
    from summarizer.core.article import Article
    from summarizer.core.brief import IncidentBrief
    from summarizer.facts import read_facts
    from summarizer.pipeline import asummarize, summarize
    from summarizer.update import aupdate, update

__all__ = ["Article", "IncidentBrief", "asummarize", "aupdate", "read_facts", "summarize", "update"]
__version__ = "0.1.0"

# Each public name and the module it comes from, imported when the name is first asked for: `import
# summarizer` (and `python -m summarizer`) loads no pydantic schema, pipeline or reader until one is used.
_HOME = {
    "Article": "summarizer.core.article",
    "IncidentBrief": "summarizer.core.brief",
    "asummarize": "summarizer.pipeline",
    "aupdate": "summarizer.update",
    "read_facts": "summarizer.facts",
    "summarize": "summarizer.pipeline",
    "update": "summarizer.update",
}


def __getattr__(name: str) -> object:
    if name not in _HOME:
        raise AttributeError(f"module 'summarizer' has no attribute {name!r}")
    found = getattr(importlib.import_module(_HOME[name]), name)
    globals()[name] = found
    return found


class _Package(types.ModuleType):
    """The package, whose name `update` is the function: importing the submodule `summarizer.update`
    does not bind the module over it (it stays in sys.modules), as when the names were imported eagerly."""

    def __setattr__(self, name: str, value: object) -> None:
        if name in _HOME and isinstance(value, types.ModuleType):
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package
