"""`argmap serve`: a real HTTP client against a running server on a free loopback port."""

from __future__ import annotations

import http.client
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import urllib.error
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest
import rdflib
from SPARQLWrapper import JSON, POST, TURTLE, SPARQLWrapper

from argmap import find_project
from argmap.sparql.engines import OxigraphEngine
from argmap.sparql.library import find_query
from argmap.sparql.query import answer, run_query, typed_query
from argmap.sparql.results import relabel
from argmap.serving.serve import Server, Settings

ALL_TRIPLES = "SELECT ?s ?p ?o WHERE { ?s ?p ?o } ORDER BY ?s ?p ?o"
# three copies of every triple joined with each other: about 10^9 rows to count, many seconds on the article
CROSS_PRODUCT = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    folder = tmp_path_factory.mktemp("pages")
    (folder / "index.html").write_text("<!DOCTYPE html><title>argmap pages</title>", encoding="utf-8")
    (folder / "carte-é.html").write_text("<!DOCTYPE html><title>une carte</title>", encoding="utf-8")
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
        thread = threading.Thread(target=lambda: slow.update(response=http.get("/sparql", params={"query": CROSS_PRODUCT})))
        thread.start()
        assert running.pool.wait_busy(1, 10)
        fast = http.get("/sparql", params={"name": "theses"})
        assert fast.status_code == 200 and "response" not in slow  # answered while the slow one still ran
        thread.join(30)
        assert slow["response"].status_code == 503 and "limit of 1.5 s and was stopped" in slow["response"].text
        assert slow["response"].headers["Retry-After"] == "1"
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


def descendants(pid: int) -> list[int]:
    """The processes `pid` started, from any of its threads, and those they started."""
    found = []
    for thread in Path(f"/proc/{pid}/task").iterdir():
        try:
            found += [int(child) for child in (thread / "children").read_text().split()]
        except FileNotFoundError:  # a thread that ended meanwhile
            pass
    return found + [grandchild for child in found if running_process(child) for grandchild in descendants(child)]


def running_process(pid: int) -> bool:
    """Whether a process still runs (an exited one nobody has reaped yet does not)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="reads the process tree from /proc")
def test_killed_server_leaves_no_query_running(first_article, tmp_path):
    article = tmp_path / "article"
    shutil.copytree(first_article, article)
    (article / "viz" / "out").mkdir(parents=True, exist_ok=True)
    (article / "viz" / "out" / "index.html").write_text("<title>built</title>", encoding="utf-8")
    process = subprocess.Popen([sys.executable, "-m", "argmap", "serve", "-C", str(article), "--port", "0", "--workers", "1",
                                "--timeout", "600", "--slow-after", "0.2"],
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        url = process.stdout.readline().split(" at ")[1].split("/ ")[0]
        heavy = threading.Thread(target=lambda: pytest.raises(httpx.HTTPError, httpx.get, url + "/sparql",
                                                              params={"query": CROSS_PRODUCT}, timeout=600))
        heavy.start()
        workers = descendants(process.pid)
        for _ in range(600):  # until the heavy query is in the slow lane
            if any(os.getpriority(os.PRIO_PROCESS, pid) == 19 for pid in workers if running_process(pid)):
                break
            threading.Event().wait(0.05)
            workers = descendants(process.pid)
    finally:
        process.kill()
        process.wait(10)
        process.stdout.close()
    heavy.join(60)
    for _ in range(600):  # each worker ends with the server, the slow one mid-query (it would run for minutes)
        if not any(running_process(pid) for pid in workers):
            break
        threading.Event().wait(0.05)
    assert workers and not any(running_process(pid) for pid in workers)


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


def test_library_names_a_query_never_a_file(client):
    """`name` is looked up in the library: a path would read any file on the machine as a query."""
    for path in ("/sparql", "/draw"):
        for name in ("/etc/passwd", "../../../../etc/hostname", "queries/theses.rq"):
            response = client.get(path, params={"name": name})
            assert response.status_code == 404 and "no library query" in response.text


# --- hostile clients: every malformed request gets a status, never a dropped connection -------


def exchange(server, data: bytes, *, method: str = "GET") -> http.client.HTTPResponse:
    """Send raw bytes on a new connection and read the answer with the standard library's HTTP parser."""
    host, port = server.httpd.server_address[:2]
    with socket.create_connection((host, port), timeout=30) as connection:
        connection.sendall(data)
        response = http.client.HTTPResponse(connection, method=method)
        response.begin()
        response.body = response.read()
        return response


def request(target: bytes, *headers: bytes, method: bytes = b"GET", body: bytes = b"", host=b"127.0.0.1") -> bytes:
    lines = [method + b" " + target + b" HTTP/1.1", *([b"Host: " + host] if host else []), *headers]
    return b"\r\n".join(lines) + b"\r\n\r\n" + body


QUERY = (b"Content-Type: application/sparql-query",)


@pytest.mark.parametrize("data, status, says", [
    (request(b"/sparql", *QUERY, b"Content-Length: -5", method=b"POST", body=b"ASK {}"), 400, "Content-Length"),
    (request(b"/sparql", *QUERY, b"Content-Length: abc", method=b"POST"), 400, "Content-Length"),
    (request(b"/sparql", *QUERY, b"Content-Length: 1_0", method=b"POST"), 400, "Content-Length"),
    (request(b"/sparql", *QUERY, b"Content-Length: +6", method=b"POST", body=b"ASK {}"), 400, "Content-Length"),
    (request(b"/sparql", *QUERY, b"Content-Length: 6", b"Content-Length: 7", method=b"POST", body=b"ASK {}"),
     400, "Content-Length"),
    (request(b"/sparql", *QUERY, b"Content-Length: 99999999999999999999", method=b"POST"), 413, "over 1000000"),
    (request(b"/sparql", *QUERY, b"Expect: 100-continue", b"Content-Length: 5000000", method=b"POST"),
     413, "over 1000000"),
    (request(b"/sparql", *QUERY, b"Transfer-Encoding: chunked", method=b"POST", body=b"6\r\nASK {}\r\n0\r\n\r\n"),
     411, "Content-Length"),
    (request(b"/sparql", *QUERY, b"Transfer-Encoding: chunked", b"Content-Length: 6", method=b"POST",
             body=b"ASK {}"), 400, "both"),
    (request(b"/sparql", b"Content-Type: text/plain", b"Content-Length: 6", method=b"POST", body=b"ASK {}"),
     415, "application/sparql-query"),
    (request(b"/pages/a%00b.html"), 400, "NUL"),
    (request(b"/pages/a\x00b.html"), 400, "control character"),
    (request(b"/pages/%zz.html"), 400, "percent-escape"),
    (request(b"/pages/%4"), 400, "percent-escape"),
    (request(b"/pages/%ff.html"), 400, "UTF-8"),
    (request(b"/sparql?query=%ff"), 400, "UTF-8"),
    (request(b"/sparql?" + b"a&" * 2000), 400, "fields"),
    (request(b"/sparql?query=" + b"x" * 70_000), 414, "POST"),
    (request(b"/", b"X-Long: " + b"y" * 70_000), 431, "64 KiB"),
    (request(b"/", *[b"X-Many: y"] * 101), 431, "100 headers"),
    (b"GET / HTTP/9\r\nHost: 127.0.0.1\r\n\r\n", 400, "version"),
    (b"GET / HTTP/2.0\r\nHost: 127.0.0.1\r\n\r\n", 505, "HTTP version"),
    (b"GET\r\nHost: 127.0.0.1\r\n\r\n", 400, "syntax"),
    (request(b"/", method=b"TRACE"), 501, "GET, HEAD, POST, OPTIONS"),
    (request(b"/", method=b"DELETE"), 405, "read-only"),
    (request(b"/", host=None), 400, "Host"),
    (request(b"/", b"Host: 127.0.0.1"), 400, "Host"),
    (request(b"/", host=b"[::1"), 400, "Host"),
    (request(b"http://attacker.example/sparql?name=theses"), 403, "attacker.example"),
], ids=["negative-length", "word-length", "underscore-length", "signed-length", "two-lengths", "huge-length",
        "expect-huge", "chunked", "chunked-and-length", "other-type", "escaped-nul", "raw-nul", "broken-escape",
        "short-escape", "not-utf8-path", "not-utf8-query", "too-many-fields", "long-query-string", "long-header",
        "many-headers", "bad-version", "http2", "one-word", "trace", "delete", "no-host", "two-hosts",
        "broken-host", "absolute-form-elsewhere"])
def test_malformed_request_gets_a_plain_status(data, status, says, server, client):
    response = exchange(server, data)
    assert response.status == status and says in response.body.decode("utf-8")
    assert response.getheader("Content-Type").startswith("text/plain")
    assert client.get("/sparql", params={"name": "theses"}).status_code == 200  # and the server goes on


def test_chunked_body_is_not_read_as_the_next_request(server):
    """A body the server does not read would otherwise be taken for a request of its own (request smuggling)."""
    smuggled = request(b"/sparql?name=theses")
    with connect(server) as connection:
        connection.sendall(request(b"/sparql", *QUERY, b"Transfer-Encoding: chunked", method=b"POST",
                                   body=b"%x\r\n" % len(smuggled) + smuggled + b"\r\n0\r\n\r\n"))
        received = read_to_end(connection)
    assert received.startswith(b"HTTP/1.1 411 ") and received.count(b"HTTP/1.1 ") == 1


def test_body_of_a_get_is_read_and_not_taken_for_a_request(server):
    smuggled = request(b"/sparql?name=theses")
    connection = http.client.HTTPConnection(*server.httpd.server_address[:2], timeout=30)
    try:
        connection.request("GET", "/library.json", body=smuggled)
        first = connection.getresponse()
        first.read()
        connection.request("GET", "/prefixes.json")
        second = connection.getresponse()
        assert first.status == second.status == 200 and second.read() == server.prefixes  # not the smuggled answer
    finally:
        connection.close()


def test_non_ascii_path_finds_its_page_raw_or_percent_encoded(server):
    raw = exchange(server, request("/pages/carte-é.html".encode("utf-8")))
    escaped = exchange(server, request(b"/pages/carte-%C3%A9.html"))
    assert raw.status == escaped.status == 200
    assert b"une carte" in raw.body and raw.body == escaped.body
    assert exchange(server, request("/pages/ничего.html".encode("utf-8"))).status == 404


def test_head_gives_the_headers_of_get_without_a_body(client):
    for path, params in (("/", {}), ("/sparql", {"name": "theses"}), ("/pages/", {})):
        got, head = client.get(path, params=params), client.head(path, params=params)
        assert head.status_code == got.status_code == 200 and head.content == b""
        assert head.headers["Content-Length"] == str(len(got.content))
        assert head.headers["Content-Type"] == got.headers["Content-Type"]


def test_absurd_accept_headers_are_answered(client):
    many = ", ".join(f"x-{n}/y-{n};q=0.5" for n in range(3000)) + ", text/csv;q=0.001"
    assert client.get("/sparql", params={"name": "theses"}, headers={"Accept": many}).headers[
        "Content-Type"].startswith("text/csv")
    for absurd in ("text/csv;q=inf", "text/csv;q=nan", "text/csv;q=1e3", "text/csv;q=2", ";;;,,,*", "\u00e9/\u00e9"):
        response = client.get("/sparql", params={"name": "theses"}, headers={"Accept": absurd.encode("utf-8")})
        assert response.status_code == 406 and "accept one of" in response.text


def test_accept_headers_given_twice_are_read_together(server):
    response = exchange(server, request(b"/sparql?name=theses", b"Accept: image/png", b"Accept: text/csv"))
    assert response.status == 200 and response.getheader("Content-Type").startswith("text/csv")


# --- hostile clients: slow ones, and many connections -----------------------------------------


@pytest.fixture(scope="module")
def impatient(article, pages):
    """A server that gives a client half a second to start a request, and half a second to send it whole."""
    with Server(article, pages, Settings(port=0, workers=1, spares=0, client_timeout=0.5)) as running:
        yield running


def connect(server) -> socket.socket:
    return socket.create_connection(server.httpd.server_address[:2], timeout=30)


def read_to_end(connection: socket.socket) -> bytes:
    received = b""
    while chunk := connection.recv(65536):
        received += chunk
    return received


def test_idle_connection_is_closed(impatient):
    with connect(impatient) as connection:
        assert read_to_end(connection) == b""


def test_idle_connection_after_an_answer_is_closed(impatient):
    with connect(impatient) as connection:
        connection.sendall(request(b"/prefixes.json"))
        answer = http.client.HTTPResponse(connection)
        answer.begin()
        answer.read()
        assert answer.status == 200 and read_to_end(connection) == b""


def test_half_sent_request_gets_408(impatient):
    with connect(impatient) as connection:
        connection.sendall(b"GET /sparql?name=theses HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        assert read_to_end(connection).startswith(b"HTTP/1.1 408 ")


def test_half_sent_body_gets_408(impatient):
    with connect(impatient) as connection:
        connection.sendall(request(b"/sparql", *QUERY, b"Content-Length: 100", method=b"POST", body=b"ASK {"))
        assert read_to_end(connection).startswith(b"HTTP/1.1 408 ")


def test_request_sent_a_byte_at_a_time_gets_408(impatient):
    """Slowloris: each byte comes well within the time-out, but the request never ends."""
    stop = threading.Event()
    with connect(impatient) as connection:
        def drip():
            connection.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
            try:
                while not stop.wait(0.05):
                    connection.sendall(b"y")
            except OSError:
                pass

        dripping = threading.Thread(target=drip)
        dripping.start()
        try:
            received = read_to_end(connection)
        finally:
            stop.set()
            dripping.join()
    assert received.startswith(b"HTTP/1.1 408 ")


def test_client_gone_before_its_answer_leaves_the_server_serving(impatient):
    with connect(impatient) as connection:
        connection.sendall(request(b"/sparql?name=theses"))
    assert exchange(impatient, request(b"/sparql?name=theses")).status == 200


def test_connections_over_the_cap_get_503_and_others_are_served_again(article, pages):
    with Server(article, pages, Settings(port=0, workers=1, spares=0, max_connections=4)) as crowded:
        held = []
        try:
            for _ in range(4):  # each sends half a request, and holds its place
                held.append(connect(crowded))
                held[-1].sendall(b"GET / HTTP/1.1\r\n")
            refused = exchange(crowded, request(b"/prefixes.json"))
            assert refused.status == 503 and b"too many connections" in refused.body
            assert refused.getheader("Retry-After") == "1"
        finally:
            for connection in held:
                connection.close()
        served = exchange(crowded, request(b"/prefixes.json"))
        while served.status == 503:  # until the closed connections' threads have ended
            served = exchange(crowded, request(b"/prefixes.json"))
        assert served.status == 200


# --- the byte cap ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def capped(article, pages):
    with Server(article, pages, Settings(port=0, workers=1, max_bytes=4000)) as running, \
            httpx.Client(base_url=running.url, timeout=30) as http:
        yield http


IRI_TRIPLES = "SELECT ?s ?p ?o WHERE { ?s ?p ?o FILTER(isIRI(?s) && !isBlank(?o)) } ORDER BY ?s ?p ?o"


def test_answer_over_the_byte_cap_is_cut_to_whole_rows_and_says_so(capped, article):
    response = capped.get("/sparql", params={"query": IRI_TRIPLES})
    document = response.json()
    assert response.headers["X-Argmap-Truncated"] == "true" and response.headers["X-Argmap-Max-Bytes"] == "4000"
    assert "X-Argmap-Max-Rows" not in response.headers
    assert document["truncated"] is True and document["maxBytes"] == 4000 and len(response.content) <= 4000
    rows = [tuple(row[v]["value"] for v in ("s", "p", "o")) for row in document["results"]["bindings"]]
    everything = [tuple(term.value for term in row) for row in
                  run_query(typed_query(IRI_TRIPLES), OxigraphEngine.from_project(article), {}).rows]
    assert 0 < len(rows) < len(everything) and rows == everything[: len(rows)]


@pytest.mark.parametrize("media_type", ["text/tab-separated-values", "application/sparql-results+xml"])
def test_byte_cap_holds_in_every_table_format(media_type, capped):
    response = capped.get("/sparql", params={"query": ALL_TRIPLES}, headers={"Accept": media_type})
    assert response.headers["X-Argmap-Truncated"] == "true" and 0 < len(response.content) <= 4000
    parsed = ox.parse_query_results(response.content, format=ox.QueryResultsFormat.from_media_type(media_type))
    assert len(list(parsed)) > 0


def test_graph_over_the_byte_cap_is_cut_to_whole_triples(capped):
    response = capped.get("/sparql", params={"query": "CONSTRUCT WHERE { ?s ?p ?o }"},
                          headers={"Accept": "text/turtle"})
    assert response.headers["X-Argmap-Truncated"] == "true" and len(response.content) <= 4000
    assert len(rdflib.Graph().parse(data=response.text, format="turtle")) > 0


def test_drawn_page_over_the_byte_cap_is_refused(capped):
    response = capped.get("/draw", params={"name": "theses"})
    assert response.status_code == 400 and "over the cap of 4000" in response.text


def test_answer_under_the_byte_cap_is_whole(capped, article):
    response = capped.get("/sparql", params={"name": "theses"})
    assert "X-Argmap-Truncated" not in response.headers and len(response.json()["results"]["bindings"]) == 1


# --- the lanes: heavy queries do not hold up light ones ----------------------------------------


def ask_in_background(http, params, into: dict, key):
    thread = threading.Thread(target=lambda: into.update({key: http.get("/sparql", params=params)}))
    thread.start()
    return thread


@pytest.fixture
def lanes(article, pages):
    """Two workers; a query still running after 0.2 s moves to the slow lane (two places), killed at 5 s."""
    with Server(article, pages, Settings(port=0, workers=2, timeout=5, slow_after=0.2)) as running, \
            httpx.Client(base_url=running.url, timeout=60) as http:
        yield running, http


def test_light_query_is_answered_while_as_many_heavy_queries_run_as_there_are_workers(lanes):
    running, http = lanes
    heavy = {}
    threads = [ask_in_background(http, {"query": CROSS_PRODUCT}, heavy, n) for n in range(2)]
    assert running.pool.wait_slow(2, 30)
    light = http.get("/sparql", params={"name": "theses"})
    assert light.status_code == 200 and heavy == {}  # answered while both heavy queries still run
    for thread in threads:
        thread.join(60)
    assert [heavy[n].status_code for n in range(2)] == [503, 503]
    assert all("limit of 5 s" in heavy[n].text for n in range(2))


def test_heavy_query_past_a_full_slow_lane_is_stopped_and_light_ones_go_on(lanes):
    running, http = lanes
    heavy = {}
    threads = [ask_in_background(http, {"query": CROSS_PRODUCT}, heavy, n) for n in range(2)]
    assert running.pool.wait_slow(2, 30)
    third = http.get("/sparql", params={"query": CROSS_PRODUCT})
    assert third.status_code == 503 and "2 slow queries were already running" in third.text and heavy == {}
    assert http.get("/sparql", params={"name": "theses"}).status_code == 200
    for thread in threads:
        thread.join(60)


def test_flood_of_heavy_queries_does_not_keep_a_light_one_out(lanes):
    running, http = lanes
    heavy = {}
    threads = [ask_in_background(http, {"query": CROSS_PRODUCT}, heavy, n) for n in range(6)]
    assert running.pool.wait_slow(2, 30)
    assert http.get("/sparql", params={"name": "theses"}).status_code == 200
    for thread in threads:
        thread.join(60)
    assert sorted(response.status_code for response in heavy.values()) == [503] * 6


def test_slow_lane_runs_at_the_lowest_priority(lanes):
    running, http = lanes
    heavy = {}
    thread = ask_in_background(http, {"query": CROSS_PRODUCT}, heavy, 0)
    assert running.pool.wait_slow(1, 30)
    niceness = sorted(os.getpriority(os.PRIO_PROCESS, pid) for pid in running.pool.processes())
    assert niceness[-1] == 19 and niceness[0] == 0
    thread.join(60)


def test_query_past_its_memory_is_stopped_and_the_server_goes_on(article, pages):
    """Each BIND doubles a string: 26 of them ask for 640 MB, and the worker may take 64 MiB."""
    doubling = " ".join(f"BIND(CONCAT(?v{n}, ?v{n}) AS ?v{n + 1})" for n in range(26))
    query = f'SELECT (STRLEN(?v26) AS ?length) WHERE {{ BIND("0123456789" AS ?v0) {doubling} }}'
    with Server(article, pages, Settings(port=0, workers=1, timeout=60, slow_after=60, worker_memory=64 * 2**20)) \
            as running, httpx.Client(base_url=running.url, timeout=60) as http:
        response = http.get("/sparql", params={"query": query})
        assert response.status_code == 503 and "took more than its 64 MiB of memory" in response.text
        assert http.get("/sparql", params={"name": "theses"}).status_code == 200


def test_query_nested_past_any_parser_stack_is_refused_and_the_server_goes_on(client):
    for nested in ("SELECT * WHERE " + "{" * 10_000 + "?s ?p ?o" + "}" * 10_000,
                   "ASK { FILTER(" + "(" * 10_000 + "1" + ")" * 10_000 + ") }"):
        response = client.post("/sparql", data={"query": nested})
        assert response.status_code in (400, 503) and response.headers["Content-Type"].startswith("text/plain")
    assert client.get("/sparql", params={"name": "theses"}).status_code == 200


def test_stopping_the_server_mid_query_answers_the_query(article, pages):
    """The pool closing and the query's end both stop its worker: the second stop must close nothing (its handle's
    number may already name another file), and the client gets an answer."""
    heavy = {}
    with httpx.Client(timeout=60) as http:
        with Server(article, pages, Settings(port=0, workers=2, timeout=60, slow_after=0.2)) as running:
            http.base_url = running.url
            threads = [ask_in_background(http, {"query": CROSS_PRODUCT}, heavy, n) for n in range(2)]
            assert running.pool.wait_slow(2, 30)
        for thread in threads:
            thread.join(60)
    assert [heavy[n].status_code for n in range(2)] == [503, 503]


def test_workers_are_forks_of_one_process_that_loaded_the_data(lanes):
    running, http = lanes
    loaded, *workers = running.pool.processes()
    parents = {int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1]) for pid in workers}
    assert workers and parents == {loaded}


def test_server_loads_the_data_again_when_its_loaded_process_dies(lanes):
    running, http = lanes
    loaded, *workers = running.pool.processes()
    os.kill(loaded, signal.SIGKILL)
    for _ in range(600):  # its workers die with it
        if not any(running_process(pid) for pid in workers):
            break
        threading.Event().wait(0.05)
    assert http.get("/sparql", params={"name": "theses"}).status_code == 200
    assert running.pool.processes()[0] != loaded


def test_a_second_client_is_served_before_a_busy_clients_queue(article, pages):
    """Fairness: with one worker held, the next free place goes to the client with fewest queries in flight.

    The one worker runs the queries one after another, so the time each was run at (NOW()) gives their order.
    """
    settings = Settings(port=0, workers=1, timeout=5, slow_after=1, slow_lane=0, spares=0)
    other = httpx.HTTPTransport(local_address="127.0.0.2")
    when = {"query": "SELECT (NOW() AS ?at) WHERE {}"}
    with Server(article, pages, settings) as running, httpx.Client(base_url=running.url, timeout=60) as busy, \
            httpx.Client(base_url=running.url, timeout=60, transport=other) as second:
        answers = {}
        threads = [ask_in_background(busy, {"query": CROSS_PRODUCT}, answers, "heavy")]
        assert running.pool.wait_busy(1, 30)
        threads += [ask_in_background(busy, when, answers, f"busy-{n}") for n in range(3)]
        assert running.pool.wait_queued(3, 30)
        threads.append(ask_in_background(second, when, answers, "second"))
        assert running.pool.wait_queued(4, 30)
        for thread in threads:
            thread.join(60)
    ran_at = {key: instant(answers[key].json()["results"]["bindings"][0]["at"]["value"])
              for key in answers if key != "heavy"}
    assert answers["heavy"].status_code == 503 and len(ran_at) == 4
    assert min(ran_at, key=ran_at.get) == "second"


def instant(value: str) -> str:
    """An xsd:dateTime in UTC as Oxigraph writes it (up to 9 decimals), as a string that sorts in time order."""
    whole, _, fraction = value.rstrip("Z").partition(".")
    return f"{whole}.{fraction.ljust(9, '0')}"
