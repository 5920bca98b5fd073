"""Relations between sources (claims/cross-source.ttl): a file of their own, checked like any relation."""

from __future__ import annotations

import shutil

import pytest
from rdflib import RDF, URIRef

from argmap import check, find_project, load
from argmap.model.vocab import ARG, GRAPH

LINKS = "claims/cross-source.ttl"
XS = "https://w3id.org/argmap/cross-source#"


@pytest.fixture
def corpus(repository, tmp_path):
    """A copy of the shipped ontology and claims that a test may break."""
    shutil.copytree(repository / "ontology", tmp_path / "ontology")
    shutil.copytree(repository / "claims", tmp_path / "claims")
    return tmp_path


def edit(root, old: str, new: str) -> None:
    path = root / LINKS
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(root, text: str) -> int:
    return next(n for n, line in enumerate((root / LINKS).read_text(encoding="utf-8").splitlines(), 1) if text in line)


def test_the_links_load_into_a_named_graph_of_their_own_that_describes_no_source(repository):
    loaded = load(find_project(repository))
    links = loaded.dataset.graph(GRAPH["cross-source"])
    assert (URIRef(XS + "res-seoul-leaves-gsomia"), RDF.type, ARG.Restatement) in links
    assert not list(links.subjects(RDF.type, ARG.Source))


def test_every_link_joins_claims_of_two_different_sources(repository):
    loaded = load(find_project(repository))
    union = loaded.union()
    source_of = {}
    for graph in loaded.dataset.graphs():
        if (None, RDF.type, ARG.Source) in graph:
            source_of.update({s: graph.identifier for s in graph.subjects(RDF.type, None) if s not in source_of})

    def sources(node) -> set:
        """The sources a node's claims come from: its own, or those of the ends of the relation it is."""
        if node in source_of:
            return {source_of[node]}
        ends = [o for p in (ARG.fromClaim, ARG.toClaim, ARG.premise, ARG.conclusion, ARG.attacker, ARG.target)
                for o in union.objects(node, p)]
        return set().union(*map(sources, ends)) if ends else set()

    links = loaded.dataset.graph(GRAPH["cross-source"])
    relations = {s for s in links.subjects(RDF.type, None)
                 if any((s, p, None) in links for p in (ARG.fromClaim, ARG.premise, ARG.attacker))}
    assert len(relations) == 11
    assert all(len(sources(relation)) >= 2 for relation in relations)


def test_a_link_to_a_claim_that_does_not_exist_is_reported_where_it_is_written(corpus):
    edit(corpus, "arg:toClaim bsj:sk-moved-to-end-gsomia-2019 ;", "arg:toClaim bsj:sk-moved-to-end-gsomia ;")
    problems = check(load(find_project(corpus))).problems
    found = [p for p in problems if "bsj:sk-moved-to-end-gsomia, which is not defined anywhere" in p.message]
    assert [(p.path, p.subject) for p in found] == [(LINKS, "xs:res-seoul-leaves-gsomia")]
    assert found[0].line == line_of(corpus, "arg:toClaim bsj:sk-moved-to-end-gsomia ;")


def test_an_inference_across_sources_with_a_misspelt_premise_is_reported(corpus):
    edit(corpus, "arg:premise eng:history-not-kept-apart-from-security ;", "arg:premise eng:history-kept-apart ;")
    messages = [(p.subject, p.message) for p in check(load(find_project(corpus))).problems]
    assert ("xs:inf-engel-sees-history-in-policy", "refers to eng:history-kept-apart, which is not defined anywhere") in messages


def test_a_claim_restating_itself_is_reported(corpus):
    edit(corpus, "arg:toClaim blk:rok-japan-most-important-allies ;", "arg:toClaim bsj:sk-japan-vital-to-us-objectives ;")
    problems = check(load(find_project(corpus))).problems
    assert [(p.subject, p.message) for p in problems] == [
        ("xs:res-most-valuable-allies", "relation between claims relates a claim to itself")]


def test_a_restatement_of_something_that_is_not_a_claim_is_reported(corpus):
    edit(corpus, "arg:fromClaim bsj:sk-japan-vital-to-us-objectives ;", "arg:fromClaim ent:japan ;")
    edit(corpus, "@prefix eng:", "@prefix ent:     <https://w3id.org/argmap/entity/> .\n@prefix eng:")
    messages = {p.message for p in check(load(find_project(corpus))).problems}
    assert "relation between claims does not start from exactly one claim" in messages


def test_a_relation_between_claims_of_no_known_kind_is_reported(corpus):
    edit(corpus, "xs:res-most-valuable-allies a arg:Restatement ;", "xs:res-most-valuable-allies a arg:ClaimRelation ;")
    problems = check(load(find_project(corpus))).problems
    assert [(p.subject, p.message) for p in problems] == [
        ("xs:res-most-valuable-allies", "relation between claims is of no known kind")]


def test_a_link_that_does_not_say_who_made_it_is_reported(corpus):
    edit(corpus, """    arg:target bsj:historical-disputes-intractable ;
    skos:note "Butcher's advice rests on the unstated premise that the historical quarrels cannot be settled any time soon; less than three years later the two governments announced that they had concluded their discussions of them."@en ;
    prov:wasAttributedTo agent:argmap-maintainers ;""", """    arg:target bsj:historical-disputes-intractable ;""")
    problems = check(load(find_project(corpus))).problems
    assert [(p.subject, p.message) for p in problems] == [
        ("xs:reb-settlement-against-intractability",
         "relation recorded apart from any source says not who linked the claims, or when (no prov:wasAttributedTo)")]
