"""Batch scanning at corpus scale: many documents in, one JSON report line each out, on local worker processes
or a Dask cluster; resumable and flat in memory. The CLI is `tosscan batch` (tosscan/commands/batch.py)."""
from .engines import EngineError
from .inputs import InputError, Item, iter_items
from .output import OutputError
from .run import ENGINES, BatchConfig, BatchStats, Hooks, run_batch
from .summary import Summary, summarize_file

__all__ = ["run_batch", "BatchConfig", "BatchStats", "Hooks", "ENGINES", "Item", "iter_items", "Summary",
           "summarize_file", "InputError", "OutputError", "EngineError"]
