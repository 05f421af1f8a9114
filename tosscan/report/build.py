"""Findings -> Report: per-category summary, grade and the document it indexes."""
from __future__ import annotations

from ..grading import grade
from ..models import CategorySummary, Document, DocumentInfo, Finding, Report
from ..taxonomy import CATEGORY_IDS


def build_report(document: Document, language: str, findings: list[Finding]) -> Report:
    summary = {cid: CategorySummary() for cid in CATEGORY_IDS}
    for f in findings:
        entry = summary.setdefault(f.category, CategorySummary())
        setattr(entry, f.kind, getattr(entry, f.kind) + 1)
    result = grade(findings, language)
    return Report(
        language=language,
        grade=result.grade,
        score=result.score,
        grade_explanation=result.explanation,
        grade_reasons=result.reasons,
        document=DocumentInfo(source=document.source, chars=len(document.text), text=document.text,
                              format=document.format, repaired=document.repaired),
        summary=summary,
        findings=findings,
    )
