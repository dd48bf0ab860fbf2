"""Numbers: counts in digits or words, valued by text2num; ages told apart from counts."""

from __future__ import annotations

import pytest

from summarizer.readers.numbers import is_age, numbers


@pytest.mark.parametrize(
    "sentence, values",
    [
        ("A ferry with 1,240 passengers docked.", [1240]),
        ("Thirty-one miners were rescued.", [31]),
        ("Two hundred and six homes burned.", [206]),
        ("Two dozen boats joined the search.", [24]),
        ("A dozen houses were flattened.", [12]),
        ("The dam is 3.5 metres high.", []),
    ],
)
def test_counts_in_digits_and_words(sentence, values):
    assert [n.value for n in numbers(sentence)] == values


def test_a_vague_count_keeps_its_range():
    (dozens,) = numbers("Dozens of stalls were destroyed.")
    assert (dozens.text, dozens.vague) == ("Dozens", (24, 99))


def test_offsets_address_the_sentence():
    sentence = "By noon, forty-two people had been evacuated and 7 were treated."
    assert [sentence[n.start : n.end] for n in numbers(sentence)] == ["forty-two", "7"]


@pytest.mark.parametrize(
    "sentence, number_text, age",
    [
        ("The driver, aged 54, was unhurt.", "54", True),
        ("A 19-year-old student was among the dead.", "19", True),
        ("Tomas Brek, 61, told reporters he saw smoke.", "61", True),
        ("At least 61 people were hurt.", "61", False),
    ],
)
def test_an_age_is_not_a_count(sentence, number_text, age):
    number = next(n for n in numbers(sentence) if n.text == number_text)
    assert is_age(sentence, number) is age
