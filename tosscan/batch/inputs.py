"""Where batch documents come from: folders, globs, archives, list files and URLs, read one document at a time.

Nothing here holds more than one document's bytes: folders are walked, tar archives are read as a stream (so a
.tar.xz is decompressed once, front to back), zip members are read one by one, list files line by line.

Each document gets a stable id, the key that resume uses to skip work already done:
- a folder: the path inside the folder ("policies/acme.txt" for INPUT/policies/acme.txt);
- an archive: the member's path inside the archive;
- a glob, a single file, or a line of a list file: the path as written;
- a URL: the URL.
"""
from __future__ import annotations

import glob
import lzma
import os
import sys
import tarfile
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator, TextIO

from ..settings import get_settings

TAR_SUFFIXES = (".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tbz2", ".tar.xz", ".txz")
LIST_SUFFIXES = (".lst", ".list", ".urls")
_GLOB_CHARS = set("*?[")
# How many meaningful lines of a plain file are looked at to tell a list of paths/URLs from a document.
_SNIFF_LINES = 5
_ARCHIVE_ERRORS = (tarfile.TarError, zipfile.BadZipFile, lzma.LZMAError, zlib.error, EOFError, OSError)

Warn = Callable[[str], None]


class InputError(Exception):
    """An INPUT argument that cannot be used at all (missing path, glob matching nothing)."""


@dataclass(frozen=True, slots=True)
class Item:
    """One document to scan: its bytes, or a URL to fetch, or the reason it was refused before scanning."""

    id: str
    data: bytes | None = None
    url: str | None = None
    error: tuple[str, str] | None = None  # (code, message)

    @property
    def size(self) -> int:
        return len(self.data) if self.data else 0


def is_url(text: str) -> bool:
    return text.startswith(("http://", "https://"))


def _too_large(item_id: str, size: int, limit: int) -> Item:
    return Item(item_id, error=("too_large", f"the file is too large: {size:,} bytes, the limit is {limit:,}"))


def _read_file(item_id: str, path: Path, limit: int, read: bool) -> Item:
    if not read:
        return Item(item_id)
    try:
        size = path.stat().st_size
        if size > limit:
            return _too_large(item_id, size, limit)
        return Item(item_id, data=path.read_bytes())
    except FileNotFoundError:
        return Item(item_id, error=("not_found", f"no such file: {item_id}"))
    except IsADirectoryError:
        return Item(item_id, error=("not_found", f"{item_id} is a folder; list document files"))
    except OSError as exc:
        return Item(item_id, error=("unreadable", f"could not read {item_id}: {exc.strerror or exc}"))


def _hidden(relative: str) -> bool:
    return any(part.startswith(".") or part == "__MACOSX" for part in Path(relative).parts)


def _walk_folder(root: Path, limit: int, read: bool) -> Iterator[Item]:
    for folder, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))  # sorted: the same order on every run
        for name in sorted(filenames):
            path = Path(folder, name)
            if name.startswith(".") or not path.is_file():
                continue
            yield _read_file(path.relative_to(root).as_posix(), path, limit, read)


def _walk_tar(archive: Path, limit: int, read: bool) -> Iterator[Item]:
    # "r|*": a stream, any compression; members must be read in order, which is what we do.
    with tarfile.open(archive, "r|*") as tar:
        for member in tar:
            if not member.isfile() or _hidden(member.name):
                continue
            if not read:
                yield Item(member.name)
            elif member.size > limit:
                yield _too_large(member.name, member.size, limit)
            else:
                fh = tar.extractfile(member)
                yield Item(member.name, data=fh.read() if fh else b"")


def _walk_zip(archive: Path, limit: int, read: bool) -> Iterator[Item]:
    with zipfile.ZipFile(archive) as zf:
        for info in zf.infolist():
            if info.is_dir() or _hidden(info.filename):
                continue
            if not read:
                yield Item(info.filename)
            elif info.file_size > limit:
                yield _too_large(info.filename, info.file_size, limit)
            else:
                try:
                    data = zf.read(info)
                except (RuntimeError, NotImplementedError, zipfile.BadZipFile, zlib.error) as exc:
                    # Encrypted members, unknown compression, a damaged member: this document only.
                    yield Item(info.filename, error=("unreadable", f"could not extract {info.filename}: {exc}"))
                    continue
                yield Item(info.filename, data=data)


def _meaningful_lines(lines: Iterator[str]) -> Iterator[str]:
    for line in lines:
        line = line.strip()
        if line and not line.startswith("#"):
            yield line


def _walk_list(lines: TextIO, base: Path, limit: int, read: bool) -> Iterator[Item]:
    for line in _meaningful_lines(lines):
        if is_url(line):
            yield Item(line, url=line)
        else:
            path = Path(line) if Path(line).is_absolute() else base / line
            yield _read_file(line, path, limit, read)


def _looks_like_list(path: Path) -> bool:
    """True when the first few meaningful lines of a plain file are all URLs or paths of existing files."""
    base = path.parent
    try:
        with path.open(encoding="utf-8") as fh:
            head = [line for _, line in zip(range(_SNIFF_LINES), _meaningful_lines(fh))]
    except (UnicodeDecodeError, OSError):
        return False
    return bool(head) and all(is_url(line) or (len(line) < 4096 and (base / line).is_file()) for line in head)


def _is_tar(path: Path) -> bool:
    return path.name.lower().endswith(TAR_SUFFIXES)


def _is_list(path: Path) -> bool:
    return path.suffix.lower() in LIST_SUFFIXES


def _open_list(path: Path, limit: int, read: bool) -> Iterator[Item]:
    with path.open(encoding="utf-8", errors="replace") as fh:
        yield from _walk_list(fh, path.parent, limit, read)


def _expand_path(arg: str, path: Path, limit: int, read: bool, sniff: bool) -> Iterator[Item]:
    if path.is_dir():
        yield from _walk_folder(path, limit, read)
    elif _is_tar(path):
        yield from _walk_tar(path, limit, read)
    elif path.suffix.lower() == ".zip":
        yield from _walk_zip(path, limit, read)
    elif _is_list(path) or (sniff and _looks_like_list(path)):
        yield from _open_list(path, limit, read)
    else:
        yield _read_file(arg, path, limit, read)


def check_inputs(inputs: list[str]) -> None:
    """Refuse, before any work starts, an INPUT that names nothing."""
    if not inputs:
        raise InputError("give at least one INPUT: a folder, a glob, an archive, a list file or a URL")
    for arg in inputs:
        if arg == "-" or is_url(arg):
            continue
        if arg.startswith("@"):
            if not Path(arg[1:]).is_file():
                raise InputError(f"list file not found: {arg[1:]}")
        elif _GLOB_CHARS & set(arg) and not Path(arg).exists():
            if next(glob.iglob(arg, recursive=True), None) is None:
                raise InputError(f"no file matches the pattern {arg!r}")
        elif not Path(arg).exists():
            raise InputError(f"no such file or folder: {arg}")


def iter_items(inputs: list[str], *, read: bool = True, warn: Warn | None = None) -> Iterator[Item]:
    """Every document of every INPUT, in a stable order. With read=False only the ids (for counting).

    An archive that turns out to be damaged is reported through `warn` and its remaining members are skipped;
    the documents read before the damage are kept.
    """
    limit = get_settings().max_bytes
    for arg in inputs:
        try:
            if arg == "-":
                yield from _walk_list(sys.stdin, Path.cwd(), limit, read)
            elif is_url(arg):
                yield Item(arg, url=arg)
            elif arg.startswith("@"):
                yield from _open_list(Path(arg[1:]), limit, read)
            elif _GLOB_CHARS & set(arg) and not Path(arg).exists():
                # Not sorted: that would hold every matching path at once; resume goes by id, not by order.
                for match in glob.iglob(arg, recursive=True):
                    yield from _expand_path(match, Path(match), limit, read, sniff=False)
            else:
                yield from _expand_path(arg, Path(arg), limit, read, sniff=True)
        except _ARCHIVE_ERRORS as exc:
            if warn:
                warn(f"{arg}: could not read further ({type(exc).__name__}: {exc}); its remaining documents "
                     "were skipped")
