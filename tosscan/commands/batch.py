"""`tosscan batch`: scan a corpus (folders, globs, archives, list files) into one JSON report line per document."""
# No `from __future__ import annotations`: typer reads the option types at registration, and Lang is imported
# inside register() (cli.py imports this module while it is being set up).
import os
from enum import Enum
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import (BarColumn, MofNCompleteColumn, Progress, ProgressColumn, SpinnerColumn, Task,
                           TextColumn, TimeElapsedColumn, TimeRemainingColumn)
from rich.text import Text

EXIT_INTERRUPTED = 130


class Engine(str, Enum):
    processes = "processes"
    dask = "dask"


class DocsPerSecond(ProgressColumn):
    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text(f"{speed:.1f} docs/s" if speed else "- docs/s", style="progress.data.speed")


class BarHooks:
    """Feeds run_batch's progress into a rich progress bar (on stderr, so stdout stays for the summary)."""

    def __init__(self, progress: Progress | None, console: Console):
        self.progress = progress
        self.console = console
        self.failed = 0
        self.task = progress.add_task("scanning", total=None) if progress else None

    def total(self, remaining: int) -> None:
        if self.progress is not None:
            self.progress.update(self.task, total=remaining)

    def done(self, results: int, failed: int) -> None:
        self.failed += failed
        if self.progress is not None:
            self.progress.update(self.task, advance=results,
                                 description=f"scanning ({self.failed} failed)" if self.failed else "scanning")

    def warn(self, message: str) -> None:
        self.console.print(f"[yellow]warning:[/] {escape(message)}", highlight=False, markup=True)


def _progress(console: Console) -> Progress:
    return Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                    DocsPerSecond(), TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn(),
                    console=console)


def register(app: typer.Typer) -> None:
    from ..cli import Lang

    @app.command("batch")
    def batch_command(
        inputs: list[str] = typer.Argument(..., metavar="INPUT...",
                                           help="Folders, globs ('docs/**/*.txt'), .tar/.tar.xz/.zip archives, list "
                                                "files of paths or URLs (@FILE, *.lst, or '-' for stdin), URLs."),
        out: Path = typer.Option(..., "--out", "-o", help="Results file: one JSON line per document (appended; "
                                                          "a rerun skips documents already in it)."),
        summary: Optional[Path] = typer.Option(None, "--summary", help="Summary CSV (default <out>.summary.csv)."),
        workers: int = typer.Option(os.cpu_count() or 1, "--workers", "-w", min=1,
                                    help="Worker processes (default: every core); for --engine dask without "
                                         "--scheduler, the size of the local cluster."),
        engine: Engine = typer.Option(Engine.processes, "--engine", help="processes (this machine) or dask."),
        scheduler: Optional[str] = typer.Option(None, "--scheduler", metavar="ADDRESS",
                                                help="Dask scheduler, e.g. tcp://10.0.0.5:8786 (with --engine "
                                                     "dask; without it a local cluster is started)."),
        lang: Lang = typer.Option(Lang.auto, "--lang", help="Document language (auto-detected per document)."),
        include_text: bool = typer.Option(False, "--include-text", help="Keep each document's text in its report."),
        retry_failed: bool = typer.Option(False, "--retry-failed", help="Scan again the documents that failed in "
                                                                        "an earlier run."),
        rules: Optional[list[Path]] = typer.Option(None, "--rules", metavar="DIR",
                                                   help="Scan with the rules of these folders instead of the "
                                                        "bundled ones (repeatable; Dask workers need the same "
                                                        "paths)."),
        chunk_size: int = typer.Option(8, "--chunk-size", min=1, help="Documents per task sent to a worker."),
        top: int = typer.Option(10, "--top", min=1, help="Categories shown in the summary table."),
        quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar and no summary table."),
    ) -> None:
        """Scan many documents: one JSON report per line, a summary CSV and table; resumable, on every core."""
        from ..batch import BatchConfig, EngineError, InputError, OutputError, run_batch
        from ..batch.summary import summary_tables
        from ..cli import fail
        from ..errors import TosscanError

        if scheduler and engine != Engine.dask:
            raise fail("--scheduler needs --engine dask")
        config = BatchConfig(inputs=inputs, out=out, summary_csv=summary, workers=workers, engine=engine.value,
                             scheduler=scheduler, lang=None if lang == Lang.auto else lang.value,
                             include_text=include_text, retry_failed=retry_failed, chunk_size=chunk_size,
                             rules=tuple(str(p.resolve()) for p in rules or ()))
        err = Console(stderr=True)
        progress = None if quiet else _progress(err)
        hooks = BarHooks(progress, err)
        try:
            if progress is not None:
                with progress:
                    stats = run_batch(config, hooks)
            else:
                stats = run_batch(config, hooks)
        except (InputError, OutputError, EngineError, TosscanError) as exc:
            raise fail(exc)
        done = stats.scanned + stats.failed
        rate = f"{stats.docs_per_second:.1f} documents/s" if done else "nothing new to scan"
        if stats.interrupted:
            err.print(f"interrupted after {done:,} documents; the {escape(str(out))} results are kept: run the same "
                      "command again to continue", highlight=False)
            raise typer.Exit(EXIT_INTERRUPTED)
        err.print(f"{stats.scanned:,} scanned, {stats.failed:,} failed, {stats.skipped_done:,} already done "
                  f"({rate}, {stats.elapsed:.1f} s) -> {escape(str(out))}; "
                  f"summary -> {escape(str(config.summary_path))}", highlight=False)
        if not quiet:
            Console().print(summary_tables(stats.summary, top))
        # 1: an archive was damaged part-way, so some of its documents are missing from the results.
        raise typer.Exit(1 if stats.broken_inputs else 0)
