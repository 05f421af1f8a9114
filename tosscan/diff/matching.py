"""Pair each finding of the old version with at most one finding of the new version.

Two findings can be the same finding across versions when they are of the same kind and either come from the same
rule, or from the same category on a similar clause (the clause was reworded and another rule of the topic now
fires). Among the candidates, pairs are taken best first: sitting on clauses that the alignment pairs counts most,
then the similarity of the matched text, then the same rule. Gaps have no text: they pair by rule, then category.

Scoring every old x new pair made a word diff per pair (33 s for a 108,000-character policy). The pairs chosen are
the same, the cost is not: pairs on aligned clauses are compared first and pairs elsewhere only between findings
still free (_Candidates), each text is split into words once, and a pair's word diff is computed only when an upper
bound of its score (from the lengths, then the words shared) puts it first in the queue.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import partial
from heapq import heapify, heappop, heappush

from ..models import Finding
from .clauses import Alignment
from .words import word_tokens, similarity

SIMILAR = 0.5  # a different rule of the same category only pairs on an aligned clause or text at least this similar


@dataclass(frozen=True, slots=True)
class Located:
    """A finding with the index of the clause it sits in (-1 for gaps)."""

    finding: Finding
    clause: int


@dataclass(frozen=True, slots=True)
class FindingPair:
    old: Located | None
    new: Located | None


# How far a queued pair's score is known: bounded by the word counts' lengths, by the words shared, or exact.
_BY_LENGTH, _BY_SHARED_WORDS, _EXACT = 0, 1, 2


class _Texts:
    """Each finding's words, split once, and their counts, made when a bound first needs them."""

    def __init__(self, located: list[Located]):
        self.words = [word_tokens(loc.finding.text or "") for loc in located]
        self._counts: list[Counter | None] = [None] * len(located)

    def counts(self, i: int) -> Counter:
        counted = self._counts[i]
        if counted is None:
            counted = self._counts[i] = Counter(self.words[i])
        return counted


def _ratio(matches: int, length: int) -> float:
    # difflib's own formula, so that a bound computed from more matches can never fall below the exact ratio.
    return 2.0 * matches / length if length else 1.0


class _Candidates:
    """The pairs that can score at all (one kind, and the same category or rule), in three tiers by the most they
    can score: on aligned clauses (2 or more), the same rule elsewhere (at most 2), the same category elsewhere
    (at most 1). The lower tiers are listed only when the queue gets down to their ceiling, and then only between
    findings still free: once most findings are paired on aligned clauses, few pairs are left to compare."""

    def __init__(self, old: list[Located], new: list[Located], alignment: Alignment):
        self.old, self.new, self.old_to_new = old, new, alignment.old_to_new
        self.new_in_clause = _index(new, lambda loc: (loc.clause,))
        self.by_rule = _index(old, _kind_rule), _index(new, _kind_rule)
        self.by_category = _index(old, _kind_category), _index(new, _kind_category)

    def aligned(self, i: int, j: int) -> bool:
        return self.old[i].clause >= 0 and self.old_to_new.get(self.old[i].clause) == self.new[j].clause

    def on_aligned_clauses(self):
        for i, a in enumerate(self.old):
            if a.clause < 0 or a.clause not in self.old_to_new:
                continue
            for j in self.new_in_clause.get((self.old_to_new[a.clause],), ()):
                b = self.new[j].finding
                if b.kind == a.finding.kind and (b.rule == a.finding.rule or b.category == a.finding.category):
                    yield i, j

    def other_rule(self, i: int, j: int) -> bool:
        return self.old[i].finding.rule != self.new[j].finding.rule

    def elsewhere(self, indexes: tuple[dict, dict], used_old: set[int], used_new: set[int], keep=None):
        """The free pairs off aligned clauses that share a key of `indexes` (by_rule or by_category) and pass
        `keep(i, j)` when given; old findings in index order, each with its new ones in index order."""
        old_index, new_index = indexes
        for key, olds in old_index.items():
            news = [j for j in new_index.get(key, ()) if j not in used_new]
            for i in olds:
                if i not in used_old:
                    yield from ((i, j) for j in news if (keep is None or keep(i, j)) and not self.aligned(i, j))


def _kind_rule(loc: Located) -> tuple:
    return loc.finding.kind, loc.finding.rule


def _kind_category(loc: Located) -> tuple:
    return loc.finding.kind, loc.finding.category


def _index(located: list[Located], key) -> dict[tuple, list[int]]:
    index: dict[tuple, list[int]] = defaultdict(list)
    for i, loc in enumerate(located):
        index[key(loc)].append(i)
    return index


def _entry(i: int, j: int, stage: int, candidates: _Candidates, old_texts: _Texts, new_texts: _Texts) -> tuple | None:
    """The queue entry of a pair at `stage`: (-score or -bound of the score, i, j, stage), None when it cannot pair.

    The score is 2 for a clause the alignment pairs, plus the words' similarity, plus 1 for the same rule; a
    different rule pairs only on an aligned clause or a similarity of at least SIMILAR.
    """
    a, b = candidates.old[i].finding, candidates.new[j].finding
    same_rule = a.rule == b.rule
    if a.kind == "gap":
        return (-(2.0 if same_rule else 1.0), i, j, _EXACT)
    aligned = candidates.aligned(i, j)
    ta, tb = old_texts.words[i], new_texts.words[j]
    length = len(ta) + len(tb)
    if stage == _BY_LENGTH and length:
        sim = _ratio(min(len(ta), len(tb)), length)  # difflib's real_quick_ratio
    elif stage == _BY_SHARED_WORDS and length:
        shared = old_texts.counts(i) & new_texts.counts(j)
        sim = _ratio(sum(shared.values()), length)  # difflib's quick_ratio
    else:
        stage = _EXACT
        sim = similarity(ta, tb)
    if not same_rule and not aligned and sim < SIMILAR:
        return None
    return (-(2.0 * aligned + sim + 1.0 * same_rule), i, j, stage)


def match_findings(old: list[Located], new: list[Located], alignment: Alignment) -> list[FindingPair]:
    """Pairs in both versions, then the old findings left alone, then the new ones left alone.

    Best score first, ties by old then new index. A queued bound is never below the pair's exact score and a tier
    joins the queue before anything at its ceiling leaves it, so when an exact score comes out of the queue no other
    open pair can beat it: the pairs are those of scoring every pair.
    """
    texts = _Texts(old), _Texts(new)
    candidates = _Candidates(old, new, alignment)
    used_old: set[int] = set()
    used_new: set[int] = set()
    queue: list[tuple] = []
    # The same rule elsewhere scores at most 2; the same category elsewhere (another rule) at most 1.
    later = [(-2.0, partial(candidates.elsewhere, candidates.by_rule)),
             (-1.0, partial(candidates.elsewhere, candidates.by_category, keep=candidates.other_rule))]

    def enqueue(pairs) -> None:
        queue.extend(e for i, j in pairs if (e := _entry(i, j, _BY_LENGTH, candidates, *texts)) is not None)
        heapify(queue)

    enqueue(candidates.on_aligned_clauses())
    pairs: list[FindingPair] = []
    while queue or later:
        if later and (not queue or queue[0][0] >= later[0][0]):
            enqueue(later.pop(0)[1](used_old, used_new))
            continue
        _, i, j, stage = heappop(queue)
        if i in used_old or j in used_new:
            continue
        if stage != _EXACT:
            refined = _entry(i, j, stage + 1, candidates, *texts)
            if refined is not None:
                heappush(queue, refined)
            continue
        used_old.add(i)
        used_new.add(j)
        pairs.append(FindingPair(old[i], new[j]))
    pairs.extend(FindingPair(a, None) for i, a in enumerate(old) if i not in used_old)
    pairs.extend(FindingPair(None, b) for j, b in enumerate(new) if j not in used_new)
    return pairs
