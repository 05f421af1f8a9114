"""The HTML pages: the form at /, the report at POST /scan (or its JSON / Markdown download), the report CSS."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from starlette.concurrency import run_in_threadpool
from starlette.responses import HTMLResponse, RedirectResponse, Response

from ...errors import TosscanError
from ...i18n import t
from ...report import render
from ...report.render import report_context, report_css
from ...scanner import Scanner
from ...settings import Settings
from ..deps import get_scanner, get_settings
from ..errors import FORM_PAGES, WebError, human_bytes, status_for, web_message
from ..scanning import LANGS, Submission, request_limit, scan_submission, submission_from_form
from ..templating import render_page

router = APIRouter(include_in_schema=False)

EXAMPLE = ("The company may use the content you upload in any form, in any media or technology, "
           "and may keep it for as long as it wishes.")
DOWNLOADS = {"json": ("application/json", "tosscan-report.json"),
             "markdown": ("text/markdown; charset=utf-8", "tosscan-report.md")}


def form_page(settings: Settings, *, error: str | None = None, text: str = "", url: str = "",
              lang: str = "auto") -> str:
    return render_page("index.html.j2", error=error, text=text, url=url, lang=lang, langs=LANGS,
                       max_size=human_bytes(settings.max_bytes))


FORM_PAGES["/scan"] = lambda settings, error: form_page(settings, error=error)


@router.get("/", response_class=HTMLResponse)
def index(settings: Annotated[Settings, Depends(get_settings)], example: bool = False) -> HTMLResponse:
    return HTMLResponse(form_page(settings, text=EXAMPLE if example else ""))


@router.get("/scan")
def scan_get() -> RedirectResponse:
    # A reload or a bookmark of the report page: nothing is stored, so send the visitor back to the form.
    return RedirectResponse("/", status_code=303)


def report_page(scanner: Scanner, submission: Submission, settings: Settings, fmt: str) -> Response:
    report = scan_submission(scanner, submission, settings)
    if submission.source is None and submission.data is None and not submission.url:
        # Pasted text has no name: call it "pasted text" in the report's own language (the API and CLI say "<text>").
        document = report.document.model_copy(update={"source": t(report.language, "pasted_text")})
        report = report.model_copy(update={"document": document})
    if fmt in DOWNLOADS:
        media_type, filename = DOWNLOADS[fmt]
        return Response(render(report, fmt), media_type=media_type,
                        headers={"content-disposition": f'attachment; filename="{filename}"'})
    html = render_page("report_page.html.j2", rules_url="/rules/", **report_context(report))
    return HTMLResponse(html)


@router.post("/scan")
async def scan_form(request: Request, scanner: Annotated[Scanner, Depends(get_scanner)],
                    settings: Annotated[Settings, Depends(get_settings)]) -> Response:
    form = await request.form(max_files=1, max_fields=16, max_part_size=request_limit(settings))
    fmt = form.get("format")
    fmt = fmt if isinstance(fmt, str) and fmt in DOWNLOADS else "html"
    submission = None
    try:
        submission = await submission_from_form(form, settings)
        return await run_in_threadpool(report_page, scanner, submission, settings, fmt)
    except (TosscanError, WebError) as exc:
        if fmt != "html":
            raise
        # Show the form again with the message, keeping what was typed (never a file: browsers cannot prefill it).
        text = submission.text if submission and submission.text else ""
        url = submission.url if submission and submission.url else ""
        lang = submission.lang if submission else "auto"
        html = form_page(settings, error=web_message(exc, settings), text=text, url=url, lang=lang)
        return HTMLResponse(html, status_code=status_for(exc))


@router.get("/report.css")
def stylesheet() -> Response:
    # The report's CSS lives with the report templates (the CLI inlines it); the web serves the same file.
    return Response(report_css(), media_type="text/css", headers={"cache-control": "public, max-age=3600"})
