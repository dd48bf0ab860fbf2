"""Evaluate: score a brief against a gold file (incident-brief-gold/1 matchers)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


def at(obj: Any, path: str) -> Any:
    for key in path.split("."):
        if not isinstance(obj, dict):
            return None
        obj = obj.get(key)
    return obj


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, str) and isinstance(b, str):
        return a.strip().lower() == b.strip().lower()
    return a == b and type(a) is type(b) or (isinstance(a, (int, float)) and isinstance(b, (int, float))
                                             and not isinstance(a, bool) and not isinstance(b, bool) and a == b)


def holds(value: Any, cond: dict) -> bool:
    if "equals" in cond:
        return _same(value, cond["equals"])
    if "one_of" in cond:
        return any(_same(value, x) for x in cond["one_of"])
    if "contains_any" in cond:
        return isinstance(value, str) and any(s in value for s in cond["contains_any"])
    if "starts_with" in cond:
        return isinstance(value, str) and value.startswith(cond["starts_with"])
    if "is_null" in cond:
        return (value is None) == bool(cond["is_null"])
    raise ValueError(f"unknown condition {cond}")


def passes(brief: dict, fact: dict) -> bool:
    if "path" in fact:
        cond = {k: v for k, v in fact.items() if k not in ("id", "path")}
        return holds(at(brief, fact["path"]), cond)
    if "list" in fact or "list_none" in fact:
        items = at(brief, fact.get("list") or fact["list_none"]) or []
        if not isinstance(items, list):
            return False
        hit = any(isinstance(el, dict) and all(holds(at(el, f), c) for f, c in fact["where"].items()) for el in items)
        return hit if "list" in fact else not hit
    raise ValueError(f"fact {fact.get('id')} has no matcher")


@dataclass
class Score:
    passed: int
    total: int
    failed: list[str]

    def __str__(self) -> str:
        return f"{self.passed}/{self.total} facts" + (f"; failing: {', '.join(self.failed)}" if self.failed else "")


def score(brief: dict, gold: dict) -> Score:
    failed = [f["id"] for f in gold["facts"] if not passes(brief, f)]
    return Score(len(gold["facts"]) - len(failed), len(gold["facts"]), failed)
