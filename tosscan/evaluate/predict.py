"""Scan many short labelled texts fast: rules only, no report building."""
from __future__ import annotations

from typing import Iterable

from ..engine import run_rules
from ..models import Finding
from ..scanner import Scanner
from ..segment import segment


def findings_for(scanner: Scanner, text: str, lang: str) -> list[Finding]:
    compiled = scanner.compiled(lang)
    return run_rules(compiled, text, segment(text, lang))


def categories_for(scanner: Scanner, text: str, lang: str, kinds: Iterable[str] = ("risk",)) -> set[str]:
    wanted = set(kinds)
    return {f.category for f in findings_for(scanner, text, lang) if f.kind in wanted}
