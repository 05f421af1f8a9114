"""Turn user input (text, a file's bytes, a path) into a Document. Knows nothing of rules or reports."""
from __future__ import annotations

from pathlib import Path

from ..errors import IngestError
from ..models import Document
from ..settings import get_settings
from .html import html_to_text
from .pdf import pdf_to_text
from .stub import check_not_stub, check_page_has_text
from .text import check_text, decode_bytes, repair_mojibake

SUPPORTED_SUFFIXES = {".txt": "text", ".text": "text", ".md": "markdown", ".markdown": "markdown",
                      ".html": "html", ".htm": "html", ".xhtml": "html", ".pdf": "pdf"}

__all__ = ["from_text", "from_bytes", "from_path", "detect_format", "SUPPORTED_SUFFIXES", "IngestError"]


def from_text(text: str, source: str = "<text>", *, max_chars: int | None = None) -> Document:
    """A Document from a str as given (pasted text); offsets will index this exact string."""
    limit = max_chars or get_settings().max_chars
    if "\x00" in text:
        raise IngestError("the text contains NUL bytes; this looks like binary data, not a document", "binary")
    return Document(text=check_text(text, limit), source=source)


def detect_format(data: bytes, filename: str | None = None, content_type: str | None = None) -> str:
    suffix = Path(filename).suffix.lower() if filename else ""
    if suffix in SUPPORTED_SUFFIXES:
        return SUPPORTED_SUFFIXES[suffix]
    ctype = (content_type or "").split(";")[0].strip().lower()
    if ctype == "application/pdf" or data[:5] == b"%PDF-":
        return "pdf"
    if ctype in ("text/html", "application/xhtml+xml"):
        return "html"
    if ctype == "text/markdown":
        return "markdown"
    head = data[:2048].lstrip().lower()
    if head.startswith((b"<!doctype html", b"<html")) or b"<body" in head:
        return "html"
    if suffix and suffix not in SUPPORTED_SUFFIXES and not ctype.startswith("text/"):
        raise IngestError(f"unsupported file type '{suffix}': tosscan reads .txt, .md, .html and .pdf",
                          "unsupported_type")
    return "text"


def from_bytes(data: bytes, filename: str | None = None, content_type: str | None = None, *,
               max_chars: int | None = None, max_bytes: int | None = None) -> Document:
    """A Document from raw bytes (an upload, a download, a file), whatever the format."""
    settings = get_settings()
    limit_bytes = max_bytes or settings.max_bytes
    limit_chars = max_chars or settings.max_chars
    if len(data) > limit_bytes:
        raise IngestError(f"the file is too large: {len(data):,} bytes, the limit is {limit_bytes:,}", "too_large")
    if not data.strip():
        what = "standard input is" if filename == "<stdin>" else "the file is"
        raise IngestError(f"{what} empty: there is no text to scan", "empty")
    fmt = detect_format(data, filename, content_type)
    source = filename or "<upload>"
    if fmt == "pdf":
        text = pdf_to_text(data)
        return Document(text=check_text(text, limit_chars), source=source, format="pdf", encoding="pdf")
    text, encoding = decode_bytes(data)
    if fmt == "html":
        page = check_text(text, limit_bytes)
        text = html_to_text(page)
        check_page_has_text(page, text)
    text, repaired = repair_mojibake(text)
    check_not_stub(text)
    return Document(text=check_text(text, limit_chars), source=source, format=fmt, encoding=encoding,
                    repaired=repaired)


def from_path(path: str | Path, *, max_chars: int | None = None) -> Document:
    p = Path(path)
    if not p.exists():
        raise IngestError(f"no such file: {p}", "not_found")
    if p.is_dir():
        raise IngestError(f"{p} is a folder; give a document file", "not_found")
    settings = get_settings()
    size = p.stat().st_size
    if size > settings.max_bytes:
        raise IngestError(f"the file is too large: {size:,} bytes, the limit is {settings.max_bytes:,}", "too_large")
    doc = from_bytes(p.read_bytes(), p.name, max_chars=max_chars)
    return doc.model_copy(update={"source": str(path)})
