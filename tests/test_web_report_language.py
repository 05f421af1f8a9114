"""A report page speaks the report's language from <html lang> to the footer; the form pages stay English."""
from __future__ import annotations

import html
import re

import pytest
from fastapi.testclient import TestClient

from tosscan.settings import Settings
from tosscan.web import create_app

ZH_CLAUSE = "我们可能会将您上传的内容用于任何形式、任何媒体或技术，并可在您注销账号后继续保留您的个人信息。"
EN_CLAUSE = "The company may use the content you upload in any form, in any media or technology."
# Words a Chinese page may show in Latin letters: names, formats, rule ids (code) and the legal references of the
# rules ("PIPL Art. 47"), which cite laws by their usual names.
LATIN_ALLOWED = {"tosscan", "API", "JSON", "Markdown"}


@pytest.fixture(scope="module")
def client(scanner):
    with TestClient(create_app(Settings(), scanner=scanner)) as client:
        yield client


def report_page(client, text: str) -> str:
    files = {"file": ("", b"", "application/octet-stream")}
    page = client.post("/scan", data={"lang": "auto", "text": text}, files=files).text
    assert 'class="grade grade-' in page  # a report, not the form with an error
    return page


def visible_words(page: str) -> set[str]:
    """Latin words a reader sees or hears: tag text and the labels screen readers read (aria-label, title)."""
    labels = " ".join(re.findall(r'(?:aria-label|title)="([^"]*)"', page))
    body = re.sub(r'<style.*?</style>|<code>.*?</code>|<p class="refs">.*?</p>', " ", page, flags=re.S)
    shown = html.unescape(re.sub(r"<[^>]+>", " ", body) + " " + labels)
    return set(re.findall(r"[A-Za-z]{2,}", shown)) - LATIN_ALLOWED


def test_a_chinese_report_page_is_tagged_chinese_and_has_no_english_chrome(client):
    page = report_page(client, ZH_CLAUSE)
    assert page.lstrip().startswith("<!doctype html>\n<html lang=\"zh-CN\">")
    for chrome in ("跳到正文", "扫描文件", "比较版本", "规则", "隐私：", "不构成法律意见"):
        assert chrome in page
    assert visible_words(page) == set()
    assert "为什么重要：</strong>" in page and ":</strong>" not in page  # a Chinese colon after a Chinese label


def test_an_english_report_page_and_the_form_pages_are_tagged_english(client):
    page = report_page(client, EN_CLAUSE)
    assert '<html lang="en">' in page and "Skip to content" in page and "it is not legal advice" in page
    for path in ("/", "/diff", "/rules"):
        form = client.get(path).text
        assert '<html lang="en">' in form and "Scan a document" in form and "扫描文件" not in form


def test_a_report_quote_carries_its_own_small_link_to_the_full_text_on_its_last_line(client):
    page = report_page(client, "You waive your right to a class action. Any claim may only be brought "
                               "individually and not as a class action.")
    card = re.search(r'<article class="finding[^"]*"[^>]*>(?:(?!</article>).)*×2.*?</article>', page, re.S).group(0)
    quotes = re.findall(r"<blockquote[^>]*>(.*?)</blockquote>", card, re.S)
    assert len(quotes) == 2
    # Inside each quote, last: no line of its own per quote (a card quoting a rule 8 times grew 8 link lines).
    assert all(re.search(r'<a class="quote-link no-print" href="#span-\d+"[^>]*>Full text ↓</a>$', q) for q in quotes)
    assert card.count("quote-link") == 2
