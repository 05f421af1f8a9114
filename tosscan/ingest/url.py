"""Fetch a document from an http(s) URL without becoming a way into the server's own network.

Every hop (the first request and each redirect) resolves the host name, refuses the whole host if any of its
addresses is loopback, private, link-local, reserved, multicast, unspecified or a cloud metadata address, and then
connects to the checked address itself (Host header and TLS server name keep the real name), so a second DNS
answer cannot swap in another address. Time, size, redirects and content types are all bounded.
"""
from __future__ import annotations

import ipaddress
import socket
import time
from dataclasses import dataclass
from urllib.parse import urljoin

import httpx

from ..errors import IngestError
from ..models import Document
from ..settings import Settings, get_settings

# Content types a terms page can come as; anything else (images, JSON, zip) is "not a document".
DOCUMENT_TYPES = {"text/html": "html", "application/xhtml+xml": "html", "application/pdf": "pdf"}
# Instance-metadata endpoints of the big clouds: refused even when private addresses are allowed (tests, intranets).
METADATA_ADDRESSES = frozenset(ipaddress.ip_address(a) for a in (
    "169.254.169.254", "169.254.170.2", "100.100.100.200", "fd00:ec2::254"))
# Networks for private use (RFC 1918, unique local IPv6). Python's is_private also covers documentation and other
# special-purpose ranges (203.0.113.0/24, 2001:db8::/32...): those are named reserved, not private.
PRIVATE_NETWORKS = tuple(ipaddress.ip_network(n) for n in ("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "fc00::/7"))
USER_AGENT = "tosscan (terms of service scanner; fetches one document on a user's request)"
_REDIRECTS = {301, 302, 303, 307, 308}

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


@dataclass(frozen=True)
class Target:
    url: httpx.URL
    host: str  # as written in the URL (a name, or an IP literal)
    port: int


def parse_target(url: str) -> Target:
    try:
        parsed = httpx.URL(url.strip())
    except (httpx.InvalidURL, TypeError, ValueError) as exc:
        raise IngestError(f"not a valid web address: {exc}", "bad_url") from exc
    if parsed.scheme not in ("http", "https"):
        raise IngestError("give a web address starting with http:// or https://", "bad_url")
    if not parsed.host:
        raise IngestError("the web address has no host name", "bad_url")
    if parsed.userinfo:
        raise IngestError("web addresses with a user name or password are not fetched", "bad_url")
    port = parsed.port or (443 if parsed.scheme == "https" else 80)
    return Target(parsed, parsed.host, port)


def refusal_reason(ip: IPAddress, allow_private: bool) -> str | None:
    """Why this address may not be fetched, or None when it may. IPv4 inside IPv6 is judged as IPv4."""
    if isinstance(ip, ipaddress.IPv6Address):
        embedded = ip.ipv4_mapped or ip.sixtofour
        if embedded is not None:
            return refusal_reason(embedded, allow_private)
    if ip in METADATA_ADDRESSES:
        return "a cloud metadata address"
    if ip.is_unspecified:
        return "an unspecified address"
    if ip.is_multicast:
        return "a multicast address"
    if allow_private:
        return None
    for flag, name in (("is_loopback", "a loopback"), ("is_link_local", "a link-local"),
                       ("is_reserved", "a reserved"), ("is_private", "a private")):
        if getattr(ip, flag):
            if flag == "is_private" and not any(ip in net for net in PRIVATE_NETWORKS):
                name = "a reserved"
            return f"{name} address"
    if not ip.is_global:
        return "a non-public address"
    return None


def resolve(host: str, port: int) -> list[IPAddress]:
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError, OSError) as exc:
        raise IngestError(f"could not find the server {host!r}: check the address", "unreachable") from exc
    addresses: list[IPAddress] = []
    for info in infos:
        # Drop an IPv6 zone ("fe80::1%eth0") before parsing; the address itself is what is judged.
        ip = ipaddress.ip_address(str(info[4][0]).split("%", 1)[0])
        if ip not in addresses:
            addresses.append(ip)
    if not addresses:
        raise IngestError(f"could not find the server {host!r}: check the address", "unreachable")
    return addresses


def checked_address(target: Target, allow_private: bool) -> IPAddress:
    """The address to connect to; refuses the host if any of its addresses is forbidden."""
    addresses = resolve(target.host, target.port)
    for ip in addresses:
        reason = refusal_reason(ip, allow_private)
        if reason:
            raise IngestError(f"refused to fetch {target.host}: it resolves to {ip}, {reason}. tosscan only "
                              "fetches documents from public internet addresses", "forbidden_address")
    return addresses[0]


def _pinned_request(client: httpx.Client, target: Target, ip: IPAddress) -> httpx.Request:
    """A GET to the checked address that still names the real host (Host header, TLS SNI and certificate)."""
    host_header = target.url.netloc.decode("ascii")
    extensions = {"sni_hostname": target.host} if target.url.scheme == "https" else {}
    return client.build_request("GET", target.url.copy_with(host=str(ip)), headers={"Host": host_header},
                                extensions=extensions)


def _sniffed_kind(head: bytes) -> str | None:
    """For an answer without a declared type: trust only unmistakable signatures."""
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.lstrip().lower().startswith((b"<!doctype html", b"<html")):
        return "html"
    return None


def _not_a_document(url: object, shown: str) -> IngestError:
    return IngestError(f"{url} is {shown}, not a web page or PDF; tosscan reads HTML and PDF documents from web "
                       "addresses", "not_a_document")


def _read_capped(response: httpx.Response, limit: int, deadline: float, url: str) -> bytes:
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise IngestError(f"the document at {url} is too large: {int(declared):,} bytes, the limit is {limit:,}",
                          "too_large")
    body = bytearray()
    for chunk in response.iter_bytes():
        body += chunk
        if len(body) > limit:
            raise IngestError(f"the document at {url} is too large: more than {limit:,} bytes", "too_large")
        if time.monotonic() > deadline:  # a server dripping bytes must not hold a worker forever
            raise httpx.ReadTimeout("total time limit reached")
    return bytes(body)


def _fetch(client: httpx.Client, url: str, settings: Settings, allow_private: bool, deadline: float) -> Document:
    from . import from_bytes

    for _ in range(settings.fetch_max_redirects + 1):
        target = parse_target(url)
        ip = checked_address(target, allow_private)
        response = client.send(_pinned_request(client, target, ip), stream=True)
        try:
            if response.status_code in _REDIRECTS and "location" in response.headers:
                url = urljoin(str(target.url), response.headers["location"])
                continue
            if response.status_code >= 400:
                raise IngestError(f"the server answered {response.status_code} {response.reason_phrase} for "
                                  f"{target.url}", "http_error")
            declared = response.headers.get("content-type", "").split(";")[0].strip().lower()
            if declared and declared not in DOCUMENT_TYPES:  # refuse before downloading an image or archive
                raise _not_a_document(target.url, declared)
            body = _read_capped(response, settings.max_bytes, deadline, str(target.url))
            kind = DOCUMENT_TYPES.get(declared) or _sniffed_kind(body[:1024])
            if kind is None:
                raise _not_a_document(target.url, "of an undeclared type")
            declared_type = "application/pdf" if kind == "pdf" else "text/html"
            document = from_bytes(body, None, declared_type, max_bytes=settings.max_bytes,
                                  max_chars=settings.max_chars)
            return document.model_copy(update={"source": str(target.url)})
        finally:
            response.close()
    raise IngestError(f"too many redirects (more than {settings.fetch_max_redirects}) starting from the address "
                      "given", "too_many_redirects")


def fetch_document(url: str, *, allow_private: bool | None = None, settings: Settings | None = None) -> Document:
    """Download an HTML page or PDF and ingest it. Errors are IngestError with codes bad_url, forbidden_address,
    unreachable, http_error, not_a_document, too_large, too_many_redirects (or an ingest code for a broken file)."""
    settings = settings or get_settings()
    if allow_private is None:
        allow_private = settings.allow_private_urls
    deadline = time.monotonic() + settings.fetch_timeout
    # trust_env=False: a proxy from the environment would connect on our behalf and undo the address check.
    with httpx.Client(timeout=httpx.Timeout(settings.fetch_timeout), follow_redirects=False, trust_env=False,
                      headers={"User-Agent": USER_AGENT,
                               "Accept": "text/html,application/xhtml+xml,application/pdf;q=0.9"}) as client:
        try:
            return _fetch(client, url, settings, allow_private, deadline)
        except httpx.TimeoutException as exc:
            raise IngestError(f"{url} did not answer within {settings.fetch_timeout:g} seconds", "unreachable") from exc
        except httpx.HTTPError as exc:
            raise IngestError(f"could not download {url}: {type(exc).__name__}: {exc}", "unreachable") from exc
