"""Literal prefilters for regexes: words that must occur in any match.

Python's `re` tries a pattern like `\\b(?:in|by)\\s+any\\s+(?:media|form)` at every position of the text. If we
know that every match contains "any", a plain substring test (fast, in C) rules most sentences out before the
regex runs. The required set is derived from the parsed pattern, conservatively: when in doubt there is no
prefilter and the regex always runs, so results never change.
"""
from __future__ import annotations

import re
from re import _constants as C  # noqa: N812 - the parser's opcode names
from re import _parser as sre_parse

# A prefilter made of very short literals rules nothing out; require at least this many characters.
MIN_LITERAL = 3


def _literal_runs(items) -> list[str]:
    """Runs of consecutive LITERAL opcodes in a sequence, as strings."""
    runs, current = [], []
    for op, arg in items:
        if op is C.LITERAL:
            current.append(chr(arg))
        else:
            if current:
                runs.append("".join(current))
            current = []
    if current:
        runs.append("".join(current))
    return runs


def _required(items) -> frozenset[str] | None:
    """A set of literals one of which occurs in every match of the sequence `items`, or None."""
    candidates: list[frozenset[str]] = [frozenset([run]) for run in _literal_runs(items)]
    for op, arg in items:
        if op is C.SUBPATTERN:
            found = _required(arg[-1])
            if found:
                candidates.append(found)
        elif op is C.BRANCH:
            branches = [_required(branch) for branch in arg[1]]
            if all(branches):
                candidates.append(frozenset().union(*branches))  # type: ignore[arg-type]
        elif op is C.IN:
            continue
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT) and arg[0] >= 1:
            found = _required(arg[2])
            if found:
                candidates.append(found)
    usable = [c for c in candidates if c and min(map(len, c)) >= MIN_LITERAL]
    if not usable:
        return None
    # The most selective: the set whose shortest literal is longest.
    return max(usable, key=lambda c: (min(map(len, c)), -len(c)))


def required_literals(pattern: re.Pattern) -> frozenset[str] | None:
    """Case-folded literals of which at least one appears in every match (for IGNORECASE patterns)."""
    if not pattern.flags & re.IGNORECASE:
        return None
    try:
        parsed = sre_parse.parse(pattern.pattern, pattern.flags)
    except re.error:
        return None
    found = _required(list(parsed))
    if not found:
        return None
    # Literals are compared with the case-folded text ("ſ" folds to "s", the Kelvin sign to "k"); a literal with
    # letters whose folding is not plain (outside ASCII and not caseless, e.g. "ß") gets no prefilter.
    if not all(c.isascii() or c.lower() == c == c.upper() for lit in found for c in lit):
        return None
    return frozenset(lit.casefold() for lit in found)
