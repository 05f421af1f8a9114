"""Strict schema of a rule file. Unknown keys, bad regexes and inconsistent fields are errors."""
from __future__ import annotations

import re
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from ..taxonomy import CATEGORY_IDS

_ID = re.compile(r"^(en|zh)-[a-z0-9]+(?:-[a-z0-9]+)*$")
# Token attributes a rule may use in a `pattern`; LEMMA is expanded to word forms at compile time.
TOKEN_ATTRS = {"ORTH", "TEXT", "LOWER", "LEMMA", "IS_DIGIT", "IS_PUNCT", "LIKE_NUM", "IS_ALPHA", "OP", "REGEX",
               "IS_TITLE", "IS_UPPER", "LENGTH", "IS_SPACE"}


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _as_list(value: Any) -> Any:
    return [value] if isinstance(value, str) else value


class Term(Strict):
    """One way to recognise a piece of text. Exactly one of the fields is set."""

    phrase: list[str] | None = None  # exact words, case-insensitive (spaCy PhraseMatcher on LOWER)
    lemma: list[str] | None = None  # words in any inflection ("use photo" matches "uses photos")
    pattern: list[dict[str, Any]] | None = None  # a spaCy Matcher token pattern
    regex: str | None = None  # a Python regex, case-insensitive, searched inside the scope
    ref: str | None = None  # a named term list from the language's vocab.yaml

    _phrase_list = field_validator("phrase", "lemma", mode="before")(lambda cls, v: _as_list(v))

    @model_validator(mode="after")
    def _exactly_one(self) -> "Term":
        set_fields = [k for k in ("phrase", "lemma", "pattern", "regex", "ref") if getattr(self, k) is not None]
        if len(set_fields) != 1:
            raise ValueError(f"a term needs exactly one of phrase, lemma, pattern, regex, ref (got {set_fields or 'none'})")
        for key in ("phrase", "lemma"):
            values = getattr(self, key)
            if values is not None and (not values or any(not v.strip() for v in values)):
                raise ValueError(f"{key} must list non-empty strings")
        if self.regex is not None:
            try:
                re.compile(self.regex)
            except re.error as exc:
                raise ValueError(f"invalid regex {self.regex!r}: {exc}") from exc
            if re.compile(self.regex, re.I).search(""):
                raise ValueError(f"regex {self.regex!r} matches the empty string")
        if self.pattern is not None:
            if not self.pattern:
                raise ValueError("pattern must list at least one token")
            for i, tok in enumerate(self.pattern):
                unknown = set(tok) - TOKEN_ATTRS
                if unknown:
                    raise ValueError(f"pattern token {i} uses unknown attribute(s) {sorted(unknown)}")
        return self


class Group(Strict):
    """Satisfied when any of its terms matches."""

    any: list[Term] = Field(min_length=1)
    # The group also holds for a list item when it hits in the sentence that introduces the list. On a guard:
    # "You agree not to:" / "1. resell or sublicense your rights" is a rule for the user, not a grant. On a
    # match.all group: "We collect the following:" / "- your precise location" is a collection of the location.
    lead_in: bool = False


class Match(Strict):
    all: list[Group] = Field(min_length=1)  # every group must match inside the scope
    none: list[Group] = Field(default_factory=list)  # guards: any hit inside the scope cancels the match

    @model_validator(mode="after")
    def _not_only_lead_in(self) -> "Match":
        # The clause itself must say something: a rule whose every group may hold in the lead-in alone would
        # quote each item of a list for what its introduction says.
        if all(g.lead_in for g in self.all):
            raise ValueError("at least one match.all group must hold in the clause itself (without lead_in)")
        return self


class AddressedBy(Strict):
    categories: list[str] = Field(default_factory=list)
    kinds: list[Literal["risk", "protection"]] = Field(default_factory=lambda: ["risk", "protection"])
    any: list[Term] = Field(default_factory=list)

    @field_validator("categories")
    @classmethod
    def _known(cls, v: list[str]) -> list[str]:
        for c in v:
            if c not in CATEGORY_IDS:
                raise ValueError(f"unknown category {c!r}")
        return v


class Gap(Strict):
    """A document-level rule: reported when the topic applies and nothing in the document addresses it."""

    applies_if: list[Group] = Field(min_length=1)  # every group must match somewhere in the document
    addressed_by: AddressedBy

    @model_validator(mode="after")
    def _no_lead_in(self) -> "Gap":
        if any(g.lead_in for g in self.applies_if):
            raise ValueError("lead_in applies to clause rules (match.all, match.none), not to gap.applies_if")
        return self


class Examples(Strict):
    match: list[str] = Field(min_length=2)
    no_match: list[str] = Field(min_length=2)


class Rule(Strict):
    id: str
    category: str
    kind: Literal["risk", "protection", "gap"]
    severity: Literal["critical", "high", "medium", "low", "info"]
    title: str = Field(min_length=3)
    explanation: str = Field(min_length=20)
    fair_alternative: str = ""
    references: list[str] = Field(default_factory=list)
    scope: Literal["sentence", "clause"] = "sentence"
    match: Match | None = None
    gap: Gap | None = None
    examples: Examples

    @field_validator("id")
    @classmethod
    def _id_shape(cls, v: str) -> str:
        if not _ID.match(v):
            raise ValueError("id must look like 'en-some-words' (language prefix, lower case, dashes)")
        return v

    @field_validator("category")
    @classmethod
    def _category(cls, v: str) -> str:
        if v not in CATEGORY_IDS:
            raise ValueError(f"unknown category {v!r}; use one of TAXONOMY.md's ids")
        return v

    @model_validator(mode="after")
    def _consistent(self) -> "Rule":
        if self.kind == "gap":
            if self.gap is None or self.match is not None:
                raise ValueError("a gap rule needs a `gap` block and no `match` block")
        elif self.match is None or self.gap is not None:
            raise ValueError(f"a {self.kind} rule needs a `match` block and no `gap` block")
        if self.kind == "protection" and self.severity != "info":
            raise ValueError("a protection has severity 'info'")
        if self.kind != "protection" and self.severity == "info":
            raise ValueError(f"a {self.kind} needs a severity of low, medium, high or critical")
        if self.kind != "protection" and not self.fair_alternative:
            raise ValueError("a risk or gap rule needs a fair_alternative")
        return self

    @property
    def language(self) -> str:
        return self.id.split("-", 1)[0]


class Vocabulary(Strict):
    """rules/<lang>/vocab.yaml: named term lists shared by rules (`{ref: name}`)."""

    terms: dict[str, list[Term]]
