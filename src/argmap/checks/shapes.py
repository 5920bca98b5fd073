"""Run the project's SHACL shapes (ontology/shapes.ttl) with pySHACL and locate each result."""

from __future__ import annotations

from rdflib import Graph, Namespace
from rdflib.namespace import SH

from .integrity import Locator
from ..errors import InputError
from ..model.load import Loaded
from ..model.report import Problem

ARGSH = Namespace("https://w3id.org/argmap/shapes#")


def load_shapes(loaded: Loaded) -> Graph:
    """The shapes graph of the project, or a clear error when it is missing or broken."""
    path = loaded.project.ontology_dir / "shapes.ttl"
    shapes = Graph(bind_namespaces="none")
    try:
        shapes.parse(path, format="turtle")
    except FileNotFoundError:
        raise InputError("the SHACL shapes file is missing", path=path, fix="restore ontology/shapes.ttl") from None
    except Exception as error:
        raise InputError(f"the SHACL shapes cannot be parsed: {error}", path=path, fix="correct its Turtle syntax") from None
    return shapes


def check_shapes(loaded: Loaded, union: Graph, locator: Locator) -> list[Problem]:
    """One Problem per SHACL validation result, with the shape's own message and fix."""
    import pyshacl  # 0.2 s to import: only when checking

    shapes = load_shapes(loaded)
    _, results, _ = pyshacl.validate(
        union, shacl_graph=shapes, inference="none", allow_warnings=True, abort_on_first=False
    )
    problems = []
    for result in results.subjects(SH.focusNode, None):
        focus = results.value(result, SH.focusNode)
        path = results.value(result, SH.resultPath)
        shape = results.value(result, SH.sourceShape)
        message = str(results.value(result, SH.resultMessage) or "does not conform to its shape")
        fix = str(shapes.value(shape, ARGSH.fix) or "see ontology/shapes.ttl for what is expected")
        containing = locator.name(path) if path is not None else None
        problems.append(locator.problem(union, focus, message, fix, containing=containing))
    return problems
