"""Case-sensitive twins of IGNORECASE regexes, to search case-folded text.

Python's `re` compares every character through a case table when IGNORECASE is on; on text that is already
case-folded the same pattern without the flag finds the same matches about a third faster. That holds only when
the pattern itself has nothing that case-folding would change (an upper-case literal or range, a case-sensitive
inline group); such a pattern gets no twin and is searched as written. The engine also needs the folded text to
have the original's length, so that match offsets index the original (see engine._Index._haystack).
"""
from __future__ import annotations

import re
from re import _constants as C  # noqa: N812 - the parser's opcode names
from re import _parser as sre_parse


def folded_twin(pattern: re.Pattern) -> re.Pattern | None:
    if not pattern.flags & re.IGNORECASE:
        return None
    try:
        parsed = sre_parse.parse(pattern.pattern, pattern.flags)
    except re.error:
        return None
    if not _fold_stable(parsed):
        return None
    return re.compile(pattern.pattern, pattern.flags & ~re.IGNORECASE)


def _stable(code: int) -> bool:
    char = chr(code)
    return char.casefold() == char


def _fold_stable(items) -> bool:
    for op, arg in items:
        if op in (C.LITERAL, C.NOT_LITERAL):
            if not _stable(arg):
                return False
        elif op is C.IN:
            for inner_op, inner_arg in arg:
                if inner_op is C.LITERAL and not _stable(inner_arg):
                    return False
                if inner_op is C.RANGE and not all(map(_stable, range(inner_arg[0], inner_arg[1] + 1))):
                    return False
                if inner_op not in (C.LITERAL, C.RANGE, C.CATEGORY, C.NEGATE):
                    return False
        elif op is C.SUBPATTERN:
            _group, add_flags, del_flags, sub = arg
            if del_flags & re.IGNORECASE or not _fold_stable(sub):
                return False
        elif op is C.BRANCH:
            if not all(_fold_stable(branch) for branch in arg[1]):
                return False
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
            if not _fold_stable(arg[2]):
                return False
        elif op in (C.ASSERT, C.ASSERT_NOT):
            if not _fold_stable(arg[1]):
                return False
        elif op is C.ATOMIC_GROUP:
            if not _fold_stable(arg):
                return False
        elif op not in (C.AT, C.ANY, C.CATEGORY, C.GROUPREF):
            return False  # anything unknown: search as written
    return True
