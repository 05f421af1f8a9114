"""One definition of a Chinese character (tosscan.lang.CJK) serves language detection, segmentation and the excerpt
size: a character that makes a text Chinese must also be Chinese to the segmenter and to the excerpt count."""
from __future__ import annotations

from tosscan.lang import CJK, script_counts
from tosscan.report.build import excerpt_size
from tosscan.segment import segment

MAIN, EXTENSION_A, COMPATIBILITY = "我", "\u3400", "\uf900"  # 豈: PDFs sometimes extract ideographs from this block
HEXAGRAM = "\u4dc0"  # a Yijing symbol between extension A and the main block: not a character of any text


def test_every_ideograph_block_is_chinese_and_symbols_are_not():
    assert all(CJK.fullmatch(c) for c in (MAIN, EXTENSION_A, COMPATIBILITY))
    assert not CJK.match(HEXAGRAM)


def test_the_excerpt_counts_the_characters_language_detection_counts():
    text = MAIN * 5 + COMPATIBILITY * 3 + EXTENSION_A * 2 + HEXAGRAM * 7
    assert script_counts(text)[0] == 10
    assert excerpt_size(text, "zh") == 10


def test_a_number_right_before_any_ideograph_opens_a_list_item():
    text = f"我们收集以下信息\n1.{COMPATIBILITY}我们收集的信息。\n2.{COMPATIBILITY}我们如何使用。\n"
    seg = segment(text, "zh")
    assert [text[c.start:c.end] for c in seg.clauses] == [
        "我们收集以下信息", f"1.{COMPATIBILITY}我们收集的信息。", f"2.{COMPATIBILITY}我们如何使用。"]
