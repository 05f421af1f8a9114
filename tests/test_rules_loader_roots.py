"""Extra rule folders (`rules test DIR`, TOSSCAN_RULES_PATH, `batch --rules`): a folder that holds no rule file is
an error naming the layout, and its rules can use the bundled vocabulary ({ref: user_content})."""
from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tosscan.cli import app
from tosscan.errors import RuleError
from tosscan.rules import loader
from tosscan.rules.loader import load_rules
from tosscan.scanner import Scanner
from tosscan.settings import get_settings

runner = CliRunner()

# Written the way the README's example is: the uploads are named through the bundled list, not spelled out.
CUSTOM = """
id: en-custom-uploads-to-partners
category: third-party-sharing
kind: risk
severity: high
title: Your uploads are handed to partners
explanation: Partners get the photos you upload, for their own purposes.
fair_alternative: We do not give your uploads to anyone else.
scope: sentence
match:
  all:
    - any: [{ref: user_content}]
    - any: [{ref: own_partners}]
    - any: [{lemma: [give, hand]}]
  none:
    - any: [{ref: negation}]
examples:
  match: ["We may give your photos to our affiliates.", "Your uploaded videos are handed to our partners."]
  no_match: ["We never give your photos to our affiliates.", "We give you a discount with our partners."]
"""
OWN_VOCAB = """
terms:
  own_partners:
    - lemma: [partner, affiliate]
"""


def write(root: Path, relative: str, text: str) -> Path:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


@pytest.fixture
def custom_rules(tmp_path) -> Path:
    root = tmp_path / "my-rules"
    write(root, "en/third-party-sharing/en-custom-uploads-to-partners.yaml", CUSTOM)
    write(root, "en/vocab.yaml", OWN_VOCAB)
    return root


@pytest.fixture
def rules_path(monkeypatch):
    """Sets TOSSCAN_RULES_PATH for one test (settings are read once and cached)."""
    def set_path(value: str) -> None:
        monkeypatch.setenv("TOSSCAN_RULES_PATH", value)
        get_settings.cache_clear()

    yield set_path
    get_settings.cache_clear()


def test_a_rule_of_an_extra_folder_uses_the_bundled_vocabulary_and_its_own(custom_rules):
    ruleset = load_rules(custom_rules)
    assert [r.id for r in ruleset.rules] == ["en-custom-uploads-to-partners"]
    result = runner.invoke(app, ["rules", "test", str(custom_rules)])
    assert result.exit_code == 0, result.output
    assert "4 passed, 0 failed (1 rules)" in result.output


def test_the_bundled_vocabulary_reaches_rules_added_by_tosscan_rules_path(custom_rules, rules_path):
    rules_path(str(custom_rules))
    scanner = Scanner()
    assert scanner.ruleset.get("en-custom-uploads-to-partners") is not None
    assert scanner.ruleset.get("en-content-license-any-media") is not None  # the bundled rules are still there
    found = scanner.scan("We may give your photos to our affiliates.", "en").findings
    assert "en-custom-uploads-to-partners" in {f.rule for f in found}


def test_a_name_the_folder_defines_again_takes_its_terms_for_its_own_rules_only(custom_rules):
    # The folder narrows user_content to videos: its rule no longer fires on photos; the bundled rules are untouched.
    write(custom_rules, "en/vocab.yaml", OWN_VOCAB + "  user_content:\n    - lemma: [video]\n")
    scanner = Scanner(load_rules(custom_rules))
    assert not scanner.scan("We may give your photos to our affiliates.", "en").findings
    assert scanner.scan("We may give your videos to our affiliates.", "en").findings
    bundled = load_rules()
    assert any(t.lemma and "photo" in t.lemma for r in bundled.rules if r.match for g in r.match.all for t in g.any)


def test_an_unknown_ref_still_names_the_file_and_field(custom_rules):
    write(custom_rules, "en/third-party-sharing/en-custom-uploads-to-partners.yaml",
          CUSTOM.replace("{ref: own_partners}", "{ref: nowhere}"))
    with pytest.raises(RuleError, match=r"en-custom-uploads-to-partners\.yaml: field 'match\.all\.1\.any': "
                                        r"unknown ref 'nowhere'"):
        load_rules(custom_rules)


@pytest.mark.parametrize("layout", [
    {},  # empty
    {"third-party-sharing/en-custom-uploads-to-partners.yaml": CUSTOM},  # the <lang> level left out
    {"fr/third-party-sharing/en-custom-uploads-to-partners.yaml": CUSTOM},  # a language tosscan does not read
    {"en/vocab.yaml": OWN_VOCAB},  # a vocabulary and no rule
])
def test_a_folder_without_rule_files_is_an_error_naming_the_layout(tmp_path, layout):
    root = tmp_path / "rulez"
    root.mkdir()
    for relative, text in layout.items():
        write(root, relative, text)
    with pytest.raises(RuleError) as raised:
        load_rules(root)
    assert str(raised.value).startswith(f"{root}: no rule file")
    assert f"{root}/<lang>/<category>/<id>.yaml" in str(raised.value)
    result = runner.invoke(app, ["rules", "test", str(root)])
    assert result.exit_code == 2 and "no rule file" in " ".join(result.output.split())


def test_a_mistyped_tosscan_rules_path_is_an_error_not_nothing(tmp_path, rules_path):
    rules_path(str(tmp_path))  # a folder that exists, with no rules in it
    with pytest.raises(RuleError, match="no rule file"):
        Scanner()


def test_the_bundled_vocabulary_is_read_once_however_many_folders_extend_it(custom_rules, tmp_path, monkeypatch):
    second = tmp_path / "more-rules"
    write(second, "en/third-party-sharing/en-custom-uploads-to-vendors.yaml",
          CUSTOM.replace("en-custom-uploads-to-partners", "en-custom-uploads-to-vendors"))
    write(second, "en/vocab.yaml", OWN_VOCAB)
    reads: list[Path] = []
    real_read = loader._read_yaml

    def counted_read(path: Path):
        reads.append(path.resolve())
        return real_read(path)

    monkeypatch.setattr(loader, "_read_yaml", counted_read)
    bundled = loader.bundled_rules_dir()
    ruleset = load_rules(bundled, custom_rules, second)
    assert {"en-custom-uploads-to-partners", "en-custom-uploads-to-vendors"} <= set(ruleset.paths)
    assert reads.count((bundled / "en" / "vocab.yaml").resolve()) == 1
    assert reads.count((second / "en" / "vocab.yaml").resolve()) == 1


def test_a_bad_entry_in_a_folder_vocabulary_names_the_file_and_field(custom_rules):
    write(custom_rules, "en/vocab.yaml", OWN_VOCAB + "  own_uploads:\n    - ref: user_content\n")
    with pytest.raises(RuleError, match=r"my-rules/en/vocab\.yaml: field 'terms\.own_uploads': "
                                        r"a vocabulary entry cannot use ref"):
        load_rules(custom_rules)
