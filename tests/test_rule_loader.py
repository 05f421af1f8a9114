"""The loader is strict: every bad rule file fails with its file name and the field at fault."""
from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from tosscan.errors import RuleError
from tosscan.rules.compile import compile_rules
from tosscan.rules.loader import load_rules
from tosscan.scanner import Scanner

GOOD = """
id: {id}
category: arbitration
kind: risk
severity: high
title: Disputes go to arbitration
explanation: You give up your right to go to court; a private arbitrator decides.
fair_alternative: Disputes may be brought before the courts of your place of residence.
match:
  all:
    - any: [{{lemma: arbitration}}]
examples:
  match: ["Disputes are resolved by binding arbitration.", "All claims go to arbitration."]
  no_match: ["You may go to court.", "Nothing here."]
"""


def write_rule(root: Path, text: str, rule_id: str = "en-test-rule", category: str = "arbitration") -> Path:
    folder = root / "en" / category
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{rule_id}.yaml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def test_good_rule_loads_and_compiles(tmp_path):
    write_rule(tmp_path, GOOD.format(id="en-test-rule"))
    ruleset = load_rules(tmp_path)
    assert [r.id for r in ruleset.rules] == ["en-test-rule"]
    compiled = compile_rules(ruleset.rules, "en")
    assert len(compiled.rules) == 1


@pytest.mark.parametrize(("mutation", "field", "reason"), [
    (lambda s: s + "colour: red\n", "colour", "Extra inputs are not permitted"),
    (lambda s: s.replace("{lemma: arbitration}", "{regex: '(unclosed'}"), "regex", "invalid regex"),
    (lambda s: s.replace("severity: high", "severity: huge"), "severity", "Input should be"),
    (lambda s: s.replace("category: arbitration", "category: made-up"), "category", "unknown category"),
    (lambda s: s.replace("{lemma: arbitration}", "{lemma: arbitration, regex: x}"), "any", "exactly one"),
    (lambda s: s.replace("{lemma: arbitration}", "{pattern: [{SHAPE_OF: x}]}"), "pattern", "unknown attribute"),
    (lambda s: s.replace('  no_match: ["You may go to court.", "Nothing here."]', '  no_match: ["one"]'),
     "no_match", "at least 2"),
    (lambda s: s.replace("{lemma: arbitration}", "{regex: 'a*'}"), "regex", "matches the empty string"),
    (lambda s: s.replace("{lemma: arbitration}", "{ref: nowhere}"), "ref", "unknown ref"),
])
def test_bad_rule_file_names_file_and_field(tmp_path, mutation, field, reason):
    path = write_rule(tmp_path, mutation(GOOD.format(id="en-test-rule")))
    with pytest.raises(RuleError) as info:
        load_rules(tmp_path)
    message = str(info.value)
    assert str(path) in message
    assert field in message and reason in message, message


def test_duplicate_id_is_an_error(tmp_path):
    write_rule(tmp_path, GOOD.format(id="en-test-rule"))
    other = tmp_path / "second"
    write_rule(other, GOOD.format(id="en-test-rule"))
    with pytest.raises(RuleError, match="duplicate rule id 'en-test-rule'"):
        load_rules(tmp_path, other)


def test_id_must_equal_file_name(tmp_path):
    write_rule(tmp_path, GOOD.format(id="en-other-name"))
    with pytest.raises(RuleError, match="must equal the file name"):
        load_rules(tmp_path)


def test_invalid_yaml_is_reported(tmp_path):
    write_rule(tmp_path, "id: [unclosed\n")
    with pytest.raises(RuleError, match="not valid YAML"):
        load_rules(tmp_path)


def test_invalid_token_pattern_is_reported_at_compile(tmp_path):
    write_rule(tmp_path, GOOD.format(id="en-test-rule").replace("{lemma: arbitration}",
                                                                "{pattern: [{LOWER: {NOPE: 1}}]}"))
    ruleset = load_rules(tmp_path)
    with pytest.raises(RuleError, match="invalid token pattern"):
        compile_rules(ruleset.rules, "en", ruleset.paths)


def test_a_whitespace_token_pattern_is_refused_at_compile(tmp_path):
    write_rule(tmp_path, GOOD.format(id="en-test-rule").replace(
        "{lemma: arbitration}", "{pattern: [{LOWER: binding}, {IS_SPACE: true}, {LOWER: arbitration}]}"))
    ruleset = load_rules(tmp_path)
    with pytest.raises(RuleError, match="en-test-rule.yaml.*IS_SPACE never matches"):
        compile_rules(ruleset.rules, "en", ruleset.paths)


def test_a_phrase_written_over_two_lines_matches_the_respaced_text(tmp_path):
    write_rule(tmp_path, GOOD.format(id="en-test-rule").replace(
        "{lemma: arbitration}", '{phrase: ["binding\\n  arbitration"]}').replace(
        '"All claims go to arbitration."', '"All claims go to binding\\narbitration."'))
    ruleset = load_rules(tmp_path)
    assert "p:binding arbitration" in compile_rules(ruleset.rules, "en", ruleset.paths).term_labels
    report = Scanner(ruleset).scan("All claims go to binding\n\tarbitration.", "en")
    assert [f.rule for f in report.findings] == ["en-test-rule"]


def test_protection_must_have_info_severity(tmp_path):
    text = GOOD.format(id="en-test-rule").replace("kind: risk", "kind: protection")
    write_rule(tmp_path, text)
    with pytest.raises(RuleError, match="severity 'info'"):
        load_rules(tmp_path)
