"""`tosscan diff OLD NEW`: what changed between two versions of the terms.

Exit codes like `scan --fail-on`: 1 when the new version adds a risk or gap (new risk, gap opened, or a risk whose
severity rose) at or above the --fail-on severity, 2 on an error, else 0.
"""
# No `from __future__ import annotations`: typer reads the option types of the nested command at run time.

import sys
from pathlib import Path
from typing import Optional

import typer


def register(app: typer.Typer) -> None:
    from ..cli import FailOn, Lang, OutputFormat, fail, read_document, write_output

    @app.command("diff")
    def diff_command(
        old: str = typer.Argument(..., help="The old version: a file, '-' for stdin, or a URL."),
        new: str = typer.Argument(..., help="The new version: a file, '-' for stdin, or a URL."),
        format: OutputFormat = typer.Option(OutputFormat.text, "--format", "-f", help="Output format."),
        lang: Lang = typer.Option(Lang.auto, "--lang", help="Document language (auto-detected by default)."),
        fail_on: FailOn = typer.Option(FailOn.never, "--fail-on",
                                       help="Exit 1 when the new version adds a risk or gap at or above this "
                                            "severity."),
        output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write the comparison to a file."),
    ) -> None:
        """Compare two versions of a document: risks and protections added or removed, grades before and after."""
        from ..diff import added_risks, diff
        from ..errors import TosscanError
        from ..models import SEVERITY_ORDER
        from ..report.diff_render import render_diff

        if old == "-" and new == "-":
            raise fail("only one of OLD and NEW can be '-' (standard input)")
        try:
            result = diff(read_document(old), read_document(new), lang.value)
        except (TosscanError, ValueError) as exc:
            raise fail(exc)
        rendered = render_diff(result, format.value, color=output is None and sys.stdout.isatty())
        if output:
            write_output(rendered, output, "comparison")
        else:
            sys.stdout.write(rendered if rendered.endswith("\n") else rendered + "\n")
        worse = fail_on != FailOn.never and added_risks(result, SEVERITY_ORDER[fail_on.value])
        raise typer.Exit(1 if worse else 0)
