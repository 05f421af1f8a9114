"""Run compiled rules over a segmented document and return findings (risks, protections, then gaps).

Flow: tokenize blocks of whole clauses (respaced: spacing.py) -> match every phrase/token term in one pass -> index
the hits by sentence and clause -> for each rule, intersect the units where its anchored groups hit -> check the
remaining groups (regexes searched only inside those units) and the `none` guards -> one finding per unit. Gap rules
look at the whole document and at the findings already made.
"""
from __future__ import annotations

import itertools
import re
from collections import defaultdict
from typing import Iterable

from pydantic import TypeAdapter
from spacy.tokenizer import Tokenizer

from .models import Finding
from .rules.compile import CompiledGroup, CompiledRule, CompiledRuleset
from .segment import Segmentation, Span, segment
from .spacing import Respaced, respace

Hit = tuple[int, int]  # character offsets
_UNKNOWN = object()  # a regex not searched yet in a unit


def _may_match(screens: tuple[frozenset[str], ...], folded: str) -> bool:
    """Does the case-folded text hold a member of each of a regex's required literal sets (prefilter.py)?"""
    contains = folded.__contains__
    for literals in screens:
        if not any(map(contains, literals)):
            return False
    return True


def _first_live(group: CompiledGroup, folded: str) -> int:
    """Index of the group's first regex whose screens pass in the case-folded text, or -1: none can match there."""
    if group.gate is not None and not any(map(folded.__contains__, group.gate)):
        return -1
    for i, (_, screens) in enumerate(group.screened):
        if _may_match(screens, folded):
            return i
    return -1


class _Index:
    """Where each term matched, per scope unit; the text of each unit; regex answers already known."""

    def __init__(self, seg: Segmentation, located: dict[str, list[tuple[int, int, int]]], spaced: Respaced,
                 folded_twins: dict[str, re.Pattern]):
        """`located`: per term key, (start, end, clause index) of each hit, as collect_hits returns them;
        `spaced`: the text respaced in its language; `folded_twins`: CompiledRuleset.folded_twins."""
        self.seg = seg
        self.located = located
        self._twins = folded_twins
        self._doc_spaced = spaced
        # Headings name topics; they are not clauses to judge.
        self._heading = [c.kind == "heading" for c in seg.clauses]
        # Built on first use, per (scope, key): a key asked about in one scope only is never indexed in the other.
        self._by_unit: dict[tuple[str, str], dict[int, list[Hit]]] = {}
        self._spaced: dict[tuple[str, int], tuple[str, int]] = {}
        self._folded: dict[tuple[str, int], str] = {}
        self._regex_memo: dict[tuple[str, str, int], re.Match | None] = {}
        self._folded_text: str | None = None
        self._hit_sentences: dict[int, set[int]] = {}

    def by_unit(self, scope: str, key: str) -> dict[int, list[Hit]]:
        """The hits of one term key, per sentence or clause (headings left out)."""
        table = self._by_unit.get((scope, key))
        if table is not None:
            return table
        table = self._by_unit[(scope, key)] = defaultdict(list)
        heading = self._heading
        if scope == "clause":
            for start, end, clause in self.located.get(key, ()):
                if not heading[clause]:
                    table[clause].append((start, end))
        else:
            sentence_at, sentences = self.seg.sentence_at, self.seg.sentences
            for start, end, clause in self.located.get(key, ()):
                if heading[clause]:
                    continue
                sentence = sentence_at(start)
                if sentence >= 0 and sentences[sentence].kind != "heading":  # a title inside a clause
                    table[sentence].append((start, end))
        return table

    def units_of(self, group: CompiledGroup, scope: str) -> set[int]:
        """The units where one of the group's phrase/token terms hit."""
        found: set[int] = set()
        located = self.located
        for key in group.eager_keys:
            if key in located:  # most terms do not occur in a given document
                found.update(self.by_unit(scope, key))
        return found

    def spaced(self, scope: str, unit: int) -> tuple[str, int]:
        """The unit's respaced text (spacing.py: regexes, like phrases, read a wrapped "no longer" unwrapped) and
        where it begins in the respaced document."""
        found = self._spaced.get((scope, unit))
        if found is None:
            span = (self.seg.sentences if scope == "sentence" else self.seg.clauses)[unit]
            found = self._spaced[(scope, unit)] = self._doc_spaced.part(span.start, span.end)
        return found

    def _folded_unit(self, scope: str, unit: int) -> str:
        folded = self._folded.get((scope, unit))
        if folded is None:
            folded = self._folded[(scope, unit)] = self.spaced(scope, unit)[0].casefold()
        return folded

    def _regex_holds(self, group: CompiledGroup, scope: str, unit: int, folded: str, first: int) -> bool:
        """Does one of the group's regexes match in the unit? `first` is the first whose screens pass; the later
        ones are screened only if it does not match."""
        screened = group.screened
        for i in range(first, len(screened)):
            regex, screens = screened[i]
            if (i == first or _may_match(screens, folded)) and self._search(regex, scope, unit):
                return True
        return False

    def all_hold(self, groups: list[CompiledGroup], hit_units: list[set[int]], scope: str, unit: int) -> bool:
        """Does every group hold in the unit? Term hits and literal screens of all the groups are tested before any
        regex runs, so a unit that one group rules out cheaply costs no regex search for another."""
        pending: list[tuple[CompiledGroup, int]] = []
        folded = ""
        for group, units in zip(groups, hit_units):
            if unit not in units:
                folded = folded or self._folded_unit(scope, unit)
                first = _first_live(group, folded)
                if first < 0:
                    return False
                pending.append((group, first))
        return all(self._regex_holds(group, scope, unit, folded, first) for group, first in pending)

    def any_holds(self, groups: list[CompiledGroup], hit_units: list[set[int]], scope: str, unit: int) -> bool:
        for group, units in zip(groups, hit_units):
            if unit in units:
                return True
            folded = self._folded_unit(scope, unit)
            first = _first_live(group, folded)
            if first >= 0 and self._regex_holds(group, scope, unit, folded, first):
                return True
        return False

    def lead_in_of(self, span: Span) -> int:
        """The sentence that introduces the list this unit is an item of, or -1."""
        return self.seg.lead_ins.get(self.seg.sentence_at(span.start), -1)

    def holds_in_sentence(self, groups: list[CompiledGroup], sentence: int) -> bool:
        """Does one of the groups hit in this sentence? A heading counts: "## We collect:" introduces a list too."""
        return self.any_holds(groups, [self._sentences_hit(g) for g in groups], "sentence", sentence)

    def _sentences_hit(self, group: CompiledGroup) -> set[int]:
        """The sentences (headings included, unlike units_of) where one of the group's phrase/lemma terms hit,
        built once per group."""
        found = self._hit_sentences.get(id(group))
        if found is None:
            sentence_at, located = self.seg.sentence_at, self.located
            found = self._hit_sentences[id(group)] = {
                sentence_at(start) for key in group.eager_keys for start, _, _ in located.get(key, ())}
        return found

    def _haystack(self, regex: re.Pattern, scope: str, unit: int) -> tuple[re.Pattern, str]:
        """What to search in a unit: the case-sensitive twin in the case-folded text when there is a twin and folding
        kept every offset (it does but for rare letters such as "ß"), else the regex in the respaced text."""
        twin = self._twins.get(regex.pattern)
        spaced = self.spaced(scope, unit)[0]
        if twin is not None:
            folded = self._folded_unit(scope, unit)
            if len(folded) == len(spaced):
                return twin, folded
        return regex, spaced

    def _search(self, regex: re.Pattern, scope: str, unit: int) -> bool:
        # Shared guards (negation, limitation) are asked about the same unit by many rules: remember answers, and
        # the first match itself for the evidence.
        memo_key = (regex.pattern, scope, unit)
        found = self._regex_memo.get(memo_key, _UNKNOWN)
        if found is _UNKNOWN:
            pattern, haystack = self._haystack(regex, scope, unit)
            found = self._regex_memo[memo_key] = pattern.search(haystack)
        return found is not None

    def _matches(self, regex: re.Pattern, scope: str, unit: int) -> Iterable[re.Match]:
        """Every match of the regex in the unit (offsets into its respaced text). A search already made answers for no
        match at all, or gives the first match; finditer then resumes where it ended, as it would have after it."""
        pattern, haystack = self._haystack(regex, scope, unit)
        first = self._regex_memo.get((regex.pattern, scope, unit), _UNKNOWN)
        if first is None:
            return ()
        if first is _UNKNOWN or first.end() == first.start():
            return pattern.finditer(haystack)
        return itertools.chain((first,), pattern.finditer(haystack, first.end()))

    def spans_in(self, group: CompiledGroup, scope: str, unit: int, span: Span) -> list[tuple[str, Hit]]:
        """Every hit of the group's terms inside one unit (for evidence)."""
        out: list[tuple[str, Hit]] = []
        located = self.located
        for key in group.eager_keys:
            if key in located:
                hits = self.by_unit(scope, key).get(unit)
                if hits:
                    out.extend([(key, h) for h in hits])
        if group.regexes:
            folded = self._folded_unit(scope, unit)
            base = self.spaced(scope, unit)[1]
            original_span = self._doc_spaced.original_span
            # Only regexes whose required literals all occur in the unit can match there.
            for (key, regex), (_, screens) in zip(group.regexes, group.screened):
                if _may_match(screens, folded):
                    out.extend((key, original_span(base + m.start(), base + m.end()))
                               for m in self._matches(regex, scope, unit) if m.end() > m.start())
        return out

    def anywhere(self, group: CompiledGroup) -> list[tuple[str, Hit]]:
        """The first hit of each of the group's terms anywhere in the document (for gap rules). Regexes read the
        respaced text, as they do in a unit, so a wrapped "retention period" still says the document addressed it."""
        out: list[tuple[str, Hit]] = []
        for key in group.eager_keys:
            out.extend((key, (start, end)) for start, end, _ in self.located.get(key, ())[:1])
        spaced = self._doc_spaced
        for (key, regex), (_, screens) in zip(group.regexes, group.screened):
            if screens:
                if self._folded_text is None:
                    self._folded_text = spaced.text.casefold()
                if not _may_match(screens, self._folded_text):
                    continue  # a whole-document search is costly; the literal tests rule it out
            m = regex.search(spaced.text)
            if m and m.end() > m.start():
                out.append((key, spaced.original_span(m.start(), m.end())))
        return out


# Clauses are tokenized in blocks of about this many characters (see collect_hits).
BLOCK_CHARS = 1000


def token_blocks(text: str, clauses: list[Span]) -> list[tuple[int, int]]:
    """Runs of consecutive clauses, each at most BLOCK_CHARS long or a single clause: (start, end). Clauses are
    joined only across whitespace, so each clause is split into the same tokens as it would be alone."""
    blocks: list[tuple[int, int]] = []
    start = end = -1
    for clause in clauses:
        if start >= 0 and clause.end - start <= BLOCK_CHARS and text[end:clause.start].isspace():
            end = clause.end
            continue
        if start >= 0:
            blocks.append((start, end))
        start, end = clause.start, clause.end
    if start >= 0:
        blocks.append((start, end))
    return blocks


def collect_hits(ruleset: CompiledRuleset, text: str, seg: Segmentation,
                 spaced: Respaced | None = None) -> dict[str, list[tuple[int, int, int]]]:
    """Match every phrase/token term, tokenizing block by block: per term key, (start, end, clause index).

    Blocks of a few clauses, not the whole text: spaCy's tokenizer stops caching for the rest of a Doc once it meets
    a special case such as "e.g." or "don't" (spaCy issue #1250), so whole-document tokenization misses the cache
    on most words. Nor one Doc per clause: making a Doc has a cost of its own, and blocks of about 1,000 characters
    measured a third faster than clauses one by one. The blocks are read in the respaced text (`spaced`, made
    from `text` when not given), and a match that runs from one clause into the next is dropped: rules are scoped to
    a sentence or a clause.
    """
    make_doc = ruleset.nlp.make_doc
    strings = ruleset.nlp.vocab.strings
    matchers = [m for m in (ruleset.phrase_matcher, ruleset.matcher) if len(m)]
    clauses = seg.clauses
    hits: dict[str, list[tuple[int, int, int]]] = defaultdict(list)
    if not clauses:
        return hits
    spaced = spaced or respace(text, ruleset.lang)
    if isinstance(ruleset.nlp.tokenizer, Tokenizer):
        pieces = [spaced.part(start, end) for start, end in token_blocks(text, clauses)]
    else:
        pieces = [(spaced.text, 0)]  # tokenizers without that cache (Chinese characters) cost the same in one call
    # (where the piece begins in the respaced text, its Doc). All the Docs first, then all the matching: measured
    # faster than matching each Doc as it is made.
    docs = [(begin, make_doc(piece)) for piece, begin in pieces]
    names: dict[int, str] = {}
    clause_at = seg.clause_at
    original_span = spaced.original_span
    for base, doc in docs:
        matches = [m for matcher in matchers for m in matcher(doc)]
        for match_id, start, end in matches:
            # Two Token objects per match: measured cheaper than converting the Doc's offset array, for Docs of a
            # few dozen tokens and for a whole Chinese text alike.
            last = doc[end - 1]
            first_char, last_char = original_span(base + doc[start].idx, base + last.idx + len(last))
            clause = clause_at(first_char)
            if clause >= 0 and last_char <= clauses[clause].end:
                name = names.get(match_id)
                if name is None:
                    name = names[match_id] = strings[match_id]
                hits[name].append((first_char, last_char, clause))
    return hits


# Findings are gathered as plain dicts and made models in one call at the end: pydantic-core validates a whole
# list about four times faster than constructing the models one by one in Python (a long policy has hundreds).
_FINDINGS = TypeAdapter(list[Finding])


def _evidence(pairs: Iterable[tuple[str, Hit]], text: str, labels: dict[str, str], role: str = "match") -> list[dict]:
    seen = set()
    out = []
    for key, (s, e) in sorted(pairs, key=lambda p: p[1]):
        if (s, e) in seen:
            continue
        seen.add((s, e))
        out.append({"start": s, "end": e, "text": text[s:e], "role": role, "term": labels.get(key, key)})
    return out


def _finding(rule_c: CompiledRule, start: int | None, end: int | None, text: str, evidence: list[dict]) -> dict:
    rule = rule_c.rule
    return {"rule": rule.id, "category": rule.category, "kind": rule.kind, "severity": rule.severity,
            "title": rule.title, "explanation": rule.explanation, "fair_alternative": rule.fair_alternative,
            "references": list(rule.references), "start": start, "end": end,
            "text": None if start is None else text[start:end], "evidence": evidence}


def _clause_rule_findings(rule_c: CompiledRule, index: _Index, text: str, labels: dict[str, str]) -> list[dict]:
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
    rest = rule_c.unanchored
    rest_units = [index.units_of(g, scope) for g in rest]
    none_units = [index.units_of(g, scope) for g in rule_c.none]
    lead_in_groups = rule_c.lead_in_groups
    lead_in_units = [index.units_of(g, scope) for g in lead_in_groups]
    lead_in_guards = rule_c.lead_in_guards
    findings = []
    for unit in sorted(candidates):
        if not index.all_hold(rest, rest_units, scope, unit):
            continue
        span = units[unit]
        lead = index.lead_in_of(span) if lead_in_groups or lead_in_guards else -1
        # Every match group before any guard: guards are many regexes, and most candidates fail a group first.
        if lead_in_groups and not _lead_in_groups_hold(rule_c, index, lead_in_units, scope, unit, lead):
            continue
        if index.any_holds(rule_c.none, none_units, scope, unit):
            continue
        if lead_in_guards and lead >= 0 and index.holds_in_sentence(lead_in_guards, lead):
            continue
        matched = [hit for g in rule_c.all for hit in index.spans_in(g, scope, unit, span)]
        start, end = span.start, span.end
        if scope == "clause":
            # Quote the sentences that hold the evidence, not a whole long paragraph.
            sentences = [i for i in (seg.sentence_at(s) for _, (s, _) in matched) if i >= 0]
            if sentences:
                start, end = seg.sentences[min(sentences)].start, seg.sentences[max(sentences)].end
        findings.append(_finding(rule_c, start, end, text, _evidence(matched, text, labels)))
    return findings


def _lead_in_groups_hold(rule_c: CompiledRule, index: _Index, found_units: list[set[int]], scope: str, unit: int,
                         lead: int) -> bool:
    """Do the groups marked lead_in hold in the item or in its lead-in ("We collect the following:" / "- your
    precise location": the item names what its lead-in does)? A lead-in that supplies a group is read by every
    guard of the rule as well: "You may share the following:" is the user's act, whatever the item says."""
    via_lead = False
    for group, found in zip(rule_c.lead_in_groups, found_units):
        if index.any_holds([group], [found], scope, unit):
            continue
        if lead < 0 or not index.holds_in_sentence([group], lead):
            return False
        via_lead = True
    return not (via_lead and index.holds_in_sentence(rule_c.none, lead))


def _gap_findings(rule_c: CompiledRule, index: _Index, text: str, findings: list[dict],
                  labels: dict[str, str]) -> list[dict]:
    addressed = rule_c.rule.gap.addressed_by  # type: ignore[union-attr]
    if any(f["category"] in addressed.categories and f["kind"] in addressed.kinds for f in findings):
        return []
    if rule_c.gap_addressed and rule_c.gap_addressed.terms and index.anywhere(rule_c.gap_addressed):
        return []
    context: list[tuple[str, Hit]] = []
    for group in rule_c.gap_applies:
        found = index.anywhere(group)
        if not found:
            return []
        context.extend(found[:1])
    return [_finding(rule_c, None, None, text, _evidence(context, text, labels, role="context"))]


def run_rules(ruleset: CompiledRuleset, text: str, seg: Segmentation | None = None) -> list[Finding]:
    """All findings of `ruleset` on `text`, clause findings in document order, then gaps."""
    seg = seg or segment(text, ruleset.lang)
    spaced = respace(text, ruleset.lang)  # once for the document: blocks and units are parts of it
    index = _Index(seg, collect_hits(ruleset, text, seg, spaced), spaced, ruleset.folded_twins)
    labels = ruleset.term_labels
    findings: list[dict] = []
    for rule_c in ruleset.rules:
        if rule_c.rule.kind != "gap":
            findings.extend(_clause_rule_findings(rule_c, index, text, labels))
    findings.sort(key=lambda f: (f["start"], f["end"], f["rule"]))
    gaps: list[dict] = []
    for rule_c in ruleset.rules:
        if rule_c.rule.kind == "gap":
            gaps.extend(_gap_findings(rule_c, index, text, findings, labels))
    return _FINDINGS.validate_python(findings + gaps)
