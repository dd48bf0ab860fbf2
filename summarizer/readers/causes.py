"""Causes: what a sentence says caused the incident ("triggered by", "blamed on"), and how firmly."""

from __future__ import annotations

import re
from dataclasses import dataclass

# A cue, then the cause up to the end of its clause.
_CAUSE = re.compile(
    r"""
    \b(?:caused|triggered|sparked|started)\s+by
  | \bblamed\s+(?:[\w-]+\s+){0,4}?on                # "blamed the crush on fans"
  | \bthe\s+(?:result|consequence)\s+of
""",
    re.I | re.X,
)
# "Investigators suspect a gas leak caused the blast": the cause is the subject of a causal verb.
_SUSPECTED = re.compile(
    r"""
    \b(?:investigators|police|officials|experts|authorities|engineers)\s+(?:suspect|believe|think)\s+(?:that\s+)?
    (?P<cause>[^,;:.]{3,80}?)\s+(?:caused|started|triggered|sparked|led\s+to)\b
""",
    re.I | re.X,
)
_CLAUSE_END = re.compile(r"[,;:.!?]|\s(?:and|but|while|according|officials|police)\b")
# Words that make a cause a suspicion rather than a finding.
_HEDGE = re.compile(
    r"\b(?:suspect\w*|believ\w*|think|thought|may|might|could|possibl\w*|likely|probabl\w*|"
    r"appear\w*|initial|preliminary|under investigation)\b",
    re.I,
)
_DISPUTE = re.compile(r"\b(?:den(?:y|ied|ies)|disput\w*|reject\w*|contest\w*)\b", re.I)
MAX_WORDS = 12
# Any word that says one thing brought about another: a model's "cause" whose quote has none of these
# is a real sentence given the wrong meaning ("It's the most horrible feeling ever").
_CAUSAL = re.compile(
    r"\b(?:caus\w*|because|due\s+to|led\s+to|lead\s+to|blam\w*|result\w*|trigger\w*|spark\w*|"
    r"started\s+by|fault\w*|negligen\w*|error)\b",
    re.I,
)


def hedged(text: str) -> bool:
    """Whether a sentence gives its cause as a suspicion ("may have", "initial findings")."""
    return bool(_HEDGE.search(text))


def states_cause(text: str) -> bool:
    """Whether a sentence says, in any words, that one thing caused another."""
    return bool(_CAUSE.search(text) or _SUSPECTED.search(text) or _CAUSAL.search(text))


@dataclass
class CauseClause:
    """A cause as one sentence states it: its words, how firmly, and where they stand."""

    text: str  # the cause in the sentence's words
    status: str  # stated | suspected | disputed
    start: int  # offsets of `text` within the sentence
    end: int


def causes(sentence: str) -> list[CauseClause]:
    """Causes a sentence states; the cause is the words after the cue, to the end of its clause."""
    out = [
        CauseClause(m.group("cause"), "suspected", m.start("cause"), m.end("cause"))
        for m in _SUSPECTED.finditer(sentence)
    ]
    for m in _CAUSE.finditer(sentence):
        rest = sentence[m.end() :]
        stop = _CLAUSE_END.search(rest)
        words = (rest[: stop.start()] if stop else rest).split()[:MAX_WORDS]
        if not words or words[0].lower() in ("the", "a", "an") and len(words) == 1:
            continue
        text = " ".join(words).strip(" \"“”'")
        start = m.end() + rest.find(words[0])
        status = (
            "disputed"
            if _DISPUTE.search(sentence[: m.start()])
            else "suspected"
            if _HEDGE.search(sentence[: m.end()]) or _HEDGE.search(text)
            else "stated"
        )
        out.append(CauseClause(text, status, start, start + len(text)))
    return out
