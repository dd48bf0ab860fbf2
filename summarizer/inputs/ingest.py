"""Ingest: read files, folders, stdin and JSON records into `Article`s with metadata."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import sys
from pathlib import Path

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
RECORD_FIELDS = {"id", "title", "text", "published_at", "url", "outlet", "language"}


# Invisible characters inside a word or a number ("1\u200b3\u200b7", "kil\u00adled"): a reader sees 137 and
# "killed", so the text as read has them dropped; elsewhere (between emoji, in other scripts) they stay.
_INVISIBLE_INSIDE = re.compile(
    r"""(?<=[0-9A-Za-z\u00c0-\u024f])   # after a Latin letter or a digit
        [\u200b\u200c\u200d\u2060\ufeff\u00ad]+   # zero-width space, non-joiner, joiner, word joiner, BOM, soft hyphen
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
    import dateparser

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
    return (
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
            d, mo, y, h, mi = m.groups()
            if int(mo) > 12 or int(d) > 31:
                continue
            out = f"{y}-{int(mo):02d}-{int(d):02d}"
            return f"{out}T{int(h):02d}:{mi}:00" if h else out
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
    text: str, id: str, name: str | None = None, warnings: list[str] | None = None, **meta: str | None
) -> Article:
    text = normalise(text)
    art = Article(text=text, id=id, name=name, warnings=list(warnings or []))
    art.title = meta.get("title") or find_title(text)
    art.published_at = checked_date(
        meta.get("published_at") or find_published_at(text), name or id, art.warnings
    )
    art.outlet = meta.get("outlet") or find_outlet(text)
    art.url = meta.get("url")
    art.language = meta.get("language")
    return art


_HIDDEN = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden|font-size\s*:\s*0(?![.\d])", re.I)


def visible_html(html: str) -> str:
    """The page without what a reader never sees: hidden elements, templates, scripts, comments."""
    import lxml.html

    try:
        root = lxml.html.document_fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return html
    for el in list(root.iter()):
        if not isinstance(el.tag, str):  # comments and processing instructions
            el.drop_tree() if el.getparent() is not None else None
            continue
        if (
            el.tag in ("script", "style", "template", "noscript")
            or el.get("hidden") is not None
            or el.get("aria-hidden") == "true"
            or _HIDDEN.search(el.get("style") or "")
        ):
            if el.getparent() is not None:
                el.drop_tree()
    return lxml.html.tostring(root, encoding="unicode")


def from_html(html: str, id: str, name: str | None = None) -> Article:
    import trafilatura

    doc = trafilatura.bare_extraction(visible_html(html), include_comments=False, with_metadata=True)
    if doc is None or not (doc.text or "").strip():
        raise InputError(f"{shown(name or id)}: no article text found in the HTML")
    return from_text(
        doc.text,
        id,
        name,
        title=doc.title,
        published_at=doc.date,
        outlet=doc.sitename,
        url=doc.url,
        language=doc.language,
    )


def from_record(rec: object, where: str) -> Article:
    if not isinstance(rec, dict):
        raise InputError(f"{where}: expected a JSON object with a 'text' field")
    text = rec.get("text")
    if not isinstance(text, str) or not text.strip():
        raise InputError(f"{where}: record has no 'text'")
    rid = rec.get("id")
    meta = {
        k: (str(v) if v is not None else None) for k, v in rec.items() if k in RECORD_FIELDS - {"id", "text"}
    }
    return from_text(text, str(rid) if rid is not None else "", where, **meta)


def read_records(data: str, name: str, jsonl: bool) -> list[Article]:
    if jsonl:
        out = []
        for n, line in enumerate(data.split("\n"), 1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as e:
                raise InputError(f"{name}: line {n} is not valid JSON ({e.msg})") from None
            out.append(from_record(rec, f"{name}:{n}"))
        return out
    try:
        obj = json.loads(data)
    except json.JSONDecodeError as e:
        raise InputError(f"{name}: not valid JSON (line {e.lineno}: {e.msg})") from None
    recs = obj if isinstance(obj, list) else [obj]
    return [from_record(r, f"{name}[{i}]") for i, r in enumerate(recs)]


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
        for i, a in enumerate(arts):
            a.id = a.id or (stem if len(arts) == 1 else f"{stem}-{i + 1}")
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


def looks_like_path(s: str) -> bool:
    """An existing path, or one word that reads like a file name (so a typo fails, not summarised)."""
    if len(s) >= 4096 or "\n" in s:
        return False
    if s == "-" or Path(s).exists():
        return True
    return " " not in s.strip() and (
        "/" in s
        or "\\" in s
        or Path(s).suffix.lower() in TEXT_SUFFIXES | HTML_SUFFIXES | JSON_SUFFIXES - {""}
    )


def load(items: list[str | Path | Article], stdin=None, allow_private: bool = False) -> list[Article]:
    """Read every input into an Article; ids are made unique, text stays as read. An input that cannot
    be read is kept as a failed article (nothing is dropped silently)."""
    if not items:
        raise NoInputError("no input given")
    out: list[Article] = []
    for item in items:
        if isinstance(item, Article):
            out.append(
                from_text(
                    item.text,
                    item.id,
                    item.name,
                    title=item.title,
                    published_at=item.published_at,
                    outlet=item.outlet,
                    url=item.url,
                    language=item.language,
                )
            )
        elif str(item) == "-":
            data = (stdin or sys.stdin.buffer).read()
            data = data if isinstance(data, bytes) else data.encode()
            if sniff(data) is not None:
                out.extend(read_bytes(data, "stdin", "stdin"))
                continue
            warnings: list[str] = []
            text = decode(data, "stdin", warnings)
            if not text.strip():
                raise InputError("stdin: empty input")
            if text.lstrip().startswith(("{", "[")):
                out.extend(read_records(text, "stdin", jsonl=not is_json(text)))
            else:
                out.append(from_text(text, "stdin", warnings=warnings))
        elif isinstance(item, str) and is_url(item.strip()):
            try:
                out.extend(fetch(item.strip(), allow_private))
            except InputError as e:
                out.append(
                    Article(
                        text="", id="link", name=item.strip()[:200], url=item.strip()[:2000], error=str(e)
                    )
                )
        elif isinstance(item, Path) or looks_like_path(item):
            folder = Path(item) if Path(item).is_dir() else None
            for p in expand(Path(item)):
                try:
                    if folder is not None and leaves(p, folder):
                        raise InputError(
                            f"{shown(p.name)}: a symlink to a file outside {shown(str(folder))}; not followed"
                        )
                    out.extend(read_file(p))
                except InputError as e:
                    out.append(Article(text="", id=p.stem, name=p.name, error=str(e)))
        else:
            out.append(from_text(item, ""))
    if out and all(a.error for a in out):
        raise InputError(out[0].error if len(out) == 1 else f"no readable article: {out[0].error}")
    return unique_ids(out)


def unique_ids(arts: list[Article]) -> list[Article]:
    """Ids made unique, and printable: a character that does not print (a line break in a file name or
    a record's id) becomes `_`, so an id can go into any message as it is."""
    seen: dict[str, int] = {}
    for n, a in enumerate(arts, 1):
        base = "".join(c if c.isprintable() else "_" for c in a.id) or f"article-{n}"
        k = seen.get(base, 0)
        seen[base] = k + 1
        a.id = base if k == 0 else f"{base}-{k + 1}"
    return arts
