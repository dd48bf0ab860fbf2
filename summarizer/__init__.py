"""Incident briefs from news articles: grounded facts, every one tied to the words that state it."""

from .ingest import Article
from .pipeline import asummarize, summarize
from .schema import IncidentBrief

__all__ = ["Article", "IncidentBrief", "asummarize", "summarize"]
__version__ = "0.1.0"
