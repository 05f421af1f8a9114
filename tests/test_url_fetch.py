"""URL fetching: the SSRF guard (after DNS, on every redirect), content types, size, time and redirect limits.

Documents are served by a local server on 127.0.0.1, which the fetcher reaches only when private addresses are
allowed; no test sends traffic anywhere else.
"""
from __future__ import annotations

import ipaddress
import time

import pytest

from tosscan.errors import IngestError
from tosscan.ingest.url import fetch_document, refusal_reason
from tosscan.settings import Settings

from conftest import make_pdf
from webserver import closed_port, document_server

CLAUSE = "The company may use the content you upload in any form, in any media or technology."
PAGE = f"<!doctype html><html><body><nav>Menu</nav><main><h1>Terms</h1><p>{CLAUSE}</p></main></body></html>".encode()
HTML = {"Content-Type": "text/html; charset=utf-8"}


def local(**overrides) -> Settings:
    return Settings(**({"allow_private_urls": True, "fetch_timeout": 5.0} | overrides))


def code_of(url: str, **kwargs) -> str:
    with pytest.raises(IngestError) as info:
        fetch_document(url, **kwargs)
    return info.value.code


@pytest.mark.parametrize("address, reason", [
    ("127.0.0.1", "loopback"), ("127.8.9.10", "loopback"), ("::1", "loopback"),
    ("10.1.2.3", "private"), ("172.16.0.1", "private"), ("192.168.1.20", "private"), ("fc00::1", "private"),
    ("169.254.10.1", "link-local"), ("fe80::1", "link-local"),
    ("169.254.169.254", "metadata"), ("fd00:ec2::254", "metadata"), ("100.100.100.200", "metadata"),
    ("::ffff:10.0.0.1", "private"), ("::ffff:169.254.169.254", "metadata"), ("2002:7f00:1::", "loopback"),
    ("0.0.0.0", "unspecified"), ("::", "unspecified"), ("224.0.0.1", "multicast"),
    ("100.64.0.1", "non-public"), ("240.0.0.1", "reserved"),
])
def test_forbidden_addresses(address, reason):
    assert reason in refusal_reason(ipaddress.ip_address(address), allow_private=False)


@pytest.mark.parametrize("address", ["8.8.8.8", "1.1.1.1", "2606:4700:4700::1111", "::ffff:8.8.8.8"])
def test_public_addresses_allowed(address):
    assert refusal_reason(ipaddress.ip_address(address), allow_private=False) is None


def test_allowing_private_still_refuses_metadata_and_unspecified():
    assert refusal_reason(ipaddress.ip_address("127.0.0.1"), allow_private=True) is None
    assert refusal_reason(ipaddress.ip_address("10.0.0.1"), allow_private=True) is None
    assert "metadata" in refusal_reason(ipaddress.ip_address("169.254.169.254"), allow_private=True)
    assert "unspecified" in refusal_reason(ipaddress.ip_address("0.0.0.0"), allow_private=True)


def test_loopback_refused_after_dns_without_connecting():
    hits = []

    def record(handler):
        hits.append(handler.path)
        handler.wfile.write(PAGE)

    with document_server({"/terms": (200, HTML, record)}) as base:
        port = base.rsplit(":", 1)[1]
        # Names and numeric spellings that resolve to loopback: judged by the address, not by how it is written.
        for url in (f"{base}/terms", f"http://localhost:{port}/terms", f"http://127.1:{port}/terms",
                    f"http://2130706433:{port}/terms", f"http://[::ffff:127.0.0.1]:{port}/terms"):
            assert code_of(url, allow_private=False, settings=local()) == "forbidden_address", url
    assert hits == []


def test_fetches_html_page():
    with document_server({"/terms": (200, HTML, PAGE)}) as base:
        document = fetch_document(f"{base}/terms", settings=local())
    assert CLAUSE in document.text and "Menu" not in document.text
    assert document.format == "html" and document.source == f"{base}/terms"


def test_fetches_pdf():
    with document_server({"/terms.pdf": (200, {"Content-Type": "application/pdf"}, make_pdf(CLAUSE))}) as base:
        document = fetch_document(f"{base}/terms.pdf", settings=local())
    assert document.format == "pdf" and "in any media or technology" in document.text


def test_undeclared_type_is_sniffed_only_for_clear_signatures():
    routes = {"/page": (200, {}, PAGE), "/plain": (200, {}, CLAUSE.encode())}
    with document_server(routes) as base:
        assert CLAUSE in fetch_document(f"{base}/page", settings=local()).text
        assert code_of(f"{base}/plain", settings=local()) == "not_a_document"


@pytest.mark.parametrize("content_type", ["image/png", "application/json", "application/zip", "text/plain"])
def test_other_content_types_are_not_documents(content_type):
    with document_server({"/x": (200, {"Content-Type": content_type}, b"\x89PNG....")}) as base:
        with pytest.raises(IngestError) as info:
            fetch_document(f"{base}/x", settings=local())
    assert info.value.code == "not_a_document" and content_type in str(info.value)


def test_redirects_are_followed_and_rechecked():
    routes = {
        "/old": (302, {"Location": "/terms"}, b""),
        "/to-metadata": (302, {"Location": "http://169.254.169.254/latest/meta-data/"}, b""),
        "/to-zero": (307, {"Location": "http://0.0.0.0/"}, b""),
        "/terms": (200, HTML, PAGE),
    }
    with document_server(routes) as base:
        document = fetch_document(f"{base}/old", settings=local())
        assert document.source == f"{base}/terms" and CLAUSE in document.text
        assert code_of(f"{base}/to-metadata", settings=local()) == "forbidden_address"
        assert code_of(f"{base}/to-zero", settings=local()) == "forbidden_address"


def test_redirect_limit():
    routes = {f"/r{i}": (301, {"Location": f"/r{i + 1}"}, b"") for i in range(3)}
    routes["/r3"] = (200, HTML, PAGE)
    routes["/loop"] = (302, {"Location": "/loop"}, b"")
    with document_server(routes) as base:
        assert CLAUSE in fetch_document(f"{base}/r0", settings=local(fetch_max_redirects=3)).text
        assert code_of(f"{base}/r0", settings=local(fetch_max_redirects=2)) == "too_many_redirects"
        assert code_of(f"{base}/loop", settings=local()) == "too_many_redirects"


def test_size_limit_declared_and_streamed():
    big = b"<html><body><p>" + b"word " * 4000 + b"</p></body></html>"

    def stream_without_length(handler):
        for _ in range(10):
            handler.wfile.write(big)

    routes = {"/declared": (200, HTML, big), "/streamed": (200, HTML, stream_without_length)}
    with document_server(routes) as base:
        assert code_of(f"{base}/declared", settings=local(max_bytes=10_000)) == "too_large"
        assert code_of(f"{base}/streamed", settings=local(max_bytes=100_000)) == "too_large"
        assert fetch_document(f"{base}/declared", settings=local(max_bytes=100_000)).format == "html"


def test_timeout():
    def slow(handler):
        time.sleep(2)
        handler.wfile.write(PAGE)

    with document_server({"/slow": (200, HTML, slow)}) as base:
        with pytest.raises(IngestError) as info:
            fetch_document(f"{base}/slow", settings=local(fetch_timeout=0.5))
    assert info.value.code == "unreachable" and "did not answer" in str(info.value)


def test_unreachable_and_http_errors():
    assert code_of(f"http://127.0.0.1:{closed_port()}/terms", settings=local()) == "unreachable"
    assert code_of("http://no-such-host.invalid/terms", settings=local()) == "unreachable"
    with document_server({}) as base:
        with pytest.raises(IngestError) as info:
            fetch_document(f"{base}/missing", settings=local())
    assert info.value.code == "http_error" and "404" in str(info.value)


@pytest.mark.parametrize("url", ["ftp://example.com/terms", "example.com/terms", "http://user:pw@example.com/",
                                 "http:///terms", "javascript:alert(1)"])
def test_bad_urls(url):
    assert code_of(url, settings=local()) == "bad_url"


def test_setting_is_the_default_for_allow_private():
    with document_server({"/terms": (200, HTML, PAGE)}) as base:
        assert code_of(f"{base}/terms", settings=Settings(allow_private_urls=False)) == "forbidden_address"
        assert CLAUSE in fetch_document(f"{base}/terms", settings=Settings(allow_private_urls=True)).text
