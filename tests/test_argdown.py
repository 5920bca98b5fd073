"""Argdown: our export parses in @argdown/cli with the same counts; the corpus imports with its golden counts."""

import json
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest
from rdflib import Namespace
from rdflib.namespace import DCTERMS, SKOS

from argmap import find_project, load
from argmap.errors import ParseError
from argmap.exchange.maps import claims_graph, export_map
from argmap.exchange.formats import argdown
from argmap.exchange.formats.common import ReadOptions, map_nodes

REPOSITORY = Path(__file__).resolve().parent.parent
CORPUS = Path(__file__).parent / "corpora" / "argdown"
GOLDEN = sorted((CORPUS / "cli-1.7.5-json").glob("*.json"))
INVALID = ["argvu-demo", "argdown-plus-primer", "argdown-plus-quickstart"]
OPTIONS = ReadOptions(namespace=Namespace("https://w3id.org/argmap/source/test#"))
needs_argdown = pytest.mark.skipif(shutil.which("npx") is None or not (REPOSITORY / "node_modules" / "@argdown" / "cli").is_dir(),
                                   reason="@argdown/cli is not installed (make install-test runs npm ci)")


def _argdown_json(path: Path, out: Path) -> dict:
    done = subprocess.run(["npx", "--no-install", "argdown", "json", str(path), str(out)], cwd=REPOSITORY,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    return json.loads((out / (path.stem + ".json")).read_text(encoding="utf-8"))


@needs_argdown
def test_the_article_export_parses_in_argdown_with_the_same_numbers(tmp_path):
    loaded = load(find_project(REPOSITORY))
    claims, inferences, conflicts = map_nodes(claims_graph(loaded))
    path = tmp_path / "article.argdown"
    path.write_text(export_map(loaded, "argdown"), encoding="utf-8")
    parsed = _argdown_json(path, tmp_path / "out")
    assert len(parsed["statements"]) == len(claims)
    assert len(parsed["arguments"]) == len(inferences) + len(conflicts)
    assert len(parsed["relations"]) == 2 * len(conflicts)


@pytest.mark.parametrize("path", GOLDEN, ids=lambda p: p.stem)
def test_corpus_json_imports_with_its_statements_and_relations(path):
    golden = json.loads(path.read_text(encoding="utf-8"))
    graph = argdown.read(path.read_text(encoding="utf-8"), OPTIONS).graph
    identifiers = {str(graph.value(s, DCTERMS.identifier)) for s in map_nodes(graph)[0]}
    assert set(golden["statements"]) <= identifiers
    kinds = Counter(str(note).split()[1] for note in graph.objects(None, SKOS.note) if str(note).startswith("Argdown "))
    assert kinds == Counter(r["relationType"] for r in golden["relations"])


@needs_argdown
def test_an_argdown_file_imports_through_the_argdown_tool():
    text = (CORPUS / "parser-arguments.argdown").read_text(encoding="utf-8")
    assert argdown.read(text, OPTIONS).counts == {"statements": 10, "arguments": 4, "relations": 3}


@needs_argdown
@pytest.mark.parametrize("name", INVALID)
def test_invalid_argdown_is_an_error_with_line_and_column(name):
    with pytest.raises(ParseError, match=r"Argdown syntax error at line \d+, column \d+"):
        argdown.read((CORPUS / f"{name}.argdown").read_text(encoding="utf-8"), OPTIONS)
