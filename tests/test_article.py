"""The first article's argument: complete, connected, and about the entities an analyst asks about."""

from __future__ import annotations

import pytest
from rdflib import RDF, RDFS, URIRef
from rdflib.namespace import DCTERMS

from argmap import find_project, load
from argmap.drawing.mapdata import argument_map
from argmap.model.vocab import ARG, ENT, GRAPH, SRC

SOURCE = SRC["butcher-sk-japan-freeze"]


@pytest.fixture(scope="module")
def loaded(repository):
    return load(find_project(repository))


@pytest.fixture(scope="module")
def graph(loaded):
    return loaded.union()


@pytest.fixture(scope="module")
def argument(loaded):
    """The map of this article alone: the claims and relations its own file holds."""
    return argument_map(loaded.dataset.graph(GRAPH["butcher-sk-japan-freeze"]))


def test_article_has_forty_claims_or_more(argument):
    assert len(argument.claims) >= 40


def test_article_has_one_thesis_and_every_other_kind(argument):
    kinds = [c.kind for c in argument.claims]
    assert kinds.count("Thesis") == 1
    for kind in ("FactualClaim", "Judgement", "Prediction", "Recommendation", "Concession"):
        assert kind in kinds


def test_source_is_described_with_title_author_and_stated_affiliation(graph):
    assert str(graph.value(SOURCE, DCTERMS.title)).startswith("South Korea—Japan Diplomatic Freeze")
    author = graph.value(SOURCE, DCTERMS.creator)
    assert str(graph.value(author, RDFS.label)) == "Jack Butcher"
    assert "University of Adelaide" in str(graph.value(author, ARG.statedAffiliation))


def test_every_claim_takes_part_in_a_support_or_an_attack(argument):
    connected = {e.source for e in argument.edges} | {e.target for e in argument.edges}
    assert [c.name for c in argument.claims if c.iri not in connected] == []


def test_the_thesis_and_every_recommendation_are_reached_by_support(argument):
    concluded = {e.target for e in argument.edges if e.role == "conclusion"}
    for claim in argument.claims:
        if claim.kind in ("Thesis", "Recommendation"):
            assert claim.iri in concluded, claim.name


def test_the_concession_is_answered(loaded):
    graph = loaded.dataset.graph(GRAPH["butcher-sk-japan-freeze"])
    concessions = set(graph.subjects(RDF.type, ARG.Concession))
    attacks_by_concessions = {c for c in graph.subjects(ARG.attacker, None) if graph.value(c, ARG.attacker) in concessions}
    assert attacks_by_concessions
    answered = {graph.value(c, ARG.target) for c in graph.subjects(RDF.type, ARG.Undercut)}
    assert attacks_by_concessions & answered


def test_predictions_include_gsomia_and_exploitation_by_north_korea_and_china(graph):
    predictions = {p for p in graph.subjects(RDF.type, ARG.Prediction) if str(p).startswith(str(SOURCE))}
    about = {e for p in predictions for e in graph.objects(p, ARG.about)}
    assert {ENT.gsomia, ENT["north-korea"], ENT.china} <= about


def test_recommendations_name_who_should_act_and_what_to_do(graph):
    recommendations = {r for r in graph.subjects(RDF.type, ARG.Recommendation) if str(r).startswith(str(SOURCE))}
    addressees = {a for r in recommendations for a in graph.objects(r, ARG.addressee)}
    assert {ENT["united-states"], ENT.australia, ENT["south-korea"], ENT.japan} <= addressees
    assert all(graph.value(r, ARG.recommendedAction) for r in recommendations)


@pytest.mark.parametrize("name", [
    "south-korea", "japan", "united-states", "china", "north-korea", "australia",
    "moon-jae-in", "donald-trump", "gsomia", "trilateral-statement-2012", "joint-naval-exercises",
    "us-alliance-network", "expanded-g7-summit", "north-korea-nuclear-programme", "rise-of-china",
    "liancourt-rocks-dispute", "japanese-colonisation-of-korea", "gsomia-termination-attempt-2019",
    "gsomia-reinstatement-2019",
])
def test_entity_is_described_and_some_claim_is_about_it(graph, name):
    entity = URIRef(ENT[name])
    assert graph.value(entity, RDFS.label) is not None
    assert graph.value(entity, RDF.type) is not None
    assert any(graph.subjects(ARG.about, entity)), f"no claim is about {name}"


def test_domain_relations_say_who_faces_what_and_who_is_allied(graph):
    assert (ENT.japan, ARG.faces, ENT["north-korea-nuclear-programme"]) in graph
    assert (ENT["south-korea"], ARG.partyTo, ENT.gsomia) in graph
    allied = set(graph.objects(ENT["united-states"], ARG.alliedWith)) | set(graph.subjects(ARG.alliedWith, ENT["united-states"]))
    assert {ENT.japan, ENT["south-korea"]} <= allied


def test_labels_and_comments_are_in_our_own_words(graph, repository):
    text = (repository / "claims" / "sources" / "butcher-sk-japan-freeze.txt").read_text()
    words = text.lower().split()
    runs = {" ".join(words[i:i + 7]) for i in range(len(words) - 6)}
    copied = []
    for subject, predicate, value in graph.triples((None, None, None)):
        if predicate in (RDFS.label, RDFS.comment) and str(subject).startswith(str(SOURCE)):
            mine = str(value).lower().split()
            if any(" ".join(mine[i:i + 7]) in runs for i in range(len(mine) - 6)):
                copied.append((str(subject), str(value)))
    assert copied == []
