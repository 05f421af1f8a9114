"""Precision / recall / F1 per category, and the result shape every evaluation dataset returns."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def support(self) -> int:
        return self.tp + self.fn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class ErrorExample:
    kind: str  # "fp" (predicted, not gold) or "fn" (gold, not predicted)
    category: str
    text: str
    where: str = ""  # document / line, for the rule author to find it


@dataclass
class EvalResult:
    dataset: str
    description: str
    per_category: dict[str, Counts] = field(default_factory=dict)
    summary: dict[str, float] = field(default_factory=dict)  # e.g. macro_f1, unrelated_finding_rate
    targets: dict[str, str] = field(default_factory=dict)  # summary key -> target, e.g. ">= 0.80"
    notes: list[str] = field(default_factory=list)
    errors: list[ErrorExample] = field(default_factory=list)

    def counts(self, category: str) -> Counts:
        return self.per_category.setdefault(category, Counts())

    def macro_f1(self, categories: list[str] | None = None) -> float:
        cats = categories or list(self.per_category)
        return sum(self.per_category[c].f1 for c in cats) / len(cats) if cats else 0.0

    def to_dict(self) -> dict:
        return {
            "dataset": self.dataset,
            "description": self.description,
            "per_category": {c: {"tp": k.tp, "fp": k.fp, "fn": k.fn, "support": k.support,
                                 "precision": round(k.precision, 4), "recall": round(k.recall, 4),
                                 "f1": round(k.f1, 4)} for c, k in self.per_category.items()},
            "summary": {k: round(v, 4) for k, v in self.summary.items()},
            "targets": self.targets,
            "notes": self.notes,
        }


def score_sets(result: EvalResult, gold: set[str], predicted: set[str], categories: list[str], text: str,
               where: str, keep_errors: int) -> None:
    """Add one labelled unit (a sentence, a quote, a segment) to the per-category counts."""
    for cat in categories:
        g, p = cat in gold, cat in predicted
        counts = result.counts(cat)
        if g and p:
            counts.tp += 1
        elif p:
            counts.fp += 1
        elif g:
            counts.fn += 1
        if g != p and len(result.errors) < keep_errors:
            result.errors.append(ErrorExample("fn" if g else "fp", cat, text, where))
