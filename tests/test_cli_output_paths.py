"""Where the CLI writes: an unwritable --output path is a clear error (exit 2), and a path holding "[/]" (rich
markup) is written and named whole, not a crash."""
from __future__ import annotations

from typer.testing import CliRunner

from tosscan.cli import app

runner = CliRunner()
CLAUSE = "The company may use the content you upload in any form, in any media or technology.\n"


def markup_path(tmp_path, name):
    """tmp/[/]<name>: "[/]" in a printed path makes rich raise MarkupError when the path is read as markup."""
    (tmp_path / "[").mkdir(exist_ok=True)
    return tmp_path / "[" / f"]{name}"


def _document(tmp_path, name="terms.txt", text=CLAUSE):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_scan_into_a_missing_folder_is_an_error_not_a_traceback(tmp_path):
    target = tmp_path / "no" / "such" / "dir" / "r.txt"
    result = runner.invoke(app, ["scan", str(_document(tmp_path)), "-o", str(target)])
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    said = " ".join(result.output.split())
    assert "cannot write" in said and "r.txt" in said and "No such file or directory" in said


def test_scan_into_a_path_holding_markup_writes_it_and_names_it_whole(tmp_path):
    target = markup_path(tmp_path, "report[bold].txt")
    result = runner.invoke(app, ["scan", str(_document(tmp_path)), "-o", str(target), "-f", "json"])
    assert result.exit_code == 0, result.output
    assert '"content-license"' in target.read_text(encoding="utf-8")
    assert f"report written to {target}" in "".join(result.output.split("\n"))


def test_diff_into_a_path_holding_markup_or_a_missing_folder(tmp_path):
    old = _document(tmp_path, "old.txt", "We use your uploads solely to provide the Service.\n")
    new = _document(tmp_path, "new.txt")
    target = markup_path(tmp_path, "report[bold].txt")
    written = runner.invoke(app, ["diff", str(old), str(new), "-o", str(target)])
    assert written.exit_code == 0, written.output
    assert target.read_text(encoding="utf-8").strip()
    assert f"comparison written to {target}" in "".join(written.output.split("\n"))
    missing = runner.invoke(app, ["diff", str(old), str(new), "-o", str(tmp_path / "nowhere" / "d.txt")])
    assert missing.exit_code == 2 and "cannot write" in missing.output


def test_batch_names_a_results_path_holding_markup_whole(tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    _document(folder)
    out = markup_path(tmp_path, "results[red].jsonl")
    result = runner.invoke(app, ["batch", str(folder), "-o", str(out), "-q", "--workers", "1"])
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").count("\n") == 1
    assert f"-> {out}; summary -> {out}.summary.csv" in "".join(result.output.split("\n"))
