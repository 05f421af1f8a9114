"""Pydantic models shared by every layer: documents, segments, findings, reports.

The JSON form of `Report` is a public contract (schema "tosscan.report/1"); add fields, never rename them.
"""
from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Kind = Literal["risk", "protection", "gap"]
Severity = Literal["critical", "high", "medium", "low", "info"]
Language = Literal["en", "zh"]

SEVERITY_ORDER: dict[str, int] = {"info": 0, "low": 1, "medium": 2, "high": 3, "critical": 4}
REPORT_SCHEMA = "tosscan.report/1"


class Document(BaseModel):
    """Text to scan, as ingested. Finding offsets index `text`."""

    text: str
    source: str = "<text>"
    format: Literal["text", "markdown", "html", "pdf"] = "text"
    encoding: str = "utf-8"
    # Set when ingest repaired mojibake (UTF-8 read as Latin-1); the report then indexes the repaired text.
    repaired: bool = False


class Evidence(BaseModel):
    """One piece of text that made a rule fire: the matched words and which condition they satisfied."""

    start: int
    end: int
    text: str
    role: Literal["match", "context"] = "match"
    term: str = ""


class Finding(BaseModel):
    rule: str
    category: str
    kind: Kind
    severity: Severity
    title: str
    explanation: str
    fair_alternative: str = ""
    references: list[str] = Field(default_factory=list)
    start: int | None = None
    end: int | None = None
    text: str | None = None
    evidence: list[Evidence] = Field(default_factory=list)


class CategorySummary(BaseModel):
    risk: int = 0
    protection: int = 0
    gap: int = 0


class DocumentInfo(BaseModel):
    source: str
    chars: int
    text: str | None = None
    format: str = "text"
    repaired: bool = False


class GradeReason(BaseModel):
    """One line of the grade's explanation: what moved the score and by how much."""

    category: str
    kind: Kind
    points: float
    note: str


class Report(BaseModel):
    model_config = ConfigDict(populate_by_name=True)

    schema_id: str = Field(default=REPORT_SCHEMA, alias="schema")
    language: str
    grade: Literal["A", "B", "C", "D", "E"]
    score: int
    grade_explanation: str = ""
    grade_reasons: list[GradeReason] = Field(default_factory=list)
    document: DocumentInfo
    summary: dict[str, CategorySummary]
    findings: list[Finding]

    def to_json(self, *, include_text: bool = True, indent: int | None = 2) -> str:
        exclude = None if include_text else {"document": {"text"}}
        return self.model_dump_json(by_alias=True, indent=indent, exclude=exclude)

    def to_dict(self, *, include_text: bool = True) -> dict:
        exclude = None if include_text else {"document": {"text"}}
        return self.model_dump(by_alias=True, mode="json", exclude=exclude)

    @property
    def text(self) -> str:
        return self.document.text or ""

    def by_kind(self, kind: str) -> list[Finding]:
        return [f for f in self.findings if f.kind == kind]
