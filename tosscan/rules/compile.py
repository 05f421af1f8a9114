"""Compile the rules of one language into one PhraseMatcher, one Matcher and a set of regexes.

Each distinct term gets a key. Phrase and token terms are matched over the whole document in a single pass by
spaCy; regex terms are searched lazily, only inside the sentences or clauses where the rule's other groups already
matched (a rule made only of regexes is searched in every scope unit, so rule authors should anchor rules with a
phrase or lemma group).
"""
from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from functools import cached_property

from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc

from ..errors import RuleError
from ..nlp import get_nlp, word_forms
from .folding import folded_twin
from .prefilter import required_literal_sets
from .schema import Group, Rule, Term


MAX_INFLECTIONS = 2000


@dataclass(frozen=True)
class CompiledTerm:
    # Matcher keys: one per phrase or lemma word, shared by every term and rule that uses it, so a common word
    # is matched once per occurrence, not once per rule; a regex or token-pattern term has a key of its own.
    keys: tuple[str, ...]
    regex: re.Pattern | None = None  # set for regex terms, which are searched lazily

    @property
    def key(self) -> str:
        return self.keys[0]

    @property
    def lazy(self) -> bool:
        return self.regex is not None


@dataclass
class CompiledGroup:
    terms: list[CompiledTerm]
    lead_in: bool = False  # also holds for a list item when it hits in the list's lead-in (schema.Group)
    eager_keys: list[str] = field(init=False)
    regexes: list[tuple[str, re.Pattern]] = field(init=False)
    # Each regex with sets of case-folded literals; its every match contains a member of each set (prefilter.py;
    # no set: always search): substring tests rule most sentences out before the regex engine runs.
    screened: list[tuple[re.Pattern, tuple[frozenset[str], ...]]] = field(init=False)
    gate: frozenset[str] | None = field(init=False)

    def __post_init__(self) -> None:
        self.eager_keys = list(dict.fromkeys(k for t in self.terms if not t.lazy for k in t.keys))
        self.regexes = [(t.key, t.regex) for t in self.terms if t.regex is not None]
        self.screened = [(r, required_literal_sets(r)) for _, r in self.regexes]
        # One literal of this set occurs wherever any of the group's regexes can match (None: some regex has no
        # screen): one test rules a unit out for the whole group before each regex's own screens are tried.
        self.gate = (frozenset().union(*(screens[0] for _, screens in self.screened))
                     if self.screened and all(screens for _, screens in self.screened) else None)


@dataclass
class CompiledRule:
    rule: Rule
    all: list[CompiledGroup] = field(default_factory=list)
    none: list[CompiledGroup] = field(default_factory=list)
    gap_applies: list[CompiledGroup] = field(default_factory=list)
    gap_addressed: CompiledGroup | None = None

    @cached_property
    def anchored(self) -> list[CompiledGroup]:
        """Groups made only of phrase/token terms: cheap to test, used to pick candidate units. (A group that may
        hold in a list's lead-in instead picks no units.)"""
        return [g for g in self.all if g.terms and not g.lead_in and not any(t.lazy for t in g.terms)]

    @cached_property
    def unanchored(self) -> list[CompiledGroup]:
        """The other `all` groups that must hold in the unit itself, those with fewer regexes first (checked in
        each candidate unit)."""
        anchored = {id(g) for g in self.anchored}
        return sorted((g for g in self.all if id(g) not in anchored and not g.lead_in), key=lambda g: len(g.regexes))

    @cached_property
    def lead_in_groups(self) -> list[CompiledGroup]:
        """`all` groups that hold in the unit or in the lead-in of the list it is an item of."""
        return [g for g in self.all if g.lead_in]

    @cached_property
    def lead_in_guards(self) -> list[CompiledGroup]:
        return [g for g in self.none if g.lead_in]


@dataclass
class CompiledRuleset:
    lang: str
    nlp: Language
    phrase_matcher: PhraseMatcher
    matcher: Matcher
    rules: list[CompiledRule]
    term_labels: dict[str, str]  # key -> a human description of the term, for evidence
    # pattern -> the same regex without IGNORECASE, for case-folded text (folding.py); patterns without one absent
    folded_twins: dict[str, re.Pattern] = field(default_factory=dict)


def _term_label(term: Term) -> str:
    if term.phrase:
        return "phrase: " + " | ".join(term.phrase)
    if term.lemma:
        return "lemma: " + " | ".join(term.lemma)
    if term.regex:
        return f"regex: {term.regex}"
    return f"pattern: {term.pattern}"


def _expand_lemma_token(lang: str, spec: dict) -> dict:
    """{"LEMMA": "use"} -> {"LOWER": {"IN": [use, uses, used, using]}}: no lemmatizer needed at scan time."""
    if "LEMMA" not in spec:
        return spec
    spec = dict(spec)
    value = spec.pop("LEMMA")
    if isinstance(value, str):
        forms = word_forms(lang, value)
    elif isinstance(value, dict) and set(value) == {"IN"}:
        forms = frozenset(itertools.chain.from_iterable(word_forms(lang, v) for v in value["IN"]))
    else:
        raise ValueError("LEMMA takes a string or {IN: [...]}")
    spec["LOWER"] = {"IN": sorted(forms)}
    return spec


class _Builder:
    def __init__(self, lang: str):
        self.lang = lang
        self.nlp = get_nlp(lang)
        self.phrase_matcher = PhraseMatcher(self.nlp.vocab, attr="LOWER")
        self.matcher = Matcher(self.nlp.vocab, validate=True)
        self.keys: dict[str, CompiledTerm] = {}
        self.labels: dict[str, str] = {}

    def term(self, term: Term, where: str) -> CompiledTerm:
        signature = term.model_dump_json(exclude_none=True)
        if signature in self.keys:
            return self.keys[signature]
        if term.phrase:
            compiled = CompiledTerm(tuple(self._phrase_key(p) for p in term.phrase))
        elif term.lemma:
            compiled = CompiledTerm(tuple(self._lemma_key(w, where) for w in term.lemma))
        else:
            key = f"t{len(self.keys)}"
            if term.regex is not None:
                compiled = CompiledTerm((key,), re.compile(term.regex, re.IGNORECASE))
            else:
                if any("IS_SPACE" in spec for spec in term.pattern or []):
                    # Terms are matched in respaced text (spacing.py), where no whitespace token is left.
                    raise RuleError(f"{where}: IS_SPACE never matches: line breaks and runs of spaces are read "
                                    "as one space between tokens")
                try:
                    pattern = [_expand_lemma_token(self.lang, spec) for spec in term.pattern or []]
                    self.matcher.add(key, [pattern])
                except (ValueError, KeyError, TypeError) as exc:
                    raise RuleError(f"{where}: invalid token pattern: {exc}") from exc
                compiled = CompiledTerm((key,))
            self.labels[key] = _term_label(term)
        self.keys[signature] = compiled
        return compiled

    def _phrase_key(self, phrase: str) -> str:
        phrase = " ".join(phrase.split())  # as the text is respaced before matching (spacing.py)
        key = f"p:{phrase.lower()}"
        if key not in self.labels:
            self.phrase_matcher.add(key, [self.nlp.make_doc(phrase.lower())])
            self.labels[key] = f"phrase: {phrase}"
        return key

    def _lemma_key(self, words: str, where: str) -> str:
        key = f"l:{words.lower()}"
        if key not in self.labels:
            # Every inflection, as plain phrases: the PhraseMatcher costs the same whatever the number of phrases,
            # while Matcher patterns with {"IN": [...]} sets are evaluated token by token in Python.
            self.phrase_matcher.add(key, [Doc(self.nlp.vocab, words=list(w))
                                          for w in self._inflections(words, where)])
            self.labels[key] = f"lemma: {words}"
        return key

    def _inflections(self, phrase: str, where: str) -> list[tuple[str, ...]]:
        tokens = [t.lower_ for t in self.nlp.make_doc(phrase)]
        choices = [sorted(word_forms(self.lang, t)) if t.isalpha() else [t] for t in tokens]
        combos = list(itertools.islice(itertools.product(*choices), MAX_INFLECTIONS + 1))
        if len(combos) > MAX_INFLECTIONS:
            raise RuleError(f"{where}: lemma phrase {phrase!r} has more than {MAX_INFLECTIONS} inflections; "
                            "split it or use phrase terms")
        return combos

    def groups(self, groups: list[Group], source: str, field_name: str) -> list[CompiledGroup]:
        return [CompiledGroup([self.term(t, f"{source}: field '{field_name}.{i}'") for t in g.any], g.lead_in)
                for i, g in enumerate(groups)]


def compile_rules(rules: list[Rule], lang: str, sources: dict[str, object] | None = None) -> CompiledRuleset:
    """Compile every rule of `lang`. Errors name the rule's file (from `sources`) and field."""
    builder = _Builder(lang)
    compiled: list[CompiledRule] = []
    for rule in rules:
        source = str((sources or {}).get(rule.id, rule.id))
        item = CompiledRule(rule)
        if rule.match is not None:
            item.all = builder.groups(rule.match.all, source, "match.all")
            item.none = builder.groups(rule.match.none, source, "match.none")
        if rule.gap is not None:
            item.gap_applies = builder.groups(rule.gap.applies_if, source, "gap.applies_if")
            item.gap_addressed = CompiledGroup([builder.term(t, f"{source}: field 'gap.addressed_by.any'")
                                                for t in rule.gap.addressed_by.any])
        compiled.append(item)
    regexes = {t.regex.pattern: t.regex for t in builder.keys.values() if t.regex is not None}
    twins = {pattern: twin for pattern, regex in regexes.items() if (twin := folded_twin(regex)) is not None}
    return CompiledRuleset(lang, builder.nlp, builder.phrase_matcher, builder.matcher, compiled, builder.labels, twins)
