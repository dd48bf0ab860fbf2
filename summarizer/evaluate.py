"""Evaluate: score a brief against a gold file (incident-brief-gold/1 matchers and precision measures)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

HEADLINE_IDS = ("incident-type", "date", "venue", "city", "country", "killed-best-latest", "killed-best")
FIGURE_PATHS = {
    "killed": "casualties.killed.reports",
    "injured": "casualties.injured.reports",
    "arrests": "arrests.reports",
}


def at(obj: Any, path: str) -> Any:
    for key in path.split("."):
        if not isinstance(obj, dict):
            return None
        obj = obj.get(key)
    return obj


def _same(value: Any, wanted: Any) -> bool:
    """Strings equal but for case and surrounding space; anything else equal and of one type (numbers:
    an int equals a float of its value, a bool only a bool)."""
    if isinstance(value, str) and isinstance(wanted, str):
        return value.strip().lower() == wanted.strip().lower()
    return (
        value == wanted
        and type(value) is type(wanted)
        or (
            isinstance(value, (int, float))
            and isinstance(wanted, (int, float))
            and not isinstance(value, bool)
            and not isinstance(wanted, bool)
            and value == wanted
        )
    )


def holds(value: Any, cond: dict[str, Any]) -> bool:
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


def passes(brief: dict[str, Any], fact: dict[str, Any]) -> bool:
    if "path" in fact:
        cond = {k: v for k, v in fact.items() if k not in ("id", "path")}
        return holds(at(brief, fact["path"]), cond)
    if "list" in fact or "list_none" in fact:
        items = at(brief, fact.get("list") or fact["list_none"]) or []
        if not isinstance(items, list):
            return False
        hit = any(
            isinstance(el, dict) and all(holds(at(el, f), c) for f, c in fact["where"].items())
            for el in items
        )
        return hit if "list" in fact else not hit
    raise ValueError(f"fact {fact.get('id')} has no matcher")


@dataclass
class Ratio:
    """`n` of `of`; `of` is None when the gold file lacks the table the measure needs."""

    n: int = 0
    of: int | None = None
    items: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        return f"{self.n}/{self.of}"


@dataclass
class Score:
    passed: int
    total: int
    failed: list[str]
    headline: Ratio = field(default_factory=Ratio)
    spurious: Ratio = field(default_factory=Ratio)
    misattributed: Ratio = field(default_factory=Ratio)

    def __str__(self) -> str:
        return f"{self.passed}/{self.total} facts" + (
            f"; failing: {', '.join(self.failed)}" if self.failed else ""
        )

    def line(self, grounded: tuple[int, int] | None = None) -> str:
        """The scorer's closing line, measures without a gold table left out (GOLD-FORMAT.md)."""
        parts = [f"score {self.passed}/{self.total}"]
        if grounded is not None:
            parts.append(f"grounded {grounded[0]}/{grounded[1]}")
        for name in ("headline", "spurious", "misattributed"):
            r: Ratio = getattr(self, name)
            if r.of is not None:
                parts.append(f"{name} {r}")
        return " ".join(parts)


def headline(gold: dict[str, Any], failed: list[str]) -> Ratio:
    ids = [f["id"] for f in gold["facts"] if f["id"] in HEADLINE_IDS]
    if not ids:
        return Ratio()
    wrong = [i for i in ids if i in failed]
    return Ratio(len(ids) - len(wrong), len(ids), wrong)


def spurious(brief: dict[str, Any], gold: dict[str, Any]) -> Ratio:
    """Figure reports of a listed category whose value the gold does not list for their source."""
    table = gold.get("figures")
    if not isinstance(table, dict):
        return Ratio()
    counted, wrong = 0, []
    for cat, path in FIGURE_PATHS.items():
        if cat not in table:
            continue
        for report in at(brief, path) or []:
            counted += 1
            allowed = table[cat].get(report.get("source_id"), [])
            if report.get("value") not in allowed:
                wrong.append(f"{cat} {report.get('value')} ({report.get('source_id')})")
    return Ratio(len(wrong), counted, wrong)


def misattributed(brief: dict[str, Any], gold: dict[str, Any]) -> Ratio:
    """Statements matched by a speaker rule (the first that matches decides) whose speaker it rejects."""
    rules = gold.get("speakers")
    if not isinstance(rules, list):
        return Ratio()
    counted, wrong = 0, []
    for statement in brief.get("statements") or []:
        quote, speaker = statement.get("quote") or "", (statement.get("speaker") or "").lower()
        sources = {q.get("source_id") for q in statement.get("evidence") or []}
        for rule in rules:
            if rule["quote_contains"] in quote and ("source_id" not in rule or rule["source_id"] in sources):
                counted += 1
                if not any(s.lower() in speaker for s in rule["speaker_any"]):
                    wrong.append(f"{statement.get('speaker')!r}: {quote[:60]!r}")
                break
    return Ratio(len(wrong), counted, wrong)


def score(brief: dict[str, Any], gold: dict[str, Any]) -> Score:
    failed = [f["id"] for f in gold["facts"] if not passes(brief, f)]
    return Score(
        len(gold["facts"]) - len(failed),
        len(gold["facts"]),
        failed,
        headline(gold, failed),
        spurious(brief, gold),
        misattributed(brief, gold),
    )
