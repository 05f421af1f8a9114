"""Scanning speed on real documents, as a ratio to bare spaCy tokenization of the same text in the same run.

Both sides get their own spaCy tokenizer (its cache warms the same way) and one warm-up pass; then `repeat` passes
of each, interleaved, and the fastest pass of each is kept (the least disturbed by other processes). Ratios, not
absolute times, are what to compare between runs: they hold on a busy or a slow machine.

The scanner tokenizes blocks of whole clauses (see engine.collect_hits), which keeps spaCy's tokenizer cache
effective, so a scan can cost less than tokenizing the whole text at once; the second baseline, tokenizing those
same blocks, shows what matching and reporting add on top of tokenizing.
"""
from __future__ import annotations

import tarfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

import spacy
from spacy.language import Language

from . import heap
from .engine import token_blocks
from .errors import IngestError
from .ingest import from_bytes
from .models import Document
from .scanner import Scanner
from .segment import segment

DEV_TARBALL = Path("tosdr_docs_corpus_2023") / "tosdr_text_corpus_dev.tar.xz"


@dataclass
class BenchResult:
    documents: int
    words: int
    chars: int
    tokenize_seconds: float
    scan_seconds: float
    block_tokenize_seconds: float = 0.0
    long_doc_words: int = 0
    long_doc_ms: float = 0.0
    long_doc_tokenize_ms: float = 0.0
    findings: int = 0
    notes: list[str] = field(default_factory=list)

    @property
    def ratio(self) -> float:
        return self.scan_seconds / self.tokenize_seconds if self.tokenize_seconds else float("inf")

    def to_dict(self) -> dict:
        return {"documents": self.documents, "words": self.words, "chars": self.chars,
                "tokenize_seconds": round(self.tokenize_seconds, 4), "scan_seconds": round(self.scan_seconds, 4),
                "ratio_scan_to_tokenize": round(self.ratio, 3),
                "block_tokenize_seconds": round(self.block_tokenize_seconds, 4),
                "ratio_scan_to_block_tokenize": round(self.scan_seconds / self.block_tokenize_seconds, 3)
                if self.block_tokenize_seconds else None,
                "words_per_second": round(self.words / self.scan_seconds) if self.scan_seconds else None,
                "long_doc_words": self.long_doc_words, "long_doc_ms": round(self.long_doc_ms, 2),
                "long_doc_tokenize_ms": round(self.long_doc_tokenize_ms, 2), "findings": self.findings,
                "notes": self.notes}


def corpus_documents(corpora: Path, limit: int) -> Iterator[Document]:
    """The first `limit` readable English documents of the ToS;DR dev tarball, in archive order."""
    path = corpora / DEV_TARBALL
    count = 0
    with tarfile.open(path, "r|*") as archive:
        for member in archive:
            if count >= limit:
                break
            if not member.isfile() or not member.name.endswith(".txt"):
                continue
            data = archive.extractfile(member).read()  # type: ignore[union-attr]
            try:
                doc = from_bytes(data, Path(member.name).name)
            except IngestError:
                continue
            if doc.text.strip():
                count += 1
                yield doc


def _timed_pass(fn, items) -> float:
    start = time.perf_counter()
    for item in items:
        fn(item)
    return time.perf_counter() - start


def _compare(baseline_fn, baseline_items, fn, items, repeat: int) -> tuple[float, float]:
    """Best-of-`repeat` time of both, passes interleaved so load from other processes hits both alike."""
    _timed_pass(baseline_fn, baseline_items)  # warm-up: caches, lazy compilation
    _timed_pass(fn, items)
    base, mine = [], []
    for _ in range(repeat):
        base.append(_timed_pass(baseline_fn, baseline_items))
        mine.append(_timed_pass(fn, items))
    return min(base), min(mine)


def long_document(docs: list[Document], words: int) -> Document:
    """A real policy of about `words` words: the longest document, cut (or several joined) to that length."""
    pieces: list[str] = []
    total = 0
    for doc in sorted(docs, key=lambda d: len(d.text), reverse=True):
        pieces.append(doc.text)
        total += len(doc.text.split())
        if total >= words:
            break
    text = "\n\n".join(pieces)
    # Cut at the first line break after the target word count, so the last clause is whole.
    count = 0
    for i, line in enumerate(text.splitlines(keepends=True)):
        count += len(line.split())
        if count >= words:
            text = "".join(text.splitlines(keepends=True)[: i + 1])
            break
    return Document(text=text, source=f"{len(text.split())}-word policy")


def run_bench(docs: list[Document], scanner: Scanner, repeat: int = 3, long_words: int = 10_000,
              lang: str = "en") -> BenchResult:
    scanner.compiled(lang)
    baseline = spacy.blank(lang)  # its own tokenizer and cache, like the scanner's
    with heap.settled():  # as the web app and batch workers do once their scanner is built
        return _measure(docs, scanner, baseline, repeat, long_words, lang)


def _measure(docs: list[Document], scanner: Scanner, baseline: Language, repeat: int, long_words: int,
             lang: str) -> BenchResult:
    texts = [d.text for d in docs]
    tokenize, scan = _compare(baseline.make_doc, texts, lambda d: scanner.scan(d, lang), docs, repeat)
    result = BenchResult(len(docs), sum(len(t.split()) for t in texts), sum(map(len, texts)), tokenize, scan)
    # Stricter baseline: tokenizing the blocks the scanner tokenizes (its own tokenizer and cache again).
    block_nlp = spacy.blank(lang)
    block_texts = [[t[s:e] for s, e in token_blocks(t, segment(t, lang).clauses)] for t in texts]
    result.block_tokenize_seconds, _ = _compare(lambda blocks: [block_nlp.make_doc(b) for b in blocks],
                                                block_texts, lambda _: None, [None], repeat)
    result.findings = sum(len(scanner.scan(d, lang).findings) for d in docs)
    long_doc = long_document(docs, long_words)
    result.long_doc_words = len(long_doc.text.split())
    long_tokenize, long_scan = _compare(baseline.make_doc, [long_doc.text], lambda d: scanner.scan(d, lang),
                                        [long_doc], max(repeat, 10))
    result.long_doc_ms, result.long_doc_tokenize_ms = long_scan * 1000, long_tokenize * 1000
    return result
