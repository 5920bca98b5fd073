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


def test_eval_counts_and_limits_the_labellings_of_a_map(mini, argmap_cli):
    mini.append("d:reb-back a arg:Rebuttal ;\n    arg:attacker d:go-out ;\n    arg:target d:rain .\n")  # a mutual rebuttal
    shown = argmap_cli("eval", "-C", mini.root, "--semantics", "preferred", "--limit", "1")
    assert shown.returncode == 0, shown.stderr
    lines = shown.stdout.splitlines()
    assert lines[0].startswith("preferred (2 labellings, the first 1 shown; a claim is in or out below only if it is so in every one)")
    assert lines[1].split() == ["status", "#1", "claim", "kind", "label"]
    assert argmap_cli("eval", "-C", mini.root, "--semantics", "complete", "--count").stdout == "complete: 3 labellings\n"


def test_eval_explains_a_claim_in_each_labelling_and_says_where_they_disagree(mini, argmap_cli):
    mini.append("d:reb-back a arg:Rebuttal ;\n    arg:attacker d:go-out ;\n    arg:target d:rain .\n")
    result = argmap_cli("eval", "-C", mini.root, "--semantics", "stable", "--explain", "d:go-out")
    lines = result.stdout.splitlines()
    assert lines[1] == "the 2 labellings disagree on d:go-out (in in #1, out in #2), so it is undecided sceptically"
    assert lines[2] == "labelling #1 of 2:" and "d:go-out is in: supported by an inference that holds" in lines[3]
    assert "labelling #2 of 2:" in lines and "d:go-out is out: an attack on it succeeds" in result.stdout
    agreed = argmap_cli("eval", "-C", mini.root, "--semantics", "stable", "--explain", "d:blue").stdout.splitlines()
    assert agreed[1] == "all 2 labellings agree: d:blue is in"


def framework_file(tmp_path, name: str, text: str):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


ICCMA_2023_EXAMPLE = "p af 5\n# this is a comment\n1 2\n2 4\n4 5\n5 4\n5 5\n"  # the example of ICCMA 2023's rules


def test_eval_answers_an_iccma_task_on_an_af_file_as_iccma_2023_solvers_print_it(tmp_path, argmap_cli):
    af = framework_file(tmp_path, "example.af", ICCMA_2023_EXAMPLE)
    assert argmap_cli("eval", af, "--task", "DC-PR", "--argument", "3", "--iccma").stdout == "YES\nw 1 3 4\n"
    assert argmap_cli("eval", af, "--task", "DC-CO", "--argument", "2", "--iccma").stdout == "NO\n"
    assert argmap_cli("eval", af, "--task", "DS-CO", "--argument", "4", "--iccma").stdout == "NO\nw 1 3\n"
    assert argmap_cli("eval", af, "--task", "DS-PR", "--argument", "4", "--iccma").stdout == "YES\n"
    assert argmap_cli("eval", af, "--task", "SE-ST", "--format", "iccma").stdout == "w 1 3 4\n"
    assert argmap_cli("eval", af, "--task", "CE-CO", "--iccma").stdout == "2\n"


def test_eval_writes_the_older_iccma_convention_on_request(tmp_path, argmap_cli):
    af = framework_file(tmp_path, "example.af", ICCMA_2023_EXAMPLE)
    assert argmap_cli("eval", af, "--task", "EE-CO", "--format", "iccma2019").stdout == "[[1,3],[1,3,4]]\n"
    assert argmap_cli("eval", af, "--task", "SE-GR", "--format", "iccma2019").stdout == "[1,3]\n"
    assert argmap_cli("eval", af, "--task", "DS-PR", "--argument", "2", "--format", "iccma2019").stdout == "NO\n"


def test_eval_says_no_when_a_framework_has_no_stable_extension(tmp_path, argmap_cli):
    apx = framework_file(tmp_path, "odd.apx", "arg(a). arg(b). arg(c).\natt(a,b). att(b,c). att(c,a).\n")
    assert argmap_cli("eval", apx, "--task", "SE-ST", "--iccma").stdout == "NO\n"
    assert argmap_cli("eval", apx, "--task", "EE-ST", "--format", "iccma2019").stdout == "[]\n"
    assert argmap_cli("eval", apx, "--semantics", "stable").stdout == "stable: no stable extension exists\n"
    assert argmap_cli("eval", apx, "--task", "DS-ST", "--argument", "a").stdout == "DS-ST: yes: a is in every stable extension\n"


def test_eval_lists_a_framework_s_extensions_counting_them_before_the_first_n(tmp_path, argmap_cli):
    tgf = framework_file(tmp_path, "cycle.tgf", "a\nb\nc\nd\n#\na b\nb c\nc d\nd a\n")  # an even cycle of four
    result = argmap_cli("eval", tgf, "--semantics", "complete", "--limit", "2")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "complete: 3 extensions of 4 arguments; the first 2:"
    assert [line.split()[0] for line in lines[1:3]] == ["#1", "#2"] and len(lines) == 5
    assert lines[3] == "in every extension (sceptically accepted): (empty)"
    assert argmap_cli("eval", tgf, "--semantics", "preferred", "--count").stdout == "preferred: 2 extensions\n"


def test_eval_reads_a_framework_in_the_format_given_whatever_its_name(tmp_path, argmap_cli):
    text = framework_file(tmp_path, "framework.txt", "arg(x). arg(y). att(x,y).\n")
    result = argmap_cli("eval", text, "--input-format", "apx", "--format", "json")
    assert json.loads(result.stdout)["extensions"] == [["x"]]


def test_eval_refuses_a_bad_framework_file_with_its_line_and_exit_2(tmp_path, argmap_cli):
    af = framework_file(tmp_path, "bad.af", "p af 2\n1 3\n")
    result = argmap_cli("eval", af)
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.startswith(f"argmap: error: {af}:2: argument 3 is out of range")
    assert "Traceback" not in result.stderr


def test_eval_refuses_options_that_do_not_fit_the_input(tmp_path, first_article, argmap_cli):
    af = framework_file(tmp_path, "x.af", "p af 1\n")
    assert argmap_cli("eval", af, "--reject", "1").returncode == 2
    assert argmap_cli("eval", "-C", first_article, "--task", "DC-PR").returncode == 2
    assert "unknown task 'XX-PR'" in argmap_cli("eval", af, "--task", "XX-PR").stderr
    missing = argmap_cli("eval", af, "--task", "DC-PR")
    assert missing.returncode == 2 and "name it with --argument" in missing.stderr


def test_eval_writes_the_flattened_framework_of_a_map_that_other_solvers_read(mini, tmp_path, argmap_cli):
    from pygarg.dung import apx_parser, solver

    mini.append("d:reb-back a arg:Rebuttal ;\n    arg:attacker d:go-out ;\n    arg:target d:rain .\n")
    af, apx = tmp_path / "map.af", tmp_path / "map.apx"
    assert argmap_cli("eval", "-C", mini.root, "--write-framework", af).returncode == 0
    assert argmap_cli("eval", "-C", mini.root, "--write-framework", apx).returncode == 0
    assert af.read_text().startswith("p af 10\n# 1 d:blue\n")
    assert argmap_cli("eval", af, "--semantics", "preferred", "--count").stdout == "preferred: 2 extensions\n"
    arguments, attacks = apx_parser.parse(str(apx))
    preferred = solver.extension_enumeration(arguments, attacks, "PR")
    assert sorted(sorted(a for a in e if a in ("d:go-out", "d:rain")) for e in preferred) == [["d:go-out"], ["d:rain"]]


def test_eval_converts_a_framework_file_to_another_format(tmp_path, argmap_cli):
    apx = framework_file(tmp_path, "f.apx", "arg(a). arg(b). att(a,b).\n")
    assert argmap_cli("eval", apx, "--count", "--write-framework", tmp_path / "f.tgf").returncode == 0
    assert (tmp_path / "f.tgf").read_text() == "a\nb\n#\na b\n"
    refused = argmap_cli("eval", apx, "--write-framework", tmp_path / "f.txt")
    assert refused.returncode == 2 and "end the name in .apx, .tgf or .af" in refused.stderr


def test_eval_of_a_path_that_does_not_exist_says_so(tmp_path, argmap_cli):
    result = argmap_cli("eval", tmp_path / "missing.af")
    assert result.returncode == 2 and "no such framework file" in result.stderr
