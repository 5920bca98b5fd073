"""Inputs past what one of argmap's libraries can take: answered where another part can take them, else one line
that says which part cannot and what to do instead, exit 2."""

from __future__ import annotations

import pytest

from argmap import find_project
from argmap.sparql.engines import OxigraphEngine
from refusal import refused_in_one_line

BIG = 17 * 1024 * 1024  # over the 16 MiB Oxigraph's Turtle parser holds of one token


@pytest.fixture
def big_literal(mini):
    """The small project with a comment of 17 MiB (a whole book pasted into rdfs:comment)."""
    mini.replace('rdfs:comment "There are no clouds."@en', 'rdfs:comment "' + "cloudless " * (BIG // 10) + '"@en')
    return mini


def test_a_literal_over_16_mib_is_loaded_into_the_embedded_store(big_literal):
    engine = OxigraphEngine.from_project(find_project(big_literal.root))
    table = engine.run('SELECT (STRLEN(?c) AS ?n) WHERE { d:blue rdfs:comment ?c }', {}, "test")
    assert [int(row[0].value) for row in table.rows] == [len("cloudless " * (BIG // 10))]


def test_a_literal_over_16_mib_is_checked_like_any_other(big_literal, argmap_cli):
    done = argmap_cli("check", "-C", big_literal.root)
    assert (done.returncode, done.stdout.strip(), done.stderr) == (0, "ok: the data conforms", "")


def test_a_query_rdflib_cannot_evaluate_says_so_and_names_the_other_engine(argmap_cli):
    query = 'SELECT (SUM(?x) AS ?total) WHERE { VALUES ?x { 1 "one" } }'  # an error SPARQL leaves unbound; rdflib raises
    line = refused_in_one_line(argmap_cli("query", "--engine", "rdflib", "--sparql", query), "--sparql", "--engine oxigraph")
    assert "rdflib's engine cannot run the query" in line
    assert argmap_cli("query", "--sparql", query).returncode == 0  # Oxigraph answers it


def test_a_query_rdflib_cannot_parse_gives_line_and_column(argmap_cli):
    query = "SELECT * WHERE {\n  << ?s ?p ?o >> ?q ?r }"  # a quoted triple (SPARQL-star): Oxigraph reads it, rdflib does not
    refused_in_one_line(argmap_cli("query", "--engine", "rdflib", "--sparql", query), "--sparql", "line 2")
