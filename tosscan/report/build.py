"""Findings -> Report: per-category summary, grade and the document it indexes."""
from __future__ import annotations

from ..grading import grade
from ..i18n import t
from ..lang import CJK
from ..models import CategorySummary, Document, DocumentInfo, Finding, Report
from ..taxonomy import CATEGORY_IDS

# A gap says what a whole policy leaves out. A pasted clause or two is not a policy: "the document never says how
# long it keeps your data" would be true of the excerpt and mislead about the terms. Below this many words (Chinese:
# characters) gaps are not assessed.
EXCERPT_WORDS = {"en": 150, "zh": 300}


def excerpt_size(text: str, language: str) -> int | None:
    """The text's size in words (English) or CJK characters (Chinese) when it is too short to be a whole policy,
    else None."""
    limit = EXCERPT_WORDS.get(language, 0)
    if language == "zh":
        size = len(CJK.findall(text[:limit * 4]))
    else:
        size = len(text[:limit * 20].split())
    return size if size < limit else None


def build_report(document: Document, language: str, findings: list[Finding], excerpt: int | None = None) -> Report:
    """`excerpt`: the size of a text too short to be a whole policy (excerpt_size): its gaps are left out."""
    if excerpt is not None:
        findings = [f for f in findings if f.kind != "gap"]
    summary = {cid: CategorySummary() for cid in CATEGORY_IDS}
    for f in findings:
        entry = summary.setdefault(f.category, CategorySummary())
        setattr(entry, f.kind, getattr(entry, f.kind) + 1)
    result = grade(findings, language)
    return Report(
        language=language,
        grade=result.grade,
        score=result.score,
        grade_explanation=result.explanation + ("" if excerpt is None else t(language, "excerpt_no_gaps", n=excerpt)),
        grade_reasons=result.reasons,
        document=DocumentInfo(source=document.source, chars=len(document.text), text=document.text,
                              format=document.format, repaired=document.repaired),
        summary=summary,
        findings=findings,
    )
