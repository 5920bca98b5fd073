"""An .argdown file of claims/ as a source of the project: read into its named graph, problems at its lines.

Needs: the file's text and path, the project (its text files) and the scheme
catalogue. Gives: the triples (into the file's graph), the line of each node,
and advice (quotes anchored only by allowing for quote marks and the like;
claims that quote nothing). A syntax or profile error is one Problem with its
line; nothing of the file is loaded then.
"""

from __future__ import annotations

import re
from pathlib import Path

from rdflib import Graph

from ...errors import InputError
from ..report import ADVICE, Problem
from ..vocab import source_namespace
from . import parse
from .profile import ReadSettings, read
from .yamldata import front_matter


_FRONT = re.compile(r"\s*(===+[\s\S]*?===+)")


def naming(front, path: Path) -> tuple[str, str]:
    """The source's slug (front matter's `source:`, else the file's name) and the prefix its nodes are shown with."""
    front = front if isinstance(front, dict) else {}
    slug = str(front.get("source") or path.stem)
    return slug, str(front.get("prefix") or slug)


def source_prefixes(path: Path) -> dict[str, str]:
    """The prefixes an .argdown claims file's nodes are named with (its own source's, and those of the other sources
    its front matter describes under `sources:`), read from its front matter alone."""
    try:
        text = path.read_text(encoding="utf-8")
        found = _FRONT.match(text)
        front = front_matter(found.group(1), 1) if found else None
    except (OSError, UnicodeDecodeError, InputError):
        front = None
    slug, prefix = naming(front, path)
    found = {prefix: str(source_namespace(slug))}
    for entry in (front.get("sources") if isinstance(front, dict) and isinstance(front.get("sources"), list) else []):
        if isinstance(entry, dict) and entry.get("source"):
            found.setdefault(str(entry["source"]), str(source_namespace(str(entry["source"]))))
    return found


def read_source(graph: Graph, text: str, path: Path, shown: str, project, schemes: Graph):
    """Read one .argdown claims file into `graph`: (a Problem or None, the line of each node, advice)."""
    try:
        document = parse(text, remove_tags=True)
        front = document.front_matter if isinstance(document.front_matter, dict) else {}
        slug, prefix = naming(front, path)

        def texts(chapter: str) -> str | None:
            try:
                return (project.claims_dir / chapter).read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                return None

        reading = read(document, ReadSettings(str(source_namespace(slug)), slug, texts=texts, schemes=schemes))
    except InputError as error:
        return Problem(shown, error.line or 0, "", error.what, error.fix or "correct the Argdown"), None, []
    graph += reading.graph
    graph.bind(prefix, str(source_namespace(slug)), override=False)
    advice = [Problem(shown, line, f"{prefix}:{_short(node)}", message, fix, kind=ADVICE)
              for line, node, message, fix in reading.advice]
    return None, reading.lines, advice


def _short(node) -> str:
    return str(node).rsplit("#", 1)[-1]
