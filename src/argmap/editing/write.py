"""The one writer of claims Turtle: blocks in the house style, appended or written whole, atomically.

Needs: an rdflib Graph holding what to write, and the prefixes to write it
with. Gives: Turtle text laid out as claims/butcher-sk-japan-freeze.ttl is
(one block per subject, `a` first, then label, comment, …, anchors nested),
always in the same order, so that the same data gives the same bytes and a
new claim appended to a file shows in `git diff` as only itself. Does not:
decide what to write (that is `add` and the importers) or check it.
"""

from __future__ import annotations

import re
from pathlib import Path

from rdflib import RDF, RDFS, BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, SKOS, XSD

from ..model.files import write_atomic
from ..model.lock import locked_folder
from ..model.vocab import ARG, OA, PREFIXES

#: The order of predicates in a block, as the hand-written claims files have them; others follow by IRI.
PREDICATE_ORDER = [
    RDF.type, RDFS.label, SKOS.altLabel, RDFS.comment,
    DCTERMS.title, DCTERMS.creator, DCTERMS.identifier, DCTERMS.language, DCTERMS.license, DCTERMS.source,
    ARG.textFile, ARG.statedAffiliation, ARG.about, ARG.addressee, ARG.recommendedAction, ARG.implicit,
    ARG.premise, ARG.conclusion, ARG.attacker, ARG.target, ARG.scheme,
    ARG.anchor, OA.hasSource, OA.hasSelector, OA.exact, OA.prefix, OA.suffix, OA.start, OA.end,
    SKOS.note, PROV.wasAttributedTo, PROV.generatedAtTime,
]
_RANK = {p: i for i, p in enumerate(PREDICATE_ORDER)}
_LOCAL = re.compile(r"^[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_-])?$")
#: Prefixes every claims file may use, in addition to its source's own.
BASE_PREFIXES = {p: str(PREFIXES[p]) for p in ("arg", "dcterms", "ent", "oa", "prov", "rdfs", "scheme", "skos", "src", "xsd")}


class Turtle:
    """Renders subjects of one graph as house-style Turtle blocks with the given prefixes."""

    def __init__(self, graph: Graph, prefixes: dict[str, str]):
        self.graph = graph
        self.prefixes = dict(sorted(prefixes.items()))

    def name(self, node) -> str:
        """An IRI as a prefixed name where one is valid Turtle, else in angle brackets."""
        text = str(node)
        for prefix, namespace in sorted(self.prefixes.items(), key=lambda item: -len(item[1])):
            if text.startswith(namespace) and _LOCAL.match(text[len(namespace):]):
                return f"{prefix}:{text[len(namespace):]}"
        return f"<{text}>"

    def term(self, node, depth: int) -> str:
        if isinstance(node, BNode):
            return self._inline(node, depth + 1)
        if isinstance(node, URIRef):
            return self.name(node)
        return literal(node, self.name)

    def _items(self, subject, depth: int) -> list[str]:
        predicates = sorted(set(self.graph.predicates(subject)), key=lambda p: (_RANK.get(p, len(_RANK)), str(p)))
        items = []
        for predicate in predicates:
            objects = sorted(self.graph.objects(subject, predicate), key=_object_key)
            head = "a" if predicate == RDF.type else self.name(predicate)
            items.append(head + " " + " , ".join(self.term(o, depth) for o in objects))
        return items

    def _inline(self, node: BNode, depth: int) -> str:
        items = self._items(node, depth)
        return "[ " + (" ;\n" + "    " * (depth + 1)).join(items) + " ]"

    def block(self, subject) -> str:
        """One subject and everything it says, blank nodes nested, ending with ' .'."""
        return self.name(subject) + " " + " ;\n    ".join(self._items(subject, 0)) + " .\n"

    def header(self) -> str:
        width = max(len(p) for p in self.prefixes) + 2
        return "".join(f"@prefix {(p + ':').ljust(width)}<{ns}> .\n" for p, ns in self.prefixes.items())


def literal(node: Literal, name=str) -> str:
    """A literal as Turtle: strings quoted and escaped, booleans and integers bare."""
    if node.datatype in (XSD.boolean, XSD.integer) and node.value is not None:
        return str(node).lower() if node.datatype == XSD.boolean else str(int(node.value))
    text = str(node).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t")
    text = "".join(ch if ch >= " " else f"\\u{ord(ch):04x}" for ch in text)
    if node.language:
        return f'"{text}"@{node.language}'
    if node.datatype and node.datatype != XSD.string:
        return f'"{text}"^^{name(node.datatype)}'
    return f'"{text}"'


def _object_key(node):
    return (isinstance(node, BNode), isinstance(node, Literal), str(node))


def subjects(graph: Graph) -> list[URIRef]:
    """The named subjects of a graph, in IRI order (blank nodes are written nested inside them)."""
    return sorted({s for s in graph.subjects() if isinstance(s, URIRef)}, key=str)


def render_blocks(graph: Graph, prefixes: dict[str, str], order: list | None = None) -> str:
    """The subjects of `graph` (in `order`, else by IRI) as blocks separated by blank lines."""
    turtle = Turtle(graph, prefixes)
    return "\n".join(turtle.block(s) for s in (order if order is not None else subjects(graph)))


def render_file(graph: Graph, prefixes: dict[str, str], sections: list[tuple[str, list]], keep=()) -> str:
    """A whole claims file: the prefixes it uses (and `keep`), then each (title, subjects) section under a comment rule."""
    turtle = Turtle(graph, prefixes)
    used = _used_prefixes(graph, turtle) | set(keep)
    parts = [Turtle(graph, {p: ns for p, ns in prefixes.items() if p in used}).header()]
    for title, members in sections:
        if not members:
            continue
        if title:
            parts.append("# " + "-" * 75 + f"\n# {title}\n# " + "-" * 75 + "\n")
        parts.append("\n".join(turtle.block(s) for s in members))
    return "\n".join(parts)


def _used_prefixes(graph: Graph, turtle: Turtle) -> set[str]:
    used = set()
    for triple in graph:
        for node in triple:
            if isinstance(node, (URIRef, Literal)):
                target = node if isinstance(node, URIRef) else node.datatype
                if target is not None:
                    shown = turtle.name(target)
                    if not shown.startswith("<"):
                        used.add(shown.split(":", 1)[0])
    return used


def append_blocks(path: Path, graph: Graph, order: list, new_prefixes: dict[str, str] | None = None) -> str:
    """Append blocks for `order`'s subjects to a claims file, adding any missing @prefix lines; atomic.

    The file's existing text is kept byte for byte, so a diff shows only the addition. The folder is locked from the
    read to the write, so that two writers cannot each append to the same old text and lose one addition.
    """
    with locked_folder(Path(path).parent):
        return _append_blocks(Path(path), graph, order, new_prefixes)


def _append_blocks(path: Path, graph: Graph, order: list, new_prefixes: dict[str, str] | None) -> str:
    text = path.read_text(encoding="utf-8")
    declared = dict(re.findall(r"^@prefix\s+([\w.-]*):\s*<([^>]*)>\s*\.", text, flags=re.MULTILINE))
    prefixes = {**(new_prefixes or {}), **declared}
    missing = {p: ns for p, ns in (new_prefixes or {}).items() if p not in declared}
    turtle = Turtle(graph, prefixes)
    used = _used_prefixes(graph, turtle)
    missing = {p: ns for p, ns in missing.items() if p in used}
    if missing:
        lines = text.split("\n")
        last = max((i for i, line in enumerate(lines) if line.startswith("@prefix")), default=-1)
        width = max([len(p) for p in declared] + [len(p) for p in missing]) + 2
        new_lines = [f"@prefix {(p + ':').ljust(width)}<{ns}> ." for p, ns in sorted(missing.items())]
        lines[last + 1:last + 1] = new_lines
        text = "\n".join(lines)
    addition = "\n".join(turtle.block(s) for s in order)
    new_text = text.rstrip("\n") + "\n\n" + addition
    write_atomic(Path(path), new_text)
    return new_text


def write_file(path: Path, text: str) -> None:
    """Write a whole claims file at once (a reader sees the old file or the new one)."""
    write_atomic(Path(path), text)
