"""Errors as the web shows them: JSON with a human message under /api, an HTML page elsewhere.

One table maps the codes of tosscan's errors (IngestError.code) to HTTP statuses, so the API and the pages agree.
"""
from __future__ import annotations

import logging
import traceback
from typing import Callable

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import HTMLResponse, JSONResponse, Response

from ..errors import TosscanError
from ..settings import Settings
from .templating import render_page

log = logging.getLogger("tosscan.web")

STATUS_BY_CODE = {
    "too_large": 413,
    "unsupported_type": 415,
    "unsupported_media_type": 415,
    # A web address that cannot give us a document is the request's fault, not a server error.
    "bad_url": 400, "forbidden_address": 400, "unreachable": 400, "http_error": 400, "not_a_document": 400,
    "too_many_redirects": 400,
    "empty": 422, "needs_javascript": 422, "binary": 422, "bad_pdf": 422, "bad_encoding": 422, "invalid_input": 422, "invalid_body": 422,
    "unsupported_language": 422,
    "language_mismatch": 422,
    "not_found": 404,
}
# Paths whose clients are programs: errors there are always JSON.
API_PREFIXES = ("/api/", "/healthz", "/openapi.json")
_TITLES = {400: "That address could not be scanned", 404: "Page not found", 405: "Method not allowed",
           413: "Too large", 415: "Unsupported file type", 422: "Nothing usable to scan", 500: "Something went wrong"}


# Pages whose errors show their form again with the message (path -> the form page with an error). The routes
# register here; an error raised before a route runs (a body over the limit) needs them too.
FORM_PAGES: dict[str, Callable[[Settings, str], str]] = {}


class WebError(Exception):
    """A request the web layer refuses before scanning (two sources at once, a wrong content type...)."""

    def __init__(self, status: int, code: str, message: str):
        super().__init__(message)
        self.status = status
        self.code = code


class BodyTooLarge(Exception):
    """Raised while reading a request body that grows past the limit (bodies sent without Content-Length)."""


def human_bytes(n: int) -> str:
    """A size as people say it, in the decimal units the form uses: 20 MB, 512 kB."""
    for unit, size in (("MB", 1_000_000), ("kB", 1_000)):
        if n >= size:
            return f"{n / size:.1f}".removesuffix(".0") + f" {unit}"
    return f"{n} bytes"


def too_large_message(settings: Settings) -> str:
    return (f"the document is too large: tosscan scans files up to {human_bytes(settings.max_bytes)} and texts up "
            f"to {settings.max_chars:,} characters. Split the document and scan its parts one at a time")


def web_message(error: Exception, settings: Settings) -> str:
    """The error's message with advice a web visitor can follow (the CLI keeps its own: --lang, TOSSCAN_*)."""
    code = getattr(error, "code", "")
    if code == "too_large":
        return too_large_message(settings)
    message = str(error)
    if code == "unsupported_language":
        return f"{message} (the form's language field, or \"lang\" in the API)"
    if code == "forbidden_address":
        return f"{message}. To scan it anyway, download the page and upload it, or paste its text"
    return message


def status_for(error: Exception) -> int:
    if isinstance(error, WebError):
        return error.status
    return STATUS_BY_CODE.get(getattr(error, "code", ""), 422)


def is_api_path(path: str) -> bool:
    return path.startswith(API_PREFIXES)


def error_response(path: str, status: int, code: str, message: str, details: list | None = None,
                   settings: Settings | None = None) -> Response:
    if is_api_path(path):
        payload: dict = {"status": status, "error": code, "message": message}
        if details:
            payload["details"] = details
        return JSONResponse(payload, status_code=status)
    if settings is not None and path in FORM_PAGES:
        return HTMLResponse(FORM_PAGES[path](settings, message), status_code=status)
    html = render_page("error.html.j2", status=status, title=_TITLES.get(status, "Error"), message=message)
    return HTMLResponse(html, status_code=status)


def validation_details(errors: list[dict]) -> list[dict]:
    """Pydantic's errors without the submitted input (it may be a whole document) and without internals."""
    details = []
    for err in errors:
        field = ".".join(str(p) for p in err.get("loc", ()) if p != "body")
        details.append({"field": field or "(body)", "message": err.get("msg", "invalid value")})
    return details


def describe(details: list[dict]) -> str:
    return "invalid request: " + "; ".join(
        f"{d['message']}" if d["field"] == "(body)" else f"field '{d['field']}': {d['message']}" for d in details)


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(TosscanError)
    @app.exception_handler(WebError)
    async def tosscan_error(request: Request, exc: TosscanError | WebError) -> Response:
        settings = request.app.state.settings
        return error_response(request.url.path, status_for(exc), exc.code, web_message(exc, settings),
                              settings=settings)

    @app.exception_handler(BodyTooLarge)
    async def body_too_large(request: Request, exc: BodyTooLarge) -> Response:
        settings = request.app.state.settings
        return error_response(request.url.path, 413, "too_large", too_large_message(settings), settings=settings)

    @app.exception_handler(RequestValidationError)
    async def invalid_body(request: Request, exc: RequestValidationError) -> Response:
        details = validation_details(list(exc.errors()))
        return error_response(request.url.path, 422, "invalid_body", describe(details), details)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        code = {404: "not_found", 405: "method_not_allowed"}.get(exc.status_code, "http_error")
        message = exc.detail if isinstance(exc.detail, str) else "the request could not be served"
        if exc.status_code == 404 and message == "Not Found":
            message = f"there is nothing at {request.url.path}"
        response = error_response(request.url.path, exc.status_code, code, message)
        response.headers.update(exc.headers or {})
        return response

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> Response:
        # Log where it failed, not the exception's message: that could quote the submitted text, which is never logged.
        log.error("unexpected %s on %s %s\n%s", type(exc).__name__, request.method, request.url.path,
                  "".join(traceback.format_tb(exc.__traceback__)))
        return error_response(request.url.path, 500, "internal_error",
                              "an unexpected error occurred while scanning; please report it")
