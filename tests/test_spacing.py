"""Phrase terms read through line breaks and runs of spaces, and findings still quote the text as written."""
from __future__ import annotations

import random

import pytest

from tosscan import scan
from tosscan.spacing import respace


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_respaced_offsets_lead_back_to_the_same_characters(lang):
    rng = random.Random(7)
    alphabet = "ab 人脸\n\t\r\xa0  "
    for _ in range(2000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
        spaced = respace(text, lang)
        assert "".join(spaced.text.split()) == "".join(text.split())  # only whitespace changes
        assert "\n" not in spaced.text and "  " not in spaced.text
        for i, char in enumerate(spaced.text):
            if not char.isspace():
                assert text[spaced.original(i)] == char


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_part_of_the_respaced_text_is_the_part_respaced_alone(lang):
    rng = random.Random(11)
    for _ in range(2000):
        text = "".join(rng.choice("ab 人脸。\n\t\xa0  ") for _ in range(rng.randint(2, 40)))
        spaced = respace(text, lang)
        solid = [i for i, char in enumerate(text) if not char.isspace()]
        for i in solid:
            assert spaced.original(spaced.spaced(i)) == i
        if len(solid) >= 2:
            start, last = sorted(rng.sample(solid, 2))
            part, begin = spaced.part(start, last + 1)
            assert part == respace(text[start:last + 1], lang).text
            assert spaced.text[begin:begin + len(part)] == part


def test_chinese_line_break_between_characters_is_dropped_not_spaced():
    assert respace("人脸\n信息 与 Cookie\n\n第二条", "zh").text == "人脸信息与 Cookie 第二条"
    assert respace("face\r\ngeometry", "en").text == "face geometry"


@pytest.mark.parametrize("wrapped", ["face\ngeometry", "face  geometry", "face\r\n   geometry"])
def test_hard_wrapped_phrase_is_found_and_quoted_as_written(wrapped):
    text = f"We collect and store your {wrapped} from the photos you upload."
    findings = [f for f in scan(text, "en").findings if f.rule == "en-biometric-data-collected"]
    assert len(findings) == 1
    assert wrapped in [e.text for e in findings[0].evidence]
    assert text[findings[0].start:findings[0].end] == findings[0].text


def test_wrapped_chinese_phrase_is_found():
    findings = scan("我们会收集您的人脸\n信息用于身份验证。", "zh").findings
    evidence = [e.text for f in findings if f.category == "biometric-data" and f.kind == "risk" for e in f.evidence]
    assert "人脸\n信息" in evidence
    assert all(text == text.strip() for text in evidence)  # ends map back exactly, with no stray line break


@pytest.mark.parametrize("text, lang", [
    ("We no\nlonger share your personal\ndata with advertisers.", "en"),  # a guard regex with a literal space
    ("我们将在法律要\n求的期限内保存您的个人信息。", "zh"),  # Chinese regexes allow no break between characters
    # Gap rules read the whole document: a wrapped "保存期限" or policy title still addresses the topic.
    ("我们会收集您的手机号码等个人信息，用于提供服务。关于保存\n期限，请见下文。", "zh"),
    ("我们会收集您的手机号码等个人信息，用于提供服务。详见《隐私\n政策》。", "zh"),
])
def test_regex_terms_read_wrapped_text_as_its_unwrapped_form(text, lang):
    unwrapped = text.replace("\n", " " if lang == "en" else "")
    wrapped_report, flat_report = scan(text, lang), scan(unwrapped, lang)
    assert [(f.rule, f.kind) for f in wrapped_report.findings] == [(f.rule, f.kind) for f in flat_report.findings]
    for finding in wrapped_report.findings:
        if finding.start is not None:
            assert text[finding.start:finding.end] == finding.text
        assert all(text[e.start:e.end] == e.text and e.text == e.text.strip() for e in finding.evidence)
