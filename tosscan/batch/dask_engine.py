"""Run chunk tasks on a Dask distributed cluster: an existing one (--scheduler ADDRESS) or a LocalCluster.

This process stays the single reader and writer: it reads the inputs, sends each chunk's bytes with its task
(so workers need no shared filesystem), and writes results as they come back. At most a few chunks per worker
thread are in flight. Workers import tosscan and build the Scanner once (cached per worker process by
tosscan.batch.work); before any work is sent, every worker must report the same rules as this process.
Dask itself reruns the tasks of a worker that died; a chunk that still fails is retried one document at a time.
"""
from __future__ import annotations

import logging
from typing import Iterator

from .engines import CHUNKS_PER_WORKER, EngineError, Task
from .inputs import Item
from .work import Result, error_result, rules_fingerprint

CONNECT_TIMEOUT = "30s"
WORKER_WAIT_SECONDS = 60
# Dask keeps its last N messages and task events "for developers" (default 1,000), and ours carry the documents:
# with the default the client, scheduler and each worker hold about 1,000 chunks of documents (measured: +280 MB
# in this process over the dev corpus). A short log keeps memory flat. A remote scheduler and its workers read
# their own configuration: see docs/batch.md.
LOG_LENGTH = 20


class DaskEngine:
    def __init__(self, task: Task, scheduler: str | None = None, workers: int = 2,
                 memory_limit: str | float | None = "auto", rules: tuple[str, ...] = ()):
        self.task = task
        self.rules = rules
        self.scheduler = scheduler
        self.workers = max(1, workers)
        self.memory_limit = memory_limit
        self.client = None
        self.cluster = None
        self._config = None
        self.inflight = CHUNKS_PER_WORKER

    def __enter__(self) -> "DaskEngine":
        try:
            import dask
            from distributed import Client, LocalCluster
        except ImportError as exc:
            raise EngineError("the dask engine needs dask.distributed: pip install 'tosscan[dask]'") from exc
        # Applies from here on (the comms and LocalCluster workers created below); undone in __exit__.
        self._config = dask.config.set({"distributed.admin.low-level-log-length": LOG_LENGTH})
        try:
            if self.scheduler:
                self.client = Client(self.scheduler, timeout=CONNECT_TIMEOUT)
            else:
                # One single-threaded process per worker: the scanner is CPU-bound Python, threads would not help.
                self.cluster = LocalCluster(n_workers=self.workers, threads_per_worker=1, processes=True,
                                            memory_limit=self.memory_limit, dashboard_address=None,
                                            silence_logs=logging.ERROR)
                self.client = Client(self.cluster)
        except (OSError, TimeoutError) as exc:
            self.__exit__(None, None, None)
            raise EngineError(f"could not reach the Dask scheduler at {self.scheduler}: {exc}") from exc
        try:
            self._check_workers()
        except BaseException:
            self.__exit__(None, None, None)
            raise
        return self

    def _check_workers(self) -> None:
        try:
            self.client.wait_for_workers(1, timeout=WORKER_WAIT_SECONDS)
        except TimeoutError as exc:
            raise EngineError(f"the Dask cluster has no workers (waited {WORKER_WAIT_SECONDS}s)") from exc
        try:
            remote = self.client.run(rules_fingerprint, self.rules)
        except Exception as exc:  # noqa: BLE001 - whatever a worker raised, the cluster cannot scan
            raise EngineError(f"Dask workers cannot run tosscan ({type(exc).__name__}: {exc}); install the same "
                              "tosscan version on every worker") from exc
        local = rules_fingerprint(self.rules)
        wrong = sorted(addr for addr, fingerprint in remote.items() if fingerprint != local)
        if wrong:
            raise EngineError(f"Dask workers {', '.join(wrong)} have other rules or another tosscan version than "
                              "this machine; install the same version everywhere, and the same rule folders "
                              "(--rules, TOSSCAN_RULES_PATH) at the same paths")
        threads = sum(self.client.nthreads().values())
        self.inflight = max(2, threads * CHUNKS_PER_WORKER)

    def __exit__(self, *exc_info) -> None:
        if self.client is not None:
            self.client.close()
            self.client = None
        if self.cluster is not None:
            self.cluster.close()
            self.cluster = None
        if self._config is not None:
            self._config.__exit__(None, None, None)
            self._config = None

    def map(self, chunks: Iterator[list[Item]]) -> Iterator[list[Result]]:
        from distributed import as_completed

        chunks = iter(chunks)
        owners: dict[str, list[Item]] = {}
        running = as_completed()

        def submit(chunk: list[Item]) -> None:
            future = self.client.submit(self.task, chunk, pure=False)
            owners[future.key] = chunk
            running.add(future)

        def submit_next() -> None:
            chunk = next(chunks, None)
            if chunk is not None:
                submit(chunk)

        for _ in range(self.inflight):
            submit_next()
        for future in running:
            chunk = owners.pop(future.key)
            try:
                results = future.result()
            except Exception as exc:  # noqa: BLE001 - KilledWorker or a worker-side failure
                future.release()
                if len(chunk) > 1:
                    for item in chunk:  # pin the failure on one document
                        submit([item])
                    continue
                results = [error_result(chunk[0].id, "worker_crashed", f"{type(exc).__name__}: {exc}")]
            else:
                future.release()
            yield results
            submit_next()
