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



def test_bundled_rules_cover_every_category_in_english():
    from tosscan.taxonomy import CATEGORY_IDS

    covered = {r.category for r in bundled_ruleset().for_language("en")}
    missing = sorted(set(CATEGORY_IDS) - covered)
    assert not missing, f"no English rule for: {missing}"
