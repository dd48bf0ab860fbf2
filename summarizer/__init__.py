"""Incident briefs from news articles: grounded facts, every one tied to the words that state it."""

from summarizer.core.article import Article
from summarizer.core.brief import IncidentBrief
from summarizer.facts import read_facts
from summarizer.pipeline import asummarize, summarize
from summarizer.update import aupdate, update

__all__ = ["Article", "IncidentBrief", "asummarize", "aupdate", "read_facts", "summarize", "update"]
__version__ = "0.1.0"
