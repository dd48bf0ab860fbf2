"""Disputes: sentences in which a source itself says accounts differ, and one quantity given two values."""

from __future__ import annotations

import re

# A source reporting a disagreement in so many words. Each branch needs an object or a subject
# that is an account of something, so that "a land dispute" or "a different route" is not one.
_STATED = re.compile(
    r"""
    \b(?:
        conflicting\s+(?:reports?|accounts?|figures?|numbers?|tolls?|information|statements?|versions?|claims?)
      | contradict(?:s|ed|ing|ory|ions?)?
      | (?<!what\s)(?<!what\sis\s)(?<!what\sis\sstill\s)(?<!what\sremains\s)disputed?\s+
          (?:the|this|that|these|those|official|his|her|their|its|claims?|figures?|reports?|accounts?)\b
      | (?:is|are|was|were|remains?|been)\s+(?:still\s+|widely\s+|hotly\s+)?disputed(?!\s+(?:so\s+far|yet))
      | (?:reports|accounts|figures|estimates|numbers|tolls|versions)\s+(?:\w+\s+)?
          (?:differ|differed|vary|varied|conflict)
      | given\s+(?:differently|variously)
      | variously\s+(?:given|reported|described|put|estimated)
      | (?:has|have|had)\s+been\s+given\s+as
      | in\s+some\s+reports
      | (?:some|several|other|earlier|initial|early|first)\s+(?:early\s+)?(?:reports|accounts)\s+
          (?:said|say|put|described|gave|give|suggested|stated|had|claimed|spoke)
      | discrepanc(?:y|ies)
      | (?:inconsistent|at\s+odds)\s+with
    )""",
    re.I | re.X,
)
# "Here is what is known, and what is still disputed": a signpost, not a dispute.
_SIGNPOST = re.compile(
    r"\bwhat\s+(?:is|remains|has\s+been)\s+(?:still\s+)?(?:disputed|contested|unclear)\b", re.I
)

# An earthquake's magnitude: "magnitude 6.8", "a magnitude-7 quake", "put the magnitude at 7",
# "measured it at magnitude 6.8", "a 6.8-magnitude earthquake".
_MAGNITUDE = re.compile(
    r"""
    \bmagnitude(?:\s+(?:of|at|was|is))?[\s-]+(?P<a>\d+(?:\.\d+)?)\b
  | \b(?P<b>\d+(?:\.\d+)?)[\s-]magnitude\b
""",
    re.I | re.X,
)
# A smaller shock before or after the main one has its own magnitude.
_OTHER_SHOCK = re.compile(r"\s*(?:[\w-]+\s+)?(?:aftershocks?|foreshocks?)\b", re.I)


def stated(sentence: str) -> bool:
    """Whether a sentence reports, in so many words, that accounts differ."""
    return not _SIGNPOST.search(sentence) and bool(_STATED.search(sentence))


def magnitudes(sentence: str) -> list[tuple[str, int, int]]:
    """Magnitudes a sentence states, as (value, start, end) within it."""
    out = []
    for m in _MAGNITUDE.finditer(sentence):
        if _OTHER_SHOCK.match(sentence, m.end()):
            continue
        group = "a" if m.group("a") else "b"
        out.append((m.group(group), m.start(), m.end()))
    return out
