"""diff(old, new): scan both versions, align their clauses, match and classify findings, summarise the rest."""
from __future__ import annotations

from ..errors import LanguageMismatchError
from ..i18n import t
from ..models import SEVERITY_ORDER, Document, Finding, Report
from ..scanner import Scanner, default_scanner
from ..segment import Segmentation, segment
from .classify import adds_risk_at, classify
from .clauses import Alignment, align, clause_of
from .matching import FindingPair, Located, match_findings
from .models import (STATUSES, ClauseChange, DiffReport, Excerpt, FindingChange, TextChanges, VersionInfo,
                     WordOp)
from .words import word_ops

_KIND_ORDER = {"risk": 0, "gap": 1, "protection": 2}
_EFFECT_ORDER = {"worse": 0, "better": 1, "neutral": 2}


def diff(old: str | Document, new: str | Document, lang: str | None = None,
         scanner: Scanner | None = None) -> DiffReport:
    """Compare two versions of a terms of service or privacy policy (texts or ingested Documents)."""
    scanner = scanner or default_scanner()
    return diff_reports(scanner.scan(old, lang), scanner.scan(new, lang))


def diff_reports(before: Report, after: Report) -> DiffReport:
    """Compare two reports; each must include its document text (the default of scan())."""
    if before.document.text is None or after.document.text is None:
        raise ValueError("diff_reports needs reports that include their document text")
    if before.language != after.language:
        raise LanguageMismatchError(
            f"The old version reads as {t('en', f'lang_{before.language}')} and the new one as "
            f"{t('en', f'lang_{after.language}')}: a comparison needs two versions of one document in the "
            "same language. Scan each version on its own, or choose one language for both.")
    old_seg = segment(before.text, before.language)
    new_seg = segment(after.text, after.language)
    alignment = align(old_seg, new_seg)
    old_loc = [Located(f, clause_of(old_seg, f.start)) for f in before.findings]
    new_loc = [Located(f, clause_of(new_seg, f.start)) for f in after.findings]
    changes = [_change(p, old_seg, new_seg, alignment) for p in match_findings(old_loc, new_loc, alignment)]
    changes.sort(key=_display_order)
    shown_old = {c.old.start for c in changes if c.status != "unchanged" and c.old}
    shown_new = {c.new.start for c in changes if c.status != "unchanged" and c.new}
    counts = {status: 0 for status in STATUSES}
    for c in changes:
        counts[c.status] += 1
    return DiffReport(
        verdict=_verdict(changes),
        before=_version(before),
        after=_version(after),
        counts=counts,
        changes=changes,
        text=_text_changes(alignment, old_seg, new_seg, shown_old, shown_new),
    )


def added_risks(report: DiffReport, floor: int) -> list[FindingChange]:
    """Changes by which the new version takes more at or above severity rank `floor` (for --fail-on)."""
    return [c for c in report.changes if adds_risk_at(c.status, c.effect, c.severity_after, floor)]


def _version(report: Report) -> VersionInfo:
    return VersionInfo(source=report.document.source, language=report.language, chars=report.document.chars,
                       grade=report.grade, score=report.score, risks=len(report.by_kind("risk")),
                       protections=len(report.by_kind("protection")), gaps=len(report.by_kind("gap")))


def _excerpt(seg: Segmentation, clause: int, finding: Finding | None) -> Excerpt:
    span = seg.clauses[clause]
    return Excerpt(start=span.start, end=span.end, text=seg.slice(span),
                   finding_start=finding.start if finding else None, finding_end=finding.end if finding else None)


def _finding_excerpt(seg: Segmentation, located: Located) -> Excerpt | None:
    f = located.finding
    if f.start is None or f.end is None:
        return None
    if located.clause < 0:  # the span lies outside every clause (should not happen): quote the span itself
        return Excerpt(start=f.start, end=f.end, text=f.text or "", finding_start=f.start, finding_end=f.end)
    return _excerpt(seg, located.clause, f)


def _change(pair: FindingPair, old_seg: Segmentation, new_seg: Segmentation, alignment: Alignment) -> FindingChange:
    status, effect = classify(pair)
    a = pair.old.finding if pair.old else None
    b = pair.new.finding if pair.new else None
    main = b or a
    old_ex = _finding_excerpt(old_seg, pair.old) if pair.old else None
    new_ex = _finding_excerpt(new_seg, pair.new) if pair.new else None
    # A finding on one side only: show the clause it sits in against its counterpart when the clause was edited.
    if old_ex is None and pair.new and pair.new.clause >= 0 and pair.new.clause in alignment.new_to_old:
        old_ex = _excerpt(old_seg, alignment.new_to_old[pair.new.clause], None)
    if new_ex is None and pair.old and pair.old.clause >= 0 and pair.old.clause in alignment.old_to_new:
        new_ex = _excerpt(new_seg, alignment.old_to_new[pair.old.clause], None)
    words: list[WordOp] = []
    if status != "unchanged" and (old_ex or new_ex):
        words = [WordOp(op=op, text=text) for op, text in word_ops(old_ex.text if old_ex else "",
                                                                    new_ex.text if new_ex else "")]
    return FindingChange(
        status=status, effect=effect, rule=main.rule, rule_before=a.rule if a else None,
        rule_after=b.rule if b else None, category=main.category, kind=main.kind, title=main.title,
        severity_before=a.severity if a else None, severity_after=b.severity if b else None,
        old=old_ex, new=new_ex, words=words,
    )


def _display_order(c: FindingChange) -> tuple:
    severity = max(SEVERITY_ORDER[s] for s in (c.severity_before, c.severity_after) if s)
    position = c.new.start if c.new else (c.old.start if c.old else -1)
    return (c.status == "unchanged", _EFFECT_ORDER[c.effect], -severity, _KIND_ORDER[c.kind], position)


def _verdict(changes: list[FindingChange]) -> str:
    effects = {c.effect for c in changes if c.status != "unchanged"}
    if "worse" in effects and "better" in effects:
        return "mixed"
    if "worse" in effects:
        return "worse"
    if "better" in effects:
        return "better"
    return "same"


def _text_changes(alignment: Alignment, old_seg: Segmentation, new_seg: Segmentation,
                  shown_old: set[int], shown_new: set[int]) -> TextChanges:
    totals = {"unchanged": 0, "moved": 0, "edited": 0, "added": 0, "removed": 0}
    other: list[ClauseChange] = []
    for pair in alignment.pairs:
        totals[pair.status] += 1
        if pair.status == "unchanged":
            continue
        old_ex = _excerpt(old_seg, pair.old, None) if pair.old is not None else None
        new_ex = _excerpt(new_seg, pair.new, None) if pair.new is not None else None
        if (old_ex and old_ex.start in shown_old) or (new_ex and new_ex.start in shown_new):
            continue  # a finding change already shows this clause, with its word diff
        words = [WordOp(op=op, text=text) for op, text in word_ops(old_ex.text, new_ex.text)] \
            if pair.status == "edited" else []
        other.append(ClauseChange(status=pair.status, old=old_ex, new=new_ex, words=words))
    return TextChanges(clauses_before=len(old_seg.clauses), clauses_after=len(new_seg.clauses), other=other,
                       **totals)
