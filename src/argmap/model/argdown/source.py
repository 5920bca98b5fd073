"""An .argdown file of claims/ as a source of the project: read into its named graph, problems at its lines.

Needs: the file's text and path, the project (its text files) and the scheme
catalogue. Gives: the triples (into the file's graph), the line of each node,
and advice (quotes anchored only by allowing for quote marks and the like;
claims that quote nothing). A syntax or profile error is one Problem with its
line; nothing of the file is loaded then.
"""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph

from ...errors import InputError
from ..report import ADVICE, Problem
from ..vocab import source_namespace
from . import parse
from .profile import ReadSettings, read


def read_source(graph: Graph, text: str, path: Path, shown: str, project, schemes: Graph):
    """Read one .argdown claims file into `graph`: (a Problem or None, the line of each node, advice)."""
    try:
        document = parse(text, remove_tags=True)
        front = document.front_matter if isinstance(document.front_matter, dict) else {}
        slug = str(front.get("source") or path.stem)

        def texts(chapter: str) -> str | None:
            try:
                return (project.claims_dir / chapter).read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                return None

        reading = read(document, ReadSettings(str(source_namespace(slug)), slug, texts=texts, schemes=schemes))
    except InputError as error:
        return Problem(shown, error.line or 0, "", error.what, error.fix or "correct the Argdown"), None, []
    graph += reading.graph
    graph.bind(front.get("prefix") or slug, str(source_namespace(slug)), override=False)
    advice = [Problem(shown, line, _short(node), message, fix, kind=ADVICE) for line, node, message, fix in reading.advice]
    return None, reading.lines, advice


def _short(node) -> str:
    return str(node).rsplit("#", 1)[-1]
