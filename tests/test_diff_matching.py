"""Finding matching: the fast matcher picks exactly the pairs of scoring every old x new pair and taking the best
first. Checked against that plain reference on random findings built to tie often (few rules, few words)."""
from __future__ import annotations

import random

import pytest

from tosscan.diff.clauses import Alignment
from tosscan.diff.matching import SIMILAR, Located, match_findings
from tosscan.diff.words import similarity, word_tokens
from tosscan.models import Finding

RULES = {"r-license-a": "content-license", "r-license-b": "content-license", "r-train": "model-training",
         "r-gap-a": "content-license", "r-gap-b": "content-license"}
WORDS = "we may use your photos in any media for training our models and share them".split()


def reference_pairs(old: list[Located], new: list[Located], alignment: Alignment) -> list[tuple[int, int]]:
    """The specification: score every pair, then take pairs best first (ties: old index, then new index)."""
    scored = []
    for i, a in enumerate(old):
        for j, b in enumerate(new):
            fa, fb = a.finding, b.finding
            if fa.kind != fb.kind or (fa.rule != fb.rule and fa.category != fb.category):
                continue
            same_rule = fa.rule == fb.rule
            if fa.kind == "gap":
                scored.append((-(2.0 if same_rule else 1.0), i, j))
                continue
            aligned = a.clause >= 0 and alignment.old_to_new.get(a.clause) == b.clause
            sim = similarity(word_tokens(fa.text or ""), word_tokens(fb.text or ""))
            if not same_rule and not aligned and sim < SIMILAR:
                continue
            scored.append((-(2.0 * aligned + sim + 1.0 * same_rule), i, j))
    used_old, used_new, pairs = set(), set(), []
    for _, i, j in sorted(scored):
        if i not in used_old and j not in used_new:
            used_old.add(i)
            used_new.add(j)
            pairs.append((i, j))
    return pairs


def random_findings(rnd: random.Random, count: int, clauses: int) -> list[Located]:
    located = []
    for _ in range(count):
        rule = rnd.choice(list(RULES))
        if rule.startswith("r-gap"):
            finding = Finding(rule=rule, category=RULES[rule], kind="gap", severity="high", title=rule,
                              explanation="-")
            located.append(Located(finding, -1))
            continue
        text = " ".join(rnd.choice(WORDS) for _ in range(rnd.randint(0, 6)))  # some empty, many alike
        finding = Finding(rule=rule, category=RULES[rule], kind="risk", severity="high", title=rule, explanation="-",
                          start=0, end=len(text), text=text)
        located.append(Located(finding, rnd.randrange(-1, clauses)))
    return located


def random_alignment(rnd: random.Random, clauses: int) -> Alignment:
    half = clauses // 2
    old_to_new = dict(zip(rnd.sample(range(clauses), half), rnd.sample(range(clauses), half)))
    return Alignment(pairs=[], old_to_new=old_to_new, new_to_old={j: i for i, j in old_to_new.items()})


def as_indices(pairs, old, new) -> list[tuple[int, int]]:
    old_at = {id(loc): i for i, loc in enumerate(old)}
    new_at = {id(loc): j for j, loc in enumerate(new)}
    return [(old_at[id(p.old)], new_at[id(p.new)]) for p in pairs if p.old is not None and p.new is not None]


@pytest.mark.parametrize("seed", range(40))
def test_the_pairs_are_those_of_scoring_every_pair(seed):
    rnd = random.Random(seed)
    clauses = rnd.randint(1, 8)
    old, new = random_findings(rnd, rnd.randint(0, 40), clauses), random_findings(rnd, rnd.randint(0, 40), clauses)
    alignment = random_alignment(rnd, clauses)
    pairs = match_findings(old, new, alignment)
    expected = reference_pairs(old, new, alignment)
    assert as_indices(pairs, old, new) == expected
    # Every finding appears once: paired, or alone after the pairs (old ones, then new ones).
    alone_old = [p.old for p in pairs[len(expected):] if p.new is None]
    alone_new = [p.new for p in pairs[len(expected):] if p.old is None]
    paired_old = {i for i, _ in expected}
    paired_new = {j for _, j in expected}
    assert alone_old == [a for i, a in enumerate(old) if i not in paired_old]
    assert alone_new == [b for j, b in enumerate(new) if j not in paired_new]
    assert len(pairs) == len(old) + len(new) - len(expected)
