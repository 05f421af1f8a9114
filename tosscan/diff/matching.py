"""Pair each finding of the old version with at most one finding of the new version.

Two findings can be the same finding across versions when they are of the same kind and either come from the same
rule, or from the same category on a similar clause (the clause was reworded and another rule of the topic now
fires). Among the candidates, pairs are taken best first: sitting on clauses that the alignment pairs counts most,
then the similarity of the matched text, then the same rule. Gaps have no text: they pair by rule, then category.
"""
from __future__ import annotations

from dataclasses import dataclass

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


def _score(old: Located, new: Located, alignment: Alignment) -> float | None:
    a, b = old.finding, new.finding
    if a.kind != b.kind or (a.rule != b.rule and a.category != b.category):
        return None
    same_rule = a.rule == b.rule
    if a.kind == "gap":
        return 2.0 if same_rule else 1.0
    aligned = old.clause >= 0 and alignment.old_to_new.get(old.clause) == new.clause
    sim = similarity(word_tokens(a.text or ""), word_tokens(b.text or ""))
    if not same_rule and not aligned and sim < SIMILAR:
        return None
    return 2.0 * aligned + sim + 1.0 * same_rule


def match_findings(old: list[Located], new: list[Located], alignment: Alignment) -> list[FindingPair]:
    """Pairs in both versions, then the old findings left alone, then the new ones left alone."""
    scored = []
    for i, a in enumerate(old):
        for j, b in enumerate(new):
            score = _score(a, b, alignment)
            if score is not None:
                scored.append((-score, i, j))
    used_old: set[int] = set()
    used_new: set[int] = set()
    pairs: list[FindingPair] = []
    for _, i, j in sorted(scored):
        if i in used_old or j in used_new:
            continue
        used_old.add(i)
        used_new.add(j)
        pairs.append(FindingPair(old[i], new[j]))
    pairs.extend(FindingPair(a, None) for i, a in enumerate(old) if i not in used_old)
    pairs.extend(FindingPair(None, b) for j, b in enumerate(new) if j not in used_new)
    return pairs
