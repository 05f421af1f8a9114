"""The evaluation harness itself, on tiny corpora written by the tests (no shared corpus needed)."""
from __future__ import annotations

from tosscan.evaluate import claudette, datasets, tosdr
from tosscan.evaluate.metrics import Counts, EvalResult, score_sets


def test_counts_and_f1():
    c = Counts(tp=8, fp=2, fn=8)
    assert c.precision == 0.8 and c.recall == 0.5 and abs(c.f1 - 2 * 0.8 * 0.5 / 1.3) < 1e-9
    assert Counts().f1 == 0.0


def test_score_sets_counts_each_category():
    result = EvalResult("x", "x")
    score_sets(result, {"arbitration"}, {"arbitration", "jurisdiction"}, ["arbitration", "jurisdiction"], "t", "w", 5)
    score_sets(result, {"jurisdiction"}, set(), ["arbitration", "jurisdiction"], "t", "w", 5)
    assert (result.counts("arbitration").tp, result.counts("jurisdiction").fp, result.counts("jurisdiction").fn) == (1, 1, 1)
    assert [e.kind for e in result.errors] == ["fp", "fn"]


def test_claudette_gold_levels():
    assert claudette.gold_categories("a2 ltd1 law3") == {"arbitration", "choice-of-law"}
    assert claudette.gold_categories("") == set()


def test_claudette_on_a_tiny_corpus(tmp_path, scanner):
    root = tmp_path / claudette.ROOT
    (root / "sentences" / "en" / "original").mkdir(parents=True)
    (root / "tags" / "en" / "original").mkdir(parents=True)
    (root / "DEV_LIST.txt").write_text("Acme\n")
    (root / "sentences" / "en" / "original" / "Acme.txt").write_text(
        "You may use the app.\nThe company may use the content you upload in any form, in any media.\n")
    (root / "tags" / "en" / "original" / "Acme.txt").write_text("\na2\n")
    result = claudette.run(tmp_path, scanner, keep_errors=10)
    assert result.counts("arbitration").fn == 1
    assert result.summary["macro_f1"] == 0.0
    assert result.notes == ["2 sentences in 1 documents"]


def test_tosdr_quote_cleaning_and_scoring(tmp_path, scanner):
    assert tosdr.clean_quote("<li>We &amp; you</li>") == "We & you"
    path = tmp_path / tosdr.PATH
    path.parent.mkdir(parents=True)
    path.write_text(
        "id,services,case,case_point,case_score,title,quoteDoc,quoteText,topics,irrelevant,needModeration\n"
        '1,acme,The service can distribute your content through any media known now or in the future,bad,50,t,ToS,'
        '"We may publish your photos in any media now known or later developed.",,,\n'
        "2,acme,Spidering or crawling is not allowed,neutral,0,t,ToS,You may not crawl the site.,,,\n")
    result = tosdr.run(tmp_path, scanner)
    assert result.counts("content-license").tp == 1
    assert result.summary["unrelated_finding_rate"] == 0.0


def test_datasets_are_discovered():
    assert {"claudette", "tosdr"} <= set(datasets())
