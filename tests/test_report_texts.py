"""The fixed texts of a report read right: counts that cannot be misread, one word for the document, quotes
located in words, a file named without its folders, and a full text without screenfuls of blank lines."""
from __future__ import annotations

import re

import pytest

from tosscan import ingest, scan
from tosscan.grading import grade
from tosscan.i18n import MESSAGES
from tosscan.models import Document, Finding
from tosscan.report import render
from tosscan.report.view import short_source


def risk(severity: str, rule: str) -> Finding:
    return Finding(rule=rule, category="content-license", kind="risk", severity=severity, title="A risk",
                   explanation="An explanation long enough.", start=0, end=1, text="x")


MEDIUM_AND_LOW = [risk("medium", f"r{i}") for i in range(12)] + [risk("low", "low-1")]


def test_chinese_risk_counts_name_the_severity_before_the_count():
    explanation = grade(MEDIUM_AND_LOW, "zh").explanation
    assert "发现中风险 12 项，低风险 1 项。" in explanation
    assert "12 项中" not in explanation  # read as "among 12 items"


def test_english_risk_counts_say_what_they_count_in_singular_and_plural():
    explanation = grade(MEDIUM_AND_LOW, "en").explanation
    assert "Found 12 medium risks, 1 low risk." in explanation


@pytest.mark.parametrize("lang, document, kinds", [
    ("en", "this document", ("policy", "agreement", "these terms")),
    ("zh", "这份文件", ("协议", "政策", "条款从你")),
])
def test_the_report_calls_the_document_by_one_neutral_word(lang, document, kinds):
    texts = MESSAGES[lang]
    assert document in texts["report_title"].lower() and document in texts["gaps"].lower()
    for key, text in texts.items():
        assert not any(kind in text.lower() for kind in kinds), (key, text)


CLAUSES = ("The company may use the content you upload in any form, in any media or technology. "
           "You waive your right to a class action.")


@pytest.mark.parametrize("fmt, headings", [
    ("text", ("What this document does not tell you",)),  # the terminal report has no title line
    ("markdown", ("What this document takes from you", "What this document does not tell you")),
    ("html", ("What this document takes from you", "What this document does not tell you")),
])
def test_every_output_uses_the_same_headings(fmt, headings):
    shown = render(scan(CLAUSES, lang="en"), fmt)
    assert all(heading in shown for heading in headings)


def test_text_report_locates_quotes_in_characters_and_names_the_file_without_its_folders(tmp_path):
    path = tmp_path / "deeply" / "nested" / "terms.txt"
    path.parent.mkdir(parents=True)
    path.write_text(CLAUSES, encoding="utf-8")
    report = scan(ingest.from_path(str(path)), lang="en")
    assert report.document.source == str(path)  # the JSON keeps the path as given
    shown = render(report, "text")
    header = shown.splitlines()[0]
    assert "tosscan · terms.txt" in header and str(tmp_path) not in shown
    located = [f for f in report.findings if f.text is not None]
    assert located and all(f"(chars\u00a0{f.start}–{f.end})" in shown for f in located)
    assert not re.search(r"@\d+-\d+", shown)
    zh = scan("我们可在您注销账号后继续保留您的个人信息。", lang="zh")
    first = next(f for f in zh.findings if f.text is not None)
    assert f"(第\u00a0{first.start}–{first.end}\u00a0字)" in render(zh, "text")


def test_short_source_keeps_addresses_and_stdin_whole():
    assert short_source("/home/me/docs/terms.txt") == "terms.txt"
    assert short_source("docs/terms.txt") == "terms.txt"
    assert short_source("https://example.com/legal/terms") == "https://example.com/legal/terms"
    assert short_source("<stdin>") == "<stdin>"


def fulltext(html: str) -> str:
    return re.search(r'<div class="fulltext">(.*?)</div>', html, re.S).group(1)


@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_the_full_text_shows_one_blank_line_where_the_document_has_many(fmt):
    clause = "The company may use the content you upload in any form, in any media or technology."
    text = f"\n\n\n \n\u3000\nTerms of Service\n\n\n\n\n{clause}\n \n\n\n\nQuestions?\n\n\n"
    report = scan(Document(text=text, source="terms", format=fmt), lang="en")
    licence = next(f for f in report.findings if f.rule == "en-content-license-any-media")
    assert report.text[licence.start:licence.end] == licence.text  # offsets index the text as written
    shown = fulltext(render(report, "html"))
    assert not re.search(r"\n[^\S\n]*\n[^\S\n]*\n", shown) and shown == shown.strip()
    assert shown.startswith("Terms of Service\n\n<a class=\"span risk")
    assert f'id="span-{report.findings.index(licence)}"' in shown and shown.endswith("\n\nQuestions?")
