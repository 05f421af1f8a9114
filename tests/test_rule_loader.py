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


LEAD_IN = """
id: en-test-rule
category: device-metadata
kind: risk
severity: medium
title: The app collects your location
explanation: Your location reveals where you live and go.
fair_alternative: We do not collect your location.
match:
  all:
    - any: [{phrase: [precise location]}]
    - any: [{regex: '\\bcollect\\w*'}]
      lead_in: true
  none:
    - any: [{regex: '\\bnot\\b'}]
      lead_in: true
examples:
  match: ["We collect your precise location.", "We collect:\\n- your precise location"]
  no_match: ["Your precise location stays on your phone.", "We do not collect:\\n- your precise location"]
"""


def test_a_match_group_marked_lead_in_may_hold_in_the_sentence_that_introduces_the_list(tmp_path):
    write_rule(tmp_path, LEAD_IN, category="device-metadata")
    scanner = Scanner(load_rules(tmp_path))
    text = ("We collect the following when you use the app:\n- your precise location\n- your name\n\n"
            "Other details:\n- your precise location is shown on the map\n")
    quotes = [f.text for f in scanner.scan(text, "en").findings if f.kind == "risk"]
    # The item under "We collect ..." is a collection; the same words under a lead-in that collects nothing are not.
    assert quotes == ["- your precise location"]
    negated = "We do not collect the following:\n- your precise location\n"
    assert not [f for f in scanner.scan(negated, "en").findings if f.kind == "risk"]


@pytest.mark.parametrize(("old", "new", "reason"), [
    # Every group in the lead-in alone would quote each item for what the introduction says.
    ("    - any: [{phrase: [precise location]}]\n", "    - any: [{phrase: [precise location]}]\n      lead_in: true\n",
     "at least one match.all group"),
])
def test_lead_in_on_every_match_group_is_refused(tmp_path, old, new, reason):
    assert old in LEAD_IN
    write_rule(tmp_path, LEAD_IN.replace(old, new), category="device-metadata")
    with pytest.raises(RuleError, match=reason):
        load_rules(tmp_path)


GAP_WITH_LEAD_IN = """
id: en-test-rule
category: data-retention
kind: gap
severity: medium
title: No retention period
explanation: The document never says how long it keeps your data.
fair_alternative: We delete your photos within 24 hours.
gap:
  applies_if:
    - any: [{lemma: photo}]
      lead_in: true
  addressed_by:
    categories: [data-retention]
examples:
  match: ["We process your photos.", "Upload photos here."]
  no_match: ["Nothing here.", "We sell shoes."]
"""


def test_lead_in_on_a_gap_condition_is_refused(tmp_path):
    # A gap reads the whole document: a list's lead-in means nothing there.
    write_rule(tmp_path, GAP_WITH_LEAD_IN, category="data-retention")
    with pytest.raises(RuleError, match="not to gap.applies_if"):
        load_rules(tmp_path)
    write_rule(tmp_path, GAP_WITH_LEAD_IN.replace("      lead_in: true\n", ""), category="data-retention")
    assert [r.id for r in load_rules(tmp_path).rules] == ["en-test-rule"]
