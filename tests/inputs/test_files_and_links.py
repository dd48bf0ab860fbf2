"""Inputs people have: links (a local HTTP server stands in for the web), PDFs the tests write, and
files that are not articles, recognised by their bytes whatever their name."""

from __future__ import annotations

import gzip
import io
import threading
import zipfile
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from summarizer import summarize
from summarizer.commands.cli import main
from summarizer.core.errors import InputError
from summarizer.inputs.formats import sniff
from summarizer.inputs.ingest import load
from tests.helpers import LOOPBACK_FAKES

# Made up for these tests: not a real event.
STORY = (
    "Bridge collapse in Ostavia kills 7\n\n"
    "A road bridge over the Lenna river collapsed in Ostavia on Tuesday, killing 7 people, police said. "
    "\"The bridge was inspected in March,\" said city engineer Petra Voss. Rescuers searched the water."
)


def pdf(text: str | None) -> bytes:
    """A PDF written here: with `text` as its text layer, or a blank page (as a scan without OCR reads)."""
    if text is None:
        from pypdf import PdfWriter

        w, out = PdfWriter(), io.BytesIO()
        w.add_blank_page(width=595, height=842)
        w.write(out)
        return out.getvalue()
    from fpdf import FPDF

    doc = FPDF()
    doc.add_page()
    doc.set_font("Helvetica", size=11)
    for para in text.split("\n\n"):
        doc.multi_cell(0, 6, para)
        doc.ln(3)
    return bytes(doc.output())


def test_a_text_pdf_is_read_whatever_its_name(tmp_path):
    (tmp_path / "release.txt").write_bytes(pdf(STORY))  # a PDF named .txt is still a PDF
    [article] = load([tmp_path / "release.txt"])
    assert "killing 7 people" in article.text and article.title.startswith("Bridge collapse")
    brief = summarize([tmp_path / "release.txt"], answers="rules", cache=False)
    assert brief.casualties.killed.best.value == 7
    q = brief.casualties.killed.best.evidence[0]
    assert brief.sources[0].text[q.start : q.end] == q.quote


def test_a_scanned_pdf_gets_a_clear_error(tmp_path, capsys):
    (tmp_path / "scan.pdf").write_bytes(pdf(None))
    assert main(["brief", str(tmp_path / "scan.pdf"), "--answers", "rules", "-q"]) == 65
    err = capsys.readouterr().err
    assert "no text layer" in err and "OCR" in err and "Traceback" not in err


def _docx() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document/>")
    return out.getvalue()


def _zip() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("story.txt", STORY)
    return out.getvalue()


NOT_ARTICLES = {
    "png": (b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, "PNG image"),
    "jpeg": (b"\xff\xd8\xff\xe0" + b"\x00" * 40, "JPEG image"),
    "gif": (b"GIF89a" + b"\x01" * 40, "GIF image"),
    "webp": (b"RIFF\x00\x00\x00\x00WEBPVP8 " + b"\x00" * 40, "WebP image"),
    "gzip": (gzip.compress(STORY.encode()), "gzip archive"),
    "zip": (_zip(), "ZIP archive"),
    "docx": (_docx(), "Word document"),
    "doc": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 40, "old Office document"),
    "rtf": (b"{\\rtf1\\ansi " + STORY.encode() + b"}", "RTF document"),
}


@pytest.mark.parametrize("kind", sorted(NOT_ARTICLES))
def test_files_that_are_not_articles_are_refused_by_their_bytes(kind, tmp_path):
    data, words = NOT_ARTICLES[kind]
    assert words in (sniff(data) or "")
    (tmp_path / "story.txt").write_bytes(data)  # the name says text; the bytes say otherwise
    (tmp_path / "good.txt").write_text(STORY, encoding="utf-8")
    brief = summarize([tmp_path], answers="rules", cache=False)
    status = {s.id: (s.status, s.error) for s in brief.sources}
    assert (
        status["story"][0] == "failed"
        and words in status["story"][1]
        and "save it as text" in status["story"][1]
    )
    assert status["good"] == ("used", None)


def test_plain_text_is_not_mistaken_for_a_format():
    assert sniff(STORY.encode()) is None and sniff(b"BMW recalls 7 cars") is None


def send_page(handler: BaseHTTPRequestHandler, ctype: str, body: bytes) -> None:
    """A 200 answer with its body (the loopback sites of these tests)."""
    handler.send_response(200)
    handler.send_header("Content-Type", ctype)
    handler.send_header("Content-Length", str(len(body)))
    handler.end_headers()
    handler.wfile.write(body)


class Site(BaseHTTPRequestHandler):
    """Pages for the link tests (hand-made)."""

    PAGES = {
        "/story.html": (
            "text/html; charset=utf-8",
            (
                "<!doctype html><html><head><title>Bridge collapse in Ostavia kills 7</title></head><body><article>"
                + "".join(f"<p>{p}</p>" for p in STORY.split("\n\n")[1:])
                + "</article></body></html>"
            ).encode(),
        ),
        "/story.txt": ("text/plain", STORY.encode()),
        "/release.pdf": ("application/pdf", pdf(STORY)),
        "/image.png": ("image/png", NOT_ARTICLES["png"][0]),
        "/huge.txt": ("text/plain", b"x " * 3_000_000),
    }

    def do_GET(self):
        if self.path.startswith("/hop/"):
            n = int(self.path.rsplit("/", 1)[1])
            self.send_response(302)
            self.send_header("Location", f"/hop/{n - 1}" if n > 0 else "/story.txt")
            self.end_headers()
            return
        if self.path not in self.PAGES:
            self.send_error(404)
            return
        send_page(self, *self.PAGES[self.path])

    def log_message(self, *_args):
        pass


@pytest.fixture
def site():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Site)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    LOOPBACK_FAKES.add(server.server_address)
    yield f"http://127.0.0.1:{server.server_address[1]}"
    LOOPBACK_FAKES.discard(server.server_address)
    server.shutdown()


@pytest.mark.parametrize("path", ["/story.html", "/story.txt", "/release.pdf", "/hop/3"])
def test_a_link_is_fetched_and_read(site, path):
    [article] = load([site + path], allow_private=True)
    assert "killing 7 people" in article.text and article.url.startswith(site)
    assert article.error is None


@pytest.mark.parametrize(
    "path, words",
    [
        ("/image.png", "image/png is not an article"),
        ("/huge.txt", "byte limit"),
        ("/missing", "HTTP 404"),
        ("/hop/9", "more than 5 redirects"),
    ],
)
def test_a_link_that_is_not_an_article_fails_clearly(site, path, words):
    with pytest.raises(InputError, match=words):
        load([site + path], allow_private=True)


def test_links_to_this_machine_or_other_schemes_are_refused(site, capsys):
    for link, words in (
        (site + "/story.txt", "private or local address"),
        ("file:///etc/passwd", "only http and https"),
        ("ftp://example.org/x.txt", "only http and https"),
    ):
        with pytest.raises(InputError, match=words):
            load([link])
    assert main(["brief", site + "/story.txt", "--answers", "rules", "-q"]) == 65
    assert "--allow-private" in capsys.readouterr().err
    assert main(["brief", site + "/story.txt", "--answers", "rules", "-q", "--allow-private"]) == 0
    assert '"killed"' in capsys.readouterr().out


def test_a_brief_with_nothing_extracted_says_so(tmp_path, capsys):
    (tmp_path / "a.txt").write_text(
        "Lorem ipsum dolor sit amet.\nThe weather was mild and nothing else happened.\n"
    )
    assert main(["brief", str(tmp_path / "a.txt"), "--answers", "rules", "-q"]) == 0
    assert "nothing about an incident was found" in capsys.readouterr().err
    assert main(["brief", str(tmp_path / "a.txt"), "--answers", "rules", "-q", "--strict"]) == 65


# --- DNS rebinding: a name that answers a public address when checked, then this machine's -------------

PUBLIC = "93.184.216.34"  # a global address; no connection to it ever leaves this machine (see `web`)


class Page(BaseHTTPRequestHandler):
    """One server's pages: `/story.txt` and, on the public one, `/next`, a redirect to another rebinding name."""

    def do_GET(self):
        self.server.hosts.append(self.headers.get("Host"))
        if self.path == "/next":
            self.send_response(302)
            self.send_header("Location", f"http://second.example:{self.server.url_port}/story.txt")
            self.end_headers()
            return
        send_page(self, "text/plain", self.server.body.encode())

    def log_message(self, *_args):
        pass


@pytest.fixture
def web(monkeypatch):
    """Two loopback servers: `public` stands for the host a name first resolves to (connections to PUBLIC
    are carried to it, as a router would), `intranet` for what this machine serves. A patched resolver
    answers PUBLIC for a name's first lookup and 127.0.0.1 for every later one, as a rebinding DNS does;
    `answers` replaces that for a name."""
    import socket

    servers = {}
    for name, body in (("public", STORY), ("intranet", "INTRANET ONLY: the payroll of every employee.")):
        s = ThreadingHTTPServer(("127.0.0.1", 0), Page)
        s.body, s.hosts = body, []
        threading.Thread(target=s.serve_forever, daemon=True).start()
        LOOPBACK_FAKES.add(s.server_address)
        servers[name] = s
    port = servers["intranet"].server_address[1]  # links name this port: what a rebound name reaches
    servers["public"].url_port = port
    looked_up: dict[str, int] = {}
    answers: dict[str, str] = {}
    real_getaddrinfo, guarded_connect = socket.getaddrinfo, socket.socket.connect

    def getaddrinfo(host, port_, *args, **kwargs):
        if not str(host).endswith(".example"):
            return real_getaddrinfo(host, port_, *args, **kwargs)
        looked_up[host] = looked_up.get(host, 0) + 1
        ip = answers.get(host) or (PUBLIC if looked_up[host] == 1 else "127.0.0.1")
        if ":" in ip:
            return [(socket.AF_INET6, socket.SOCK_STREAM, socket.IPPROTO_TCP, "", (ip, port_, 0, 0))]
        return [(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP, "", (ip, port_))]

    def connect(self, address, *args, **kwargs):
        if address[0] == PUBLIC:
            return guarded_connect(self, servers["public"].server_address)
        if address[0] != "127.0.0.1":
            raise ConnectionRefusedError(111, "Connection refused")
        return guarded_connect(self, address, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    monkeypatch.setattr(socket.socket, "connect", connect)
    yield type("Web", (), {"servers": servers, "port": port, "answers": answers})
    for s in servers.values():
        LOOPBACK_FAKES.discard(s.server_address)
        s.shutdown()


def test_a_rebinding_name_is_fetched_from_the_address_that_was_checked(web):
    [article] = load([f"http://news.example:{web.port}/story.txt"])
    assert "killing 7 people" in article.text and "INTRANET" not in article.text
    assert web.servers["intranet"].hosts == []
    assert web.servers["public"].hosts == [f"news.example:{web.port}"]  # the name kept in the Host header


def test_every_redirect_hop_is_held_to_its_checked_address(web):
    [article] = load([f"http://news.example:{web.port}/next"])
    assert "killing 7 people" in article.text and web.servers["intranet"].hosts == []
    assert web.servers["public"].hosts == [f"news.example:{web.port}", f"second.example:{web.port}"]


@pytest.mark.parametrize(
    "address",
    [
        "::127.0.0.1",  # IPv4-compatible
        "::ffff:10.1.2.3",  # IPv4-mapped
        "64:ff9b::a00:1",  # NAT64 of 10.0.0.1
        "64:ff9b:1::c0a8:101",  # local-use NAT64 of 192.168.1.1
        "2002:c0a8:101::1",  # 6to4 of 192.168.1.1
        "2002:7f00:1::",  # 6to4 of 127.0.0.1
    ],
)
def test_ipv6_forms_of_private_addresses_are_refused(web, address):
    web.answers["v6.example"] = address
    with pytest.raises(InputError, match="private or local address"):
        load([f"http://v6.example:{web.port}/story.txt"])
    with pytest.raises(InputError, match="private or local address"):
        load([f"http://[{address}]:{web.port}/story.txt"])


def test_ipv6_forms_of_public_addresses_are_not_refused():
    import ipaddress

    from summarizer.inputs.fetch import private

    for address in ("64:ff9b::5db8:d822", "2002:5db8:d822::1", "2606:4700:4700::1111", PUBLIC):
        assert not private(ipaddress.ip_address(address)), address
