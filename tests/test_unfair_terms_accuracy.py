"""Accuracy floors of the English unfair-terms rules (arbitration ... contract-by-using) on the dev corpora.

The floors sit a little under the measured values so that a rule change that loses accuracy fails here, while
small shifts from other rule authors' work do not. Skips when ../shared/corpora is absent.
"""
from __future__ import annotations

import pytest

from tosscan.evaluate import HALVES, claudette, tosdr
from tosscan.evaluate.metrics import Counts

MINE = ("arbitration", "class-action-waiver", "unilateral-change", "content-removal", "jurisdiction/choice-of-law",
        "limitation-of-liability", "unilateral-termination", "indemnification")


@pytest.fixture(scope="module")
def halves(corpora, scanner):
    return {half: claudette.run(corpora, scanner, half=half) for half in HALVES}


def test_claudette_macro_f1_on_each_half_and_overall(halves):
    merged = {}
    for cat in claudette.CATEGORIES:
        parts = [halves[h].per_category[cat] for h in HALVES]
        merged[cat] = Counts(sum(p.tp for p in parts), sum(p.fp for p in parts), sum(p.fn for p in parts))
    overall = sum(c.f1 for c in merged.values()) / len(merged)
    assert overall >= 0.77, overall
    for half, result in halves.items():
        assert result.summary["macro_f1"] >= 0.75, (half, result.summary["macro_f1"])


def test_tosdr_recall_per_category_and_false_alarms(corpora, scanner):
    result = tosdr.run(corpora, scanner)
    for cat in MINE:
        assert result.per_category[cat].recall >= 0.85, (cat, result.per_category[cat].recall)
    assert result.summary["unrelated_finding_rate"] <= 0.05
