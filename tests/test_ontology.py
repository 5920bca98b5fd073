"""The ontology: an OWL 2 ontology with a version, every term labelled and defined, and the kinds the code knows."""

from __future__ import annotations

import pytest
from rdflib import OWL, RDF, RDFS, Graph, URIRef
from rdflib.namespace import SKOS

from argmap.model.vocab import ARG, CLAIM_KINDS, ONTOLOGY_IRI


@pytest.fixture(scope="module")
def ontology(repository) -> Graph:
    return Graph().parse(repository / "ontology" / "argmap.ttl")


def declared_terms(ontology: Graph):
    kinds = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)
    return sorted({s for k in kinds for s in ontology.subjects(RDF.type, k) if isinstance(s, URIRef)})


def test_ontology_has_an_iri_and_a_version_iri(ontology):
    assert (URIRef(ONTOLOGY_IRI), RDF.type, OWL.Ontology) in ontology
    assert ontology.value(URIRef(ONTOLOGY_IRI), OWL.versionIRI) is not None


def test_ontology_imports_nothing_so_nothing_is_fetched(ontology):
    assert list(ontology.objects(None, OWL.imports)) == []


def test_every_class_and_property_has_a_label_and_a_definition(ontology):
    missing = [
        term for term in declared_terms(ontology)
        if ontology.value(term, RDFS.label) is None
        or (ontology.value(term, SKOS.definition) is None and ontology.value(term, RDFS.comment) is None)
    ]
    assert missing == []


def test_claim_kinds_in_the_code_are_the_ontology_subclasses_of_claim(ontology):
    direct = {str(s).removeprefix(str(ARG)) for s in ontology.subjects(RDFS.subClassOf, ARG.Claim)}
    assert direct == set(CLAIM_KINDS)


def test_domain_layer_has_states_agreements_threats_events_disputes_and_policies(ontology):
    for term in ("State", "Person", "Organisation", "Agreement", "SecurityAgreement", "Alliance",
                 "Threat", "WeaponsProgramme", "RisingPower", "Event", "Dispute", "Policy"):
        assert (ARG[term], RDF.type, OWL.Class) in ontology, term
    for term in ("partyTo", "faces", "poses", "alliedWith", "disputesWith", "leads"):
        assert (ARG[term], RDF.type, OWL.ObjectProperty) in ontology, term
