"""Bytes -> text: encoding detection, mojibake repair, and the checks for empty and binary input."""
from __future__ import annotations

import codecs
import re

import ftfy
from charset_normalizer import from_bytes

from ..errors import IngestError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_CJK = re.compile(r"[\u3400-\u9fff]")
_CJK_AFTER_ASCII = re.compile(r"(?<=[\x00-\x7f])[\u3400-\u9fff]")
# Ideographs plus the punctuation, kana and full-width forms that accompany them in CJK text.
_CJK_WRITING = re.compile(r"[\u3000-\u30ff\u3400-\u9fff\uff00-\uffef]")
# Control characters other than tab, newline, carriage return, form feed: a sign of binary data.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
# Typical fragments of UTF-8 decoded as Latin-1/cp1252 ("â€™", "Ã©", "â\x80\x99").
_MOJIBAKE_HINT = re.compile(r"[\u00c2-\u00f4][\u0080-\u00bf\u2018-\u203a\u20ac\u0152-\u0178]")


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode raw bytes, returning (text, encoding name). Raises IngestError for binary data."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(name), name
            except UnicodeDecodeError as exc:
                raise IngestError(f"the file starts with a {name} byte-order mark but is not valid {name}: {exc}",
                                  "bad_encoding") from exc
    if b"\x00" in data[:4096]:
        # NUL bytes without a BOM: UTF-16 without BOM is rare for documents; binary is likely.
        raise IngestError("this looks like a binary file, not text (it contains NUL bytes); "
                          "upload a .txt, .md, .html or .pdf document", "binary")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("gb18030")
        if _plausible_chinese(text):
            return text, "gb18030"
    except UnicodeDecodeError:
        pass
    best = from_bytes(data).best()
    if best is None:
        raise IngestError("could not detect the text encoding; this looks like a binary file. "
                          "Save the document as UTF-8 text and try again", "binary")
    if best.encoding != "cp1252":
        # The detector often ranks DOS, Mac or Central European pages first for Western text that reads just as
        # cleanly in cp1252 ("naïve" as "naďve"); cp1252 is by far the commonest legacy encoding, so it wins a tie.
        western = from_bytes(data, cp_isolation=["cp1252"]).best()
        if western is not None and western.chaos <= best.chaos:
            return str(western), "cp1252"
    return str(best), best.encoding


def _plausible_chinese(text: str) -> bool:
    """Whether a GB18030 decoding reads as Chinese rather than as Western cp1252 text in disguise.

    Many cp1252 byte pairs are valid GBK: the apostrophe of "don’t" (0x92) swallows the "t" and the pair
    reads "抰". Such an ideograph ends in an ASCII byte, which no common (GB2312) character does, and it
    follows ASCII text. Real Chinese writes most of its non-ASCII characters in CJK script and has few of
    these swallowed pairs.
    """
    non_ascii = sum(1 for ch in text if ord(ch) > 0x7F)
    ideographs = len(_CJK.findall(text))
    if not ideographs or len(_CJK_WRITING.findall(text)) * 2 < non_ascii:
        return False
    swallowed = sum(1 for match in _CJK_AFTER_ASCII.finditer(text)
                    if 0x40 <= match.group().encode("gb18030")[-1] <= 0x7E)
    return swallowed * 5 <= ideographs


def repair_mojibake(text: str) -> tuple[str, bool]:
    """Undo UTF-8-read-as-Latin-1 damage ("Weâ€™re" -> "We’re"); leave healthy text untouched."""
    if not _MOJIBAKE_HINT.search(text):
        return text, False
    fixed = ftfy.fix_encoding(text)
    return fixed, fixed != text


def check_text(text: str, max_chars: int) -> str:
    """Reject text a scan cannot use: empty, binary-looking, or larger than the limit."""
    if not text.strip(" \t\r\n\f\v\ufeff\u200b\u00a0\u3000"):
        raise IngestError("the document is empty: there is no text to scan", "empty")
    if len(text) > max_chars:
        raise IngestError(f"the document is too large: {len(text):,} characters, the limit is {max_chars:,}. "
                          "Scan one document at a time, or raise TOSSCAN_MAX_CHARS", "too_large")
    sample = text[:20000]
    controls = len(_CONTROL.findall(sample))
    if "\x00" in sample or controls > max(8, len(sample) // 100):
        raise IngestError("this looks like binary data, not text; upload a .txt, .md, .html or .pdf document",
                          "binary")
    return text
