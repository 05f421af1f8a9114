"""The public scanning entry point: Document -> segments -> findings -> Report."""
from __future__ import annotations

import threading

from . import heap
from .engine import run_rules
from .errors import UnsupportedLanguageError
from .ingest import from_text
from .lang import check_chosen_language, detect_language
from .models import Document, Report
from .nlp import SUPPORTED, get_nlp
from .report import build_report
from .report.build import excerpt_size
from .rules.compile import CompiledRuleset, compile_rules
from .rules.loader import RuleSet, bundled_rules_dir, bundled_ruleset, load_rules
from .segment import segment
from .settings import get_settings


class Scanner:
    """Holds the rules compiled once per language; safe to share between threads and requests."""

    def __init__(self, ruleset: RuleSet | None = None):
        if ruleset is None:
            extra = get_settings().extra_rule_dirs()
            # TOSSCAN_RULES_PATH adds folders of rules after the bundled ones (duplicate ids are an error).
            ruleset = load_rules(bundled_rules_dir(), *extra) if extra else bundled_ruleset()
        self.ruleset = ruleset
        self.vocab_limit = get_settings().vocab_limit
        self._compiled: dict[str, CompiledRuleset] = {}
        self._lock = threading.Lock()

    def compiled(self, lang: str) -> CompiledRuleset:
        if lang not in self._compiled:
            with self._lock:
                if lang not in self._compiled:
                    self._compiled[lang] = compile_rules(self.ruleset.for_language(lang), lang,
                                                         self.ruleset.paths)
        return self._compiled[lang]

    def warm(self) -> "Scanner":
        for lang in SUPPORTED:
            self.compiled(lang)
        return self

    def scan(self, source: str | Document, lang: str | None = None) -> Report:
        document = source if isinstance(source, Document) else from_text(source)
        language = resolve_language(document.text, lang)
        compiled = self.compiled(language)
        findings = run_rules(compiled, document.text, segment(document.text, language))
        self._renew_if_grown(language, compiled)
        return build_report(document, language, findings, excerpt_size(document.text, language))

    def _renew_if_grown(self, lang: str, compiled: CompiledRuleset) -> None:
        """Rebuild a language's pipeline once its vocabulary outgrows the limit (in-flight scans keep the old one)."""
        if len(compiled.nlp.vocab.strings) <= self.vocab_limit:
            return
        with heap.renewing():
            with self._lock:
                if self._compiled.get(lang) is compiled:
                    get_nlp.cache_clear()  # the next compile starts from a fresh pipeline and an empty vocabulary
                    del self._compiled[lang]
            self.compiled(lang)


def resolve_language(text: str, lang: str | None) -> str:
    if lang in (None, "", "auto"):
        return detect_language(text)
    if lang not in SUPPORTED:
        raise UnsupportedLanguageError(f"unsupported language {lang!r}; choose auto, {', '.join(SUPPORTED)}")
    check_chosen_language(text, lang)
    return lang


_default: Scanner | None = None
_default_lock = threading.Lock()


def default_scanner() -> Scanner:
    global _default
    if _default is None:
        with _default_lock:
            if _default is None:
                _default = Scanner()
    return _default


def scan(source: str | Document, lang: str | None = None) -> Report:
    """Scan the text of a terms of service or privacy policy (or an ingested Document)."""
    return default_scanner().scan(source, lang)
