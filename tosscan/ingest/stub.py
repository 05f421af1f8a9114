"""Pages whose text never came: a page that builds its text with JavaScript, saved or fetched without running it.
tosscan does not run JavaScript, so it says so instead of scanning a notice (or nothing) as if it were the terms."""
from __future__ import annotations

import re

from ..errors import IngestError

# "Please enable JavaScript to continue": a page that builds its text in the browser, saved or fetched without it.
_NEEDS_SCRIPT = re.compile(r"\b(?:enable|turn\s+on|activate|requires?|needs?)\s+(?:\w+\s+){0,2}?javascript\b|"
                           r"\bjavascript\s+(?:is\s+)?(?:required|disabled|must\s+be\s+enabled)\b|"
                           r"(?:启用|开启|打开|需要|支持)\s*javascript", re.IGNORECASE)
# The sentence that holds such a notice (up to its end or the text's).
_NEEDS_SCRIPT_SENTENCE = re.compile(r"[^.!?。！？\n]*(?:" + _NEEDS_SCRIPT.pattern + r")[^.!?。！？\n]*[.!?。！？]?",
                                    re.IGNORECASE)
# A text this short holding such a notice, with at most a few words beside it (a shop name, "Loading..."), is a
# page whose text never came.
_STUB_WORDS = 60
_STUB_OTHER_WORDS = 6
_SCRIPT_TAG = re.compile(r"<(?:no)?script\b", re.IGNORECASE)


def is_script_stub(text: str) -> bool:
    """Is the whole text a notice that the page needs JavaScript, with next to nothing beside it? (A short excerpt
    that mentions JavaScript among its clauses is a document.)"""
    if len(text.split()) >= _STUB_WORDS or len(text) >= _STUB_WORDS * 8:
        return False
    notice = _NEEDS_SCRIPT_SENTENCE.search(text)
    if notice is None:
        return False
    rest = text[:notice.start()] + text[notice.end():]
    return len(rest.split()) <= _STUB_OTHER_WORDS and len(rest.strip()) <= _STUB_OTHER_WORDS * 8


def check_page_has_text(page: str, text: str) -> None:
    """Raise IngestError(needs_javascript) when the HTML `page` yields no `text` but has scripts."""
    if not text.strip() and _SCRIPT_TAG.search(page):
        raise IngestError("this page has no text until JavaScript builds it, and tosscan does not run JavaScript: "
                          "open the page in a browser, copy the terms and paste them", "needs_javascript")


def check_not_stub(text: str) -> None:
    """Raise IngestError(needs_javascript) when the whole text is a notice that JavaScript is needed."""
    if is_script_stub(text):
        raise IngestError("this document holds only a notice that its page needs JavaScript, which tosscan does "
                          f"not run (it says {text.strip()[:80]!r}): open the page in a browser, copy the terms and "
                          "paste them", "needs_javascript")
