"""Compare two versions of the terms: the page at /diff (form, comparison, downloads) and POST /api/v1/diff.

Each version is pasted, uploaded or fetched from a web address, exactly as on the scan page (the same ingest and
limits through ..scanning). Nothing is stored or logged: both texts live in memory for one request.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Request
from pydantic import BaseModel, ConfigDict, Field
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData, UploadFile
from starlette.responses import HTMLResponse, Response

from ...diff import diff_reports
from ...diff.models import DiffReport
from ...errors import TosscanError
from ...models import Document
from ...report.diff_render import diff_context, diff_css, label, render_diff
from ...scanner import Scanner
from ...settings import Settings
from ..deps import get_scanner, get_settings
from ..errors import FORM_PAGES, WebError, human_bytes, status_for, web_message
from ..scanning import (DOC_FORMATS, LANGS, Submission, body_kind, check_lang, read_upload, request_limit, to_document,
                        validated_json)
from ..templating import render_page
from .api import _ERRORS as ERROR_RESPONSES

router = APIRouter()

SIDES = ("old", "new")
SIDE_NAMES = {"old": "old version", "new": "new version"}
PASTED = {side: label("en", f"{side}_pasted") for side in SIDES}
DOWNLOADS = {"json": ("application/json", "tosscan-diff.json"),
             "markdown": ("text/markdown; charset=utf-8", "tosscan-diff.md")}
# The Miaoya clause and its rewrite after the outcry: what "Fill in an example" puts in the form.
EXAMPLE = {"old": "The company may use the content you upload in any form, in any media or technology.",
           "new": "Uploads are solely used to create your digital clone and deleted afterwards."}


@dataclass
class Compared:
    result: DiffReport
    old: Document
    new: Document


def compare(scanner: Scanner, subs: dict[str, Submission], lang: str, settings: Settings) -> Compared:
    """Blocking (downloads, scans): call it from a worker thread. Errors name the version they are about."""
    documents = {}
    for side in SIDES:
        try:
            documents[side] = to_document(subs[side], settings)
        except (TosscanError, WebError) as exc:
            raise WebError(status_for(exc), getattr(exc, "code", "invalid_input"),
                           f"{SIDE_NAMES[side]}: {exc}") from None
    result = diff_reports(scanner.scan(documents["old"], lang), scanner.scan(documents["new"], lang))
    # Pasted versions are named once the language is known, as the scan page names pasted text.
    for side, version in (("old", result.before), ("new", result.after)):
        if documents[side].source == PASTED[side]:
            version.source = label(version.language, f"{side}_pasted")
    return Compared(result, documents["old"], documents["new"])


async def sides_from_form(form: FormData, settings: Settings) -> tuple[dict[str, Submission], str]:
    """Fields old_text / old_file / old_url (and new_...), lang; old_source / old_doc_format from a download."""
    subs = {}
    for side in SIDES:
        upload = form.get(f"{side}_file")
        data = filename = content_type = None
        if isinstance(upload, UploadFile) and (upload.filename or upload.size):  # an empty input sends no name
            data = await read_upload(upload, settings)
            filename, content_type = upload.filename or None, upload.content_type
        text, url = form.get(f"{side}_text"), form.get(f"{side}_url")
        source, doc_format = form.get(f"{side}_source"), form.get(f"{side}_doc_format")
        subs[side] = Submission(
            text=text.replace("\r\n", "\n") if isinstance(text, str) else None,  # browsers send CRLF
            url=url if isinstance(url, str) else None, data=data, filename=filename, content_type=content_type,
            source=source[:500] if isinstance(source, str) and source.strip() else None,
            doc_format=doc_format if doc_format in DOC_FORMATS else None)
    lang = form.get("lang")
    return subs, check_lang(lang if isinstance(lang, str) else None)


# --- the page ----------------------------------------------------------------------------------------------------

def form_page(settings: Settings, *, error: str | None = None, texts: dict | None = None, urls: dict | None = None,
              lang: str = "auto") -> str:
    return render_page("diff_form.html.j2", error=error, texts=texts or {}, urls=urls or {}, lang=lang,
                       langs=LANGS, sides=SIDES, max_size=human_bytes(settings.max_bytes))


FORM_PAGES["/diff"] = lambda settings, error: form_page(settings, error=error)


@router.get("/diff", response_class=HTMLResponse, include_in_schema=False)
def diff_form(settings: Annotated[Settings, Depends(get_settings)], example: bool = False) -> HTMLResponse:
    return HTMLResponse(form_page(settings, texts=EXAMPLE if example else None))


def comparison_page(compared: Compared, lang: str, fmt: str) -> Response:
    if fmt in DOWNLOADS:
        media_type, filename = DOWNLOADS[fmt]
        return Response(render_diff(compared.result, fmt), media_type=media_type,
                        headers={"content-disposition": f'attachment; filename="{filename}"'})
    hidden = {"lang": lang}
    for side, document in (("old", compared.old), ("new", compared.new)):
        hidden.update({f"{side}_text": document.text, f"{side}_source": document.source,
                       f"{side}_doc_format": document.format})
    return HTMLResponse(render_page("diff_page.html.j2", hidden=hidden, **diff_context(compared.result)))


@router.post("/diff", include_in_schema=False)
async def diff_submit(request: Request, scanner: Annotated[Scanner, Depends(get_scanner)],
                      settings: Annotated[Settings, Depends(get_settings)]) -> Response:
    form = await request.form(max_files=2, max_fields=24, max_part_size=request_limit(settings))
    fmt = form.get("format")
    fmt = fmt if isinstance(fmt, str) and fmt in DOWNLOADS else "html"
    subs: dict[str, Submission] = {}
    lang = "auto"
    try:
        subs, lang = await sides_from_form(form, settings)
        for side in SIDES:
            subs[side].source = subs[side].source or PASTED[side]
        compared = await run_in_threadpool(compare, scanner, subs, lang, settings)
        return comparison_page(compared, lang, fmt)
    except (TosscanError, WebError) as exc:
        if fmt != "html":
            raise
        # The form again with the message, keeping what was typed (never a file: browsers cannot prefill it).
        texts = {side: sub.text for side, sub in subs.items() if sub.text}
        urls = {side: sub.url for side, sub in subs.items() if sub.url}
        return HTMLResponse(form_page(settings, error=web_message(exc, settings), texts=texts, urls=urls, lang=lang),
                            status_code=status_for(exc))


@router.get("/diff.css", include_in_schema=False)
def diff_stylesheet() -> Response:
    # The comparison's CSS lives with the diff templates (the CLI inlines it); the page links the same file.
    return Response(diff_css(), media_type="text/css", headers={"cache-control": "public, max-age=3600"})


# --- the API -----------------------------------------------------------------------------------------------------

class Version(BaseModel):
    """Exactly one of `text` or `url`."""

    model_config = ConfigDict(extra="forbid")

    text: str | None = Field(None, description="The version's text; excerpt offsets index this exact string.")
    url: str | None = Field(None, description="An http(s) address of an HTML page or PDF to fetch.")


class DiffRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    old: Version
    new: Version
    lang: Literal["auto", "en", "zh"] = Field("auto", description="Language of both versions; auto detects each.")


# Written out rather than DiffRequest.model_json_schema(): its $defs references do not resolve inside OpenAPI.
_JSON_SCHEMA = {
    "type": "object",
    "required": ["old", "new"],
    "additionalProperties": False,
    "properties": {"old": Version.model_json_schema(), "new": Version.model_json_schema(),
                   "lang": {"type": "string", "enum": list(LANGS), "default": "auto"}},
}
_MULTIPART_SCHEMA = {
    "type": "object",
    "properties": {
        **{f"{side}_{field}": spec for side in SIDES for field, spec in (
            ("file", {"type": "string", "format": "binary", "description": ".txt, .md, .html or .pdf"}),
            ("text", {"type": "string"}), ("url", {"type": "string"}))},
        "lang": {"type": "string", "enum": list(LANGS), "default": "auto"},
    },
}


async def read_sides(request: Request, settings: Settings) -> tuple[dict[str, Submission], str]:
    expected = 'JSON ({"old": {"text": ...}, "new": {"url": ...}}) or a multipart form with old_file and new_file'
    if body_kind(request, expected) == "json":
        body = await validated_json(request, DiffRequest)
        return {side: Submission(text=getattr(body, side).text, url=getattr(body, side).url) for side in SIDES}, \
            body.lang
    form = await request.form(max_files=2, max_fields=24, max_part_size=request_limit(settings))
    return await sides_from_form(form, settings)


@router.post(
    "/api/v1/diff",
    tags=["diff"],
    summary="Compare two versions of a document",
    description="Send JSON `{\"old\": {\"text\"|\"url\": ...}, \"new\": {...}, \"lang\": \"auto\"}`, or a multipart "
                "form with `old_file` / `old_text` / `old_url` and the same for `new`. Returns the comparison exactly "
                "as `tosscan diff --format json` prints it (schema tosscan.diff/1). Nothing sent is stored or logged.",
    responses={200: {"model": DiffReport, "description": "The comparison (schema tosscan.diff/1)"},
               **ERROR_RESPONSES},
    openapi_extra={"requestBody": {"required": True, "content": {
        "application/json": {"schema": _JSON_SCHEMA},
        "multipart/form-data": {"schema": _MULTIPART_SCHEMA}}}},
)
async def diff_api(request: Request, scanner: Annotated[Scanner, Depends(get_scanner)],
                   settings: Annotated[Settings, Depends(get_settings)]) -> Response:
    subs, lang = await read_sides(request, settings)
    compared = await run_in_threadpool(compare, scanner, subs, lang, settings)
    return Response(compared.result.to_json(indent=None), media_type="application/json")
