"""/docs: Swagger UI for the OpenAPI schema, served from this server (no CDN) and started without inline script."""
from __future__ import annotations

from pathlib import Path

import fastapi_offline
from fastapi import APIRouter
from starlette.responses import FileResponse, HTMLResponse

from ..errors import WebError
from ..templating import render_page

router = APIRouter(include_in_schema=False)
# fastapi-offline ships Swagger UI's built files; we use only those, with our own page and start-up script.
SWAGGER_DIR = Path(fastapi_offline.__file__).parent / "static"
ASSETS = {"swagger-ui.css": "text/css", "swagger-ui-bundle.js": "text/javascript"}


@router.get("/docs", response_class=HTMLResponse)
def docs() -> HTMLResponse:
    return HTMLResponse(render_page("docs.html.j2"))


@router.get("/docs/assets/{name}")
def docs_asset(name: str) -> FileResponse:
    if name not in ASSETS:
        raise WebError(404, "not_found", f"there is no documentation asset {name!r}")
    return FileResponse(SWAGGER_DIR / name, media_type=ASSETS[name], headers={"cache-control": "public, max-age=86400"})
