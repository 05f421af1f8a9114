"""tosscan as a spaCy pipeline component, for people who already run spaCy:

    nlp = spacy.blank("en"); nlp.add_pipe("tosscan")
    doc = nlp(text); doc.spans["tosscan"]  # one span per clause finding, label = category
    doc._.tosscan_findings                  # all findings, gaps included

The factory is registered through the `spacy_factories` entry point, so no import is needed.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .engine import run_rules
from .lang import detect_language
from .scanner import default_scanner
from .segment import segment

if not Doc.has_extension("tosscan_findings"):
    Doc.set_extension("tosscan_findings", default=None)


class TosscanComponent:
    def __init__(self, lang: str | None, spans_key: str):
        self.lang = lang
        self.spans_key = spans_key

    def __call__(self, doc: Doc) -> Doc:
        lang = self.lang or detect_language(doc.text)
        compiled = default_scanner().compiled(lang)
        # The rules' matchers are bound to tosscan's own vocab: let the engine tokenize with it.
        findings = run_rules(compiled, doc.text, segment(doc.text, lang))
        spans = []
        for f in findings:
            if f.start is None or f.end is None:
                continue
            span = doc.char_span(f.start, f.end, label=f.category, alignment_mode="expand")
            if span is not None:
                spans.append(span)
        doc.spans[self.spans_key] = spans
        doc._.tosscan_findings = findings
        return doc


@Language.factory("tosscan", default_config={"lang": None, "spans_key": "tosscan"})
def make_tosscan(nlp: Language, name: str, lang: str | None, spans_key: str) -> TosscanComponent:
    supported = nlp.lang if nlp.lang in ("en", "zh") else None
    return TosscanComponent(lang or supported, spans_key)
