"""Vocab: the closed sets of names the code shares (answer modes, readers, figure categories, question
kinds), each a `Literal` defined once, with the tuple of its values for code that lists or checks them.

The schema's own sets stay in brief.py (the JSON Schema is made from them); word lists of news
language are in readers/lexicon.py."""

from __future__ import annotations

from typing import Literal, get_args

from summarizer.core.brief import Answers, FigureCategory, Reader

Backend = Literal[
    "embedded", "remote"
]  # where the model runs: the bundled one, or any OpenAI-compatible server
# The kinds of question the pipeline asks (llm/decide.py), and the synopsis (stages/synthesize.py).
QuestionKind = Literal["figure", "venue", "speaker", "synopsis"]

BACKENDS: tuple[Backend, ...] = get_args(Backend)
ANSWERS: tuple[Answers, ...] = get_args(Answers)
READERS: tuple[Reader, ...] = get_args(Reader)
FIGURE_CATEGORIES: tuple[FigureCategory, ...] = get_args(FigureCategory)
QUESTION_KINDS: tuple[QuestionKind, ...] = get_args(QuestionKind)
