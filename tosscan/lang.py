"""Decide whether a document is English or Chinese.

The decision weighs Chinese characters against Latin *words*, after removing what carries no language: URLs,
e-mail addresses, Markdown link targets, HTML tags. A Chinese policy is full of English product and SDK names
("Google Analytics", "Umeng SDK", "IDFA") and an English policy may name a Chinese company (北京某某科技有限公司);
counting words rather than letters, and sampling the whole document rather than its head, keeps both on the side
of their main language.
"""
from __future__ import annotations

import re

# CJK Unified Ideographs (+ extension A and compatibility ideographs).
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
# Words of two or more Latin letters (ASCII or full-width); single letters are list markers and initials.
_LATIN_WORD = re.compile(r"[A-Za-z\uff21-\uff3a\uff41-\uff5a]{2,}")
# Text that is not prose in any language.
_NOISE = re.compile(
    r"""(?:https?://|www\.)[^\s)\]>"'）]+     # URLs
      | [\w.+-]+@[\w-]+(?:\.[\w-]+)+          # e-mail addresses
      | \]\([^)\s]*\)                         # Markdown link targets: [text](target)
      | <[^>\n]{1,200}>                       # HTML tags
      | data:[\w/+.-]+;base64,[A-Za-z0-9+/=]+  # inline images
    """,
    re.VERBOSE,
)

# A sentence translated from English to Chinese takes about 1.5-1.8 characters per English word, so a text is
# Chinese when its Chinese characters outnumber 1.6 x its Latin words: more of its meaning is carried in Chinese.
CHARS_PER_WORD = 1.6
SAMPLE_WINDOWS = 8


def _sample(text: str, size: int) -> str:
    """Up to `size` characters taken from evenly spaced windows, so a long English preamble or appendix does not
    decide for the whole document."""
    if len(text) <= size:
        return text
    window = size // SAMPLE_WINDOWS
    step = (len(text) - window) / (SAMPLE_WINDOWS - 1)
    return "\n".join(text[int(i * step):int(i * step) + window] for i in range(SAMPLE_WINDOWS))


def script_counts(text: str, sample: int = 60_000) -> tuple[int, int]:
    """(Chinese characters, Latin words) in a sample of `text`, without URLs, e-mails and markup."""
    prose = _NOISE.sub(" ", _sample(text, sample))
    return len(_CJK.findall(prose)), len(_LATIN_WORD.findall(prose))


def detect_language(text: str, sample: int = 60_000) -> str:
    """'zh' when Chinese carries more of the text than English does, else 'en' (also for text with neither)."""
    cjk, words = script_counts(text, sample)
    return "zh" if cjk > CHARS_PER_WORD * words else "en"
