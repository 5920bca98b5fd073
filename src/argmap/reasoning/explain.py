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

from ..model.vocab import prefixed_name


def explain_inconsistency(graph: Graph) -> list[str]:
    """Sentences naming each individual typed with two disjoint classes, and why it has each type.

    Also: two values of a functional property (which OWL must then take for one
    individual) whose types are disjoint.
    """
    disjoint = _disjoint_pairs(graph)
    typed = {i: _with_superclasses(graph, types) for i, types in _types_with_reasons(graph).items()}
    reasons = []
    for individual, closed in sorted(typed.items()):
        for (a, why_a), (b, why_b) in combinations(sorted(closed.items()), 2):
            if frozenset((a, b)) in disjoint:
                reasons.append(
                    f"{prefixed_name(graph, individual)} is both {prefixed_name(graph, a)} ({why_a}) and {prefixed_name(graph, b)} ({why_b}), "
                    f"which the ontology declares disjoint"
                )
    for prop in sorted(set(graph.subjects(RDF.type, OWL.FunctionalProperty))):
        for subject in sorted(set(graph.subjects(prop, None))):
            values = sorted(v for v in set(graph.objects(subject, prop)) if isinstance(v, URIRef))
            for x, y in combinations(values, 2):
                clash = [(a, b) for a in typed.get(x, {}) for b in typed.get(y, {}) if frozenset((a, b)) in disjoint]
                if clash:
                    a, b = min(clash)
                    reasons.append(
                        f"{prefixed_name(graph, subject)} has two values of {prefixed_name(graph, prop)}, which the ontology declares "
                        f"functional (one value only): {prefixed_name(graph, x)} ({prefixed_name(graph, a)}) and {prefixed_name(graph, y)} "
                        f"({prefixed_name(graph, b)}), which cannot be one individual since those classes are disjoint"
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
                found.setdefault(s, {}).setdefault(domain, f"subject of {prefixed_name(graph, p)}")
        for range_ in graph.objects(p, RDFS.range):
            if isinstance(range_, URIRef) and isinstance(o, URIRef) and range_ in classes:
                found.setdefault(o, {}).setdefault(range_, f"value of {prefixed_name(graph, p)}")
    return found


def _with_superclasses(graph: Graph, types: dict) -> dict:
    closed = dict(types)
    queue = list(types)
    for cls in queue:
        for parent in _parents(graph, cls):
            if parent not in closed:
                closed[parent] = f"{closed[cls]}, as a kind of {prefixed_name(graph, cls)}"
                queue.append(parent)
    return closed


def _parents(graph: Graph, cls) -> list:
    """Named superclasses: told ones, and the named parts of a defined class (C ≡ A ⊓ ∃p.B gives A)."""
    parents = [p for p in graph.objects(cls, RDFS.subClassOf) if not isinstance(p, BNode)]
    for definition in graph.objects(cls, OWL.equivalentClass):
        members = graph.value(definition, OWL.intersectionOf)
        if members is not None:
            parents += [m for m in Collection(graph, members) if not isinstance(m, BNode)]
    return parents


