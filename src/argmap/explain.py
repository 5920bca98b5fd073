"""Say which individuals and axioms make the data inconsistent, for the common cases.

HermiT answers only "inconsistent". This finds the usual culprits by itself: an
individual whose types (asserted, or implied by the domains and ranges of the
properties it takes part in, and their superclasses) include two classes the
ontology declares disjoint.
"""

from __future__ import annotations

from itertools import combinations

from rdflib import OWL, RDF, RDFS, BNode, Graph, URIRef
from rdflib.collection import Collection


def explain_inconsistency(graph: Graph) -> list[str]:
    """Sentences naming each individual typed with two disjoint classes, and why it has each type."""
    disjoint = _disjoint_pairs(graph)
    reasons = []
    for individual, types in sorted(_types_with_reasons(graph).items()):
        closed = _with_superclasses(graph, types)
        for (a, why_a), (b, why_b) in combinations(sorted(closed.items()), 2):
            if frozenset((a, b)) in disjoint:
                reasons.append(
                    f"{_name(graph, individual)} is both {_name(graph, a)} ({why_a}) and {_name(graph, b)} ({why_b}), "
                    f"which the ontology declares disjoint"
                )
    return reasons


def _disjoint_pairs(graph: Graph) -> set[frozenset]:
    pairs = {frozenset((a, b)) for a, b in graph.subject_objects(OWL.disjointWith)}
    for axiom in graph.subjects(RDF.type, OWL.AllDisjointClasses):
        members = list(Collection(graph, graph.value(axiom, OWL.members)))
        pairs |= {frozenset(pair) for pair in combinations(members, 2)}
    return pairs


def _types_with_reasons(graph: Graph) -> dict:
    classes = set(graph.subjects(RDF.type, OWL.Class))
    found: dict = {}
    for s, o in graph.subject_objects(RDF.type):
        if o in classes and isinstance(s, URIRef) and s not in classes:
            found.setdefault(s, {}).setdefault(o, "asserted")
    for s, p, o in graph:
        if p == RDF.type:
            continue
        for domain in graph.objects(p, RDFS.domain):
            if isinstance(domain, URIRef) and isinstance(s, URIRef):
                found.setdefault(s, {}).setdefault(domain, f"subject of {_name(graph, p)}")
        for range_ in graph.objects(p, RDFS.range):
            if isinstance(range_, URIRef) and isinstance(o, URIRef) and range_ in classes:
                found.setdefault(o, {}).setdefault(range_, f"value of {_name(graph, p)}")
    return found


def _with_superclasses(graph: Graph, types: dict) -> dict:
    closed = dict(types)
    queue = list(types)
    for cls in queue:
        for parent in graph.objects(cls, RDFS.subClassOf):
            if not isinstance(parent, BNode) and parent not in closed:
                closed[parent] = f"{closed[cls]}, as a kind of {_name(graph, cls)}"
                queue.append(parent)
    return closed


def _name(graph: Graph, node) -> str:
    try:
        return graph.namespace_manager.normalizeUri(node)
    except Exception:
        return str(node)
