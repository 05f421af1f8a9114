"""Tokenizing in blocks of clauses must find exactly what tokenizing each clause alone finds."""
from __future__ import annotations

from collections import defaultdict

from tosscan import scan
from tosscan.engine import BLOCK_CHARS, collect_hits, token_blocks
from tosscan.segment import Span, segment
from tosscan.spacing import respace

POLICY = """PRIVACY POLICY

1. We may use your photos, e.g. selfies, in any
   media and share them with advertisers. We store your face\ngeometry.
2. We don't sell personal information. We retain your data as long as necessary.

- You grant us a perpetual, irrevocable licence to your content.
- We may terminate your account at any time without notice.

""" + " ".join(["We collect your precise location and device identifiers for advertising."] * 30) + """
Text that continues past the limit with cookies, then a table:
| data | kept |
|------|------|
| photos | forever |
"""


def _hits_clause_by_clause(compiled, text, seg):
    hits = defaultdict(list)
    for i, clause in enumerate(seg.clauses):
        spaced = respace(text[clause.start:clause.end], "en")
        doc = compiled.nlp.make_doc(spaced.text)
        for match_id, start, end in compiled.phrase_matcher(doc):
            last = doc[end - 1]
            hits[compiled.nlp.vocab.strings[match_id]].append(
                (clause.start + spaced.original(doc[start].idx),
                 clause.start + spaced.original(last.idx + len(last) - 1) + 1, i))
    return {key: sorted(found) for key, found in hits.items()}


def test_blocks_cover_every_clause_in_order_and_join_only_across_whitespace():
    seg = segment(POLICY, "en")
    blocks = token_blocks(POLICY, seg.clauses)
    assert 1 < len(blocks) < len(seg.clauses)
    assert blocks[0][0] == seg.clauses[0].start and blocks[-1][1] == seg.clauses[-1].end
    clause_starts = {c.start for c in seg.clauses}
    clause_ends = {c.end for c in seg.clauses}
    for start, end in blocks:
        assert start in clause_starts and end in clause_ends
        inside = [c for c in seg.clauses if start <= c.start and c.end <= end]
        assert end - start <= BLOCK_CHARS or len(inside) == 1
        assert all(POLICY[a.end:b.start].isspace() for a, b in zip(inside, inside[1:]))
    # Consecutive blocks leave no clause out.
    covered = [c for c in seg.clauses if any(s <= c.start and c.end <= e for s, e in blocks)]
    assert covered == seg.clauses


def test_clauses_not_separated_by_whitespace_are_not_joined():
    text = "first clause" + "second clause" + " third clause"
    clauses = [Span(0, 12, "clause"), Span(12, 25, "clause"), Span(26, 38, "clause")]
    assert token_blocks(text, clauses) == [(0, 12), (12, 38)]


def test_a_phrase_running_from_one_clause_into_the_next_is_not_a_hit(scanner):
    # "face" ends a paragraph and "geometry" opens the next: respaced, the block reads "face geometry".
    report = scan("We use your face\n\ngeometry to improve the service.", "en")
    assert not [f for f in report.findings if f.category == "biometric-data" and f.kind == "risk"]


def test_block_hits_equal_clause_by_clause_hits(scanner):
    compiled = scanner.compiled("en")
    seg = segment(POLICY, "en")
    found = {key: sorted(hits) for key, hits in collect_hits(compiled, POLICY, seg).items()}
    assert found == _hits_clause_by_clause(compiled, POLICY, seg)
    assert any(key.startswith("l:") for key in found)  # the policy does hit lemma terms
    assert "p:face geometry" in found  # a phrase wrapped over two lines
