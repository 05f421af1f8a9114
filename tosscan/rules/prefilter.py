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

# A prefilter made of very short literals rules nothing out; require at least this weight (_weight).
MIN_LITERAL = 3


def _weight(literal: str) -> int:
    """Length, with a CJK character counted twice: two characters (收集, 共享) are as rare as a short English word."""
    return sum(2 if "\u2e80" <= c <= "\u9fff" or "\uf900" <= c <= "\ufaff" else 1 for c in literal)


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


def _leading_literals(items) -> str:
    """The literal characters a sequence of opcodes starts with."""
    chars = []
    for op, arg in items:
        if op is not C.LITERAL:
            break
        chars.append(chr(arg))
    return "".join(chars)


def _candidates(items) -> list[frozenset[str]]:
    """Sets of literals each of which has a member in every match of the sequence `items` (all hold at once)."""
    candidates: list[frozenset[str]] = [frozenset([run]) for run in _literal_runs(items)]
    for i, (op, arg) in enumerate(items):
        if op is C.BRANCH:
            # The parser moves a prefix common to all alternatives in front of the branch ("united|usa" becomes
            # "u" + "nited|sa"): glued back to each alternative's leading literals, it screens again.
            prefix = _leading_literals(reversed(list(items)[:i]))[::-1]
            if prefix:
                candidates.append(frozenset(prefix + _leading_literals(branch) for branch in arg[1]))
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
    usable = {c for c in candidates if c and min(map(_weight, c)) >= MIN_LITERAL}
    # The most selective first: the set whose shortest literal is longest.
    return sorted(usable, key=lambda c: (-min(map(_weight, c)), len(c), sorted(c)))


def _required(items) -> frozenset[str] | None:
    """A set of literals one of which occurs in every match of the sequence `items`, or None."""
    found = _candidates(items)
    return found[0] if found else None


def required_literal_sets(pattern: re.Pattern, limit: int = 3) -> tuple[frozenset[str], ...]:
    """Up to `limit` sets of case-folded literals (for IGNORECASE patterns): every match contains a member of each
    set. Testing several sets rules out more text than one ("off" and "service" in "on and off the service").
    Empty when there is nothing to screen with."""
    if not pattern.flags & re.IGNORECASE:
        return ()
    try:
        parsed = sre_parse.parse(pattern.pattern, pattern.flags)
    except re.error:
        return ()
    # Literals are compared with the case-folded text ("ſ" folds to "s", the Kelvin sign to "k"); a set with letters
    # whose folding is not plain (outside ASCII and not caseless, e.g. "ß") is not used.
    plain = [found for found in _candidates(list(parsed))
             if all(c.isascii() or c.lower() == c == c.upper() for lit in found for c in lit)]
    return tuple(frozenset(lit.casefold() for lit in found) for found in plain[:limit])
