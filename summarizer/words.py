"""Words: counted nouns for messages and templates ("1 article", "2 articles"), and names as messages show them."""

from __future__ import annotations


def plural(n: int, noun: str, many: str | None = None) -> str:
    return f"{n} {noun if n == 1 else many or noun + 's'}"


def shown(name: str) -> str:
    """A name (a file's, a folder's, an id) as a message shows it: as it is when every character of it
    prints, else quoted with its line breaks, terminal escapes and invisible or bidirectional controls
    written out (`'a\\nsummarizer: done.txt'`), so that no name can start a line of its own on stderr,
    colour the terminal or pass for another."""
    return name if name.isprintable() else repr(name)


def one_line(message: str) -> str:
    """A message as one printable line: any character that would break or hide it written out as an escape
    (the last guard before stderr, for names that came into a message unquoted)."""
    return message if message.isprintable() else "".join(c if c.isprintable() else repr(c)[1:-1] for c in message)
