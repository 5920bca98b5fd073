"""`argmap eval`: the labels as a table, JSON or TriG, what-if rejections, explanations, and clear errors."""

from __future__ import annotations

import json


def test_eval_has_help_with_an_example(argmap_cli):
    result = argmap_cli("eval", "--help")
    assert result.returncode == 0 and "Example:" in result.stdout


def test_eval_prints_a_table_of_the_claims_labels(first_article, argmap_cli):
    result = argmap_cli("eval", "-C", first_article)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "grounded (1 labelling): 54 claims, 54 in, 0 out, 0 undecided"
    assert lines[2].split()[:2] == ["in", "bsj:aim-to-stop-gap-widening"]


def test_eval_json_shows_what_a_rejection_changes(first_article, argmap_cli):
    result = argmap_cli("eval", "-C", first_article, "--format", "json", "--reject", "bsj:bonds-now-in-doubt")
    document = json.loads(result.stdout)
    assert document["rejected"] == ["bsj:bonds-now-in-doubt"]
    assert document["status"]["claims"]["bsj:ties-in-deep-freeze"] == "out"
    assert document["status"]["conflicts"]["bsj:reb-alignment-against-freeze"] == "in"


def test_eval_explains_a_claim(first_article, argmap_cli):
    result = argmap_cli("eval", "-C", first_article, "--explain", "bsj:unity-needed-for-us-influence")
    assert "bsj:unity-needed-for-us-influence is in: supported by" in result.stdout
    assert "bsj:und-geopolitics-answers-difficulty is in" in result.stdout


def test_eval_unknown_claim_exits_2_with_near_matches(first_article, argmap_cli):
    result = argmap_cli("eval", "-C", first_article, "--accept", "bsj:unity-needed")
    assert result.returncode == 2
    assert result.stderr.startswith("argmap: error: no claim named 'bsj:unity-needed' in the argument — did you mean ")
    assert "bsj:unity-needed-for-us-influence" in result.stderr


def test_eval_writes_the_status_graph_as_trig(first_article, tmp_path, argmap_cli):
    from rdflib import Dataset

    from argmap.model.vocab import ARG, STATUS_GRAPH

    out = tmp_path / "status.trig"
    assert argmap_cli("eval", "-C", first_article, "--semantics", "preferred", "--format", "trig", "-o", out).returncode == 0
    dataset = Dataset().parse(out, format="trig")
    assert (STATUS_GRAPH, ARG.semantics, None) in dataset.graph(STATUS_GRAPH)


def test_eval_exits_1_when_the_data_does_not_conform(mini, argmap_cli):
    mini.replace("arg:premise d:blue ;", "arg:premise d:bleu ;")
    result = argmap_cli("eval", "-C", mini.root)
    assert result.returncode == 1
    assert "run `argmap check`" in result.stderr
