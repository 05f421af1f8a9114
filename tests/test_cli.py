"""The CLI's outputs and exit codes (0 fine, 1 --fail-on reached, 2 error)."""
from __future__ import annotations

import json
import re

from typer.testing import CliRunner

from tosscan.cli import app

runner = CliRunner()
MIAOYA = "The company may use the content you upload in any form, in any media or technology.\n"


def test_scan_text_output(tmp_path):
    path = tmp_path / "terms.txt"
    path.write_text(MIAOYA, encoding="utf-8")
    result = runner.invoke(app, ["scan", str(path)])
    assert result.exit_code == 0, result.output
    assert "CRITICAL" in result.output and "en-content-license-any-media" in result.output


def test_scan_json_from_stdin():
    result = runner.invoke(app, ["scan", "-", "--format", "json"], input=MIAOYA)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["document"]["text"] == MIAOYA
    assert data["findings"][0]["category"] == "content-license"


def test_fail_on_severity(tmp_path):
    path = tmp_path / "terms.txt"
    path.write_text(MIAOYA, encoding="utf-8")
    assert runner.invoke(app, ["scan", str(path), "--fail-on", "critical"]).exit_code == 1
    harmless = tmp_path / "ok.txt"
    harmless.write_text("We use your photos only to make your portrait and delete them within 24 hours.\n")
    assert runner.invoke(app, ["scan", str(harmless), "--fail-on", "critical"]).exit_code == 0


def test_errors_exit_2(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    result = runner.invoke(app, ["scan", str(empty)])
    assert result.exit_code == 2 and "the file is empty" in result.output
    piped = runner.invoke(app, ["scan", "-"], input="  \n")
    assert piped.exit_code == 2 and "standard input is empty" in piped.output
    binary = tmp_path / "junk.txt"
    binary.write_bytes(bytes(range(256)) * 10)
    assert runner.invoke(app, ["scan", str(binary)]).exit_code == 2
    assert runner.invoke(app, ["scan", str(tmp_path / "missing.txt")]).exit_code == 2


def test_markdown_and_html_outputs(tmp_path):
    path = tmp_path / "terms.txt"
    path.write_text(MIAOYA + '<script>alert("x")</script>\n', encoding="utf-8")
    md = runner.invoke(app, ["scan", str(path), "--format", "markdown"])
    assert md.exit_code == 0 and "## " in md.output
    html = runner.invoke(app, ["scan", str(path), "--format", "html"])
    assert html.exit_code == 0
    assert "<script>alert" not in html.output and "&lt;script&gt;" in html.output


def test_rules_list_and_test():
    listed = runner.invoke(app, ["rules", "list", "--format", "json"])
    assert listed.exit_code == 0
    ids = {r["id"] for r in json.loads(listed.stdout)}
    assert "en-content-license-any-media" in ids
    tested = runner.invoke(app, ["rules", "test"])
    assert tested.exit_code == 0, tested.output
    passed = re.search(r"(\d+) passed, 0 failed \((\d+) rules\)", tested.output)
    assert passed and int(passed[1]) > 0 and int(passed[2]) > 0, tested.output


def test_rules_list_shows_every_id_whole_on_a_narrow_console():
    ids = [r["id"] for r in json.loads(runner.invoke(app, ["rules", "list", "--format", "json"]).stdout)]
    for columns in ("80", "60"):
        listed = runner.invoke(app, ["rules", "list"], env={"COLUMNS": columns})
        assert listed.exit_code == 0
        shown = set(listed.stdout.split())
        assert [i for i in ids if i not in shown] == [], f"ids cut at {columns} columns"


def test_a_german_document_is_refused_unless_the_language_is_chosen(tmp_path):
    path = tmp_path / "agb.txt"
    path.write_text("Wir dürfen Ihre Fotos für beliebige Zwecke verwenden und diese Bedingungen jederzeit ohne "
                    "Ankündigung ändern. Ihre Daten werden auf unseren Servern unbegrenzt gespeichert, auch nachdem "
                    "Sie Ihr Konto gelöscht haben, und an unsere Partner in aller Welt weitergegeben.", encoding="utf-8")
    refused = runner.invoke(app, ["scan", str(path)])
    said = " ".join(refused.output.split())
    assert refused.exit_code == 2 and "does not read as English" in said and "(--lang en or --lang zh)" in said
    assert runner.invoke(app, ["scan", str(path), "--lang", "en"]).exit_code == 0


def test_an_error_naming_brackets_is_printed_whole_and_a_refused_address_says_how_to_allow_it(tmp_path):
    missing = tmp_path / "[bold]terms.txt"  # rich would read "[bold]" as markup and drop it
    result = runner.invoke(app, ["scan", str(missing)])
    assert result.exit_code == 2 and "[bold]terms.txt" in result.output
    refused = runner.invoke(app, ["scan", "http://127.0.0.1:9/terms"])
    assert refused.exit_code == 2 and "TOSSCAN_ALLOW_PRIVATE_URLS=1" in " ".join(refused.output.split())
    compared = runner.invoke(app, ["diff", "http://127.0.0.1:9/old", str(missing)])
    assert compared.exit_code == 2 and "TOSSCAN_ALLOW_PRIVATE_URLS=1" in " ".join(compared.output.split())
