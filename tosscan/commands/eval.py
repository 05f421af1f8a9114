"""`tosscan eval`: per-category precision / recall / F1 on the labelled dev corpora (the rule authors' loop)."""
# No `from __future__ import annotations`: typer reads the option types of the nested command at run time.
import inspect
import json
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table


def _print_result(console: Console, result, show_errors: int) -> None:
    table = Table(title=f"{result.dataset}: {result.description}")
    for col in ("category", "support", "tp", "fp", "fn", "precision", "recall", "F1"):
        table.add_column(col, justify="left" if col == "category" else "right", no_wrap=col == "category")
    for cat, c in result.per_category.items():
        table.add_row(cat, str(c.support), str(c.tp), str(c.fp), str(c.fn), f"{c.precision:.3f}", f"{c.recall:.3f}",
                      f"{c.f1:.3f}")
    console.print(table)
    for key, value in result.summary.items():
        target = result.targets.get(key)
        console.print(f"  {key}: [bold]{value:.3f}[/]" + (f"  (target {target})" if target else ""))
    for note in result.notes:
        console.print(f"  [dim]{escape(note)}[/]")
    for err in result.errors[:show_errors]:
        console.print(f"  [{'red' if err.kind == 'fp' else 'yellow'}]{err.kind.upper()} {err.category}[/] "
                      f"[dim]{escape(err.where)}[/] {escape(repr(err.text[:300]))}", highlight=False, soft_wrap=True)


def register(app: typer.Typer) -> None:
    from ..cli import TextOrJson

    @app.command("eval")
    def eval_command(
        dataset: Optional[list[str]] = typer.Option(None, "--dataset", "-d",
                                                    help="Dataset(s) to run (default: all). See --list."),
        corpora: Optional[Path] = typer.Option(None, "--corpora", help="Corpora folder (default ../shared/corpora)."),
        format: TextOrJson = typer.Option(TextOrJson.text, "--format", "-f", help="text or json."),
        show_errors: int = typer.Option(0, "--show-errors", min=0, help="Print up to N false positives/negatives."),
        list_only: bool = typer.Option(False, "--list", help="List the datasets and exit."),
        half: Optional[str] = typer.Option(None, "--half",
                                           help="Score only the odd or even half of the documents (alphabetical; "
                                                "datasets that support it, e.g. claudette): tune on one, check the other."),
    ) -> None:
        """Measure the rules against the labelled corpora: precision, recall, F1 per category, macro-F1."""
        from ..cli import fail
        from ..evaluate import datasets, default_corpora_dir
        from ..scanner import default_scanner

        available = datasets()
        if list_only:
            for name, ds in available.items():
                print(f"{name}\t{ds.description}")
            return
        chosen = dataset or list(available)
        unknown = [d for d in chosen if d not in available]
        if unknown:
            raise fail(f"unknown dataset(s) {unknown}; choose from {sorted(available)}")
        root = corpora or default_corpora_dir()
        if not root.is_dir():
            raise fail(f"corpora folder not found: {root} (give --corpora or set TOSSCAN_CORPORA)")
        scanner = default_scanner()
        console = Console()
        results = []
        for name in chosen:
            options = {"half": half} if half else {}
            if half and "half" not in inspect.signature(available[name].run).parameters:
                raise fail(f"dataset {name} cannot be split into halves (--half works with: "
                           f"{', '.join(n for n, d in available.items() if 'half' in inspect.signature(d.run).parameters)})")
            try:
                result = available[name].run(root, scanner, keep_errors=max(show_errors, 0) * 4, **options)
            except FileNotFoundError as exc:
                raise fail(f"dataset {name}: corpus file missing: {exc}")
            except ValueError as exc:
                raise fail(f"dataset {name}: {exc}")
            results.append(result)
            if format == TextOrJson.text:
                _print_result(console, result, show_errors)
        if format == TextOrJson.json:
            print(json.dumps([r.to_dict() for r in results], indent=2))
