"""Gaps say what a whole policy leaves out; a pasted clause or two is an excerpt, so its report leaves gaps out."""
from __future__ import annotations

from tosscan import scan

CLAUSE = "We keep the photos you upload on our servers and use them to improve our face filters."
# The same app's policy at the length of a real one: it still never says how long, how to delete, or about training.
POLICY = " ".join([CLAUSE] + [f"Section {i}. We provide the app to users who create an account and follow these rules."
                              for i in range(12)])


def test_a_pasted_clause_gets_no_gaps_and_says_why():
    report = scan(CLAUSE, lang="en")
    assert not [f for f in report.findings if f.kind == "gap"]
    assert "excerpt of 17 words" in report.grade_explanation
    assert all(s.gap == 0 for s in report.summary.values())


def test_a_whole_policy_gets_its_gaps():
    report = scan(POLICY, lang="en")
    assert {f.category for f in report.findings if f.kind == "gap"} >= {"data-retention", "data-deletion"}
    assert "excerpt" not in report.grade_explanation


def test_chinese_excerpts_count_characters():
    report = scan("我们会收集您上传的自拍照片，用于生成写真。", lang="zh")
    assert not [f for f in report.findings if f.kind == "gap"] and "节选" in report.grade_explanation
