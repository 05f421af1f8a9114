"""`tosscan eval`: accuracy of the rules on the labelled corpora in ../shared/corpora.

Each module in this package that defines `DATASET` (a Dataset) is an evaluation; they are discovered like CLI
commands so each corpus adapter stays in its own file.
"""
from __future__ import annotations

import importlib
import pkgutil
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from .metrics import EvalResult


@dataclass(frozen=True)
class Dataset:
    name: str
    description: str
    # run(corpora_dir, scanner, keep_errors) -> EvalResult; raises FileNotFoundError when the corpus is absent
    run: Callable[..., EvalResult]


# Rule authors tune on one half of a corpus and check the other: sorted names, 1st, 3rd, ... = odd.
HALVES = ("odd", "even")


def pick_half(names: list[str], half: str | None) -> list[str]:
    """`names` sorted, then every other one (`half` "odd" or "even"); all of them, unsorted, when `half` is None."""
    if half is None:
        return names
    if half not in HALVES:
        raise ValueError(f"half must be one of {', '.join(HALVES)}, not {half!r}")
    ordered = sorted(names)
    return ordered[0::2] if half == "odd" else ordered[1::2]


def datasets() -> dict[str, Dataset]:
    found: dict[str, Dataset] = {}
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{__name__}.{info.name}")
        dataset = getattr(module, "DATASET", None)
        if isinstance(dataset, Dataset):
            found[dataset.name] = dataset
    return found


def default_corpora_dir() -> Path:
    """../shared/corpora beside the checkout (TOSSCAN_CORPORA overrides)."""
    import os

    env = os.environ.get("TOSSCAN_CORPORA")
    if env:
        return Path(env)
    here = Path(__file__).resolve()
    for parent in here.parents:
        candidate = parent.parent / "shared" / "corpora"
        if candidate.is_dir():
            return candidate
    return Path.cwd().parent / "shared" / "corpora"
