"""Run chunk tasks here or in a local process pool; results stream back as chunks finish (any order).

Work in flight is bounded (a few chunks per worker), so memory does not grow with the corpus. A worker process
that dies (out of memory, a crash in native code) is replaced: the chunks it may have held are run again one
document at a time, and only a document that kills a worker on its own is recorded as failed.
"""
from __future__ import annotations

import multiprocessing
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from typing import Callable, Iterator

from .inputs import Item
from .work import Result, error_result, init_worker

Task = Callable[[list[Item]], list[Result]]
CRASH_MESSAGE = "the worker process died while scanning this document (out of memory or a crash)"
CHUNKS_PER_WORKER = 2


class EngineError(Exception):
    """The engine cannot run at all (missing dependency, unreachable cluster, mismatched rules)."""


class SerialEngine:
    """Everything in this process: --workers 1, and the reference the other engines are tested against."""

    def __init__(self, task: Task):
        self.task = task

    def __enter__(self) -> "SerialEngine":
        return self

    def __exit__(self, *exc_info) -> None:
        return None

    def map(self, chunks: Iterator[list[Item]]) -> Iterator[list[Result]]:
        for chunk in chunks:
            yield self.task(chunk)


class ProcessEngine:
    """A pool of worker processes, each building the Scanner once (initializer)."""

    def __init__(self, task: Task, workers: int):
        self.task = task
        self.workers = max(1, workers)
        self.inflight = self.workers * CHUNKS_PER_WORKER
        self._executor: ProcessPoolExecutor | None = None

    def _start(self) -> ProcessPoolExecutor:
        # forkserver: workers fork from a clean process that already imported the scanner, instead of from this
        # one, which runs threads (progress bar, counting) that fork() must not copy mid-operation.
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["tosscan.batch.work"])
        return ProcessPoolExecutor(self.workers, mp_context=context, initializer=init_worker)

    def __enter__(self) -> "ProcessEngine":
        self._executor = self._start()
        return self

    def __exit__(self, exc_type, *exc_info) -> None:
        if self._executor is not None:
            # Interrupted: drop queued chunks instead of finishing them (they are redone on resume).
            self._executor.shutdown(wait=exc_type is None, cancel_futures=exc_type is not None)
            self._executor = None

    def _restart(self) -> None:
        assert self._executor is not None
        self._executor.shutdown(wait=False, cancel_futures=True)
        self._executor = self._start()

    def map(self, chunks: Iterator[list[Item]]) -> Iterator[list[Result]]:
        pending: dict[Future, list[Item]] = {}
        for chunk in chunks:
            while len(pending) >= self.inflight:
                yield from self._collect(pending)
            try:
                future = self._executor.submit(self.task, chunk)
            except BrokenProcessPool:
                yield from self._collect(pending, until_empty=True)  # notices the break and restarts the pool
                future = self._executor.submit(self.task, chunk)
            pending[future] = chunk
        while pending:
            yield from self._collect(pending)

    def _collect(self, pending: dict[Future, list[Item]], until_empty: bool = False) -> Iterator[list[Result]]:
        done, _ = wait(pending, return_when=FIRST_COMPLETED) if pending else (set(), set())
        suspects: list[Item] = []
        broken = False
        for future in done:
            chunk = pending.pop(future)
            try:
                yield future.result()
            except BrokenProcessPool:
                broken = True
                suspects.extend(chunk)
        if broken or until_empty:
            # One dead worker breaks the whole pool: every other chunk in flight fails too, innocent or not.
            for future in list(pending):
                chunk = pending.pop(future)
                try:
                    yield future.result()
                except BrokenProcessPool:
                    suspects.extend(chunk)
            self._restart()
            yield from self._isolate(suspects)

    def _isolate(self, items: list[Item]) -> Iterator[list[Result]]:
        """Run each suspect alone, so that a crash can be pinned on the one document that caused it."""
        for item in items:
            try:
                yield self._executor.submit(self.task, [item]).result()
            except BrokenProcessPool:
                self._restart()
                yield [error_result(item.id, "worker_crashed", CRASH_MESSAGE)]
