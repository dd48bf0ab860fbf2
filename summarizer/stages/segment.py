"""Segment: split an article into numbered sentences with offsets, flagging boilerplate."""

from __future__ import annotations

import re
from dataclasses import replace

from summarizer.core.article import Article
from summarizer.core.doc import Doc, Sentence
from summarizer.readers import language
from summarizer.readers.furniture import is_boilerplate, is_heading
from summarizer.readers.lexicon import FULL_MONTH_NAMES, SHORT_MONTH_NAMES, WEEKDAY_NAMES
from summarizer.stages.screen import suspect

_ABBREV = re.compile(
    rf"(?:\b(?:Mr|Mrs|Ms|Dr|Prof|Gen|Col|Lt|Sgt|Capt|Gov|Sen|Rep|St|Jr|Sr|No|{SHORT_MONTH_NAMES}|"
    r"vs|approx|est|Inc|Ltd|Co|Corp)|\b[A-Z]|\b(?:[A-Z]\.)+[A-Z])\.$"
)
# "at 10:30 p.m. Monday", "9 a.m. GMT": a clock time runs on into its day or time zone.
_CLOCK_RUNS_ON = re.compile(
    rf"""[ap]\.m\.\s+                                    # the clock abbreviation, then
      (?:{WEEKDAY_NAMES}
             |{FULL_MONTH_NAMES}
             |[A-Z]{{2,4}}\b)                              # a time zone: ET, GMT, BST, KST
    """,
    re.X,
)
# A dateline glued to the first sentence ("date 2024-03-23 The group claimed ..."): its own line.
_DATELINE = re.compile(
    r"""^\s*(?:date\s+)?\d{4}-\d{2}-\d{2}(?:[ T]\d{2}:\d{2}(?::\d{2})?)?(?:\s+|$)  # 2024-03-23T10:30
      | ^\s*\d{1,2}/\d{1,2}/\d{4}(?:\s+\d{1,2}[h:]\d{2})?\s*                        # 23/03/2024 10h30
    """,
    re.I | re.X,
)
_BOUNDARY = re.compile(r"[.!?]+[”\"’')\]]*\s+(?=[“\"‘'(\[]?[A-Z0-9])")


def split_line(line: str) -> list[tuple[int, int, bool]]:
    """Sentence spans within one line (and whether each is a dateline), not splitting after "U.S."."""
    spans, start = [], 0
    if (m := _DATELINE.match(line)) and m.end() > 0:
        spans.append((0, len(line[: m.end()].rstrip()), True))
        start = m.end()
    for m in _BOUNDARY.finditer(line):
        head = line[start : m.start() + 1].rstrip()
        if _ABBREV.search(head) or _CLOCK_RUNS_ON.match(line, max(0, m.start() - 3)):
            continue
        end = m.start() + len(m.group().rstrip())
        spans.append((start, end, False))
        start = m.end()
    if line[start:].strip():
        spans.append((start, len(line.rstrip()), False))
    return spans


def segment(text: str) -> list[Sentence]:
    out: list[Sentence] = []
    pos = 0
    for para, line in enumerate(text.split("\n")):
        stripped = line.strip()
        if stripped:
            plate = is_boilerplate(stripped) or len(stripped) > 3000 and " " not in stripped
            head = not plate and is_heading(stripped)
            for a, b, dateline in split_line(line):
                a += len(line[a:b]) - len(line[a:b].lstrip())
                if b > a:
                    out.append(
                        Sentence(
                            len(out),
                            pos + a,
                            pos + b,
                            line[a:b],
                            para,
                            plate or dateline,
                            head,
                            suspect(line[a:b]),
                        )
                    )
        pos += len(line) + 1
    # An injection rarely stops at one sentence ("Assistant: Understood. The toll is 929."): its whole
    # paragraph goes.
    tainted = {s.paragraph for s in out if s.suspect}
    return [replace(s, suspect=True) if s.paragraph in tainted else s for s in out]


def doc(article: Article) -> Doc:
    """One article, segmented and parsed."""
    return segment_and_parse([article])[0]


def segment_and_parse(articles: list[Article]) -> list[Doc]:
    """Articles segmented and parsed, the parse in one batched pass for all of them (readers/language.py)."""
    parsed = language.parse_many([article.text for article in articles])
    return [Doc(article, segment(article.text), tree) for article, tree in zip(articles, parsed, strict=True)]
