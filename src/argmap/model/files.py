"""Write files whole or not at all: to a temporary file beside the target, then rename.

A set of files (a build's pages, an import's claims file and text) is staged
whole before any of them replaces what was there, so a disk that fills up
leaves the earlier files as they were and no temporary behind. The system's
refusals a user can fix (a full disk, no permission, a read-only disk) become
a FileAccessError naming the file they were writing.
"""

from __future__ import annotations

import os
import shutil
import stat
import tempfile
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Callable, Iterable, Iterator

from ..errors import FileAccessError
from .lock import locked_folder

#: A staging folder of write_folder; one left by a killed run is removed by the next.
STAGING_PREFIX = ".argmap-staging-"
#: How a temporary file beside its target ends; one left by a killed run is removed by the next writer of its folder.
TEMPORARY_SUFFIX = ".argmap.tmp"


def write_atomic(path: Path, content: str | bytes) -> Path:
    """Write `content` to `path` so that a reader sees the old file or the new one, never half of one."""
    path = Path(path)
    _make_folder(path.parent)
    with locked_folder(path.parent) as locked, _refusals_named(path):
        if locked:
            _remove_leftovers(path.parent)
        temporary = _stage(path, content, path.parent)
        try:
            os.replace(temporary, path)
        except BaseException:
            temporary.unlink(missing_ok=True)
            raise
    return path


def write_new_files(files: Iterable[tuple[Path, str | bytes]]) -> tuple[Path, ...]:
    """Create several new files together: every one of them, or (when one cannot be written) none.

    Each is staged beside its target first, so a full disk stops the write before any file appears.
    """
    files = [(Path(path), content) for path, content in files]
    staged: list[tuple[Path, Path]] = []
    done: list[Path] = []
    with ExitStack() as locks:
        for folder in sorted({path.parent for path, _ in files}):  # always in one order: two writers cannot deadlock
            _make_folder(folder)
            if locks.enter_context(locked_folder(folder)):
                _remove_leftovers(folder)
        try:
            for path, content in files:
                with _refusals_named(path):
                    staged.append((_stage(path, content, path.parent), path))
            for temporary, path in staged:
                with _refusals_named(path):
                    os.replace(temporary, path)
                done.append(path)
        except BaseException:
            for temporary, _ in staged:
                temporary.unlink(missing_ok=True)
            for path in done:  # they were new: the earlier state is their absence
                path.unlink(missing_ok=True)
            raise
    return tuple(done)


def write_folder(folder: Path, pages: dict[str, str | bytes], stale: Callable[[Path], bool] = lambda _: False) -> tuple[Path, ...]:
    """Write `pages` (file name → content) into `folder` as one set, and remove the files `stale` picks that the set lacks.

    The pages are written into a staging folder inside `folder` first; only when all of them are on disk are they
    renamed into place (renames need no space), so a full disk leaves the folder as it was. Writers of one folder take
    turns (a lock on the folder), and a staging folder a killed writer left behind is removed by the next.
    """
    folder = Path(folder)
    _make_folder(folder)
    with locked_folder(folder) as locked, _staging(folder, sweep=locked) as staging:
        staged = []
        for name, content in pages.items():
            with _refusals_named(folder / name):
                staged.append((_stage(folder / name, content, staging, keep_name=True), folder / name))
        written = []
        for temporary, path in staged:
            with _refusals_named(path):
                os.replace(temporary, path)
            written.append(path)
        for path in sorted(folder.iterdir()):
            if path.is_file() and path not in written and stale(path):
                path.unlink()
    return tuple(written)


@contextmanager
def _staging(folder: Path, sweep: bool) -> Iterator[Path]:
    """A fresh staging folder inside `folder`, removed at the end; with `sweep` (the caller holds the folder's lock),
    the staging folders killed writers left are removed first."""
    for leftover in folder.glob(STAGING_PREFIX + "*") if sweep else ():
        shutil.rmtree(leftover, ignore_errors=True)
    with _refusals_named(folder):
        staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=folder))
    try:
        yield staging
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _make_folder(folder: Path) -> None:
    """Make `folder` and those above it where missing; a file in the way, or a refusal, is a FileAccessError."""
    with _refusals_named(folder):
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except FileExistsError:  # a file where a folder should be
            in_the_way = next(p for p in [folder, *folder.parents] if p.exists() and not p.is_dir())
            raise FileAccessError(in_the_way, "make a folder there", "a file of that name is in the way",
                                  "move the file, or choose another path") from None


def _remove_leftovers(folder: Path) -> None:
    """Remove the temporary files killed writers left in `folder` (the caller holds its lock, so no writer is at work)."""
    for leftover in folder.glob(".*" + TEMPORARY_SUFFIX):
        leftover.unlink(missing_ok=True)


def _stage(path: Path, content: str | bytes, where: Path, keep_name: bool = False) -> Path:
    """`content` written whole to a new file in `where`, with the permissions `path` should have; removed on failure."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    if not isinstance(data, bytes):
        raise TypeError(f"cannot write {type(content).__name__} to {path}")
    if keep_name:
        temporary = where / path.name
        handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    else:
        handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=TEMPORARY_SUFFIX, dir=where)
        temporary = Path(name)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            os.fchmod(stream.fileno(), _mode_for(path))  # mkstemp makes the file private (0600)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return temporary


@contextmanager
def _refusals_named(path: Path) -> Iterator[None]:
    """Turn the system's refusal to write (full, forbidden, read-only) into a FileAccessError naming `path`."""
    try:
        yield
    except OSError as error:
        if FileAccessError.wraps(error):
            raise FileAccessError.from_os_error(error, path) from None
        raise


def _mode_for(path: Path) -> int:
    """The permissions the file should have: those of the file it replaces, else what the umask allows a new file."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        umask = os.umask(0)  # the only way to read the umask is to set it
        os.umask(umask)
        return 0o666 & ~umask
