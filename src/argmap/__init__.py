"""argmap: argument maps as a knowledge graph.

The pipeline, one stage a module: load → check → reason → draw, and export.
"""

from __future__ import annotations

__version__ = "0.1.0"

# Submodules share their names with the stage functions, so the functions are
# imported here (a lazy __getattr__ would hand out the modules instead).
# The heavy libraries (pySHACL, owlready2, pyvis) load only when used.
from .build import Built, build
from .check import check
from .errors import ArgmapError, InputError, ParseError, ToolMissing
from .evaluate import Evaluation, evaluate
from .export import export
from .load import Loaded, load
from .project import Project, find_project
from .reason import Inconsistent, Inferred, reason
from .report import Problem, Report

__all__ = [
    "ArgmapError",
    "Built",
    "Evaluation",
    "Inconsistent",
    "Inferred",
    "InputError",
    "Loaded",
    "ParseError",
    "Problem",
    "Project",
    "Report",
    "ToolMissing",
    "build",
    "check",
    "evaluate",
    "export",
    "find_project",
    "load",
    "reason",
]
