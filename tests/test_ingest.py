"""Ingest: encodings, formats, limits, and a clear error for every kind of bad input."""
from __future__ import annotations

import codecs

import pytest

from tosscan import ingest
from tosscan.errors import IngestError

from conftest import make_pdf

CLAUSE = "We’re allowed to use your photos in any media. 您同意本公司有权使用您上传的内容。"


def test_utf8_text_is_kept_unchanged():
    raw = "Line one\r\n\tLine “two” — ok\n".encode()
    doc = ingest.from_bytes(raw, "a.txt")
    assert doc.text == raw.decode("utf-8")
    assert not doc.repaired


@pytest.mark.parametrize("encoding", ["utf-16", "utf-8-sig", "utf-32"])
def test_byte_order_marks(encoding):
    doc = ingest.from_bytes(CLAUSE.encode(encoding), "a.txt")
    assert doc.text == CLAUSE


def test_gb18030_chinese():
    text = "第一条 您同意本公司有权以任何形式使用您上传的内容。我们会在注销后删除您的个人信息。"
    doc = ingest.from_bytes(text.encode("gb18030"), "zh.txt")
    assert doc.text == text
    assert doc.encoding == "gb18030"


def test_mojibake_is_repaired():
    damaged = "We’re keeping your “photos” forever.".encode().decode("latin-1").encode()
    doc = ingest.from_bytes(damaged, "double.txt")
    assert doc.text == "We’re keeping your “photos” forever."
    assert doc.repaired


def test_cp1252_file_is_decoded():
    text = "We use your photos – and your “face” data – for café ads. " * 3
    doc = ingest.from_bytes(text.encode("cp1252"), "legacy.txt")
    assert "“face”" in doc.text and "café" in doc.text


@pytest.mark.parametrize("raw", [b"", b"   \n\t  ", "\ufeff".encode("utf-8-sig")])
def test_empty_input(raw):
    with pytest.raises(IngestError) as info:
        ingest.from_bytes(raw, "empty.txt")
    assert info.value.code == "empty" and "empty" in str(info.value)


def test_binary_input():
    junk = bytes(range(256)) * 40
    with pytest.raises(IngestError) as info:
        ingest.from_bytes(junk, "junk.bin.txt")
    assert info.value.code == "binary"


def test_binary_pasted_text():
    with pytest.raises(IngestError, match="binary"):
        ingest.from_text("abc\x00\x01\x02def")


def test_too_large_text():
    with pytest.raises(IngestError) as info:
        ingest.from_text("x" * 101, max_chars=100)
    assert info.value.code == "too_large" and "101" in str(info.value)


def test_too_large_bytes():
    with pytest.raises(IngestError) as info:
        ingest.from_bytes(b"a" * 2000, "big.txt", max_bytes=1000)
    assert info.value.code == "too_large"


def test_unsupported_file_type():
    with pytest.raises(IngestError) as info:
        ingest.from_bytes(b"PK\x03\x04 zip data", "archive.docx")
    assert info.value.code == "unsupported_type"


def test_html_keeps_headings_and_items_and_drops_scripts():
    html = b"""<html><head><title>t</title><style>p{}</style></head><body>
    <nav>Menu</nav><main><h2>Your Content</h2><p>We may use your <b>photos</b>
    in any media.</p><ul><li>first item</li><li>second item</li></ul>
    <script>alert('x')</script></main></body></html>"""
    doc = ingest.from_bytes(html, "page.html")
    assert doc.format == "html"
    assert "## Your Content" in doc.text
    assert "We may use your photos in any media." in doc.text
    assert "- first item\n- second item" in doc.text
    assert "alert" not in doc.text and "Menu" not in doc.text


def test_pdf_text_is_extracted():
    doc = ingest.from_bytes(make_pdf("We may use your photos in any media."), "terms.pdf")
    assert doc.format == "pdf"
    assert "We may use your photos in any media." in doc.text


@pytest.mark.parametrize("raw", [b"%PDF-1.4\n garbage garbage", make_pdf("hello")[:200]])
def test_broken_pdf(raw):
    with pytest.raises(IngestError) as info:
        ingest.from_bytes(raw, "broken.pdf")
    assert info.value.code in ("bad_pdf", "empty")


def test_missing_file(tmp_path):
    with pytest.raises(IngestError, match="no such file"):
        ingest.from_path(tmp_path / "nope.txt")
