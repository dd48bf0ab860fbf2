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
