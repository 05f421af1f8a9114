"""What a worker does with a chunk of documents: ingest, scan, and turn each into one JSON output line.

The same functions run in this process, in a local process pool and on Dask workers. The Scanner (compiled
rules) is built once per worker process and cached here, because compiling per document would cost more than
the scan itself.
"""
from __future__ import annotations

import hashlib
import json
import signal
from typing import NamedTuple

from .. import heap
from ..errors import TosscanError
from ..rules.loader import load_rules
from ..scanner import Scanner
from .inputs import Item

# A worker keeps its Scanner for the whole run: the Scanner itself renews a pipeline whose vocabulary has grown
# past TOSSCAN_VOCAB_LIMIT (spaCy keeps every new word it meets), so memory stays bounded over thousands of
# documents.
_scanners: dict[tuple[str, ...], Scanner] = {}
_pool_worker = False  # set by init_worker in the processes of a local pool
_MAX_MESSAGE = 300


class Result(NamedTuple):
    id: str
    line: str  # one JSON object, no newline
    error: str | None  # the error code when the document failed


def worker_scanner(rules: tuple[str, ...] = ()) -> Scanner:
    """The Scanner of this process for the given rule folders (empty: the bundled rules and TOSSCAN_RULES_PATH)."""
    if rules not in _scanners:
        _scanners[rules] = Scanner(load_rules(*rules) if rules else None).warm()
        if _pool_worker:
            heap.settle()  # the worker keeps its Scanner for the rest of the run
    return _scanners[rules]


def init_worker() -> None:
    """Process-pool initializer: Ctrl-C is handled by the parent alone, which then stops the pool cleanly.

    The Scanner is not built here: a broken rule pack must fail the run with its error, and an initializer that
    raises only shows up as an anonymous broken pool."""
    global _pool_worker
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # A pool process does nothing but scan, so it may settle its heap (heap.py); a serial run in the user's
    # process, or a Dask client asking for the rules' fingerprint, must not freeze the caller's objects.
    _pool_worker = True


def rules_fingerprint(rules: tuple[str, ...] = ()) -> str:
    """A digest of the rules this process scans with, so a cluster with other rules is refused, not mixed in."""
    from .. import __version__

    digest = hashlib.sha256(__version__.encode())
    for rule in sorted(worker_scanner(rules).ruleset.rules, key=lambda r: r.id):
        digest.update(rule.model_dump_json().encode())
    return digest.hexdigest()[:16]


def error_result(item_id: str, code: str, message: str) -> Result:
    # Compact like the report lines, and with the id first, for the fast id reader of output.py.
    line = json.dumps({"id": item_id, "error": {"code": code, "message": message[:_MAX_MESSAGE]}},
                      ensure_ascii=False, separators=(",", ":"))
    return Result(item_id, line, code)


def _fetch(url: str):
    from ..ingest.url import fetch_document  # imported on the first URL: most runs read files only

    return fetch_document(url)


def scan_item(item: Item, scanner: Scanner, lang: str | None = None, include_text: bool = False) -> Result:
    """Never raises for a bad document: the failure becomes the document's result line."""
    from ..ingest import from_bytes

    try:
        if item.error:
            return error_result(item.id, *item.error)
        document = _fetch(item.url) if item.url else from_bytes(item.data or b"", item.id)
        report = scanner.scan(document, lang)
    except TosscanError as exc:
        return error_result(item.id, exc.code, str(exc))
    except ValueError as exc:
        return error_result(item.id, "invalid", str(exc))
    except Exception as exc:  # noqa: BLE001 - a bug on one document must not stop a run of thousands
        return error_result(item.id, "internal", f"{type(exc).__name__}: {exc}")
    body = report.to_json(include_text=include_text, indent=None)
    # The id goes first so that resume can read it without parsing the whole report.
    return Result(item.id, '{"id":' + json.dumps(item.id, ensure_ascii=False) + "," + body[1:], None)


def scan_chunk(items: list[Item], lang: str | None = None, include_text: bool = False,
               rules: tuple[str, ...] = ()) -> list[Result]:
    # Outside the per-document guard: invalid rules are the run's error, not every document's.
    scanner = worker_scanner(rules)
    return [scan_item(item, scanner, lang, include_text) for item in items]
