"""`argmap serve`: a real HTTP client against a running server on a free loopback port."""

from __future__ import annotations

import shutil
import subprocess
import sys
import threading
import time
import urllib.error

import httpx
import pyoxigraph as ox
import pytest
import rdflib
from SPARQLWrapper import JSON, POST, TURTLE, SPARQLWrapper

from argmap import find_project
from argmap.sparql.engines import OxigraphEngine
from argmap.sparql.library import find_query
from argmap.sparql.query import answer, run_query
from argmap.sparql.results import relabel
from argmap.serving.serve import Server, Settings

ALL_TRIPLES = "SELECT ?s ?p ?o WHERE { ?s ?p ?o } ORDER BY ?s ?p ?o"
# three copies of every triple joined with each other: about 10^9 rows to count, many seconds on the article
CROSS_PRODUCT = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    folder = tmp_path_factory.mktemp("pages")
    (folder / "index.html").write_text("<!DOCTYPE html><title>argmap pages</title>", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def server(article, pages):
    with Server(article, pages, Settings(port=0, timeout=5, max_rows=60)) as running:
        yield running


@pytest.fixture(scope="module")
def client(server):
    with httpx.Client(base_url=server.url, timeout=30) as http:
        yield http


def local_rows(article, name, **params):
    return relabel(run_query(find_query(article, name), OxigraphEngine.from_project(article), params)).rows


# --- the protocol -----------------------------------------------------------------------------


@pytest.mark.parametrize("media_type, fmt", [("application/sparql-results+json", "JSON"),
                                             ("application/sparql-results+xml", "XML"),
                                             ("text/tab-separated-values", "TSV")])
def test_select_answers_in_the_format_the_client_accepts(media_type, fmt, client, article):
    response = client.get("/sparql", params={"name": "conflicts"}, headers={"Accept": media_type})
    assert response.status_code == 200 and response.headers["content-type"].startswith(media_type)
    parsed = ox.parse_query_results(response.content, format=getattr(ox.QueryResultsFormat, fmt))
    assert [tuple(solution) for solution in parsed] == list(local_rows(article, "conflicts"))


def test_select_answers_in_csv(client, article):
    response = client.get("/sparql", params={"name": "conflicts"}, headers={"Accept": "text/csv"})
    assert response.headers["content-type"].startswith("text/csv")
    assert response.text == answer(article, "conflicts", None, {}, fmt="csv")[0]


@pytest.mark.parametrize("media_type, fmt", [("text/turtle", "turtle"), ("application/ld+json", "jsonld")])
def test_construct_answers_in_turtle_or_json_ld(media_type, fmt, client, article):
    params = {"name": "neighbourhood", "param": "claim=bsj:bonds-now-in-doubt"}
    response = client.get("/sparql", params=params, headers={"Accept": media_type})
    assert response.headers["content-type"].startswith(media_type)
    assert response.text == answer(article, "neighbourhood", None, {"claim": "bsj:bonds-now-in-doubt"}, fmt=fmt)[0]


def test_get_and_both_kinds_of_post_give_the_same_answer(client):
    text = find_query(find_project(), "theses").text
    by_get = client.get("/sparql", params={"query": text})
    by_form = client.post("/sparql", data={"query": text})
    by_body = client.post("/sparql", content=text, headers={"Content-Type": "application/sparql-query"})
    assert by_get.status_code == 200 and by_get.json()["results"]["bindings"]
    assert by_get.text == by_form.text == by_body.text


def test_accept_header_the_server_cannot_meet_is_406(client):
    response = client.get("/sparql", params={"name": "theses"}, headers={"Accept": "image/png"})
    assert response.status_code == 406 and "application/sparql-results+json" in response.text


def test_syntax_error_is_400_with_line_and_column(client):
    response = client.get("/sparql", params={"query": "SELECT ?x WHERE {\n ?x a FILTER( }"})
    assert response.status_code == 400 and "SPARQL syntax error at line 2" in response.text



def test_sparqlwrapper_reads_a_select_answer(server, article):
    endpoint = SPARQLWrapper(server.url + "/sparql", returnFormat=JSON)
    endpoint.setQuery(find_query(article, "conflicts").text)
    bindings = endpoint.queryAndConvert()["results"]["bindings"]
    assert len(bindings) == len(local_rows(article, "conflicts")) > 0
    assert {row["conflict"]["value"] for row in bindings} == {row[0].value for row in local_rows(article, "conflicts")}


def test_sparqlwrapper_reads_a_construct_answer_as_a_graph(server, article):
    endpoint = SPARQLWrapper(server.url + "/sparql", returnFormat=TURTLE)
    endpoint.setQuery("CONSTRUCT { ?c a arg:Thesis } WHERE { ?c a arg:Thesis }")
    graph = rdflib.Graph().parse(data=endpoint.queryAndConvert(), format="turtle")
    assert len(graph) == len(local_rows(article, "theses")) == 1


def test_sparqlwrapper_update_is_refused(server):
    endpoint = SPARQLWrapper(server.url + "/sparql")
    endpoint.setMethod(POST)
    endpoint.setQuery("INSERT DATA { <urn:a> <urn:b> <urn:c> }")
    with pytest.raises(urllib.error.HTTPError) as refusal:  # SPARQLWrapper wraps 400/401/404/500, not 403
        endpoint.query()
    assert refusal.value.code == 403 and "refused" in refusal.value.read().decode("utf-8")

# --- read-only, and nothing fetched -----------------------------------------------------------


@pytest.mark.parametrize("send", [
    lambda c: c.post("/sparql", content="INSERT DATA { <urn:a> <urn:b> <urn:c> }",
                     headers={"Content-Type": "application/sparql-update"}),
    lambda c: c.post("/sparql", data={"update": "INSERT DATA { <urn:a> <urn:b> <urn:c> }"}),
    lambda c: c.get("/sparql", params={"query": "INSERT DATA { <urn:a> <urn:b> <urn:c> }"}),
    lambda c: c.get("/sparql", params={"query": "DELETE WHERE { ?s ?p ?o }"}),
], ids=["update-body", "update-form", "insert-as-query", "delete-as-query"])
def test_update_is_refused_and_changes_nothing(send, client):
    response = send(client)
    assert response.status_code in (400, 403) and "refused" in response.text
    ask = client.get("/sparql", params={"query": "ASK { <urn:a> ?p ?o }"})
    assert ask.json()["boolean"] is False
    assert client.get("/sparql", params={"query": "ASK { ?s ?p ?o }"}).json()["boolean"] is True


@pytest.mark.parametrize("template, refused", [
    ("SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}", "SERVICE is refused"),
    ("SELECT * FROM <{url}> WHERE {{ ?s ?p ?o }}", "FROM <{url}> is refused"),
    ("SELECT * FROM NAMED <{url}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}", "FROM <{url}> is refused"),
    ("LOAD <{url}>", "LOAD is refused"),
])
def test_query_reaching_outside_is_refused_and_nothing_is_fetched(template, refused, client, bystander):
    response = client.post("/sparql", data={"query": template.format(url=bystander.url)})
    assert response.status_code == 400 and refused.format(url=bystander.url) in response.text
    assert bystander.requests == []


def test_default_graph_uri_is_refused(client, bystander):
    response = client.get("/sparql", params={"query": ALL_TRIPLES, "default-graph-uri": bystander.url})
    assert response.status_code == 400 and bystander.requests == []


# --- limits -----------------------------------------------------------------------------------


def test_slow_query_is_stopped_at_the_limit_while_another_is_answered(article, pages):
    with Server(article, pages, Settings(port=0, timeout=1.5, workers=2)) as running, \
            httpx.Client(base_url=running.url, timeout=30) as http:
        slow = {}

        def ask_slow():
            started = time.monotonic()
            slow["response"] = http.get("/sparql", params={"query": CROSS_PRODUCT})
            slow["seconds"] = time.monotonic() - started

        thread = threading.Thread(target=ask_slow)
        thread.start()
        assert running.pool.wait_busy(1, 10)
        fast = http.get("/sparql", params={"name": "theses"})
        assert fast.status_code == 200 and "slow" not in slow  # answered while the slow one still ran
        thread.join(30)
        assert slow["response"].status_code == 503 and "limit of 1.5 s and was stopped" in slow["response"].text
        assert 1.5 <= slow["seconds"] < 5
        assert http.get("/sparql", params={"name": "theses"}).status_code == 200  # and it goes on serving


def test_answer_over_the_row_cap_says_it_truncated(client):
    response = client.get("/sparql", params={"query": ALL_TRIPLES})
    document = response.json()
    assert response.headers["X-Argmap-Truncated"] == "true" and response.headers["X-Argmap-Max-Rows"] == "60"
    assert document["truncated"] is True and len(document["results"]["bindings"]) == 60


def test_answer_under_the_row_cap_is_not_flagged(client):
    response = client.get("/sparql", params={"name": "theses"})
    assert "X-Argmap-Truncated" not in response.headers and "truncated" not in response.json()


# --- who may call it --------------------------------------------------------------------------


def test_no_cors_headers_by_default(client):
    response = client.get("/sparql", params={"name": "theses"}, headers={"Origin": "https://example.org"})
    preflight = client.options("/sparql", headers={"Origin": "https://example.org", "Access-Control-Request-Method": "POST"})
    for answered in (response, preflight):
        assert not [h for h in answered.headers if h.lower().startswith("access-control-")]


def test_cors_answers_exactly_the_listed_origins_without_credentials(article, pages):
    settings = Settings(port=0, workers=1, cors=("https://maps.example",))
    with Server(article, pages, settings) as running, httpx.Client(base_url=running.url) as http:
        listed = http.get("/sparql", params={"name": "theses"}, headers={"Origin": "https://maps.example"})
        other = http.get("/sparql", params={"name": "theses"}, headers={"Origin": "https://evil.example"})
        preflight = http.options("/sparql", headers={"Origin": "https://maps.example",
                                                     "Access-Control-Request-Method": "POST"})
    assert listed.headers["Access-Control-Allow-Origin"] == "https://maps.example"
    assert "Access-Control-Allow-Origin" not in other.headers
    assert preflight.status_code == 204 and preflight.headers["Access-Control-Allow-Methods"] == "GET, POST"
    assert all("Access-Control-Allow-Credentials" not in r.headers for r in (listed, other, preflight))


def test_request_for_another_host_name_is_refused_on_loopback(client):
    """A page that rebinds its own domain name to 127.0.0.1 cannot read the answers."""
    response = client.get("/sparql", params={"name": "theses"}, headers={"Host": "attacker.example:80"})
    assert response.status_code == 403


def test_command_listens_on_loopback_unless_host_says_otherwise(first_article, tmp_path):
    article = tmp_path / "article"
    shutil.copytree(first_article, article)
    (article / "viz" / "out").mkdir(parents=True, exist_ok=True)
    (article / "viz" / "out" / "index.html").write_text("<title>built</title>", encoding="utf-8")
    process = subprocess.Popen([sys.executable, "-m", "argmap", "serve", "-C", str(article), "--port", "0", "--workers", "1"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = process.stdout.readline()
        assert " at http://127.0.0.1:" in line
        url = line.split(" at ")[1].split("/ ")[0]
        assert "built" in httpx.get(url + "/pages/", timeout=30).text
    finally:
        process.terminate()
        process.wait(10)
        process.stdout.close()
        process.stderr.close()
    assert Settings().host == "127.0.0.1"


# --- the pages --------------------------------------------------------------------------------


def test_query_page_is_self_contained_and_lists_the_library(client):
    page = client.get("/")
    assert page.status_code == 200 and "://" not in page.text and "innerHTML" not in page.text
    assert "connect-src 'self'" in page.headers["Content-Security-Policy"]
    names = [entry["name"] for entry in client.get("/library.json").json()]
    assert "premises-of" in names and "neighbourhood" in names


def test_built_pages_are_served_and_nothing_outside_them(client):
    assert "argmap pages" in client.get("/pages/index.html").text
    assert client.get("/pages/../../etc/passwd").status_code == 404
    assert client.get("/pages/%2e%2e/%2e%2e/etc/passwd").status_code == 404
