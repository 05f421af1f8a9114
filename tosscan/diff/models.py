"""Pydantic models of a diff between two versions of a document.

The JSON form of `DiffReport` is a public contract (schema "tosscan.diff/1", documented in docs/schema.md);
add fields, never rename them.
"""
from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from ..models import Kind, Severity

DIFF_SCHEMA = "tosscan.diff/1"

Status = Literal["new_risk", "removed_risk", "changed", "new_protection", "removed_protection", "gap_closed",
                 "gap_opened", "unchanged"]
Effect = Literal["worse", "better", "neutral"]
ClauseStatus = Literal["added", "removed", "edited", "moved"]
STATUSES: tuple[str, ...] = Status.__args__  # type: ignore[attr-defined]


class WordOp(BaseModel):
    """A piece of the word diff: `equal` text is in both versions, `delete` only in the old, `insert` only in the new."""

    op: Literal["equal", "delete", "insert"]
    text: str


class Excerpt(BaseModel):
    """A clause of one version. Offsets index that version's document text."""

    start: int
    end: int
    text: str
    # The span the rule matched inside the clause (null when the finding is on the other side only).
    finding_start: int | None = None
    finding_end: int | None = None


class FindingChange(BaseModel):
    status: Status
    effect: Effect  # worse: the new version takes more; better: it gives back
    rule: str  # the new version's rule, or the old one's when the finding is gone
    rule_before: str | None = None
    rule_after: str | None = None
    category: str
    kind: Kind
    title: str
    severity_before: Severity | None = None
    severity_after: Severity | None = None
    old: Excerpt | None = None
    new: Excerpt | None = None
    # Word diff from the old clause to the new one; for a clause only on one side, one delete or insert piece.
    # Empty for unchanged findings and gaps.
    words: list[WordOp] = Field(default_factory=list)


class ClauseChange(BaseModel):
    """A clause-level text change that no finding change shows."""

    status: ClauseStatus
    old: Excerpt | None = None
    new: Excerpt | None = None
    words: list[WordOp] = Field(default_factory=list)


class TextChanges(BaseModel):
    """Every clause of both versions is accounted for: counts over all clauses, and the changes no finding shows."""

    clauses_before: int
    clauses_after: int
    unchanged: int
    moved: int
    edited: int
    added: int
    removed: int
    other: list[ClauseChange] = Field(default_factory=list)

    def other_counts(self) -> dict[str, int]:
        counts = {"added": 0, "removed": 0, "edited": 0, "moved": 0}
        for change in self.other:
            counts[change.status] += 1
        return counts


class VersionInfo(BaseModel):
    source: str
    language: str
    chars: int
    grade: Literal["A", "B", "C", "D", "E"]
    score: int
    risks: int
    protections: int
    gaps: int


class DiffReport(BaseModel):
    model_config = ConfigDict(populate_by_name=True)

    schema_id: str = Field(default=DIFF_SCHEMA, alias="schema")
    # worse: only takings added; better: only give-backs; mixed: both; same: no finding changed.
    verdict: Literal["worse", "better", "mixed", "same"]
    before: VersionInfo
    after: VersionInfo
    counts: dict[str, int]  # status -> number of findings
    changes: list[FindingChange]
    text: TextChanges

    def to_json(self, *, indent: int | None = 2) -> str:
        return self.model_dump_json(by_alias=True, indent=indent)

    def to_dict(self) -> dict:
        return self.model_dump(by_alias=True, mode="json")

    def by_effect(self, effect: str) -> list[FindingChange]:
        return [c for c in self.changes if c.effect == effect and c.status != "unchanged"]
