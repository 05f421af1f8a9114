"""Presentation helpers shared by the markdown/html renderers and the web app (no HTML is built here)."""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, replace
from pathlib import PurePath

from ..i18n import severity_name, t
from ..models import SEVERITY_ORDER, Finding, Report
from ..taxonomy import CATEGORY_IDS, category_name


@dataclass
class Piece:
    """A run of text and the findings (by index in report.findings) or evidence that cover it."""

    text: str
    marks: tuple[int, ...] = ()
    start: int = 0  # where the piece starts in the text it was cut from (before any markup was hidden)


def ordered(report: Report, kind: str) -> list[tuple[int, Finding]]:
    """(index, finding) of one kind; risks and gaps by severity then position, protections by position."""
    items = [(i, f) for i, f in enumerate(report.findings) if f.kind == kind]
    return sorted(items, key=lambda p: (-SEVERITY_ORDER[p[1].severity], p[1].start or 0))


def by_rule(items: list[tuple[int, Finding]]) -> list[list[tuple[int, Finding]]]:
    """The items grouped per rule, in the order each rule first appears: a rule that fires in several places is
    explained once, with each of its quotes."""
    groups: dict[str, list[tuple[int, Finding]]] = {}
    for item in items:
        groups.setdefault(item[1].rule, []).append(item)
    return list(groups.values())


def split_marked(text: str, spans: list[tuple[int, int, int]], offset: int = 0) -> list[Piece]:
    """Cut `text` into pieces at every span boundary; each piece lists the ids of spans covering it (in the order
    of `spans`).

    spans: (start, end, id) in the coordinates of the whole document; `offset` is where `text` starts.
    """
    size = len(text)
    cuts, opening, closing = {0, size}, defaultdict(list), defaultdict(list)
    for order, (s, e, _) in enumerate(spans):
        a, b = min(max(s - offset, 0), size), min(max(e - offset, 0), size)
        cuts.update((a, b))
        if a < b:
            opening[a].append(order)
            closing[b].append(order)
    bounds = sorted(cuts)
    pieces, covering = [], set()  # one sweep: a long report has thousands of findings
    for a, b in zip(bounds, bounds[1:]):
        covering.difference_update(closing.get(a, ()))
        covering.update(opening.get(a, ()))
        pieces.append(Piece(text[a:b], tuple(spans[o][2] for o in sorted(covering)), a))
    return pieces


# Markdown markup a reader should not see in a quote: emphasis markers, link and image targets, escapes. Shown
# text only: offsets in the JSON still index the document as written.
_MD_LINK = re.compile(r"!?(\[)[^\]\n]*(\]\([^)\s]*\))")
_MD_EMPHASIS = re.compile(r"\*\*|__")
_MD_ESCAPE = re.compile(r"\\(?=[\\`*_{}\[\]()#+\-.!|])")
# A bullet at the start of a line ("*   9.2 Limited Licence"): the reader sees a list, not an asterisk.
_MD_BULLET = re.compile(r"^[ \t]*[*+-][ \t]+", re.M)


def _markup(text: str) -> list[tuple[int, int]]:
    """Spans of `text` that are Markdown markup: "**", a link's "[" and "](target)", an image's "!", escapes."""
    spans = []
    for link in _MD_LINK.finditer(text):
        spans += [(link.start(), link.end(1)), link.span(2)]
    spans += [m.span() for m in _MD_EMPHASIS.finditer(text)]
    spans += [m.span() for m in _MD_ESCAPE.finditer(text)]
    spans += [m.span() for m in _MD_BULLET.finditer(text)]
    return spans


def readable(text: str) -> str:
    """Markdown as a reader sees it: "**Cookies** [policy](https://x)" -> "Cookies policy"."""
    return "".join(p.text for p in _shown([Piece(text)], True))


def _shown(pieces: list[Piece], markdown: bool, keep_marked: bool = False) -> list[Piece]:
    """The pieces without the characters of Markdown markup (found in their joined text, so a link cut by a
    highlight is still recognised)."""
    if not markdown:
        return pieces
    return _hide(pieces, _markup("".join(p.text for p in pieces)), keep_marked)


# Runs of blank lines: documents (Chinese ones especially) carry screenfuls of them, which a reader of the full
# text should not scroll through. Display only, like the markup: offsets keep indexing the text as written.
_BLANK_RUN = re.compile(r"\n(?:[^\S\n]*\n){2,}")
_EDGES = re.compile(r"\A\s+|\s+\Z")


def _blank_runs(text: str) -> list[tuple[int, int]]:
    """Spans to hide so that no more than one empty line separates paragraphs and the text neither starts nor
    ends with blank space."""
    spans = [(m.start() + 1, m.end() - 1) for m in _BLANK_RUN.finditer(text)]  # keeps its first and last "\n"
    return spans + [m.span() for m in _EDGES.finditer(text)]


def _hide(pieces: list[Piece], spans: list[tuple[int, int]], keep_marked: bool) -> list[Piece]:
    """The pieces without the characters of `spans` (positions in the pieces' joined text); pieces left empty are
    dropped, unless marked and `keep_marked` (the full text keeps them: they may carry a finding's anchor)."""
    hidden = _merged(spans)
    out, pos, h = [], 0, 0
    for piece in pieces:
        end = pos + len(piece.text)
        while h < len(hidden) and hidden[h][1] <= pos:
            h += 1
        kept, at, k = [], pos, h
        while k < len(hidden) and hidden[k][0] < end:  # slices between the hidden spans inside this piece
            kept.append(piece.text[at - pos:max(hidden[k][0], at) - pos])
            at = max(at, min(hidden[k][1], end))
            k += 1
        text = "".join(kept) + piece.text[at - pos:]
        pos = end
        if text or (keep_marked and piece.marks):
            out.append(replace(piece, text=text))
    return out


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted spans, overlapping or touching ones joined."""
    out: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


def document_pieces(report: Report) -> list[Piece]:
    """The whole text cut at every finding's bounds (Piece.start places the anchors); Markdown markup hidden when
    the document is Markdown, runs of blank lines shown as one."""
    spans = [(f.start, f.end, i) for i, f in enumerate(report.findings) if f.start is not None and f.end is not None]
    pieces = _shown(split_marked(report.text, spans), report.document.format == "markdown", keep_marked=True)
    return _hide(pieces, _blank_runs("".join(p.text for p in pieces)), keep_marked=True)


def quote_pieces(finding: Finding, markdown: bool = False) -> list[Piece]:
    """The finding's clause with its evidence marked (mark id = evidence index); Markdown markup hidden when the
    document is Markdown."""
    if finding.text is None or finding.start is None:
        return []
    spans = [(e.start, e.end, i) for i, e in enumerate(finding.evidence)]
    return _shown(merge_marked_runs(split_marked(finding.text, spans, offset=finding.start)), markdown)


def merge_marked_runs(pieces: list[Piece]) -> list[Piece]:
    """Join neighbouring marked pieces: touching or overlapping evidence reads as one highlight, not several."""
    merged: list[Piece] = []
    for piece in pieces:
        if merged and piece.marks and merged[-1].marks:
            last = merged[-1]
            merged[-1] = Piece(last.text + piece.text, tuple(dict.fromkeys(last.marks + piece.marks)), last.start)
        else:
            merged.append(piece)
    return merged


def short_source(source: str) -> str:
    """A document's name for a heading: a file's name without its folders (a long absolute path buries it), a web
    address or "<stdin>" whole."""
    if "://" in source or source.startswith("<"):
        return source
    return PurePath(source).name or source


def summary_rows(report: Report) -> list[dict]:
    rows = []
    for cid in CATEGORY_IDS:
        s = report.summary.get(cid)
        if s and (s.risk or s.protection or s.gap):
            rows.append({"id": cid, "name": category_name(cid, report.language), "risk": s.risk,
                         "protection": s.protection, "gap": s.gap})
    return rows


def labels(lang: str):
    """Template helpers bound to a language."""
    return {
        "t": lambda key, **kw: t(lang, key, **kw),
        "sev": lambda s: severity_name(lang, s),
        "cat": lambda c: category_name(c, lang),
    }
