"""JSON API: POST /api/v1/scan (JSON or a multipart file) and GET /healthz."""
from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Request
from pydantic import BaseModel, ConfigDict, Field
from starlette.concurrency import run_in_threadpool
from starlette.responses import Response

from ... import __version__
from ...models import Report
from ...scanner import Scanner
from ...settings import Settings
from ..deps import get_scanner, get_settings
from ..scanning import Submission, body_kind, request_limit, scan_submission, submission_from_form, validated_json

router = APIRouter()


class ScanRequest(BaseModel):
    """Exactly one of `text` or `url`."""

    model_config = ConfigDict(extra="forbid")

    text: str | None = Field(None, description="The document's text; finding offsets index this exact string.",
                             examples=["The company may use the content you upload in any form, in any media "
                                       "or technology."])
    url: str | None = Field(None, description="An http(s) address of an HTML page or PDF to fetch and scan.")
    lang: Literal["auto", "en", "zh"] = Field("auto", description="Document language; auto detects it.")


class ApiError(BaseModel):
    status: int
    error: str = Field(description="A stable code, e.g. too_large, unsupported_type, forbidden_address.")
    message: str = Field(description="What went wrong and what to do, for a person.")
    details: list[dict] | None = None


_MULTIPART_SCHEMA = {
    "type": "object",
    "required": ["file"],
    "properties": {
        "file": {"type": "string", "format": "binary", "description": ".txt, .md, .html or .pdf"},
        "lang": {"type": "string", "enum": ["auto", "en", "zh"], "default": "auto"},
    },
}
_ERRORS = {
    400: {"model": ApiError, "description": "Unreachable URL, not a document, or a forbidden address"},
    413: {"model": ApiError, "description": "Too large"},
    415: {"model": ApiError, "description": "Unsupported file or body type"},
    422: {"model": ApiError, "description": "Invalid body, or nothing usable to scan"},
}


async def read_submission(request: Request, settings: Settings) -> Submission:
    if body_kind(request, 'JSON ({"text": ...} or {"url": ...}) or a multipart form with a `file` field') == "json":
        body = await validated_json(request, ScanRequest)
        return Submission(text=body.text, url=body.url, lang=body.lang)
    form = await request.form(max_files=1, max_fields=16, max_part_size=request_limit(settings))
    return await submission_from_form(form, settings)


@router.post(
    "/api/v1/scan",
    tags=["scan"],
    summary="Scan a document",
    description="Send JSON `{\"text\": ...}` or `{\"url\": ...}` with an optional `lang`, or a multipart form with "
                "a `file`. Returns the report exactly as `tosscan scan --format json` prints it. Nothing sent is "
                "stored or logged.",
    responses={200: {"model": Report, "description": "The report (schema tosscan.report/1)"}, **_ERRORS},
    openapi_extra={"requestBody": {"required": True, "content": {
        "application/json": {"schema": ScanRequest.model_json_schema()},
        "multipart/form-data": {"schema": _MULTIPART_SCHEMA}}}},
)
async def scan(request: Request, scanner: Annotated[Scanner, Depends(get_scanner)],
               settings: Annotated[Settings, Depends(get_settings)]) -> Response:
    submission = await read_submission(request, settings)
    # Downloading and scanning block and use the CPU: a worker thread keeps the event loop answering.
    report = await run_in_threadpool(scan_submission, scanner, submission, settings)
    return Response(report.to_json(indent=None), media_type="application/json")


class Health(BaseModel):
    status: Literal["ok"]
    version: str
    rules: int
    languages: list[str]


@router.get("/healthz", tags=["meta"], summary="Liveness and rule count", response_model=Health)
def healthz(scanner: Annotated[Scanner, Depends(get_scanner)]) -> Health:
    return Health(status="ok", version=__version__, rules=len(scanner.ruleset.rules),
                  languages=scanner.ruleset.languages)
