"""An Ipsissima map imports anchored, and argmap's export of it reads in Ipsissima's conventions.

tests/data/ipsissima/ holds a map written after Ipsissima's documented conventions (its README says which);
Ipsissima's own checker is GPL and not installed here, so these tests hold the export to what that checker reads:
the front matter's `defaults:` block, the claim keys of Ipsissima's registry, its fidelity levels, and quotations
that verify in the text it cites.
"""

import re
import shutil
from pathlib import Path

import pytest
import yaml
from rdflib import RDF, Graph, Literal
from rdflib.namespace import SKOS

from argmap import find_project, load
from argmap.exchange.formats.common import map_nodes
from argmap.exchange.maps import export_map
from argmap.model.anchor import find_passage
from argmap.model.argdown import parse
from argmap.model.vocab import ARG, OA

SAMPLE = Path(__file__).parent / "data" / "ipsissima"
MAP = SAMPLE / "ortiz-library-hours.argdown"
TEXT = SAMPLE / "source" / "ortiz-library-hours.md"
#: Ipsissima's claim keys (its registry's claim_data), and its fidelity levels.
IPSISSIMA_KEYS = {"chapter", "section", "source", "echoes", "pinpoint", "line", "lineSource", "fidelity", "warrant",
                  "note", "reviewed", "causes", "question", "mechanism", "constitutes"}
FIDELITY = {"quotation", "paraphrase", "compression", "interpretation", "imputation"}
#: What argmap's profile adds to a claim's data (docs/argdown.md), which Ipsissima passes over.
ARGMAP_KEYS = {"id", "label", "about", "addressee", "action", "prefix", "suffix", "rdf", "relations", "questions", "kind"}

@pytest.fixture(scope="module")
def imported(tmp_path_factory, argmap_cli_module):
    root = tmp_path_factory.mktemp("ipsissima") / "project"
    assert argmap_cli_module("init", root).returncode == 0
    done = argmap_cli_module("import", "--format", "argdown", MAP, "--text", TEXT, "--source", "ortiz-library-hours",
                             "-C", root)
    assert done.returncode == 0, done.stderr
    return root

@pytest.fixture(scope="module")
def argmap_cli_module():
    import subprocess
    import sys

    def run(*args):
        return subprocess.run([sys.executable, "-m", "argmap", *map(str, args)], capture_output=True, text=True, timeout=300)
    return run

def test_an_ipsissima_map_imports_with_every_stated_claim_anchored_in_its_text(imported):
    graph = Graph().parse(imported / "claims" / "ortiz-library-hours.ttl")
    text = (imported / "claims" / "sources" / "ortiz-library-hours.txt").read_text(encoding="utf-8")
    claims = map_nodes(graph)[0]
    unanchored = {c for c in claims if (c, ARG.anchor, None) not in graph}
    assert len(claims) == 7
    assert {str(c).rsplit("#", 1)[-1] for c in unanchored} == {"students-need-somewhere-to-study"}
    assert (next(iter(unanchored)), ARG.implicit, Literal(True)) in graph
    for exact in graph.objects(None, OA.exact):
        assert str(exact) in text

def test_an_ipsissima_map_keeps_its_fidelity_warrants_pinpoints_tags_and_contention(imported):
    graph = Graph().parse(imported / "claims" / "ortiz-library-hours.ttl")
    ns = "https://w3id.org/argmap/source/ortiz-library-hours#"
    assert sorted(str(f) for f in graph.objects(None, ARG.fidelity)) == ["compression", "compression", "compression",
                                                                          "interpretation", "paraphrase", "paraphrase",
                                                                          "quotation"]
    assert sorted(str(w) for w in graph.objects(None, ARG.warrant)) == ["enthymeme", "hyperbole"]
    assert {str(t) for t in graph.objects(None, ARG.tag)} == {"reported", "crux"}
    assert (graph.resource(f"{ns}council-is-short-of-money").identifier, RDF.type, ARG.Concession) in graph
    assert (graph.resource(f"{ns}keep-the-evening-hours").identifier, RDF.type, ARG.Thesis) in graph
    assert sorted(str(p) for p in graph.objects(None, ARG.pinpoint)) == ["p. 6", "p. 6", "p. 6"]

def test_an_imported_ipsissima_map_passes_the_check(imported, argmap_cli_module):
    done = argmap_cli_module("check", "-C", imported)
    assert done.returncode == 0, done.stdout

def test_an_ipsissima_map_in_claims_checks_once_its_defaults_give_a_kind(tmp_path, argmap_cli_module):
    root = tmp_path / "project"
    assert argmap_cli_module("init", root).returncode == 0
    shutil.copytree(SAMPLE / "source", root / "claims" / "source")
    text = MAP.read_text(encoding="utf-8").replace('    chapter: "source/ortiz-library-hours.md"\n',
                                                   '    chapter: "source/ortiz-library-hours.md"\n    kind: factual\n')
    (root / "claims" / MAP.name).write_text(text, encoding="utf-8")
    done = argmap_cli_module("check", "-C", root)
    assert done.returncode == 0, done.stdout

def _front_block(text: str) -> str:
    return re.match(r"\s*===\s*\n(.*?)\n===\s*(\n|$)", text, re.S).group(1)

def test_argmaps_export_of_an_ipsissima_map_reads_in_ipsissimas_conventions(imported):
    exported = export_map(load(find_project(imported)), "argdown")
    front = _front_block(exported)
    # Ipsissima reads defaults: by hand, one `key: "value"` a line beneath it
    assert re.search(r'^defaults:\n    chapter: "sources/ortiz-library-hours.txt"$', front, re.M)
    document = parse(exported, remove_tags=True)
    text = (imported / "claims" / "sources" / "ortiz-library-hours.txt").read_text(encoding="utf-8")
    for title, statement in document.statements.items():
        data = statement.data or {}
        assert set(data) <= IPSISSIMA_KEYS | ARGMAP_KEYS, title
        assert data.get("fidelity", "compression") in FIDELITY, title
        for quote in [data.get("source")] * ("source" in data) + list(data.get("echoes") or []):
            assert find_passage(text, quote.strip("“”")) is not None, (title, quote)
    assert yaml.safe_load(front)["defaults"] == {"chapter": "sources/ortiz-library-hours.txt"}
