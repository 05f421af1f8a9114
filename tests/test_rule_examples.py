"""Every example in every rule file is a test case (like ScanCode's per-rule tests)."""
from __future__ import annotations

import pytest

from tosscan.rules.loader import bundled_ruleset
from tosscan.ruletest import check_example, iter_examples

CASES = list(iter_examples(bundled_ruleset()))


@pytest.mark.parametrize(("rule_id", "expected", "text"), CASES,
                         ids=[f"{r}-{'match' if e else 'no_match'}-{i}" for i, (r, e, _) in enumerate(CASES)])
def test_rule_example(scanner, rule_id, expected, text):
    result = check_example(scanner, rule_id, expected, text)
    assert result.fired == expected, f"{rule_id} {'should' if expected else 'should not'} match: {text!r}"


def test_every_rule_has_enough_examples():
    for rule in bundled_ruleset().rules:
        assert len(rule.examples.match) >= 2 and len(rule.examples.no_match) >= 2, rule.id



@pytest.mark.parametrize("rule", [r for r in bundled_ruleset().rules if r.fair_alternative], ids=lambda r: r.id)
def test_a_rules_fair_alternative_is_not_reported_as_a_risk_of_its_category(scanner, rule):
    """The clause a rule recommends instead must not be flagged as the risk it replaces (a reader who copied the
    advice would be told it is unfair)."""
    text = rule.fair_alternative.strip().strip('"“”')
    risks = [f.rule for f in scanner.scan(text, rule.id[:2]).findings
             if f.kind == "risk" and (f.rule == rule.id or f.category == rule.category)]
    assert not risks, f"{rule.id}: its fair alternative is reported as {risks}"


def test_bundled_rules_cover_every_category_in_english():
    from tosscan.taxonomy import CATEGORY_IDS

    covered = {r.category for r in bundled_ruleset().for_language("en")}
    missing = sorted(set(CATEGORY_IDS) - covered)
    assert not missing, f"no English rule for: {missing}"
