"""Quality checks as queries (queries/checks/*-violation.rq): each, on a small broken input, makes `argmap check`
report a located problem with the check's fix; on the article, none finds anything."""

from __future__ import annotations

from pathlib import Path

import pytest

from argmap import check, find_project, load
from argmap.sparql.library import catalogue

REPOSITORY = Path(__file__).resolve().parent.parent
CHECKS = sorted((REPOSITORY / "queries" / "checks").glob("*.rq"))

CLAIM = 'rdfs:comment "Said in a test."@en ; arg:about ent:sky ; arg:implicit true'
#: check name → (edit to the small project, the subjects the check must report)
BROKEN = {
    "isolated-claim-violation": (
        ("append", f'd:lonely a arg:FactualClaim ; rdfs:label "Alone"@en ; {CLAIM} .'), {"d:lonely"}),
    "unsupported-thesis-violation": (
        ("append", f'd:second a arg:Thesis ; rdfs:label "A second thesis"@en ; {CLAIM} .\n'
                   "d:reb-second a arg:Rebuttal ; arg:attacker d:rain ; arg:target d:second ."), {"d:second"}),
    "duplicate-claim-label-violation": (
        ("replace", 'rdfs:label "Rain is coming"@en', 'rdfs:label "The sky is blue"@en'), {"d:blue", "d:rain"}),
    "self-attack-violation": (
        ("append", "d:reb-self a arg:Rebuttal ; arg:attacker d:rain ; arg:target d:rain ."), {"d:reb-self"}),
    "duplicate-inference-violation": (
        ("append", "d:inf-blue-again a arg:Inference ; arg:premise d:blue ; arg:conclusion d:go-out ."), {"d:inf-blue-again"}),
    "implicit-claim-with-anchor-violation": (
        ("replace", 'rdfs:label "Rain is coming"@en ;', 'rdfs:label "Rain is coming"@en ; arg:implicit true ;'), {"d:rain"}),
    "duplicate-quote-violation": (
        ("append", 'd:rain-again a arg:Prediction ; rdfs:label "Showers ahead"@en ; rdfs:comment "Rain."@en ;\n'
                   "    arg:about ent:sky ;\n"
                   '    arg:anchor [ a oa:SpecificResource ; oa:hasSource src:doc ;\n'
                   '        oa:hasSelector [ a oa:TextQuoteSelector ; oa:exact "Rain is coming." ] ] .\n'
                   "d:reb-again a arg:Rebuttal ; arg:attacker d:rain-again ; arg:target d:go-out ."), {"d:rain", "d:rain-again"}),
    "unattributed-link-violation": (
        ("file", "links.ttl",
         "@prefix arg: <https://w3id.org/argmap/ontology#> .\n"
         "@prefix d: <https://w3id.org/argmap/source/doc#> .\n"
         "@prefix prov: <http://www.w3.org/ns/prov#> .\n"
         "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n\n"
         "d:inf-rain-again a arg:Inference ; arg:premise d:rain ; arg:conclusion d:blue ;\n"
         '    prov:generatedAtTime "2024-01-01T00:00:00"^^xsd:dateTime .\n'), {"d:inf-rain-again"}),
}


def test_every_check_has_a_title_a_fix_and_a_broken_example(repository):
    checks = catalogue(find_project(repository), checks=True)
    assert [q.name for q in checks] == sorted(BROKEN)
    assert all(q.title and q.fix for q in checks)


def test_no_check_finds_anything_in_the_article(repository):
    report = check(load(find_project(repository)))
    assert report.conforms, report.text()


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_check_reports_each_offending_node_where_it_is_written_with_the_fix(name, mini):
    edit, subjects = BROKEN[name]
    written = mini.claims
    if edit[0] == "append":
        mini.append(edit[1])
    elif edit[0] == "file":  # a claims file of its own, such as relations recorded apart from any source
        written = mini.root / "claims" / edit[1]
        written.write_text(edit[2], encoding="utf-8")
    else:
        mini.replace(edit[1], edit[2])
    query = next(q for q in catalogue(find_project(mini.root), checks=True) if q.name == name)
    found = check(load(find_project(mini.root))).problems
    problems = [p for p in found if p.message.startswith(query.title)]
    assert len(problems) == len(found), "the broken example should break only this check"
    assert {p.subject for p in problems} == subjects
    lines = written.read_text(encoding="utf-8").splitlines()
    for problem in problems:
        assert problem.path == f"claims/{written.name}"
        assert lines[problem.line - 1].startswith(f"{problem.subject} a ")
        assert problem.fix == query.fix


def test_claims_quoting_the_same_words_of_two_sources_are_not_duplicates(mini):
    (mini.root / "claims" / "sources" / "doc2.txt").write_text("A second text. Rain is coming.\n", encoding="utf-8")
    mini.append('src:doc2 a arg:Source ; dcterms:title "A second document" ; dcterms:creator ent:someone ;\n'
                '    dcterms:identifier "doc2" ; arg:textFile "sources/doc2.txt" .\n'
                'd:rain-elsewhere a arg:Prediction ; rdfs:label "Showers ahead"@en ; rdfs:comment "Rain."@en ;\n'
                "    arg:about ent:sky ;\n"
                '    arg:anchor [ a oa:SpecificResource ; oa:hasSource src:doc2 ;\n'
                '        oa:hasSelector [ a oa:TextQuoteSelector ; oa:exact "Rain is coming." ] ] .\n'
                "d:reb-elsewhere a arg:Rebuttal ; arg:attacker d:rain-elsewhere ; arg:target d:go-out .")
    report = check(load(find_project(mini.root)))
    assert report.conforms, report.text()


def test_claim_labels_differing_only_in_case_are_duplicates(mini):
    mini.replace('rdfs:label "Rain is coming"@en', 'rdfs:label "the SKY is blue"@en')
    found = check(load(find_project(mini.root))).problems
    assert {p.subject for p in found if p.message.startswith("claim has the same label")} == {"d:blue", "d:rain"}
