"""`argmap query`: named queries, typed SPARQL, parameters bound as terms, refusals, errors, formats, endpoints."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pyoxigraph as ox
import pytest

from argmap import find_project
from argmap.sparql.engines import OxigraphEngine
from argmap.errors import QueryError
from argmap.sparql.library import find_query
from argmap.sparql.query import answer, run_query, typed_query
from sparql_server import SparqlServer

REPOSITORY = Path(__file__).resolve().parent.parent
BSJ = "https://w3id.org/argmap/source/butcher-sk-japan-freeze#"
ENT = "https://w3id.org/argmap/entity/"


def rows(article, name, **params) -> list[list[str]]:
    text, _ = answer(article, name, None, params, fmt="csv")
    return list(csv.reader(text.splitlines()))


def error_of(function, *args, **kwargs) -> str:
    with pytest.raises(QueryError) as raised:
        function(*args, **kwargs)
    return str(raised.value)


# --- parameters -------------------------------------------------------------------------------


def test_parameter_may_be_a_prefixed_name_a_full_iri_or_a_label(article):
    by_name = rows(article, "recommendations-for", actor="ent:australia")
    assert rows(article, "recommendations-for", actor=f"<{ENT}australia>") == by_name
    assert rows(article, "recommendations-for", actor=f"{ENT}australia") == by_name
    assert rows(article, "recommendations-for", actor="australia") == by_name
    assert len(by_name) == 3  # header and two recommendations


def test_parameter_may_be_an_alternative_label(article):
    assert rows(article, "claims-about", entity="DPRK") == rows(article, "claims-about", entity="ent:north-korea")


def test_label_that_names_several_nodes_says_which(article):
    message = error_of(answer, article, "claims-of-kind", None, {"kind": "premise"})
    assert "2 nodes are labelled 'premise': arg:Premise, arg:premise" in message
    assert "give the prefixed name of the one you mean" in message


def test_label_that_names_nothing_is_an_error(article):
    assert "nothing is labelled 'Atlantis'" in error_of(answer, article, "claims-about", None, {"entity": "Atlantis"})


def test_missing_parameter_is_named_with_its_type_and_an_example(article):
    message = error_of(answer, article, "premises-of", None, {})
    assert "parameter claim (IRI) is missing" in message
    assert "--param claim=VALUE (example: argmap query premises-of" in message


def test_unknown_parameter_lists_the_real_ones(article):
    assert "its parameters are: claim (IRI)" in error_of(answer, article, "premises-of", None, {"clam": "x"})


def test_ill_typed_literal_parameter_names_its_type(article_engine):
    query = typed_query("#+ params: year (integer)\nSELECT $year ?e WHERE { ?e ?p $year } ORDER BY ?e")
    assert "parameter year (integer) has the value 'recent', which is not of type integer" in error_of(
        run_query, query, article_engine, {"year": "recent"})


def test_typed_literal_parameter_is_bound_as_that_literal(article_engine):
    query = typed_query("#+ params: year (integer)\n"
                        "PREFIX arg: <https://w3id.org/argmap/ontology#>\n"
                        "SELECT $year ?event WHERE { ?event arg:startYear $year } ORDER BY ?event")
    table = run_query(query, article_engine, {"year": "2012"})
    assert [row[1].value for row in table.rows] == [f"{ENT}joint-naval-exercises", f"{ENT}trilateral-statement-2012"]


def test_injection_shaped_value_is_one_literal_and_matches_nothing(article_engine):
    query = typed_query("#+ params: text (string)\n"
                        "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
                        "SELECT $text ?node WHERE { ?node rdfs:label ?label FILTER(STR(?label) = $text) } ORDER BY ?node")
    table = run_query(query, article_engine, {"text": '" ) } ?node ?p ?o . { FILTER("1" = "1'})
    assert table.rows == ()


def test_optional_parameter_left_out_answers_for_all(article):
    everyone = rows(article, "agreements-binding")
    japan = rows(article, "agreements-binding", state="Japan")
    assert {row[0] for row in everyone[1:]} == {f"{ENT}{s}" for s in ("australia", "japan", "south-korea", "united-states")}
    assert japan[1:] == [row for row in everyone[1:] if row[0] == f"{ENT}japan"]


# --- errors -----------------------------------------------------------------------------------


def test_unknown_query_suggests_the_nearest_names(article):
    message = error_of(find_query, article, "premisses-of")
    assert "no query named 'premisses-of'" in message and "did you mean premises-of" in message
    assert "argmap query --list" in message and "threats-faced" not in message


def test_unknown_label_suggests_the_nearest_labels(article):
    message = error_of(run_query, find_query(article, "claims-about"), OxigraphEngine.from_project(article), {"entity": "Japn"})
    assert "nothing is labelled 'Japn'" in message and "did you mean Japan?" in message


def test_syntax_error_gives_line_and_column(article):
    assert "SPARQL syntax error at line 2, column" in error_of(answer, article, None, "SELECT ?c WHERE {\n  ?c a arg:Thesis . FILTER( }", {})


def test_syntax_error_gives_line_and_column_on_rdflib_too(article):
    assert "line 2, column" in error_of(answer, article, None, "SELECT ?c WHERE {\n  ?c a arg:Thesis . FILTER( }", {},
                                        engine="rdflib")


# --- refusals: nothing is fetched -------------------------------------------------------------


@pytest.mark.parametrize("template, refused", [
    ("SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }} ORDER BY ?s", "SERVICE is refused"),
    ("SELECT * FROM <{url}> WHERE {{ ?s ?p ?o }} ORDER BY ?s", "FROM <{url}> is refused"),
    ("SELECT * FROM NAMED <{url}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }} ORDER BY ?s", "FROM <{url}> is refused"),
    ("LOAD <{url}>", "LOAD is refused"),
])
def test_query_reaching_outside_is_refused_before_it_runs(template, refused, article, bystander):
    for engine in ("oxigraph", "rdflib"):
        message = error_of(answer, article, None, template.format(url=bystander.url), {}, engine=engine)
        assert refused.format(url=bystander.url) in message and "line 1, column" in message
    assert bystander.requests == []


def test_keywords_inside_strings_iris_and_comments_are_not_refused(article):
    text = ('# SERVICE and LOAD in a comment\nPREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n'
            'SELECT ?x WHERE { ?x rdfs:label ?l FILTER(?l = "LOAD FROM SERVICE") } ORDER BY ?x')
    output, _ = answer(article, None, text, {}, fmt="csv")
    assert output.splitlines() == ["x"]


def test_from_a_loaded_graph_is_allowed(article):
    text = ("PREFIX arg: <https://w3id.org/argmap/ontology#>\n"
            "SELECT ?t FROM <https://w3id.org/argmap/graph/butcher-sk-japan-freeze> WHERE { ?t a arg:Thesis } ORDER BY ?t")
    output, _ = answer(article, None, text, {}, fmt="csv")
    assert output.splitlines() == ["t", f"{BSJ}freeze-disrupts-us-alliances"]


# --- formats ----------------------------------------------------------------------------------


def test_json_output_is_w3c_sparql_results(article):
    text, _ = answer(article, "theses", None, {}, fmt="json")
    document = json.loads(text)
    assert document["head"]["vars"] == ["source", "title", "thesis", "label", "supports", "attacks"]
    assert document["results"]["bindings"][0]["supports"] == {
        "type": "literal", "value": "4", "datatype": "http://www.w3.org/2001/XMLSchema#integer"}
    assert document["results"]["bindings"][0]["label"]["xml:lang"] == "en"


@pytest.mark.parametrize("fmt", ["xml", "tsv"])
def test_xml_and_tsv_output_read_back_as_the_same_results(fmt, article, article_engine):
    text, _ = answer(article, "conflicts", None, {}, fmt=fmt)
    parsed = ox.parse_query_results(text, format=getattr(ox.QueryResultsFormat, fmt.upper()))
    table = run_query(find_query(article, "conflicts"), article_engine)
    assert [tuple(solution) for solution in parsed] == list(table.rows)


def test_construct_output_is_turtle_or_json_ld(article):
    turtle, _ = answer(article, "neighbourhood", None, {"claim": "bsj:bonds-now-in-doubt"})
    jsonld, _ = answer(article, "neighbourhood", None, {"claim": "bsj:bonds-now-in-doubt"}, fmt="jsonld")
    from_turtle = set(ox.parse(turtle, format=ox.RdfFormat.TURTLE))
    from_jsonld = set(ox.parse(jsonld, format=ox.RdfFormat.JSON_LD))
    assert len(from_turtle) == 37
    assert {q.triple for q in from_turtle if not isinstance(q.subject, ox.BlankNode)} == \
        {q.triple for q in from_jsonld if not isinstance(q.subject, ox.BlankNode)}


def test_output_is_the_same_bytes_every_time(article):
    first = answer(article, "neighbourhood", None, {"claim": "bsj:bonds-now-in-doubt"})
    assert all(answer(article, "neighbourhood", None, {"claim": "bsj:bonds-now-in-doubt"}) == first for _ in range(3))


# --- endpoint ---------------------------------------------------------------------------------


def test_endpoint_gives_the_same_answers_as_the_local_store(article, article_engine):
    with SparqlServer(article_engine.store) as server:
        for name, params in [("premises-of", {"claim": "bsj:us-australia-should-engage-both"}),
                             ("claims-about", {"entity": "GSOMIA"}), ("counts", {}), ("agreements-binding", {})]:
            remote = answer(article, None, find_query(article, name).text, params, endpoint=server.url, fmt="csv")
            assert remote == answer(article, name, None, params, fmt="csv")
        remote_graph = answer(article, None, find_query(article, "neighbourhood").text,
                              {"claim": "bsj:bonds-now-in-doubt"}, endpoint=server.url)
        assert remote_graph == answer(article, "neighbourhood", None, {"claim": "bsj:bonds-now-in-doubt"})
        assert len(server.requests) >= 5


def test_endpoint_refuses_from_since_it_cannot_know_its_graphs(bystander):
    assert "FROM is refused with --endpoint" in error_of(
        answer, None, None, "SELECT * FROM <urn:x> WHERE { ?s ?p ?o } ORDER BY ?s", {}, endpoint=bystander.url)
    assert bystander.requests == []


def test_unreachable_endpoint_is_a_clear_error():
    assert "cannot reach the endpoint http://127.0.0.1:9/query" in error_of(
        answer, None, None, "SELECT * WHERE { ?s ?p ?o } ORDER BY ?s", {}, endpoint="http://127.0.0.1:9/query")


# --- the command ------------------------------------------------------------------------------


def test_query_command_prints_a_table(argmap_cli):
    result = argmap_cli("query", "recommendations-for", "--param", "actor=Australia", "-C", REPOSITORY)
    assert result.returncode == 0, result.stderr
    assert "bsj:aim-to-stop-gap-widening" in result.stdout and result.stdout.endswith("2 rows\n")


def test_query_list_shows_titles_and_parameters(argmap_cli):
    result = argmap_cli("query", "--list", "-C", REPOSITORY)
    assert "premises-of  " in result.stdout and "Which premises does a claim rest on, directly?  [claim (IRI)]" in result.stdout
    assert "isolated-claim-violation" in result.stdout


def test_query_command_exits_2_with_one_line_on_a_bad_query(argmap_cli):
    result = argmap_cli("query", "--sparql", "SELECT ?x WHERE { SERVICE <http://example.org/> { ?x ?p ?o } }", "-C", REPOSITORY)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "SERVICE is refused" in result.stderr


def test_query_command_exits_1_when_a_check_finds_rows(mini, argmap_cli):
    mini.append("d:reb-self a arg:Rebuttal ; arg:attacker d:rain ; arg:target d:rain .")
    result = argmap_cli("query", "self-attack-violation", "-C", mini.root, "--format", "csv")
    assert result.returncode == 1
    assert result.stdout.splitlines()[1] == "https://w3id.org/argmap/source/doc#reb-self,its attacker is its target"


def test_query_command_has_help_with_an_example(argmap_cli):
    result = argmap_cli("query", "--help")
    assert result.returncode == 0 and "Example: argmap query premises-of" in result.stdout
