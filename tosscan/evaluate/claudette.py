"""CLAUDETTE (Lippi et al. 2019; multilingual release, Galassi et al. 2024): unfair-clause labels per sentence.

Unit: one sentence (one line of sentences/en/original/<Company>.txt, tags on the same line of tags/...).
Gold: the categories tagged at level 2 (potentially unfair) or 3 (clearly unfair); level 1 (fair) counts as negative.
Predicted: the categories of the `risk` findings when the sentence is scanned on its own.
"""
from __future__ import annotations

from pathlib import Path

from . import Dataset, pick_half
from .metrics import EvalResult, score_sets
from .predict import categories_for

TAG_TO_CATEGORY = {
    "a": "arbitration", "ch": "unilateral-change", "cr": "content-removal", "j": "jurisdiction",
    "law": "choice-of-law", "ltd": "limitation-of-liability", "ter": "unilateral-termination",
    "use": "contract-by-using",
}
CATEGORIES = list(TAG_TO_CATEGORY.values())
ROOT = Path("claudette_multilingual_50tos") / "corpus"


def gold_categories(tag_line: str) -> set[str]:
    gold = set()
    for tag in tag_line.split():
        name, level = tag[:-1], tag[-1:]
        if name in TAG_TO_CATEGORY and level in ("2", "3"):
            gold.add(TAG_TO_CATEGORY[name])
    return gold


def documents(corpora: Path, half: str | None = None) -> list[str]:
    listing = corpora / ROOT / "DEV_LIST.txt"
    names = [line.strip() for line in listing.read_text(encoding="utf-8").splitlines() if line.strip()]
    return pick_half(names, half)


def run(corpora: Path, scanner, keep_errors: int = 0, half: str | None = None) -> EvalResult:
    result = EvalResult("claudette", "CLAUDETTE dev ToS, sentence level, gold = unfair (level 2/3)")
    for cat in CATEGORIES:
        result.counts(cat)
    sentences = 0
    companies = documents(corpora, half=half)
    for company in companies:
        lines = (corpora / ROOT / "sentences" / "en" / "original" / f"{company}.txt").read_text(
            encoding="utf-8").splitlines()
        tags = (corpora / ROOT / "tags" / "en" / "original" / f"{company}.txt").read_text(
            encoding="utf-8").splitlines()
        if len(lines) != len(tags):
            raise ValueError(f"{company}: {len(lines)} sentences but {len(tags)} tag lines")
        for number, (line, tag_line) in enumerate(zip(lines, tags), start=1):
            if not line.strip():
                continue
            sentences += 1
            predicted = categories_for(scanner, line, "en", kinds=("risk",))
            score_sets(result, gold_categories(tag_line), predicted, CATEGORIES, line, f"{company}:{number}",
                       keep_errors)
    result.summary["macro_f1"] = result.macro_f1(CATEGORIES)
    result.targets["macro_f1"] = ">= 0.80"
    result.notes.append(f"{sentences} sentences in {len(companies)} documents"
                        + (f" ({half} half: {', '.join(companies)})" if half else ""))
    return result


DATASET = Dataset("claudette", "CLAUDETTE unfair ToS clauses (8 categories, sentence level)", run)
