"""The nodes of an argument graph by type: claims of any kind, inferences, conflicts."""

from __future__ import annotations

from rdflib import RDF, Graph, URIRef

from .vocab import ARG, CLAIM_KINDS

KINDS = {ARG[k] for k in CLAIM_KINDS}
CONFLICT_TYPES = {ARG.Conflict, ARG.Rebuttal, ARG.Undercut}


def conflict_type(graph: Graph, target) -> URIRef:
    """A conflict on a claim is a rebuttal; on an inference or another conflict, an undercut."""
    if target is None:
        return ARG.Rebuttal
    types = set(graph.objects(target, RDF.type))
    return ARG.Undercut if types & ({ARG.Inference} | CONFLICT_TYPES) else ARG.Rebuttal


def is_claim(graph: Graph, node) -> bool:
    return bool(set(graph.objects(node, RDF.type)) & (KINDS | {ARG.Claim}))


def map_nodes(graph: Graph) -> tuple[list, list, list]:
    """The claims, inferences and conflicts of a graph, each list in IRI order."""
    claims = sorted({s for s in graph.subjects(RDF.type, None) if is_claim(graph, s)}, key=str)
    inferences = sorted(set(graph.subjects(RDF.type, ARG.Inference)), key=str)
    conflicts = sorted({s for t in CONFLICT_TYPES for s in graph.subjects(RDF.type, t)}, key=str)
    return claims, inferences, conflicts
