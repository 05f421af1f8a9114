"""Word-level tokens, similarity and diff ops for clause text.

Words are runs of letters/digits; CJK (and kana / hangul) text has no spaces, so each of its characters is a token
and a Chinese clause diffs per character. Whitespace is kept as tokens (so ops rebuild the exact text) but compares
equal to any other whitespace: re-wrapping a paragraph is not an edit.
"""
from __future__ import annotations

import re
from difflib import SequenceMatcher

_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\u3000-\u303f\uff00-\uffef"
_TOKEN = re.compile(rf"\s+|[{_CJK}]|[^\W{_CJK}]+|[^\w\s]", re.UNICODE)


def tokens(text: str) -> list[str]:
    """Every character of `text` lands in exactly one token, so "".join(tokens(t)) == t."""
    return _TOKEN.findall(text)


def _key(token: str) -> str:
    return " " if token.isspace() else token


def normalize(text: str) -> str:
    """Whitespace-insensitive form used to decide whether two clauses say the same thing."""
    return " ".join(text.split())


def word_tokens(text: str) -> list[str]:
    """The words (CJK: characters) of `text`, lower-cased, without punctuation: what similarity compares, so that
    Markdown marks ("###", "**") or a changed capital do not make unrelated clauses look alike or alike ones differ."""
    return [t.lower() for t in tokens(text) if t[0].isalnum()]


def similarity(a: str | list[str], b: str | list[str]) -> float:
    """0..1: share of words (CJK: characters) the two texts have in common, in order."""
    ta = word_tokens(a) if isinstance(a, str) else a
    tb = word_tokens(b) if isinstance(b, str) else b
    if not ta and not tb:
        return 1.0
    return SequenceMatcher(None, ta, tb, autojunk=False).ratio()


def word_ops(old: str, new: str) -> list[tuple[str, str]]:
    """(op, text) pieces, op in equal | delete | insert, that turn `old` into `new`.

    Equal pieces carry the new text (its whitespace), deletions come before insertions at a replaced spot, and
    neighbouring pieces of the same op are merged.
    """
    a, b = tokens(old), tokens(new)
    matcher = SequenceMatcher(None, [_key(t) for t in a], [_key(t) for t in b], autojunk=False)
    ops: list[tuple[str, str]] = []

    def add(op: str, text: str) -> None:
        if not text:
            return
        if ops and ops[-1][0] == op:
            ops[-1] = (op, ops[-1][1] + text)
        else:
            ops.append((op, text))

    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            add("equal", "".join(b[j1:j2]))
            continue
        if tag in ("delete", "replace"):
            add("delete", "".join(a[i1:i2]))
        if tag in ("insert", "replace"):
            add("insert", "".join(b[j1:j2]))
    return _absorb_lone_spaces(ops)


def _absorb_lone_spaces(ops: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """A single space kept 'equal' between two edits reads as noise ("[-a-] [-b-]"); fold it into the edits."""
    out: list[tuple[str, str]] = []
    for i, (op, text) in enumerate(ops):
        between_edits = (op == "equal" and text.isspace() and 0 < i < len(ops) - 1
                         and ops[i - 1][0] != "equal" and ops[i + 1][0] != "equal")
        if between_edits:
            out.append(("delete", text))
            out.append(("insert", text))
        else:
            out.append((op, text))
    # Re-merge and put deletions before insertions within each run of edits.
    merged: list[tuple[str, str]] = []
    run: dict[str, str] = {"delete": "", "insert": ""}

    def flush() -> None:
        for op in ("delete", "insert"):
            if run[op]:
                merged.append((op, run[op]))
                run[op] = ""

    for op, text in out:
        if op == "equal":
            flush()
            merged.append((op, text))
        else:
            run[op] += text
    flush()
    return merged
