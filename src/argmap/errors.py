"""The errors argmap raises for problems a user can fix.

    ArgmapError               anything the CLI reports as one line, exit 2
    ├── InputError            a file or argument the user gave is wrong (path, line, what, fix)
    │   ├── ParseError        a file could not be parsed
    │   └── QueryError        a SPARQL query or its parameters are wrong, or unsafe to run
    └── ToolMissing           a program argmap needs is not installed (Java, Chromium)

Data that does not conform is not an exception: `check` returns a Report.
Anything else that escapes is a bug in argmap and may show a traceback.
"""

from __future__ import annotations

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


class ToolMissing(ArgmapError):
    """A program argmap runs (Java for HermiT, Chromium for tests) is not installed."""
