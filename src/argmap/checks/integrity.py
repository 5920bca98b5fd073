"""The checks SHACL cannot express: quotes occur in their source, references resolve, supports form no cycle."""

from __future__ import annotations

import errno
import re
from functools import cached_property, lru_cache
from pathlib import Path

from rdflib import RDF, RDFS, BNode, Graph, Literal, URIRef
from rdflib.namespace import OWL

from ..errors import FileAccessError
from ..model.anchor import closest_passage
from ..model.argdown.speak import argdown_fix
from ..model.load import Loaded
from ..model.locate import LineIndex, TextIndex, owner
from ..model.report import Problem
from ..model.vocab import ARG, OA

#: Predicates any claims file may use without the ontology declaring them.
BUILTIN_PREDICATES = {RDF.type, RDFS.label, RDFS.comment, RDFS.seeAlso, OWL.sameAs}
PROPERTY_TYPES = (OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty, RDF.Property)


class Locator:
    """Turns a node into (file, line, name) for a Problem.

    Indexes once what locating needs (which file describes each node, the namespaces by length), so the cost of
    locating a problem does not grow with the number of files or prefixes.
    """

    def __init__(self, loaded: Loaded):
        self.loaded = loaded
        self.indexes = {f.graph: TextIndex(f.text) if f.lines is None else LineIndex(f.lines, f.prefixes or {}, f.text) for f in loaded.files}
        self.prefixes: dict[str, str] = {}
        for index in self.indexes.values():
            for prefix, namespace in index.prefixes.items():
                self.prefixes.setdefault(prefix, namespace)
        self._prefix_of: dict[str, str] = {}  # namespace → the first prefix declared for it
        for prefix, namespace in self.prefixes.items():
            if namespace:
                self._prefix_of.setdefault(namespace, prefix)
        self._lengths = sorted({len(namespace) for namespace in self._prefix_of}, reverse=True)

    @cached_property
    def _file_of(self) -> dict:
        """Each subject → the first file (in load order) that describes it, as Loaded.file_of finds it."""
        found: dict = {}
        for loaded_file in self.loaded.files:
            for subject in self.loaded.dataset.graph(loaded_file.graph).subjects(unique=True):
                found.setdefault(subject, loaded_file)
        return found

    def name(self, node) -> str:
        """A node as the user wrote it: a prefixed name where a prefix fits (the longest namespace)."""
        if isinstance(node, BNode):
            return "[]"
        text = str(node)
        for length in self._lengths:
            prefix = self._prefix_of.get(text[:length]) if length <= len(text) else None
            if prefix is not None:
                return f"{prefix}:{text[length:]}"
        return f"<{text}>"

    def problem(self, graph: Graph, node, message: str, fix: str, *, containing: str | None = None) -> Problem:
        """A Problem located at the block that describes `node` (or the IRI that holds it)."""
        subject = owner(graph, node) if isinstance(node, BNode) else node
        loaded_file = self._file_of.get(subject) if subject is not None else None
        if loaded_file is None:
            return Problem("claims", 0, self.name(subject) if subject is not None else "", message, fix)
        line = self.indexes[loaded_file.graph].line_of(str(subject), containing=containing)
        if loaded_file.lines is not None:  # written in Argdown: say how to mend it there
            fix = argdown_fix(fix)
        return Problem(loaded_file.shown_path, line, self.name(subject), message, fix)


def _declared(ontology: Graph, types) -> set:
    return {s for t in types for s in ontology.subjects(RDF.type, t)}


def check_references(loaded: Loaded, union: Graph, locator: Locator) -> list[Problem]:
    """Every class, property and referenced IRI in the claims files is defined somewhere."""
    ontology = loaded.ontology
    properties = _declared(ontology, PROPERTY_TYPES) | BUILTIN_PREDICATES
    object_properties = _declared(ontology, (OWL.ObjectProperty,))
    classes = _declared(ontology, (OWL.Class,))
    described = {s for s in union.subjects() if isinstance(s, URIRef)}
    problems = []
    for loaded_file in loaded.claim_files:
        graph = loaded.dataset.graph(loaded_file.graph)
        for s, p, o in sorted(graph):
            if p not in properties:
                problems.append(locator.problem(graph, s, f"uses {locator.name(p)}, which the ontology does not define",
                                                "use a property of ontology/argmap.ttl (check the spelling)",
                                                containing=locator.name(p)))
            elif p == RDF.type and o not in classes:
                problems.append(locator.problem(graph, s, f"has type {locator.name(o)}, which the ontology does not define",
                                                "use a class of ontology/argmap.ttl (check the spelling)",
                                                containing=locator.name(o)))
            elif p in object_properties and isinstance(o, URIRef) and o not in described and p != ARG.scheme:  # schemes.py names the nearest schemes
                problems.append(locator.problem(graph, s, f"refers to {locator.name(o)}, which is not defined anywhere",
                                                "define it in a claims file, or correct the name",
                                                containing=locator.name(o)))
            elif p in object_properties and isinstance(o, Literal):
                problems.append(locator.problem(graph, s, f"gives {locator.name(p)} a text where a node is expected",
                                                "point it at an IRI such as ent:… or bsj:…",
                                                containing=locator.name(p)))
        for s in sorted({s for s in graph.subjects() if isinstance(s, URIRef)}):
            if (s, RDF.type, None) not in union:
                problems.append(locator.problem(graph, s, "has no type",
                                                "add `a arg:…` (for a claim, its kind; for an entity, its class)"))
    return problems


def check_quotes(loaded: Loaded, union: Graph, locator: Locator) -> list[Problem]:
    """Every quote occurs in its source's text exactly as written, once (or made unique by prefix and suffix)."""
    read = lru_cache(maxsize=None)(_read_text)
    problems = []
    for selector in sorted(union.subjects(RDF.type, OA.TextQuoteSelector)):
        exact = union.value(selector, OA.exact)
        anchor = union.value(None, OA.hasSelector, selector)
        source = union.value(anchor, OA.hasSource) if anchor is not None else None
        text_file = union.value(source, ARG.textFile) if source is not None else None
        if exact is None or text_file is None:
            continue  # the shapes report a missing quote or source
        path = loaded.project.claims_dir / str(text_file)
        text = read(path)
        if text is None:
            problems.append(locator.problem(union, source, f"its text file {loaded.project.relative(path)} cannot be read",
                                            "put the source's plain text (UTF-8) there, or correct arg:textFile",
                                            containing="arg:textFile"))
            continue
        prefix = str(union.value(selector, OA.prefix) or "")
        suffix = str(union.value(selector, OA.suffix) or "")
        message = _quote_problem(text, str(exact), prefix, suffix, loaded.project.relative(path))
        if message:
            problems.append(locator.problem(union, selector, *message, containing="oa:exact"))
    return problems


def _read_text(path: Path) -> str | None:
    """The source's text; None when it is missing or not UTF-8 (a problem of the data). A file the system will not
    let argmap read stops the check (FileAccessError): its quotes cannot be checked, and that is no fault of the data."""
    try:
        return path.read_text(encoding="utf-8")
    except OSError as error:
        if error.errno in (errno.EACCES, errno.EPERM, errno.EIO):
            raise FileAccessError.from_os_error(error, path, "read it") from None
        return None
    except UnicodeDecodeError:
        return None


def _quote_problem(text: str, exact: str, prefix: str, suffix: str, shown: str) -> tuple[str, str] | None:
    """What is wrong with a quote, as (message, fix), or None when it picks out exactly one place."""
    count = text.count(prefix + exact + suffix)
    if count == 1:
        return None
    if count > 1:
        return (f"quote occurs {count} times in {shown}: {_clip(exact)!r}",
                "add oa:prefix or oa:suffix (the words just before or after) to say which occurrence")
    if exact in text:
        return (f"oa:prefix or oa:suffix does not match the words around the quote in {shown}",
                "copy the words just before and after the quote exactly, or remove them")
    if _normalise(exact) in _normalise(text):
        return (f"quote differs from {shown} in quotation marks, dashes, spacing or case: {_clip(exact)!r}",
                "copy the words character for character from the source text")
    closest = _closest_passage(text, exact)
    hint = f"; the closest passage is {_clip(closest)!r}" if closest else ""
    return (f"quote does not occur in {shown}: {_clip(exact)!r}",
            f"copy the source's exact words into oa:exact{hint}")


def _normalise(text: str) -> str:
    text = re.sub("[\u2018\u2019\u201a\u2032`]", "'", text)
    text = re.sub("[\u201c\u201d\u201e\u2033]", '"', text)
    text = re.sub("[\u2010-\u2015]", "-", text)
    return re.sub(r"\s+", " ", text).casefold()


_closest_passage = closest_passage


def _clip(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def check_support_cycles(loaded: Loaded, union: Graph, locator: Locator) -> list[Problem]:
    """Supports form no cycle: no claim may, through inferences, support itself."""
    edges: dict = {}
    inference_of: dict = {}
    for inference in union.subjects(RDF.type, ARG.Inference):
        conclusion = union.value(inference, ARG.conclusion)
        for premise in union.objects(inference, ARG.premise):
            edges.setdefault(premise, set()).add(conclusion)
            inference_of.setdefault((premise, conclusion), inference)
    problems = []
    for cycle in _cycles(edges):
        steps = list(zip(cycle, cycle[1:] + cycle[:1]))
        inference = min(inference_of[step] for step in steps)
        chain = " → ".join(locator.name(node) for node in cycle + cycle[:1])
        problems.append(locator.problem(union, inference, f"supports form a cycle: {chain}",
                                        "remove or reverse one of these inferences; a claim cannot support itself"))
    return problems


def _cycles(edges: dict) -> list[list]:
    """One cycle per strongly connected component that has one (Tarjan's algorithm, iterative)."""
    index: dict = {}
    low: dict = {}
    on_stack: set = set()
    stack: list = []
    components = []
    counter = 0
    for root in sorted(edges):
        if root in index:
            continue
        work = [(root, iter(sorted(edges.get(root, ()))))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            advanced = False
            for child in children:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(edges.get(child, ())))))
                    advanced = True
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            if advanced:
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1 or node in edges.get(node, ()):
                    components.append(_cycle_in(sorted(component), edges))
    return components


def _cycle_in(component: list, edges: dict) -> list:
    """The shortest cycle through the smallest member of a strongly connected component."""
    members = set(component)
    start = component[0]
    parent = {start: None}
    queue = [start]
    for node in queue:  # breadth first: the queue grows as we go
        for child in sorted(n for n in edges.get(node, ()) if n in members):
            if child == start:
                path = [node]
                while parent[path[-1]] is not None:
                    path.append(parent[path[-1]])
                return path[::-1]
            if child not in parent:
                parent[child] = node
                queue.append(child)
    return [start]
