"""The dataset described for others: a VoID and DCAT description, generated from the data, saying how to join it.

Needs: an engine holding the project (Oxigraph or rdflib), and where the
SPARQL endpoint is when the data is served. Gives: the description as
triples (for the named graph VOID_GRAPH of `argmap export`), or as Turtle or
JSON-LD (for `/.well-known/void` of `argmap serve`). Does not: read
anything but the loaded data, or fetch anything; nothing in it is kept by
hand.

What it says (VoID, W3C Interest Group Note 2011; DCAT 2, W3C 2020), each
from the queries in `description/`:

* the dataset (DATASET, a `void:Dataset` and `dcat:Dataset`): its triples and
  the IRIs it describes, the namespace they all start with (`void:uriSpace`),
  the vocabularies its properties and classes come from, the sources it is
  derived from (`dcterms:source`), and, when served, its SPARQL endpoint
  (`void:sparqlEndpoint`, and a `dcat:DataService` behind a `dcat:Distribution`);
* one subset per named graph (a claims file, the ontology, the schemes),
  named by the graph's own IRI so that `GRAPH <subset>` queries it: its
  triples, its namespace, the source it maps (`dcterms:source`) or the
  licence of the ontology it holds, its theses as example resources;
* each source mapped, as its file describes it: title, author, date, licence
  (`dcterms:license`) and where its text came from (`dcterms:source`);
* one `void:Linkset` per link predicate (owl:sameAs, skos:exactMatch,
  skos:closeMatch) and namespace linked into from outside the dataset's own:
  the skos:exactMatch links to Wikidata's items, with their count, the
  subset that holds them and the target's `void:uriSpace`, which is what a
  join needs.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from .library import parse_query
from .results import Triples, write_graph

DATASET = "https://w3id.org/argmap/dataset"
#: The named graph `argmap export` writes the description into.
VOID_GRAPH = "https://w3id.org/argmap/graph/void"
QUERIES = Path(__file__).resolve().parent / "description"
VOID = "http://rdfs.org/ns/void#"
DCAT = "http://www.w3.org/ns/dcat#"
DCTERMS = "http://purl.org/dc/terms/"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
XSD_INTEGER = "http://www.w3.org/2001/XMLSchema#integer"
#: The prefixes the description is written with, beside the project's own.
PREFIXES = {"void": VOID, "dcat": DCAT, "graph": "https://w3id.org/argmap/graph/"}
SPARQL_PROTOCOL = "https://www.w3.org/TR/sparql11-protocol/"


def describe(engine, endpoint: str | None = None) -> Triples:
    """The VoID and DCAT description of the data the engine holds; with `endpoint`, where it is served."""
    out: set = set()
    add = lambda s, p, o: out.add(ox.Triple(_iri(s), _iri(p), o if isinstance(o, (ox.Literal, ox.NamedNode)) else _iri(o)))  # noqa: E731
    dataset = DATASET
    for kind in ("void:Dataset", "dcat:Dataset"):
        add(dataset, RDF_TYPE, _expand(kind))
    totals = _rows(engine, "totals")[0]
    add(dataset, VOID + "triples", totals["triples"])
    add(dataset, VOID + "entities", totals["entities"])
    subjects: dict[str, set] = {}
    for row in _rows(engine, "subjects"):
        subjects.setdefault(row["graph"].value, set()).add(namespace(row["subject"].value))
    spaces = {graph: common_space(found) for graph, found in subjects.items()}
    own = common_space({s for s in spaces.values() if s})
    if own:
        add(dataset, VOID + "uriSpace", ox.Literal(own))
    for space in sorted({namespace(row["term"].value) for row in _rows(engine, "terms")}):
        add(dataset, VOID + "vocabulary", space)
    for row in _rows(engine, "graphs"):
        graph = row["graph"].value
        add(dataset, VOID + "subset", graph)
        add(graph, RDF_TYPE, VOID + "Dataset")
        add(graph, VOID + "triples", row["triples"])
        add(graph, VOID + "entities", row["entities"])
        if spaces.get(graph):
            add(graph, VOID + "uriSpace", ox.Literal(spaces[graph]))
    titles = []
    for row in _rows(engine, "sources"):
        graph, source = row["graph"].value, row["source"].value
        add(graph, DCTERMS + "source", source)
        add(dataset, DCTERMS + "source", source)
        add(source, RDF_TYPE, "https://w3id.org/argmap/ontology#Source")
        add(source, row["property"].value, row["value"])
        if row["property"].value == DCTERMS + "title":
            titles.append(row["value"].value)
    for row in _rows(engine, "ontologies"):
        graph, ontology = row["graph"].value, row["ontology"].value
        add(dataset, VOID + "vocabulary", ontology)
        if row["property"].value == DCTERMS + "license":
            add(graph, DCTERMS + "license", row["value"])
    for row in _rows(engine, "theses"):
        add(row["graph"].value, VOID + "exampleResource", row["thesis"].value)
    if titles:
        add(dataset, DCTERMS + "title", ox.Literal(f"argmap: {len(titles)} source{'' if len(titles) == 1 else 's'}", language="en"))
        add(dataset, DCTERMS + "description", ox.Literal("Argument maps of " + "; ".join(sorted(titles)) + ", "
                                                        "and the relations between their claims", language="en"))
    _linksets(engine, own, add)
    if endpoint:
        _served(endpoint, add)
    return Triples(frozenset(out))


def _linksets(engine, own: str | None, add) -> None:
    """One void:Linkset for each link predicate, graph and namespace outside the dataset's own that it links into."""
    counts: dict[tuple[str, str, str], int] = {}
    for row in _rows(engine, "links"):
        target = namespace(row["target"].value)
        if own and target.startswith(own):
            continue
        key = (row["predicate"].value, row["graph"].value, target)
        counts[key] = counts.get(key, 0) + 1
    for (predicate, graph, target), count in sorted(counts.items()):
        where = target.split("://", 1)[-1]
        linkset = f"{DATASET}/links/{_local(predicate)}/{where}"
        linked = f"{DATASET}/linked/{where}"
        add(DATASET, VOID + "subset", linkset)
        add(linkset, RDF_TYPE, VOID + "Linkset")
        add(linkset, VOID + "linkPredicate", predicate)
        add(linkset, VOID + "subjectsTarget", graph)
        add(linkset, VOID + "objectsTarget", linked)
        add(linkset, VOID + "triples", ox.Literal(str(count), datatype=ox.NamedNode(XSD_INTEGER)))
        add(linked, RDF_TYPE, VOID + "Dataset")
        add(linked, VOID + "uriSpace", ox.Literal(target))


def _served(endpoint: str, add) -> None:
    """Where the dataset is served: its SPARQL endpoint, as VoID and as a DCAT distribution and data service."""
    add(DATASET, VOID + "sparqlEndpoint", endpoint)
    distribution = endpoint + "#distribution"
    add(DATASET, DCAT + "distribution", distribution)
    add(distribution, RDF_TYPE, DCAT + "Distribution")
    add(distribution, DCAT + "accessURL", endpoint)
    add(distribution, DCAT + "accessService", endpoint)
    add(endpoint, RDF_TYPE, DCAT + "DataService")
    add(endpoint, DCAT + "endpointURL", endpoint)
    add(endpoint, DCAT + "servesDataset", DATASET)
    add(endpoint, DCTERMS + "conformsTo", SPARQL_PROTOCOL)


def void_text(engine, fmt: str = "turtle", endpoint: str | None = None) -> str:
    """The description as Turtle or JSON-LD, with the project's prefixes and VoID's and DCAT's."""
    return write_graph(describe(engine, endpoint), fmt, {**engine.prefixes, **PREFIXES})


def namespace(iri: str) -> str:
    """An IRI up to and including its last `/` or `#`: the namespace its name is in."""
    cut = max(iri.rfind("/"), iri.rfind("#"))
    return iri[: cut + 1]


def common_space(spaces) -> str | None:
    """The longest start that all namespaces share, cut after a `/` or `#`; None when it names no host."""
    spaces = sorted(spaces)
    if not spaces:
        return None
    first, last = spaces[0], spaces[-1]
    length = 0
    while length < min(len(first), len(last)) and first[length] == last[length]:
        length += 1
    shared = namespace(first[:length])
    scheme, _, rest = shared.partition("://")
    return shared if scheme and "/" in rest and rest.split("/", 1)[0] else None


def _rows(engine, name: str) -> list[dict]:
    """The rows of one of the description's queries, each a dict of variable → pyoxigraph term."""
    path = QUERIES / f"{name}.rq"
    query = parse_query(path.read_text(encoding="utf-8"), name, path)
    table = engine.run(query.text, {}, path.name)
    return [{v: term for v, term in zip(table.variables, row) if term is not None} for row in table.rows]


def _iri(value) -> ox.NamedNode:
    return value if isinstance(value, ox.NamedNode) else ox.NamedNode(value)


def _expand(name: str) -> str:
    prefix, _, local = name.partition(":")
    return {"void": VOID, "dcat": DCAT}[prefix] + local


def _local(iri: str) -> str:
    return iri[len(namespace(iri)):]
