"""Decide whether a document is English or Chinese."""
from __future__ import annotations

import re

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_LATIN = re.compile(r"[A-Za-z]")


def detect_language(text: str, sample: int = 50_000) -> str:
    """'zh' when Chinese characters carry more of the text than Latin words do, else 'en'.

    One Chinese character carries about as much as three or four Latin letters, so a Chinese policy full of
    English product names, or an English policy naming a Chinese company, is still classed by its main language.
    """
    head = text[:sample]
    cjk = len(_CJK.findall(head))
    latin = len(_LATIN.findall(head))
    return "zh" if cjk * 3.5 > latin else "en"
