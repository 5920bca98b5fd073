"""HermiT's Java process, as owlready2 starts it, held to argmap's lifetime and scratch folder.

owlready2 (0.51) runs HermiT with subprocess.check_output, passing its module's
`_subprocess_kargs`, and writes the data for it with tempfile.NamedTemporaryFile
in the temporary folder, which it leaves behind when the data is inconsistent
or argmap is killed. While `hermit_held` is in force, the Java child asks the
kernel (Linux: PR_SET_PDEATHSIG) to kill it when argmap dies, however argmap
dies, and the data file goes into argmap's own scratch folder (scratch.py).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
import os
import signal
import sys
import tempfile
import threading
import types
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator

#: prctl option: the signal the kernel sends a process when its parent dies (linux/prctl.h).
PR_SET_PDEATHSIG = 1

_one_at_a_time = threading.Lock()  # the settings below are owlready2's module globals


@contextmanager
def hermit_held(folder: Path) -> Iterator[None]:
    """Within the block, HermiT dies with argmap and writes its input into `folder`."""
    from owlready2 import reasoning

    with _one_at_a_time:
        saved_arguments, saved_tempfile = reasoning._subprocess_kargs, reasoning.tempfile
        preexec = die_with_parent()
        if preexec is not None:
            reasoning._subprocess_kargs = {**saved_arguments, "preexec_fn": preexec}
        reasoning.tempfile = types.SimpleNamespace(
            NamedTemporaryFile=functools.partial(tempfile.NamedTemporaryFile, dir=folder))
        try:
            yield
        finally:
            reasoning._subprocess_kargs, reasoning.tempfile = saved_arguments, saved_tempfile


def die_with_parent() -> Callable[[], None] | None:
    """A preexec_fn that has the kernel kill the child when this process dies; None where the kernel cannot (not Linux)."""
    if not sys.platform.startswith("linux"):
        return None
    libc = ctypes.CDLL(ctypes.util.find_library("c") or None, use_errno=True)
    prctl, parent = libc.prctl, os.getpid()  # looked up before the fork: the child only calls

    def preexec() -> None:
        prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        if os.getppid() != parent:  # the parent died before the request was made
            os.kill(os.getpid(), signal.SIGKILL)

    return preexec
