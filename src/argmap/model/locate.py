"""Find the line of a claims file where a node is described, for messages that point at it.

rdflib keeps no line numbers, so this reads a Turtle file's text: a subject
starts a line at the left margin, and its block runs to the next such line. An
.argdown file's reader records the line of each node as it reads (LineIndex).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

from rdflib import BNode, Graph, URIRef

_PREFIX = re.compile(r"^\s*@prefix\s+([\w.-]*):\s*<([^>]*)>\s*\.", re.IGNORECASE | re.MULTILINE)
_SPARQL_PREFIX = re.compile(r"^\s*PREFIX\s+([\w.-]*):\s*<([^>]*)>", re.IGNORECASE | re.MULTILINE)
_SUBJECT = re.compile(r"^(<[^>\s]*>|[\w.-]*:[^\s;,()\[\]]*)")


@dataclass(frozen=True)
class TextIndex:
    """The lines of one Turtle file, indexed by the subject that starts each block."""

    text: str

    @cached_property
    def lines(self) -> list[str]:
        return self.text.splitlines()

    @cached_property
    def prefixes(self) -> dict[str, str]:
        found = {m.group(1): m.group(2) for m in _PREFIX.finditer(self.text)}
        found.update({m.group(1): m.group(2) for m in _SPARQL_PREFIX.finditer(self.text)})
        return found

    @cached_property
    def blocks(self) -> dict[str, tuple[int, int]]:
        """Subject IRI → (first line, last line), 1-based."""
        starts: list[tuple[str, int]] = []
        for number, line in enumerate(self.lines, start=1):
            if not line or line[0].isspace() or line.startswith(("#", "@", "PREFIX", "prefix")):
                continue
            match = _SUBJECT.match(line)
            if match:
                iri = self.expand(match.group(1))
                if iri:
                    starts.append((iri, number))
        blocks: dict[str, tuple[int, int]] = {}
        for (iri, start), following in zip(starts, starts[1:] + [("", len(self.lines) + 1)]):
            blocks.setdefault(iri, (start, following[1] - 1))
        return blocks

    def expand(self, token: str) -> str | None:
        """A prefixed name or <IRI> as a full IRI, if its prefix is declared."""
        if token.startswith("<"):
            return token[1:-1]
        prefix, _, local = token.partition(":")
        namespace = self.prefixes.get(prefix)
        return namespace + local if namespace is not None else None

    def line_of(self, iri: str, *, containing: str | None = None) -> int:
        """The line where `iri` is described; with `containing`, the first line of its block holding that text."""
        block = self.blocks.get(str(iri))
        if block is None:
            return self._first_mention(str(iri))
        if containing:
            for number in range(block[0], block[1] + 1):
                if containing in self.lines[number - 1]:
                    return number
        return block[0]

    def _first_mention(self, iri: str) -> int:
        """The first line that mentions `iri` in any spelling, or 0."""
        spellings = [f"<{iri}>"] + [f"{p}:{iri[len(ns):]}" for p, ns in self.prefixes.items() if iri.startswith(ns)]
        for number, line in enumerate(self.lines, start=1):
            if any(re.search(re.escape(s) + r"(?![\w-])", line) for s in spellings):
                return number
        return 0


def owner(graph: Graph, node):
    """The nearest IRI that (through blank nodes) has `node` as a value: a selector's claim, say."""
    seen = set()
    while isinstance(node, BNode) and node not in seen:
        seen.add(node)
        parents = sorted(graph.subjects(None, node))
        if not parents:
            return None
        node = parents[0]
    return node if isinstance(node, URIRef) else None


@dataclass(frozen=True)
class LineIndex:
    """The lines of a file that is not Turtle (an .argdown source), as its reader recorded them for each node.

    A node's block runs from its line to the next line a node starts on; `containing` names a Turtle term
    (oa:exact), looked for in the block as the key that carries it in Argdown (source:)."""

    lines_of: dict
    prefixes: dict = field(default_factory=dict)
    text: str = ""

    @cached_property
    def _starts(self) -> list[int]:
        return sorted(set(self.lines_of.values()))

    def line_of(self, iri: str, *, containing: str | None = None) -> int:
        line = self.lines_of.get(URIRef(str(iri)), 0)
        if containing and line:
            from .argdown.speak import argdown_key

            lines = self.text.splitlines()
            wanted = argdown_key(containing)
            end = next((start for start in self._starts if start > line), len(lines) + 1)
            for number in range(line, min(end, len(lines) + 1)):
                if wanted in lines[number - 1]:
                    return number
        return line
