"""Regex prefilters must never change a result: every match contains one of the required literals."""
from __future__ import annotations

import re

import pytest

from tosscan.rules.prefilter import required_literal_sets


def required_literals(pattern: re.Pattern) -> frozenset[str] | None:
    """The most selective set (the engine's first screen), or None."""
    found = required_literal_sets(pattern, 1)
    return found[0] if found else None


CASES = [
    (r"\b(?:in|through|via|by)\s+any\s+(?:and\s+all\s+)?(?:forms?|media|medium|technolog(?:y|ies))\b",
     {"form", "media", "medium", "technology", "technologies"}),  # "technolog" + (y|ies), glued back
    (r"\bopt[- ]?in\b", {"opt"}),
    (r"\b(?:indefinitely|forever)\b", {"indefinitely", "forever"}),
    (r"以任何形式|任何媒体", {"以任何形式", "任何媒体"}),
    (r"^\W*\w+(?:\W+\w+){0,3}\W*$", None),  # no literal at all
    (r"\b(?:a|an|to)\b", None),  # literals too short to screen
    (r"(?:sell|ß)", None),  # "ß" folds to "ss": no prefilter rather than a wrong one
]


@pytest.mark.parametrize(("pattern", "expected"), CASES)
def test_required_literals(pattern, expected):
    found = required_literals(re.compile(pattern, re.IGNORECASE))
    assert (set(found) if found else None) == expected


def test_case_sensitive_patterns_get_no_prefilter():
    assert required_literals(re.compile(r"\bany media\b")) is None


@pytest.mark.parametrize("text", ["We use it in ANY MEDIA.", "by any Technology", "IN ANY FORMS", "via any ſtuff media"])
def test_prefilter_is_a_necessary_condition(text):
    regex = re.compile(CASES[0][0], re.IGNORECASE)
    literals = required_literals(regex)
    if regex.search(text):
        assert any(lit in text.casefold() for lit in literals)


def test_several_required_sets_each_hold():
    regex = re.compile(r"\b(?:on|and)\s+off\s+(?:of\s+)?(?:the|our)\s+(?:service|site|platforms?)", re.IGNORECASE)
    sets = required_literal_sets(regex)
    assert {"off"} in [set(s) for s in sets] and {"service", "site", "platform"} in [set(s) for s in sets]
    for text in ("on and off the Service", "AND OFF OUR PLATFORMS", "on off of the site"):
        assert regex.search(text)
        assert all(any(lit in text.casefold() for lit in found) for found in sets)


def test_prefix_the_parser_factors_out_is_glued_back():
    regex = re.compile(r"\b(?:to|in)\s+(?:the\s+)?(?:united\s+states|u\.s\.|usa)\b", re.IGNORECASE)
    assert set(required_literals(regex)) == {"united", "u.s.", "usa"}
    assert required_literals(re.compile(r"(?:abc|abd)", re.IGNORECASE)) is None  # only "ab" + [cd]: too short


def test_two_cjk_characters_screen_but_one_does_not():
    assert set(required_literals(re.compile(r"(?:收集|共享)[^。]{0,10}信息", re.IGNORECASE))) in (
        {"收集", "共享"}, {"信息"})
    assert required_literals(re.compile(r"(?:的|了)", re.IGNORECASE)) is None
