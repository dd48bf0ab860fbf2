"""Furniture: the lines of a page that are no story prose (share buttons, captions, bylines, datelines,
headings and headlines), read by the segmenter and by the readers that must skip them."""

from __future__ import annotations

import re

# Lines that are page furniture, never evidence: share buttons, comment forms, timestamps, and the
# captions, credits and bylines around a story (never events, statements or figures).
_BOILERPLATE = re.compile(
    r"""^(?:
        share\.?|related|similar\ posts|leave\ a\ (?:reply|comment)|\d+\ min(?:\ read)?
      | \d{1,2}[:h]\d{2}|\d{9,}|(?:\#\w+\s*)+|first\ modification:.*|last\ modification:.*
      | with\ \w+(?:\ and\ \w+)?|(?:©|\(c\)|copyright).*|.*all\ rights\ reserved\.?
      | this\ site\ uses\ akismet.*|your\ email\ address\ will\ not\ be\ published.*
      | the\ views\ expressed\ in\ this\ article.*|advertisement|read\ more.*
      | https?://\S+|.*\brequired\ fields\ are\ marked\b.*|politics|world|news
      # a caption
      | (?:file\ )?(?:photo|image|picture|pictured|caption|credit|video|watch|listen|graphic)\s*[:|].*
      | \([^()]{1,60}\)                                   # a credit line: "(Reuters)", "(AP Photo/J. Doe)"
      | by\ [A-Z][\w.'’-]*(?:\ [A-Z][\w.'’-]*){0,3}(?:\s*[|,•].*)?   # a byline
      | (?:last\ )?(?:published|updated|posted)\b.{0,60}  # a dateline
    )$""",
    re.I | re.X,
)


def is_boilerplate(line: str) -> bool:
    """A stripped line that is page furniture: share buttons, a comment form, a caption, a byline..."""
    return bool(_BOILERPLATE.match(line))


def is_heading(line: str) -> bool:
    """A heading or headline: mostly capitals, or a short line that does not end as a sentence does."""
    letters = [c for c in line if c.isalpha()]
    if line.lstrip()[:1] in "“\"" and sum(line.count(c) for c in "“”\"") % 2 == 1:
        return False  # a paragraph that opens a quotation and goes on past its end (or is cut off) is prose
    return bool(letters) and (
        sum(c.isupper() for c in letters) / len(letters) > 0.8
        or (len(line.split()) <= 14 and not line.rstrip().endswith((".", "”", '"', ":")))
    )


def is_furniture(line: str) -> bool:
    """A line that is no story prose: page furniture ("READ MORE: ..."), a heading or a headline."""
    stripped = line.strip()
    return is_boilerplate(stripped) or is_heading(stripped)
