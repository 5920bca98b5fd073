"""Evaluation across sources: every source counted with the links between them, and `--reject-source`."""

from __future__ import annotations

import json

import pytest
from rdflib import Dataset, URIRef

from argmap.errors import InputError
from argmap.evaluation.evaluate import evaluate
from argmap.evaluation.justify import explain
from argmap.evaluation.structure import read_structure
from argmap.model.vocab import ARG, GRAPH, SRC, STATUS_GRAPH

PREFIXES = """@prefix arg: <https://w3id.org/argmap/ontology#> .
@prefix src: <https://w3id.org/argmap/source/> .
@prefix a: <https://w3id.org/argmap/source/a#> .
@prefix b: <https://w3id.org/argmap/source/b#> .
@prefix x: <https://w3id.org/argmap/links#> .
"""
ENGEL, BLINKEN, BUTCHER = "engel-gsomia-decision", "blinken-rok-japan-announcements", "butcher-sk-japan-freeze"


def two_sources(a: str, b: str, links: str = "") -> Dataset:
    """A dataset of three files: source a, source b, and the links between them (each a named graph)."""
    dataset = Dataset(default_union=False)
    for name, turtle in (("a", "src:a a arg:Source .\n" + a), ("b", "src:b a arg:Source .\n" + b), ("links", links)):
        dataset.graph(GRAPH[name]).parse(data=PREFIXES + turtle, format="turtle")
    return dataset


def statuses(evaluation, *names) -> dict:
    s = evaluation.structure
    found = {s.names[n]: n for n in [*s.nodes, *s.absent]}
    return {name: evaluation.status(found[name]) if found[name] in s.nodes else "not counted" for name in names}


# --- every source counted ----------------------------------------------------------------------------------------


def test_a_claim_its_source_asserts_stays_given_when_another_source_argues_for_it():
    # a:c is asserted by a without a reason; b's premise, attacked in b, supports it through a link
    data = two_sources("a:c a arg:Judgement .",
                       "b:p a arg:FactualClaim . b:q a arg:FactualClaim . b:k a arg:Rebuttal ; arg:attacker b:q ; arg:target b:p .",
                       "x:i a arg:Inference ; arg:premise b:p ; arg:conclusion a:c .")
    evaluation = evaluate(data)
    assert statuses(evaluation, "a:c", "b:p", "x:i") == {"a:c": "in", "b:p": "out", "x:i": "out"}


def test_a_claim_its_own_source_argues_for_needs_one_of_its_inferences():
    data = two_sources("a:p a arg:FactualClaim . a:c a arg:Judgement . a:i a arg:Inference ; arg:premise a:p ; arg:conclusion a:c .",
                       "b:q a arg:FactualClaim .",
                       "x:k a arg:Rebuttal ; arg:attacker b:q ; arg:target a:p .")
    assert statuses(evaluate(data), "a:c", "a:p") == {"a:c": "out", "a:p": "out"}


def test_without_files_a_claim_no_inference_concludes_is_the_only_given_one():
    from rdflib import Graph

    plain = Graph()  # the same three files, merged: nothing says which file records what
    for turtle in ("src:a a arg:Source . a:c a arg:Judgement .",
                   "src:b a arg:Source . b:p a arg:FactualClaim . b:q a arg:FactualClaim . "
                   "b:k a arg:Rebuttal ; arg:attacker b:q ; arg:target b:p .",
                   "x:i a arg:Inference ; arg:premise b:p ; arg:conclusion a:c ."):
        plain.parse(data=PREFIXES + turtle, format="turtle")
    assert read_structure(plain).origins == {}
    assert statuses(evaluate(plain), "a:c") == {"a:c": "out"}


def test_the_structure_knows_which_source_or_file_of_links_records_each_node():
    data = two_sources("a:c a arg:Judgement .", "b:p a arg:FactualClaim .",
                       "x:i a arg:Inference ; arg:premise b:p ; arg:conclusion a:c .")
    s = read_structure(data)
    assert dict(s.sources) == {"a": ("https://w3id.org/argmap/source/a",), "b": ("https://w3id.org/argmap/source/b",)}
    assert s.units == ("a", "b", "links")
    assert s.shown("https://w3id.org/argmap/links#i") == "x:i [links]"


def test_eval_counts_every_source_and_the_links_between_them(repository, argmap_cli):
    lines = argmap_cli("eval", "-C", repository).stdout.splitlines()
    assert lines[1] == (f"counted: 3 sources, {BLINKEN} (10 claims), {BUTCHER} (54) and {ENGEL} (15), "
                        "and the links between them in cross-source (4 supports, 5 attacks)")


def test_the_full_evaluation_lets_a_later_source_rebut_an_earlier_one(repository):
    from argmap import find_project, load

    evaluation = evaluate(load(find_project(repository)))
    assert statuses(evaluation, "bsj:historical-disputes-intractable", "xs:reb-settlement-against-intractability") == {
        "bsj:historical-disputes-intractable": "out", "xs:reb-settlement-against-intractability": "in"}


# --- setting a source aside --------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def shipped(repository):
    from argmap import find_project, load

    return load(find_project(repository))


def test_a_source_set_aside_leaves_its_claims_uncounted_not_out(shipped):
    evaluation = evaluate(shipped, set_aside=[BLINKEN])
    s = evaluation.structure
    blinken = [c for c in evaluation.baseline.structure.claims if c.startswith(str(SRC[BLINKEN]))]
    assert blinken and all(c in s.absent and c not in s.claims for c in blinken)
    assert evaluation.claim_counts()["out"] == 1  # only Engel's call falls; Blinken's claims are not counted as out


def test_without_the_settlement_butchers_premise_stands_and_undercuts_engels_call(shipped):
    evaluation = evaluate(shipped, set_aside=[BLINKEN])
    assert statuses(evaluation, "bsj:historical-disputes-intractable", "bsj:division-hampers-us-rallying-allies",
                    "eng:leaders-should-resolve-differences", "xs:reb-settlement-against-intractability") == {
        "bsj:historical-disputes-intractable": "in", "bsj:division-hampers-us-rallying-allies": "in",
        "eng:leaders-should-resolve-differences": "out", "xs:reb-settlement-against-intractability": "not counted"}


def test_a_claim_of_a_source_set_aside_still_counts_when_another_sources_argument_concludes_it(shipped):
    evaluation = evaluate(shipped, set_aside=[ENGEL])
    assert statuses(evaluation, "eng:three-should-counter-north-korea-together", "eng:decision-undermines-regional-security") == {
        "eng:three-should-counter-north-korea-together": "in", "eng:decision-undermines-regional-security": "not counted"}


def test_not_asserted_is_not_false(shipped):
    # Butcher set aside: his claim that GSOMIA is vital still stands on Engel's argument; rejected, it would be out
    aside = evaluate(shipped, set_aside=[BUTCHER])
    rejected = evaluate(shipped, reject=["bsj:gsomia-vital-for-intelligence-sharing"])
    assert statuses(aside, "bsj:gsomia-vital-for-intelligence-sharing") == {"bsj:gsomia-vital-for-intelligence-sharing": "in"}
    assert statuses(rejected, "bsj:gsomia-vital-for-intelligence-sharing") == {"bsj:gsomia-vital-for-intelligence-sharing": "out"}


def test_an_undercut_goes_with_the_inference_it_attacks_and_so_does_an_undercut_of_it(shipped):
    s = evaluate(shipped, set_aside=[ENGEL]).structure
    assert s.absent["https://w3id.org/argmap/cross-source#und-reversal-against-harm"] == (
        "conflict", "what it attacks, eng:inf-losing-shared-picture-weakens-security, is not counted")
    assert s.absent["https://w3id.org/argmap/cross-source#und-pact-still-at-risk"] == (
        "conflict", "what it attacks, xs:und-reversal-against-harm, is not counted")


def test_an_inference_that_needs_a_claim_of_a_source_set_aside_is_not_counted_and_its_conclusion_falls():
    data = two_sources("a:p a arg:FactualClaim . a:c a arg:Judgement . "
                       "a:i a arg:Inference ; arg:premise a:p , b:q ; arg:conclusion a:c .",
                       "b:q a arg:FactualClaim .")
    evaluation = evaluate(data, set_aside=["b"])
    assert statuses(evaluation, "a:c", "a:p", "a:i", "b:q") == {"a:c": "out", "a:p": "in", "a:i": "not counted", "b:q": "not counted"}
    assert evaluation.structure.absent["https://w3id.org/argmap/source/a#i"] == ("inference", "its premise b:q is not counted")
    assert explain(evaluation, "https://w3id.org/argmap/source/a#c") == (
        "a:c [a] is out: its source argues for it, and no inference for it is counted")


def test_setting_two_sources_aside_leaves_the_third_and_what_it_supports(shipped):
    evaluation = evaluate(shipped, set_aside=[ENGEL, BUTCHER])
    s = evaluation.structure
    assert {s.names[c] for c in s.claims if s.origins[c] != (BLINKEN,)} == {"eng:three-should-counter-north-korea-together"}
    assert evaluation.set_aside == (BUTCHER, ENGEL)
    assert all(evaluation.status(c) == "in" for c in s.claims)


def test_a_map_without_sources_cannot_set_one_aside():
    from rdflib import Graph

    with pytest.raises(InputError, match="does not say which source records what"):
        evaluate(Graph(), set_aside=["a"])


def test_a_claim_not_counted_cannot_be_rejected(shipped):
    with pytest.raises(InputError, match="is not counted once its source is set aside"):
        evaluate(shipped, set_aside=[ENGEL], reject=["eng:decision-undermines-regional-security"])


# --- what argmap eval prints -------------------------------------------------------------------------------------


def test_reject_source_names_what_is_counted_and_set_aside_and_what_changes(repository, argmap_cli):
    result = argmap_cli("eval", "-C", repository, "--reject-source", BLINKEN)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[1] == (f"counted: 2 sources, {BUTCHER} (54 claims) and {ENGEL} (15), "
                        "and the links between them in cross-source (3 of 4 supports, 3 of 5 attacks)")
    assert lines[2] == f"set aside: {BLINKEN} (10 claims, not asserted)"
    assert lines[3] == "against every source counted (79 claims, 77 in, 2 out, 0 undecided):"
    assert lines[4].split() == ["was", "now", "claim"]
    changed = {line[18:].split()[0]: (line[:5].strip(), line[5:18].strip()) for line in lines[5:9]}
    assert changed == {"blk:rok-japan-most-important-allies": ("in", "not counted"),
                       "bsj:division-hampers-us-rallying-allies": ("out", "in"),
                       "bsj:historical-disputes-intractable": ("out", "in"),
                       "eng:leaders-should-resolve-differences": ("in", "out")}
    assert "bsj:sk-japan-vital-to-us-objectives [butcher-sk-japan-freeze] restates it and is in" in lines[5]
    assert lines[9] == f"not counted: 9 more claims of {BLINKEN} (were 9 in)"


def test_reject_source_says_when_no_claim_of_the_others_changes(repository, argmap_cli):
    lines = argmap_cli("eval", "-C", repository, "--reject-source", ENGEL).stdout.splitlines()
    assert "no claim of the sources counted changes its status" in lines
    assert any(line.startswith("in   in") and "not asserted; stands on xs:inf-trilateral-vision-backs-joint-action" in line
               for line in lines)


def test_reject_source_is_repeatable(repository, argmap_cli):
    result = argmap_cli("eval", "-C", repository, "--reject-source", ENGEL, "--reject-source", BLINKEN)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[2] == f"set aside: {BLINKEN} (10 claims, not asserted) and {ENGEL} (15 claims, not asserted)"


def test_an_unknown_source_exits_2_with_the_nearest_names(repository, argmap_cli):
    result = argmap_cli("eval", "-C", repository, "--reject-source", "engel")
    assert result.returncode == 2
    assert result.stderr.startswith(f"argmap: error: no source named 'engel' — did you mean {ENGEL}?")
    assert "Traceback" not in result.stderr


def test_the_explanation_names_the_source_of_each_step(repository, argmap_cli):
    result = argmap_cli("eval", "-C", repository, "--reject-source", BLINKEN, "--explain", "eng:leaders-should-resolve-differences")
    lines = result.stdout.splitlines()
    assert lines[3:6] == [
        f"eng:leaders-should-resolve-differences [{ENGEL}] is out: every inference that supports it fails",
        f"  eng:inf-resolve-differences [{ENGEL}] is out: an undercut of it succeeds",
        "    xs:und-intractability-against-resolving [cross-source] is in: the attack on eng:inf-resolve-differences "
        "succeeds: its attacker is in",
    ]


def test_the_explanation_of_a_claim_not_counted_says_why_and_who_restates_it(repository, argmap_cli):
    result = argmap_cli("eval", "-C", repository, "--reject-source", ENGEL, "--explain", "eng:rok-decided-to-leave-gsomia")
    assert result.stdout.splitlines()[-1] == (
        f"eng:rok-decided-to-leave-gsomia [{ENGEL}] is not counted: only {ENGEL} asserts it, and nothing counted "
        f"concludes it; bsj:sk-moved-to-end-gsomia-2019 [{BUTCHER}] restates it and is in")


def test_json_lists_the_sources_what_is_not_counted_and_the_changes(repository, argmap_cli):
    document = json.loads(argmap_cli("eval", "-C", repository, "--format", "json", "--reject-source", BLINKEN).stdout)
    assert document["sources"] == {"counted": [BUTCHER, ENGEL], "setAside": [BLINKEN], "links": ["cross-source"]}
    assert document["notCounted"]["blk:historical-discussions-concluded"] == f"only {BLINKEN} asserts it, and nothing counted concludes it"
    assert document["changes"]["bsj:historical-disputes-intractable"] == {"was": "out", "now": "in"}
    assert document["changes"]["blk:historical-discussions-concluded"] == {"was": "in", "now": "not counted"}
    assert document["origins"]["xs:und-intractability-against-resolving"] == ["cross-source"]
    assert "blk:historical-discussions-concluded" not in document["status"]["claims"]


def test_trig_says_which_sources_were_counted_and_which_set_aside(repository, argmap_cli):
    result = argmap_cli("eval", "-C", repository, "--format", "trig", "--reject-source", ENGEL)
    dataset = Dataset().parse(data=result.stdout, format="trig")
    graph = dataset.graph(STATUS_GRAPH)
    assert set(graph.objects(STATUS_GRAPH, ARG.countedSource)) == {SRC[BLINKEN], SRC[BUTCHER]}
    assert set(graph.objects(STATUS_GRAPH, ARG.setAsideSource)) == {SRC[ENGEL]}
    assert (URIRef(f"{SRC}{ENGEL}#decision-undermines-regional-security"), ARG.status, None) not in graph
    assert result.stdout.startswith(f"# Generated by argmap 0.1.0 (argmap eval --semantics grounded --reject-source {ENGEL})")


def test_reject_source_is_for_maps_not_framework_files(repository, argmap_cli):
    result = argmap_cli("eval", str(repository / "tests/data/frameworks/floating-reinstatement.apx"), "--reject-source", ENGEL)
    assert result.returncode == 2 and "--reject-source" in result.stderr


def test_every_source_set_aside_leaves_nothing_counted_and_says_so(shipped):
    evaluation = evaluate(shipped, set_aside=[BLINKEN, BUTCHER, ENGEL])
    assert evaluation.structure.claims == {} and evaluation.claim_counts() == {"in": 0, "out": 0, "undec": 0}
    assert evaluation.heading()[1] == "counted: no source, and the links between them in cross-source (0 of 4 supports, 0 of 5 attacks)"
    assert evaluation.heading()[4] == (f"not counted: 79 claims of {BLINKEN}, {BUTCHER} and {ENGEL} (were 77 in, 2 out)")


def test_a_project_whose_files_describe_no_source_cannot_set_one_aside():
    dataset = Dataset(default_union=False)
    dataset.graph(GRAPH["notes"]).parse(data=PREFIXES + "a:c a arg:Judgement .", format="turtle")
    with pytest.raises(InputError, match="no claims file of this project describes a source"):
        evaluate(dataset, set_aside=["notes"])


def test_the_explanation_of_a_given_claim_another_source_supports_says_both(shipped):
    evaluation = evaluate(shipped)
    claim = evaluation.structure.resolve("bsj:gsomia-vital-for-intelligence-sharing")
    assert explain(evaluation, claim) == (
        f"bsj:gsomia-vital-for-intelligence-sharing [{BUTCHER}] is in: a premise its source gives no reason for, "
        "taken as given (another source supports it too); nothing attacks it")
