"""Draw simple relations as arrows: a relation keeps a node of its own only where it needs one.

An inference with one premise, or a conflict, that nothing attacks says no more
as a node than as an arrow from premise to conclusion (or attacker to target),
and it halves what a reader's eye and the browser must handle. Linked
inferences (several premises working together) and relations that are
themselves attacked keep their node, as the AIF draws them.
"""

from __future__ import annotations

from dataclasses import replace

from .mapdata import ArgumentMap, Edge

SUPPORT, REBUT, UNDERCUT = "support", "rebut", "undercut"


def simplify(argument: ArgumentMap) -> ArgumentMap:
    """The same map with every relation that needs no node of its own drawn as a single edge."""
    attacked = {e.target for e in argument.edges if e.role == "target"}
    into: dict[str, list[Edge]] = {}
    for edge in argument.edges:
        into.setdefault(edge.source, []).append(edge)
        into.setdefault(edge.target, []).append(edge)
    kinds = {r.iri: r.kind for r in argument.relations}
    kept, folded = [], {}
    for relation in argument.relations:
        ends = into.get(relation.iri, [])
        sources = [e.source for e in ends if e.target == relation.iri]
        targets = [e.target for e in ends if e.source == relation.iri]
        if relation.iri in attacked or len(sources) != 1 or len(targets) != 1:
            kept.append(relation)
            continue
        if relation.kind == "Inference":
            role = SUPPORT
        else:
            role = UNDERCUT if targets[0] in kinds else REBUT
        folded[relation.iri] = Edge(sources[0], targets[0], role, relation.iri)
    edges = [e for e in argument.edges if e.source not in folded and e.target not in folded]
    edges += folded.values()
    edges = sorted(edges, key=lambda e: (e.source, e.target, e.role))
    return replace(argument, relations=tuple(kept), edges=tuple(edges))
