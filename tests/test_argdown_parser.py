"""argmap's Argdown parser reads what @argdown/cli reads, as it reads it: the reference decides, file by file."""

import json
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest

from argmap.errors import ParseError
from argmap.model.argdown import parse
from argmap.model.argdown.transform import to_json

REPOSITORY = Path(__file__).resolve().parent.parent
CORPUS = Path(__file__).parent / "corpora" / "argdown"
GOLDEN = sorted((CORPUS / "cli-1.7.5-json").glob("*.json"))
FILES = sorted(CORPUS.glob("*.argdown")) + sorted((CORPUS / "argdown-repo").glob("*.argdown"))
#: Argdown drops the whole document without a word when a {…} block is not YAML (js-yaml throws, the walk stops);
#: argmap says so, with the line.
BAD_YAML = {"packages_argdown-core_test_lexer-argument"}
needs_node = pytest.mark.skipif(shutil.which("node") is None or not (REPOSITORY / "node_modules" / "@argdown" / "node").is_dir(),
                                reason="@argdown/cli is not installed (make install-test runs npm ci)")


def summary(document: dict) -> dict:
    """What a comparison looks at: titles, texts, tags, premise-conclusion structures and typed relations."""
    def pcs(argument):
        return [(s["title"], s["role"], tuple(s.get("inferenceRules") or (s.get("inference") or {}).get("inferenceRules") or ()))
                for s in argument["pcs"]]

    return {
        "statements": sorted(document["statements"]),
        "arguments": sorted(document["arguments"]),
        "relations": Counter((r["relationType"], r["from"], r["fromType"], r["to"], r["toType"]) for r in document["relations"]),
        "texts": {t: [(m.get("text") or "").strip() for m in e["members"]] for t, e in document["statements"].items()},
        "descriptions": {t: [(m.get("text") or "").strip() for m in a["members"]] for t, a in document["arguments"].items()},
        "tags": {t: sorted(e.get("tags") or []) for t, e in [*document["statements"].items(), *document["arguments"].items()]},
        "pcs": {t: pcs(a) for t, a in document["arguments"].items()},
    }


@pytest.fixture(scope="module")
def reference() -> dict:
    done = subprocess.run(["node", str(REPOSITORY / "tests" / "argdown_reference.js"), *map(str, FILES)], cwd=REPOSITORY,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    rows = [json.loads(line) for line in done.stdout.splitlines()]
    return {Path(row["path"]).stem: row for row in rows}


@pytest.mark.parametrize("path", GOLDEN, ids=lambda p: p.stem)
def test_each_published_example_parses_as_argdown_json_has_it(path):
    golden = json.loads(path.read_text(encoding="utf-8"))
    ours = to_json(parse((CORPUS / f"{path.stem}.argdown").read_text(encoding="utf-8")))
    assert summary(ours) == summary(golden)


@needs_node
@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_each_file_reads_as_argdown_cli_reads_it(path, reference):
    row = reference[path.stem]
    text = path.read_text(encoding="utf-8")
    if path.stem in BAD_YAML:
        with pytest.raises(ParseError, match="not valid YAML"):
            parse(text)
    elif row["errors"] or row["json"] is None or row["exceptions"]:
        with pytest.raises(ParseError) as raised:
            parse(text)
        if row["errors"]:
            assert raised.value.line == row["errors"][0]["line"]
    else:
        assert summary(to_json(parse(text))) == summary(row["json"])


def test_a_syntax_error_names_its_line_and_column():
    with pytest.raises(ParseError, match=r"line 3, column 1: expected .*found an indented relation \(.*remove the empty line"):
        parse("[A]: a\n\n    <+ [B]: b\n")


def test_a_metadata_block_that_is_not_yaml_is_an_error_not_an_empty_document():
    with pytest.raises(ParseError, match="line 2 is not valid YAML"):
        parse("[A]: a\n    {note: x: y}\n")


def test_yaml_1_2_keeps_yes_and_no_as_words():
    document = parse("[A]: a {answer: yes, flag: true}\n")
    assert document.statements["A"].data == {"answer": "yes", "flag": True}


def test_strict_mode_reads_support_and_attack_between_statements_as_entailment_and_contrariety():
    document = parse("===\nmodel:\n    mode: strict\n===\n\n[A]: a\n    <+ [B]: b\n    <- [C]: c\n    >< [D]: d\n")
    assert sorted(r.type for r in document.relations) == ["contradictory", "contrary", "entails"]


def test_every_member_keeps_the_line_it_starts_on():
    document = parse("[A]: a\n\n<B>: b\n    +> [A]\n")
    assert [m.line for m in document.statements["A"].members] == [1, 4]
    assert document.arguments["B"].line == 3
