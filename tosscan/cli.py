"""Command line: tosscan scan | rules list | rules test, plus the commands in tosscan/commands/.

Exit codes: 0 fine, 1 a finding at or above --fail-on, 2 an error (bad input, bad rules, bad options).
"""
from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Optional

import typer
from rich import box
from rich.console import Console
from rich.markup import escape
from rich.table import Table
from typer.core import TyperCommand, TyperGroup

from .errors import TosscanError
from .models import SEVERITY_ORDER


class _FlagsShowNoType:
    """typer's rich help prints a type beside every option, flags too ("--help <bool>"), which reads as if the flag
    took a value. An empty metavar leaves that column blank for flags (as click's plain help does)."""

    def get_params(self, ctx):
        params = super().get_params(ctx)  # type: ignore[misc]
        for param in params:
            if (getattr(param, "is_flag", False) or getattr(param, "count", False)) and param.metavar is None:
                param.metavar = ""
        return params


class _Command(_FlagsShowNoType, TyperCommand):
    pass


class _Group(_FlagsShowNoType, TyperGroup):
    pass


class _Typer(typer.Typer):
    """A Typer whose commands (here and in tosscan/commands/) and groups show flags without a type."""

    def __init__(self, *, cls=None, **kwargs):
        super().__init__(cls=cls or _Group, **kwargs)

    def command(self, *args, cls=None, **kwargs):
        return super().command(*args, cls=cls or _Command, **kwargs)


app = _Typer(help="Reads an AI app's terms of service or privacy policy and reports what it takes from you.",
             no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False)
rules_app = _Typer(help="List and test the rule catalogue.", no_args_is_help=True)
app.add_typer(rules_app, name="rules")

err = Console(stderr=True)


class OutputFormat(str, Enum):
    text = "text"
    json = "json"
    markdown = "markdown"
    html = "html"


class TextOrJson(str, Enum):
    text = "text"
    json = "json"


class Lang(str, Enum):
    auto = "auto"
    en = "en"
    zh = "zh"


class FailOn(str, Enum):
    critical = "critical"
    high = "high"
    medium = "medium"
    low = "low"
    never = "never"


# Errors are raised below the interfaces; the way out they name depends on where the user is (the web says
# "the language field" instead).
CLI_ADVICE = {
    "unsupported_language": " (--lang en or --lang zh)",
    "forbidden_address": ". From the command line, TOSSCAN_ALLOW_PRIVATE_URLS=1 allows it",
}


def fail(message: str | Exception) -> "typer.Exit":
    """Print the error (escaped: a file name or URL may hold "[...]", which rich would read as markup); exit 2."""
    text = str(message) + CLI_ADVICE.get(getattr(message, "code", ""), "")
    err.print(f"[bold red]error:[/] {escape(text)}", highlight=False, markup=True)
    return typer.Exit(2)


def write_output(rendered: str, output: Path, what: str = "report") -> None:
    """Write a rendered report to `output`; a path that cannot be written is a clear error (exit 2), not a
    traceback, and the path is printed escaped (a name holding "[/]" would otherwise be read as rich markup)."""
    try:
        output.write_text(rendered, encoding="utf-8")
    except OSError as exc:
        raise fail(f"cannot write {output}: {exc.strerror or exc}")
    err.print(f"{what} written to {escape(str(output))}", highlight=False)


def read_document(path: str):
    """PATH, '-' for standard input, or an http(s) URL -> Document."""
    from . import ingest

    if path == "-":
        data = sys.stdin.buffer.read()
        return ingest.from_bytes(data, "<stdin>")
    if path.startswith(("http://", "https://")):
        from .ingest.url import fetch_document

        return fetch_document(path)
    return ingest.from_path(path)


def exceeds(findings, fail_on: str) -> bool:
    if fail_on == "never":
        return False
    floor = SEVERITY_ORDER[fail_on]
    return any(f.kind != "protection" and SEVERITY_ORDER[f.severity] >= floor for f in findings)


@app.command()
def scan(
    path: str = typer.Argument(..., help="Document to scan: a file (.txt .md .html .pdf), '-' for stdin, or a URL."),
    format: OutputFormat = typer.Option(OutputFormat.text, "--format", "-f", help="Output format."),
    lang: Lang = typer.Option(Lang.auto, "--lang", help="Document language (auto-detected by default)."),
    fail_on: FailOn = typer.Option(FailOn.never, "--fail-on",
                                   help="Exit 1 when a risk or gap at or above this severity is found."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write the report to a file."),
) -> None:
    """Scan one document and print its report."""
    from .scanner import scan as scan_document
    from .report import render

    try:
        document = read_document(path)
        report = scan_document(document, lang.value)
    except (TosscanError, ValueError) as exc:
        raise fail(exc)
    rendered = render(report, format.value, color=output is None and sys.stdout.isatty())
    if output:
        write_output(rendered, output)
    else:
        sys.stdout.write(rendered if rendered.endswith("\n") else rendered + "\n")
    raise typer.Exit(1 if exceeds(report.findings, fail_on.value) else 0)


@rules_app.command("list")
def rules_list(
    format: TextOrJson = typer.Option(TextOrJson.text, "--format", "-f", help="text or json."),
    lang: Optional[Lang] = typer.Option(None, "--lang", help="Only rules of this language."),
) -> None:
    """List every rule: id, category, kind, severity, title."""
    import json

    from .rules.loader import bundled_ruleset

    try:
        ruleset = bundled_ruleset()
    except TosscanError as exc:
        raise fail(exc)
    rules = [r for r in ruleset.rules if lang in (None, Lang.auto) or r.language == lang.value]
    if format == TextOrJson.json:
        print(json.dumps([r.model_dump(mode="json", exclude={"match", "gap"}) | {"language": r.language}
                          for r in rules], ensure_ascii=False, indent=2))
        return
    # The id is what a user copies (to /rules/<id>, a rule file), so it is never cut: with ids up to ~50
    # characters five columns do not fit 80, so the rest of a rule shares one wrapping column.
    table = Table(title=f"{len(rules)} rules", box=box.SIMPLE_HEAD, pad_edge=False)
    table.add_column("id", no_wrap=True, overflow="fold")  # folds only on a console narrower than the id
    table.add_column("rule", overflow="fold")
    for r in rules:
        table.add_row(r.id, f"{escape(r.title)}\n[dim]{r.severity} {r.kind} · {r.category}[/]")
    Console().print(table)


@rules_app.command("test")
def rules_test(
    path: Optional[list[Path]] = typer.Argument(None, help="Rule folders (default: the bundled rules)."),
) -> None:
    """Run every rule's match / no_match examples; exit 1 when one fails."""
    from .rules.loader import load_rules
    from .ruletest import run_all
    from .scanner import Scanner

    try:
        scanner = Scanner(load_rules(*path) if path else None)
        results = run_all(scanner)
    except TosscanError as exc:
        raise fail(exc)
    failures = [r for r in results if not r.ok]
    console = Console()
    for r in failures:
        want = "should match" if r.expected else "should not match"
        console.print(f"[red]FAIL[/] {r.rule}: {want}: {escape(repr(r.text))}", highlight=False, soft_wrap=True)
    rules = len(scanner.ruleset.rules)
    console.print(f"{len(results) - len(failures)} passed, {len(failures)} failed ({rules} rules)")
    raise typer.Exit(1 if failures else 0)


def main() -> None:
    app()


# Commands of other features (eval, bench, serve, diff, batch) live in tosscan/commands/.
from .commands import register_all  # noqa: E402

register_all(app)


if __name__ == "__main__":
    main()
