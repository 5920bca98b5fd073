"""The query library: every query in queries/ has a header, honest parameters and an expected answer on the
first article, gives that answer, and gives the same rows on Oxigraph and on rdflib. The questions across
sources also have an expected answer on the whole shipped data (tests/queries/corpus/)."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from argmap import find_project, load
from argmap.sparql.engines import GRAPH_BASE, PREFIXES, OxigraphEngine, RdflibEngine
from argmap.sparql.library import catalogue, parse_query
from argmap.sparql.query import run_query
from argmap.sparql.results import Table, Triples, canonical_triples, relabel, write
from argmap.sparql.guard import nodes
from argmap.sparql.reading import read as read_sparql

REPOSITORY = Path(__file__).resolve().parent.parent
QUERIES = sorted((REPOSITORY / "queries").glob("*.rq"))
EXPECTED = Path(__file__).resolve().parent / "queries"
#: Expected answers on every shipped source and the relations between them, for the questions across sources.
CORPUS_EXPECTED = sorted((EXPECTED / "corpus").glob("*.expected.csv"))


@pytest.fixture(scope="module")
def oxigraph(first_article):
    return OxigraphEngine.from_project(find_project(first_article))


@pytest.fixture(scope="module")
def rdflib_engine(first_article):
    return RdflibEngine(load(find_project(first_article)))


def read(path: Path):
    return parse_query(path.read_text(encoding="utf-8"), path.stem, path)


def expected_file(path: Path) -> Path:
    suffix = ".expected.ttl" if read_sparql(path.read_text(encoding="utf-8")).form in ("CONSTRUCT", "DESCRIBE") else ".expected.csv"
    return EXPECTED / f"{path.stem}{suffix}"


def select_list(text: str) -> set[str]:
    """The names of the variables the SELECT clause projects (as rdflib's parser reads it)."""
    query = read_sparql(text).tree[1]
    return {str(item["var"]) for item in query["projection"] if "var" in item}


def variables_in(node) -> set[str]:
    """The names of every variable inside a parse-tree node."""
    from rdflib import Variable

    found, stack = set(), [node]
    while stack:
        item = stack.pop()
        if isinstance(item, Variable):
            found.add(str(item))
        elif isinstance(item, dict):
            stack.extend(dict.values(item))
        elif isinstance(item, (list, tuple)):
            stack.extend(item)
    return found


def test_the_library_holds_at_least_fifteen_questions():
    assert len(QUERIES) >= 15


@pytest.mark.parametrize("path", QUERIES, ids=lambda p: p.stem)
def test_query_has_a_header_with_title_description_and_example(path):
    query = read(path)
    assert query.title and query.description, "add `#+ title:` and `#+ description:` lines"
    assert query.example.startswith(f"argmap query {path.stem}"), "add `#+ example: argmap query NAME …`"


@pytest.mark.parametrize("path", QUERIES, ids=lambda p: p.stem)
def test_query_declares_exactly_the_parameters_it_uses(path):
    query = read(path)
    declared = {p.name for p in query.params}
    reading = read_sparql(query.text)
    assert declared == reading.parameters, "#+ params: must list every $variable, and only those"
    assert not declared & reading.variables, "write a parameter as $name everywhere, never ?name"
    assert set(query.example_params()) <= declared, "the example uses a parameter the header does not declare"
    assert {p.name for p in query.params if not p.optional} <= set(query.example_params()), "the example must give every required parameter"


@pytest.mark.parametrize("path", QUERIES, ids=lambda p: p.stem)
def test_select_query_projects_its_parameters_and_orders_its_rows(path):
    query = read(path)
    if read_sparql(query.text).form != "SELECT":
        return
    assert {p.name for p in query.params} <= select_list(query.text), "Oxigraph binds only projected parameters"
    assert re.search(r"\bORDER\s+BY\b", query.text, re.IGNORECASE), "ORDER BY makes the output stable"


def parameters_in_expressions(text: str) -> set[str]:
    """The $parameters used inside FILTER(…) or BIND(…), where Oxigraph's binding does not reach."""
    reading = read_sparql(text)
    used = set()
    for node in nodes(reading.tree):
        if node.name in ("Filter", "Bind"):
            used |= variables_in(node)
    return used & reading.parameters


@pytest.mark.parametrize("path", QUERIES, ids=lambda p: p.stem)
def test_query_uses_parameters_only_as_terms_of_triple_patterns(path):
    assert parameters_in_expressions(path.read_text(encoding="utf-8")) == set()


@pytest.mark.parametrize("path", QUERIES, ids=lambda p: p.stem)
def test_query_has_an_expected_answer(path):
    assert expected_file(path).is_file(), f"write {expected_file(path).relative_to(REPOSITORY)} from the data"


def csv_rows(table: Table) -> list[list[str]]:
    return list(csv.reader(write(table, "csv", {}).splitlines()))


@pytest.mark.parametrize("path", QUERIES, ids=lambda p: p.stem)
def test_query_gives_its_expected_answer_on_the_first_article(path, oxigraph):
    query = read(path)
    result = run_query(query, oxigraph, query.example_params())
    expected = expected_file(path)
    if isinstance(result, Triples):
        got = Graph().parse(data=write(result, "turtle", PREFIXES), format="turtle")
        assert isomorphic(got, Graph().parse(expected, format="turtle"))
    else:
        with expected.open(encoding="utf-8", newline="") as stream:
            assert csv_rows(result) == list(csv.reader(stream))


@pytest.mark.parametrize("path", QUERIES, ids=lambda p: p.stem)
def test_query_gives_the_same_answer_on_oxigraph_and_rdflib(path, oxigraph, rdflib_engine):
    query = read(path)
    on_oxigraph = run_query(query, oxigraph, query.example_params())
    on_rdflib = run_query(query, rdflib_engine, query.example_params())
    if isinstance(on_oxigraph, Triples):
        assert canonical_triples(on_oxigraph.triples) == canonical_triples(on_rdflib.triples)
    else:
        assert relabel(on_oxigraph) == relabel(on_rdflib)


@pytest.fixture(scope="module")
def corpus_engines(repository):
    project = find_project(repository)
    return OxigraphEngine.from_project(project), RdflibEngine(load(project))


def test_the_questions_across_sources_have_answers_on_the_whole_corpus():
    names = {path.name.removesuffix(".expected.csv") for path in CORPUS_EXPECTED}
    assert {"sources-agree", "sources-disagree", "sources-on", "theses-attacked", "timeline"} <= names


@pytest.mark.parametrize("expected", CORPUS_EXPECTED, ids=lambda p: p.name.removesuffix(".expected.csv"))
def test_query_gives_its_expected_answer_on_every_source_on_oxigraph_and_rdflib(expected, corpus_engines):
    query = read(REPOSITORY / "queries" / expected.name.replace(".expected.csv", ".rq"))
    with expected.open(encoding="utf-8", newline="") as stream:
        rows = list(csv.reader(stream))
    for engine in corpus_engines:
        assert csv_rows(run_query(query, engine, query.example_params())) == rows, type(engine).__name__


def test_every_loaded_graph_is_named_as_load_names_it(oxigraph, rdflib_engine):
    assert oxigraph.graphs == rdflib_engine.graphs
    assert all(g.startswith(GRAPH_BASE) for g in oxigraph.graphs)


def test_engine_prefixes_are_argmaps_prefixes():
    from argmap.model.vocab import PREFIXES as BOUND

    assert PREFIXES == {prefix: str(namespace) for prefix, namespace in BOUND.items()}


def test_library_lists_every_query_by_name(repository):
    names = [q.name for q in catalogue(find_project(repository))]
    assert names == sorted(p.stem for p in QUERIES)
