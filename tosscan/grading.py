"""Grade (A-E) and score (0-100) from findings, with the reasons that moved the score.

Formula (documented in README "How the grade works"):

  penalty(category) = w_group * (p_1 + 0.25 * (p_2 + p_3 + p_4))
      p_i: severity points of the category's findings of kind risk or gap, strongest first
           (risk: critical 25, high 12, medium 6, low 2; a gap counts 0.8 of that: silence is less certain
           than an explicit taking). Repeats of the same rule count once: one licence stated five times is one
           licence. Only the strongest four findings of a category count.
      w_group: 1.0 for AI, content and personal data categories, 0.8 for the classic unfair terms.
  bonus(category) = min(6, 3 * distinct protection rules), all bonuses together at most 20.
  score = clamp(100 - sum(penalty) + sum(bonus), 0, 100)
  grade: A >= 85 > B >= 70 > C >= 50 > D >= 30 > E.  A critical risk caps the grade at D, a high risk at B:
  A means no serious taking at all.

ToS;DR grades by balancing good, bad and blocker points; this weights by severity and topic, damps repetition, and
never lets a kind promise buy back a critical taking.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from .i18n import t
from .models import Finding, GradeReason
from .taxonomy import BY_ID, category_name

RISK_POINTS = {"critical": 25.0, "high": 12.0, "medium": 6.0, "low": 2.0, "info": 0.0}
GAP_FACTOR = 0.8
REPEAT_FACTOR = 0.25
MAX_COUNTED = 4
GROUP_WEIGHT = {"ai-data": 1.0, "unfair-terms": 0.8}
PROTECTION_POINTS = 3.0
PROTECTION_CAP_PER_CATEGORY = 6.0
PROTECTION_CAP_TOTAL = 20.0
THRESHOLDS = (("A", 85), ("B", 70), ("C", 50), ("D", 30))
# The best grade a document can get while it holds a risk of this severity, whatever it promises besides.
CAPS = (("critical", "D"), ("high", "B"))
GRADE_ORDER = "ABCDE"


@dataclass
class Grade:
    grade: str
    score: int
    explanation: str
    reasons: list[GradeReason]


def _points(f: Finding) -> float:
    base = RISK_POINTS[f.severity]
    return base * GAP_FACTOR if f.kind == "gap" else base


def grade(findings: list[Finding], lang: str = "en") -> Grade:
    takings: dict[str, dict[str, float]] = defaultdict(dict)  # category -> rule -> points
    protections: dict[str, set[str]] = defaultdict(set)
    for f in findings:
        if f.kind == "protection":
            protections[f.category].add(f.rule)
        else:
            takings[f.category][f.rule] = max(takings[f.category].get(f.rule, 0.0), _points(f))
    reasons: list[GradeReason] = []
    penalty = 0.0
    for category, by_rule in takings.items():
        pts = sorted(by_rule.values(), reverse=True)[:MAX_COUNTED]
        weight = GROUP_WEIGHT[BY_ID[category].group] if category in BY_ID else 1.0
        value = weight * (pts[0] + REPEAT_FACTOR * sum(pts[1:]))
        penalty += value
        kinds = {f.kind for f in findings if f.category == category and f.kind != "protection"}
        reasons.append(GradeReason(category=category, kind="risk" if "risk" in kinds else "gap", points=-round(value, 1),
                                   note=category_name(category, lang)))
    bonus_total = 0.0
    for category, rules in protections.items():
        value = min(PROTECTION_CAP_PER_CATEGORY, PROTECTION_POINTS * len(rules))
        bonus_total += value
        reasons.append(GradeReason(category=category, kind="protection", points=round(value, 1),
                                   note=category_name(category, lang)))
    bonus = min(PROTECTION_CAP_TOTAL, bonus_total)
    score = int(round(max(0.0, min(100.0, 100.0 - penalty + bonus))))
    letter = next((g for g, floor in THRESHOLDS if score >= floor), "E")
    capped = None  # the severity whose cap lowered the grade
    for severity, cap in CAPS:
        if any(f.kind == "risk" and f.severity == severity for f in findings):
            if GRADE_ORDER.index(letter) < GRADE_ORDER.index(cap):
                letter, capped = cap, severity
            break
    reasons.sort(key=lambda r: r.points)
    return Grade(letter, score, _explain(letter, score, findings, reasons, capped, lang), reasons)


def _explain(letter: str, score: int, findings: list[Finding], reasons: list[GradeReason], capped: str | None,
             lang: str) -> str:
    counts = defaultdict(int)
    for f in findings:
        counts[f.kind if f.kind != "risk" else f"risk_{f.severity}"] += 1
    parts = [t(lang, "grade_intro", grade=letter, score=score)]
    risk_bits = [t(lang, f"n_{sev}", n=counts[f"risk_{sev}"]) for sev in ("critical", "high", "medium", "low")
                 if counts[f"risk_{sev}"]]
    if risk_bits:
        parts.append(t(lang, "risks_found", items=t(lang, "list_sep").join(risk_bits)))
    else:
        parts.append(t(lang, "no_risks"))
    if counts["gap"]:
        parts.append(t(lang, "gaps_found", n=counts["gap"]))
    if counts["protection"]:
        parts.append(t(lang, "protections_found", n=counts["protection"]))
    worst = [r for r in reasons if r.points < 0][:3]
    if worst:
        drivers = (f"{r.note} ({r.points:+.0f})" for r in worst)
        parts.append(t(lang, "biggest_drivers", items=t(lang, "list_sep").join(drivers)))
    if capped:  # only said when the cap actually lowered the grade
        parts.append(t(lang, f"{capped}_cap"))
    sep = "" if lang == "zh" else " "
    return sep.join(parts)
