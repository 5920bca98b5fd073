"""argmap import / export --format aif|argdown|graphml|dot, and the second source brought in by the importer."""

import json
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

CORPUS = Path(__file__).parent / "corpora" / "aif"
EXAMPLE = Path(__file__).parent.parent / "examples" / "microtext"
SECOND = "microtext-intelligence-services"


@pytest.fixture
def project(repository, tmp_path):
    """A copy of the repository's ontology and claims that a test may add to."""
    shutil.copytree(repository / "ontology", tmp_path / "ontology")
    shutil.copytree(repository / "claims", tmp_path / "claims")
    shutil.copytree(repository / "queries", tmp_path / "queries")
    return tmp_path


def test_the_shipped_claims_hold_no_microtext(repository):
    assert not list((repository / "claims").rglob(f"{SECOND}.*"))


def test_importing_the_example_microtext_as_its_readme_says_gives_a_source_that_passes_the_check(argmap_cli, project, repository):
    done = argmap_cli("import", "--format", "aif", EXAMPLE / "nodeset6365.json", "--source", SECOND,
                      "--text", EXAMPLE / "claims" / "sources" / f"{SECOND}.txt",
                      "--title", "Intelligence services must be regulated more tightly (arg-microtexts corpus, AIFdb nodeset 6365)",
                      "-C", project)
    assert done.returncode == 0, done.stderr
    assert "nodes 9" in done.stdout and "edges 8" in done.stdout
    staged = repository / "tests" / "data" / "second-source" / "claims"
    assert (project / "claims" / f"{SECOND}.ttl").read_text(encoding="utf-8") == (staged / f"{SECOND}.ttl").read_text(encoding="utf-8")
    checked = argmap_cli("check", "-C", project)
    assert checked.returncode == 0, checked.stdout
    theses = argmap_cli("query", "theses", "-C", project, "--format", "csv")
    assert "butcher-sk-japan-freeze" in theses.stdout and SECOND in theses.stdout


def test_the_example_curated_microtext_passes_the_check_beside_the_shipped_claims(argmap_cli, project):
    shutil.copy(EXAMPLE / "claims" / f"{SECOND}.ttl", project / "claims")
    shutil.copy(EXAMPLE / "claims" / "sources" / f"{SECOND}.txt", project / "claims" / "sources")
    checked = argmap_cli("check", "-C", project)
    assert checked.returncode == 0, checked.stdout


def test_an_import_of_a_bad_map_writes_nothing(argmap_cli, project, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"nodes": [{"nodeID": 1, "type": "I"}], "edges": [{"fromID": 1, "toID": 2}]}', encoding="utf-8")
    before = sorted(p.name for p in (project / "claims").rglob("*"))
    done = argmap_cli("import", "--format", "aif", bad, "-C", project)
    assert done.returncode == 2
    assert f"{bad}: " in done.stderr and "names node 2, which the map does not have" in done.stderr
    assert sorted(p.name for p in (project / "claims").rglob("*")) == before


def test_an_import_never_overwrites_a_source(argmap_cli, project):
    done = argmap_cli("import", "--format", "aif", CORPUS / "iac-nodeset7751.json", "--source", "butcher-sk-japan-freeze", "-C", project)
    assert done.returncode == 2 and "already exists" in done.stderr


@pytest.mark.parametrize("fmt", ["aif", "xaif", "argdown", "graphml", "dot"])
def test_export_of_the_map_is_byte_identical_run_to_run(argmap_cli, repository, fmt):
    first, second = (argmap_cli("export", "-C", repository, "--format", fmt) for _ in range(2))
    assert first.returncode == 0, first.stderr
    assert first.stdout == second.stdout


def test_graphml_has_a_node_for_every_claim_inference_and_conflict(argmap_cli, first_article):
    root = ET.fromstring(argmap_cli("export", "-C", first_article, "--format", "graphml").stdout)
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    kinds = [d.text for d in root.iterfind(".//g:node/g:data[@key='kind']", ns)]
    assert (kinds.count("claim"), kinds.count("inference"), kinds.count("conflict")) == (54, 38, 6)


def test_dot_draws_attacks_in_red(argmap_cli, repository):
    dot = argmap_cli("export", "-C", repository, "--format", "dot").stdout
    assert dot.startswith("digraph argmap {") and '[label="target", color="#c0392b"]' in dot


def test_a_debate_map_imports_with_its_dialogue_layer_in_terms_the_ontology_defines(argmap_cli, project):
    done = argmap_cli("import", "--format", "aif", CORPUS / "us-2016-nodeset10056.json", "--source", "us2016", "-C", project)
    assert done.returncode == 0, done.stderr
    checked = argmap_cli("check", "-C", project)
    assert "L 26" in done.stdout and "YA 21" in done.stdout
    assert "which the ontology does not define" not in checked.stdout
    # what remains is the real data's own mess: quotes the text lacks, claims nothing links to
    assert "claim has no anchor in its source" in checked.stdout
