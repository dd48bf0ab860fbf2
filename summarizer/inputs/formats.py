"""Formats: what an input is by its first bytes, never its name; PDFs read with pypdf, the rest refused."""

from __future__ import annotations

import io
import zipfile

from summarizer.core.errors import InputError

# (first bytes, "pdf" or the format to name when refusing it). Checked before any decoding: a PDF or a
# picture is never read as text.
MAGIC: list[tuple[bytes, str]] = [
    (b"%PDF-", "pdf"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\xfd7zXZ\x00", "an xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Office document (.doc/.xls/.ppt)"),
    (b"{\\rtf", "an RTF document"),
]
_OFFICE = {
    "word/": "a Word document (.docx)",
    "xl/": "an Excel workbook (.xlsx)",
    "ppt/": "a PowerPoint file (.pptx)",
    "content.xml": "an OpenDocument file",
}


def sniff(data: bytes) -> str | None:
    """'pdf', a description of a format that is refused, or None for text."""
    head = data[:16]
    if kind := _magic_with_more_bytes(data):
        return kind
    for magic, kind in MAGIC:
        if head.startswith(magic):
            return kind
    if head.startswith(b"PK\x03\x04"):
        return _zip_kind(data)
    if len(data) > 262 and data[257:262] == b"ustar":
        return "a tar archive"
    return None


def _magic_with_more_bytes(data: bytes) -> str | None:
    """Formats told by bytes after the first ones too."""
    head = data[:16]
    if head[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "a WebP image"
    if head[4:12] in (b"ftypavif", b"ftypheic", b"ftypmif1"):
        return "an AVIF/HEIC image"
    # Two-letter magics also begin ordinary words ("BMW", "BZh..."): checked with the bytes after them.
    if head[:2] == b"BM" and head[6:10] == b"\0\0\0\0":
        return "a BMP image"
    if head[:3] == b"BZh" and head[4:10] == b"1AY&SY":
        return "a bzip2 archive"
    return None


def _zip_kind(data: bytes) -> str:
    """An Office or OpenDocument file by the names inside it, else a ZIP archive."""
    try:
        names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    except zipfile.BadZipFile:
        return "a ZIP archive"
    for prefix, kind in _OFFICE.items():
        if any(name.startswith(prefix) for name in names):
            return kind
    return "a ZIP archive"


def refuse(kind: str, name: str) -> InputError:
    return InputError(f"{name}: {kind}, not an article; save it as text, HTML or PDF")


def pdf_text(data: bytes, name: str) -> str:
    """The text layer of every page; a PDF with none (a scan) is refused with what to do about it."""
    from pypdf import PdfReader  # deferred: a heavy library, needed only for PDFs
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise InputError(f"{name}: an encrypted PDF; give one without a password")
        pages = [(page.extract_text() or "").strip() for page in reader.pages]
    except (PdfReadError, ValueError, KeyError, TypeError) as error:
        raise InputError(f"{name}: a PDF that cannot be read ({type(error).__name__})") from None
    text = "\n\n".join(page for page in pages if page)
    if len(text.split()) < 5:
        raise InputError(
            f"{name}: a PDF with no text layer ({len(pages)} page{'s' if len(pages) != 1 else ''}, "
            "probably scanned); run OCR on it first"
        )
    return text
