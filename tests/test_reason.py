"""`reason`: HermiT finds the ontology and the data consistent, and reports a contradiction by name."""

from __future__ import annotations

import shutil

import pytest
from rdflib import RDF

from argmap import Inconsistent, find_project, load, reason
from argmap.vocab import ARG, ENT

pytestmark = pytest.mark.skipif(shutil.which("java") is None, reason="HermiT needs a Java runtime")


def test_article_is_consistent_with_the_ontology(repository):
    inferred = reason(load(find_project(repository)))
    assert inferred.reasoner == "HermiT"


def test_reasoner_infers_the_roles_claims_play(mini):
    inferred = reason(load(find_project(mini.root)))
    d = "https://w3id.org/argmap/source/doc#"
    assert (d + "blue", ARG.Premise) in {(str(s), o) for s, o in inferred.graph.subject_objects(RDF.type)}
    assert (d + "go-out", ARG.Conclusion) in {(str(s), o) for s, o in inferred.graph.subject_objects(RDF.type)}


def test_inferred_triples_are_apart_from_asserted_ones(mini):
    loaded = load(find_project(mini.root))
    inferred = reason(loaded)
    union = loaded.union()
    assert len(inferred.graph) > 0
    assert not any(triple in union for triple in inferred.graph)


def test_contradictory_individual_is_reported_as_inconsistency(mini):
    mini.append(
        "ent:sky-treaty a arg:State , arg:Agreement ;\n"
        '    rdfs:label "Sky treaty"@en ;\n'
        '    rdfs:comment "Both a state and an agreement, which cannot be."@en .\n'
    )
    with pytest.raises(Inconsistent) as raised:
        reason(load(find_project(mini.root)))
    message = str(raised.value)
    assert "ent:sky-treaty is both arg:Actor" in message or "ent:sky-treaty is both arg:Agreement" in message
    assert "which the ontology declares disjoint" in message
    assert raised.value.exit_code == 1


def test_inconsistency_through_a_property_range_is_explained(mini):
    # arg:faces points at a threat: facing a person makes the person a threat, which no actor can be
    mini.append("ent:sky2 a arg:State ; rdfs:label \"Sky land\"@en ; rdfs:comment \"A state.\"@en ; arg:faces ent:someone .\n")
    with pytest.raises(Inconsistent) as raised:
        reason(load(find_project(mini.root)))
    assert "ent:someone is both" in str(raised.value)
    assert "value of arg:faces" in str(raised.value)


def test_without_java_the_rules_reasoner_finds_the_same_roles(mini):
    loaded = load(find_project(mini.root))
    rules = reason(loaded, "owlrl")
    hermit = reason(loaded, "hermit")
    roles = lambda graph: {(s, o) for s, o in graph.subject_objects(RDF.type) if o in (ARG.Premise, ARG.Conclusion)}  # noqa: E731
    assert roles(rules.graph) == roles(hermit.graph) != set()


def test_rules_reasoner_reports_the_same_contradiction(mini):
    mini.append('ent:odd a arg:State , arg:Agreement ; rdfs:label "Odd"@en ; rdfs:comment "Both."@en .\n')
    with pytest.raises(Inconsistent) as raised:
        reason(load(find_project(mini.root)), "owlrl")
    assert "ent:odd is both" in str(raised.value)


def test_auto_says_when_it_falls_back_to_rules(mini, monkeypatch):
    monkeypatch.setenv("PATH", "/nonexistent")
    inferred = reason(load(find_project(mini.root)))
    assert inferred.reasoner == "OWL 2 RL (owlrl)"
    assert "no Java runtime" in inferred.note
