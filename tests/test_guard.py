"""The refusal of SERVICE, updates and FROM outside the loaded data, decided from rdflib's parse of the query.

Each hostile query here is run through `argmap query`'s library function (in this process, so without the
sandbox: the refusal alone must stop it) with a real SPARQL endpoint on loopback that must receive nothing.
"""

from __future__ import annotations

import pytest

from argmap.errors import QueryError
from argmap.sparql.guard import refuse_unsafe
from argmap.sparql.query import answer
from argmap.sparql.reading import read

LOADED = frozenset({"https://w3id.org/argmap/graph/butcher-sk-japan-freeze"})

# {url} is the loopback endpoint; each text is a valid SPARQL 1.1 query or update that would reach it.
REACHING_OUT = {
    "the issue's payload": r"PREFIX e: <urn:> SELECT * WHERE { BIND(e:a\# AS ?z) SERVICE SILENT <{url}> { ?s ?p ?o } }",
    "the payload through FROM": r"PREFIX e: <urn:> SELECT * FROM <{url}> WHERE { BIND(e:a\# AS ?z) ?s ?p ?o }",
    "lower case": "select * where { service <{url}> { ?s ?p ?o } }",
    "a variable endpoint": "SELECT * WHERE { BIND(<{url}> AS ?e) SERVICE ?e { ?s ?p ?o } }",
    "a VALUES endpoint": "SELECT * WHERE { VALUES ?e { <{url}> } SERVICE SILENT ?e { ?s ?p ?o } }",
    "a prefixed endpoint": "PREFIX l: <{url}> SELECT * WHERE { SERVICE l:x { ?s ?p ?o } }",
    "a relative endpoint": "BASE <{url}> SELECT * WHERE { SERVICE <x> { ?s ?p ?o } }",
    "in a subquery": "SELECT * WHERE { { SELECT ?s WHERE { SERVICE <{url}> { ?s ?p ?o } } } }",
    "in EXISTS": "ASK { FILTER(EXISTS { SERVICE <{url}> { ?s ?p ?o } }) }",
    "in NOT EXISTS in the projection": "SELECT (NOT EXISTS { SERVICE <{url}> { ?s ?p ?o } } AS ?x) {}",
    "in MINUS": "SELECT * WHERE { ?a ?b ?c MINUS { SERVICE <{url}> { ?a ?p ?o } } }",
    "in OPTIONAL": "SELECT * WHERE { OPTIONAL { SERVICE SILENT <{url}> { ?s ?p ?o } } }",
    "in UNION": "SELECT * WHERE { { ?a ?b ?c } UNION { SERVICE <{url}> { ?s ?p ?o } } }",
    "in GRAPH": "SELECT * WHERE { GRAPH ?g { SERVICE <{url}> { ?s ?p ?o } } }",
    "in ORDER BY": "SELECT * WHERE { ?s ?p ?o } ORDER BY (EXISTS { SERVICE <{url}> { ?s ?p ?o } })",
    "in HAVING": "SELECT ?s WHERE { ?s ?p ?o } GROUP BY ?s HAVING (EXISTS { SERVICE <{url}> { ?s ?p ?o } })",
    "nested services": "SELECT * { SERVICE <{url}> { ?s ?p ?o OPTIONAL { SERVICE <{url}> { ?s ?q ?r } } } }",
    "in CONSTRUCT": "CONSTRUCT { ?s ?p ?o } WHERE { SERVICE <{url}> { ?s ?p ?o } }",
    "in DESCRIBE": "DESCRIBE ?s WHERE { SERVICE <{url}> { ?s ?p ?o } }",
    "escaped keyword": r"SELECT * WHERE { \u0053ERVICE <{url}> { ?s ?p ?o } }",
    "escaped braces": r"SELECT * WHERE \u007B SERVICE <{url}> { ?s ?p ?o } \u007D",
    "after a carriage return in a comment": "SELECT * WHERE { ?s ?p # x\r ?o . SERVICE <{url}> { ?a ?b ?c } ?d ?e \n ?f }",
    "after an escaped line feed in a comment": "SELECT * WHERE { # x\\u000A SERVICE <{url}> { ?a ?b ?c } \n }",
    "FROM NAMED": "SELECT * FROM NAMED <{url}> WHERE { GRAPH ?g { ?s ?p ?o } }",
    "FROM a prefixed name": "PREFIX l: <{url}> SELECT * FROM l:x WHERE { ?s ?p ?o }",
    "FROM in ASK": "ASK FROM <{url}> { ?s ?p ?o }",
    "FROM in DESCRIBE": "DESCRIBE <urn:x> FROM <{url}>",
    "FROM in CONSTRUCT WHERE": "CONSTRUCT FROM <{url}> WHERE { ?s ?p ?o }",
    "LOAD": "LOAD <{url}>",
    "LOAD SILENT INTO": "LOAD SILENT <{url}> INTO GRAPH <urn:g>",
    "LOAD after another update": "CLEAR SILENT GRAPH <urn:g> ; LOAD <{url}>",
    "an update's SERVICE": "INSERT { ?s ?p ?o } WHERE { SERVICE <{url}> { ?s ?p ?o } }",
}


@pytest.mark.parametrize("name", REACHING_OUT)
def test_a_query_reaching_out_is_refused_and_nothing_is_fetched(name, article, bystander):
    text = REACHING_OUT[name].replace("{url}", bystander.url)
    for engine in ("oxigraph", "rdflib"):
        with pytest.raises(QueryError) as refusal:
            answer(article, None, text, {}, engine=engine)
        assert "is refused" in str(refusal.value) and "line " in str(refusal.value)
    assert bystander.requests == []


@pytest.mark.parametrize("text, refused", [
    ("INSERT DATA { <urn:a> <urn:b> <urn:c> }", "INSERT DATA is refused"),
    ("DELETE DATA { <urn:a> <urn:b> <urn:c> }", "DELETE DATA is refused"),
    ("DELETE WHERE { ?s ?p ?o }", "DELETE WHERE is refused"),
    ("WITH <urn:g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }", "WITH is refused"),
    ("INSERT { ?s ?p 1 } WHERE { ?s ?p ?o }", "INSERT is refused"),
    ("CLEAR ALL", "CLEAR is refused"),
    ("DROP GRAPH <urn:g>", "DROP is refused"),
    ("CREATE GRAPH <urn:g>", "CREATE is refused"),
    ("ADD <urn:a> TO <urn:b>", "ADD is refused"),
    ("MOVE DEFAULT TO <urn:b>", "MOVE is refused"),
    ("COPY <urn:a> TO DEFAULT", "COPY is refused"),
])
def test_every_update_form_is_refused(text, refused):
    with pytest.raises(QueryError, match=f"line 1, column 1: {refused}: argmap query only reads"):
        refuse_unsafe(text, LOADED)


def test_refusal_names_the_line_and_column_of_the_service():
    with pytest.raises(QueryError, match="line 3, column 3: SERVICE is refused"):
        refuse_unsafe("SELECT *\nWHERE {\n  SERVICE <urn:x> { ?s ?p ?o }\n}", LOADED)


def test_refusal_counts_columns_in_the_text_as_written_before_its_escapes():
    with pytest.raises(QueryError, match="line 1, column 32: SERVICE is refused"):
        refuse_unsafe(r"SELECT * WHERE { \u003Fa ?b ?c SERVICE <urn:x> { } }", LOADED)


def test_from_a_loaded_graph_is_allowed_written_any_way():
    allowed = (
        "SELECT * FROM <https://w3id.org/argmap/graph/butcher-sk-japan-freeze> { ?s ?p ?o }",
        "PREFIX g: <https://w3id.org/argmap/graph/> SELECT * FROM g:butcher-sk-japan-freeze { ?s ?p ?o }",
        "BASE <https://w3id.org/argmap/graph/> SELECT * FROM NAMED <butcher-sk-japan-freeze> { ?s ?p ?o }",
    )
    for text in allowed:
        assert refuse_unsafe(text, LOADED).form == "SELECT"


def test_from_a_graph_through_an_argmap_prefix_is_resolved_before_it_is_judged():
    with pytest.raises(QueryError, match="FROM <https://w3id.org/argmap/entity/japan> is refused"):
        refuse_unsafe("SELECT * FROM ent:japan { ?s ?p ?o }", LOADED, prefixes={"ent": "https://w3id.org/argmap/entity/"})


def test_keywords_inside_strings_iris_and_comments_are_data():
    text = ('# SERVICE <urn:x> {}\nPREFIX e: <urn:e#SERVICE>\n'
            'SELECT ?x WHERE { ?x e:LOAD "FROM <urn:x> SERVICE" FILTER(?x != <urn:a#b>) } # LOAD <urn:y>')
    assert refuse_unsafe(text, LOADED).form == "SELECT"


def test_a_query_the_parser_cannot_read_is_refused_with_line_column_and_what_was_expected():
    with pytest.raises(QueryError) as refusal:
        refuse_unsafe("SELECT ?c WHERE {\n  ?c a <urn:x> . FILTER( }", LOADED)
    assert "SPARQL syntax error at line 2, column" in str(refusal.value) and "Expected" in str(refusal.value)


def test_escapes_are_expanded_as_the_grammar_says_four_digits_after_u(article):
    """rdflib alone reads \\u00410041 as one character of eight digits; SPARQL reads A then 0041."""
    output, _ = answer(article, None, r'SELECT ?x WHERE { BIND("\u00410041\U0001F600" AS ?x) }', {}, fmt="csv")
    assert output.splitlines() == ["x", "A0041\U0001F600"]


def test_an_escape_that_makes_another_escape_is_refused():
    with pytest.raises(QueryError, match="an escape that makes another escape"):
        refuse_unsafe(r'SELECT * WHERE { ?s ?p "\u005Cu0041" }', LOADED)


@pytest.mark.parametrize("escape", [r"\uD800", r"\U00110000"])
def test_an_escape_of_no_character_is_refused(escape):
    with pytest.raises(QueryError, match="is not a Unicode character"):
        refuse_unsafe(f'SELECT * WHERE {{ ?s ?p "{escape}" }}', LOADED)


def test_a_comment_ends_at_a_carriage_return_as_the_grammar_says_and_the_engines_run_it_blanked():
    reading = read("SELECT * WHERE { ?s ?p ?o # a\r}\n# b\n")
    assert reading.text == "SELECT * WHERE { ?s ?p ?o    \r}\n   \n"


def test_a_nested_service_is_read_although_rdflibs_own_parse_recurses_without_end():
    text = "SELECT * { SERVICE <urn:a> { ?s ?p ?o OPTIONAL { SERVICE <urn:b> { ?s ?q ?r } } } }"
    with pytest.raises(QueryError, match="line 1, column 12: SERVICE is refused"):
        refuse_unsafe(text, LOADED)


def test_a_query_nested_beyond_the_parser_is_refused_clearly():
    text = "SELECT * WHERE " + "{ " * 200 + "?s ?p ?o" + " }" * 200
    with pytest.raises(QueryError, match="nests too deeply"):
        refuse_unsafe(text, LOADED)


def test_parameters_are_the_dollar_variables_wherever_they_stand():
    reading = read('SELECT $a ?b WHERE { $a ?b "$c" . FILTER(?b != <urn:x?$d>) } # $e')
    assert reading.parameters == {"a"} and reading.variables == {"b"}


def test_the_endpoint_binding_goes_first_in_the_outer_where_of_every_query_form():
    from argmap.sparql.reading import bind_first

    block = "BIND(<urn:v> AS ?x)"
    cases = {
        "SELECT (EXISTS { ?a ?b ?c } AS ?e) $x WHERE { $x ?p ?o { SELECT ?y WHERE { ?y ?p ?o } } }":
            "SELECT (EXISTS { ?a ?b ?c } AS ?e) $x WHERE {BIND(<urn:v> AS ?x) $x ?p ?o { SELECT ?y WHERE { ?y ?p ?o } } }",
        "SELECT * { SELECT $x { $x ?p ?o } }": "SELECT * {BIND(<urn:v> AS ?x) { SELECT $x { $x ?p ?o } } }",
        "CONSTRUCT WHERE { $x ?p ?o }": "CONSTRUCT { $x ?p ?o  }  WHERE {BIND(<urn:v> AS ?x) $x ?p ?o }",
        "DESCRIBE $x ORDER BY $x": "DESCRIBE $x  WHERE {BIND(<urn:v> AS ?x) } ORDER BY $x",
        "ASK # {\n{ $x ?p ?o }": "ASK    \n{BIND(<urn:v> AS ?x) $x ?p ?o }",
    }
    for text, bound in cases.items():
        assert bind_first(read(text), block) == bound


def test_offsets_count_a_tab_as_one_character():
    reading = read("SELECT *\tWHERE {\t?s ?p ?o } # note\n")
    comment_free = reading.text
    assert comment_free == "SELECT *\tWHERE {\t?s ?p ?o }       \n"
    assert reading.first("where").start == comment_free.index("{")


def test_the_readme_shows_the_refusal_the_command_gives(repository, argmap_cli):
    readme = (repository / "README.md").read_text(encoding="utf-8")
    command, shown = readme.split("### Nothing a query says reaches out\n\n```sh\n$ ", 1)[1].split("\n")[:2]
    text = command.split("--sparql '", 1)[1].rsplit("'", 1)[0]
    result = argmap_cli("query", "--sparql", text, "-C", repository)
    assert result.returncode == 2 and result.stderr.strip() == shown


@pytest.mark.parametrize("text", [
    "SELECT $claim ?label WHERE { $claim rdfs:label ?label } ORDER BY ?label",
    "SELECT * { SELECT $claim ?label { $claim rdfs:label ?label } }",
    "CONSTRUCT WHERE { $claim rdfs:label ?label }",
    "ASK { $claim rdfs:label ?label FILTER(LANG(?label) = 'en') }",
    "DESCRIBE $claim",
])
def test_an_endpoint_gets_the_parameters_in_every_query_form_and_answers_as_the_local_store(text, article, article_engine):
    from sparql_server import SparqlServer

    params = {"claim": "bsj:bonds-now-in-doubt"}
    with SparqlServer(article_engine.store) as server:
        assert answer(article, None, text, params, endpoint=server.url) == answer(article, None, text, params)


def test_a_long_block_of_triple_patterns_is_read_although_rdflibs_grammar_recurses_once_a_triple():
    triples = " ".join(f"?s{i} <urn:p> ?o{i} ." for i in range(300))
    reading = read(f"SELECT * WHERE {{ {triples} }}")
    assert len(reading.tree[1]["where"]["part"][0]["triples"]) == 300


def test_a_doubled_dot_between_triple_patterns_is_still_a_syntax_error():
    with pytest.raises(QueryError, match="SPARQL syntax error"):
        read("SELECT * WHERE { ?s ?p ?o . . ?a ?b ?c }")


def test_queries_are_read_in_many_threads_at_once_as_argmap_serve_does():
    from concurrent.futures import ThreadPoolExecutor

    texts = [f"SELECT $p{i} WHERE {{ $p{i} ?q ?o{i} # {i}\n FILTER(?o{i} != 'x') }}" for i in range(40)]
    with ThreadPoolExecutor(8) as pool:
        readings = list(pool.map(read.__wrapped__, texts))  # not the cache: every one parsed
    assert [r.parameters for r in readings] == [{f"p{i}"} for i in range(40)]
    assert all(r.first("where").start == r.text.index("{") for r in readings)


def test_the_refused_from_is_named_where_it_stands():
    text = ("PREFIX g: <https://w3id.org/argmap/graph/>\nSELECT *\nFROM g:butcher-sk-japan-freeze\n"
            "FROM NAMED g:elsewhere\nWHERE { ?s ?p ?o }")
    with pytest.raises(QueryError, match="line 4, column 1: FROM <https://w3id.org/argmap/graph/elsewhere> is refused"):
        refuse_unsafe(text, LOADED)
