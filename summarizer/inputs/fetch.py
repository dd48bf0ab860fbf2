"""Fetch: an article from a link (httpx), with limits on time, size, type, redirects and where it may go."""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urljoin, urlsplit

from ..errors import InputError

TIMEOUT = 20.0  # seconds for connecting and for each read
MAX_REDIRECTS = 5
TYPES = ("text/html", "application/xhtml+xml", "text/plain", "application/pdf")


def is_url(item: str) -> bool:
    return item.lower().startswith(("http://", "https://", "file://", "ftp://"))


def _check_target(url: str, allow_private: bool) -> None:
    """Refuse schemes other than http(s), and hosts on this machine or its private networks (a link in
    a pasted article must not make the tool read an intranet page) unless `allow_private`."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise InputError(f"{url[:200]}: only http and https links are fetched (give a local file as a path)")
    if not parts.hostname:
        raise InputError(f"{url[:200]}: a link without a host")
    if allow_private:
        return
    try:
        infos = socket.getaddrinfo(parts.hostname, parts.port or (443 if parts.scheme == "https" else 80),
                                   proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError):
        raise InputError(f"{url[:200]}: host {parts.hostname!r} not found") from None
    for info in infos:
        ip = ipaddress.ip_address(info[4][0].split("%")[0])
        if not ip.is_global:
            raise InputError(f"{url[:200]}: {parts.hostname} is a private or local address ({ip}); "
                             "pass --allow-private to fetch it")


def fetch(url: str, allow_private: bool = False, max_bytes: int = 5_000_000):
    """The page's articles (HTML through trafilatura, PDF through pypdf, plain text as is)."""
    import httpx

    from .ingest import read_bytes

    with httpx.Client(timeout=TIMEOUT, follow_redirects=False, headers={"User-Agent": "incident-summarizer"}) as client:
        for _hop in range(MAX_REDIRECTS + 1):
            _check_target(url, allow_private)
            try:
                with client.stream("GET", url) as r:
                    if r.is_redirect:
                        url = urljoin(url, r.headers.get("location", ""))
                        continue
                    if r.status_code != 200:
                        raise InputError(f"{url[:200]}: HTTP {r.status_code}")
                    ctype = r.headers.get("content-type", "").split(";")[0].strip().lower()
                    if ctype and ctype not in TYPES:
                        raise InputError(f"{url[:200]}: {ctype} is not an article (HTML, text or PDF)")
                    declared = r.headers.get("content-length")
                    if declared and declared.isdigit() and int(declared) > max_bytes:
                        raise InputError(f"{url[:200]}: {int(declared):,} bytes is over the {max_bytes:,}-byte limit")
                    data = bytearray()
                    for chunk in r.iter_bytes():
                        data += chunk
                        if len(data) > max_bytes:
                            raise InputError(f"{url[:200]}: over the {max_bytes:,}-byte limit")
            except httpx.TimeoutException:
                raise InputError(f"{url[:200]}: no answer within {TIMEOUT:.0f} s") from None
            except httpx.HTTPError as e:
                raise InputError(f"{url[:200]}: cannot fetch ({type(e).__name__})") from None
            name = urlsplit(url).path.rstrip("/").rsplit("/", 1)[-1] or urlsplit(url).hostname or "page"
            arts = read_bytes(bytes(data), name.rsplit(".", 1)[0][:60] or "page", url[:200], content_type=ctype)
            for a in arts:
                a.url = a.url or url
            return arts
    raise InputError(f"{url[:200]}: more than {MAX_REDIRECTS} redirects")
