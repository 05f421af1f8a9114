"""Rule files are read with libyaml's C loader when PyYAML has it (start-up time), with the same results."""
from __future__ import annotations

import pytest
import yaml

from tosscan.errors import RuleError
from tosscan.rules import loader
from tosscan.rules.loader import bundled_rules_dir


def test_rule_files_are_read_with_the_c_loader_when_available(tmp_path, monkeypatch):
    if not hasattr(yaml, "CSafeLoader"):
        pytest.skip("this PyYAML was built without libyaml")
    used = []

    class Recording(yaml.CSafeLoader):
        def __init__(self, stream):
            used.append(type(self))
            super().__init__(stream)

    monkeypatch.setattr(yaml, "CSafeLoader", Recording)
    path = tmp_path / "rule.yaml"
    path.write_text("id: en-x\nexamples: {match: [a, b]}\n", encoding="utf-8")
    assert loader._read_yaml(path) == {"id": "en-x", "examples": {"match": ["a", "b"]}}
    assert used == [Recording]


def test_without_libyaml_the_pure_python_loader_reads_the_same(tmp_path, monkeypatch):
    monkeypatch.delattr(yaml, "CSafeLoader", raising=False)
    path = tmp_path / "rule.yaml"
    path.write_text("id: en-x\nseverity: high\n", encoding="utf-8")
    assert loader._read_yaml(path) == {"id": "en-x", "severity": "high"}
    path.write_text("id: [unclosed\n", encoding="utf-8")
    with pytest.raises(RuleError, match="not valid YAML"):
        loader._read_yaml(path)


def test_every_bundled_rule_file_reads_the_same_with_either_loader():
    paths = sorted(bundled_rules_dir().rglob("*.yaml"))
    assert paths
    for path in paths:
        text = path.read_text(encoding="utf-8")
        assert loader._read_yaml(path) == yaml.load(text, Loader=yaml.SafeLoader), path
