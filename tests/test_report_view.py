"""Quotes in the HTML report read as the reader sees a Markdown document; offsets keep indexing it as written."""
from __future__ import annotations

import re

from tosscan import scan
from tosscan.models import Document
from tosscan.report import render
from tosscan.report.view import readable

CLAUSE = ("* **Licence.** The company may use the content you upload in any form, in any media or technology "
          "(see our [Content Policy](https://example.com/content-policy)).")


def quotes(html: str) -> list[str]:
    return [re.sub(r"<[^>]+>", "", q) for q in re.findall(r"<blockquote[^>]*>(.*?)</blockquote>", html, re.S)]


def test_readable_drops_emphasis_link_targets_and_escapes():
    assert readable("**Cookies**. See [our policy](https://x.com/p) and ![logo](/l.png), 1\\. \\_x\\_") == \
        "Cookies. See our policy and logo, 1. _x_"
    assert readable("5 * 3 and a_b stay") == "5 * 3 and a_b stay"


def test_markdown_quotes_hide_markup_while_offsets_index_the_text_as_written():
    report = scan(Document(text=CLAUSE, source="terms.md", format="markdown"), lang="en")
    licence = next(f for f in report.findings if f.rule == "en-content-license-any-media")
    assert report.text[licence.start:licence.end] == licence.text and "**Licence.**" in licence.text
    shown = quotes(render(report, "html"))
    assert any("Licence. The company may use the content" in q and "see our Content Policy)" in q for q in shown)
    assert not any("**" in q or "](" in q for q in shown)


def test_plain_text_quotes_are_shown_as_written():
    report = scan(Document(text=CLAUSE, source="terms.txt", format="text"), lang="en")
    assert any("**Licence.**" in q for q in quotes(render(report, "html")))


def test_a_protection_card_is_badged_as_a_protection_not_by_its_info_severity():
    report = scan("We do not sell your personal data. We delete your photos within 24 hours.", lang="en")
    assert any(f.kind == "protection" for f in report.findings)
    badges = re.findall(r'<span class="badge sev-info">([^<]*)</span>', render(report, "html"))
    assert badges and set(badges) == {"protection"}
    zh = scan("我们不会出售您的个人信息。您上传的照片将在生成后立即删除。", lang="zh")
    assert set(re.findall(r'<span class="badge sev-info">([^<]*)</span>', render(zh, "html"))) == {"保护"}


def fulltext(html: str) -> str:
    return re.search(r'<div class="fulltext">(.*?)</div>', html, re.S).group(1)


def test_the_full_text_of_markdown_hides_markup_and_each_span_still_leads_to_its_own_finding():
    text = "# Terms\n\n" + CLAUSE + "\n\n**Retention.** We keep your photos for as long as necessary.\n"
    report = scan(Document(text=text, source="terms.md", format="markdown"), lang="en")
    html = render(report, "html")
    shown = fulltext(html)
    assert "**" not in shown and "](" not in shown
    spans = re.findall(r'<a class="span [^"]*" id="span-(\d+)" href="#finding-(\d+)"[^>]*>([^<]*)</a>', shown)
    assert len(spans) >= 2  # the licence and the retention clause
    for anchor, finding, words in spans:
        clause = report.findings[int(finding)]
        assert clause.start == report.findings[int(anchor)].start  # the anchor sits where that finding starts
        assert words and readable(clause.text).startswith(words)


def test_the_full_text_of_plain_text_is_shown_as_written():
    report = scan(Document(text=CLAUSE, source="terms.txt", format="text"), lang="en")
    assert "**Licence.**" in fulltext(render(report, "html"))


def test_a_clause_that_triggers_several_rules_names_them_all_in_the_full_text():
    report = scan("You grant us a perpetual, irrevocable licence to use your photos in any media now known or later "
                  "developed.", lang="en")
    titles = {f.title for f in report.findings if f.start is not None}
    assert len(titles) >= 2
    hovered = re.findall(r'<a class="span [^"]*"[^>]* title="([^"]*)"', fulltext(render(report, "html")))
    assert hovered and all(title.replace("&#39;", "'") in hovered[0].replace("&#39;", "'") for title in titles)


def test_the_text_report_explains_a_rule_once_however_many_clauses_it_quotes():
    text = ("You waive any right to a jury trial. You also waive your right to bring a class action. "
            "Any claim may only be brought individually and not as a class action.")
    report = scan(text, lang="en")
    waivers = [f for f in report.findings if f.rule == "en-class-action-waiver"]
    assert len(waivers) >= 2
    shown = render(report, "text")
    assert shown.count(waivers[0].explanation[:40]) == 1 and f"×{len(waivers)}" in shown
    assert all(f"chars\u00a0{f.start}–{f.end}" in shown for f in waivers)  # every clause is still quoted


def test_markdown_bullets_are_hidden_in_html_and_text_quotes():
    report = scan(Document(text=CLAUSE, source="terms.md", format="markdown"), lang="en")
    assert all(not q.lstrip().startswith("*") for q in quotes(render(report, "html")))
    assert not fulltext(render(report, "html")).lstrip().startswith("*")
    shown = render(report, "text")
    assert "“Licence. The company may use the content" in " ".join(shown.split()) and "**" not in shown
    assert report.findings[0].text.startswith("* **Licence.**")  # the JSON keeps the text as written
