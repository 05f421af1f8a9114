"""Align the clauses of two versions of a document: unchanged, moved, edited, added, removed.

1. Clauses with the same text (whitespace ignored) in the same order are unchanged (difflib on the clause list).
2. Clauses with the same text found elsewhere are moved: reordering sections is not an edit.
3. The rest are paired by word similarity (best pairs first, above a threshold): edited.
4. What is left was added or removed.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from difflib import SequenceMatcher

from ..segment import Segmentation
from .words import word_tokens, normalize

EDIT_THRESHOLD = 0.5  # share of common words above which two clauses are one clause edited, not two clauses
# Pairs sharing fewer distinct words than this are not compared further (a clause edited to half its words keeps
# well over this share of its vocabulary).
WORD_SHARE = 0.4
# Beyond this many candidate pairs, fuzzy pairing only looks inside the stretch where difflib saw the change,
# so a fully rewritten long document stays fast.
MAX_CROSS_PAIRS = 40_000


@dataclass(frozen=True, slots=True)
class ClausePair:
    status: str  # unchanged | moved | edited | added | removed
    old: int | None  # clause index in the old segmentation
    new: int | None


@dataclass
class Alignment:
    pairs: list[ClausePair]
    old_to_new: dict[int, int]
    new_to_old: dict[int, int]


def _texts(seg: Segmentation) -> list[str]:
    return [normalize(seg.slice(c)) for c in seg.clauses]


def align(old: Segmentation, new: Segmentation) -> Alignment:
    old_keys, new_keys = _texts(old), _texts(new)
    pairs: list[ClausePair] = []
    regions: list[tuple[list[int], list[int]]] = []  # the stretches difflib could not match, for step 3
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, old_keys, new_keys, autojunk=False).get_opcodes():
        if tag == "equal":
            pairs.extend(ClausePair("unchanged", i, j) for i, j in zip(range(i1, i2), range(j1, j2)))
        else:
            regions.append((list(range(i1, i2)), list(range(j1, j2))))
    left_old = [i for olds, _ in regions for i in olds]
    left_new = [j for _, news in regions for j in news]

    # 2. Same text elsewhere: moved. Taken in document order so repeated clauses pair first with first.
    waiting: dict[str, list[int]] = {}
    for j in left_new:
        waiting.setdefault(new_keys[j], []).append(j)
    matched_old, matched_new = set(), set()
    for i in left_old:
        queue = waiting.get(old_keys[i])
        if queue:
            j = queue.pop(0)
            pairs.append(ClausePair("moved", i, j))
            matched_old.add(i)
            matched_new.add(j)

    # 3. Similar text: edited.
    rest_old = [i for i in left_old if i not in matched_old]
    rest_new = [j for j in left_new if j not in matched_new]
    if len(rest_old) * len(rest_new) <= MAX_CROSS_PAIRS:
        candidates = [(rest_old, rest_new)]
    else:
        candidates = [([i for i in olds if i not in matched_old], [j for j in news if j not in matched_new])
                      for olds, news in regions]
    scored = [pair for olds, news in candidates for pair in _similar_pairs(olds, news, old_keys, new_keys)]
    for _, i, j in sorted(scored):
        if i in matched_old or j in matched_new:
            continue
        pairs.append(ClausePair("edited", i, j))
        matched_old.add(i)
        matched_new.add(j)

    # 4. The rest.
    pairs.extend(ClausePair("removed", i, None) for i in rest_old if i not in matched_old)
    pairs.extend(ClausePair("added", None, j) for j in rest_new if j not in matched_new)
    pairs.sort(key=lambda p: (p.new if p.new is not None else _anchor(p.old, pairs), p.old is None))
    old_to_new = {p.old: p.new for p in pairs if p.old is not None and p.new is not None}
    return Alignment(pairs, old_to_new, {v: k for k, v in old_to_new.items()})


def _similar_pairs(olds: list[int], news: list[int], old_keys: list[str],
                   new_keys: list[str]) -> list[tuple[float, int, int]]:
    """(-ratio, old, new) for every pair of clauses at least EDIT_THRESHOLD alike.

    Cheap tests first, as a rewritten document compares every clause with every other: lengths (a ratio of T needs
    the shorter clause to have at least T / (2 - T) of the longer one's words), then the share of distinct words in
    common (a set intersection), and only then difflib's ratio.
    """
    out: list[tuple[float, int, int]] = []
    if not olds or not news:
        return out
    # A clause without words ("---", a lone "*") is never an edit of another one.
    old_tokens = {i: tokens for i in olds if (tokens := word_tokens(old_keys[i]))}
    old_sets = {i: frozenset(tokens) for i, tokens in old_tokens.items()}
    by_length = sorted(old_tokens, key=lambda i: len(old_tokens[i]))
    lengths = [len(old_tokens[i]) for i in by_length]
    factor = EDIT_THRESHOLD / (2 - EDIT_THRESHOLD)
    for j in news:
        tokens = word_tokens(new_keys[j])
        if not tokens:
            continue
        words = frozenset(tokens)
        matcher = SequenceMatcher(None, autojunk=False)
        matcher.set_seq2(tokens)  # difflib caches what it learns about seq2
        for i in by_length[bisect_left(lengths, len(tokens) * factor):bisect_right(lengths, len(tokens) / factor)]:
            old_words = old_sets[i]
            if 2 * len(old_words & words) < WORD_SHARE * (len(old_words) + len(words)):
                continue
            matcher.set_seq1(old_tokens[i])
            ratio = matcher.ratio()
            if ratio >= EDIT_THRESHOLD:
                out.append((-ratio, i, j))
    return out


def _anchor(old_index: int | None, pairs: list[ClausePair]) -> float:
    """Where a removed clause sits in the new document: just after the new position of its old predecessor."""
    best = -1.0
    for p in pairs:
        if p.old is not None and p.new is not None and p.old < (old_index or 0):
            best = max(best, p.new + 0.5)
    return best


def clause_of(seg: Segmentation, start: int | None) -> int:
    """Index of the clause holding `start`, or -1 (gaps have no position)."""
    return -1 if start is None else seg.clause_at(start)
