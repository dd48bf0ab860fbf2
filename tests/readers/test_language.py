"""Language: spaCy's parse of a whole article, its offsets the article's own, at any length."""

from __future__ import annotations

from summarizer.readers import language


def test_the_parse_keeps_the_articles_text_and_offsets():
    text = "Floods hit Vessa on Monday.\n\nThe mayor, Ana Lund, said 12 people died.\n"
    parsed = language.parse(text)
    assert language.text_of(parsed) == text
    start = text.index("Ana Lund")
    assert any(e.text == "Ana Lund" and e.start_char == start for e in parsed.ents)


def test_a_long_line_is_cut_after_a_sentence_and_joins_back_whole():
    line = "A wall fell in the storm. " * 50
    parts = language.pieces(line, size=200)
    assert "".join(parts) == line and all(len(p) <= 200 for p in parts)
    assert all(p.endswith(". ") for p in parts[:-1])


def test_entities_inside_a_span():
    text = "Rescuers from Kessin reached Port Ardel at dawn."
    parsed = language.parse(text)
    start = text.index("Port")
    inside = language.ents_within(parsed, start, len(text))
    assert [e.text for e in inside] == [e.text for e in parsed.ents if e.start_char >= start]


def test_articles_parsed_together_are_parsed_as_each_alone():
    from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, LEMMA, SENT_START, TAG

    texts = [
        "Floods hit Vessa on Monday.\n\nThe mayor, Ana Lund, said 12 people died.\n",
        "A bridge fell in Port Ardel.\nRescuers pulled 3 survivors from the river on Tuesday.",
    ]
    together = language.parse_many(texts)
    for text, parsed in zip(texts, together, strict=True):
        alone = language.parse(text)
        attrs = [TAG, DEP, HEAD, ENT_IOB, ENT_TYPE, LEMMA, SENT_START]
        assert parsed.text == text and (parsed.to_array(attrs) == alone.to_array(attrs)).all()
