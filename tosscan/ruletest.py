"""Run every rule's own examples: `match` examples must fire the rule, `no_match` ones must not.

Used by `tosscan rules test` and by the generated pytest cases (one case per example).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

from .engine import run_rules
from .rules.loader import RuleSet
from .scanner import Scanner
from .segment import segment


@dataclass
class ExampleResult:
    rule: str
    expected: bool  # True: the rule should fire
    text: str
    fired: bool

    @property
    def ok(self) -> bool:
        return self.expected == self.fired


def iter_examples(ruleset: RuleSet) -> Iterator[tuple[str, bool, str]]:
    for rule in ruleset.rules:
        for text in rule.examples.match:
            yield rule.id, True, text
        for text in rule.examples.no_match:
            yield rule.id, False, text


def check_example(scanner: Scanner, rule_id: str, expected: bool, text: str) -> ExampleResult:
    rule = scanner.ruleset.get(rule_id)
    assert rule is not None, rule_id
    compiled = scanner.compiled(rule.language)
    findings = run_rules(compiled, text, segment(text, rule.language))
    fired = any(f.rule == rule_id for f in findings)
    return ExampleResult(rule_id, expected, text, fired)


def run_all(scanner: Scanner) -> list[ExampleResult]:
    return [check_example(scanner, rid, exp, text) for rid, exp, text in iter_examples(scanner.ruleset)]
