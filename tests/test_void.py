"""The dataset's VoID and DCAT description: generated from the data, in every export, served at /.well-known/void."""

from __future__ import annotations

import json

import httpx
import pyoxigraph as ox
import pytest
from rdflib import Dataset, Graph, Literal, Namespace, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import DCTERMS, RDF, SKOS

from argmap import export, find_project, load
from argmap.serving.serve import Server, Settings
from argmap.sparql.engines import OxigraphEngine, RdflibEngine, to_rdflib
from argmap.sparql.void import DATASET, VOID_GRAPH, common_space, describe, void_text

VOID = Namespace("http://rdfs.org/ns/void#")
DCAT = Namespace("http://www.w3.org/ns/dcat#")
GRAPHS = Namespace("https://w3id.org/argmap/graph/")
WIKIDATA = "http://www.wikidata.org/entity/"


def as_graph(triples) -> Graph:
    graph = Graph()
    for t in triples.triples:
        graph.add((to_rdflib(t.subject), to_rdflib(t.predicate), to_rdflib(t.object)))
    return graph


@pytest.fixture(scope="module")
def shipped(repository):
    return find_project(repository)


@pytest.fixture(scope="module")
def engine(shipped):
    return OxigraphEngine.from_project(shipped)


@pytest.fixture(scope="module")
def description(engine) -> Graph:
    return as_graph(describe(engine))


def value(graph: Graph, subject, predicate):
    found = list(graph.objects(URIRef(subject) if isinstance(subject, str) else subject, predicate))
    assert len(found) == 1, (subject, predicate, found)
    return found[0].toPython() if isinstance(found[0], Literal) else found[0]


# --- what the description says -----------------------------------------------------------------------------------


def test_the_dataset_counts_the_triples_and_iris_of_the_data(engine, description):
    triples = len({(q.subject, q.predicate, q.object) for q in engine.store.quads_for_pattern(None, None, None)})
    assert value(description, DATASET, VOID.triples) == triples
    assert (URIRef(DATASET), RDF.type, DCAT.Dataset) in description
    assert value(description, DATASET, VOID.uriSpace) == "https://w3id.org/argmap/"


def test_each_named_graph_is_a_subset_named_by_the_graph_with_its_own_count(engine, description):
    subsets = set(description.objects(URIRef(DATASET), VOID.subset))
    for name in engine.graphs:
        assert URIRef(name) in subsets
        count = sum(1 for _ in engine.store.quads_for_pattern(None, None, None, ox.NamedNode(name)))
        assert value(description, name, VOID.triples) == count


def test_every_iri_of_a_subset_starts_with_its_uri_space(engine, description):
    for subset, space in description.subject_objects(VOID.uriSpace):
        if str(subset).startswith(str(GRAPHS)):
            subjects = {q.subject.value for q in engine.store.quads_for_pattern(None, None, None, ox.NamedNode(str(subset)))
                        if isinstance(q.subject, ox.NamedNode)}
            assert subjects and all(s.startswith(str(space)) for s in subjects), subset


def test_the_exact_match_links_to_wikidata_are_one_linkset_with_their_count(repository, description):
    entities = Graph().parse(repository / "claims" / "entities.ttl")
    links = [o for o in entities.objects(None, SKOS.exactMatch) if str(o).startswith(WIKIDATA)]
    (linkset,) = description.subjects(VOID.linkPredicate, SKOS.exactMatch)
    assert (URIRef(DATASET), VOID.subset, linkset) in description
    assert value(description, linkset, VOID.triples) == len(links) == 7
    assert value(description, linkset, VOID.subjectsTarget) == GRAPHS["entities"]
    assert value(description, value(description, linkset, VOID.objectsTarget), VOID.uriSpace) == WIKIDATA


def test_each_source_has_its_licence_and_where_its_text_came_from(description):
    src = Namespace("https://w3id.org/argmap/source/")
    public_domain = URIRef("https://creativecommons.org/publicdomain/mark/1.0/")
    for slug in ("engel-gsomia-decision", "blinken-rok-japan-announcements"):
        assert value(description, GRAPHS[slug], DCTERMS.source) == src[slug]
        assert value(description, src[slug], DCTERMS.license) == public_domain
        assert str(value(description, src[slug], DCTERMS.source)).startswith("https://")
    assert (src["butcher-sk-japan-freeze"], DCTERMS.license, None) not in description  # the data records none
    assert value(description, GRAPHS["ontology"], DCTERMS.license) == URIRef("https://creativecommons.org/licenses/by/4.0/")


def test_oxigraph_and_rdflib_describe_the_data_alike(shipped, engine):
    assert void_text(engine) == void_text(RdflibEngine.from_project(shipped))


def test_a_same_as_link_to_another_namespace_gets_a_linkset_of_its_own(mini):
    mini.append("ent:sky <http://www.w3.org/2002/07/owl#sameAs> <http://dbpedia.org/resource/Sky> .\n")
    description = as_graph(describe(OxigraphEngine.from_project(find_project(mini.root))))
    (linkset,) = description.subjects(VOID.linkPredicate, URIRef("http://www.w3.org/2002/07/owl#sameAs"))
    assert value(description, linkset, VOID.subjectsTarget) == GRAPHS["doc"]
    assert value(description, value(description, linkset, VOID.objectsTarget), VOID.uriSpace) == "http://dbpedia.org/resource/"


def test_links_inside_the_dataset_are_no_linkset(mini):
    mini.append("ent:sky <http://www.w3.org/2004/02/skos/core#closeMatch> <https://w3id.org/argmap/entity/heaven> .\n")
    description = as_graph(describe(OxigraphEngine.from_project(find_project(mini.root))))
    assert not list(description.subjects(RDF.type, VOID.Linkset))


def test_the_uri_space_is_the_longest_shared_namespace_and_names_a_host():
    assert common_space({"https://w3id.org/argmap/entity/", "https://w3id.org/argmap/source/a#"}) == "https://w3id.org/argmap/"
    assert common_space({"https://w3id.org/argmap/entity/"}) == "https://w3id.org/argmap/entity/"
    assert common_space({"http://purl.org/dc/terms/", "https://w3id.org/argmap/"}) is None


def test_the_description_is_the_same_bytes_every_time(engine):
    assert void_text(engine, "turtle") == void_text(engine, "turtle")
    assert void_text(engine, "jsonld") == void_text(engine, "jsonld")


# --- in the export -----------------------------------------------------------------------------------------------


def test_every_export_carries_the_description_in_a_graph_of_its_own(shipped, engine):
    loaded = load(shipped)
    dataset = Dataset().parse(data=export(loaded, "trig"), format="trig")
    assert isomorphic(dataset.graph(URIRef(VOID_GRAPH)), as_graph(describe(engine)))
    merged = Graph().parse(data=export(loaded, "ttl"), format="turtle")
    assert (URIRef(DATASET), RDF.type, VOID.Dataset) in merged
    document = json.loads(export(loaded, "jsonld"))
    assert VOID_GRAPH in {node.get("@id") for node in document["@graph"]}


def test_an_exported_description_has_no_endpoint(description):
    assert (URIRef(DATASET), VOID.sparqlEndpoint, None) not in description


# --- served ------------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def server(shipped, tmp_path_factory):
    pages = tmp_path_factory.mktemp("pages")
    (pages / "index.html").write_text("<!DOCTYPE html><title>pages</title>", encoding="utf-8")
    with Server(shipped, pages, Settings(port=0, timeout=20)) as running:
        yield running


def test_the_well_known_void_names_the_servers_own_endpoint(server):
    answer = httpx.get(f"{server.url}/.well-known/void", timeout=60)
    assert answer.status_code == 200 and answer.headers["content-type"].startswith("text/turtle")
    served = Graph().parse(data=answer.text, format="turtle")
    endpoint = URIRef(f"{server.url}/sparql")
    assert value(served, DATASET, VOID.sparqlEndpoint) == endpoint
    assert value(served, endpoint, DCAT.endpointURL) == endpoint
    distribution = value(served, DATASET, DCAT.distribution)
    assert value(served, distribution, DCAT.accessService) == endpoint


def test_the_endpoint_the_description_names_answers_a_join_on_wikidata_ids(server):
    served = Graph().parse(data=httpx.get(f"{server.url}/.well-known/void", timeout=60).text, format="turtle")
    endpoint = str(value(served, DATASET, VOID.sparqlEndpoint))
    (linkset,) = served.subjects(VOID.linkPredicate, SKOS.exactMatch)
    query = (f"SELECT ?entity WHERE {{ ?entity <{value(served, linkset, VOID.linkPredicate)}> ?item . "
             f"FILTER(STRSTARTS(STR(?item), \"{value(served, value(served, linkset, VOID.objectsTarget), VOID.uriSpace)}\")) }}")
    answer = httpx.get(endpoint, params={"query": query}, headers={"Accept": "application/sparql-results+json"}, timeout=60)
    assert answer.status_code == 200
    assert len(answer.json()["results"]["bindings"]) == value(served, linkset, VOID.triples)


def test_the_well_known_void_is_json_ld_when_asked(server):
    answer = httpx.get(f"{server.url}/.well-known/void", headers={"Accept": "application/ld+json"}, timeout=60)
    assert answer.status_code == 200 and answer.headers["content-type"].startswith("application/ld+json")
    graph = Graph().parse(data=answer.text, format="json-ld")
    assert (URIRef(DATASET), RDF.type, VOID.Dataset) in graph


def test_the_well_known_void_refuses_what_it_cannot_write(server):
    answer = httpx.get(f"{server.url}/.well-known/void", headers={"Accept": "text/html"}, timeout=60)
    assert answer.status_code == 406


def test_head_of_the_well_known_void_has_no_body(server):
    answer = httpx.head(f"{server.url}/.well-known/void", timeout=60)
    assert answer.status_code == 200 and answer.content == b""
