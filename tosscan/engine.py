"""Run compiled rules over a segmented document and return findings (risks, protections, then gaps).

Flow: tokenize clause by clause -> match every phrase/token term in one pass -> index the hits by sentence and clause ->
for each rule, intersect the units where its anchored groups hit -> check the remaining groups (regexes searched
only inside those units) and the `none` guards -> one finding per unit. Gap rules look at the whole document and
at the findings already made.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from collections import defaultdict
from typing import Iterable

from spacy.attrs import IDX, LENGTH
from spacy.tokenizer import Tokenizer

from .models import Evidence, Finding
from .rules.compile import CompiledGroup, CompiledRule, CompiledRuleset
from .segment import Segmentation, Span, segment

Hit = tuple[int, int]  # character offsets


class _Index:
    """Where each term matched: per key, per scope unit, the list of character spans."""

    def __init__(self, seg: Segmentation, located: dict[str, list[tuple[int, int, int]]]):
        """`located`: per term key, (start, end, clause index) of each hit, as collect_hits returns them."""
        self.seg = seg
        self.located = located
        self._regex_memo: dict[tuple[str, str, int], bool] = {}
        self._folded: dict[tuple[str, int], str] = {}
        self._folded_text: str | None = None
        self.by_unit: dict[str, dict[str, dict[int, list[Hit]]]] = {"sentence": {}, "clause": {}}
        # Headings name topics; they are not clauses to judge.
        heading = [c.kind == "heading" for c in seg.clauses]
        starts, sentences = seg._sentence_starts, seg.sentences
        for key, spans in located.items():
            by_clause: dict[int, list[Hit]] = defaultdict(list)
            by_sentence: dict[int, list[Hit]] = defaultdict(list)
            for start, end, clause in spans:
                if heading[clause]:
                    continue
                by_clause[clause].append((start, end))
                sentence = bisect_right(starts, start) - 1
                if sentence >= 0 and start < sentences[sentence].end:
                    by_sentence[sentence].append((start, end))
            self.by_unit["clause"][key] = by_clause
            self.by_unit["sentence"][key] = by_sentence

    def units_of(self, group: CompiledGroup, scope: str) -> set[int]:
        found: set[int] = set()
        table = self.by_unit[scope]
        for key in group.eager_keys:
            if key in table:
                found.update(table[key])
        return found

    def spans_in(self, group: CompiledGroup, scope: str, unit: int, span: Span, text: str) -> list[tuple[str, Hit]]:
        """Every hit of the group's terms inside one unit (for evidence)."""
        out: list[tuple[str, Hit]] = []
        table = self.by_unit[scope]
        for key in group.eager_keys:
            out.extend((key, h) for h in table.get(key, {}).get(unit, ()))
        if group.regexes:
            chunk = text[span.start:span.end]
            for key, regex in group.regexes:
                out.extend((key, (span.start + m.start(), span.start + m.end()))
                           for m in regex.finditer(chunk) if m.end() > m.start())
        return out

    def regex_hits_unit(self, group: CompiledGroup, scope: str, unit: int, chunk: str) -> bool:
        """Does one of the group's regexes match inside the unit? Literal screening first, then the regex."""
        folded = None
        for regex, literals in group.screened:
            if literals is not None:
                if folded is None:
                    folded = self._folded.get((scope, unit))
                    if folded is None:
                        folded = self._folded[(scope, unit)] = chunk.casefold()
                if not any(map(folded.__contains__, literals)):
                    continue
            if self._search(regex, scope, unit, chunk):
                return True
        return False

    def _search(self, regex: re.Pattern, scope: str, unit: int, chunk: str) -> bool:
        # Shared guards (negation, limitation) are asked about the same unit by many rules: remember answers.
        memo_key = (regex.pattern, scope, unit)
        found = self._regex_memo.get(memo_key)
        if found is None:
            found = self._regex_memo[memo_key] = regex.search(chunk) is not None
        return found

    def anywhere(self, group: CompiledGroup, text: str) -> list[tuple[str, Hit]]:
        out: list[tuple[str, Hit]] = []
        for key in group.eager_keys:
            out.extend((key, (start, end)) for start, end, _ in self.located.get(key, ())[:1])
        for (key, regex), (_, literals) in zip(group.regexes, group.screened):
            if literals is not None:
                if self._folded_text is None:
                    self._folded_text = text.casefold()
                if not any(map(self._folded_text.__contains__, literals)):
                    continue  # a whole-document search is costly; the literal test rules it out
            m = regex.search(text)
            if m:
                out.append((key, (m.start(), m.end())))
        return out


def collect_hits(ruleset: CompiledRuleset, text: str, seg: Segmentation) -> dict[str, list[tuple[int, int, int]]]:
    """Match every phrase/token term, tokenizing clause by clause: per term key, (start, end, clause index).

    One Doc per clause, not one for the whole text: spaCy's tokenizer stops caching for the rest of a Doc once it
    meets a special case such as "e.g." or "don't" (spaCy issue #1250), so whole-document tokenization misses the
    cache on most words. Terms never span clauses (rules are scoped to a sentence or a clause), so nothing is lost.
    """
    make_doc = ruleset.nlp.make_doc
    strings = ruleset.nlp.vocab.strings
    matchers = [m for m in (ruleset.phrase_matcher, ruleset.matcher) if len(m)]
    hits: dict[str, list[tuple[int, int, int]]] = defaultdict(list)
    # (offset of the Doc in the text, its clause index or None when the Doc spans the whole text, the Doc)
    if not isinstance(ruleset.nlp.tokenizer, Tokenizer):
        # Tokenizers without that cache (Chinese character segmentation) cost the same in one call.
        blocks = [(0, None, make_doc(text))]
    else:
        blocks = [(c.start, i, make_doc(text[c.start:c.end])) for i, c in enumerate(seg.clauses)]
    for base, block_clause, doc in blocks:
        matches = [m for matcher in matchers for m in matcher(doc)]
        if not matches:
            continue
        # Token offsets and lengths from one array: cheaper than a Token object per match end.
        offsets = doc.to_array([IDX, LENGTH])
        for match_id, start, end in matches:
            last_idx, last_len = offsets[end - 1]
            first_char = base + int(offsets[start, 0])
            clause = seg.clause_at(first_char) if block_clause is None else block_clause
            if clause >= 0:
                hits[strings[match_id]].append((first_char, base + int(last_idx + last_len), clause))
    return hits


def _evidence(pairs: Iterable[tuple[str, Hit]], text: str, labels: dict[str, str], role: str = "match"):
    seen = set()
    out = []
    for key, (s, e) in sorted(pairs, key=lambda p: p[1]):
        if (s, e) in seen:
            continue
        seen.add((s, e))
        # model_construct: the values come from validated rules and exact offsets; validation would only cost time.
        out.append(Evidence.model_construct(start=s, end=e, text=text[s:e], role=role, term=labels.get(key, key)))
    return out


def _finding(rule_c: CompiledRule, start: int | None, end: int | None, text: str,
             evidence: list[Evidence]) -> Finding:
    rule = rule_c.rule
    return Finding.model_construct(rule=rule.id, category=rule.category, kind=rule.kind, severity=rule.severity,
                                   title=rule.title, explanation=rule.explanation,
                                   fair_alternative=rule.fair_alternative, references=list(rule.references),
                                   start=start, end=end, text=None if start is None else text[start:end],
                                   evidence=evidence)


def _clause_rule_findings(rule_c: CompiledRule, index: _Index, text: str, labels: dict[str, str]) -> list[Finding]:
    rule = rule_c.rule
    scope = rule.scope
    seg = index.seg
    units = seg.sentences if scope == "sentence" else seg.clauses
    candidates: set[int] | None = None
    for group in rule_c.anchored:
        found = index.units_of(group, scope)
        candidates = found if candidates is None else candidates & found
        if not candidates:
            return []
    if candidates is None:  # only regex groups: every unit is a candidate
        candidates = {i for i, u in enumerate(units) if u.kind != "heading"}
    # Anchored groups hold in every candidate already. For the other groups (and the guards), the units where
    # their phrase/lemma terms hit are one set each; a regex runs only where that set does not answer.
    anchored = {id(g) for g in rule_c.anchored}
    rest = sorted((g for g in rule_c.all if id(g) not in anchored), key=lambda g: len(g.regexes))
    rest_units = [index.units_of(g, scope) for g in rest]
    none_units = [index.units_of(g, scope) for g in rule_c.none]
    findings = []
    for unit in sorted(candidates):
        span = units[unit]
        chunk = text[span.start:span.end]
        if not all(unit in hit_units or index.regex_hits_unit(g, scope, unit, chunk)
                   for g, hit_units in zip(rest, rest_units)):
            continue
        if any(unit in hit_units or index.regex_hits_unit(g, scope, unit, chunk)
               for g, hit_units in zip(rule_c.none, none_units)):
            continue
        matched = [hit for g in rule_c.all for hit in index.spans_in(g, scope, unit, span, text)]
        start, end = span.start, span.end
        if scope == "clause":
            # Quote the sentences that hold the evidence, not a whole long paragraph.
            sentences = [i for i in (seg.sentence_at(s) for _, (s, _) in matched) if i >= 0]
            if sentences:
                start, end = seg.sentences[min(sentences)].start, seg.sentences[max(sentences)].end
        findings.append(_finding(rule_c, start, end, text, _evidence(matched, text, labels)))
    return findings


def _gap_findings(rule_c: CompiledRule, index: _Index, text: str, findings: list[Finding],
                  labels: dict[str, str]) -> list[Finding]:
    addressed = rule_c.rule.gap.addressed_by  # type: ignore[union-attr]
    if any(f.category in addressed.categories and f.kind in addressed.kinds for f in findings):
        return []
    if rule_c.gap_addressed and rule_c.gap_addressed.terms and index.anywhere(rule_c.gap_addressed, text):
        return []
    context: list[tuple[str, Hit]] = []
    for group in rule_c.gap_applies:
        found = index.anywhere(group, text)
        if not found:
            return []
        context.extend(found[:1])
    return [_finding(rule_c, None, None, text, _evidence(context, text, labels, role="context"))]


def run_rules(ruleset: CompiledRuleset, text: str, seg: Segmentation | None = None) -> list[Finding]:
    """All findings of `ruleset` on `text`, clause findings in document order, then gaps."""
    seg = seg or segment(text, ruleset.lang)
    index = _Index(seg, collect_hits(ruleset, text, seg))
    labels = ruleset.term_labels
    findings: list[Finding] = []
    for rule_c in ruleset.rules:
        if rule_c.rule.kind != "gap":
            findings.extend(_clause_rule_findings(rule_c, index, text, labels))
    findings.sort(key=lambda f: (f.start, f.end, f.rule))
    gaps: list[Finding] = []
    for rule_c in ruleset.rules:
        if rule_c.rule.kind == "gap":
            gaps.extend(_gap_findings(rule_c, index, text, findings, labels))
    return findings + gaps
