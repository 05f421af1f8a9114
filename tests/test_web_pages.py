"""The HTML pages: the form, the report (escaping, links between findings and spans), downloads, rules, errors."""
from __future__ import annotations

import html
import json
import re
from collections import Counter

import pytest
from fastapi.testclient import TestClient

from tosscan.models import DocumentInfo, Evidence, Finding, Report
from tosscan.report import render
from tosscan.settings import Settings
from tosscan.web import create_app

from webserver import document_server

MIAOYA = "The company may use the content you upload in any form, in any media or technology."
FLAGSHIP = "en-content-license-any-media"
HOSTILE = ['<script>alert("x")</script>', '"><img src=x onerror=alert(1)>']


@pytest.fixture(scope="module")
def client(scanner):
    with TestClient(create_app(Settings(allow_private_urls=True), scanner=scanner)) as client:
        yield client


def scan_page(client, **fields):
    files = fields.pop("files", None) or {"file": ("", b"", "application/octet-stream")}  # an empty file input
    return client.post("/scan", data={"lang": "auto", **fields}, files=files)


def hidden_fields(page: str) -> dict[str, str]:
    return {name: html.unescape(value)
            for name, value in re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)">', page)}


def finding_index(page: str, rule: str) -> int:
    match = re.search(r'<article class="finding[^"]*" id="finding-(\d+)">(?:(?!</article>).)*?' + re.escape(rule),
                      page, re.S)
    assert match, f"no card for {rule}"
    return int(match.group(1))


def test_form_is_labelled_and_needs_no_script(client):
    page = client.get("/").text
    for field in ("text", "file", "url", "lang"):
        assert re.search(rf'<label for="{field}">', page) and f'id="{field}"' in page
    assert 'enctype="multipart/form-data"' in page and 'accept=".txt,.md' in page
    assert "<script" not in page
    assert "does not store or log the text you submit" in page
    assert "in any media or technology" in client.get("/?example=1").text


def test_report_highlights_and_links_the_flagship_finding(client):
    response = scan_page(client, text=f"Welcome.\n\n{MIAOYA}\n")
    assert response.status_code == 200
    page = response.text
    i = finding_index(page, FLAGSHIP)
    card = page[page.index(f'id="finding-{i}"'):]
    card = card[:card.index("</article>")]
    assert "sev-critical" in card and "<mark>" in card and "What a fair clause says" in card
    assert "References" in card and f'href="/rules/{FLAGSHIP}"' in card
    anchor = re.search(r'href="#span-(\d+)"', card).group(1)
    span = re.search(rf'<a class="span risk sev-critical" id="span-{anchor}" href="#finding-(\d+)"[^>]*>([^<]*)</a>',
                     page)
    assert span and int(span.group(1)) == i and span.group(2) == MIAOYA
    assert re.search(r'class="grade grade-[A-E]" role="img" aria-label="Grade [A-E]"', page)
    assert "Summary by category" in page and "What this document does not tell you" in page


def test_every_id_is_unique_and_every_link_lands(client):
    text = f"{MIAOYA}\nWe may keep your photos forever and use them to train our models.\n{MIAOYA}\n"
    page = scan_page(client, text=text).text
    ids = re.findall(r'\bid="([^"]+)"', page)
    assert [k for k, n in Counter(ids).items() if n > 1] == []
    targets = set(re.findall(r'href="#([^"]+)"', page))
    assert targets and targets <= set(ids)


def synthetic_report(text: str, spans: list[tuple[str, str, str, int, int]]) -> Report:
    """A report with findings (rule, kind, severity, start, end) over `text`, for template tests."""
    findings = [Finding(rule=rule, category="content-license", kind=kind, severity=sev, title=f"Title of {rule}",
                        explanation="An explanation long enough.", start=start, end=end, text=text[start:end],
                        evidence=[Evidence(start=start, end=start + 3, text=text[start:start + 3])])
                for rule, kind, sev, start, end in spans]
    return Report(language="en", grade="D", score=70, document=DocumentInfo(source="t", chars=len(text), text=text),
                  summary={}, findings=findings)


def test_findings_starting_together_share_one_span_anchor():
    text = "You grant us a licence to your photos in any media. Other text."
    page = render(synthetic_report(text, [("en-rule-0", "risk", "critical", 0, 51),
                                          ("en-rule-1", "protection", "info", 0, 20)]), "html")
    assert page.count('id="span-0"') == 1 and 'id="span-1"' not in page
    assert page.count('href="#span-0"') == 2  # both cards lead to the span where they start


def test_one_card_per_rule_quotes_every_place():
    text = "We may sell your photos. Hello. We may sell your videos too."
    page = render(synthetic_report(text, [("en-sell", "risk", "high", 0, 24), ("en-sell", "risk", "high", 32, 60)]),
                  "html")
    assert page.count("<article") == 1 and page.count("<blockquote") == 2 and "×2" in page
    assert 'href="#span-0"' in page and 'href="#span-1"' in page  # each quote leads to its own place
    assert 'id="finding-1"' in page and 'href="#finding-1"' in page  # and each place leads back to its quote


def test_hostile_text_and_file_name_are_escaped(client):
    text = f"{MIAOYA}\n{HOSTILE[0]}\n{HOSTILE[1]}\n"
    pages = [scan_page(client, text=text).text]
    name = f'{HOSTILE[1]}{HOSTILE[0]}.txt'
    upload = {"file": (name, text.encode(), "text/plain")}
    received = client.post("/api/v1/scan", files=upload).json()["document"]["source"]
    assert "<img src=x onerror=alert(1)>" in received  # the hostile name really reaches the server
    pages.append(scan_page(client, files=upload).text)
    for page in pages:
        assert "<script>alert" not in page and "<img src=x" not in page and "<script" not in page
        assert "&lt;script&gt;alert(" in page and "&lt;img src=x onerror=alert(1)&gt;" in page
    error = scan_page(client, text=HOSTILE[0], url="https://example.com/").text
    assert "<script>alert" not in error and "&lt;script&gt;alert(" in error


def test_downloads_rebuild_the_same_report(client):
    text = f"Terms\r\n\r\n{MIAOYA}\r\n"
    page = scan_page(client, text=text, lang="en").text
    fields = hidden_fields(page)
    assert fields["text"] == text.replace("\r\n", "\n") and fields["lang"] == "en"
    # A browser sends hidden values with CRLF line breaks: the server must rebuild the same text.
    fields["text"] = fields["text"].replace("\n", "\r\n")
    download = scan_page(client, **fields, format="json")
    assert download.headers["content-disposition"] == 'attachment; filename="tosscan-report.json"'
    report = download.json()
    assert report["document"]["text"] == text.replace("\r\n", "\n")
    assert report["document"]["source"] == "pasted text"
    assert any(f["rule"] == FLAGSHIP for f in report["findings"])
    markdown = scan_page(client, **fields, format="markdown")
    assert markdown.headers["content-type"].startswith("text/markdown")
    assert "## " in markdown.text and "en-content-license-any-media" in markdown.text


def test_download_of_an_uploaded_file_keeps_its_name_and_format(client):
    page = scan_page(client, files={"file": ("terms.md", f"# Terms\n\n{MIAOYA}\n".encode(), "text/markdown")}).text
    fields = hidden_fields(page)
    assert fields["source"] == "terms.md" and fields["doc_format"] == "markdown"
    report = scan_page(client, **fields, format="json").json()
    assert report["document"]["source"] == "terms.md" and report["document"]["format"] == "markdown"


def test_url_through_the_form(client):
    body = f"<!doctype html><html><body><main><p>{MIAOYA}</p></main></body></html>".encode()
    with document_server({"/terms": (200, {"Content-Type": "text/html"}, body)}) as base:
        page = scan_page(client, url=f"{base}/terms").text
    assert f"Report on {base}/terms" in page and finding_index(page, FLAGSHIP) >= 0


def test_errors_show_the_form_again_with_the_message(client):
    empty = scan_page(client, text="   ")
    assert empty.status_code == 422 and 'role="alert"' in empty.text and "nothing to scan" in empty.text
    both = scan_page(client, text=MIAOYA, url="https://example.com/terms")
    assert both.status_code == 422 and "give one thing to scan" in both.text
    assert f">{MIAOYA}</textarea>" in both.text and 'value="https://example.com/terms"' in both.text
    binary = scan_page(client, files={"file": ("x.exe", b"MZ\x00\x01", "application/octet-stream")})
    assert binary.status_code == 415 and "unsupported file type" in binary.text
    refused = scan_page(client, url="http://169.254.169.254/latest/meta-data/")
    assert refused.status_code == 400 and "metadata" in refused.text


def test_reload_of_a_report_goes_back_to_the_form(client):
    response = client.get("/scan", follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/"


def test_rule_pages(client, scanner):
    catalogue = client.get("/rules").text
    assert f'href="/rules/{FLAGSHIP}"' in catalogue
    assert catalogue.count('<li class="') == len(scanner.ruleset.rules)
    page = client.get(f"/rules/{FLAGSHIP}").text
    rule = scanner.ruleset.get(FLAGSHIP)
    assert html.escape(rule.examples.match[0], quote=True) in page and html.escape(rule.title) in page
    assert "Examples it leaves alone" in page and f"{FLAGSHIP}.yaml" in page
    missing = client.get("/rules/en-no-such-rule")
    assert missing.status_code == 404 and missing.headers["content-type"].startswith("text/html")


def test_unknown_page_is_an_html_404(client):
    response = client.get("/no/such/page")
    assert response.status_code == 404 and "Page not found" in response.text


def test_report_page_and_cli_html_share_the_report_body(client, scanner):
    page = scan_page(client, text=MIAOYA).text
    standalone = render(scanner.scan(MIAOYA), "html")
    for marker in ('class="verdict"', 'id="summary-heading"', 'class="fulltext"', 'id="finding-0"'):
        assert marker in page and marker in standalone
    assert FLAGSHIP in {f["rule"] for f in json.loads(render(scanner.scan(MIAOYA), "json"))["findings"]}


def test_touching_or_overlapping_evidence_is_one_highlight_without_padding():
    text = "We share personal data <with> partners."
    evidence = [Evidence(start=s, end=e, text=text[s:e]) for s, e in ((9, 17), (17, 22), (20, 29))]
    finding = Finding(rule="en-share", category="third-party-sharing", kind="risk", severity="high",
                      title="Shares data", explanation="An explanation long enough.", start=0, end=len(text),
                      text=text, evidence=evidence)
    report = Report(language="en", grade="D", score=70, document=DocumentInfo(source="t", chars=len(text), text=text),
                    summary={}, findings=[finding])
    page = render(report, "html")
    quote = re.search(r'<blockquote[^>]*>(.*?)<a class="quote-link', page, re.S).group(1)
    assert quote == "We share <mark>personal data &lt;with&gt;</mark> partners."
    assert not re.search(r"\bmark\s*\{[^}]*padding", page)  # side padding reads as extra spaces between words


@pytest.fixture(scope="module")
def small_client(scanner):
    """Limits small enough to reach: a file over 1 MB, a text over 100,000 characters, a body over the request cap."""
    with TestClient(create_app(Settings(max_bytes=1_000_000, max_chars=100_000), scanner=scanner)) as client:
        yield client


def assert_form_with_error(response, status: int) -> str:
    assert response.status_code == status
    page = response.text
    assert 'role="alert"' in page and '<form class="scan"' in page and 'name="text"' in page
    assert "--lang" not in page and "TOSSCAN_" not in page  # CLI and admin options a web visitor cannot use
    return page


def test_too_large_shows_the_form_again_in_human_units(small_client):
    over_file = {"file": ("big.txt", b"word " * 202_000, "text/plain")}  # 1.01 MB: refused once read
    over_request = {"file": ("huge.txt", b"word " * 300_000, "text/plain")}  # 1.5 MB: refused before reading
    for files in (over_file, over_request):
        page = assert_form_with_error(scan_page(small_client, files=files), 413)
        assert "1 MB" in page and "bytes" not in page and "split the document" in page.lower()
    page = assert_form_with_error(scan_page(small_client, text="word " * 20_001), 413)
    assert "100,000 characters" in page and "split the document" in page.lower()


def test_an_unsupported_language_points_to_the_form_not_the_cli(client):
    german = ("Wir dürfen Ihre Fotos für beliebige Zwecke verwenden und diese Bedingungen jederzeit ohne "
              "Ankündigung ändern. Ihre Daten werden auf unseren Servern unbegrenzt gespeichert, auch nachdem "
              "Sie Ihr Konto gelöscht haben, und an unsere Partner in aller Welt weitergegeben.")
    page = assert_form_with_error(scan_page(client, text=german), 422)
    alert = page[page.index('role="alert"'):page.index("</div>", page.index('role="alert"'))]
    assert "does not read as English" in alert and "(the form&#39;s language field" in alert
    assert "--lang" not in alert


def test_a_refused_address_says_what_to_do_instead(small_client):
    for url, kind in (("http://203.0.113.5/terms", "a reserved address"), ("http://[2001:db8::1]/", "a reserved address"),
                      ("http://10.1.2.3/privacy", "a private address")):
        page = assert_form_with_error(scan_page(small_client, url=url), 400)
        assert kind in page and "download the page and upload it, or paste its text" in page
        assert f'value="{url}"' in page  # the address stays in the form, to correct


def test_a_chinese_report_page_speaks_chinese_around_the_report(client):
    text = "我们可能会将您上传的内容用于任何形式、任何媒体或技术，并可在您注销账号后继续保留您的个人信息。"
    page = scan_page(client, text=text).text
    assert 'class="grade grade-' in page  # a report, not an error
    head = page[page.index('<div class="report-head"'):page.index('<div class="report"')]
    assert '<html lang="zh-CN">' in page and "粘贴的文本" in head and "扫描另一份文件" in head and "下载 JSON" in head
    assert "来源：<code>粘贴的文本</code>" in page
    for english in ("pasted text", "Report on", "Scan another document", "Download JSON", "Download Markdown"):
        assert english not in page
    assert hidden_fields(page)["source"] == "粘贴的文本"  # a download names the document the same way
    english_page = scan_page(client, text=MIAOYA).text
    assert "Report on pasted text" in english_page and "Download JSON" in english_page


def test_the_form_states_a_size_limit_under_1_mb_in_kb(scanner):
    with TestClient(create_app(Settings(max_bytes=500_000), scanner=scanner)) as client:
        for path in ("/", "/diff"):
            page = client.get(path).text
            assert "up to 500 kB" in page and "0 MB" not in page
