"""Reading grows with the article, not with its square: spaCy's whole-Doc walks (`doc.text`, `doc.ents`,
`doc.sents`, `span.ents` each visit every token) happen a fixed number of times per article, and a line
of any length is parsed, in pieces. The seconds are in benchmarks/linear.py, not here."""

from __future__ import annotations

import asyncio

import pytest

from summarizer.core.doc import Doc
from summarizer.inputs.ingest import from_text
from summarizer.llm.decide import Decider
from summarizer.readers import language
from summarizer.stages.extract import extract, place_mentions
from summarizer.stages.segment import segment

# Made up for these tests: not a real event.
PARAGRAPH = (
    "Firefighters in Calder Bay said the blaze at the Orrin Street warehouse killed 4 workers. "
    "“We reached the loading bay within minutes,” said fire chief Marta Keel of the Calder Bay Fire Service. "
    "Police arrested 2 men near the harbour, according to the regional police."
)


class Counting:
    """A spaCy Doc that counts how often its whole-Doc walks are asked for (spaCy's Doc cannot be patched)."""

    WALKS = ("text", "ents", "sents")

    def __init__(self, doc):
        object.__setattr__(self, "_doc", doc)
        object.__setattr__(self, "walks", dict.fromkeys(self.WALKS, 0))

    def __getattr__(self, name):
        if name in self.WALKS:
            self.walks[name] += 1
        return getattr(self._doc, name)

    def __getitem__(self, i):
        return self._doc[i]

    def __len__(self):
        return len(self._doc)

    def __iter__(self):
        return iter(self._doc)


async def walks(paragraphs: int) -> dict[str, int]:
    text = "Warehouse fire in Calder Bay\n\n" + "\n\n".join([PARAGRAPH] * paragraphs)
    article = from_text(text, "a")
    counting = Counting(language.parse(text))
    d = Doc(article, segment(text), counting)
    place_mentions(d, None)
    await extract(d, Decider(None, "rules", frozenset()), "fire", None)
    return counting.walks


def test_whole_doc_walks_do_not_grow_with_the_article():
    short, long = asyncio.run(walks(2)), asyncio.run(walks(40))
    assert long == short and max(long.values()) <= 1, (short, long)


@pytest.mark.parametrize(
    "line",
    [
        "word " * 9_000,
        "x" * 45_000,
        "The river rose. " * 4_000,
        "Hi. " + "b" * 30_000,
        "short",
        "",
    ],
)
def test_a_long_line_is_cut_into_pieces_that_join_back(line):
    parts = language.pieces(line, 20_000)
    assert "".join(parts) == line and all(0 < len(p) <= 20_000 for p in parts)
    if "The river rose." in line:
        assert all(p.endswith("rose. ") for p in parts[:-1])  # after a sentence, not inside a word


def test_entities_are_the_ones_in_the_range_asked():
    text = (
        "Police in Calder Bay named Marta Keel.\n\nLater, Orrin Street in Calder Bay was closed by Lena Ross."
    )
    doc = language.parse(text)
    for start, end in ((0, len(text)), (0, 38), (40, len(text)), (10, 20)):
        expected = [(e.text, e.label_) for e in doc.ents if e.start_char >= start and e.end_char <= end]
        assert [(e.text, e.label) for e in language.entities(doc, start, end)] == expected
