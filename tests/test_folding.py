"""Case-sensitive twins of IGNORECASE rule regexes find the same matches in case-folded text."""
from __future__ import annotations

import re

import pytest

from tosscan import scan
from tosscan.rules.folding import folded_twin

SENTENCES = [
    "We MAY share Your Personal Data with ADVERTISERS and Partners at any time.",
    "TO THE MAXIMUM EXTENT PERMITTED BY LAW, IN NO EVENT SHALL THE COMPANY BE LIABLE FOR ANY INDIRECT DAMAGES.",
    "You grant us a Perpetual, Irrevocable licence to use your photos in any media now known or later developed.",
]


@pytest.mark.parametrize("pattern, flags", [("[A-Z]\\w+ law", re.I), ("(?-i:Ab)c", re.I), ("stra(?:ß|ss)e", re.I),
                                            ("any media", 0)])
def test_no_twin_when_folding_would_change_the_pattern_or_it_is_case_sensitive(pattern, flags):
    assert folded_twin(re.compile(pattern, flags)) is None


def test_every_twin_of_the_bundled_rules_matches_like_its_original(scanner):
    for lang in ("en", "zh"):
        twins = scanner.compiled(lang).folded_twins
        assert twins, f"no twins compiled for {lang}"
        for pattern, twin in twins.items():
            original = re.compile(pattern, re.IGNORECASE)
            for sentence in SENTENCES:
                assert [m.span() for m in original.finditer(sentence)] == \
                       [m.span() for m in twin.finditer(sentence.casefold())], pattern


def test_upper_case_and_lower_case_clauses_give_the_same_findings():
    text = "We may share your personal information with advertisers and partners."
    lower = {(f.rule, f.start, f.end) for f in scan(text, "en").findings}
    upper = {(f.rule, f.start, f.end) for f in scan(text.upper(), "en").findings}
    assert lower and lower == upper


def test_text_whose_folding_changes_length_is_searched_as_written():
    # "ß" folds to "ss": the folded sentence is longer, so its offsets would not index the text.
    text = "At Großstraße GmbH we may share your personal information with advertisers at any time."
    report = scan(text, "en")
    shared = [f for f in report.findings if f.category == "third-party-sharing" and f.kind == "risk"]
    assert shared
    for finding in shared:
        assert text[finding.start:finding.end] == finding.text
        assert all(text[e.start:e.end] == e.text for e in finding.evidence)
