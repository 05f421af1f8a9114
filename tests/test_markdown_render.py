"""Markdown output: code spans show values verbatim; everything else stays escaped."""
from __future__ import annotations

import re

from tosscan.models import DocumentInfo, Finding, Report
from tosscan.report import render


def report_from(source: str, title: str = "Title with *stars* and _underscores_") -> Report:
    text = "We may sell your photos."
    finding = Finding(rule="en-sell", category="data-sale", kind="risk", severity="high", title=title,
                      explanation="An explanation long enough.", start=0, end=len(text), text=text)
    return Report(language="en", grade="D", score=70, summary={}, findings=[finding],
                  document=DocumentInfo(source=source, chars=len(text), text=text))


def source_line(markdown: str) -> str:
    return re.search(r"^- Source: (.*) \(\d+ characters\)$", markdown, re.M).group(1)


def test_code_spans_show_file_names_verbatim():
    assert source_line(render(report_from("doubao_privacy.md"), "markdown")) == "`doubao_privacy.md`"
    assert source_line(render(report_from("<stdin>"), "markdown")) == "`<stdin>`"


def test_a_backtick_in_a_code_span_value_cannot_close_it():
    assert source_line(render(report_from("a`b.md"), "markdown")) == "``a`b.md``"
    assert source_line(render(report_from("`x``"), "markdown")) == "``` `x`` ```"  # padded: it starts with one


def test_text_outside_code_spans_stays_escaped():
    markdown = render(report_from("t"), "markdown")
    assert r"Title with \*stars\* and \_underscores\_" in markdown
