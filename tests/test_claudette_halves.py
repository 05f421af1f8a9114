"""`tosscan eval --half`: the CLAUDETTE documents split into two alphabetical halves (tiny corpus, no shared data)."""
from __future__ import annotations

import pytest
from typer.testing import CliRunner

from tosscan.cli import app
from tosscan.evaluate import claudette


@pytest.fixture
def tiny(tmp_path):
    root = tmp_path / claudette.ROOT
    (root / "sentences" / "en" / "original").mkdir(parents=True)
    (root / "tags" / "en" / "original").mkdir(parents=True)
    names = ["Delta", "Alpha", "Charlie", "Bravo", "Echo"]
    (root / "DEV_LIST.txt").write_text("\n".join(names) + "\n")
    for name in names:
        (root / "sentences" / "en" / "original" / f"{name}.txt").write_text(
            "All disputes will be resolved by binding arbitration.\n")
        (root / "tags" / "en" / "original" / f"{name}.txt").write_text("a2\n")
    return tmp_path


def test_halves_alternate_in_alphabetical_order_and_cover_every_document(tiny):
    odd, even = claudette.documents(tiny, half="odd"), claudette.documents(tiny, half="even")
    assert odd == ["Alpha", "Charlie", "Echo"] and even == ["Bravo", "Delta"]
    assert sorted(odd + even) == sorted(claudette.documents(tiny))


def test_unknown_half_is_a_clear_error(tiny):
    with pytest.raises(ValueError, match="odd, even"):
        claudette.documents(tiny, half="first")


def test_run_scores_only_the_chosen_half(tiny, scanner):
    result = claudette.run(tiny, scanner, half="even")
    assert result.counts("arbitration").tp == 2
    assert result.notes == ["2 sentences in 2 documents (even half: Bravo, Delta)"]


def test_cli_half_option(tiny):
    runner = CliRunner()
    ok = runner.invoke(app, ["eval", "-d", "claudette", "--corpora", str(tiny), "--half", "odd", "-f", "json"])
    assert ok.exit_code == 0 and '"tp": 3' in ok.output
    bad = runner.invoke(app, ["eval", "-d", "opp115", "--corpora", str(tiny), "--half", "odd"])
    assert bad.exit_code == 2 and "cannot be split into halves" in bad.output
