"""A file that is not a readable PDF gets one clear message, never the PDF library's own wording."""
from __future__ import annotations

import random

import pytest

from conftest import make_pdf
from tosscan import ingest
from tosscan.errors import IngestError

CLEAR = "could not read this PDF (it may be damaged)"


@pytest.mark.parametrize("raw", [
    random.Random(7).randbytes(20_000),  # random bytes named .pdf: pypdf says "Stream has ended unexpectedly"
    b"%PDF-1.4\n" + random.Random(8).randbytes(5_000),
    make_pdf("We may use your photos in any media.")[:200],  # cut short
], ids=["random", "header-then-noise", "truncated"])
def test_an_unreadable_pdf_gets_the_clear_message(raw):
    with pytest.raises(IngestError) as info:
        ingest.from_bytes(raw, "terms.pdf")
    if info.value.code == "empty":  # pypdf recovered the structure and found no text: that message is clear too
        assert "no extractable text" in str(info.value)
        return
    message = str(info.value)
    assert info.value.code == "bad_pdf" and message.startswith(CLEAR)
    assert "Stream" not in message and "Error" not in message and "xref" not in message.lower()
