"""Usage: what a model client counts (calls, cached answers, tokens), apart from the client itself so
that a run that asks no model never imports openai or instructor."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Usage:
    calls: int = 0
    cached: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    seconds: float = 0.0
    warnings: list[str] = field(default_factory=list)
