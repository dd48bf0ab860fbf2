"""Culprits: the people a sentence names as suspects, and lists of them under a heading line."""

from __future__ import annotations

import pytest

from summarizer.readers import language
from summarizer.readers.culprits import culprits, introduces_culprits, listed


def test_a_paragraph_ending_in_a_colon_about_arrests_introduces_a_list():
    assert introduces_culprits("Police named the three men they arrested:")
    assert not introduces_culprits("Police said the search would go on through the night.")
    assert not introduces_culprits("The survivors were taken to:")


def test_a_list_item_opens_with_the_name():
    item = "- Dario Velt, the site's safety manager;"
    start, end = listed(item)
    assert item[start:end] == "Dario Velt"


@pytest.mark.parametrize(
    "sentence, name",
    [
        ("Police arrested Dario Velt, the site's safety manager, on Tuesday.", "Dario Velt"),
        ("The suspect, Imre Sallo, was charged with murder.", "Imre Sallo"),
    ],
)
def test_the_person_a_sentence_names_as_a_culprit(sentence, name):
    parsed = language.parse(sentence)
    assert name in [c.name for c in culprits(parsed, 0, len(sentence))]


def test_a_witness_is_no_culprit():
    sentence = "Witness Mara Iles said she heard two loud bangs."
    assert culprits(language.parse(sentence), 0, len(sentence)) == []
