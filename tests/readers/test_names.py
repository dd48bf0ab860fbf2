"""Names: two names for one entity (a short form, an acronym, a generic tail) and descriptions that are no name."""

from __future__ import annotations

import pytest

from summarizer.readers.names import forms, is_description, same


@pytest.mark.parametrize(
    "first, second, one",
    [
        ("the Northern Liberation Front", "Northern Liberation Front (NLF)", True),
        ("NLF", "the Northern Liberation Front", True),
        ("the Harbour Authority", "Harbour Authority of Vessa", True),
        ("the Red Hand group", "Red Hand", True),
        ("the Red Hand", "the Blue Hand", False),
        (None, "Red Hand", False),
    ],
)
def test_one_entity_under_several_names(first, second, one):
    assert same(first, second) is one


def test_forms_drop_the_article_and_the_generic_tail_and_keep_the_acronym():
    assert forms("The Northern Liberation Front (NLF) group") == [
        ("northern", "liberation", "front"),
        ("nlf",),
    ]


@pytest.mark.parametrize(
    "name, description",
    [("the militant group", True), ("a local gang", True), ("the Red Hand", False), ("", False)],
)
def test_a_description_is_no_name(name, description):
    assert is_description(name) is description
