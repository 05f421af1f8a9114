"""The grade formula documented in tosscan/grading.py and the README."""
from __future__ import annotations

from tosscan.grading import grade
from tosscan.models import Finding


def finding(rule, category, kind="risk", severity="high"):
    return Finding(rule=rule, category=category, kind=kind, severity=severity if kind != "protection" else "info",
                   title="t", explanation="e")


def test_no_findings_is_a_perfect_a():
    result = grade([])
    assert (result.grade, result.score) == ("A", 100)


def test_severity_points_and_repeats_of_one_rule_count_once():
    one = grade([finding("r1", "arbitration")])
    assert one.score == round(100 - 0.8 * 12)
    repeated = grade([finding("r1", "arbitration")] * 5)
    assert repeated.score == one.score


def test_further_rules_in_a_category_count_a_quarter():
    result = grade([finding("r1", "model-training", severity="high"), finding("r2", "model-training", severity="medium")])
    assert result.score == round(100 - (12 + 0.25 * 6))


def test_gaps_count_less_than_risks_and_protections_add_back():
    assert grade([finding("g", "data-retention", kind="gap", severity="high")]).score == round(100 - 12 * 0.8)
    with_protection = grade([finding("r", "data-retention"), finding("p", "data-retention", kind="protection")])
    assert with_protection.score == 100 - 12 + 3


def test_critical_risk_caps_at_d_and_says_so_only_when_it_lowers_the_grade():
    capped = grade([finding("c", "content-license", severity="critical")])
    assert capped.score == 75 and capped.grade == "D"
    assert "caps" in capped.explanation
    many = [finding(f"r{i}", cat, severity="critical") for i, cat in
            enumerate(["content-license", "model-training", "biometric-data", "likeness-use"])]
    low = grade(many)
    assert low.grade == "E" and "caps" not in low.explanation


def test_a_high_risk_caps_at_b_so_a_means_no_serious_taking():
    one_high = grade([finding("h", "data-retention")])
    assert one_high.score == 88 and one_high.grade == "B" and "caps the grade at B" in one_high.explanation
    medium = grade([finding("m", "data-retention", severity="medium")])
    assert medium.grade == "A" and "caps" not in medium.explanation
    # The cap only ever lowers: a document already below B keeps its grade, and says nothing of a cap.
    many_high = grade([finding(f"r{i}", cat) for i, cat in
                       enumerate(["data-retention", "model-training", "biometric-data", "third-party-sharing"])])
    assert many_high.grade == "C" and "caps" not in many_high.explanation
    assert "评级最高为 B" in grade([finding("h", "data-retention")], lang="zh").explanation


def test_explanation_follows_the_language():
    result = grade([finding("c", "content-license", severity="critical")], lang="zh")
    assert result.explanation.startswith("评级 D") and "内容授权" in result.explanation


def test_the_explanation_counts_in_singular_and_plural():
    one = grade([finding("g1", "data-retention", kind="gap", severity="medium"), finding("p1", "data-deletion", "protection")])
    assert "1 important topic is not addressed" in one.explanation
    assert "1 protective clause counts" in one.explanation
    two = grade([finding("g1", "data-retention", kind="gap", severity="medium"),
                 finding("g2", "data-deletion", kind="gap", severity="medium")])
    assert "2 important topics are not addressed" in two.explanation
