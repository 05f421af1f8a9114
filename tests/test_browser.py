"""End to end in a real browser: Playwright drives Debian's chromium against tosscan served by uvicorn.

A person pastes a Miaoya-style clause, uploads a file, gives a URL, follows a finding to its span, downloads the
JSON, and reads the page on a phone. Screenshots go to test-artifacts/.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tosscan.settings import Settings
from tosscan.web import create_app

from webserver import document_server, running_app

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
MIAOYA = "The company may use the content you upload in any form, in any media or technology."
FLAGSHIP = "en-content-license-any-media"
POLICY = f"""Terms of Service

1. Your content
{MIAOYA}

2. Changes
We may change these terms at any time. Your continued use of the service means you accept the changes.

3. Privacy
We keep the photos you upload for as long as we need them.
"""


@pytest.fixture(scope="module")
def base_url(scanner):
    with running_app(create_app(Settings(allow_private_urls=True), scanner=scanner)) as url:
        yield url


@pytest.fixture(scope="module")
def context(tmp_path_factory):
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed at /usr/bin/chromium (`make browser` installs it)")
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("chromium-profile")), executable_path=str(CHROMIUM), args=ARGS,
            headless=True, viewport={"width": 1280, "height": 900}, accept_downloads=True)
        context.set_default_timeout(20_000)
        yield context
        context.close()


@pytest.fixture
def page(context):
    page = context.new_page()
    page.csp_errors = []  # type: ignore[attr-defined]
    page.dialogs = []  # type: ignore[attr-defined]
    page.on("console", lambda msg: "Content Security Policy" in msg.text and page.csp_errors.append(msg.text))
    page.on("dialog", lambda dialog: (page.dialogs.append(dialog.message), dialog.dismiss()))
    yield page
    assert page.csp_errors == [], page.csp_errors  # every page works under its policy
    assert page.dialogs == []  # no injected script ever ran
    page.close()


def flagship_card(page):
    return page.locator("article.finding", has=page.locator(f"code:text-is('{FLAGSHIP}')"))


def submit_form(page):
    with page.expect_navigation():
        page.get_by_role("button", name="Scan the terms").click()


def test_paste_scan_and_follow_a_finding_to_its_span(page, base_url):
    page.goto(base_url)
    page.get_by_label("Paste the text").fill(POLICY)
    submit_form(page)
    card = flagship_card(page)
    assert card.count() == 1
    assert card.locator(".badge").inner_text().lower() == "critical"
    marked = " ".join(card.locator("blockquote mark").all_inner_texts())
    assert "in any form" in marked and "in any media" in marked
    assert card.locator("mark").first.evaluate("m => getComputedStyle(m).backgroundColor") != "rgba(0, 0, 0, 0)"
    page.screenshot(path=ARTIFACTS / "report-paste.png", full_page=True)

    card.get_by_role("link", name=re.compile("Full text")).click()
    assert re.search(r"#span-\d+$", page.url)
    target = page.locator(":target")
    assert target.inner_text() == MIAOYA and "risk" in (target.get_attribute("class") or "")
    assert target.is_visible() and in_viewport(page, target)
    page.screenshot(path=ARTIFACTS / "report-span.png")

    target.click()  # the highlighted span leads back to its explanation
    assert page.locator(":target").get_attribute("id") == card.get_attribute("id")


def in_viewport(page, locator) -> bool:
    box = locator.bounding_box()
    height = page.evaluate("window.innerHeight")
    return box is not None and 0 <= box["y"] < height


def test_upload_a_file_with_a_hostile_name(page, base_url, tmp_path):
    path = tmp_path / '"><img src=x onerror=alert(1)>.txt'
    path.write_text(POLICY, encoding="utf-8")
    page.goto(base_url)
    page.get_by_label("Upload a file").set_input_files(path)
    submit_form(page)
    assert flagship_card(page).count() == 1
    assert page.locator("img").count() == 0  # the file name is shown as text, not parsed as markup
    assert "onerror=alert(1)" in page.get_by_role("heading", level=1).inner_text()


def test_scan_a_url(page, base_url):
    body = f"<!doctype html><html><body><main><h1>Terms</h1><p>{MIAOYA}</p></main></body></html>".encode()
    with document_server({"/terms": (200, {"Content-Type": "text/html"}, body)}) as docs:
        page.goto(base_url)
        page.get_by_label("Or give its web address").fill(f"{docs}/terms")
        submit_form(page)
    assert f"{docs}/terms" in page.get_by_role("heading", level=1).inner_text()
    assert flagship_card(page).count() == 1


def test_error_is_announced_and_form_kept(page, base_url):
    page.goto(base_url)
    page.get_by_label("Paste the text").fill(MIAOYA)
    page.get_by_label("Or give its web address").fill("http://169.254.169.254/latest/meta-data/")
    submit_form(page)
    assert "give one thing to scan" in page.get_by_role("alert").inner_text()
    assert page.get_by_label("Paste the text").input_value() == MIAOYA


def test_keyboard_only(page, base_url):
    page.goto(base_url)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to content"
    for _ in range(15):  # Tab through the navigation to the text box
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "text":
            break
    assert page.evaluate("document.activeElement.id") == "text"
    page.keyboard.insert_text(MIAOYA)
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.tagName") == "BUTTON":
            break
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert flagship_card(page).count() == 1


def test_download_json(page, base_url):
    page.goto(base_url)
    page.get_by_label("Paste the text").fill(POLICY)
    submit_form(page)
    with page.expect_download() as download:
        page.get_by_role("button", name="Download JSON").click()
    report = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    assert report["schema"] == "tosscan.report/1" and report["document"]["text"] == POLICY
    assert FLAGSHIP in {f["rule"] for f in report["findings"]}


def test_phone_width_and_print(context, base_url):
    page = context.new_page()
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(base_url)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.screenshot(path=ARTIFACTS / "form-phone.png", full_page=True)
    page.get_by_label("Paste the text").fill(POLICY)
    submit_form(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # nothing forces sideways scrolling
    page.screenshot(path=ARTIFACTS / "report-phone.png", full_page=True)
    page.emulate_media(media="print")
    assert not page.locator("header.site").is_visible() and not page.locator(".actions").is_visible()
    assert flagship_card(page).is_visible()
    page.close()


def test_a_long_url_in_a_quote_wraps_at_phone_width(context, base_url):
    page = context.new_page()
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(base_url)
    url = "https://www.example.com/legal/" + "account_service_terms_" * 4 + "2024"  # no hyphen to break at
    page.get_by_label("Paste the text").fill(f"{MIAOYA[:-1]}, as set out at {url}.\n")
    submit_form(page)
    assert url in flagship_card(page).locator("blockquote").inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.close()


def test_api_docs_render_offline(page, base_url):
    page.goto(f"{base_url}/docs")
    page.locator(".swagger-ui .info .title").wait_for()
    assert "tosscan" in page.locator(".swagger-ui .info .title").inner_text()
    assert page.get_by_text("/api/v1/scan").first.is_visible()


def test_a_chinese_report_on_a_phone_speaks_chinese_on_one_line_of_navigation(context, base_url):
    page = context.new_page()
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(base_url)
    page.get_by_label("Paste the text").fill("\n\n\n\n隐私政策\n\n\n\n\n我们可在您注销账号后继续保留您的个人信息。\n")
    submit_form(page)
    assert page.evaluate("document.documentElement.lang") == "zh-CN"
    assert page.locator("a.skip").inner_text() == "跳到正文"
    # Every link of the navigation sits on the brand's row: the Chinese labels fit a phone without wrapping.
    rows = page.locator("header.site nav a").evaluate_all(
        "links => links.map(a => a.getBoundingClientRect()).map(r => [r.top, r.bottom])")
    assert len(rows) == 5 and all(top < rows[0][1] for top, _ in rows)
    assert page.locator(".fulltext").inner_text().startswith("隐私政策\n\n我们")  # blank runs shown as one line
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.screenshot(path=ARTIFACTS / "report-zh-phone.png", full_page=True)
    page.close()
