"""The namespaces argmap uses, and the one place prefixes are bound."""

from __future__ import annotations

from rdflib import Graph, Namespace
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

ARG = Namespace("https://w3id.org/argmap/ontology#")
ENT = Namespace("https://w3id.org/argmap/entity/")
SRC = Namespace("https://w3id.org/argmap/source/")
GRAPH = Namespace("https://w3id.org/argmap/graph/")
OA = Namespace("http://www.w3.org/ns/oa#")
#: The catalogue of argumentation schemes (ontology/schemes.ttl): schemes, premise roles, critical questions.
SCHEME = Namespace("https://w3id.org/argmap/scheme/")

ONTOLOGY_IRI = "https://w3id.org/argmap/ontology"
ONTOLOGY_GRAPH = GRAPH["ontology"]
INFERRED_GRAPH = GRAPH["inferred"]
SCHEMES_GRAPH = GRAPH["schemes"]
#: Where `argmap eval` writes each node's arg:status (and build, the grounded one).
STATUS_GRAPH = GRAPH["status"]

PREFIXES = {
    "arg": ARG,
    "dcterms": DCTERMS,
    "ent": ENT,
    "oa": OA,
    "owl": OWL,
    "prov": PROV,
    "rdf": RDF,
    "rdfs": RDFS,
    "scheme": SCHEME,
    "skos": SKOS,
    "src": SRC,
    "xsd": XSD,
}

CLAIM_KINDS = ("Thesis", "FactualClaim", "Judgement", "Prediction", "Recommendation", "Concession")


def bind_prefixes(graph: Graph, extra: dict[str, str] | None = None) -> Graph:
    """Bind argmap's prefixes (and a source's own) so output carries only prefixes we chose."""
    for prefix, namespace in sorted({**PREFIXES, **(extra or {})}.items()):
        graph.bind(prefix, namespace, override=True, replace=True)
    return graph


def source_namespace(slug: str) -> Namespace:
    """The namespace of the claims and relations of the source named `slug`."""
    return Namespace(f"{SRC}{slug}#")


def prefixed_name(graph: Graph, node) -> str:
    """A node as a prefixed name (bsj:thesis) where one of the graph's prefixes fits, else the full IRI."""
    try:
        return graph.namespace_manager.normalizeUri(node)
    except Exception:  # rdflib raises on IRIs it cannot split into prefix and name
        return str(node)
