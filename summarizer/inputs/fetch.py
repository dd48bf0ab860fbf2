"""Fetch: an article from a link (httpx), with limits on time, size, type, redirects and where it may go."""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urljoin, urlsplit

from summarizer.core.errors import InputError

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
    import httpx

    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise InputError(f"{url[:200]}: only http and https links are fetched (give a local file as a path)")
    if not parts.hostname:
        raise InputError(f"{url[:200]}: a link without a host")
    if allow_private:
        return None
    try:
        u = httpx.URL(url)
        infos = socket.getaddrinfo(
            u.raw_host.decode("ascii"),
            u.port or (443 if u.scheme == "https" else 80),
            proto=socket.IPPROTO_TCP,
        )
    except (socket.gaierror, UnicodeError, httpx.InvalidURL):
        raise InputError(f"{url[:200]}: host {parts.hostname!r} not found") from None
    addresses = [ipaddress.ip_address(info[4][0].split("%")[0]) for info in infos]
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
    import httpx

    if address is None:
        return url, {}, {}
    u = httpx.URL(url)
    return (
        str(u.copy_with(host=address)),
        {"Host": u.netloc.decode("ascii")},
        ({"sni_hostname": u.raw_host.decode("ascii")} if u.scheme == "https" else {}),
    )


def fetch(url: str, allow_private: bool = False, max_bytes: int = 5_000_000):
    """The page's articles (HTML through trafilatura, PDF through pypdf, plain text as is)."""
    import httpx

    from summarizer.inputs.ingest import read_bytes

    with httpx.Client(
        timeout=TIMEOUT, follow_redirects=False, headers={"User-Agent": "incident-summarizer"}
    ) as client:
        for _hop in range(MAX_REDIRECTS + 1):
            address = _check_target(url, allow_private)
            target, host, sni = pinned(url, address)
            try:
                with client.stream("GET", target, headers=host, extensions=sni) as r:
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
                        raise InputError(
                            f"{url[:200]}: {int(declared):,} bytes is over the {max_bytes:,}-byte limit"
                        )
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
            arts = read_bytes(
                bytes(data), name.rsplit(".", 1)[0][:60] or "page", url[:200], content_type=ctype
            )
            for a in arts:
                a.url = a.url or url
            return arts
    raise InputError(f"{url[:200]}: more than {MAX_REDIRECTS} redirects")
