"""Find, parse and validate rule files. Every error names the file and the field at fault."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path
from typing import TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from ..errors import RuleError
from .schema import AddressedBy, Gap, Group, Match, Rule, Term, Vocabulary

LANGUAGES = ("en", "zh")
ModelT = TypeVar("ModelT", bound=BaseModel)


def bundled_rules_dir() -> Path:
    """The rules shipped with tosscan: inside the wheel, or the repo's top-level rules/ in a checkout."""
    package = Path(__file__).resolve().parent.parent
    inside_wheel = package / "_bundled_rules"
    if inside_wheel.is_dir():
        return inside_wheel
    return package.parent / "rules"


@dataclass
class RuleSet:
    rules: list[Rule] = field(default_factory=list)
    paths: dict[str, Path] = field(default_factory=dict)

    def for_language(self, lang: str) -> list[Rule]:
        return [r for r in self.rules if r.language == lang]

    def get(self, rule_id: str) -> Rule | None:
        return next((r for r in self.rules if r.id == rule_id), None)

    @property
    def languages(self) -> list[str]:
        return sorted({r.language for r in self.rules})


def _format_validation(path: Path, exc: ValidationError) -> str:
    lines = []
    for err in exc.errors():
        where = ".".join(str(p) for p in err["loc"]) or "(top level)"
        msg = err["msg"].removeprefix("Value error, ")
        lines.append(f"{path}: field '{where}': {msg}")
    return "\n".join(lines)


def _read_yaml(path: Path) -> object:
    try:
        # libyaml's C loader reads the ~170 rule files several times faster than the pure-Python one (start-up time).
        return yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise RuleError(f"{path}: not valid YAML: {exc}") from exc


def _validate(model: type[ModelT], data: object, path: Path) -> ModelT:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise RuleError(_format_validation(path, exc)) from exc


def _load_vocab(lang_dir: Path) -> dict[str, list[Term]]:
    path = lang_dir / "vocab.yaml"
    if not path.exists():
        return {}
    vocab = _validate(Vocabulary, _read_yaml(path), path)
    for name, terms in vocab.terms.items():
        if any(t.ref for t in terms):
            raise RuleError(f"{path}: field 'terms.{name}': a vocabulary entry cannot use ref")
    return vocab.terms


def _expand(terms: list[Term], vocab: dict[str, list[Term]], path: Path, where: str) -> list[Term]:
    out: list[Term] = []
    for term in terms:
        if term.ref is None:
            out.append(term)
        elif term.ref in vocab:
            out.extend(vocab[term.ref])
        else:
            raise RuleError(f"{path}: field '{where}': unknown ref {term.ref!r} (not in the bundled vocab.yaml of "
                            "this language nor in the rules folder's own)")
    return out


def _expand_groups(groups: list[Group], vocab, path: Path, where: str) -> list[Group]:
    return [g.model_copy(update={"any": _expand(g.any, vocab, path, f"{where}.{i}.any")}) for i, g in enumerate(groups)]


def _resolve_refs(rule: Rule, vocab: dict[str, list[Term]], path: Path) -> Rule:
    if rule.match is not None:
        match = Match(all=_expand_groups(rule.match.all, vocab, path, "match.all"),
                      none=_expand_groups(rule.match.none, vocab, path, "match.none"))
        return rule.model_copy(update={"match": match})
    assert rule.gap is not None
    addressed = AddressedBy(categories=rule.gap.addressed_by.categories, kinds=rule.gap.addressed_by.kinds,
                            any=_expand(rule.gap.addressed_by.any, vocab, path, "gap.addressed_by.any"))
    gap = Gap(applies_if=_expand_groups(rule.gap.applies_if, vocab, path, "gap.applies_if"), addressed_by=addressed)
    return rule.model_copy(update={"gap": gap})


def load_rule_file(path: Path, vocab: dict[str, list[Term]] | None = None) -> Rule:
    data = _read_yaml(path)
    if not isinstance(data, dict):
        raise RuleError(f"{path}: a rule file must be a YAML mapping")
    rule = _validate(Rule, data, path)
    if rule.id != path.stem:
        raise RuleError(f"{path}: field 'id': {rule.id!r} must equal the file name {path.stem!r}")
    if path.parent.name != rule.category:
        raise RuleError(f"{path}: field 'category': {rule.category!r} but the file is in folder {path.parent.name!r}")
    lang_dir = path.parent.parent.name
    if lang_dir in LANGUAGES and lang_dir != rule.language:
        raise RuleError(f"{path}: field 'id': prefix {rule.language!r} but the file is under rules/{lang_dir}/")
    return _resolve_refs(rule, vocab or {}, path)


def _vocab_for(lang_dir: Path, bundled_lang_dir: Path, bundled_vocab: dict[str, list[Term]]
               ) -> dict[str, list[Term]]:
    """What the rules of `lang_dir` resolve {ref: name} against: the bundled vocabulary of the language
    (`bundled_vocab`, read from `bundled_lang_dir`), extended by the folder's own vocab.yaml. A name defined in both
    takes the folder's terms, for that folder's rules only: a copy of the whole bundled rules folder, edited, must
    keep working on its own."""
    if lang_dir.resolve() == bundled_lang_dir.resolve():
        return bundled_vocab
    return bundled_vocab | _load_vocab(lang_dir)


def load_rules(*dirs: Path | str, languages: tuple[str, ...] = LANGUAGES) -> RuleSet:
    """Load and validate every rule under the given folders (default: the bundled rules)."""
    bundled = bundled_rules_dir()
    roots = [Path(d) for d in dirs] if dirs else [bundled]
    ruleset = RuleSet()
    # Every folder of a language extends the same bundled vocabulary: read and validate it once per load.
    bundled_vocab = cache(lambda lang: _load_vocab(bundled / lang))
    for root in roots:
        if not root.is_dir():
            raise RuleError(f"{root}: rules folder not found")
        found = 0
        for lang in languages:
            lang_dir = root / lang
            if not lang_dir.is_dir():
                continue
            vocab = _vocab_for(lang_dir, bundled / lang, bundled_vocab(lang))
            for path in sorted(lang_dir.glob("*/*.yaml")):
                found += 1
                rule = load_rule_file(path, vocab)
                if rule.id in ruleset.paths:
                    raise RuleError(f"{path}: field 'id': duplicate rule id {rule.id!r}, "
                                    f"already defined in {ruleset.paths[rule.id]}")
                ruleset.rules.append(rule)
                ruleset.paths[rule.id] = path
        if not found:
            # A mistyped folder (TOSSCAN_RULES_PATH, `rules test DIR`, `batch --rules`) must not load nothing quietly.
            raise RuleError(f"{root}: no rule file in this rules folder; rules go in "
                            f"{root / '<lang>' / '<category>' / '<id>.yaml'} with <lang> one of {', '.join(languages)}")
    return ruleset


@lru_cache(maxsize=4)
def bundled_ruleset() -> RuleSet:
    return load_rules()
