"""Folders argmap writes into, taken in turn: the kernel's lock (flock) on the folder itself.

A writer holds the lock on a folder while its temporary files exist there, so
the next writer may remove any it finds: their writer was killed. The kernel
drops the lock of a process that dies, whatever kills it. Where folders cannot
be locked (Windows, a folder that cannot be opened, a file system that will not
lock one), writers do not wait, and nothing there is taken for abandoned.
"""

from __future__ import annotations

import os
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

try:
    import fcntl
except ImportError:  # Windows: no flock
    fcntl = None

_held = threading.local()


@contextmanager
def locked_folder(folder: Path) -> Iterator[bool]:
    """Hold the lock on `folder` for the block, waiting for another holder; gives False when it cannot be locked."""
    with _locked(folder, wait=True, ours_too=True) as locked:
        yield locked


@contextmanager
def abandoned_folder(folder: Path) -> Iterator[bool]:
    """Lock `folder` for the block if no process holds it, this one included: gives whether it was abandoned."""
    with _locked(folder, wait=False, ours_too=False) as locked:
        yield locked


@contextmanager
def _locked(folder: Path, *, wait: bool, ours_too: bool) -> Iterator[bool]:
    held: set = _held.__dict__.setdefault("folders", set())
    handle = _open(folder)
    if handle is None:
        yield False
        return
    key = (os.fstat(handle).st_dev, os.fstat(handle).st_ino)
    if key in held:  # this thread holds it already: a second flock on another descriptor would wait for ourselves
        os.close(handle)
        yield ours_too
        return
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
        except OSError:  # held by another (BlockingIOError), or a file system that cannot lock a folder (some NFS)
            yield False
            return
        held.add(key)
        try:
            yield True
        finally:
            held.discard(key)
    finally:
        os.close(handle)  # closing releases the lock


def _open(folder: Path) -> int | None:
    if fcntl is None:
        return None
    try:
        return os.open(folder, os.O_RDONLY | os.O_DIRECTORY | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return None
