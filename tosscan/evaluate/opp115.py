"""OPP-115 (Wilson et al., ACL 2016): website privacy policies annotated with data practices per segment.

Unit: one segment of a policy (sanitized_policies/<id>_<site>.html, segments separated by "|||"), scanned on its own.
Gold: the taxonomy categories that the segment's consolidated practices (threshold 0.75) map to, see `gold_for`.
The labels are topics, not verdicts ("we keep logs for 30 days" and "we keep logs forever" are both Data
Retention), so a finding of kind risk or protection both count as predicting the category.
Predicted: the categories of the risk and protection findings of the segment.

The mapping only keeps what is sound: Third Party Sharing/Collection becomes tracking-advertising when the third
party tracks users or collects data on the site itself (cookies, beacons, ad networks) rather than receiving data; User Access, Edit and Deletion counts
only for the deletion access types (viewing, exporting or editing data is not deletion); International and Specific
Audiences counts only for children, and since a bare age limit is by design not a finding, its recall is expected
to stay low.
"""
from __future__ import annotations

import csv
import json
from pathlib import Path

from ..ingest.html import html_to_text
from . import Dataset
from .metrics import EvalResult, score_sets
from .predict import findings_for

ROOT = Path("opp115") / "OPP-115"
CONSOLIDATION = ROOT / "consolidation" / "threshold-0.75-overlap-similarity"
POLICIES = ROOT / "sanitized_policies"
SEPARATOR = "|||"

CATEGORIES = ["data-retention", "third-party-sharing", "data-deletion", "tracking-advertising", "minors"]

DELETION_ACCESS = {"Delete account (partial)", "Delete account (full)"}
# Third parties collecting or tracking on the site itself (ad networks, analytics, social buttons) is tracking.
TRACKING_ACTIONS = {"Track on first party website/app", "Collect on first party website/app"}
TRACKING_INFO_TYPE = "Cookies and tracking elements"
AD_PURPOSES = {"Advertising", "Marketing"}
DNT_SILENT = "Not mentioned"


def _value(attributes: dict, name: str) -> str:
    entry = attributes.get(name)
    return entry.get("value", "") if isinstance(entry, dict) else ""


def gold_for(category: str, attributes: dict) -> set[str]:
    """Taxonomy categories for one OPP-115 practice (its category and attribute values)."""
    gold: set[str] = set()
    if category == "Data Retention":
        gold.add("data-retention")
    elif category == "Third Party Sharing/Collection":
        gold.add("tracking-advertising" if _value(attributes, "Action Third Party") in TRACKING_ACTIONS
                 else "third-party-sharing")
    elif category == "User Access, Edit and Deletion":
        if _value(attributes, "Access Type") in DELETION_ACCESS:
            gold.add("data-deletion")
    elif category == "Do Not Track":
        if _value(attributes, "Do Not Track policy") not in ("", DNT_SILENT):
            gold.add("tracking-advertising")
    elif category == "International and Specific Audiences":
        if _value(attributes, "Audience Type") == "Children":
            gold.add("minors")
    if category in ("First Party Collection/Use", "Third Party Sharing/Collection"):
        if (_value(attributes, "Personal Information Type") == TRACKING_INFO_TYPE
                or _value(attributes, "Purpose") in AD_PURPOSES):
            gold.add("tracking-advertising")
    return gold


def read_gold(path: Path) -> dict[int, set[str]]:
    """segment id -> gold categories, from one consolidation CSV (no header row)."""
    gold: dict[int, set[str]] = {}
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.reader(fh):
            if len(row) < 7:
                raise ValueError(f"{path.name}: expected 9 columns, got {len(row)}")
            segment, category = int(row[4]), row[5]
            try:
                attributes = json.loads(row[6])
            except json.JSONDecodeError as exc:
                raise ValueError(f"{path.name}: bad attribute JSON in annotation {row[0]}: {exc}") from exc
            gold.setdefault(segment, set()).update(gold_for(category, attributes))
    return gold


def read_segments(path: Path) -> list[str]:
    """The plain text of each segment of a sanitized policy, in segment-id order."""
    return [html_to_text(part) for part in path.read_text(encoding="utf-8").split(SEPARATOR)]


def run(corpora: Path, scanner, keep_errors: int = 0) -> EvalResult:
    result = EvalResult("opp115", "OPP-115 privacy-policy segments: practice topics mapped to taxonomy categories "
                                  "(risk or protection findings count)")
    for cat in CATEGORIES:
        result.counts(cat)
    annotations = sorted((corpora / CONSOLIDATION).glob("*.csv"))
    if not annotations:
        raise FileNotFoundError(corpora / CONSOLIDATION)
    scanned = 0
    for csv_path in annotations:
        gold = read_gold(csv_path)
        policy = corpora / POLICIES / f"{csv_path.stem}.html"
        for number, text in enumerate(read_segments(policy)):
            if not text.strip():
                continue
            scanned += 1
            predicted = {f.category for f in findings_for(scanner, text, "en") if f.kind in ("risk", "protection")}
            score_sets(result, gold.get(number, set()), predicted, CATEGORIES, text, f"{csv_path.stem}#{number}",
                       keep_errors)
    result.summary["macro_f1"] = result.macro_f1(CATEGORIES)
    total = [result.per_category[c] for c in CATEGORIES]
    tp, fp, fn = sum(c.tp for c in total), sum(c.fp for c in total), sum(c.fn for c in total)
    result.summary["micro_precision"] = tp / (tp + fp) if tp + fp else 0.0
    result.summary["micro_recall"] = tp / (tp + fn) if tp + fn else 0.0
    result.notes.append(f"{scanned} segments in {len(annotations)} policies; minors counts only consent or "
                        "collection statements, so bare age limits stay unfound by design")
    return result


DATASET = Dataset("opp115", "OPP-115 privacy policies (segment topics: retention, sharing, deletion, tracking, "
                            "children)", run)
