"""Extract: one article's facts with their evidence; who a sentence attributes a figure to; report dates."""

from __future__ import annotations

import pytest

from summarizer.readers import language
from summarizer.stages.extract import attribution, dates_a_report


@pytest.mark.parametrize(
    "sentence, source",
    [
        ("At least 12 people died, according to the regional governor.", "regional governor"),
        ("Twelve people died, the fire service said.", "fire service"),
        ("The Coast Guard said 30 were rescued.", "Coast Guard"),
        ("Twelve people died, he said.", None),
        ("Twelve people died in the fire.", None),
    ],
)
def test_who_a_sentence_attributes_its_figure_to(sentence, source):
    assert attribution(sentence) == source


@pytest.mark.parametrize(
    "sentence, day, reports",
    [
        ("The governor said on Monday that 40 people had died.", "Monday", True),
        ("Officials raised the death toll to 40 on Monday.", "Monday", True),
        ("The storm hit the coast on Monday, killing 40.", "Monday", False),
    ],
)
def test_a_day_hung_on_saying_or_on_a_toll_dates_the_report(sentence, day, reports):
    assert dates_a_report(language.parse(sentence), sentence.index(day)) is reports
