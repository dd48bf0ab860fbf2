"""Text: counted nouns ("1 article", "2 articles"), names as messages show them, qualifier words, and the
characters no reader should see."""

from __future__ import annotations

import re


def plural(count: int, noun: str, many: str | None = None) -> str:
    """A counted noun: "1 article", "2 articles" (`many`: the plural when it is not noun + "s")."""
    return f"{count} {noun if count == 1 else many or noun + 's'}"


def shown(name: str) -> str:
    """A name (a file's, a folder's, an id) as a message shows it: as it is when every character of it
    prints, else quoted with its line breaks, terminal escapes and invisible or bidirectional controls
    written out (`'a\\nsummarizer: done.txt'`), so that no name can start a line of its own on stderr,
    colour the terminal or pass for another."""
    return name if name.isprintable() else repr(name)


def one_line(message: str) -> str:
    """A message as one printable line: any character that would break or hide it written out as an escape
    (the last guard before stderr, for names that came into a message unquoted)."""
    return (
        message
        if message.isprintable()
        else "".join(char if char.isprintable() else repr(char)[1:-1] for char in message)
    )


# Invisible characters an attacker uses to split trigger words; removed before matching.
INVISIBLE = re.compile(
    "[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff\ufe00-\ufe0f]"
)


# Our own delimiters and chat-template tokens: flagged here, and stripped from data sent to the model.
FAKE_MARKUP = re.compile(
    r"</?\s*(?:article|sentence|system|user|assistant|instructions?|prompt|context)\b[^>]*>"
    r"|<\|[^|>]{0,40}\|>",
    re.I,
)


QUALIFIER_WORDS = {
    "exact": "",
    "at_least": "at least ",
    "more_than": "more than ",
    "about": "about ",
    "up_to": "up to ",
    "fewer_than": "fewer than ",
}
