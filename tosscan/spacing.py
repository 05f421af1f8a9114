"""The spacing rule terms should not see: line breaks and runs of spaces inside a clause.

Hard-wrapped text and PDF extractions write "face\ngeometry" or "face  geometry" where the contract says "face
geometry", and Chinese PDFs break lines between any two characters ("人脸\n信息"). spaCy makes the line break or the
extra space a token of its own, so a phrase term would silently miss the clause, and so would a regex written with
a plain space or, in Chinese, with no room for whitespace at all. So terms are matched in a respaced copy: every
run of whitespace is one plain space, and in Chinese whitespace between two characters is dropped ("人脸信息").
`Respaced.original()` maps an offset in the copy back to the text, so findings quote the text as written.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from itertools import accumulate

# Whitespace that is not a single plain space becomes one space. Chinese first drops any whitespace between two
# Chinese characters (a wrapped line): group 1 is a run that goes entirely.
_EN_RUN = re.compile(r"\s{2,}|[^\S ]")
_ZH_RUN = re.compile(r"(?<=[\u3400-\u9fff])(\s+)(?=[\u3400-\u9fff])|\s{2,}|[^\S ]")


class Respaced:
    """A respaced copy of a text and the ways between the two's offsets."""

    __slots__ = ("text", "_marks", "_shifts", "_ends")

    def __init__(self, text: str, marks: list[int], shifts: list[int], ends: list[int]):
        self.text = text
        self._marks = marks  # offsets in the copy from which...
        self._shifts = shifts  # ...this many characters were removed before them
        self._ends = ends  # the same places as offsets in the text (where each run ends)

    def original(self, offset: int) -> int:
        """The text's offset of the copy's character at `offset`."""
        i = bisect_right(self._marks, offset) - 1
        return offset + self._shifts[i] if i >= 0 else offset

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """The text's span of the copy's non-empty span [start, end): its last character maps back, not the
        whitespace run that may follow it in the text."""
        return self.original(start), self.original(end - 1) + 1

    def spaced(self, offset: int) -> int:
        """The copy's offset of the text's character at `offset`, which is not whitespace (or is the text's end)."""
        i = bisect_right(self._ends, offset) - 1
        return offset - self._shifts[i] if i >= 0 else offset

    def part(self, start: int, end: int) -> tuple[str, int]:
        """The copy of text[start:end] (a span that starts and ends on non-whitespace) and where it begins in the
        copy of the whole text."""
        begin = self.spaced(start)
        return self.text[begin:self.spaced(end - 1) + 1], begin


def respace(text: str, lang: str) -> Respaced:
    if lang == "zh":
        pattern, replace = _ZH_RUN, _zh_replacement
    else:
        pattern, replace = _EN_RUN, " "
    # (end of the run, characters it loses)
    runs = [(m.end(), m.end() - m.start() - (0 if m.lastindex else 1)) for m in pattern.finditer(text)]
    if not runs:
        return Respaced(text, [], [], [])
    shifts = list(accumulate(lost for _, lost in runs))
    # The text after a run begins, in the copy, at the run's end less all that was removed so far.
    marks = [end - shift for (end, _), shift in zip(runs, shifts)]
    return Respaced(pattern.sub(replace, text), marks, shifts, [end for end, _ in runs])


def _zh_replacement(run: re.Match) -> str:
    return "" if run.lastindex else " "
