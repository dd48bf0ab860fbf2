"""Deterministic stages: segment, parse, rules, reconcile, ground, prompts."""

from __future__ import annotations

from summarizer.stages.segment import segment


def test_segment_offsets_address_the_text_and_flag_boilerplate():
    text = (
        "date 2024-03-23 The U.S. Embassy said it. Dr. Ray spoke.\n\nShare.\nLeave A Reply\nMore text here."
    )
    sents = segment(text)
    assert all(text[s.start : s.end] == s.text for s in sents)
    assert [s.text for s in sents if not s.boilerplate] == [
        "The U.S. Embassy said it.",
        "Dr. Ray spoke.",
        "More text here.",
    ]
    assert {s.text for s in sents if s.boilerplate} == {"date 2024-03-23", "Share.", "Leave A Reply"}
