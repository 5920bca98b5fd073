"""write.py: claims Turtle in the house style, appended so that a diff shows only the addition."""

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS

from argmap import find_project, load
from argmap.model.vocab import ARG
from argmap.editing.write import BASE_PREFIXES, Turtle, append_blocks

BSJ = "https://w3id.org/argmap/source/butcher-sk-japan-freeze#"


def test_a_claim_is_rendered_exactly_as_the_hand_written_file_has_it(repository):
    loaded = load(find_project(repository))
    graph = loaded.union()
    block = Turtle(graph, {**BASE_PREFIXES, "bsj": BSJ}).block(URIRef(BSJ + "und-tension-answers-alignment"))
    assert block in (repository / "claims" / "butcher-sk-japan-freeze.ttl").read_text(encoding="utf-8")


def test_appending_keeps_every_existing_byte_and_adds_one_block(mini):
    before = mini.claims.read_text(encoding="utf-8")
    graph = Graph()
    claim = URIRef("https://w3id.org/argmap/source/doc#new")
    graph.add((claim, RDF.type, ARG.Judgement))
    graph.add((claim, RDFS.label, Literal("New", lang="en")))
    after = append_blocks(mini.claims, graph, [claim], BASE_PREFIXES)
    assert after.startswith(before.rstrip("\n"))
    assert after.endswith('\n\nd:new a arg:Judgement ;\n    rdfs:label "New"@en .\n')


def test_strings_with_quotes_and_line_breaks_are_escaped():
    graph = Graph()
    node = URIRef("https://w3id.org/argmap/entity/x")
    graph.add((node, RDFS.comment, Literal('say "hi"\nthen \\ go')))
    block = Turtle(graph, BASE_PREFIXES).block(node)
    assert Graph().parse(data="@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n@prefix ent: <https://w3id.org/argmap/entity/> .\n" + block,
                         format="turtle").value(node, RDFS.comment) == Literal('say "hi"\nthen \\ go')
