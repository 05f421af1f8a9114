"""The FastAPI application factory. `tosscan serve` runs `create_app()` under uvicorn.

The scanner (spaCy pipelines and compiled rules) is built and warmed once at start-up and shared by every request;
the pages and the API call the same scan. Submitted text is neither stored nor logged.
"""
from __future__ import annotations

from contextlib import asynccontextmanager
from typing import AsyncIterator

from fastapi import FastAPI
from starlette.staticfiles import StaticFiles

from .. import __version__, heap
from ..scanner import Scanner
from ..settings import Settings, get_settings
from .errors import install_error_handlers
from .middleware import BodyLimit, SecurityHeaders
from .routes import api, diff, docs, pages, rules

# One entry per feature; a new page or API adds its router here.
ROUTERS = [pages.router, rules.router, api.router, docs.router, diff.router]

DESCRIPTION = ("Reads the terms of service or privacy policy of an AI app and reports the risky clauses, the "
               "protections it promises and what it does not tell you. Nothing you send is stored or logged.")


def create_app(settings: Settings | None = None, scanner: Scanner | None = None) -> FastAPI:
    """settings: defaults to the environment (TOSSCAN_*); scanner: built at start-up when not given."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if app.state.scanner is None:
            app.state.scanner = Scanner()
        # Compile every language now, so the first visitor does not pay for it.
        app.state.scanner.warm()
        heap.settle()  # what is alive now lives as long as the server: keep the garbage collector off it
        try:
            yield
        finally:
            heap.release()  # a stopped app (and what it holds) must be collectable

    app = FastAPI(title="tosscan", version=__version__, description=DESCRIPTION, lifespan=lifespan,
                  docs_url=None, redoc_url=None)
    app.state.settings = settings or get_settings()
    app.state.scanner = scanner
    install_error_handlers(app)
    app.add_middleware(BodyLimit, settings=app.state.settings)
    app.add_middleware(SecurityHeaders)  # added last = outermost: it also covers BodyLimit's refusals
    for router in ROUTERS:
        app.include_router(router)
    app.mount("/static", StaticFiles(packages=[("tosscan.web", "static")]), name="static")
    return app
