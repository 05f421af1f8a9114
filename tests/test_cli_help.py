"""`--help` of every command: a flag takes no value, so it is shown without a type; an option that takes one keeps it."""
from __future__ import annotations

import re

import pytest
import typer
from typer.testing import CliRunner

from tosscan.cli import app

runner = CliRunner()


def _command_paths(command, path: tuple[str, ...] = ()):
    yield path
    for name, sub in getattr(command, "commands", {}).items():
        yield from _command_paths(sub, path + (name,))


COMMANDS = list(_command_paths(typer.main.get_command(app)))


def _help(path: tuple[str, ...]) -> str:
    result = runner.invoke(app, [*path, "--help"], env={"COLUMNS": "160"})
    assert result.exit_code == 0, result.output
    return result.output


@pytest.mark.parametrize("path", COMMANDS, ids=lambda p: " ".join(p) or "tosscan")
def test_flags_are_listed_without_a_type(path):
    output = _help(path)
    assert re.search(r"--help\s+Show this message and exit\.", output), output
    assert "<bool>" not in output


def test_every_command_is_checked():
    assert {"scan", "diff", "eval", "batch", "rules"} <= {p[0] for p in COMMANDS if p}
    assert ("rules", "list") in COMMANDS


def test_options_that_take_a_value_keep_their_type():
    assert re.search(r"--format\s+-f\s+<text\|json\|markdown\|html>", _help(("scan",)))
    output = _help(("eval",))
    assert re.search(r"--list\s+List the datasets and exit\.", output)
    assert re.search(r"--show-errors\s+<int range>", output)
