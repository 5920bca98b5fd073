"""AIF: every corpus map imports with its counts, export → import → export is stable, and xaif reads our export."""

import json
from collections import Counter
from pathlib import Path

import shutil

import pytest
from rdflib import RDF, Namespace

from argmap import find_project, load
from argmap.errors import ParseError
from argmap.exchange.maps import export_map, import_map
from argmap.model.vocab import ARG
from argmap.exchange.formats import aif
from argmap.exchange.formats.common import ReadOptions, WriteOptions, map_nodes

CORPUS = Path(__file__).parent / "corpora" / "aif"
MAPS = sorted(CORPUS.glob("*.json"))
OPTIONS = ReadOptions(namespace=Namespace("https://w3id.org/argmap/source/test#"))


def _nodes_and_edges(text):
    nodeset = aif.parse(text)
    return len(nodeset.nodes), len(nodeset.edges), sorted(n.type for n in nodeset.nodes)


def test_the_corpus_holds_all_37_maps():
    assert len(MAPS) == 37


@pytest.mark.parametrize("path", MAPS, ids=lambda p: p.stem)
def test_corpus_map_imports_keeping_its_nodes_and_edges(path):
    text = path.read_text(encoding="utf-8")
    document = json.loads(text, strict=False)
    body = document.get("AIF", document)
    imported = aif.read(text, OPTIONS)
    assert (imported.counts["nodes"], imported.counts["edges"]) == (len(body["nodes"]), len(body["edges"]))
    exported = aif.write(imported.graph, WriteOptions())
    assert _nodes_and_edges(exported) == (len(body["nodes"]), len(body["edges"]), sorted(n["type"] for n in body["nodes"]))


@pytest.mark.parametrize("path", MAPS, ids=lambda p: p.stem)
def test_corpus_map_export_import_export_is_identical(path):
    first = aif.write(aif.read(path.read_text(encoding="utf-8"), OPTIONS).graph, WriteOptions())
    assert aif.write(aif.read(first, OPTIONS).graph, WriteOptions()) == first


def test_an_undercut_of_an_inference_becomes_an_arg_undercut():
    graph = aif.read((CORPUS / "microtexts-nodeset6365.json").read_text(encoding="utf-8"), OPTIONS).graph
    undercuts = list(graph.subjects(RDF.type, ARG.Undercut))
    assert {graph.value(u, RDF.type) for u in undercuts} == {ARG.Undercut}
    assert {next(graph.objects(graph.value(u, ARG.target), RDF.type)) for u in undercuts} == {ARG.Inference, ARG.Undercut}


def test_araucaria_scheme_names_find_the_catalogue_scheme(repository):
    loaded = load(find_project(repository))
    options = ReadOptions(namespace=OPTIONS.namespace, schemes=loaded.schemes)
    graph = aif.read((CORPUS / "araucaria-nodeset9339.json").read_text(encoding="utf-8"), options).graph
    schemes = {str(o) for o in graph.objects(None, ARG.scheme)}
    assert schemes == {"https://w3id.org/argmap/scheme/expert-opinion"}


@pytest.fixture(scope="module")
def article_aif(first_article):
    return export_map(load(find_project(first_article)), "aif")


def test_the_article_exports_every_claim_with_its_quote_as_a_locution(article_aif, repository):
    nodeset = aif.parse(article_aif)
    types = [n.type for n in nodeset.nodes]
    assert types.count("I") == 54 and types.count("RA") == 38
    text = (repository / "claims" / "sources" / "butcher-sk-japan-freeze.txt").read_text(encoding="utf-8")
    spans = [(int(row["start"]), int(row["end"])) for row in nodeset.locutions.values()]
    quotes = {n.id: n.text for n in nodeset.nodes if n.type == "L"}
    assert all(text[a:b] == quotes[node] for node, (a, b) in zip(sorted(nodeset.locutions), spans))


def test_the_article_export_import_export_is_identical(article_aif, repository, tmp_path):
    shutil.copytree(repository / "ontology", tmp_path / "ontology")
    (tmp_path / "claims").mkdir()
    exported = tmp_path / "article.json"
    exported.write_text(article_aif, encoding="utf-8")
    import_map(find_project(tmp_path), "aif", exported, slug="article")
    assert export_map(load(find_project(tmp_path)), "aif") == article_aif


def test_the_article_export_loads_in_the_xaif_package(first_article):
    xaif = pytest.importorskip("xaif")
    for fmt, wrap in (("aif", lambda d: {"AIF": d}), ("xaif", lambda d: d)):
        document = wrap(json.loads(export_map(load(find_project(first_article)), fmt)))
        assert xaif.AIF(document).is_valid_json_aif()


@pytest.mark.parametrize("text, message", [
    ("", "not valid JSON"),
    ("[]", "the top level is a JSON list"),
    ('{"nodes": [], "edges": {}}', "`edges` is missing or not a list"),
    ('{"nodes": [{"nodeID": "1", "type": "Q"}], "edges": []}', "node 1 has type 'Q'"),
    ('{"nodes": [{"nodeID": "1", "type": "I"}], "edges": [{"fromID": "1", "toID": "9"}]}', "names node 9"),
])
def test_bad_aif_is_a_parse_error_that_says_what_is_wrong(text, message):
    with pytest.raises(ParseError, match=message.replace("(", r"\(").replace("[", r"\[")):
        aif.read(text, OPTIONS)


def test_the_article_export_names_each_inference_scheme_as_aifdb_does(article_aif):
    nodeset = aif.parse(article_aif)
    used = Counter((n.scheme, n.scheme_id) for n in nodeset.nodes if n.type == "RA")
    # the same counts `argmap query schemes-of-source` gives, under AIFdb's names and ids
    assert used == Counter({("CauseToEffect", "4"): 15, ("Consequences", "237"): 7, ("VerbalClassification", "31"): 6,
                            ("PracticalReasoning", "28"): 4, ("Example", "14"): 2, ("Sign", "30"): 2,
                            ("Commitment", "6"): 1, ("PositionToKnow", "26"): 1})


def test_argmap_to_aif_and_back_keeps_every_claims_kind_and_every_unstated_premise(article_aif, article):
    from argmap.model.nodes import KINDS
    from rdflib import Literal

    shipped = load(article).union()
    back = aif.read(article_aif, OPTIONS).graph

    def said(graph):
        claims = map_nodes(graph)[0]
        return sorted((str(c).rsplit("#", 1)[-1], tuple(sorted(str(k) for k in set(graph.objects(c, RDF.type)) & KINDS)),
                       (c, ARG.implicit, Literal(True)) in graph) for c in claims)

    assert said(back) == said(shipped)
    assert sum(implicit for _, _, implicit in said(back)) == 2


def test_what_argmap_adds_to_an_aif_node_leaves_it_valid_aif(article_aif):
    xaif = pytest.importorskip("xaif")
    document = json.loads(article_aif)
    assert any("argmap" in node for node in document["nodes"])
    assert xaif.AIF({"AIF": document}).is_valid_json_aif()
