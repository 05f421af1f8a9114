"""Turn matched findings into classified changes: new / removed risk or protection, gap opened / closed, changed
(severity, rule or wording of the matched text), unchanged; each marked worse, better or neutral for the user."""
from __future__ import annotations

from ..models import SEVERITY_ORDER, Finding
from .matching import FindingPair
from .models import Effect, Status

_ADDED: dict[str, tuple[Status, Effect]] = {"risk": ("new_risk", "worse"), "protection": ("new_protection", "better"),
                                            "gap": ("gap_opened", "worse")}
_GONE: dict[str, tuple[Status, Effect]] = {"risk": ("removed_risk", "better"),
                                           "protection": ("removed_protection", "worse"),
                                           "gap": ("gap_closed", "better")}


def _same_wording(a: Finding, b: Finding) -> bool:
    return " ".join((a.text or "").split()) == " ".join((b.text or "").split())


def classify(pair: FindingPair) -> tuple[Status, Effect]:
    if pair.old is None:
        return _ADDED[pair.new.finding.kind]
    if pair.new is None:
        return _GONE[pair.old.finding.kind]
    a, b = pair.old.finding, pair.new.finding
    if a.rule == b.rule and a.severity == b.severity and _same_wording(a, b):
        return "unchanged", "neutral"
    rise = SEVERITY_ORDER[b.severity] - SEVERITY_ORDER[a.severity]
    if a.kind == "protection" or rise == 0:
        return "changed", "neutral"
    return "changed", "worse" if rise > 0 else "better"


def adds_risk_at(status: str, effect: str, severity_after: str | None, floor: int) -> bool:
    """True for a new risk, an opened gap, or a risk or gap whose severity rose, at or above severity `floor`."""
    if severity_after is None or SEVERITY_ORDER[severity_after] < floor:
        return False
    return status in ("new_risk", "gap_opened") or (status == "changed" and effect == "worse")
