"""The scanner end to end through the Python API."""
from __future__ import annotations

from tosscan import scan
from tosscan.lang import detect_language

MIAOYA = "The company may use the content you upload in any form, in any media or technology."
REVISED = ("The photos you upload are solely used to create your digital clone and are deleted "
           "immediately after it is generated.")


def test_miaoya_clause_is_critical_content_license():
    report = scan(MIAOYA)
    risks = [f for f in report.findings if f.kind == "risk" and f.category == "content-license"]
    assert risks and risks[0].severity == "critical"
    assert report.grade in ("D", "E")


def test_revised_clause_is_not_a_broad_license():
    report = scan(REVISED)
    assert not [f for f in report.findings if f.category == "content-license" and f.kind == "risk"]


def test_offsets_index_the_document_text():
    text = "Intro line.\n\n" + MIAOYA + " We may retain your photos indefinitely.\n"
    report = scan(text)
    assert report.document.text == text
    assert report.findings
    for f in report.findings:
        if f.start is not None:
            assert text[f.start:f.end] == f.text
            for ev in f.evidence:
                assert text[ev.start:ev.end] == ev.text
                assert f.start <= ev.start <= ev.end <= f.end


def test_negation_turns_risk_into_protection():
    report = scan("We do not use your photos to train our models.")
    kinds = {(f.category, f.kind) for f in report.findings}
    assert ("model-training", "protection") in kinds
    assert ("model-training", "risk") not in kinds


def test_report_json_contract():
    data = scan(MIAOYA).to_dict()
    assert data["schema"] == "tosscan.report/1"
    assert set(data) >= {"schema", "language", "grade", "score", "document", "summary", "findings"}
    assert set(data["document"]) >= {"source", "chars", "text"}
    finding = data["findings"][0]
    assert set(finding) >= {"rule", "category", "kind", "severity", "title", "explanation", "start", "end", "text",
                            "evidence"}
    assert data["summary"]["content-license"]["risk"] == 1


def test_language_detection():
    assert detect_language("We use your data. 腾讯 is our parent company.") == "en"
    assert detect_language("您同意本公司有权以任何形式使用您上传的内容，包括 ChatGPT 和 API。") == "zh"


def test_vocabulary_growth_is_bounded():
    from tosscan.scanner import Scanner

    scanner = Scanner()
    first = scanner.compiled("en")
    scanner.vocab_limit = len(first.nlp.vocab.strings) + 50
    words = " ".join(f"zqx{i}word" for i in range(200))  # 200 words the vocabulary has never seen
    report = scanner.scan("The company may use the content you upload in any form, in any media. " + words, "en")
    assert any(f.category == "content-license" for f in report.findings)
    renewed = scanner.compiled("en")
    assert renewed is not first
    assert "zqx5word" not in renewed.nlp.vocab.strings


def test_lemma_terms_match_regular_plurals_the_lookup_table_lacks():
    # spaCy's table has no "selfies" and files "cookies" under "cooky"; rules say `lemma: selfie` / `lemma: cookie`.
    from tosscan.nlp import word_forms
    assert {"selfie", "selfies"} <= word_forms("en", "selfie")
    assert "cookies" in word_forms("en", "cookie") and "policies" in word_forms("en", "policy")
    rules = {f.rule for f in scan("We use your selfies to train our models.", lang="en").findings}
    assert "en-model-training-face-or-voice-data" in rules
