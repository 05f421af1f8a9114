"""CA4P-483 (Zhao et al., EMNLP 2022): Chinese app privacy policies with segment-level topic labels.

Unit: one labelled segment (a span of data_preprocess/merged_json/<id>.json whose label is a segment topic, not one
of the word-level entities 数据 / 收集 / 目的 ...). Spans with the same offsets count once, with all their labels.

Scan: each whole document (plain_text/<id>_*.txt) is scanned once, as a user would scan it, so the segmenter,
headings and clause scopes are exercised on real documents; a finding is attributed to every segment that holds
one of its matched words (its `match` evidence). Scanning each segment on its own would hide segmentation errors
and give rules a context no real scan has.

Gold: the taxonomy category of the label (LABEL_TO_CATEGORY). Predicted: the categories of the risk *and*
protection findings attributed to the segment: the labels name topics ("the policy talks about retention"), not
unfairness, so "we delete your data after 30 days" is as much a hit as "we keep your data forever".

Targets: recall >= 0.80 for every mapped label, and at most 10 % of the segments labelled 其他 (other) carry a
finding of one of the mapped categories.

Diagnostics (no targets): three labels are broader than their category. 数据保存 also covers *where* data is stored
(存储于中华人民共和国境内: a cross-border-transfer statement), 用户权利增删改查 also covers access, correction and copies,
数据迁移 also covers data portability (获取个人信息副本). `scope_recall:<category>` is the recall on the labelled
segments that state the category's topic at all (TOPIC below); `other_rate:<category>` splits the 其他 rate by
category, since 其他 also labels terms-of-service clauses (price, service and agreement changes) that are genuine
unilateral-change findings.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from . import Dataset
from .metrics import ErrorExample, EvalResult, score_sets
from .predict import findings_for

ROOT = Path("ca4p483_zh_privacy")
LABEL_TO_CATEGORY = {
    "数据保存": "data-retention",
    "第三方收集或共享个人信息": "third-party-sharing",
    "用户权利增删改查": "data-deletion",
    "隐私政策修改更新": "unilateral-change",
    "数据迁移": "cross-border-transfer",
    "年龄限制条款": "minors",
    "网站Cookie及WebBeacon使用": "tracking-advertising",
}
CATEGORIES = list(LABEL_TO_CATEGORY.values())
OTHER = "其他"
# Word-level entity labels: short spans inside segments, not topics of a segment.
ENTITY_LABELS = frozenset({"数据", "操作者", "收集", "条件", "分享", "目的", "受试者"})
KINDS = ("risk", "protection")
# Words without which a segment does not speak of the category's topic (for scope_recall only).
TOPIC = {
    "data-retention": re.compile(r"期限|期间|时间|保留|留存|永久|必需|必要|最短|持续|匿名化|删除"),
    "data-deletion": re.compile(r"删除|注销|销户|清除"),
    "cross-border-transfer": re.compile(r"境外|跨境|出境|全球|其他国家|所在国家|管辖区"),
}
RECALL_TARGET = 0.80
OTHER_RATE_TARGET = 0.10


@dataclass
class Segment:
    start: int
    end: int
    labels: set[str] = field(default_factory=set)

    @property
    def gold(self) -> set[str]:
        return {LABEL_TO_CATEGORY[label] for label in self.labels if label in LABEL_TO_CATEGORY}


def document_pairs(corpora: Path) -> list[tuple[Path, Path]]:
    """(annotation json, plain text) of every document; the text file name starts with the json's id."""
    root = corpora / ROOT
    texts = {p.name.split("_", 1)[0]: p for p in (root / "plain_text").glob("*.txt")}
    annotations = sorted((root / "data_preprocess" / "merged_json").glob("*.json"))
    if not annotations:
        raise FileNotFoundError(root / "data_preprocess" / "merged_json")
    pairs = []
    for path in annotations:
        text = texts.get(path.stem)
        if text is None:
            raise FileNotFoundError(f"{root / 'plain_text'}/{path.stem}_*.txt (for {path.name})")
        pairs.append((path, text))
    return pairs


def segments_of(annotations: list[dict], text: str, where: str) -> list[Segment]:
    by_span: dict[tuple[int, int], Segment] = {}
    for item in annotations:
        label = item["classId_name"]
        if label in ENTITY_LABELS:
            continue
        start, end = int(item["start"]), int(item["end"])
        if not (0 <= start < end <= len(text)):
            raise ValueError(f"{where}: span {start}-{end} outside the text ({len(text)} characters)")
        by_span.setdefault((start, end), Segment(start, end)).labels.add(label)
    return sorted(by_span.values(), key=lambda s: (s.start, s.end))


def attribute(findings, segments: list[Segment]) -> list[set[str]]:
    """For each segment, the categories of the findings with matched words inside it."""
    out: list[set[str]] = [set() for _ in segments]
    for f in findings:
        if f.kind not in KINDS:
            continue
        for ev in f.evidence:
            if ev.role != "match":
                continue
            for i, seg in enumerate(segments):
                if ev.start < seg.end and seg.start < ev.end:
                    out[i].add(f.category)
    return out


def run(corpora: Path, scanner, keep_errors: int = 0) -> EvalResult:
    result = EvalResult("ca4p", DATASET.description)
    for cat in CATEGORIES:
        result.counts(cat)
    units = other_units = other_hits = 0
    other_by_category: dict[str, int] = {cat: 0 for cat in CATEGORIES}
    in_scope: dict[str, list[int]] = {cat: [0, 0] for cat in TOPIC}  # category -> [hits, segments]
    pairs = document_pairs(corpora)
    for json_path, text_path in pairs:
        text = text_path.read_text(encoding="utf-8")
        segments = segments_of(json.loads(json_path.read_text(encoding="utf-8")), text, json_path.name)
        predicted = attribute(findings_for(scanner, text, "zh"), segments)
        for seg, cats in zip(segments, predicted):
            units += 1
            snippet = text[seg.start:seg.end]
            where = f"{text_path.stem}@{seg.start}"
            score_sets(result, seg.gold, cats, CATEGORIES, snippet, where, keep_errors)
            for cat in seg.gold & set(TOPIC):
                if TOPIC[cat].search(snippet):
                    in_scope[cat][0] += cat in cats
                    in_scope[cat][1] += 1
            if seg.labels == {OTHER}:
                other_units += 1
                for cat in cats & set(CATEGORIES):
                    other_by_category[cat] += 1
                if cats & set(CATEGORIES):
                    other_hits += 1
                    if len(result.errors) < keep_errors:
                        result.errors.append(ErrorExample("fp", "其他:" + ",".join(sorted(cats)), snippet, where))
    for label, cat in LABEL_TO_CATEGORY.items():
        result.summary[f"recall:{cat}"] = result.counts(cat).recall
        result.targets[f"recall:{cat}"] = f">= {RECALL_TARGET:.2f}"
    result.summary["other_finding_rate"] = other_hits / other_units if other_units else 0.0
    result.targets["other_finding_rate"] = f"<= {OTHER_RATE_TARGET:.2f}"
    for cat, (hits, total) in in_scope.items():
        result.summary[f"scope_recall:{cat}"] = hits / total if total else 0.0
    for cat, hits in other_by_category.items():
        result.summary[f"other_rate:{cat}"] = hits / other_units if other_units else 0.0
    result.notes.append(f"{units} labelled segments ({other_units} labelled {OTHER}) in {len(pairs)} documents; "
                        f"findings of kind {' and '.join(KINDS)} count")
    result.notes.append("labels: " + ", ".join(f"{label} -> {cat}" for label, cat in LABEL_TO_CATEGORY.items()))
    return result


def meets_targets(result: EvalResult) -> dict[str, bool]:
    """Each target of `result` and whether it is met (for tests and the closing note)."""
    met = {}
    for key, target in result.targets.items():
        op, value = target.split()
        actual = result.summary[key]
        met[key] = actual >= float(value) if op == ">=" else actual <= float(value)
    return met


DATASET = Dataset("ca4p", "CA4P-483 Chinese privacy policies, segment topics (7 labels) and 其他 false findings", run)
