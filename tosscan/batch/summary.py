"""The corpus-level view of a results file: grade distribution, categories most often flagged, failures.

Built by streaming the whole results file once after the run, so a resumed run summarises every document, not
only those scanned this time. Counts are documents (a policy with five retention risks counts once).
"""
from __future__ import annotations

import csv
import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from rich.console import Group
from rich.table import Table

GRADES = ("A", "B", "C", "D", "E")
KINDS = ("risk", "gap", "protection")
_MIN_WIDTH = 60


@dataclass
class Summary:
    reports: int = 0
    grades: Counter = field(default_factory=Counter)
    categories: dict[str, Counter] = field(default_factory=lambda: {kind: Counter() for kind in KINDS})
    errors: Counter = field(default_factory=Counter)
    unreadable_lines: int = 0

    @property
    def documents(self) -> int:
        return self.reports + sum(self.errors.values())

    def add(self, record: dict) -> None:
        error = record.get("error")
        if isinstance(error, dict):
            self.errors[str(error.get("code", "error"))] += 1
            return
        self.reports += 1
        self.grades[record.get("grade", "?")] += 1
        for category, counts in (record.get("summary") or {}).items():
            for kind in KINDS:
                if counts.get(kind):
                    self.categories[kind][category] += 1

    def rows(self) -> list[tuple[str, str, int, float]]:
        """(section, key, documents, share): share of scanned reports, or of all documents for errors."""
        def share(n: int, of: int) -> float:
            return round(n / of, 4) if of else 0.0

        out = [("total", "documents", self.documents, 1.0 if self.documents else 0.0),
               ("total", "reports", self.reports, share(self.reports, self.documents)),
               ("total", "errors", sum(self.errors.values()), share(sum(self.errors.values()), self.documents))]
        grades = [g for g in GRADES if self.grades[g]] + sorted(g for g in self.grades if g not in GRADES)
        out += [("grade", g, self.grades[g], share(self.grades[g], self.reports)) for g in grades]
        for kind in KINDS:
            out += [(kind, cat, n, share(n, self.reports)) for cat, n in self.categories[kind].most_common()]
        out += [("error", code, n, share(n, self.documents)) for code, n in self.errors.most_common()]
        return out


def summarize_file(path: Path) -> Summary:
    summary = Summary()
    if not path.exists():
        return summary
    with path.open("rb") as fh:
        for line in fh:
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except (UnicodeDecodeError, json.JSONDecodeError):
                summary.unreadable_lines += 1
                continue
            if isinstance(record, dict):
                summary.add(record)
            else:
                summary.unreadable_lines += 1
    return summary


def write_csv(summary: Summary, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(("section", "key", "documents", "share"))
        writer.writerows(summary.rows())


def _pct(n: int, of: int) -> str:
    return f"{100 * n / of:.1f}%" if of else "-"


def summary_tables(summary: Summary, top: int = 10) -> Group:
    """Rich tables for the terminal: grades, the `top` categories by documents flagged, errors."""
    # min_width: a title wider than a narrow table would wrap mid-word.
    grades = Table(title=f"{summary.reports:,} reports, {sum(summary.errors.values()):,} failed documents",
                   min_width=_MIN_WIDTH)
    grades.add_column("grade")
    grades.add_column("documents", justify="right")
    grades.add_column("share", justify="right")
    for g in GRADES:
        grades.add_row(g, f"{summary.grades[g]:,}", _pct(summary.grades[g], summary.reports))

    risk, gap, protection = (summary.categories[k] for k in KINDS)
    ranked = sorted(set(risk) | set(gap), key=lambda c: (-(risk[c] + gap[c]), c))[:top]
    categories = Table(title=f"Most frequent risks and gaps (documents, top {top})", min_width=_MIN_WIDTH)
    categories.add_column("category")
    for kind in KINDS:
        categories.add_column(f"{kind} docs", justify="right")
    for cat in ranked:
        categories.add_row(cat, *(f"{summary.categories[k][cat]:,} ({_pct(summary.categories[k][cat], summary.reports)})"
                                  for k in KINDS))
    parts = [grades, categories]
    if summary.errors:
        errors = Table(title="Failed documents by error", min_width=_MIN_WIDTH)
        errors.add_column("error")
        errors.add_column("documents", justify="right")
        for code, n in summary.errors.most_common():
            errors.add_row(code, f"{n:,}")
        parts.append(errors)
    return Group(*parts)
