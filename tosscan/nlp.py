"""Build and cache the spaCy pipeline of each language.

The pipeline is `spacy.blank(lang)`: a tokenizer and nothing that needs a model download. Lemmas come from the
lookup table of `spacy-lookups-data`, but they are applied when rules are compiled (each lemma is expanded to all
its word forms), not per token at scan time: the lookup lemmatizer costs about as much as tokenizing, and a scan
has to stay within twice the cost of bare tokenization.
"""
from __future__ import annotations

import gzip
import json
from collections import defaultdict
from functools import lru_cache
from importlib import resources

import spacy
from spacy.language import Language

SUPPORTED = ("en", "zh")


@lru_cache(maxsize=None)
def get_nlp(lang: str) -> Language:
    if lang not in SUPPORTED:
        raise ValueError(f"unsupported language {lang!r}; tosscan reads {', '.join(SUPPORTED)}")
    if lang == "zh":
        return spacy.blank("zh", config=ZH_TOKENIZER)
    return spacy.blank(lang)


# Chinese: spaCy's character segmentation, named explicitly so a change of spaCy's default cannot switch on pkuseg
# (which downloads a model) or jieba. Phrases then match any run of characters, wherever word boundaries would fall:
# jieba splits "保存期限内" or "不可撤销的" differently by context, so a phrase term could silently miss; characters
# cannot. Negation and scope are handled by the rules' regexes and guards, not by word segmentation.
ZH_TOKENIZER = {"nlp": {"tokenizer": {"segmenter": "char"}}}


@lru_cache(maxsize=None)
def _lemma_lookup(lang: str) -> dict[str, str]:
    """form -> lemma, lower-cased, from spacy-lookups-data (empty for languages without a table)."""
    try:
        data = resources.files("spacy_lookups_data") / "data"
    except ModuleNotFoundError as exc:
        # A hard dependency: without it every lemma term would silently match its own spelling only.
        raise ImportError("tosscan needs the package spacy-lookups-data for the word forms of its rules' lemma "
                          "terms; install it: pip install spacy-lookups-data") from exc
    try:
        with (data / f"{lang}_lemma_lookup.json.gz").open("rb") as fh:
            table = json.loads(gzip.decompress(fh.read()))
    except FileNotFoundError:
        return {}
    return {form.lower(): lemma.lower() for form, lemma in table.items()}


@lru_cache(maxsize=None)
def _forms_by_lemma(lang: str) -> dict[str, tuple[str, ...]]:
    # Tuples, not sets: the garbage collector stops tracking a tuple of strings, while ~29,000 English frozensets
    # stayed tracked for the life of the process and were traversed by every full collection during scans.
    forms: dict[str, set[str]] = defaultdict(set)
    for form, lemma in _lemma_lookup(lang).items():
        forms[lemma].add(form)
    return {lemma: tuple(sorted(fs)) for lemma, fs in forms.items()}


def lemmatize(lang: str, word: str) -> str:
    word = word.lower()
    return _lemma_lookup(lang).get(word, word)


def word_forms(lang: str, word: str) -> frozenset[str]:
    """Every inflection of `word` that the lookup table knows ("license" -> license, licenses, licensed, ...).

    English also gets its regular plural: the table lacks some ("selfie") and files others oddly ("cookies" under
    "cooky"), and a rule about selfies must not miss the plural its author took for granted.
    """
    lemma = lemmatize(lang, word)
    forms = frozenset(_forms_by_lemma(lang).get(lemma, ())) | {lemma, word.lower()}
    if lang == "en" and word.isalpha():
        forms |= {regular_plural(word.lower())}
    return forms


def regular_plural(noun: str) -> str:
    if noun.endswith(("s", "x", "z", "ch", "sh")):
        return noun + "es"
    if noun.endswith("y") and len(noun) > 1 and noun[-2] not in "aeiou":
        return noun[:-1] + "ies"
    return noun + "s"
