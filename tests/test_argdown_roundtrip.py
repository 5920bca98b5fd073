"""Argdown → argmap → Argdown keeps a map: on every file of Argdown's own that Argdown reads, the export has the
statements, arguments and relations of each type that the file has (as `argdown json` counts them), parses in
@argdown/cli without a warning, and reads back to the same graph."""

import json
import shutil
import subprocess
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.compare import to_isomorphic

from argmap.errors import ParseError
from argmap.exchange.formats.argdown_write import write
from argmap.model.argdown import Document, parse
from argmap.model.argdown.profile import ReadSettings, read
from argmap.model.vocab import ARG

REPOSITORY = Path(__file__).resolve().parent.parent
CORPUS = Path(__file__).parent / "corpora" / "argdown"
#: The published examples (examples/ and test fixtures of Argdown's repository, tests/corpora/argdown/README.md),
#: without the three that are not Argdown 1.7 (ArgVu's ligature demo, Argdown+).
PUBLISHED = sorted(p for p in CORPUS.glob("*.argdown") if not p.stem.startswith(("argvu", "argdown-plus")))
#: Every Argdown block of Argdown's documentation and every test fixture of its repository.
REPOSITORY_FILES = sorted((CORPUS / "argdown-repo").glob("*.argdown"))
SETTINGS = ReadSettings("https://w3id.org/argmap/source/test#", "test", default_kind=ARG.FactualClaim)
needs_node = pytest.mark.skipif(shutil.which("node") is None or not (REPOSITORY / "node_modules" / "@argdown" / "node").is_dir(),
                                reason="@argdown/cli is not installed (make install-test runs npm ci)")


@dataclass
class Trip:
    original: Path
    document: Document
    graph: Graph
    exported: Path


def counts(document: Document) -> Counter:
    """Statements, arguments and relations by type, as argmap's parser reads a document."""
    found = Counter({"statements": len(document.statements), "arguments": len(document.arguments)})
    found.update(relation.type for relation in document.relations)
    return found


def cli_counts(row: dict) -> Counter:
    """The same counts from the JSON @argdown/cli makes."""
    found = Counter({"statements": len(row["json"]["statements"]), "arguments": len(row["json"]["arguments"])})
    found.update(relation["relationType"] for relation in row["json"]["relations"])
    return found


@pytest.fixture(scope="session")
def trips(tmp_path_factory) -> dict[str, Trip]:
    """Each file Argdown reads, read into argmap and written back as Argdown (into a scratch folder)."""
    out = tmp_path_factory.mktemp("argdown-exports")
    found = {}
    for path in PUBLISHED + REPOSITORY_FILES:
        try:
            document = parse(path.read_text(encoding="utf-8"), remove_tags=True)
        except ParseError:
            continue  # not Argdown: tests/test_argdown_parser.py holds the error to Argdown's
        graph = read(document, SETTINGS).graph
        exported = out / path.name
        exported.write_text(write(graph, {}), encoding="utf-8")
        found[path.stem] = Trip(path, document, graph, exported)
    return found


@pytest.fixture(scope="session")
def cli(trips) -> dict[str, dict]:
    """@argdown/cli's reading of every original and every export, in one Node process."""
    paths = [p for trip in trips.values() for p in (trip.original, trip.exported)]
    done = subprocess.run(["node", str(REPOSITORY / "tests" / "argdown_reference.js"), *map(str, paths)],
                          cwd=REPOSITORY, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    return {row["path"]: row for row in map(json.loads, done.stdout.splitlines())}


@pytest.mark.parametrize("path", PUBLISHED, ids=lambda p: p.stem)
def test_a_published_argdown_file_goes_to_argmap_and_back_with_its_counts(path, trips):
    trip = trips[path.stem]
    assert counts(parse(trip.exported.read_text(encoding="utf-8"), remove_tags=True)) == counts(trip.document)


@needs_node
@pytest.mark.parametrize("path", PUBLISHED, ids=lambda p: p.stem)
def test_argdown_cli_counts_in_argmaps_export_what_it_counts_in_the_published_file(path, trips, cli):
    trip = trips[path.stem]
    assert cli_counts(cli[str(trip.exported)]) == cli_counts(cli[str(trip.original)])


def test_every_file_of_argdowns_repository_goes_to_argmap_and_back_with_its_counts(trips):
    changed = [stem for stem, trip in trips.items()
               if counts(parse(trip.exported.read_text(encoding="utf-8"), remove_tags=True)) != counts(trip.document)]
    assert len(trips) > 150 and changed == []


def test_every_export_reads_back_to_the_same_graph(trips):
    changed = [stem for stem, trip in trips.items()
               if to_isomorphic(read(parse(trip.exported.read_text(encoding="utf-8"), remove_tags=True), SETTINGS).graph)
               != to_isomorphic(trip.graph)]
    assert changed == []


@needs_node
def test_every_export_parses_in_argdown_cli_without_errors_or_warnings(trips, cli):
    noisy = {stem: {k: row[k] for k in ("errors", "lexerErrors", "exceptions", "warnings") if row.get(k)}
             for stem, trip in trips.items() for row in [cli[str(trip.exported)]]
             if row["json"] is None or any(row.get(k) for k in ("errors", "lexerErrors", "exceptions", "warnings"))}
    assert noisy == {}


@needs_node
def test_every_export_has_in_argdown_cli_the_counts_the_original_has_there(trips, cli):
    changed = [stem for stem, trip in trips.items()
               if cli[str(trip.original)]["json"] is not None
               and cli_counts(cli[str(trip.exported)]) != cli_counts(cli[str(trip.original)])]
    assert changed == []
