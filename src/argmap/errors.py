"""The errors argmap raises for problems a user can fix.

    ArgmapError               anything the CLI reports as one line, exit 2
    ├── InputError            a file or argument the user gave is wrong (path, line, what, fix)
    │   ├── ParseError        a file could not be parsed
    │   └── QueryError        a SPARQL query or its parameters are wrong, or unsafe to run
    ├── FileAccessError       the system refused to read or write a file: a full disk, no permission, a read-only disk
    └── ToolMissing           a program argmap needs is not installed (Java, Chromium)

Data that does not conform is not an exception: `check` returns a Report.
Anything else that escapes is a bug in argmap and may show a traceback.
"""

from __future__ import annotations

import errno
from pathlib import Path


class ArgmapError(Exception):
    """A problem argmap can explain in one line; the CLI prints it and exits 2."""

    exit_code = 2


class InputError(ArgmapError):
    """A user's file or argument is wrong: says where, what, and how to fix it."""

    def __init__(self, what: str, *, path: Path | str | None = None, line: int | None = None, fix: str = ""):
        self.what, self.path, self.line, self.fix = what, path, line, fix
        super().__init__(self.__str__())

    def __str__(self) -> str:
        where = ""
        if self.path is not None:
            where = f"{self.path}:{self.line}: " if self.line else f"{self.path}: "
        return where + self.what + (f" — {self.fix}" if self.fix else "")


class ParseError(InputError):
    """A file could not be parsed in the format it claims to be in."""


class QueryError(InputError):
    """A query is unknown, malformed, unsafe (SERVICE, LOAD, FROM elsewhere), or given bad parameters."""


#: What to do when the system refuses a file operation, for the errors that are the machine's state, not argmap's bug.
USER_FIXABLE = {
    errno.ENOSPC: "free some space on that disk (or write somewhere else) and run the command again",
    getattr(errno, "EDQUOT", None): "your disk quota is used up: free some of your files, or ask for a larger quota",
    errno.EFBIG: "the file would be larger than this file system or your limit (ulimit -f) allows: raise the limit or write elsewhere",
    errno.EACCES: "ls -l shows who may read or write it; give yourself that right (chmod, chown), or use another folder",
    errno.EPERM: "ls -l shows who may read or write it; give yourself that right (chmod, chown), or use another folder",
    errno.EROFS: "that file system is mounted read-only: write to another folder, or remount it read-write",
    errno.EIO: "the disk reported an input/output error: check the disk (dmesg says more)",
    errno.EMFILE: "too many files are open: raise the limit (ulimit -n)",
    errno.ENFILE: "the system has too many files open: close some programs and run the command again",
    errno.ENAMETOOLONG: "choose a shorter file name",
    errno.ENOTDIR: "a part of that path is a file, not a folder: choose another path",
    errno.EISDIR: "that is a folder: name a file",
}
USER_FIXABLE.pop(None, None)  # a system without disk quotas (EDQUOT)


class FileAccessError(ArgmapError):
    """The system refused to read or write a file (a full disk, no permission, a read-only disk): which, and what to do."""

    def __init__(self, path: Path | str | None, doing: str | None, reason: str, fix: str):
        self.path, self.doing, self.reason, self.fix = path, doing, reason, fix
        where = f"{_shown(path)}: " if path is not None else ""
        what = f"cannot {doing}: {reason}" if doing else reason
        super().__init__(f"{where}{what} — {fix}")

    @classmethod
    def wraps(cls, error: OSError) -> bool:
        """Whether `error` is the machine's state a user can change (full, forbidden, read-only), not a bug of argmap."""
        return isinstance(error, OSError) and error.errno in USER_FIXABLE

    @classmethod
    def from_os_error(cls, error: OSError, path: Path | str | None = None, doing: str | None = "write it") -> FileAccessError:
        """The one-line error for an OSError the user can fix, naming `path` (else the file the error names)."""
        path = path if path is not None else error.filename
        return cls(path, doing, (error.strerror or str(error)).rstrip(".").lower(), USER_FIXABLE.get(error.errno, "check the file"))


def _shown(path: Path | str) -> str:
    """A path as a user typed it: relative to the current folder where it is inside it."""
    try:
        return str(Path(path).resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, OSError):
        return str(path)


class ToolMissing(ArgmapError):
    """A program argmap runs (Java for HermiT, Chromium for tests) is not installed."""
