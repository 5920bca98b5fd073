"""`evaluate`: which claims stand, with linked and convergent supports, undercuts, and attacks on attacks."""

from __future__ import annotations

import csv
import json
import itertools
import random

import pytest
from rdflib import Dataset, URIRef

from argmap import find_project, load
from argmap.errors import InputError
from argmap.evaluation.evaluate import Conflict, Inference, Structure, count_labellings, evaluate
from argmap.evaluation.status import add_status, status_graph
from argmap.evaluation.justify import explain
from argmap.model.vocab import ARG, STATUS_GRAPH

from test_semantics import MORE, TEXTBOOK


def structure(claims, inferences=None, conflicts=None) -> Structure:
    """A map from short names: inferences {name: (premises, conclusion)}, conflicts {name: (attacker, target)}."""
    inferences = {n: Inference(tuple(p), c) for n, (p, c) in (inferences or {}).items()}
    conflicts = {n: Conflict("Rebuttal" if t in claims else "Undercut", a, t) for n, (a, t) in (conflicts or {}).items()}
    nodes = list(claims) + list(inferences) + list(conflicts)
    return Structure({c: "Claim" for c in claims}, inferences, conflicts, {n: n for n in nodes}, {n: n for n in nodes})


def labels(evaluation, nodes=None) -> dict:
    nodes = nodes or sorted(evaluation.structure.claims)
    return {n: evaluation.status(n) for n in nodes}


def test_a_claim_nothing_supports_or_attacks_is_in():
    assert labels(evaluate(structure(["p"]))) == {"p": "in"}


def test_linked_premises_all_needed_when_one_is_rebutted():
    m = structure(["p", "q", "c", "x"], {"i": (["p", "q"], "c")}, {"k": ("x", "q")})
    assert labels(evaluate(m)) == {"c": "out", "p": "in", "q": "out", "x": "in"}


def test_convergent_support_survives_losing_one_inference():
    m = structure(["p", "q", "c", "x"], {"i1": (["p"], "c"), "i2": (["q"], "c")}, {"k": ("x", "p")})
    assert labels(evaluate(m))["c"] == "in"


def test_undercut_defeats_the_inference_not_its_premises():
    m = structure(["p", "c", "x"], {"i": (["p"], "c")}, {"u": ("x", "i")})
    assert labels(evaluate(m)) == {"c": "out", "p": "in", "x": "in"}


def test_undercutting_an_attack_reinstates_its_target():
    # a concession rebuts the claim; the author's answer undercuts that rebuttal
    m = structure(["claim", "concession", "answer"], conflicts={"reb": ("concession", "claim"), "und": ("answer", "reb")})
    assert labels(evaluate(m)) == {"answer": "in", "claim": "in", "concession": "in"}
    assert evaluate(m).status("reb") == "out"


def test_an_attack_fails_when_its_attacker_falls():
    m = structure(["a", "b", "c"], conflicts={"k1": ("a", "b"), "k2": ("b", "c")})
    assert labels(evaluate(m)) == {"a": "in", "b": "out", "c": "in"}


def test_support_does_not_defeat_an_attack():
    m = structure(["p", "c", "x"], {"i": (["p"], "c")}, {"k": ("x", "c")})
    assert labels(evaluate(m))["c"] == "out"


def test_mutual_rebuttal_is_undecided_when_grounded_and_splits_when_preferred():
    m = structure(["a", "b"], conflicts={"k1": ("a", "b"), "k2": ("b", "a")})
    assert labels(evaluate(m)) == {"a": "undec", "b": "undec"}
    preferred = evaluate(m, "preferred")
    assert sorted((lab["a"], lab["b"]) for lab in preferred.labellings) == [("in", "out"), ("out", "in")]


def test_odd_cycle_of_rebuttals_has_no_stable_labelling():
    m = structure(["a", "b", "c"], conflicts={"k1": ("a", "b"), "k2": ("b", "c"), "k3": ("c", "a")})
    stable = evaluate(m, "stable")
    assert stable.labellings == ()
    assert "no stable labelling exists" in stable.summary()


@pytest.mark.parametrize("name", TEXTBOOK)
def test_textbook_framework_as_premises_and_rebuttals_keeps_its_extensions(name):
    arguments, attacks, grounded, preferred, stable = TEXTBOOK[name]
    m = structure(list(arguments), conflicts={f"k{x}{y}": (x, y) for x, y in attacks})
    ins = lambda ev: {frozenset(c for c in arguments if lab[c] == "in") for lab in ev.labellings}  # noqa: E731
    assert ins(evaluate(m)) == {frozenset(grounded)}
    assert ins(evaluate(m, "preferred")) == {frozenset(e) for e in preferred}
    assert ins(evaluate(m, "stable")) == {frozenset(e) for e in stable}
    complete, semi_stable, ideal = MORE[name]
    assert ins(evaluate(m, "complete")) == {frozenset(e) for e in complete}
    assert ins(evaluate(m, "semi-stable")) == {frozenset(e) for e in semi_stable}
    assert ins(evaluate(m, "ideal")) == {frozenset(ideal)}


def map_fixed_points(m: Structure):
    """Every three-valued labelling of the map's own nodes that obeys the map's rules (brute force, the oracle)."""
    nodes = m.nodes

    def conj(values):
        return "out" if "out" in values else "in" if all(v == "in" for v in values) else "undec"

    def disj(values):
        return "in" if "in" in values else "out" if all(v == "out" for v in values) else "undec"

    for values in itertools.product(("in", "out", "undec"), repeat=len(nodes)):
        lab = dict(zip(nodes, values))
        ok = True
        for n in nodes:
            attacked = [lab[k] for k in m.attacks_on(n)]
            if n in m.claims:
                need = disj([lab[i] for i in m.supports_of(n)]) if m.supports_of(n) else "in"
            elif n in m.inferences:
                need = conj([lab[p] for p in m.inferences[n].premises])
            else:
                need = lab[m.conflicts[n].attacker]
            expected = "out" if "in" in attacked or need == "out" else "in" if need == "in" and all(a == "out" for a in attacked) else "undec"
            ok = ok and lab[n] == expected
        if ok:
            yield lab


def random_maps(count: int, seed: int = 7):
    rng = random.Random(seed)
    for _ in range(count):
        claims = [f"c{i}" for i in range(rng.randint(2, 4))]
        inferences = {}
        for j in range(rng.randint(0, 2)):  # supports go from lower to higher claims: no support cycle
            conclusion = rng.randrange(1, len(claims))
            premises = rng.sample(claims[:conclusion], rng.randint(1, min(2, conclusion)))
            inferences[f"i{j}"] = (premises, claims[conclusion])
        conflicts: dict = {}
        for j in range(rng.randint(0, 3)):
            target = rng.choice(claims + list(inferences) + list(conflicts))
            conflicts[f"k{j}"] = (rng.choice(claims), target)
        yield structure(claims, inferences, conflicts)


def test_flattening_gives_exactly_the_maps_own_labellings_on_random_maps():
    for m in random_maps(120):
        oracle = list(map_fixed_points(m))
        ins = lambda lab: frozenset(n for n in m.nodes if lab[n] == "in")  # noqa: E731
        grounded = min(oracle, key=lambda lab: len(ins(lab)))
        preferred = [lab for lab in oracle if not any(ins(lab) < ins(other) for other in oracle)]
        stable = [lab for lab in oracle if "undec" not in lab.values()]
        key = lambda labs: sorted(tuple(sorted(lab.items())) for lab in labs)  # noqa: E731
        assert key(evaluate(m).labellings) == key([grounded]), m
        assert key(evaluate(m, "preferred").labellings) == key(preferred), m
        assert key(evaluate(m, "stable").labellings) == key(stable), m
        assert key(evaluate(m, "complete").labellings) == key(oracle), m


def test_rejecting_a_premise_brings_down_what_rests_on_it():
    m = structure(["p", "q", "c"], {"i": (["p", "q"], "c")})
    assert labels(evaluate(m, reject=["p"])) == {"c": "out", "p": "out", "q": "in"}


def test_accepting_a_claim_overrides_the_attack_on_it():
    m = structure(["a", "b"], conflicts={"k": ("a", "b")})
    assert labels(evaluate(m, accept=["b"])) == {"a": "in", "b": "in"}


def test_claim_both_rejected_and_accepted_is_an_error():
    with pytest.raises(InputError, match="both rejected and accepted"):
        evaluate(structure(["a"]), reject=["a"], accept=["a"])


@pytest.fixture(scope="module")
def article(first_article):
    loaded = load(find_project(first_article))
    return loaded, loaded.union()


def expected_labels(repository):
    with open(repository / "tests" / "expected" / "butcher-sk-japan-freeze.labels.csv", encoding="utf-8") as stream:
        return list(csv.DictReader(stream))


@pytest.mark.parametrize("semantics", ["grounded", "preferred", "stable"])
def test_article_labels_are_the_hand_reasoned_ones(article, repository, semantics):
    evaluation = evaluate(article[1], semantics)
    got = {evaluation.structure.names[c]: evaluation.status(c) for c in evaluation.structure.claims}
    assert got == {row["claim"]: row["status"] for row in expected_labels(repository)}


def test_article_labels_after_rejecting_bonds_now_in_doubt_are_the_hand_reasoned_ones(article, repository):
    evaluation = evaluate(article[1], reject=["bsj:bonds-now-in-doubt"])
    got = {evaluation.structure.names[c]: evaluation.status(c) for c in evaluation.structure.claims}
    assert got == {row["claim"]: row["if_bonds_now_in_doubt_rejected"] for row in expected_labels(repository)}


def test_unknown_claim_error_suggests_near_matches(article):
    with pytest.raises(InputError) as raised:
        evaluate(article[1], reject=["bsj:ties-in-deep-frezee"])
    assert "no claim named 'bsj:ties-in-deep-frezee'" in str(raised.value)
    assert "did you mean bsj:ties-in-deep-freeze" in str(raised.value)


def test_claim_may_be_named_by_full_iri(article):
    iri = "https://w3id.org/argmap/source/butcher-sk-japan-freeze#overcoming-differences-is-hard"
    evaluation = evaluate(article[1], reject=[iri])
    assert evaluation.status(evaluation.structure.resolve("bsj:unity-needed-for-us-influence")) == "in"


def test_explanation_follows_the_undercut_that_answers_a_concession(article):
    evaluation = evaluate(article[1])
    text = explain(evaluation, evaluation.structure.resolve("bsj:ties-in-deep-freeze"))
    assert text.splitlines()[0] == "bsj:ties-in-deep-freeze is in: supported by an inference that holds, and every attack on it fails"
    assert "  bsj:reb-alignment-against-freeze is out: the attack on bsj:ties-in-deep-freeze fails: it is undercut" in text
    assert "    bsj:und-tension-answers-alignment is in" in text


def test_explanation_of_an_out_claim_names_the_successful_attack(article):
    # the author answers the concession that unity is hard with the shifting balance of power; reject that answer
    evaluation = evaluate(article[1], reject=["bsj:east-asia-power-shift-under-way"])
    assert explain(evaluation, evaluation.structure.resolve("bsj:unity-needed-for-us-influence")).splitlines() == [
        "bsj:unity-needed-for-us-influence is out: an attack on it succeeds",
        "  bsj:reb-difficulty-against-unity is in: the attack on bsj:unity-needed-for-us-influence succeeds: "
        "its attacker is in and every undercut of it fails",
        "    bsj:overcoming-differences-is-hard is in: a premise (no inference supports it), taken as given; nothing attacks it",
        "    bsj:und-geopolitics-answers-difficulty is out: the attack on bsj:reb-difficulty-against-unity fails: its attacker is out",
        "      bsj:east-asia-power-shift-under-way is out: you rejected it",
    ]


def test_status_graph_describes_the_evaluation_and_every_node(article):
    evaluation = evaluate(article[1], reject=["bsj:bonds-now-in-doubt"])
    graph = status_graph(evaluation)
    assert (STATUS_GRAPH, ARG.semantics, None) in graph
    assert (STATUS_GRAPH, ARG.rejected, URIRef(evaluation.structure.resolve("bsj:bonds-now-in-doubt"))) in graph
    assert (URIRef(evaluation.structure.resolve("bsj:ties-in-deep-freeze")), ARG.status, ARG.Out) in graph
    assert len(set(graph.subjects(ARG.status, None))) == len(evaluation.structure.nodes)


def test_status_goes_into_the_dataset_as_a_named_graph_of_its_own():
    dataset = Dataset()
    add_status(dataset, evaluate(structure(["a"])))
    assert len(dataset.graph(STATUS_GRAPH)) > 0


SEMANTICS = ["grounded", "complete", "preferred", "stable", "semi-stable", "ideal"]


@pytest.mark.parametrize("semantics", SEMANTICS)
def test_an_empty_map_is_evaluated(semantics):
    evaluation = evaluate(structure([]), semantics)
    assert evaluation.total == 1 and evaluation.claim_counts() == {"in": 0, "out": 0, "undec": 0}
    assert evaluation.table().splitlines()[0] == f"{semantics} (1 labelling): 0 claims, 0 in, 0 out, 0 undecided"


def test_a_claim_that_attacks_itself_is_evaluated_not_refused():
    m = structure(["a", "b"], conflicts={"k": ("a", "a")})
    assert labels(evaluate(m)) == {"a": "undec", "b": "in"}
    assert evaluate(m, "stable").total == 0
    assert labels(evaluate(m, "preferred")) == {"a": "undec", "b": "in"}


def test_an_isolated_claim_stands_under_every_semantics():
    m = structure(["alone", "x", "y"], conflicts={"k1": ("x", "y"), "k2": ("y", "x")})
    for semantics in SEMANTICS:
        assert evaluate(m, semantics).status("alone") == "in", semantics


def test_limit_keeps_the_first_labellings_but_counts_and_agrees_over_all():
    # an even cycle of four rebuttals: 3 complete labellings; b and d are in in none, a and c in one each
    m = structure(list("abcd"), conflicts={f"k{x}{y}": (x, y) for x, y in ["ab", "bc", "cd", "da"]})
    every = evaluate(m, "complete")
    first = evaluate(m, "complete", limit=1)
    assert (every.total, len(every.labellings), first.total, len(first.labellings)) == (3, 3, 3, 1)
    assert first.labellings == every.labellings[:1]
    assert {n: first.status(n) for n in "abcd"} == {n: every.status(n) for n in "abcd"}
    assert "3 labellings, the first 1 shown" in first.summary()
    assert json.loads(first.json())["count"] == 3 and len(json.loads(first.json())["labellings"]) == 1


def test_count_labellings_counts_without_listing():
    m = structure(list("abcd"), conflicts={f"k{x}{y}": (x, y) for x, y in ["ab", "bc", "cd", "da"]})
    assert count_labellings(m, "complete") == 3 and count_labellings(m, "stable") == 2


def test_a_negative_limit_is_an_input_error():
    with pytest.raises(InputError, match="--limit"):
        evaluate(structure(["a"]), limit=-1)


def test_labellings_that_all_leave_a_node_undecided_agree_on_it():
    # a and b rebut each other; c is caught in an odd cycle of three: undecided in both preferred labellings
    m = structure(list("abcde"), conflicts={"k1": ("a", "b"), "k2": ("b", "a"), "k3": ("c", "d"), "k4": ("d", "e"), "k5": ("e", "c")})
    evaluation = evaluate(m, "preferred")
    assert evaluation.agreement("c") == "all 2 labellings agree: c is undecided"
    assert evaluation.agreement("a") in ("the 2 labellings disagree on a (in in #1, out in #2), so it is undecided sceptically",
                                         "the 2 labellings disagree on a (in in #2, out in #1), so it is undecided sceptically")
    assert evaluate(m, "preferred", limit=1).agreement("a") == "the 2 labellings disagree on a, so it is undecided sceptically"
