"""The diff core on hand-made reports: clause alignment, finding matching, classification, text summary.

Findings are placed by hand so these tests pin the diff logic whatever the bundled rules detect.
"""
from __future__ import annotations

import pytest

from tosscan.diff.clauses import align
from tosscan.diff.core import added_risks, diff_reports
from tosscan.diff.words import similarity, tokens, word_ops
from tosscan.models import SEVERITY_ORDER, Document, Finding
from tosscan.report import build_report
from tosscan.segment import segment


def finding(text: str, quote: str, rule: str, category: str, kind: str = "risk", severity: str = "high") -> Finding:
    """A finding on the first occurrence of `quote` in `text` (a gap when quote is empty)."""
    if kind == "protection":
        severity = "info"
    if not quote:
        return Finding(rule=rule, category=category, kind=kind, severity=severity, title=rule,
                       explanation="explanation of the rule")
    start = text.index(quote)
    return Finding(rule=rule, category=category, kind=kind, severity=severity, title=rule,
                   explanation="explanation of the rule", start=start, end=start + len(quote), text=quote)


def report(text: str, *specs: tuple):
    return build_report(Document(text=text), "en", [finding(text, *spec) for spec in specs])


def by_status(result) -> dict[str, list]:
    out: dict[str, list] = {}
    for c in result.changes:
        out.setdefault(c.status, []).append(c)
    return out


# --- words -------------------------------------------------------------------------------------------------------

def test_tokens_cover_every_character_and_split_cjk_per_character():
    text = "We keep  your photos.\n我们保存您的照片。"
    assert "".join(tokens(text)) == text
    assert tokens("保存照片") == ["保", "存", "照", "片"]
    assert tokens("don't") == ["don", "'", "t"]


def test_word_ops_rebuild_both_versions():
    old = "We may keep your photos for 30 days after you delete them."
    new = "We will keep your photos for 90 days, then delete them."
    ops = word_ops(old, new)
    assert "".join(t for op, t in ops if op != "delete") == new
    assert "".join(t for op, t in ops if op != "insert") == old
    assert ("delete", "30") in ops and ("insert", "90") in ops
    assert ops[0] == ("equal", "We ")


def test_word_ops_ignore_rewrapping():
    assert word_ops("We keep\nyour photos.", "We keep your   photos.") == [("equal", "We keep your   photos.")]


def test_chinese_word_diff_is_per_character():
    ops = word_ops("我们可以以任何形式使用您上传的内容。", "您上传的内容仅用于生成数字分身。")
    assert ("equal", "您上传的内容") in ops
    assert ("insert", "仅用于生成数字分身") in ops


def test_similarity():
    assert similarity("a b c d", "a b x d") == pytest.approx(0.75)
    assert similarity("", "") == 1.0
    assert similarity("We keep your photos.", "Completely different words here!") < 0.2


# --- clause alignment --------------------------------------------------------------------------------------------

def test_alignment_reorder_is_moved_not_edited():
    old = "# A\n\nFirst clause about photos.\n\n# B\n\nSecond clause about voices.\n"
    new = "# B\n\nSecond clause about voices.\n\n# A\n\nFirst clause about photos.\n"
    pairs = align(segment(old), segment(new)).pairs
    statuses = sorted(p.status for p in pairs)
    assert "edited" not in statuses and "added" not in statuses and "removed" not in statuses
    assert statuses.count("moved") == 2 and statuses.count("unchanged") == 2


def test_alignment_edit_add_remove():
    old = "We keep your photos for 30 days.\n\nYou may contact us by email.\n\nCookies are used for analytics.\n"
    new = ("We keep your photos for 90 days.\n\nCookies are used for analytics.\n\n"
           "A brand new paragraph about something else entirely.\n")
    alignment = align(segment(old), segment(new))
    got = {(p.status, p.old, p.new) for p in alignment.pairs}
    assert got == {("edited", 0, 0), ("removed", 1, None), ("unchanged", 2, 1), ("added", None, 2)}


# --- classification ----------------------------------------------------------------------------------------------

def test_every_status():
    old_text = ("We may sell your data to advertisers.\n\n"
                "We keep your photos for as long as we like.\n\n"
                "You can delete your account at any time.\n\n"
                "Disputes go to the courts of Delaware.\n\n"
                "We do not train models on your photos.\n")
    new_text = ("We may sell your data to advertisers.\n\n"
                "We keep your photos indefinitely.\n\n"
                "Disputes are resolved by binding arbitration.\n\n"
                "We do not train models on your photos, except anonymised copies.\n\n"
                "We delete your photos within 24 hours.\n")
    old = report(old_text,
                 ("sell your data", "r-sale", "third-party-sharing"),
                 ("for as long as we like", "r-retain-long", "data-retention", "risk", "medium"),
                 ("You can delete your account at any time.", "p-delete", "data-deletion", "protection"),
                 ("courts of Delaware", "r-venue", "jurisdiction", "risk", "medium"),
                 ("We do not train models on your photos", "p-no-train", "model-training", "protection"),
                 ("", "g-retention-period", "data-retention", "gap", "medium"))
    new = report(new_text,
                 ("sell your data", "r-sale", "third-party-sharing"),
                 ("indefinitely", "r-retain-forever", "data-retention", "risk", "high"),
                 ("binding arbitration", "r-arbitration", "arbitration", "risk", "high"),
                 ("We do not train models on your photos, except anonymised copies", "p-no-train", "model-training",
                  "protection"),
                 ("We delete your photos within 24 hours.", "p-retention-period", "data-retention", "protection"),
                 ("", "g-deletion-right", "data-deletion", "gap", "medium"))
    result = diff_reports(old, new)
    s = by_status(result)
    assert [c.rule for c in s["unchanged"]] == ["r-sale"]
    assert [c.rule for c in s["new_risk"]] == ["r-arbitration"]
    assert [c.rule for c in s["removed_risk"]] == ["r-venue"]
    assert [c.rule for c in s["new_protection"]] == ["p-retention-period"]
    assert [c.rule for c in s["removed_protection"]] == ["p-delete"]
    assert [c.rule for c in s["gap_opened"]] == ["g-deletion-right"]
    assert [c.rule for c in s["gap_closed"]] == ["g-retention-period"]
    changed = {c.rule: c for c in s["changed"]}
    assert set(changed) == {"r-retain-forever", "p-no-train"}
    retain = changed["r-retain-forever"]  # another rule of the same category on the edited clause
    assert (retain.rule_before, retain.severity_before, retain.severity_after, retain.effect) == \
        ("r-retain-long", "medium", "high", "worse")
    assert ("delete", "for as long as we like") in [(w.op, w.text) for w in retain.words]
    assert ("insert", "indefinitely") in [(w.op, w.text) for w in retain.words]
    wording = changed["p-no-train"]
    assert wording.effect == "neutral" and ("insert", ", except anonymised copies") in \
        [(w.op, w.text) for w in wording.words]
    assert result.verdict == "mixed"
    assert result.counts["unchanged"] == 1 and result.counts["changed"] == 2
    # Takings come first, unchanged findings last.
    assert result.changes[0].effect == "worse" and result.changes[-1].status == "unchanged"
    # Excerpts index their own version's text.
    for c in result.changes:
        for excerpt, text in ((c.old, old_text), (c.new, new_text)):
            if excerpt:
                assert text[excerpt.start:excerpt.end] == excerpt.text
    # A new risk, and a risk whose severity rose, count for --fail-on; a removed protection does not.
    assert {c.rule for c in added_risks(result, SEVERITY_ORDER["high"])} == {"r-arbitration", "r-retain-forever"}
    assert {c.rule for c in added_risks(result, SEVERITY_ORDER["medium"])} == \
        {"r-arbitration", "r-retain-forever", "g-deletion-right"}
    assert added_risks(result, SEVERITY_ORDER["critical"]) == []


def test_repeated_rule_pairs_with_its_own_clause():
    old_text = ("Section one says we may sell your data to brokers.\n\n"
                "Unrelated paragraph about the weather in spring.\n\n"
                "Section three says we may sell your data to insurers.\n")
    new_text = ("Unrelated paragraph about the weather in spring.\n\n"
                "Section three says we may sell your data to insurers.\n")
    result = diff_reports(report(old_text, ("sell your data to brokers", "r-sale", "third-party-sharing"),
                                 ("sell your data to insurers", "r-sale", "third-party-sharing")),
                          report(new_text, ("sell your data to insurers", "r-sale", "third-party-sharing")))
    s = by_status(result)
    assert len(s["unchanged"]) == 1 and s["unchanged"][0].new.text.startswith("Section three")
    assert len(s["removed_risk"]) == 1 and s["removed_risk"][0].old.text.startswith("Section one")
    assert "new_risk" not in s and result.verdict == "better"


def test_different_rules_on_unrelated_clauses_do_not_pair():
    old_text = "We may keep your photos for as long as we like.\n"
    new_text = "Backups are stored indefinitely on tape in a vault.\n"
    result = diff_reports(report(old_text, ("for as long as we like", "r-a", "data-retention")),
                          report(new_text, ("indefinitely", "r-b", "data-retention")))
    assert sorted(c.status for c in result.changes) == ["new_risk", "removed_risk"]


def test_risk_turned_protection_is_not_a_change_of_wording():
    old_text = "We may use your photos to train our models.\n"
    new_text = "We do not use your photos to train our models.\n"
    result = diff_reports(report(old_text, (old_text.strip(), "r-train", "model-training")),
                          report(new_text, (new_text.strip(), "p-no-train", "model-training", "protection")))
    s = by_status(result)
    assert set(s) == {"removed_risk", "new_protection"}
    # The protection's clause is the edit of the old one: the word diff shows what was inserted.
    assert [(w.op, w.text) for w in s["new_protection"][0].words if w.op != "equal"] == \
        [("delete", "may"), ("insert", "do not")]
    assert result.verdict == "better"


def test_text_changes_outside_findings_are_summarised_once():
    old_text = ("We may sell your data to advertisers.\n\n"
                "Our office is in Paris.\n\n"
                "Call us on Mondays.\n\n"
                "This paragraph goes away.\n")
    new_text = ("Call us on Mondays.\n\n"
                "We may sell your data to advertisers and brokers.\n\n"
                "Our office is in Berlin.\n\n"
                "A new paragraph about our mascot.\n")
    result = diff_reports(report(old_text, ("sell your data to advertisers", "r-sale", "third-party-sharing")),
                          report(new_text, ("sell your data to advertisers and brokers", "r-sale",
                                            "third-party-sharing")))
    assert [c.status for c in result.changes] == ["changed"]
    text = result.text
    assert (text.clauses_before, text.clauses_after) == (4, 4)
    # The edited risk clause is shown by the finding change, so only the others are listed ("Call us" is the one
    # clause left in place, the anchor the others are compared to).
    assert sorted(c.status for c in text.other) == ["added", "edited", "removed"]
    assert text.unchanged == 1
    edited = next(c for c in text.other if c.status == "edited")
    assert [(w.op, w.text) for w in edited.words if w.op != "equal"] == [("delete", "Paris"), ("insert", "Berlin")]
    assert text.edited == 2 and text.added == 1 and text.removed == 1
    assert text.clauses_before == text.unchanged + text.moved + text.edited + text.removed
    assert text.clauses_after == text.unchanged + text.moved + text.edited + text.added


def test_identical_documents():
    text = "We may sell your data to advertisers.\n\nOur office is in Paris.\n"
    result = diff_reports(report(text, ("sell your data", "r-sale", "third-party-sharing")),
                          report(text, ("sell your data", "r-sale", "third-party-sharing")))
    assert result.verdict == "same" and [c.status for c in result.changes] == ["unchanged"]
    assert result.text.other == [] and result.text.unchanged == 2
    assert result.changes[0].words == []


def test_reports_without_their_text_are_refused():
    text = "We may sell your data to advertisers.\n"
    bare = report(text).model_copy(update={"document": report(text).document.model_copy(update={"text": None})})
    with pytest.raises(ValueError, match="document text"):
        diff_reports(bare, report(text))
