"""The Chinese rule pack: coverage of the taxonomy, the Miaoya story, gap rules, and a real scan of Doubao (豆包)."""
from __future__ import annotations

import re

import pytest

from tosscan import scan
from tosscan.report import render
from tosscan.rules.loader import bundled_ruleset
from tosscan.taxonomy import CATEGORY_IDS

CJK = re.compile(r"[\u4e00-\u9fff]")
ZH_RULES = bundled_ruleset().for_language("zh")

MIAOYA_ORIGINAL = "您同意本公司有权以任何形式、任何媒体或技术使用您上传的内容。"
MIAOYA_REVISED = "照片仅用于生成数字分身，生成后立即删除。"


def test_every_category_has_a_chinese_rule():
    covered = {r.category for r in ZH_RULES if r.kind != "gap"}
    assert sorted(set(CATEGORY_IDS) - covered) == []


def test_chinese_rules_speak_chinese_and_cite_chinese_law():
    for rule in ZH_RULES:
        for text in (rule.title, rule.explanation) + ((rule.fair_alternative,) if rule.kind != "protection" else ()):
            assert CJK.search(text), f"{rule.id}: {text!r} is not Chinese"
        assert rule.references, f"{rule.id} has no references"
        assert all(CJK.search(ref) for ref in rule.references), rule.id


def test_the_chinese_gap_rules_exist():
    gaps = {r.category for r in ZH_RULES if r.kind == "gap"}
    assert {"data-retention", "data-deletion", "model-training", "biometric-data"} <= gaps


def test_miaoya_original_clause_is_a_critical_content_license_risk():
    report = scan(MIAOYA_ORIGINAL)
    assert report.language == "zh"
    risks = [f for f in report.findings if f.kind == "risk"]
    assert [(f.category, f.severity) for f in risks] == [("content-license", "critical")]
    assert report.grade in ("D", "E")


def test_miaoya_revised_promise_is_a_protection_not_a_risk():
    report = scan(MIAOYA_REVISED)
    kinds = {(f.category, f.kind) for f in report.findings if f.start is not None}
    assert ("content-license", "protection") in kinds and ("data-retention", "protection") in kinds
    assert not any(f.kind == "risk" for f in report.findings)


SILENT_AI_APP = ("欢迎使用妙鸭相机。上传一张自拍，AI即可为你生成专属写真。为提供服务，我们会收集您的手机号码和设备信息等个人信息。"
                 "我们会与关联公司共享您的个人信息。")


def gaps_of(text: str) -> set[str]:
    """The gap rules' own verdict: scan() leaves gaps out of a text this short (an excerpt, see test_excerpts)."""
    from tosscan.engine import run_rules
    from tosscan.scanner import default_scanner

    return {f.category for f in run_rules(default_scanner().compiled("zh"), text) if f.kind == "gap"}


def test_gap_rules_fire_on_a_silent_ai_photo_app():
    assert gaps_of(SILENT_AI_APP) == {"data-retention", "data-deletion", "model-training", "biometric-data"}


def test_gap_rules_stay_quiet_when_the_document_addresses_them():
    text = SILENT_AI_APP + ("我们不会将您上传的照片用于模型训练。处理人脸信息前，我们会征得您的单独同意，处理完成后立即删除。"
                            "您的个人信息的保存期限为注销后十五日。您可以在“设置-账号与安全”中注销账号。")
    assert gaps_of(text) == set()


def test_negations_and_limited_uses_are_not_risks():
    for text in ("我们不会将您的照片用于模型训练。", "我们不会与任何第三方共享您的个人信息。", "目前，我们不会将上述信息传输至境外。",
                 "我们不会永久保存您的照片。", "您上传的照片仅用于生成写真，我们不会以任何方式将其用于其他目的。"):
        assert not any(f.kind == "risk" for f in scan(text).findings), text


def test_zh_text_report_has_no_english_fixed_strings():
    out = render(scan(MIAOYA_ORIGINAL), "text")
    for fixed in ("评级 D", "分类汇总", "类别", "风险", "公平的条款应当怎么写：", "内容授权"):
        assert fixed in out
    without_rule_ids = re.sub(r"\bzh-[a-z0-9-]+", "", out)
    assert not re.search(r"\b(?:grade|risk|gap|protection|Category|Summary)\b", without_rule_ids)


def test_zh_html_and_markdown_reports_use_chinese_headings():
    report = scan(MIAOYA_ORIGINAL)
    html = render(report, "html")
    assert 'lang="zh-CN"' in html and "这份文件从你这里拿走了什么" in html and "为什么重要" in html
    assert "严重" in html and "内容授权" in html
    markdown = render(report, "markdown")
    assert "## 风险" in markdown and "## 承诺的保护" in markdown


@pytest.fixture(scope="module")
def doubao(corpora):
    folder = corpora / "open_terms_archive" / "genai-contrib-versions" / "Doubao"
    from tosscan.ingest import from_path

    return {name: scan(from_path(folder / f"{name}.md")) for name in ("Terms of Service", "Privacy Policy")}


def rules_of(report, kind=None):
    return {f.rule for f in report.findings if kind is None or f.kind == kind}


def test_doubao_terms_of_service(doubao):
    report = doubao["Terms of Service"]
    assert report.language == "zh"
    risks = rules_of(report, "risk")
    # 9.2: free, worldwide, transferable, sublicensable licence to your content, "e.g. for model service optimisation".
    assert {"zh-content-license-broad-grant", "zh-model-training-uses-content"} <= risks
    assert {"zh-limitation-of-liability-cap", "zh-jurisdiction-provider-court", "zh-unilateral-change-terms",
            "zh-indemnification-user-pays", "zh-contract-by-using", "zh-minors-deemed-consent"} <= risks
    # 9.1: the company does not claim ownership of outputs.
    assert "zh-output-ownership-user-owns" in rules_of(report, "protection")
    # 2.11 licenses the app to the user; no "any media" clause exists.
    assert "zh-content-license-any-media" not in risks and "zh-content-license-perpetual-irrevocable" not in risks
    assert report.grade in ("D", "E")


def test_doubao_privacy_policy(doubao):
    report = doubao["Privacy Policy"]
    assert report.language == "zh"
    assert {"zh-model-training-uses-content", "zh-device-metadata-location", "zh-third-party-sharing-merger"} \
        <= rules_of(report, "risk")
    protections = rules_of(report, "protection")
    # 1.10 opt-out of training, 1.3 no biometric extraction, 4.1 stored in China, 6.3 account deletion, 7 minors.
    assert {"zh-model-training-opt-out-or-not-used", "zh-biometric-data-limited", "zh-cross-border-transfer-limited",
            "zh-data-deletion-right", "zh-minors-parental-consent", "zh-tracking-advertising-opt-out"} <= protections
    assert rules_of(report, "gap") == set()
    assert "zh-cross-border-transfer-abroad" not in rules_of(report)
    # Findings quote the document exactly.
    for f in report.findings:
        if f.start is not None:
            assert report.text[f.start:f.end] == f.text


def test_chinese_pipeline_segments_characters_without_a_model():
    from tosscan.nlp import get_nlp

    nlp = get_nlp("zh")
    assert nlp.tokenizer.segmenter == "char" and nlp.pipe_names == []
    # A phrase matches wherever its characters stand, whatever word boundaries a segmenter would draw.
    report = scan("您授予我们一项永久的、不可撤销的许可，以使用您上传的照片。")
    assert "zh-content-license-perpetual-irrevocable" in {f.rule for f in report.findings}
