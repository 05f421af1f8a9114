"""The OPP-115 adapter on a tiny corpus written by the test (same file layout and CSV shape as the release)."""
from __future__ import annotations

import csv
import json

import pytest

from tosscan.evaluate import datasets, opp115


def _attrs(**values: str) -> str:
    return json.dumps({name.replace("_", " "): {"selectedText": "x", "startIndexInSegment": 0,
                                                 "endIndexInSegment": 1, "value": value}
                       for name, value in values.items()})


def _write_policy(root, stem: str, segments: list[str], rows: list[tuple[int, str, str]]) -> None:
    policies = root / opp115.POLICIES
    consolidation = root / opp115.CONSOLIDATION
    policies.mkdir(parents=True, exist_ok=True)
    consolidation.mkdir(parents=True, exist_ok=True)
    (policies / f"{stem}.html").write_text(opp115.SEPARATOR.join(segments), encoding="utf-8")
    with (consolidation / f"{stem}.csv").open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        for i, (segment, category, attributes) in enumerate(rows):
            writer.writerow([f"C{i}", "batch", "7", "1", segment, category, attributes, "Not specified",
                             "http://example.com/privacy"])


def test_gold_mapping_keeps_only_sound_labels():
    assert opp115.gold_for("Data Retention", json.loads(_attrs(Retention_Period="Unspecified"))) == {"data-retention"}
    shared = json.loads(_attrs(Action_Third_Party="Receive/Shared with"))
    tracked = json.loads(_attrs(Action_Third_Party="Track on first party website/app"))
    assert opp115.gold_for("Third Party Sharing/Collection", shared) == {"third-party-sharing"}
    assert opp115.gold_for("Third Party Sharing/Collection", tracked) == {"tracking-advertising"}
    # Viewing or editing your data is not deletion; deleting the account is.
    assert opp115.gold_for("User Access, Edit and Deletion", json.loads(_attrs(Access_Type="Edit information"))) == set()
    assert opp115.gold_for("User Access, Edit and Deletion",
                           json.loads(_attrs(Access_Type="Delete account (full)"))) == {"data-deletion"}
    assert opp115.gold_for("Do Not Track", json.loads(_attrs(Do_Not_Track_policy="Not mentioned"))) == set()
    assert opp115.gold_for("Do Not Track", json.loads(_attrs(Do_Not_Track_policy="Not honored"))) == {
        "tracking-advertising"}
    assert opp115.gold_for("International and Specific Audiences",
                           json.loads(_attrs(Audience_Type="Europeans"))) == set()
    assert opp115.gold_for("First Party Collection/Use",
                           json.loads(_attrs(Purpose="Advertising"))) == {"tracking-advertising"}


def test_segments_are_split_and_stripped_of_markup(tmp_path):
    path = tmp_path / "p.html"
    path.write_text("<strong>Title</strong> <br>|||We keep logs &amp; backups. <br> <br>|||", encoding="utf-8")
    assert [s.strip() for s in opp115.read_segments(path)] == ["Title", "We keep logs & backups.", ""]


def test_segment_level_scores_on_a_tiny_corpus(tmp_path, scanner):
    _write_policy(tmp_path, "1_example.com", [
        "Example Privacy Policy",
        "We may share your personal information with our business partners.",
        "We delete your photos within 30 days.",
        "We use cookies and web beacons to understand how you use the site.",
        "Our offices are in Springfield.",
    ], [
        (0, "Other", _attrs(Other_Type="Introductory/Generic")),
        (1, "Third Party Sharing/Collection", _attrs(Action_Third_Party="Receive/Shared with")),
        (2, "Data Retention", _attrs(Retention_Period="Stated Period")),
        # Labelled as retention too, but the text says nothing the rules can see: a false negative.
        (4, "Data Retention", _attrs(Retention_Period="Unspecified")),
    ])
    result = opp115.run(tmp_path, scanner, keep_errors=20)
    sharing, retention = result.counts("third-party-sharing"), result.counts("data-retention")
    tracking = result.counts("tracking-advertising")
    assert (sharing.tp, sharing.fp, sharing.fn) == (1, 0, 0)
    assert (retention.tp, retention.fp, retention.fn) == (1, 0, 1)
    # The cookie segment has no tracking label in this corpus, so finding it counts against precision.
    assert (tracking.tp, tracking.fp) == (0, 1)
    assert {(e.kind, e.category, e.where) for e in result.errors} == {
        ("fn", "data-retention", "1_example.com#4"), ("fp", "tracking-advertising", "1_example.com#3")}
    assert result.notes[0].startswith("5 segments in 1 policies")
    assert 0 < result.summary["micro_recall"] < 1


def test_missing_corpus_is_reported_as_missing(tmp_path, scanner):
    with pytest.raises(FileNotFoundError):
        opp115.run(tmp_path, scanner)


def test_bad_csv_row_names_the_file(tmp_path):
    path = tmp_path / "9_bad.csv"
    path.write_text("C1,batch,7,1,0,Data Retention,{not json},x,y\n", encoding="utf-8")
    with pytest.raises(ValueError, match="9_bad.csv"):
        opp115.read_gold(path)


def test_dataset_is_discovered():
    assert "opp115" in datasets()
