"""Scratch folders in the temporary folder that a killed argmap does not leave behind for long.

Each scratch folder is locked (lock.py) while the process that made it runs;
the kernel drops the lock when that process dies, however it dies. Making a
scratch folder first removes every unlocked one an earlier run left, so a copy
of a project that `kill -9` stranded lasts until the next `argmap add`, HermiT
run or Argdown import, not forever.
"""

from __future__ import annotations

import errno
import os
import shutil
import tempfile
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Iterator

from ..errors import FileAccessError
from .lock import abandoned_folder, locked_folder

#: Every scratch folder's name starts so; nothing else is ever removed.
PREFIX = "argmap-scratch-"
_FIX = "free some space there, or set TMPDIR to a folder with room (and write permission)"


@contextmanager
def scratch_folder(purpose: str) -> Iterator[Path]:
    """A new empty folder in the temporary folder, locked while in use and removed after (or by the next run)."""
    parent = Path(tempfile.gettempdir())
    remove_stale(parent)
    with ExitStack() as stack:
        folder = stack.enter_context(_locked_new_folder(parent, purpose))
        stack.callback(shutil.rmtree, folder, ignore_errors=True)  # runs before the lock is dropped
        yield folder


@contextmanager
def scratch_refusals(folder: Path) -> Iterator[None]:
    """Within the block, the system's refusal to write (a full temporary folder) names the temporary folder and TMPDIR."""
    try:
        yield
    except OSError as error:
        if FileAccessError.wraps(error):
            raise FileAccessError(folder.parent, "write in a scratch folder there", (error.strerror or "").lower(), _FIX) from None
        raise


def remove_stale(parent: Path) -> list[Path]:
    """Remove the scratch folders in `parent` whose process is gone (their lock is free); gives those removed."""
    removed = []
    try:
        entries = list(os.scandir(parent))
    except OSError:
        return removed
    for entry in entries:
        if not entry.name.startswith(PREFIX) or not entry.is_dir(follow_symlinks=False):
            continue
        with abandoned_folder(Path(entry.path)) as abandoned:
            if abandoned:  # else in use by a running argmap (this one too), or not ours to open
                shutil.rmtree(entry.path, ignore_errors=True)
                removed.append(Path(entry.path))
    return removed


@contextmanager
def _locked_new_folder(parent: Path, purpose: str) -> Iterator[Path]:
    """A new folder, locked; made again if another run's sweep took it in the instant before the lock."""
    for _ in range(100):
        try:
            folder = Path(tempfile.mkdtemp(prefix=f"{PREFIX}{purpose}-", dir=parent))
        except OSError as error:
            if FileAccessError.wraps(error):
                raise FileAccessError(parent, "make a scratch folder there", (error.strerror or "").lower(), _FIX) from None
            raise
        with locked_folder(folder):
            if not folder.is_dir():
                continue  # another run's sweep took it in the instant before our lock
            yield folder  # locked, or (where folders cannot be locked) never taken for abandoned either
            return
    raise RuntimeError(f"could not make a scratch folder in {parent}")


def copy_into_scratch(source: Path, target: Path) -> None:
    """Copy the folder `source` to `target` in a scratch folder; what the system refuses is a FileAccessError.

    A file of `source` that cannot be read is named as such; a scratch folder that is full or forbidden is named
    with the way out (TMPDIR).
    """

    def refused(error: OSError) -> FileAccessError:
        name = str(error.filename or "")
        if error.errno in _WRITE_ONLY or not name.startswith(str(source)):
            return FileAccessError(target.parent, "copy the project into a scratch folder there",
                                   (error.strerror or "").lower(), _FIX)
        return FileAccessError.from_os_error(error, name, "read it")

    def copy(src, dst):
        try:
            return shutil.copy2(src, dst)
        except OSError as error:  # copytree would gather these into one shutil.Error, losing what they were
            if FileAccessError.wraps(error):
                raise refused(error) from None
            raise

    try:
        shutil.copytree(source, target, copy_function=copy)
    except shutil.Error as error:  # what copytree gathers itself (a folder it cannot list or make)
        src, _, why = error.args[0][0]
        raise FileAccessError(src, "copy it into a scratch folder", str(why), "give yourself permission to read it") from None
    except OSError as error:
        if FileAccessError.wraps(error):
            raise refused(error) from None
        raise


#: The refusals only a write meets (shutil names the file being read in them too).
_WRITE_ONLY = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EROFS}
