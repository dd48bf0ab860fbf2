"""Evidence: quotes built from offsets by code and checked against the source."""

from __future__ import annotations

import pytest

from summarizer.core.evidence import quote


def test_quote_is_built_from_offsets_and_checked():
    q = quote("s1", "Hello  world ", 5, 13)
    assert (q.quote, q.start, q.end) == ("world", 7, 12)
    with pytest.raises(ValueError):
        quote("s1", "abc", 2, 10)
