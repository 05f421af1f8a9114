"""Ingest on hostile or unusual input: legacy encodings that look like others, deep HTML, pages of several parts."""
from __future__ import annotations

import pytest

from tosscan import ingest
from tosscan.errors import IngestError
from tosscan.ingest.text import decode_bytes

ENGLISH_CP1252 = ("We don’t sell your data. We don’t train models on your uploads.\n"
                  "We’re a small company and the company’s policy is simple: we’re not in the data business.\n"
                  "If you delete your account, we don’t keep your photos.\n")


@pytest.mark.parametrize("text", [ENGLISH_CP1252, "We don’t sell your data. We don’t train models on your uploads."])
def test_cp1252_curly_apostrophes_are_not_read_as_gbk(text):
    doc = ingest.from_bytes(text.encode("cp1252"), "legacy.txt")
    assert doc.text == text
    assert "gb" not in doc.encoding.lower()


def test_short_gbk_clause_is_still_chinese():
    clause = "您同意本公司有权以任何形式使用您上传的内容。"
    assert decode_bytes(clause.encode("gbk")) == (clause, "gb18030")


def test_gbk_chinese_with_english_terms_is_still_chinese():
    text = "我们会通过App收集您的设备信息（如IMEI、MAC地址），用于Push通知与安全风控。"
    assert decode_bytes(text.encode("gb18030")) == (text, "gb18030")


def _corpus_text(corpora, relative: str) -> str:
    path = corpora / relative
    if not path.is_file():
        pytest.skip(f"{path} not found")
    return path.read_text(encoding="utf-8")


def test_real_chinese_policy_in_gb18030(corpora):
    text = _corpus_text(corpora, "open_terms_archive/genai-contrib-versions/Doubao/Privacy Policy.md")
    assert decode_bytes(text.encode("gb18030")) == (text, "gb18030")


def test_deeply_nested_html_keeps_its_text():
    # Recursion over 10,000 nested elements used to raise RecursionError: a traceback in the CLI, a 500 in the API.
    depth = 10_000
    html = ("<html><body>" + "<div>" * depth + "<p>We may use your photos in any media.</p>"
            + "</div>" * depth + "</body></html>").encode()
    doc = ingest.from_bytes(html, "deep.html")
    assert doc.text == "We may use your photos in any media.\n"


def test_deeply_nested_lists_keep_their_marks():
    depth = 5_000
    html = "<body>" + "<ul><li>" * depth + "We sell your data." + "</li></ul>" * depth + "<p>The end.</p></body>"
    assert ingest.from_bytes(html.encode(), "lists.html").text.splitlines()[-3:] == ["- We sell your data.", "",
                                                                                      "The end."]


LICENCE = "You grant us a worldwide, royalty-free licence to use, copy and modify the content you upload."
ARBITRATION = "Any dispute shall be resolved by binding individual arbitration; you waive any class action."


def test_every_article_of_a_page_is_kept_in_order():
    html = (f"<body><nav>Home | Pricing</nav><article><h2>Licence</h2><p>{LICENCE}</p></article>"
            f"<article><h2>Disputes</h2><p>{ARBITRATION}</p></article><footer>© 2026</footer></body>")
    text = ingest.from_bytes(html.encode(), "terms.html").text
    assert text == f"## Licence\n\n{LICENCE}\n\n## Disputes\n\n{ARBITRATION}\n"


def test_articles_nested_in_main_or_article_are_written_once():
    html = (f"<body><main><article><p>{LICENCE}</p><article><p>{ARBITRATION}</p></article></article></main>"
            f"<article><p>We may change these terms at any time.</p></article></body>")
    text = ingest.from_bytes(html.encode(), "terms.html").text
    assert text.count(LICENCE) == 1 and text.count(ARBITRATION) == 1
    assert text.index(LICENCE) < text.index(ARBITRATION) < text.index("We may change these terms")


def test_a_small_main_does_not_hide_the_terms_beside_it():
    html = (f"<body><main><p>We use cookies. Accept?</p></main>"
            f"<div class='terms'><p>{LICENCE}</p><p>{ARBITRATION}</p></div></body>")
    text = ingest.from_bytes(html.encode(), "terms.html").text
    assert LICENCE in text and ARBITRATION in text


def test_main_still_leaves_out_the_page_furniture():
    # The header and the sidebar hold more text than the main would need to lose to fall back: header text is
    # not counted, so the main (most of the rest) is kept alone.
    menu = " ".join(f"<a href='/p{i}'>Product number {i}</a>" for i in range(40))
    html = (f"<body><header><div class='mega-menu'>{menu}</div></header>"
            f"<main><h1>Terms</h1><p>{LICENCE}</p><p>{ARBITRATION}</p></main>"
            f"<aside>Related: Privacy, Cookies</aside></body>")
    text = ingest.from_bytes(html.encode(), "terms.html").text
    assert text == f"# Terms\n\n{LICENCE}\n\n{ARBITRATION}\n"


def test_western_cp1252_text_is_not_read_as_another_code_page():
    text = "“Terms” – we’re a naïve café in Zürich; the façade is ours. " * 3
    assert decode_bytes(text.encode("cp1252")) == (text, "cp1252")


def test_a_real_english_policy_in_cp1252(corpora):
    text = _corpus_text(corpora, "open_terms_archive/contrib-versions-subset/Reddit/Quality Guidelines.md")
    assert decode_bytes(text.encode("cp1252"))[0] == text


@pytest.mark.parametrize("text, encoding", [
    ("Nie sprzedajemy Twoich danych. Możesz usunąć konto w każdej chwili, a zdjęcia zostaną skasowane. " * 3,
     "cp1250"),
    ("Мы не продаём ваши данные. Вы можете удалить учётную запись в любой момент. " * 3, "cp1251"),
])
def test_other_legacy_code_pages_still_win_where_they_fit(text, encoding):
    assert decode_bytes(text.encode(encoding)) == (text, encoding)


def test_nesting_too_deep_to_parse_in_time_is_refused_clearly():
    # Parsing time grows with depth times tags: 100,000 nested elements took over half a minute to parse.
    html = ("<body>" + "<div>" * 100_000 + "<p>We may use your photos.</p></body>").encode()
    with pytest.raises(IngestError) as info:
        ingest.from_bytes(html, "deep.html")
    assert info.value.code == "invalid_input" and "100,000 levels deep" in str(info.value)


def test_markup_inside_scripts_and_comments_does_not_count_as_nesting():
    opened_in_strings = "<script>var t = '" + "<div>" * 30_000 + "';</script><!-- " + "<span>" * 30_000 + " -->"
    html = f"<body>{opened_in_strings}<p>We may use your photos.</p></body>".encode()
    assert ingest.from_bytes(html, "page.html").text == "We may use your photos.\n"


@pytest.mark.parametrize(("data", "name"), [
    # A spider saved the page before its script ran: only the notice (and a shop name) is there.
    ("海马体照相馆Please enable JavaScript to continue.".encode(), "policy.txt"),
    (b"<html><body><noscript>You need to enable JavaScript to run this app.</noscript><div id=root></div>"
     b"<script src=/app.js></script></body></html>", "terms.html"),
    (b"<html><head><script>render()</script></head><body><div id=app></div></body></html>", "privacy.html"),
])
def test_a_page_that_needs_javascript_is_a_clear_error_not_a_grade_a_report(data, name):
    with pytest.raises(IngestError, match="JavaScript") as caught:
        ingest.from_bytes(data, name)
    assert caught.value.code == "needs_javascript"


@pytest.mark.parametrize(("data", "name"), [
    # Short excerpts a user pastes or saves: a clause mentions JavaScript among others.
    (b"Privacy excerpt. The App requires JavaScript and collects your precise location, contacts and photos. "
     b"We may sell your personal data to advertisers.", "terms.txt"),
    (b"# Terms\n\nYou need to enable JavaScript to use the editor. We use your prompts to train our models.", "terms.md"),
])
def test_a_short_excerpt_that_mentions_javascript_is_a_document(data, name):
    assert "JavaScript" in ingest.from_bytes(data, name).text


def test_a_policy_that_mentions_javascript_is_still_a_document():
    text = ("We use cookies. Some features of the site require JavaScript. " + "We keep your photos for 30 days. " * 20)
    assert ingest.from_bytes(text.encode(), "policy.txt").text == text
    # An empty page with no script is simply empty.
    with pytest.raises(IngestError) as caught:
        ingest.from_bytes(b"<html><body><p> </p></body></html>", "blank.html")
    assert caught.value.code == "empty"
