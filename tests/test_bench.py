"""`tosscan bench` machinery (no timing assertions: speed is read from the command's output, not asserted)."""
from __future__ import annotations

from tosscan.bench import long_document, run_bench
from tosscan.models import Document

POLICY = ("We may retain your photos indefinitely. You grant us a licence to use your content in any media.\n"
          "We share your personal information with advertisers.\n") * 40


def test_long_document_is_cut_at_a_line_end():
    docs = [Document(text=POLICY, source="a"), Document(text="short text\n", source="b")]
    doc = long_document(docs, 100)
    assert 100 <= len(doc.text.split()) < 130
    assert doc.text.endswith("\n")


def test_run_bench_reports_both_sides(scanner):
    docs = [Document(text=POLICY, source=str(i)) for i in range(3)]
    result = run_bench(docs, scanner, repeat=1, long_words=200)
    data = result.to_dict()
    assert data["documents"] == 3 and data["words"] == 3 * len(POLICY.split())
    assert result.tokenize_seconds > 0 and result.scan_seconds > 0 and data["ratio_scan_to_tokenize"] > 0
    assert data["findings"] > 0
    assert data["long_doc_words"] >= 200 and data["long_doc_ms"] > 0
