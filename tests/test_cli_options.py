"""Options out of range are refused while parsing (exit 2 and a message), before any corpus is read or rule run."""
from __future__ import annotations

import pytest
from typer.testing import CliRunner

from tosscan.cli import app

runner = CliRunner()


@pytest.mark.parametrize("args, option", [
    (["bench", "--repeat", "0"], "--repeat"),
    (["bench", "-r", "-1"], "--repeat"),
    (["bench", "--docs", "0"], "--docs"),
    (["bench", "-n", "0"], "--docs"),
    (["bench", "--format", "JSON"], "--format"),
    (["bench", "-f", "csv"], "--format"),
    (["eval", "--format", "JSON"], "--format"),
    (["eval", "-f", "html"], "--format"),
    (["eval", "--show-errors", "-1"], "--show-errors"),
    (["rules", "list", "-f", "html"], "--format"),
])
def test_an_option_out_of_range_is_refused_before_any_work(args, option, tmp_path):
    # An empty corpora folder: were the option let through, the command would stop on the missing corpus instead,
    # with another message, so the check below tells the two apart.
    extra = ["--corpora", str(tmp_path)] if args[0] in ("bench", "eval") else []
    result = runner.invoke(app, args + extra)
    assert result.exit_code == 2, result.output
    said = " ".join(result.output.split())
    assert "Invalid value" in said and option in said, said


def test_the_format_options_still_take_text_and_json():
    assert runner.invoke(app, ["rules", "list", "-f", "json", "--lang", "zh"]).stdout.lstrip().startswith("[")
    listed = runner.invoke(app, ["eval", "--list", "-f", "json"])
    assert listed.exit_code == 0 and "claudette" in listed.stdout
