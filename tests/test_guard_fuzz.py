"""Property: a query that uses SERVICE or FROM, however it is written, is refused and reaches nothing.

Hypothesis writes valid SPARQL 1.1 around a SERVICE or FROM aimed at a loopback listener: keywords in any
case, any character of the code as a `\\u`/`\\U` escape (expanded before parsing, as SPARQL says), comments
ending at a line feed or a carriage return, prefixed names with escapes (`e:a\\#`) and strings holding `#`
before it, the SERVICE nested in groups, OPTIONAL, UNION, MINUS, EXISTS, GRAPH, subqueries or another
SERVICE, with an IRI, a prefixed name or a variable as endpoint. Each runs on Oxigraph in this process
(no sandbox: the refusal alone must stop it) and must be refused for SERVICE or FROM, and the listener
must receive no connection.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argmap.errors import QueryError
from argmap.sparql.query import run_query, typed_query

SEPARATORS = [" ", "\t", "\n", "\r", "\r\n", " # note\n", " # note\r", "#\r\n", " # SERVICE <urn:x> {\n",
              " # } \r", "\\u0020", "\\u0009", " #\\u000A", " # x\\u000D", "\n\n  "]
DISTRACTORS = [r"BIND(e:a\# AS ?z)", r"BIND(e:a\.b\- AS ?z)", '?x e:p "# not a comment" .',
               "?x e:p '''a\n# b''' .", "FILTER(?x != <urn:a#b>)", "?x e:p \"\\\"\" .", "BIND(-1.0 AS ?n)"]
WRAPPERS = ["{{ {} }}", "OPTIONAL {{ {} }}", "{{ ?a ?b ?c }} UNION {{ {} }}", "?a ?b ?c MINUS {{ {} }}",
            "FILTER(EXISTS {{ {} }})", "FILTER NOT EXISTS {{ {} }}", "GRAPH ?g {{ {} }}",
            "{{ SELECT * WHERE {{ {} }} }}", "SERVICE SILENT <urn:x> {{ {} }}"]


@st.composite
def written(draw, word: str, keyword: bool = False) -> str:
    """`word` with random case (for a keyword) and any of its characters as a \\u or \\U escape."""
    out = []
    for char in word:
        if keyword and char.isalpha():
            char = draw(st.sampled_from([char.lower(), char.upper()]))
        how = draw(st.sampled_from(["plain", "plain", "plain", "u", "U"]))
        if how == "u":
            char = draw(st.sampled_from(["\\u%04X", "\\u%04x"])) % ord(char)
        elif how == "U":
            char = "\\U%08X" % ord(char)
        out.append(char)
    return "".join(out)


@st.composite
def joined(draw, *tokens: tuple[str, bool]) -> str:
    """The tokens, each written in any way, with any separator between them."""
    parts = [draw(written(token, keyword)) for token, keyword in tokens]
    return "".join(part + draw(st.sampled_from(SEPARATORS)) for part in parts)


@st.composite
def hostile_queries(draw, url: str) -> str:
    prologue = f"PREFIX e: <urn:e#>\nPREFIX l: <{url.rsplit('/', 1)[0]}/>\n"
    before = " ".join(draw(st.lists(st.sampled_from(DISTRACTORS), max_size=3)))
    if draw(st.booleans()):  # SERVICE, wrapped
        endpoint = draw(st.sampled_from([f"<{url}>", "l:sparql", "?endpoint"]))
        tokens = [("SERVICE", True)] + ([("SILENT", True)] if draw(st.booleans()) else [])
        pattern = draw(joined(*tokens, (endpoint, False), ("{", False), ("?s", False), ("?p", False), ("?o", False),
                              ("}", False)))
        if endpoint == "?endpoint":
            pattern = draw(st.sampled_from([f"BIND(<{url}> AS ?endpoint) ", f"VALUES ?endpoint {{ <{url}> }} "])) + pattern
        for wrapper in draw(st.lists(st.sampled_from(WRAPPERS), max_size=3)):
            pattern = wrapper.format(pattern)
        dataset = ""
    else:  # FROM or FROM NAMED
        target = draw(st.sampled_from([f"<{url}>", "l:sparql"]))
        named = [("NAMED", True)] if draw(st.booleans()) else []
        dataset = draw(joined(("FROM", True), *named, (target, False)))
        pattern = "?s ?p ?o"
    form = draw(st.sampled_from(["SELECT * {dataset}WHERE {{ {body} }}", "ASK {dataset}{{ {body} }}",
                                 "CONSTRUCT {{ ?s ?p ?o }} {dataset}WHERE {{ {body} }}",
                                 "DESCRIBE ?s {dataset}WHERE {{ {body} }}"]))
    return prologue + form.format(dataset=dataset, body=f"{before} {pattern}")


@pytest.fixture(scope="module")
def loopback():
    from listener import Listener

    with Listener() as running:
        yield running


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_service_or_from_however_written_is_refused_and_reaches_nothing(data, loopback, article_engine):
    text = data.draw(hostile_queries(loopback.url))
    with pytest.raises(QueryError) as refusal:
        run_query(typed_query(text), article_engine)
    assert "SERVICE is refused" in str(refusal.value) or "FROM <" in str(refusal.value), str(refusal.value)
    assert loopback.connections == 0


DATA = "<urn:a> <urn:p> \"x#y\" .\n<urn:a> <urn:q> \"1\" .\n<urn:b> <urn:p> \"z\" .\n<urn:c> <urn:q> \"2\" .\n"
QUERIES = [
    ["SELECT", "?s", "?o", "WHERE", "{", "?s", "<urn:p>", "?o", "}", "ORDER", "BY", "?s"],
    ["SELECT", "?s", "WHERE", "{", "?s", "?p", "?o", "FILTER", "(", "?o", "!=", '"x#y"', ")", "}", "ORDER", "BY", "?s"],
    ["SELECT", "?s", "(", "COUNT", "(", "?o", ")", "AS", "?n", ")", "WHERE", "{", "?s", "?p", "?o", "}",
     "GROUP", "BY", "?s", "ORDER", "BY", "?s"],
    ["SELECT", "?s", "WHERE", "{", "?s", "<urn:q>", "?o", "}", "ORDER", "BY", "DESC", "(", "?s", ")", "LIMIT", "1"],
]


@st.composite
def noisy_queries(draw) -> str:
    tokens = draw(st.sampled_from(QUERIES))
    return draw(joined(*[(token, token.isalpha()) for token in tokens]))


@pytest.fixture(scope="module")
def both_engines():
    import pyoxigraph as ox
    from rdflib import Graph

    store = ox.Store()
    store.load(DATA, format=ox.RdfFormat.N_TRIPLES)
    return store, Graph().parse(data=DATA, format="nt")


@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_oxigraph_and_rdflib_read_the_text_argmap_runs_alike(data, both_engines):
    """A disagreement between the two parsers would show as different answers to the same text."""
    from argmap.sparql.reading import read

    store, graph = both_engines
    text = read(data.draw(noisy_queries())).text
    on_oxigraph = [tuple(term.value for term in row) for row in store.query(text)]
    on_rdflib = [tuple(str(term) for term in row) for row in graph.query(text)]
    assert on_oxigraph == on_rdflib
