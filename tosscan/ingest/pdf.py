"""PDF -> text with pypdf. Broken, encrypted or image-only PDFs get a clear error."""
from __future__ import annotations

import io
import logging
import re

from ..errors import IngestError

# Lines wrapped mid-sentence in the PDF layout: join them so a clause reads as one line.
_SOFT_WRAP = re.compile(r"(?<=[^\s.!?:;。！？；])[ \t]*\n(?=[ \t]*[a-z(])")

UNREADABLE = "could not read this PDF (it may be damaged); try another copy of the document, or paste its text"


def pdf_to_text(data: bytes) -> str:
    from pypdf import PdfReader

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            try:
                reader.decrypt("")
            except Exception as exc:  # pypdf raises several types for unsupported encryption
                raise IngestError("this PDF is encrypted; save an unprotected copy and try again",
                                  "bad_pdf") from exc
        pages = [page.extract_text() or "" for page in reader.pages]
    except IngestError:
        raise
    # pypdf fails in many ways on hostile files (PdfReadError, ValueError, KeyError, ...), and its own words
    # ("Stream has ended unexpectedly") mean nothing to a reader: one clear message for them all, no crash.
    except Exception as exc:
        raise IngestError(UNREADABLE, "bad_pdf") from exc
    text = "\n\n".join(p.strip() for p in pages if p.strip())
    if not text.strip():
        raise IngestError("this PDF has no extractable text (it may be a scanned image); "
                          "paste the text instead", "empty")
    return _SOFT_WRAP.sub(" ", text)
