"""What changed between two versions of the terms: findings matched across versions and classified (new risk,
removed risk, changed, new / removed protection, gap opened / closed, unchanged), grades before and after, word
diffs of the changed clauses, and a summary of the text changes that touch no finding.

    from tosscan import diff
    result = diff(old_text, new_text)
    print(result.verdict, result.before.grade, "->", result.after.grade)
"""
from .core import added_risks, diff, diff_reports
from .models import DIFF_SCHEMA, ClauseChange, DiffReport, Excerpt, FindingChange, TextChanges, WordOp

__all__ = ["diff", "diff_reports", "added_risks", "DiffReport", "FindingChange", "ClauseChange", "TextChanges",
           "Excerpt", "WordOp", "DIFF_SCHEMA"]
