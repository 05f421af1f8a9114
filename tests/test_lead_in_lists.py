"""List items read what their lead-in says (engine lead_in groups), with the bundled rules."""
from __future__ import annotations

import pytest

from tosscan import scan


def risks(text: str, lang: str) -> list[tuple[str, str]]:
    return [(f.rule, f.text) for f in scan(text, lang=lang).findings if f.kind == "risk"]


@pytest.mark.parametrize(("text", "lang", "rule", "item"), [
    ("We collect the following:\n\n- your precise location\n", "en", "en-device-metadata-location",
     "- your precise location"),
    # A heading introduces its list as a sentence does, for phrase terms (收集) as for regexes.
    ("## Information we collect:\n\n- your precise location\n", "en", "en-device-metadata-location",
     "- your precise location"),
    ("## 我们会收集以下信息：\n\n1. 您的精确位置信息；\n", "zh", "zh-device-metadata-location", "1. 您的精确位置信息；"),
])
def test_an_item_is_found_through_its_lead_in(text, lang, rule, item):
    assert (rule, item) in risks(text, lang)


@pytest.mark.parametrize(("text", "lang"), [
    # The lead-in makes the user the actor: every guard of the rule reads it, not only those marked lead_in.
    ("You may share the following with other users:\n\n- your precise location\n", "en"),
    ("You can use the following controls:\n\n- Your precise location, in your device settings.\n", "en"),
    ("We do not collect the following:\n\n- your precise location\n", "en"),
    ("我们不会收集以下信息：\n1. 您的精确位置信息；\n", "zh"),
])
def test_an_item_under_a_lead_in_the_guards_rule_out_gives_nothing(text, lang):
    assert not [r for r, _ in risks(text, lang) if "device-metadata" in r]
