"""Incident briefs from news articles: grounded facts, every one tied to the words that state it."""

from .facts import read_facts
from .inputs.ingest import Article
from .pipeline import asummarize, summarize
from .schema import IncidentBrief
from .update import aupdate, update

__all__ = ["Article", "IncidentBrief", "asummarize", "aupdate", "read_facts", "summarize", "update"]
__version__ = "0.1.0"
