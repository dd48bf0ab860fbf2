"""Evidence: a quote built from source offsets by code, never by the model, and checked against its
source."""

from __future__ import annotations

from summarizer.core.brief import Quote


def quote(source_id: str, text: str, start: int, end: int) -> Quote:
    """Evidence for text[start:end], trimmed of surrounding spaces; built by code, never by the model."""
    if not 0 <= start < end <= len(text):
        raise ValueError(f"bad span {start}:{end} in {source_id}")
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start == end:
        raise ValueError(f"blank span in {source_id}")
    return Quote(source_id=source_id, quote=text[start:end], start=start, end=end)


def verified(evidence: Quote, texts: dict[str, str]) -> bool:
    """Whether a quote is its source's text at its offsets (`texts`: each source's text by id)."""
    text = texts.get(evidence.source_id)
    return text is not None and evidence.quote != "" and text[evidence.start : evidence.end] == evidence.quote
