"""The JSONL results file: one line per document, appended and flushed as results arrive, resumable.

A run that is interrupted (Ctrl-C, a kill, a crash) leaves every finished line intact and at most one partial
last line; the next run cuts that partial line off, reads the ids already present, and skips those documents.
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Iterator

try:
    import fcntl
except ImportError:  # Windows: no advisory lock, the rest works
    fcntl = None  # type: ignore[assignment]

_ID_PREFIX = b'{"id":'
_ERROR_AFTER_ID = ',"error":'
_decoder = json.JSONDecoder()


class OutputError(Exception):
    """The results file cannot be used (locked by another run, not writable)."""


@dataclass
class Previous:
    """What an earlier run left in the results file."""

    done: set[str] = field(default_factory=set)
    repaired_bytes: int = 0  # a partial last line that was cut off
    unreadable_lines: int = 0  # lines without a readable id (ignored; their documents are scanned again)
    dropped_failures: int = 0  # error lines removed for --retry-failed


def _line_id(line: bytes) -> tuple[str | None, bool]:
    """(id, is_error) of one results line; fast for the lines this module writes, tolerant of others."""
    if line.startswith(_ID_PREFIX):
        try:
            text = line.decode("utf-8")
            value, end = _decoder.raw_decode(text, len(_ID_PREFIX))
            if isinstance(value, str):
                return value, text.startswith(_ERROR_AFTER_ID, end)
        except (UnicodeDecodeError, json.JSONDecodeError):
            return None, False
    try:
        record = json.loads(line)
    except (UnicodeDecodeError, json.JSONDecodeError):
        return None, False
    if not isinstance(record, dict) or not isinstance(record.get("id"), str):
        return None, False
    return record["id"], "error" in record


def cut_partial_line(path: Path) -> int:
    """Remove an unterminated last line (a write cut short by a kill); returns the bytes removed."""
    with path.open("rb+") as fh:
        size = fh.seek(0, os.SEEK_END)
        if size == 0:
            return 0
        fh.seek(size - 1)
        if fh.read(1) == b"\n":
            return 0
        pos = size
        while pos > 0:
            step = min(65536, pos)
            pos -= step
            fh.seek(pos)
            block = fh.read(step)
            newline = block.rfind(b"\n")
            if newline >= 0:
                keep = pos + newline + 1
                break
        else:
            keep = 0
        fh.truncate(keep)
        return size - keep


def _lines(path: Path) -> Iterator[bytes]:
    with path.open("rb") as fh:
        for line in fh:
            if line.strip():
                yield line


def read_previous(path: Path, *, retry_failed: bool = False) -> Previous:
    """Repair the file, then stream it once for the ids that are done. With retry_failed the error lines are
    removed from the file (rewritten through a temporary file) so that their documents are scanned again
    without leaving two lines for one id."""
    previous = Previous()
    if not path.exists():
        return previous
    previous.repaired_bytes = cut_partial_line(path)
    rewrite: IO[bytes] | None = None
    tmp = path.with_name(path.name + ".tmp")
    if retry_failed:
        rewrite = tmp.open("wb")
    try:
        for line in _lines(path):
            item_id, failed = _line_id(line)
            if item_id is None:
                previous.unreadable_lines += 1
            elif retry_failed and failed:
                previous.dropped_failures += 1
                continue
            else:
                previous.done.add(item_id)
            if rewrite:
                rewrite.write(line if line.endswith(b"\n") else line + b"\n")
    finally:
        if rewrite:
            rewrite.close()
    if rewrite:
        if previous.dropped_failures:
            os.replace(tmp, path)
        else:
            tmp.unlink()
    return previous


class ResultWriter:
    """Appends lines to the results file, flushing each one, under an exclusive lock for the whole run.

    Open it before reading the previous results, so that no other run can write in between."""

    def __init__(self, path: Path):
        self.path = path
        self._fh: IO[str] | None = None

    def __enter__(self) -> "ResultWriter":
        self._open()
        return self

    def reopen(self) -> None:
        """After the file was replaced (--retry-failed rewrote it): append to, and lock, the new file."""
        self._close()
        self._open()

    def _open(self) -> None:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            # Line buffering: every finished line reaches the file at once, so a kill loses no finished document.
            self._fh = self.path.open("a", encoding="utf-8", buffering=1)
        except OSError as exc:
            raise OutputError(f"cannot write the results file {self.path}: {exc.strerror or exc}") from exc
        if fcntl is not None:
            try:
                fcntl.flock(self._fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError as exc:
                self._fh.close()
                self._fh = None
                raise OutputError(f"another tosscan batch run is writing to {self.path}; wait for it to finish "
                                  "or choose another --out") from exc

    def write(self, line: str) -> None:
        assert self._fh is not None
        self._fh.write(line + "\n")

    def __exit__(self, *exc_info) -> None:
        self._close()

    def _close(self) -> None:
        if self._fh is not None:
            self._fh.flush()
            os.fsync(self._fh.fileno())
            self._fh.close()
            self._fh = None

