"""What a request asks to scan (pasted text, an uploaded file, or a web address) -> Document -> Report.

The HTML form and the JSON API both end here, so they ingest and scan in exactly the same way. Nothing here keeps
or logs the text: it lives in memory for the length of one request.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, TypeVar, get_args

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from pydantic import BaseModel, ValidationError
from starlette.datastructures import FormData, UploadFile

from .. import ingest
from ..ingest.url import fetch_document
from ..models import Document, Report
from ..scanner import Scanner
from ..settings import Settings
from .errors import WebError, too_large_message

LANGS = ("auto", "en", "zh")
ModelT = TypeVar("ModelT", bound=BaseModel)
DOC_FORMATS = get_args(Document.model_fields["format"].annotation)


@dataclass
class Submission:
    text: str | None = None
    url: str | None = None
    data: bytes | None = None
    filename: str | None = None
    content_type: str | None = None
    lang: str = "auto"
    # Only for text sent back by a report page's download buttons: the name and format of the original.
    source: str | None = None
    doc_format: str | None = None

    def given(self) -> list[str]:
        present = {"text": bool(self.text and self.text.strip()), "url": bool(self.url and self.url.strip()),
                   "file": self.data is not None}
        return [name for name, yes in present.items() if yes]


def request_limit(settings: Settings) -> int:
    """Largest request body: a whole file, or max_chars of JSON-escaped text, plus room for the envelope."""
    return max(settings.max_bytes, 4 * settings.max_chars) + 64 * 1024


def body_kind(request: Request, expected: str) -> Literal["json", "form"]:
    """Whether the body is JSON or a form (multipart or urlencoded); anything else is a 415 saying what to send."""
    media_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media_type == "application/json":
        return "json"
    if media_type in ("multipart/form-data", "application/x-www-form-urlencoded"):
        return "form"
    raise WebError(415, "unsupported_media_type", f"send {expected}")


async def validated_json(request: Request, model: type[ModelT]) -> ModelT:
    """The request's JSON body checked against `model`; bad JSON or a bad shape is a 422 like any invalid body."""
    try:
        payload = await request.json()
    except ValueError:
        raise WebError(422, "invalid_body", "the body is not valid JSON") from None
    try:
        return model.model_validate(payload)
    except ValidationError as exc:
        raise RequestValidationError(exc.errors()) from None


def check_lang(lang: str | None) -> str:
    lang = (lang or "auto").strip() or "auto"
    if lang not in LANGS:
        raise WebError(422, "invalid_body", f"unknown language {lang!r}: choose auto, en or zh")
    return lang


async def read_upload(upload: UploadFile, settings: Settings) -> bytes:
    data = await upload.read(settings.max_bytes + 1)
    if len(data) > settings.max_bytes:
        raise WebError(413, "too_large", too_large_message(settings))
    return data


async def submission_from_form(form: FormData, settings: Settings) -> Submission:
    """A multipart or urlencoded form (the page's, or an API client's) -> Submission. An empty file input
    (a browser sends one when no file is chosen) counts as no file."""
    upload = form.get("file")
    data = filename = content_type = None
    if isinstance(upload, UploadFile) and (upload.filename or upload.size):
        data = await read_upload(upload, settings)
        filename, content_type = upload.filename or None, upload.content_type
    text = form.get("text")
    url = form.get("url")
    source = form.get("source")
    doc_format = form.get("doc_format")
    return Submission(
        # Browsers send a textarea's line breaks as CRLF whatever the user's system: scan them as plain LF.
        text=text.replace("\r\n", "\n") if isinstance(text, str) else None,
        url=url if isinstance(url, str) else None,
        data=data, filename=filename, content_type=content_type,
        lang=check_lang(form.get("lang") if isinstance(form.get("lang"), str) else None),  # type: ignore[arg-type]
        source=source[:500] if isinstance(source, str) and source.strip() else None,
        doc_format=doc_format if doc_format in DOC_FORMATS else None,
    )


def to_document(sub: Submission, settings: Settings) -> Document:
    given = sub.given()
    if not given:
        raise WebError(422, "empty", "nothing to scan: paste the text, upload a file or give a web address")
    if len(given) > 1:
        raise WebError(422, "invalid_body", f"give one thing to scan, not several (got {' and '.join(given)}): "
                                            "paste the text, upload a file, or give a web address")
    if sub.data is not None:
        return ingest.from_bytes(sub.data, sub.filename, sub.content_type, max_bytes=settings.max_bytes,
                                 max_chars=settings.max_chars)
    if sub.url and sub.url.strip():
        return fetch_document(sub.url.strip(), allow_private=settings.allow_private_urls, settings=settings)
    document = ingest.from_text(sub.text or "", sub.source or "<text>", max_chars=settings.max_chars)
    return document.model_copy(update={"format": sub.doc_format}) if sub.doc_format else document


def scan_submission(scanner: Scanner, sub: Submission, settings: Settings) -> Report:
    """Blocking (download, parsing, matching): call it from a worker thread."""
    return scanner.scan(to_document(sub, settings), sub.lang)
