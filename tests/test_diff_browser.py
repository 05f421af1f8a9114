"""The diff page in a real browser (Debian's chromium via Playwright), reusing the web tests' server and page
fixtures: paste two versions, read the verdict and the word diff, download the JSON, use it on a phone."""
from __future__ import annotations

import json

import pytest

from test_browser import ARTIFACTS, base_url, context, page  # noqa: F401  (fixtures shared with the web tests)

pytestmark = pytest.mark.browser

OLD = "The company may use the content you upload in any form, in any media or technology."
NEW = "Uploads are solely used to create your digital clone and deleted afterwards."
POLICY = """Terms of Service

1. Your content
{clause}

2. Contact
Write to us at the address below.
"""


def compare(page, base_url, old: str, new: str) -> None:  # noqa: F811
    page.goto(f"{base_url}/diff")
    page.get_by_label("Paste the old version").fill(old)
    page.get_by_label("Paste the new version").fill(new)
    with page.expect_navigation():
        page.get_by_role("button", name="Compare the versions").click()


def test_compare_pasted_versions(page, base_url):  # noqa: F811
    compare(page, base_url, POLICY.format(clause=OLD), POLICY.format(clause=NEW))
    assert page.locator("#diff-verdict").inner_text().startswith("Better for you")
    card = page.locator("article.status-removed_risk")
    assert card.count() == 1 and "critical" in card.inner_text().lower()
    deleted = card.locator("blockquote del")
    assert deleted.inner_text() == OLD
    # Deletions are struck through and coloured, so the change is visible without reading the markup.
    style = deleted.evaluate("d => [getComputedStyle(d).textDecorationLine, getComputedStyle(d).backgroundColor]")
    assert "line-through" in style[0] and style[1] != "rgba(0, 0, 0, 0)"
    # The revised clause promises a purpose limit and deletion: new protections, so it is not an "other" edit.
    protections = page.locator("article.status-new_protection")
    texts = " ".join(protections.all_inner_texts())
    assert "Licence to your content" in texts and "How long data is kept" in texts, texts
    assert page.locator("#other-summary").inner_text().startswith("Clauses added: 0")
    page.screenshot(path=ARTIFACTS / "diff-page.png", full_page=True)

    with page.expect_download() as info:
        page.get_by_role("button", name="Download JSON").click()
    data = json.loads(open(info.value.path(), encoding="utf-8").read())
    assert data["schema"] == "tosscan.diff/1" and data["counts"]["removed_risk"] == 1


def test_word_diff_of_an_edited_clause(page, base_url):  # noqa: F811
    old = POLICY.format(clause="We keep the photos you upload for 30 days.")
    new = POLICY.format(clause="We keep the photos you upload indefinitely.")
    compare(page, base_url, old, new)
    assert page.locator("#diff-verdict").inner_text().startswith("Worse for you")
    card = page.locator("article.status-new_risk")
    assert card.locator("del").all_inner_texts() == ["for 30 days"]
    assert card.locator("ins").all_inner_texts() == ["indefinitely"]


def test_missing_version_is_announced(page, base_url):  # noqa: F811
    compare(page, base_url, OLD, "")
    assert "new version: nothing to scan" in page.get_by_role("alert").inner_text()
    assert page.get_by_label("Paste the old version").input_value() == OLD
    page.screenshot(path=ARTIFACTS / "diff-form-error.png", full_page=True)


def test_diff_page_on_a_phone(page, base_url):  # noqa: F811
    page.set_viewport_size({"width": 390, "height": 844})
    compare(page, base_url, OLD, NEW)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the page scrolls sideways ({width}px)"
    page.screenshot(path=ARTIFACTS / "diff-phone.png", full_page=True)
