"""Argumentation schemes: the catalogue (ontology/schemes.ttl), the article's schemes, and check's advice."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest
from rdflib import RDF, Graph, URIRef
from rdflib.namespace import DCTERMS, SKOS

from argmap import check, find_project, load
from argmap.checks.schemes import scheme_named, schemes
from argmap.model.vocab import ARG, SCHEME, SCHEMES_GRAPH, source_namespace

CORPUS = Path(__file__).resolve().parent / "corpora" / "aif"

#: The 15 schemes the AIF corpus uses most (S-nodes, Default Inference/Conflict/Rephrase aside),
#: with every spelling AIFdb gives them there: counted by `corpus_scheme_counts` below.
CORPUS_SCHEMES = {
    "Example": {"Example"}, "Analogy": {"Analogy"}, "ExpertOpinion": {"ExpertOpinion", "Expert Opinion"},
    "VerbalClassification": {"VerbalClassification", "Verbal Classification"}, "Commitment": {"Commitment"},
    "PracticalReasoning": {"PracticalReasoning"},
    "ArgumentFromAuthority": {"ArgumentFromAuthority", "Argument From Authority"},
    "PopularOpinion": {"PopularOpinion", "Popular Opinion"}, "Sign": {"Sign"},
    "CorrelationToCause": {"CorrelationToCause", "Correlation To Cause"}, "CauseToEffect": {"CauseToEffect"},
    "Ad hominem": {"Ad hominem"}, "PositionToKnow": {"PositionToKnow"}, "ExceptionalCase": {"ExceptionalCase"},
    "FalsificationOfHypothesis": {"FalsificationOfHypothesis"},
}


@pytest.fixture(scope="module")
def catalogue(repository) -> Graph:
    return Graph().parse(repository / "ontology" / "schemes.ttl")


def corpus_scheme_counts() -> tuple[Counter, dict]:
    """How many S-nodes name each scheme, and how each is spelt, over every map of the corpus."""
    counts, spellings = Counter(), {}
    for path in sorted(CORPUS.glob("*.json")):
        aif = json.loads(path.read_text(encoding="utf-8"), strict=False)
        aif = aif.get("AIF", aif)
        for node in aif["nodes"]:
            names = [n for n in (node.get("scheme"), node.get("text")) if n and n not in ("RA", "CA", "MA", "PA")]
            if node.get("type") in ("RA", "CA", "MA", "PA") and names and not names[0].startswith("Default"):
                key = re.sub(r"\W", "", names[0]).casefold()
                counts[key] += 1
                spellings.setdefault(key, set()).update(names)
    return counts, spellings


def test_the_listed_corpus_schemes_are_the_ones_the_corpus_uses_most():
    counts, spellings = corpus_scheme_counts()
    fifteenth = sorted(counts.values(), reverse=True)[14]
    listed = {re.sub(r"\W", "", name).casefold(): names for name, names in CORPUS_SCHEMES.items()}
    assert {k for k, n in counts.items() if n > fifteenth} <= set(listed) <= set(counts)
    assert all(listed[k] <= spellings[k] for k in listed)


@pytest.mark.parametrize("name", sorted(CORPUS_SCHEMES))
def test_every_corpus_scheme_is_in_the_catalogue_under_each_aifdb_spelling(catalogue, name):
    labels = {str(label) for scheme in schemes(catalogue) for label in catalogue.objects(scheme, SKOS.altLabel)}
    assert CORPUS_SCHEMES[name] <= labels


def test_catalogue_holds_at_least_the_fifteen_corpus_schemes_and_those_the_article_needs(catalogue):
    named = {scheme_named(catalogue, name) for name in CORPUS_SCHEMES}
    assert None not in named and len(named) == 15
    for needed in ("practical-reasoning", "consequences", "cause-to-effect", "sign", "analogy", "expert-opinion"):
        assert (SCHEME[needed], RDF.type, ARG.Scheme) in catalogue


def test_every_scheme_has_a_definition_premise_roles_critical_questions_and_a_source(catalogue):
    for scheme in schemes(catalogue):
        assert catalogue.value(scheme, SKOS.prefLabel) and catalogue.value(scheme, SKOS.definition), scheme
        assert catalogue.value(scheme, DCTERMS.source), scheme
        roles = list(catalogue.objects(scheme, ARG.premiseRole))
        assert roles and all(catalogue.value(r, ARG.form) for r in roles), scheme
        questions = list(catalogue.objects(scheme, ARG.criticalQuestion))
        assert questions and all(catalogue.value(q, ARG.questionText) for q in questions), scheme


def test_critical_questions_are_numbered_from_one_within_their_scheme(catalogue):
    for scheme in schemes(catalogue):
        numbers = sorted(str(catalogue.value(q, SKOS.notation)) for q in catalogue.objects(scheme, ARG.criticalQuestion))
        assert numbers == [f"CQ{i}" for i in range(1, len(numbers) + 1)], scheme


def test_scheme_named_ignores_case_and_spacing_as_aifdb_varies_them(catalogue):
    assert scheme_named(catalogue, "Expert Opinion") == SCHEME["expert-opinion"]
    assert scheme_named(catalogue, "expertopinion") == SCHEME["expert-opinion"]
    assert scheme_named(catalogue, "Default Inference") is None


def test_catalogue_loads_into_a_named_graph_of_its_own(repository):
    loaded = load(find_project(repository))
    assert (SCHEME["sign"], RDF.type, ARG.Scheme) in loaded.dataset.graph(SCHEMES_GRAPH)
    assert SCHEMES_GRAPH not in {f.graph for f in loaded.claim_files}


def test_every_inference_of_the_article_names_a_scheme_of_the_catalogue(first_article):
    loaded = load(find_project(first_article))
    union = loaded.union()
    known = set(schemes(loaded.schemes))
    inferences = set(union.subjects(RDF.type, ARG.Inference))
    assert inferences and {i for i in inferences if union.value(i, ARG.scheme) not in known} == set()


def test_the_article_records_the_author_answering_the_concession_on_history(repository):
    union = load(find_project(repository)).union()
    bsj = source_namespace("butcher-sk-japan-freeze")
    record = union.value(None, ARG.questionOf, bsj["inf-history-keeps-tension-high"])
    assert union.value(record, ARG.question) == SCHEME["cause-to-effect-cq3"]
    assert union.value(record, ARG.raisedBy) == bsj["past-security-cooperation"]
    assert union.value(record, ARG.answeredBy) == bsj["bonds-now-in-doubt"]


def test_inference_without_a_scheme_is_advice_not_an_error(mini):
    mini.replace("    arg:scheme scheme:practical-reasoning ;\n", "")
    report = check(load(find_project(mini.root)))
    assert report.conforms and report.problems == ()
    [advice] = report.advice
    assert (advice.kind, advice.path, advice.line, advice.subject) == (
        "advice", "claims/doc.ttl", mini.line_of("d:inf-blue a arg:Inference"), "d:inf-blue")
    assert advice.message == "inference names no argumentation scheme"


def test_advice_is_printed_after_the_errors_with_its_marker(mini):
    mini.replace("    arg:scheme scheme:practical-reasoning ;\n", "")
    mini.replace('oa:exact "we should go out"', 'oa:exact "we shall go out"')
    lines = check(load(find_project(mini.root))).text().splitlines()
    assert lines[0].startswith("claims/doc.ttl:") and "quote does not occur" in lines[0]
    assert lines[1].startswith("advice: claims/doc.ttl:") and "d:inf-blue" in lines[1]
    assert lines[2] == "1 problem found (1 piece of advice)"


def test_check_exits_0_when_there_is_only_advice_and_json_lists_it_apart(mini, argmap_cli):
    mini.replace("    arg:scheme scheme:practical-reasoning ;\n", "")
    result = argmap_cli("check", "-C", mini.root, "--format", "json")
    report = json.loads(result.stdout)
    assert result.returncode == 0
    assert (report["conforms"], report["problems"]) == (True, [])
    assert [(a["kind"], a["subject"]) for a in report["advice"]] == [("advice", "d:inf-blue")]


def test_check_reports_a_scheme_missing_from_the_catalogue_with_file_line_and_nearest_names(mini):
    mini.replace("arg:scheme scheme:practical-reasoning ;", "arg:scheme scheme:practical-reasonning ;")
    [problem] = check(load(find_project(mini.root))).problems
    assert (problem.path, problem.line, problem.subject) == (
        "claims/doc.ttl", mini.line_of("scheme:practical-reasonning"), "d:inf-blue")
    assert problem.message == "names the scheme scheme:practical-reasonning, which is not in the scheme catalogue"
    assert "scheme:practical-reasoning" in problem.fix


def test_check_reports_an_answer_to_a_question_of_another_scheme(mini):
    mini.append(
        "d:cqa-blue a arg:CriticalQuestionAnswer ; arg:questionOf d:inf-blue ; "
        "arg:question scheme:expert-opinion-cq1 ; arg:answeredBy d:blue .\n"
    )
    [problem] = check(load(find_project(mini.root))).problems
    assert problem.subject == "d:cqa-blue"
    assert "not one of the scheme of the inference" in problem.message


def test_an_answer_to_a_question_of_the_inferences_scheme_conforms(mini):
    mini.append(
        "d:cqa-blue a arg:CriticalQuestionAnswer ; arg:questionOf d:inf-blue ; "
        "arg:question scheme:practical-reasoning-cq4 ; arg:raisedBy d:rain .\n"
    )
    assert check(load(find_project(mini.root))).problems == ()


def test_check_locates_a_flaw_in_the_catalogue_in_its_own_file(mini):
    path = mini.root / "ontology" / "schemes.ttl"
    mini.replace('    dcterms:source "Walton, Reed & Macagno 2008, Argumentation Schemes (Cambridge University Press), ch. 9, p. 329" .',
                 '    rdfs:seeAlso scheme:catalogue .', path=path)
    [problem] = check(load(find_project(mini.root))).problems
    assert (problem.path, problem.subject, problem.message) == ("ontology/schemes.ttl", "scheme:sign", "scheme names no source")
    assert problem.line == next(n for n, line in enumerate(path.read_text().splitlines(), 1) if line.startswith("scheme:sign a"))
