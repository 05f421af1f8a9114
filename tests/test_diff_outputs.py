"""The Miaoya pair through the bundled rules, in every output format; escaping of user text."""
from __future__ import annotations

import json

import pytest
from selectolax.lexbor import LexborHTMLParser

from tosscan import diff
from tosscan.report.diff_render import render_diff

# Miaoya (妙鸭相机) rewrote its agreement days after the outcry over this clause: uploads only make the digital
# clone, then are deleted.
MIAOYA_OLD = "The company may use the content you upload in any form, in any media or technology.\n"
MIAOYA_NEW = ("The photos you upload are solely used to create your digital clone and are deleted immediately after "
              "it is generated.\n")


@pytest.fixture(scope="module")
def miaoya():
    return diff(MIAOYA_OLD, MIAOYA_NEW)


def test_miaoya_licence_removed_retention_protection_added(miaoya):
    removed = [c for c in miaoya.changes if c.status == "removed_risk"]
    assert [(c.category, c.severity_before) for c in removed] == [("content-license", "critical")]
    assert removed[0].old.text == MIAOYA_OLD.strip()
    added = [c for c in miaoya.changes if c.status == "new_protection"]
    assert "data-retention" in {c.category for c in added}
    assert all(c.new.text == MIAOYA_NEW.strip() for c in added)
    assert not [c for c in miaoya.changes if c.effect == "worse"]
    assert miaoya.verdict == "better"
    assert miaoya.before.grade in ("D", "E") and miaoya.after.score > miaoya.before.score


def test_miaoya_json(miaoya):
    data = json.loads(render_diff(miaoya, "json"))
    assert data["schema"] == "tosscan.diff/1"
    assert data["verdict"] == "better"
    assert set(data["before"]) >= {"grade", "score", "source", "language"}
    assert data["before"]["grade"] != data["after"]["grade"]
    assert data["counts"]["removed_risk"] == 1 and data["counts"]["new_protection"] >= 1
    change = next(c for c in data["changes"] if c["status"] == "removed_risk")
    assert change["category"] == "content-license" and change["severity_before"] == "critical"
    assert change["words"] == [{"op": "delete", "text": MIAOYA_OLD.strip()}]
    protection = next(c for c in data["changes"] if c["status"] == "new_protection"
                      and c["category"] == "data-retention")
    assert protection["words"] == [{"op": "insert", "text": MIAOYA_NEW.strip()}]
    assert set(data["text"]) >= {"clauses_before", "clauses_after", "added", "removed", "edited", "moved", "other"}


def test_miaoya_text(miaoya):
    out = render_diff(miaoya, "text")
    assert "Better for you" in out
    assert f"grade {miaoya.before.grade} → {miaoya.after.grade}" in out
    assert "REMOVED RISK · critical" in out and "NEW PROTECTION " in out
    flat = " ".join(out.split())  # rich wraps long lines
    assert f"[-{MIAOYA_OLD.strip()}-]" in flat and f"{{+{MIAOYA_NEW.strip()}+}}" in flat
    assert "(How long data is kept · en-data-retention" in flat


def test_miaoya_markdown(miaoya):
    out = render_diff(miaoya, "markdown")
    assert "REMOVED RISK · critical" in out and "### NEW PROTECTION · " in out
    assert f"<del>{MIAOYA_OLD.strip()}</del>" in out and f"<ins>{MIAOYA_NEW.strip()}</ins>" in out


def test_miaoya_html(miaoya):
    tree = LexborHTMLParser(render_diff(miaoya, "html"))
    assert tree.css_first("#diff-verdict").text().startswith("Better for you")
    removed = tree.css_first("article.status-removed_risk")
    assert removed is not None and "critical" in removed.text()
    assert removed.css_first("del").text() == MIAOYA_OLD.strip()
    added = tree.css("article.status-new_protection")
    assert added and all(a.css_first("ins").text() == MIAOYA_NEW.strip() for a in added)
    assert "How long data is kept" in " ".join(a.text() for a in added)


# The same pair in the agreement's own language (妙鸭相机 is a Chinese app).
MIAOYA_ZH_OLD = "第三条 用户内容\n\n您同意公司可以以任何形式、在任何媒体或技术中使用您上传的内容。\n"
MIAOYA_ZH_NEW = "第三条 用户内容\n\n您上传的照片仅用于生成您的数字分身，生成后立即删除。\n"


def test_miaoya_chinese_in_every_output():
    result = diff(MIAOYA_ZH_OLD, MIAOYA_ZH_NEW)
    assert result.after.language == "zh"
    removed = [(c.category, c.severity_before) for c in result.changes if c.status == "removed_risk"]
    assert ("content-license", "critical") in removed
    added = {c.category for c in result.changes if c.status == "new_protection"}
    assert {"content-license", "data-retention"} <= added  # purpose limited, deletion time stated
    data = json.loads(render_diff(result, "json"))
    assert data["counts"]["removed_risk"] >= 1 and data["counts"]["new_protection"] >= 2
    text = " ".join(render_diff(result, "text").split())
    assert "移除风险 · 严重" in text and "新增保护" in text
    assert "[-您同意公司可以以任何形式、在任何媒体或技术中使用您上传的内容。-]" in text
    tree = LexborHTMLParser(render_diff(result, "html"))
    assert tree.css_first("html").attributes["lang"] == "zh-CN"
    assert tree.css_first("article.status-removed_risk del").text() == MIAOYA_ZH_OLD.split("\n\n")[1].strip()
    assert len(tree.css("article.status-new_protection ins")) >= 2


def test_chinese_clause_edit_diffs_per_character():
    old = "第五条 数据保存\n\n我们将在三十日内删除您上传的照片。\n"
    new = "第五条 数据保存\n\n我们将在九十日内删除您上传的照片。\n"
    result = diff(old, new, lang="zh")
    edits = [c for c in result.changes if c.status != "unchanged"] + result.text.other
    words = [(w.op, w.text) for c in edits for w in c.words if w.op != "equal"]
    assert words == [("delete", "三"), ("insert", "九")]


def test_html_escapes_user_text():
    old = "We keep <b>your</b> photos for 30 days.\n"
    new = "We keep <script>alert(1)</script> photos for as long as we deem necessary.\n"
    html = render_diff(diff(old, new, lang="en"), "html")
    assert "<script" not in html and "<b>" not in html
    tree = LexborHTMLParser(html)
    assert tree.css("script") == [] and tree.css("main b") == []
    # The markup shows as text: the word diff without its deletions reads as the new clause.
    quote = tree.css_first("blockquote.word-diff")
    for node in quote.css("del"):
        node.decompose()
    assert quote.text() == new.strip()


def test_unknown_format():
    with pytest.raises(ValueError, match="unknown format"):
        render_diff(diff("a b c", "a b d", lang="en"), "pdf")
