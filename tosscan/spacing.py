"""The spacing phrase terms should not see: line breaks and runs of spaces inside a clause.

Hard-wrapped text and PDF extractions write "face\\ngeometry" or "face  geometry" where the contract says "face
geometry". spaCy makes the line break or the extra space a token of its own, so a phrase term would silently miss
the clause (regex terms, written with \\s+, do not). So phrases are matched in a respaced copy: every run of
whitespace is one plain space, and in Chinese a line break between two characters is dropped ("人脸\\n信息" is
"人脸信息"). `Respaced.original()` maps an offset in the copy back to the text.
"""
from __future__ import annotations

import re
from bisect import bisect_right

# Whitespace that is not a single plain space.
_EN_RUN = re.compile(r"\s{2,}|[^\S ]")
# Chinese adds: any whitespace between two Chinese characters (a wrapped line), which goes entirely.
_ZH_RUN = re.compile(r"(?<=[\u3400-\u9fff])\s+(?=[\u3400-\u9fff])|\s{2,}|[^\S ]")
_CJK_CHAR = re.compile(r"[\u3400-\u9fff]")


class Respaced:
    """A respaced copy of a text and the way back to the text's offsets."""

    __slots__ = ("text", "_marks", "_shifts")

    def __init__(self, text: str, marks: list[int], shifts: list[int]):
        self.text = text
        self._marks = marks  # offsets in the copy from which...
        self._shifts = shifts  # ...this many characters were removed before them

    def original(self, offset: int) -> int:
        i = bisect_right(self._marks, offset) - 1
        return offset + self._shifts[i] if i >= 0 else offset


def respace(text: str, lang: str) -> Respaced:
    pattern = _ZH_RUN if lang == "zh" else _EN_RUN
    pieces: list[str] = []
    marks: list[int] = []
    shifts: list[int] = []
    removed = cursor = 0
    for run in pattern.finditer(text):
        start, end = run.span()
        # Between two Chinese characters nothing replaces the run; elsewhere one space does.
        joined = lang == "zh" and start > 0 and end < len(text) and _CJK_CHAR.match(text, start - 1) \
            and _CJK_CHAR.match(text, end)
        replacement = "" if joined else " "
        pieces.append(text[cursor:start])
        pieces.append(replacement)
        marks.append(start - removed + len(replacement))  # where the text after the run begins in the copy
        removed += end - start - len(replacement)
        shifts.append(removed)
        cursor = end
    if not marks:
        return Respaced(text, marks, shifts)
    pieces.append(text[cursor:])
    return Respaced("".join(pieces), marks, shifts)
