"""The argument map of a dataset as plain data: claims, relation nodes and the edges between them.

Needs: a graph holding ontology and claims. Gives: an ArgumentMap, sorted so
that the same data always gives the same map. Does not: draw (that is `draw`).
"""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import RDF, RDFS, Graph, URIRef
from rdflib.namespace import DCTERMS, SKOS

from ..checks.schemes import critical_questions
from ..model.vocab import ARG, CLAIM_KINDS, OA, prefixed_name


@dataclass(frozen=True)
class ClaimNode:
    iri: str
    name: str
    kind: str
    label: str
    comment: str
    quote: str
    source: str
    about: tuple[tuple[str, str], ...]
    implicit: bool


@dataclass(frozen=True)
class RelationNode:
    iri: str
    name: str
    kind: str  # Inference, Rebuttal or Undercut
    label: str
    note: str
    scheme: str = ""  # the name of the argumentation scheme it instantiates
    questions: tuple[tuple[str, str], ...] = ()  # each critical question of the scheme, and its status


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    role: str  # premise, conclusion, attacker, target; on a drawn map also support, rebut, undercut
    relation: str = ""  # on a drawn map: the relation node this edge stands for


@dataclass(frozen=True)
class EntityNode:
    iri: str
    name: str
    kind: str  # the most specific domain class, such as State or SecurityAgreement
    label: str
    comment: str


@dataclass(frozen=True)
class ArgumentMap:
    claims: tuple[ClaimNode, ...]
    relations: tuple[RelationNode, ...]
    edges: tuple[Edge, ...]
    entities: tuple[EntityNode, ...] = ()
    #: on an entity's page, the entity every claim is about: drawn as the page's subject, with no about-edges to it
    subject: str = ""


def _text(graph: Graph, node, predicate) -> str:
    value = graph.value(node, predicate)
    return str(value) if value is not None else ""


def _kind(graph: Graph, node, kinds) -> str:
    found = sorted(k for k in kinds if (node, RDF.type, ARG[k]) in graph)
    return found[0] if found else "Claim"


def argument_map(graph: Graph) -> ArgumentMap:
    """Every claim, inference and conflict in `graph`, with the edges that connect them."""
    claims = []
    claim_iris = {s for k in CLAIM_KINDS + ("Claim",) for s in graph.subjects(RDF.type, ARG[k])}
    for claim in sorted(c for c in claim_iris if isinstance(c, URIRef)):
        anchor = graph.value(claim, ARG.anchor)
        selector = graph.value(anchor, OA.hasSelector) if anchor is not None else None
        source = graph.value(anchor, OA.hasSource) if anchor is not None else None
        about = sorted((str(e), _text(graph, e, RDFS.label) or prefixed_name(graph, e)) for e in graph.objects(claim, ARG.about))
        claims.append(ClaimNode(
            iri=str(claim),
            name=prefixed_name(graph, claim),
            kind=_kind(graph, claim, CLAIM_KINDS),
            label=_text(graph, claim, RDFS.label) or prefixed_name(graph, claim),
            comment=_text(graph, claim, RDFS.comment),
            quote=_text(graph, selector, OA.exact) if selector is not None else "",
            source=_text(graph, source, DCTERMS.title) if source is not None else "",
            about=tuple(about),
            implicit=graph.value(claim, ARG.implicit) is not None and bool(graph.value(claim, ARG.implicit).toPython()),
        ))
    relations, edges = [], []
    kinds = ("Inference", "Rebuttal", "Undercut")
    relation_iris = {s for k in kinds + ("Conflict",) for s in graph.subjects(RDF.type, ARG[k])}
    for relation in sorted(r for r in relation_iris if isinstance(r, URIRef)):
        kind = _kind(graph, relation, kinds)
        relations.append(RelationNode(
            iri=str(relation),
            name=prefixed_name(graph, relation),
            kind=kind,
            label=_text(graph, relation, RDFS.label),
            note=_text(graph, relation, SKOS.note),
            scheme=_text(graph, graph.value(relation, ARG.scheme), SKOS.prefLabel) if graph.value(relation, ARG.scheme) else "",
            questions=critical_questions(graph, relation),
        ))
        for premise in graph.objects(relation, ARG.premise):
            edges.append(Edge(str(premise), str(relation), "premise"))
        for conclusion in graph.objects(relation, ARG.conclusion):
            edges.append(Edge(str(relation), str(conclusion), "conclusion"))
        for attacker in graph.objects(relation, ARG.attacker):
            edges.append(Edge(str(attacker), str(relation), "attacker"))
        for target in graph.objects(relation, ARG.target):
            edges.append(Edge(str(relation), str(target), "target"))
    return ArgumentMap(tuple(claims), tuple(relations), tuple(sorted(edges, key=lambda e: (e.source, e.target, e.role))))


def details(argument: ArgumentMap, style: dict, contexts: dict | None = None) -> dict:
    """What the side panel shows for each node: the claim in full, its quote in context, its supports and attacks."""
    contexts = contexts or {}
    claims = {c.iri: c for c in argument.claims}
    relations = {r.iri: r for r in argument.relations}
    label = {**{i: c.label for i, c in claims.items()}, **{i: (r.label or r.name) for i, r in relations.items()}}
    into: dict[str, list[Edge]] = {}
    out_of: dict[str, list[Edge]] = {}
    for edge in argument.edges:
        into.setdefault(edge.target, []).append(edge)
        out_of.setdefault(edge.source, []).append(edge)

    def ends(relation: str, role: str) -> list[str]:
        return [e.source for e in into.get(relation, ()) if e.role == role] + [
            e.target for e in out_of.get(relation, ()) if e.role == role
        ]

    result = {}
    for claim in argument.claims:
        supports, attacks, supported_by, attacked_by = [], [], [], []
        for edge in out_of.get(claim.iri, ()):
            if edge.role == "premise":
                supports += [label[t] for t in ends(edge.target, "conclusion")]
            elif edge.role == "attacker":
                attacks += [label[t] for t in ends(edge.target, "target")]
        for edge in into.get(claim.iri, ()):
            if edge.role == "conclusion":
                supported_by += [label[p] for p in ends(edge.source, "premise")]
            elif edge.role == "target":
                attacked_by += [label[a] for a in ends(edge.source, "attacker")]
        result[claim.iri] = {
            "name": claim.name,
            "kind": style["nodes"].get(claim.kind, style["nodes"]["Claim"])["title"]
            + (" (unstated)" if claim.implicit else ""),
            "label": claim.label,
            "comment": claim.comment,
            "quote": claim.quote,
            "context": list(contexts[claim.iri]) if claim.iri in contexts else None,
            "source": claim.source,
            "about": [name for _, name in claim.about],
            "about_ids": [iri for iri, _ in claim.about],
            "supports": sorted(supports),
            "supported_by": sorted(supported_by),
            "attacks": sorted(attacks),
            "attacked_by": sorted(attacked_by),
        }
    for relation in argument.relations:
        result[relation.iri] = {
            "name": relation.name,
            "kind": style["nodes"][relation.kind]["title"],
            "label": relation.label or relation.kind,
            "comment": "",
            "note": relation.note,
            "premises": sorted(label[p] for p in ends(relation.iri, "premise") + ends(relation.iri, "attacker")),
            "supports": sorted(label[c] for c in ends(relation.iri, "conclusion")),
            "attacks": sorted(label[t] for t in ends(relation.iri, "target")),
            "scheme": relation.scheme,
            "questions": [f"{text} — {status}" for text, status in relation.questions],
        }
    return result


def entity_nodes(graph: Graph) -> dict[str, EntityNode]:
    """Every domain entity in `graph` (ontology included), by IRI, with its most specific class."""
    classes = set(graph.transitive_subjects(RDFS.subClassOf, ARG.DomainEntity))
    supers = {c: set(graph.transitive_objects(c, RDFS.subClassOf)) - {c} for c in classes}
    found = {}
    for entity in sorted({s for c in classes for s in graph.subjects(RDF.type, c) if isinstance(s, URIRef)}):
        types = {t for t in graph.objects(entity, RDF.type) if t in classes}
        specific = [t for t in types if not any(t in supers[u] for u in types)]
        kind = min((str(t).removeprefix(str(ARG)) for t in specific), default="DomainEntity")
        found[str(entity)] = EntityNode(str(entity), prefixed_name(graph, entity), kind,
                                        _text(graph, entity, RDFS.label) or prefixed_name(graph, entity),
                                        _text(graph, entity, RDFS.comment))
    return found


def domain_edges(graph: Graph, entities: dict[str, EntityNode]) -> list[Edge]:
    """The relations between domain entities, named by their property's label (party to, faces, allied with, …)."""
    edges = []
    for s, p, o in graph:
        if str(s) in entities and str(o) in entities and str(p).startswith(str(ARG)):
            edges.append(Edge(str(s), str(o), _text(graph, p, RDFS.label) or str(p).removeprefix(str(ARG))))
    return sorted(edges, key=lambda e: (e.source, e.target, e.role))
