"""argmap: argument maps as a knowledge graph.

The pipeline, one sub-package a stage: model (load) → checks → reasoning →
evaluation → sparql (query) → drawing, with exchange, editing and serving
beside it, and the CLI on top. `docs/architecture.md` draws it.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

__version__ = "0.1.0"

#: Each public name, and the module that defines it. A name is imported on first use, so that a command such as
#: `argmap query` does not pay for rdflib, Jinja and the drawing code it never touches.
_PUBLIC = {
    "ArgmapError": "errors", "InputError": "errors", "ParseError": "errors", "ToolMissing": "errors",
    "Built": "pipeline", "build": "pipeline",
    "check": "checks.run",
    "Evaluation": "evaluation.evaluate", "evaluate": "evaluation.evaluate",
    "export": "exchange.export",
    "Loaded": "model.load", "load": "model.load",
    "Project": "model.project", "find_project": "model.project",
    "Inconsistent": "reasoning.reason", "Inferred": "reasoning.reason", "reason": "reasoning.reason",
    "Problem": "model.report", "Report": "model.report",
}
__all__ = sorted(_PUBLIC)

if TYPE_CHECKING:  # what the names are, for type checkers and editors
    from .checks.run import check
    from .errors import ArgmapError, InputError, ParseError, ToolMissing
    from .evaluation.evaluate import Evaluation, evaluate
    from .exchange.export import export
    from .model.load import Loaded, load
    from .model.project import Project, find_project
    from .model.report import Problem, Report
    from .pipeline import Built, build
    from .reasoning.reason import Inconsistent, Inferred, reason


def __getattr__(name: str):
    """Import a public name from its module the first time it is asked for (PEP 562)."""
    if name not in _PUBLIC:
        raise AttributeError(f"module 'argmap' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{_PUBLIC[name]}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
