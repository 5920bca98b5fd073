"""argmap: argument maps as a knowledge graph.

The pipeline, one stage a module: load → check → reason → draw, and export.
"""

from __future__ import annotations

import importlib
import sys
import types
from typing import TYPE_CHECKING

__version__ = "0.1.0"

#: Each public name, and the module that defines it. A name is imported on first use, so that a command such as
#: `argmap query` does not pay for rdflib, Jinja and the drawing code it never touches.
_PUBLIC = {
    "ArgmapError": "errors", "InputError": "errors", "ParseError": "errors", "ToolMissing": "errors",
    "Built": "build", "build": "build",
    "check": "check",
    "Evaluation": "evaluate", "evaluate": "evaluate",
    "export": "export",
    "Loaded": "load", "load": "load",
    "Project": "project", "find_project": "project",
    "Inconsistent": "reason", "Inferred": "reason", "reason": "reason",
    "Problem": "report", "Report": "report",
}
__all__ = sorted(_PUBLIC)

if TYPE_CHECKING:  # what the names are, for type checkers and editors
    from .build import Built, build
    from .check import check
    from .errors import ArgmapError, InputError, ParseError, ToolMissing
    from .evaluate import Evaluation, evaluate
    from .export import export
    from .load import Loaded, load
    from .project import Project, find_project
    from .reason import Inconsistent, Inferred, reason
    from .report import Problem, Report


class _Public:
    """A public name of the package, imported from its module on first use.

    The stage functions share their names with their modules (argmap.check is the function in argmap/check.py),
    and importing a submodule sets it as an attribute of the package. As a data descriptor on the package's class,
    this name wins over that attribute, so argmap.check stays the function; anything else set on it (a test's
    monkeypatch) is kept and given back.
    """

    def __init__(self, name: str):
        self.name = name

    def __get__(self, package, owner=None):
        if package is None:
            return self
        if self.name not in package.__dict__:
            module = importlib.import_module(f".{_PUBLIC[self.name]}", package.__name__)
            package.__dict__[self.name] = getattr(module, self.name)
        return package.__dict__[self.name]

    def __set__(self, package, value) -> None:
        if not isinstance(value, types.ModuleType):  # the import system setting the submodule: keep the function
            package.__dict__[self.name] = value

    def __delete__(self, package) -> None:
        package.__dict__.pop(self.name, None)


class _Package(types.ModuleType):
    """The argmap package, whose public names load on first use."""


for _name in _PUBLIC:
    setattr(_Package, _name, _Public(_name))
sys.modules[__name__].__class__ = _Package
