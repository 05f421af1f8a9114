import json

import pytest

from tosscan.batch.output import OutputError, ResultWriter, cut_partial_line, read_previous
from tosscan.batch.summary import Summary, summarize_file, write_csv
from tosscan.batch.work import error_result


def report_line(doc_id: str, grade: str = "B", risks=("arbitration",), gaps=()) -> str:
    summary = {c: {"risk": int(c in risks), "protection": 0, "gap": int(c in gaps)} for c in set(risks) | set(gaps)}
    return json.dumps({"id": doc_id, "schema": "tosscan.report/1", "grade": grade, "summary": summary},
                      separators=(",", ":"))


def test_partial_last_line_is_cut_and_its_document_not_counted_done(tmp_path):
    out = tmp_path / "r.jsonl"
    out.write_text(report_line("a") + "\n" + report_line("b") + "\n" + report_line("c")[:25])
    previous = read_previous(out)
    assert previous.done == {"a", "b"}
    assert previous.repaired_bytes == 25
    assert out.read_text().endswith("\n") and out.read_text().count("\n") == 2


def test_cut_partial_line_on_a_file_holding_only_a_partial_line(tmp_path):
    out = tmp_path / "r.jsonl"
    out.write_text('{"id":"a","sch')
    assert cut_partial_line(out) == len('{"id":"a","sch')
    assert out.read_bytes() == b""


def test_ids_are_read_from_error_lines_foreign_key_order_and_unreadable_lines_skipped(tmp_path):
    out = tmp_path / "r.jsonl"
    lines = [report_line("ok"), error_result("bad", "empty", "the file is empty").line,
             json.dumps({"grade": "A", "id": "reordered"}), "not json at all", json.dumps(["a", "list"])]
    out.write_text("\n".join(lines) + "\n")
    previous = read_previous(out)
    assert previous.done == {"ok", "bad", "reordered"}
    assert previous.unreadable_lines == 2


def test_retry_failed_removes_error_lines_from_the_file(tmp_path):
    out = tmp_path / "r.jsonl"
    out.write_text("\n".join([report_line("ok"), error_result("bad", "binary", "binary data").line]) + "\n")
    previous = read_previous(out, retry_failed=True)
    assert previous.done == {"ok"} and previous.dropped_failures == 1
    assert [json.loads(line)["id"] for line in out.read_text().splitlines()] == ["ok"]
    assert not (tmp_path / "r.jsonl.tmp").exists()


def test_a_second_writer_on_the_same_file_is_refused(tmp_path):
    out = tmp_path / "r.jsonl"
    with ResultWriter(out) as writer:
        writer.write(report_line("a"))
        with pytest.raises(OutputError, match="another tosscan batch run"):
            with ResultWriter(out):
                pass
        # Written lines are on disk before the writer closes (line-buffered).
        assert out.read_text() == report_line("a") + "\n"


def test_summary_counts_documents_per_grade_category_and_error(tmp_path):
    out = tmp_path / "r.jsonl"
    out.write_text("\n".join([
        report_line("1", "A", risks=("arbitration",)),
        report_line("2", "D", risks=("arbitration", "content-license"), gaps=("data-retention",)),
        report_line("3", "D", risks=(), gaps=("data-retention",)),
        error_result("4", "empty", "the file is empty").line,
    ]) + "\n")
    summary = summarize_file(out)
    assert (summary.documents, summary.reports) == (4, 3)
    assert summary.grades == {"A": 1, "D": 2}
    assert summary.categories["risk"] == {"arbitration": 2, "content-license": 1}
    assert summary.categories["gap"] == {"data-retention": 2}
    assert summary.errors == {"empty": 1}
    csv_path = tmp_path / "s.csv"
    write_csv(summary, csv_path)
    rows = csv_path.read_text().splitlines()
    assert rows[0] == "section,key,documents,share"
    assert "grade,D,2,0.6667" in rows and "risk,arbitration,2,0.6667" in rows
    assert "gap,data-retention,2,0.6667" in rows and "error,empty,1,0.25" in rows


def test_empty_summary_has_no_division_by_zero():
    assert Summary().rows()[0] == ("total", "documents", 0, 0.0)
