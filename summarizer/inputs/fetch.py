"""Fetch: a page from a link (httpx), with limits on time, size, type, redirects and where it may go."""

from __future__ import annotations

import ipaddress
import socket
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit

from summarizer.core.errors import InputError

if TYPE_CHECKING:
    import httpx

TIMEOUT = 20.0  # seconds for connecting and for each read
MAX_REDIRECTS = 5
TYPES = ("text/html", "application/xhtml+xml", "text/plain", "application/pdf")


def is_url(item: str) -> bool:
    return item.lower().startswith(("http://", "https://", "file://", "ftp://"))


# IPv6 prefixes that carry an IPv4 address in their last 32 bits: IPv4-compatible (::a.b.c.d, deprecated
# but still parsed), and NAT64's well-known and local-use prefixes (RFC 6052, RFC 8215).
_V4_IN_LAST_32 = [ipaddress.ip_network(n) for n in ("::/96", "64:ff9b::/96", "64:ff9b:1::/48")]


def carried_v4(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> list[ipaddress.IPv4Address]:
    """The IPv4 addresses an IPv6 address leads to: mapped (::ffff:a.b.c.d), IPv4-compatible, NAT64,
    6to4 (2002::/16) and Teredo's server and client; a gateway or a dual stack may deliver to them."""
    if ip.version == 4:
        return []
    out = [v4 for v4 in (ip.ipv4_mapped, ip.sixtofour, *(ip.teredo or ())) if v4 is not None]
    if any(ip in net for net in _V4_IN_LAST_32):
        out.append(ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF))
    return out


def private(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    """An address on this machine or a private network, directly or through an IPv4 address it carries."""
    return not ip.is_global or any(not v4.is_global for v4 in carried_v4(ip))


def _check_target(url: str, allow_private: bool) -> str | None:
    """Refuse schemes other than http(s), and hosts on this machine or its private networks (a link in
    a pasted article must not make the tool read an intranet page) unless `allow_private`. Returns the
    address that was checked, which is the one to connect to: a name resolved again at connect time
    may answer otherwise (DNS rebinding). None with `allow_private` (nothing to hold the name to)."""
    import httpx  # deferred: a heavy library, needed only for links

    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise InputError(f"{url[:200]}: only http and https links are fetched (give a local file as a path)")
    if not parts.hostname:
        raise InputError(f"{url[:200]}: a link without a host")
    if allow_private:
        return None
    try:
        parsed = httpx.URL(url)
        infos = socket.getaddrinfo(
            parsed.raw_host.decode("ascii"),
            parsed.port or (443 if parsed.scheme == "https" else 80),
            proto=socket.IPPROTO_TCP,
        )
    except (socket.gaierror, UnicodeError, httpx.InvalidURL):
        raise InputError(f"{url[:200]}: host {parts.hostname!r} not found") from None
    addresses = [ipaddress.ip_address(str(info[4][0]).split("%")[0]) for info in infos]
    for ip in addresses:
        if private(ip):
            raise InputError(
                f"{url[:200]}: {parts.hostname} is a private or local address ({ip}); "
                "pass --allow-private to fetch it"
            )
    return str(addresses[0])


def pinned(url: str, address: str | None) -> tuple[str, dict[str, str], dict[str, str]]:
    """The request for `url` sent to `address`: the URL with the address for its host, the name kept in
    the Host header and, for https, in TLS's server name (so the certificate is checked for the name)."""
    import httpx  # deferred: a heavy library, needed only for links

    if address is None:
        return url, {}, {}
    parsed = httpx.URL(url)
    return (
        str(parsed.copy_with(host=address)),
        {"Host": parsed.netloc.decode("ascii")},
        ({"sni_hostname": parsed.raw_host.decode("ascii")} if parsed.scheme == "https" else {}),
    )


@dataclass
class Page:
    """What a link gave: its bytes, its type as the server declared it ('' if none), the URL it ended at
    after redirects, and a name for it from that URL's last path part (or host)."""

    data: bytes
    content_type: str
    url: str
    name: str


def fetch(url: str, allow_private: bool = False, max_bytes: int = 5_000_000) -> Page:
    """The page at `url`, its redirects followed one by one, each hop checked like the first."""
    import httpx  # deferred: a heavy library, needed only for links

    with httpx.Client(
        timeout=TIMEOUT, follow_redirects=False, headers={"User-Agent": "incident-summarizer"}
    ) as client:
        for _hop in range(MAX_REDIRECTS + 1):
            try:
                got = _get(client, url, allow_private, max_bytes)
            except httpx.TimeoutException:
                raise InputError(f"{url[:200]}: no answer within {TIMEOUT:.0f} s") from None
            except httpx.HTTPError as error:
                raise InputError(f"{url[:200]}: cannot fetch ({type(error).__name__})") from None
            if isinstance(got, Page):
                return got
            url = got
    raise InputError(f"{url[:200]}: more than {MAX_REDIRECTS} redirects")


def _get(client: httpx.Client, url: str, allow_private: bool, max_bytes: int) -> Page | str:
    """One request: the page, or the URL a redirect points to."""
    address = _check_target(url, allow_private)
    target, host, sni = pinned(url, address)
    with client.stream("GET", target, headers=host, extensions=sni) as response:
        if response.is_redirect:
            return urljoin(url, str(response.headers.get("location", "")))
        if response.status_code != 200:
            raise InputError(f"{url[:200]}: HTTP {response.status_code}")
        content_type = response.headers.get("content-type", "").split(";")[0].strip().lower()
        if content_type and content_type not in TYPES:
            raise InputError(f"{url[:200]}: {content_type} is not an article (HTML, text or PDF)")
        data = _body(response, url, max_bytes)
    name = urlsplit(url).path.rstrip("/").rsplit("/", 1)[-1] or urlsplit(url).hostname or "page"
    return Page(data, content_type, url, name)


def _body(response: httpx.Response, url: str, max_bytes: int) -> bytes:
    """The response's bytes, refused as soon as they (or the length it declares) pass `max_bytes`."""
    declared = response.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > max_bytes:
        raise InputError(f"{url[:200]}: {int(declared):,} bytes is over the {max_bytes:,}-byte limit")
    data = bytearray()
    for chunk in response.iter_bytes():
        data += chunk
        if len(data) > max_bytes:
            raise InputError(f"{url[:200]}: over the {max_bytes:,}-byte limit")
    return bytes(data)
