"""Importing and exporting Argdown: the .argdown file and the JSON `argdown json` made of it give the same map,
no Node is needed, bad input is an error with its line, and an import keeps what the front matter says."""

import json
from pathlib import Path

import pytest
from rdflib import RDF, Graph, Namespace
from rdflib.compare import to_isomorphic
from rdflib.namespace import DCTERMS

from argmap import find_project, load
from argmap.errors import ParseError
from argmap.exchange.formats import argdown
from argmap.exchange.formats.common import ReadOptions, map_nodes
from argmap.model.vocab import ARG, SRC

CORPUS = Path(__file__).parent / "corpora" / "argdown"
GOLDEN = sorted((CORPUS / "cli-1.7.5-json").glob("*.json"))
INVALID = ["argvu-demo", "argdown-plus-primer", "argdown-plus-quickstart"]
OPTIONS = ReadOptions(namespace=Namespace("https://w3id.org/argmap/source/test#"), default_kind=ARG.FactualClaim)


def _without_the_source(graph: Graph) -> Graph:
    """The map alone: the JSON has no front matter, so it names no source or author."""
    kept = Graph()
    described = set(graph.subjects(RDF.type, ARG.Source)) | set(graph.objects(None, DCTERMS.creator))
    for triple in graph:
        if triple[0] not in described:
            kept.add(triple)
    return kept


@pytest.mark.parametrize("path", GOLDEN, ids=lambda p: p.stem)
def test_argdowns_json_of_a_file_imports_as_the_file_itself_does(path):
    from_json = argdown.read(path.read_text(encoding="utf-8"), OPTIONS).graph
    from_file = argdown.read((CORPUS / f"{path.stem}.argdown").read_text(encoding="utf-8"), OPTIONS).graph
    assert to_isomorphic(_without_the_source(from_json)) == to_isomorphic(_without_the_source(from_file))


def test_an_argdown_file_imports_without_node(monkeypatch):
    monkeypatch.setenv("PATH", "")
    imported = argdown.read((CORPUS / "parser-arguments.argdown").read_text(encoding="utf-8"), OPTIONS)
    assert imported.counts == {"statements": 10, "arguments": 4, "support": 2, "attack": 1}


@pytest.mark.parametrize("name", INVALID)
def test_invalid_argdown_is_an_error_with_line_and_column(name):
    with pytest.raises(ParseError, match=r"Argdown syntax error at line \d+, column \d+"):
        argdown.read((CORPUS / f"{name}.argdown").read_text(encoding="utf-8"), OPTIONS)


@pytest.mark.parametrize("text, match", [
    ('{"statements": {}, "arguments": {}, "relations": [', "not valid Argdown JSON"),
    ('{"statements": [], "arguments": {}}', "expected an object with statements, arguments and relations"),
    ('{"statements": {}, "arguments": {}, "relations": [{"relationType": "support", "from": "A", '
     '"fromType": "equivalence-class", "to": "B", "toType": "equivalence-class"}]}', "relation 1 .* names a statement"),
])
def test_json_that_is_not_argdowns_is_an_error_saying_what_is_wrong(text, match):
    with pytest.raises(ParseError, match=match):
        argdown.read(text, OPTIONS)


def test_an_import_keeps_the_title_and_author_the_front_matter_gives(mini, argmap_cli, tmp_path):
    path = tmp_path / "cats.argdown"
    path.write_text("===\ntitle: On Cats\nauthor: Jane Doe\n===\n\n[Cats]: Cats are good pets. #thesis\n"
                    "    <+ [Calm]: Cats are calm.\n", encoding="utf-8")
    done = argmap_cli("import", "--format", "argdown", path, "--source", "cats", "-C", mini.root)
    assert done.returncode == 0, done.stderr
    graph = Graph().parse(mini.root / "claims" / "cats.ttl")
    source = next(graph.subjects(RDF.type, ARG.Source))
    assert [str(t) for t in graph.objects(source, DCTERMS.title)] == ["On Cats"]
    assert [str(c).rsplit("/", 1)[-1] for c in graph.objects(source, DCTERMS.creator)] == ["jane-doe"]
    assert len(map_nodes(graph)[0]) == 2


def test_the_export_of_the_whole_shipped_data_reads_back_to_the_same_graph(repository):
    from argmap.exchange.maps import claims_graph, export_map

    loaded = load(find_project(repository))
    exported = export_map(loaded, "argdown")
    slug = exported.split("source: ", 1)[1].split("\n", 1)[0].strip('"')
    options = ReadOptions(namespace=Namespace(f"https://w3id.org/argmap/source/{slug}#"), source=SRC[slug],
                          schemes=loaded.schemes)
    back = argdown.read(exported, options).graph
    shipped = claims_graph(loaded) - loaded.schemes
    assert to_isomorphic(back) == to_isomorphic(shipped)


def test_an_empty_map_exports_as_an_argdown_document():
    assert argdown.write(Graph(), argdown.WriteOptions()) == "# argmap\n"


@pytest.mark.parametrize("text, line, match", [
    ("[A]: a\n\n[B]: b {id: 'two words'}\n", 3, "the id 'two words' is not a name"),
    ("[A]: a {id: x}\n\n[B]: b {id: x}\n", 3, "two nodes have the id 'x'"),
    ("===\nlanguage: [en]\n===\n\n[A]: a\n", 1, "is not a language tag"),
    ("===\nentities: {x: 5}\n===\n\n[A]: a\n", 1, "entity x is not a mapping"),
    ("[A]: a\n\n[B]: b {kind: maybe}\n", 3, "kind 'maybe' of 'B' is not a kind of claim"),
    ("[A]: a {relations: [{type: restatement, to: Nowhere}]}\n", 1, "no statement is titled 'Nowhere'"),
    ("[A]: a\n\n<X>: x {rdf: {'not a property': 1}}\n\n(1) [A]\n----\n(2) [B]: b\n", 3, "'not a property' is not a property"),
    ("<X>\n\n(1) [A]: a\n-- {uses: [3]} --\n(2) [B]: b\n", 5, "uses: names 3"),
])
def test_a_bad_argdown_document_is_an_error_at_its_line(text, line, match):
    with pytest.raises(ParseError, match=match) as raised:
        argdown.read(text, OPTIONS)
    assert raised.value.line == line
