"""Two plain ASGI middlewares: security headers on every response, and a cap on request bodies."""
from __future__ import annotations

from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..settings import Settings
from .errors import BodyTooLarge, error_response, too_large_message
from .scanning import request_limit

# Pages use no script at all; the only script the site serves is Swagger UI's, on /docs, from our own origin.
PAGE_CSP = ("default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
            "frame-ancestors 'none'; base-uri 'none'")
# Swagger UI sets inline styles and fetches the schema; it still gets no inline script.
DOCS_CSP = ("default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
            "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
DOCS_PATHS = ("/docs",)
STATIC_PREFIXES = ("/static/", "/docs/assets/", "/report.css")
_COMMON = {
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "no-referrer",
    "cross-origin-opener-policy": "same-origin",
    "permissions-policy": "camera=(), microphone=(), geolocation=(), interest-cohort=()",
}


class SecurityHeaders:
    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope["path"]
        csp = DOCS_CSP if path in DOCS_PATHS else PAGE_CSP
        # Reports quote the submitted text: no cache (browser or proxy) may keep them.
        cache = None if path.startswith(STATIC_PREFIXES) else "no-store"

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers.setdefault("content-security-policy", csp)
                for name, value in _COMMON.items():
                    headers.setdefault(name, value)
                if cache:
                    headers.setdefault("cache-control", cache)
            await send(message)

        await self.app(scope, receive, send_with_headers)


class BodyLimit:
    """Refuses bodies over the request limit the settings allow (scanning.request_limit): at once when
    Content-Length says so, else while they stream in."""

    def __init__(self, app: ASGIApp, settings: Settings):
        self.app = app
        self.limit = request_limit(settings)
        self.settings = settings  # the refusal names the file and text limits a visitor can act on

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        message = too_large_message(self.settings)
        declared = Headers(scope=scope).get("content-length", "")
        if declared.isdigit() and int(declared) > self.limit:
            response = error_response(scope["path"], 413, "too_large", message, settings=self.settings)
            await response(scope, receive, send)
            return
        received = 0

        async def limited_receive() -> Message:
            nonlocal received
            incoming = await receive()
            if incoming["type"] == "http.request":
                received += len(incoming.get("body", b""))
                if received > self.limit:
                    raise BodyTooLarge(message)
            return incoming

        await self.app(scope, limited_receive, send)
