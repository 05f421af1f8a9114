"""A real privacy policy from the Open Terms Archive corpus, edited in code: an arbitration clause inserted, a
deletion-right paragraph removed, two sections swapped. The diff must show exactly those changes, and a swap alone
must change no finding.

The corpus text is read at run time (never copied into the repo); the edits are chosen from what the scanner finds,
so the test holds while the rule pack grows.
"""
from __future__ import annotations

from itertools import combinations

import pytest

from tosscan import diff, scan
from tosscan.ingest import from_path
from tosscan.segment import Span, segment

DOCUMENT = "open_terms_archive/genai-contrib-versions/fal/Privacy Policy.md"
ARBITRATION = ("Any dispute arising out of or relating to this Privacy Policy or the Services shall be finally "
               "resolved by binding arbitration.")


@pytest.fixture(scope="module")
def original(corpora):
    path = corpora / DOCUMENT
    if not path.is_file():
        pytest.skip(f"{path} not found")
    return scan(from_path(path), "en")


def swap(text: str, first: Span, second: Span) -> str:
    assert first.end <= second.start
    return (text[:first.start] + text[second.start:second.end] + text[first.end:second.start]
            + text[first.start:first.end] + text[second.end:])


def sections_by_findings(report) -> list[tuple[int, Span]]:
    """(number of located findings, section), most findings first, document order among equals."""
    seg = segment(report.text, report.language)
    counts = []
    for index, section in enumerate(seg.sections):
        n = sum(1 for f in report.findings if f.start is not None and section.start <= f.start < section.end)
        counts.append((n, index, section))
    return [(n, section) for n, _, section in sorted(counts, key=lambda c: (-c[0], c[1]))]


def test_swapping_sections_changes_no_finding(original):
    (n1, first), (n2, second) = sections_by_findings(original)[:2]
    assert n1 + n2 > 0, "the swapped sections should carry findings, or the test proves nothing"
    first, second = sorted((first, second), key=lambda s: s.start)
    edited = swap(original.text, first, second)
    assert edited != original.text
    result = diff(original.document.text, edited, "en")
    assert {c.status for c in result.changes} == {"unchanged"}
    assert result.counts["unchanged"] == len(original.findings)
    assert result.verdict == "same"
    assert (result.before.grade, result.before.score) == (result.after.grade, result.after.score)
    assert result.text.moved > 0 and {c.status for c in result.text.other} == {"moved"}
    assert result.text.edited == result.text.added == result.text.removed == 0


def test_arbitration_added_deletion_right_removed_sections_swapped(original):
    text = original.text
    seg = segment(text, "en")
    # The paragraph the scanner reads as a right to delete your data.
    deletion = [f for f in original.findings if f.kind == "protection" and f.category == "data-deletion"]
    assert deletion, "no data-deletion protection found in the document"
    removed = seg.clauses[seg.clause_at(deletion[0].start)]
    # The arbitration clause goes just before the "Contact us" section.
    contact = next(s for s in seg.sections if "CONTACT US" in text[s.start:s.end].splitlines()[0])
    # Two sections with findings are swapped; the stretch they span holds neither edit, so the edits stay apart.
    first, second = next(
        (a, b) for a, b in combinations(sorted((s for n, s in sections_by_findings(original) if n > 0),
                                               key=lambda s: s.start), 2)
        if not any(a.start <= point < b.end for point in (removed.start, contact.start)))

    # Apply the edits from the end of the text backwards so earlier offsets stay valid.
    edits = sorted([("insert", contact.start, contact.start), ("delete", removed.start, removed.end),
                    ("swap", first.start, second.end)], key=lambda e: -e[1])
    for kind, start, end in edits:
        if kind == "insert":
            text = text[:start] + ARBITRATION + "\n\n" + text[start:]
        elif kind == "delete":
            text = text[:start] + text[end:].lstrip("\n")
        else:
            text = swap(text, first, second)
    result = diff(original.document.text, text, "en")

    changed = [c for c in result.changes if c.status != "unchanged"]
    new_risks = [c for c in changed if c.status == "new_risk"]
    gone = [c for c in changed if c.status == "removed_protection"]
    # Exactly the two edits, nothing from the swap.
    assert {c.status for c in changed} == {"new_risk", "removed_protection"}
    assert new_risks and all(c.new.text == ARBITRATION for c in new_risks)
    assert "arbitration" in {c.category for c in new_risks}
    assert gone and all(c.old.start == removed.start for c in gone)
    assert "data-deletion" in {c.category for c in gone}
    # Every other finding, those in the swapped sections included, is matched to itself.
    assert result.counts["unchanged"] == len(original.findings) - len(gone)
    assert result.verdict == "worse"
    # The swap shows as moved clauses in the text summary; the inserted and deleted paragraphs are shown by the
    # finding changes above, so the summary lists nothing else.
    assert result.text.moved > 0 and {c.status for c in result.text.other} == {"moved"}
    assert result.text.added == 1 and result.text.removed == 1 and result.text.edited == 0
