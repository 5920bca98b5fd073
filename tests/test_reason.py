"""`reason`: HermiT finds the ontology and the data consistent, and reports a contradiction by name."""

from __future__ import annotations

import shutil

import pytest
from rdflib import RDF

from argmap import Inconsistent, find_project, load, reason
from argmap.model.vocab import ARG, ENT

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


@pytest.fixture(scope="module")
def article_reasoned(repository):
    """The shipped data, reasoned over once by each reasoner: (asserted union, HermiT's result, owlrl's result)."""
    loaded = load(find_project(repository))
    return loaded.union(), reason(loaded, "hermit"), reason(loaded, "owlrl")


def normalised(asserted, inferred):
    """What a reasoner concluded about individuals, in a form both reasoners share.

    HermiT reports only the most specific types and one direction of each
    inverse pair; OWL 2 RL rules report the whole closure. So: every named
    type closed under the ontology's superclasses (told, and the named parts of
    defined classes), and every property value written with the property an
    inverse was declared against.
    """
    from rdflib import OWL, RDFS, URIRef
    from rdflib.collection import Collection

    graph = asserted + inferred.graph
    classes = set(asserted.subjects(RDF.type, OWL.Class))
    properties = set(asserted.subjects(RDF.type, OWL.ObjectProperty))
    individuals = {s for s in graph.subjects() if isinstance(s, URIRef) and str(s).startswith(("https://w3id.org/argmap/source/", "https://w3id.org/argmap/entity/"))}

    def parents(cls):
        found = [p for p in asserted.objects(cls, RDFS.subClassOf) if isinstance(p, URIRef)]
        for definition in asserted.objects(cls, OWL.equivalentClass):
            members = asserted.value(definition, OWL.intersectionOf)
            found += [m for m in Collection(asserted, members) if isinstance(m, URIRef)] if members is not None else []
        return found

    types = set()
    for individual in individuals:
        queue = [c for c in graph.objects(individual, RDF.type) if c in classes]
        closed = set()
        while queue:
            cls = queue.pop()
            if cls not in closed:
                closed.add(cls)
                queue += parents(cls)
        types |= {(individual, cls) for cls in closed}
    inverse = dict(asserted.subject_objects(OWL.inverseOf))
    values = {(o, inverse[p], s) if p in inverse else (s, p, o)
              for s, p, o in graph if p in properties and s in individuals and o in individuals}
    return types, values


def test_hermit_and_the_rules_fallback_agree_on_the_shipped_data(article_reasoned):
    asserted, hermit, rules = article_reasoned
    hermit_types, hermit_values = normalised(asserted, hermit)
    rules_types, rules_values = normalised(asserted, rules)
    assert hermit_types == rules_types
    assert hermit_values == rules_values
    assert len(hermit_values) > len({t for t in asserted if t[1] in {p for _, p, _ in hermit_values}})  # something was inferred


def local(graph, subject_objects):
    return sorted((graph.qname(s), graph.qname(o)) for s, o in subject_objects if s != o)


@pytest.mark.parametrize("which", [1, 2], ids=["hermit", "owlrl"])
def test_allies_of_allies_tie_seoul_and_tokyo_through_washington(article_reasoned, which):
    graph = article_reasoned[which].graph
    pairs = local(graph, graph.subject_objects(ARG.allyOfAlly))
    assert ("ent:japan", "ent:south-korea") in pairs and ("ent:south-korea", "ent:australia") in pairs
    assert (ENT["japan"], ARG.alliedWith, ENT["south-korea"]) not in article_reasoned[0] + graph  # allies of allies, not allies


@pytest.mark.parametrize("which", [1, 2], ids=["hermit", "owlrl"])
def test_gsomia_makes_seoul_and_tokyo_security_partners(article_reasoned, which):
    graph = article_reasoned[which].graph
    assert local(graph, graph.subject_objects(ARG.securityPartnerOf)) == [("ent:japan", "ent:south-korea"), ("ent:south-korea", "ent:japan")]


@pytest.mark.parametrize("which", [1, 2], ids=["hermit", "owlrl"])
def test_states_facing_a_threat_and_who_threatens_them(article_reasoned, which):
    graph = article_reasoned[which].graph
    assert sorted(graph.qname(s) for s in graph.subjects(RDF.type, ARG.FacingState)) == ["ent:japan", "ent:south-korea", "ent:united-states"]
    assert ("ent:south-korea", "ent:north-korea") in local(graph, graph.subject_objects(ARG.threatenedBy))


@pytest.mark.parametrize("which", [1, 2], ids=["hermit", "owlrl"])
def test_the_thesis_rests_on_a_prediction(article_reasoned, which):
    graph = article_reasoned[which].graph
    resting = {graph.qname(s) for s in graph.subjects(RDF.type, ARG.RestsOnPrediction)}
    assert "bsj:freeze-disrupts-us-alliances" in resting
    assert "bsj:ties-in-deep-freeze" not in resting  # rests on facts and judgements only


@pytest.mark.parametrize("which", [1, 2], ids=["hermit", "owlrl"])
def test_recommendations_addressed_to_a_state_facing_a_threat(article_reasoned, which):
    graph = article_reasoned[which].graph
    assert sorted(graph.qname(s) for s in graph.subjects(RDF.type, ARG.RecommendationToFacingState)) == [
        "blk:keep-working-through-trilateral-dialogues",  # to the United States, which faces China's rise
        "bsj:aim-to-stop-gap-widening", "bsj:shift-to-common-strategic-vision",
        "bsj:unity-needed-for-us-influence", "bsj:us-australia-should-engage-both",
        "eng:allies-must-keep-coordinating", "eng:leaders-should-resolve-differences",
        "eng:three-should-counter-north-korea-together",
    ]  # not blk:world-should-commend-achievement: the international community is no state


def test_inferred_triples_go_into_the_dataset_as_a_named_graph(mini):
    from argmap.reasoning.reason import add_inferred
    from argmap.model.vocab import INFERRED_GRAPH

    loaded = load(find_project(mini.root))
    inferred = reason(loaded)
    add_inferred(loaded, inferred)
    assert set(loaded.dataset.graph(INFERRED_GRAPH)) == set(inferred.graph)


def test_two_conclusions_of_disjoint_kinds_are_explained_through_functionality(mini):
    mini.replace("arg:premise d:blue ;", "arg:premise d:blue ;\n    arg:conclusion d:blue ;")
    loaded = load(find_project(mini.root))
    with pytest.raises(Inconsistent) as raised:
        reason(loaded, "hermit")
    assert "d:inf-blue has two values of arg:conclusion, which the ontology declares functional" in str(raised.value)
