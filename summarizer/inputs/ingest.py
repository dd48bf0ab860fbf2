"""Ingest: read files, folders, stdin and JSON records into `Article`s with metadata."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import BinaryIO

from summarizer.core.article import Article
from summarizer.core.errors import InputError, NoInputError
from summarizer.core.text import shown
from summarizer.inputs.fetch import fetch, is_url
from summarizer.inputs.formats import pdf_text, refuse, sniff
from summarizer.readers.lexicon import MONTHS

MAX_BYTES = 5_000_000  # one article; a larger file is refused before any model call
TEXT_SUFFIXES = {".txt", ".md", ".text", ""}
HTML_SUFFIXES = {".html", ".htm"}
JSON_SUFFIXES = {".json", ".jsonl", ".ndjson"}
# What is known about an article besides its id and text: a JSON record's fields, an Article's attributes.
META_FIELDS = ("title", "published_at", "outlet", "url", "language")
RECORD_FIELDS = {"id", "text", *META_FIELDS}


# Invisible characters inside a word or a number ("1\u200b3\u200b7", "kil\u00adled"): a reader sees 137 and
# "killed", so the text as read has them dropped; elsewhere (between emoji, in other scripts) they stay.
_INVISIBLE_INSIDE = re.compile(
    r"""(?<=[0-9A-Za-z\u00c0-\u024f])   # after a Latin letter or a digit
        # zero-width space, non-joiner, joiner, word joiner, BOM, soft hyphen:
        [\u200b\u200c\u200d\u2060\ufeff\u00ad]+
        (?=[0-9A-Za-z\u00c0-\u024f])    # before another""",
    re.X,
)


def normalise(text: str) -> str:
    """The article text as the brief's offsets address it: no BOM, `\\n` line ends, no invisible
    characters inside a word or number."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    return _INVISIBLE_INSIDE.sub("", text)


def decode(data: bytes, name: str, warnings: list[str] | None = None) -> str:
    """UTF-8 (BOM or not) or UTF-16 with a BOM; Windows-1252/Latin-1 text is accepted with a warning."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise InputError(f"{name}: not valid UTF-16 despite its byte-order mark") from None
    if b"\x00" in data:
        raise InputError(f"{name}: binary file (NUL bytes), not an article")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            raise InputError(f"{name}: not valid UTF-8 (byte {e.start}); re-save it as UTF-8") from None
        if warnings is not None:
            warnings.append(f"{name}: not UTF-8; read as Windows-1252/Latin-1")
        return text


# --- metadata found in raw text -------------------------------------------------------------

_ISO_DT = re.compile(r"^\s*(\d{4}-\d{2}-\d{2})(?:[ T](\d{2}:\d{2})(?::(\d{2}))?)?\s*$")
_DMY_H = re.compile(r"^\s*(\d{1,2})/(\d{1,2})/(\d{4})(?:\s+(\d{1,2})[h:](\d{2}))?\s*$")
_DATE_PREFIX = re.compile(r"^\s*date\s+(\d{4}-\d{2}-\d{2})\b", re.I)
_COPYRIGHT = re.compile(
    r"^\s*(?:©|\(c\)|copyright)\s*(?:\d{4}\s*)?(.+?)\.?\s*(?:All Rights Reserved\.?)?\s*$", re.I
)
_OUTLET_WORDS = re.compile(
    r"\b(News|Media|Times|Post|Herald|Tribune|Journal|Daily|Gazette|Press|Agency|Wire|"
    r"Telegraph|Guardian|Observer|Chronicle|Courier|Radio|TV|Television|Broadcasting)\b"
)
_URL_LINE = re.compile(r"^\s*https?://\S+\s*$")


def _header_lines(text: str, limit: int = 8) -> list[str]:
    return [line.strip() for line in text.split("\n") if line.strip()][:limit]


# A header line that is a dateline: "By Helen Marsh | Published 15 July 2016, 02:05 BST",
# "Updated 15/07/2016 21h52", "September 9, 2023 12:48 a.m. ET". The date itself is read by dateparser.
_DATELINE = re.compile(
    r"""^(?:[^|]{0,60}\|\s*)?                         # a byline before a bar
        (?:(?:last\s+)?(?:published|updated|posted|modified)\s*:?\s*)?
        (?P<date>.{6,40}?\b(?:19|20)\d\d\b.{0,20})$""",
    re.I | re.X,
)
_MONTH_NAME = re.compile(r"\b(?:" + "|".join(MONTHS) + r")\b", re.I)


def parse_dateline(line: str) -> str | None:
    """A dateline's date and time as ISO 8601 (local time as printed), through dateparser."""
    import dateparser  # deferred: a heavy library

    m = _DATELINE.match(line)
    if not m or len(line) > 100:
        return None
    raw = m.group("date").replace("a.m.", "am").replace("p.m.", "pm")
    raw = re.sub(r"(\d{1,2})h(\d{2})", r"\1:\2", raw)  # "21h52"
    raw = re.sub(r"\b(?:BST|GMT|ET|EST|EDT|CET|CEST|KST|EAT|UTC)\b", "", raw).strip(" ,")
    if not (_MONTH_NAME.search(raw) or re.search(r"\d{1,2}/\d{1,2}/\d{4}", raw)):
        return None
    when = dateparser.parse(raw, languages=["en"], settings={"DATE_ORDER": "DMY", "STRICT_PARSING": True})
    if when is None:
        return None
    return str(
        when.strftime("%Y-%m-%dT%H:%M:%S")
        if (when.hour, when.minute) != (0, 0)
        else when.strftime("%Y-%m-%d")
    )


def find_published_at(text: str) -> str | None:
    """A publication date stated on its own header line; never guessed."""
    m = _DATE_PREFIX.match(text)
    if m:
        return m.group(1)
    for line in _header_lines(text):
        if found := parse_dateline(line):
            return found
        if m := _ISO_DT.match(line):
            day, hm, sec = m.groups()
            return f"{day}T{hm}:{sec or '00'}" if hm else day
        if m := _DMY_H.match(line):
            day, month, year, hour, minute = m.groups()
            if int(month) > 12 or int(day) > 31:
                continue
            out = f"{year}-{int(month):02d}-{int(day):02d}"
            return f"{out}T{int(hour):02d}:{minute}:00" if hour else out
    return None


def find_title(text: str) -> str | None:
    lines = _header_lines(text, 1)
    if not lines:
        return None
    first = lines[0]
    if len(first) <= 160 and not first.endswith((".", "”", '"')) and not _DATE_PREFIX.match(first):
        return first
    return None


def find_outlet(text: str) -> str | None:
    for line in reversed(text.rstrip().split("\n")[-6:]):
        if m := _COPYRIGHT.match(line):
            return m.group(1).strip().rstrip(".") or None
    for line in _header_lines(text)[1:]:
        words = line.split()
        if (
            len(words) <= 5
            and not _URL_LINE.match(line)
            and all(w[0].isupper() for w in words if w[0].isalpha())
            and _OUTLET_WORDS.search(line)
        ):
            return line
    return None


def checked_date(value: str | None, name: str, warnings: list[str]) -> str | None:
    """A publication date that exists and is not in the future; otherwise null, with a warning."""
    if not value:
        return None
    try:
        day = dt.date.fromisoformat(value[:10])
    except ValueError:
        warnings.append(f"{shown(name)}: publication date {value[:40]!r} is not a real date; ignored")
        return None
    if day > dt.date.today() + dt.timedelta(days=1):
        warnings.append(f"{shown(name)}: publication date {value[:10]} is in the future; ignored")
        return None
    return value


def from_text(
    text: str,
    article_id: str,
    name: str | None = None,
    warnings: list[str] | None = None,
    **meta: str | None,
) -> Article:
    """An article from its text; what `meta` (META_FIELDS) leaves out is looked for in the text's header,
    and a publication date that cannot be right is dropped with a warning."""
    text = normalise(text)
    art = Article(text=text, id=article_id, name=name, warnings=list(warnings or []))
    art.title = meta.get("title") or find_title(text)
    art.published_at = checked_date(
        meta.get("published_at") or find_published_at(text), name or article_id, art.warnings
    )
    art.outlet = meta.get("outlet") or find_outlet(text)
    art.url = meta.get("url")
    art.language = meta.get("language")
    return art


_HIDDEN = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden|font-size\s*:\s*0(?![.\d])", re.I)


def visible_html(html: str) -> str:
    """The page without what a reader never sees: hidden elements, templates, scripts, comments."""
    import lxml.html  # deferred: a heavy library, needed only for HTML

    try:
        root = lxml.html.document_fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return html
    for element in list(root.iter()):
        # comments and processing instructions have no tag name
        unseen = not isinstance(element.tag, str) or (
            element.tag in ("script", "style", "template", "noscript")
            or element.get("hidden") is not None
            or element.get("aria-hidden") == "true"
            or _HIDDEN.search(element.get("style") or "")
        )
        if unseen and element.getparent() is not None:
            element.drop_tree()
    return str(lxml.html.tostring(root, encoding="unicode"))


def from_html(html: str, article_id: str, name: str | None = None) -> Article:
    import trafilatura  # deferred: a heavy library, needed only for HTML
    from trafilatura.settings import Document

    page = trafilatura.bare_extraction(visible_html(html), include_comments=False, with_metadata=True)
    if not isinstance(page, Document) or not page.text or not page.text.strip():  # None: nothing found
        raise InputError(f"{shown(name or article_id)}: no article text found in the HTML")
    return from_text(
        page.text,
        article_id,
        name,
        title=page.title,
        published_at=page.date,
        outlet=page.sitename,
        url=page.url,
        language=page.language,
    )


def from_record(record: object, where: str) -> Article:
    """A JSON record's article: its 'text', 'id' and META_FIELDS (other keys are ignored)."""
    if not isinstance(record, dict):
        raise InputError(f"{where}: expected a JSON object with a 'text' field")
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise InputError(f"{where}: record has no 'text'")
    record_id = record.get("id")
    meta = {
        key: (str(value) if value is not None else None)
        for key, value in record.items()
        if key in META_FIELDS
    }
    return from_text(text, str(record_id) if record_id is not None else "", where, None, **meta)


def read_records(data: str, name: str, jsonl: bool) -> list[Article]:
    if jsonl:
        out = []
        for n, line in enumerate(data.split("\n"), 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as error:
                raise InputError(f"{name}: line {n} is not valid JSON ({error.msg})") from None
            out.append(from_record(record, f"{name}:{n}"))
        return out
    try:
        obj = json.loads(data)
    except json.JSONDecodeError as error:
        raise InputError(f"{name}: not valid JSON (line {error.lineno}: {error.msg})") from None
    recs = obj if isinstance(obj, list) else [obj]
    return [from_record(record, f"{name}[{i}]") for i, record in enumerate(recs)]


def read_file(path: Path) -> list[Article]:
    name = path.name
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise InputError(
                f"{shown(name)}: {size:,} bytes is over the {MAX_BYTES:,}-byte limit for one input"
            )
        data = path.read_bytes()
    except OSError as e:
        raise InputError(f"{shown(name)}: cannot read ({e.strerror})") from None
    return read_bytes(data, path.stem, name, path.suffix.lower())


def read_bytes(data: bytes, stem: str, name: str, suffix: str = "", content_type: str = "") -> list[Article]:
    """One input's bytes into articles, by what the bytes are: PDF, HTML, JSON records or text. `name`
    is kept as it is in the articles and quoted in messages when it has characters that do not print."""
    label = shown(name)
    kind = sniff(data)
    if kind == "pdf":
        return [from_text(pdf_text(data, label), stem, name)]
    if kind is not None:
        raise refuse(kind, label)
    warnings: list[str] = []
    text = decode(data, label, warnings)
    if not text.strip():
        raise InputError(f"{label}: empty file")
    if suffix in JSON_SUFFIXES:
        arts = read_records(text, label, jsonl=suffix != ".json")
        for i, article in enumerate(arts):
            article.id = article.id or (stem if len(arts) == 1 else f"{stem}-{i + 1}")
        return arts
    if (
        suffix in HTML_SUFFIXES
        or "html" in content_type
        or text.lstrip()[:15].lower().startswith(("<!doctype html", "<html"))
    ):
        return [from_html(text, stem, name)]
    return [from_text(text, stem, name, warnings)]


def expand(path: Path) -> list[Path]:
    """Files named, or found in a folder (hidden files skipped, symlinked folders not followed)."""
    try:
        path.stat()
    except OSError as e:
        if e.errno == 40:  # ELOOP
            raise InputError(f"{shown(str(path))}: symlink loop") from None
        raise NoInputError(f"{shown(str(path))}: no such file or folder") from None
    if not path.is_dir():
        return [path]
    files = []
    for folder, dirs, names in os.walk(path, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        files += [Path(folder) / n for n in sorted(names) if not n.startswith(".")]
    if not files:
        raise NoInputError(f"{shown(str(path))}: folder has no files")
    return files


def leaves(file: Path, folder: Path) -> bool:
    """Whether a file found in `folder` is a symlink to something outside it (`zz.txt -> /etc/passwd`):
    naming a folder gives the tool what is in it, never what its links point at elsewhere."""
    if not file.is_symlink():
        return False
    target, root = os.path.realpath(file), os.path.realpath(folder)
    return os.path.commonpath([target, root]) != root


def is_json(text: str) -> bool:
    try:
        json.loads(text)
    except json.JSONDecodeError:
        return False
    return True


def looks_like_path(item: str) -> bool:
    """An existing path, or one word that reads like a file name (so a typo fails, not summarised)."""
    if len(item) >= 4096 or "\n" in item:
        return False
    if item == "-" or Path(item).exists():
        return True
    return " " not in item.strip() and (
        "/" in item
        or "\\" in item
        or Path(item).suffix.lower() in TEXT_SUFFIXES | HTML_SUFFIXES | JSON_SUFFIXES - {""}
    )


def load(
    items: Sequence[str | Path | Article], stdin: BinaryIO | None = None, allow_private: bool = False
) -> list[Article]:
    """Read every input into an Article; ids are made unique, text stays as read. An input that cannot
    be read is kept as a failed article (nothing is dropped silently)."""
    if not items:
        raise NoInputError("no input given")
    out: list[Article] = []
    for item in items:
        out.extend(read_item(item, stdin, allow_private))
    if out and all(article.error for article in out):
        first = out[0].error
        raise InputError(first if len(out) == 1 else f"no readable article: {first}")
    return unique_ids(out)


def read_item(item: str | Path | Article, stdin: BinaryIO | None, allow_private: bool) -> list[Article]:
    """One input: an Article (read again as text), '-' for stdin, a link, a path, or an article's text."""
    if isinstance(item, Article):
        return [from_text(item.text, item.id, item.name, **{key: getattr(item, key) for key in META_FIELDS})]
    if str(item) == "-":
        return read_stdin(stdin or sys.stdin.buffer)
    if isinstance(item, str) and is_url(item.strip()):
        link = item.strip()
        try:
            return read_link(link, allow_private)
        except InputError as error:
            return [Article(text="", id="link", name=link[:200], url=link[:2000], error=str(error))]
    if isinstance(item, Path) or looks_like_path(item):
        return read_path(Path(item))
    return [from_text(item, "")]


def read_stdin(stream: BinaryIO) -> list[Article]:
    """Stdin: a PDF or a refused format by its bytes, JSON records when it starts like them, else text."""
    data = stream.read()
    data = data if isinstance(data, bytes) else data.encode()  # a text stream, as a caller may pass
    if sniff(data) is not None:
        return read_bytes(data, "stdin", "stdin")
    warnings: list[str] = []
    text = decode(data, "stdin", warnings)
    if not text.strip():
        raise InputError("stdin: empty input")
    if text.lstrip().startswith(("{", "[")):
        return read_records(text, "stdin", jsonl=not is_json(text))
    return [from_text(text, "stdin", warnings=warnings)]


def read_link(url: str, allow_private: bool) -> list[Article]:
    """A link's page into articles; one that names no URL of its own gets the one the link ended at."""
    page = fetch(url, allow_private)
    stem = page.name.rsplit(".", 1)[0][:60] or "page"
    articles = read_bytes(page.data, stem, page.url[:200], content_type=page.content_type)
    for article in articles:
        article.url = article.url or page.url
    return articles


def read_path(path: Path) -> list[Article]:
    """A file, or every file in a folder; one that cannot be read becomes a failed article."""
    folder = path if path.is_dir() else None
    out: list[Article] = []
    for file in expand(path):
        try:
            if folder is not None and leaves(file, folder):
                raise InputError(
                    f"{shown(file.name)}: a symlink to a file outside {shown(str(folder))}; not followed"
                )
            out.extend(read_file(file))
        except InputError as error:
            out.append(Article(text="", id=file.stem, name=file.name, error=str(error)))
    return out


def unique_ids(arts: list[Article]) -> list[Article]:
    """Ids made unique, and printable: a character that does not print (a line break in a file name or
    a record's id) becomes `_`, so an id can go into any message as it is."""
    seen: dict[str, int] = {}
    for n, article in enumerate(arts, 1):
        base = "".join(c if c.isprintable() else "_" for c in article.id) or f"article-{n}"
        earlier = seen.get(base, 0)
        seen[base] = earlier + 1
        article.id = base if earlier == 0 else f"{base}-{earlier + 1}"
    return arts
