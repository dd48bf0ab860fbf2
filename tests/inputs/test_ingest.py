"""Ingest: files, folders, records, HTML, metadata from raw text."""

from __future__ import annotations

import io
import json

import pytest

from summarizer.core.article import Article
from summarizer.core.errors import InputError, NoInputError
from summarizer.inputs.ingest import load
from tests.helpers import EXAMPLES


def test_seed_metadata_is_read_from_the_text():
    arts = {a.id: a for a in load([EXAMPLES])}
    assert sorted(arts) == sorted(p.stem for p in EXAMPLES.glob("*.txt"))
    assert arts["001_4fba4d991c7fe42a"].published_at == "2024-03-23T03:12:35"
    assert arts["002_9fc10225dee73ccf"].published_at == "2024-03-26T18:43:00"
    assert arts["003_5381968c088b4830"].published_at == "2024-03-23"
    assert arts["000_f8b08e5fa2d5a043"].published_at is None  # unknown stays unknown, never today
    assert arts["000_f8b08e5fa2d5a043"].outlet == "The News Singapore"
    assert arts["002_9fc10225dee73ccf"].outlet == "ICARO Media Group"
    assert arts["002_9fc10225dee73ccf"].title.startswith("Massive Attack at Moscow Concert")


def test_text_keeps_offsets_of_the_file_with_newlines_normalised(tmp_path):
    p = tmp_path / "crlf.txt"
    p.write_bytes(b"\xef\xbb\xbfTitle here\r\n\r\nBody one.\rBody two.\r\n")
    (a,) = load([p])
    assert a.text == "Title here\n\nBody one.\nBody two.\n" and a.id == "crlf"


def test_utf16_with_bom(tmp_path):
    p = tmp_path / "u16.txt"
    p.write_bytes("Flood kills 12 in river town.\n".encode("utf-16"))
    assert load([p])[0].text == "Flood kills 12 in river town.\n"


@pytest.mark.parametrize(
    "content, message",
    [
        (b"", "empty file"),
        (b"  \n\t \n", "empty file"),
        (b"\x00\x01binary", "binary"),
        (b"bad \xc3\x28 \x81\x8d bytes", "not valid UTF-8"),  # neither UTF-8 nor Windows-1252
    ],
)
def test_bad_files_are_refused_with_the_reason(tmp_path, content, message):
    p = tmp_path / "bad.txt"
    p.write_bytes(content)
    with pytest.raises(InputError, match=message):
        load([p])


def test_missing_path_and_empty_folder(tmp_path):
    with pytest.raises(NoInputError, match="no such file"):
        load([tmp_path / "nope.txt"])
    with pytest.raises(NoInputError, match="no such file"):
        load([str(tmp_path / "typo.txt")])  # a string naming a file is a path, not article text
    (tmp_path / "empty").mkdir()
    with pytest.raises(NoInputError, match="no files"):
        load([tmp_path / "empty"])


def test_jsonl_records_and_malformed_line(tmp_path):
    good = [
        {"id": "a1", "title": "T", "text": "A fire broke out.", "published_at": "2024-05-01", "outlet": "X"},
        {"text": "Second story."},
    ]
    p = tmp_path / "feed.jsonl"
    p.write_text("\n".join(json.dumps(r) for r in good))
    a, b = load([p])
    assert (a.id, a.published_at, a.outlet, b.id) == ("a1", "2024-05-01", "X", "feed-2")
    p.write_text(json.dumps(good[0]) + "\n{not json\n")
    with pytest.raises(InputError, match="line 2"):
        load([p])
    p = tmp_path / "one.json"
    p.write_text(json.dumps({"id": "x", "title": "no text"}))
    with pytest.raises(InputError, match="no 'text'"):
        load([p])


def test_stdin_strings_and_articles():
    (a,) = load(["-"], stdin=io.BytesIO(b"Quake hits coast\n\nA quake struck on Monday."))
    assert a.id == "stdin" and a.title == "Quake hits coast"
    x, y = load(["A bridge collapsed on Tuesday, killing 4.", Article(text="Other text.", id="mine")])
    assert (x.id, y.id) == ("article-1", "mine")


def test_duplicate_ids_are_made_unique():
    arts = load([Article(text="a", id="s"), Article(text="b", id="s")])
    assert [a.id for a in arts] == ["s", "s-2"]


def test_html_goes_through_trafilatura(tmp_path):
    html = """<!doctype html><html><head><title>Blast at port kills 9 | Harbour News</title>
    <meta property="og:site_name" content="Harbour News"><meta name="date" content="2024-08-04">
    <style>.x{color:red}</style><script>var secret = 'ignore me';</script></head>
    <body><article><h1>Blast at port kills 9</h1>
    <p>An explosion tore through a warehouse at the city port on Sunday, killing nine workers, officials said.</p>
    <p>Firefighters fought the blaze for six hours before bringing it under control late in the evening.</p>
    </article></body></html>"""
    p = tmp_path / "page.html"
    p.write_text(html)
    (a,) = load([p])
    assert "killing nine workers" in a.text and "secret" not in a.text and "color" not in a.text
    assert a.published_at and a.published_at.startswith("2024-08-04")


def test_latin1_on_stdin_is_read_with_a_warning():
    (a,) = load(["-"], stdin=io.BytesIO("Fire at the caf\xe9 kills 3.".encode("latin-1")))
    assert a.text == "Fire at the café kills 3." and a.warnings == [
        "stdin: not UTF-8; read as Windows-1252/Latin-1"
    ]
