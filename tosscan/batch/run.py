"""One batch run: inputs -> (skip done ids) -> chunks -> engine -> results file -> summary.

The only state that grows with the corpus is the set of ids (done before, or seen in this run), which is what
makes resume and de-duplication possible; documents and reports are never collected.
"""
from __future__ import annotations

import os
import threading
import time
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Callable, Iterator

from ..rules.loader import load_rules
from ..scanner import Scanner
from .engines import ProcessEngine, SerialEngine
from .inputs import Item, check_inputs, iter_items
from .output import Previous, ResultWriter, read_previous
from .summary import Summary, summarize_file, write_csv
from .work import scan_chunk

ENGINES = ("processes", "dask")
CHUNK_BYTES = 2_000_000  # a chunk's documents are sent to a worker in one message; keep it moderate


@dataclass
class BatchConfig:
    inputs: list[str]
    out: Path
    summary_csv: Path | None = None  # default: <out>.summary.csv
    workers: int = field(default_factory=lambda: os.cpu_count() or 1)
    engine: str = "processes"
    scheduler: str | None = None
    lang: str | None = None
    include_text: bool = False
    retry_failed: bool = False
    chunk_size: int = 8
    dask_memory_limit: str | float | None = "auto"
    rules: tuple[str, ...] = ()  # rule folders to scan with instead of the bundled rules

    @property
    def summary_path(self) -> Path:
        return self.summary_csv or self.out.with_name(self.out.name + ".summary.csv")


@dataclass
class BatchStats:
    scanned: int = 0
    failed: int = 0
    skipped_done: int = 0
    duplicates: int = 0
    broken_inputs: int = 0  # archives that could not be read to the end
    elapsed: float = 0.0
    interrupted: bool = False
    previous: Previous = field(default_factory=Previous)
    warnings: list[str] = field(default_factory=list)
    summary: Summary | None = None

    @property
    def docs_per_second(self) -> float:
        return (self.scanned + self.failed) / self.elapsed if self.elapsed else 0.0


class Hooks:
    """Progress callbacks; the CLI draws a progress bar with them. Called from the run's thread, except
    `total`, which a background counting thread calls once when it knows how many documents remain."""

    def total(self, remaining: int) -> None: ...

    def done(self, results: int, failed: int) -> None: ...

    def warn(self, message: str) -> None: ...


def chunked(items: Iterator[Item], size: int, max_bytes: int = CHUNK_BYTES) -> Iterator[list[Item]]:
    chunk: list[Item] = []
    weight = 0
    for item in items:
        chunk.append(item)
        weight += item.size
        if len(chunk) >= size or weight >= max_bytes:
            yield chunk
            chunk, weight = [], 0
    if chunk:
        yield chunk


def _fresh(items: Iterator[Item], done: set[str], stats: BatchStats, warn: Callable[[str], None]) -> Iterator[Item]:
    """Items not done before and not seen earlier in this run (two inputs holding the same path)."""
    seen: set[str] = set()
    for item in items:
        if item.id in done:
            stats.skipped_done += 1
        elif item.id in seen:
            stats.duplicates += 1
            if stats.duplicates <= 5:
                warn(f"duplicate document id {item.id!r} (same path in two inputs); only the first is scanned")
        else:
            seen.add(item.id)
            yield item


def _count_remaining(inputs: list[str], done: set[str], hooks: Hooks) -> None:
    """Count in the background (ids only) so the progress bar can show an ETA without delaying the start."""
    seen: set[str] = set()
    for item in iter_items(inputs, read=False):
        if item.id not in done:
            seen.add(item.id)
    hooks.total(len(seen))


def make_engine(config: BatchConfig):
    task = partial(scan_chunk, lang=config.lang, include_text=config.include_text, rules=config.rules)
    if config.engine == "dask":
        from .dask_engine import DaskEngine

        return DaskEngine(task, config.scheduler, config.workers, config.dask_memory_limit, config.rules)
    if config.engine != "processes":
        raise ValueError(f"unknown engine {config.engine!r}; choose {', '.join(ENGINES)}")
    return SerialEngine(task) if config.workers <= 1 else ProcessEngine(task, config.workers)


def run_batch(config: BatchConfig, hooks: Hooks | None = None) -> BatchStats:
    """Scan every document of the inputs into config.out. Ctrl-C stops cleanly: every finished result is on disk,
    the returned stats say `interrupted` (no summary is made then), and a rerun continues where this one stopped."""
    hooks = hooks or Hooks()
    check_inputs(config.inputs)
    # Load and validate the rules here: a broken rule file stops the run before any document, with its reason.
    Scanner(load_rules(*config.rules) if config.rules else None)
    stats = BatchStats()

    def warn(message: str) -> None:
        stats.warnings.append(message)
        hooks.warn(message)

    start = time.perf_counter()
    try:
        _scan_into(config, stats, hooks, warn)
    except KeyboardInterrupt:
        stats.interrupted = True
    stats.elapsed = time.perf_counter() - start
    if not stats.interrupted:
        stats.summary = summarize_file(config.out)
        write_csv(stats.summary, config.summary_path)
    return stats


def _scan_into(config: BatchConfig, stats: BatchStats, hooks: Hooks, warn: Callable[[str], None]) -> None:
    with ResultWriter(config.out) as writer:
        stats.previous = read_previous(config.out, retry_failed=config.retry_failed)
        if stats.previous.dropped_failures:
            writer.reopen()
        if stats.previous.repaired_bytes:
            warn(f"cut off an unfinished last line ({stats.previous.repaired_bytes} bytes) left by an interrupted "
                 "run; that document is scanned again")
        done = stats.previous.done
        if "-" not in config.inputs:  # standard input can be read only once
            threading.Thread(target=_count_remaining, args=(config.inputs, done, hooks), daemon=True).start()
        def broken_input(message: str) -> None:
            stats.broken_inputs += 1
            warn(message)

        items = _fresh(iter_items(config.inputs, warn=broken_input), done, stats, warn)
        with make_engine(config) as engine:
            for results in engine.map(chunked(items, max(1, config.chunk_size))):
                failed = 0
                for result in results:
                    writer.write(result.line)
                    failed += result.error is not None
                stats.scanned += len(results) - failed
                stats.failed += failed
                hooks.done(len(results), failed)
