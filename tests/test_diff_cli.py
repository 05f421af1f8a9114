"""`tosscan diff OLD NEW`: formats, stdin, --fail-on exit codes, errors."""
from __future__ import annotations

import json

from typer.testing import CliRunner

from tosscan.cli import app

runner = CliRunner()
LICENCE = "The company may use the content you upload in any form, in any media or technology.\n"
PURPOSE = "Uploads are solely used to create your digital clone and deleted afterwards.\n"


def write(tmp_path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_diff_formats(tmp_path):
    old, new = write(tmp_path, "old.txt", LICENCE), write(tmp_path, "new.txt", PURPOSE)
    text = runner.invoke(app, ["diff", old, new])
    assert text.exit_code == 0, text.output
    assert "REMOVED RISK" in text.output and "old.txt → " in text.output
    data = json.loads(runner.invoke(app, ["diff", old, new, "--format", "json"]).stdout)
    assert data["schema"] == "tosscan.diff/1" and data["counts"]["removed_risk"] == 1
    md = runner.invoke(app, ["diff", old, new, "-f", "markdown"]).stdout
    assert md.startswith("# What changed in these terms")
    out = tmp_path / "diff.html"
    html = runner.invoke(app, ["diff", old, new, "-f", "html", "-o", str(out)])
    assert html.exit_code == 0 and "<del>" in out.read_text(encoding="utf-8")


def test_diff_reads_one_side_from_stdin(tmp_path):
    new = write(tmp_path, "new.txt", PURPOSE)
    result = runner.invoke(app, ["diff", "-", new, "--format", "json"], input=LICENCE)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["before"]["source"] == "<stdin>"


def test_fail_on_counts_only_what_the_new_version_adds(tmp_path):
    licence, purpose = write(tmp_path, "licence.txt", LICENCE), write(tmp_path, "purpose.txt", PURPOSE)
    # Removing a critical risk never fails; adding it does, at or below its severity.
    assert runner.invoke(app, ["diff", licence, purpose, "--fail-on", "low"]).exit_code == 0
    assert runner.invoke(app, ["diff", purpose, licence, "--fail-on", "critical"]).exit_code == 1
    assert runner.invoke(app, ["diff", purpose, licence, "--fail-on", "never"]).exit_code == 0
    # The same risk on both sides is not "added".
    assert runner.invoke(app, ["diff", licence, licence, "--fail-on", "low"]).exit_code == 0


def test_diff_errors_exit_2(tmp_path):
    new = write(tmp_path, "new.txt", PURPOSE)
    both = runner.invoke(app, ["diff", "-", "-"], input=LICENCE)
    assert both.exit_code == 2 and "only one of OLD and NEW" in both.output
    missing = runner.invoke(app, ["diff", str(tmp_path / "nope.txt"), new])
    assert missing.exit_code == 2 and "nope.txt" in missing.output
    empty = runner.invoke(app, ["diff", write(tmp_path, "empty.txt", ""), new])
    assert empty.exit_code == 2
    assert runner.invoke(app, ["diff", new, new, "--lang", "fr"]).exit_code == 2
