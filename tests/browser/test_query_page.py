"""The query page of `argmap serve` in a real browser: queries run, answers shown as a table and as a graph."""

from __future__ import annotations

import shutil

import pyoxigraph as ox
import pytest

from argmap import find_project
from argmap.sparql.engines import OxigraphEngine
from argmap.sparql.library import find_query
from argmap.sparql.query import answer, run_query, typed_query
from argmap.serving.querypage import MAX_NODES
from argmap.sparql.results import relabel, shorten
from argmap.serving.serve import Server, Settings

pytestmark = pytest.mark.browser

THESIS = "https://w3id.org/argmap/source/butcher-sk-japan-freeze#freeze-disrupts-us-alliances"
THESIS_CONSTRUCT = ("CONSTRUCT { ?thesis rdfs:label ?label ; arg:about ?entity . ?entity rdfs:label ?name } "
                    "WHERE { ?thesis a arg:Thesis ; rdfs:label ?label ; arg:about ?entity . ?entity rdfs:label ?name }")
EVERY_LINK = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o FILTER(!isLiteral(?o)) }"
PAYLOAD = '<img src=x onerror="window.pwned=1;alert(1)"></script><script>window.pwned=2</script>'


@pytest.fixture(scope="module")
def server(article):
    with Server(article, None, Settings(port=0, timeout=20, max_rows=5000)) as running:
        yield running


def let_through(offline_page, server) -> None:
    """Let the page reach the server's own origin; anything else is still recorded and refused."""
    def route(route):
        if route.request.url.startswith(server.url + "/"):
            route.continue_()
        else:
            offline_page.blocked.append(route.request.url)
            route.abort()

    offline_page.page.route("**/*", route)  # routes registered last are asked first


@pytest.fixture
def served_page(offline_page, server):
    let_through(offline_page, server)
    offline_page.page.goto(server.url + "/")
    offline_page.page.wait_for_selector("body[data-ready=true]")
    return offline_page


def run(page, *, library: str | None = None, params: dict | None = None, text: str | None = None):
    """Pick a library query and fill in its parameters, or type a query; press Run and wait for the answer."""
    if library:
        page.select_option("#library", library)
    for name, value in (params or {}).items():
        page.fill(f"#params input[name={name}]", value)
    if text is not None:
        page.fill("#text", text)
    page.click("#run")
    page.wait_for_selector("#status[data-state=answered], #status[data-state=error]")
    return page


def shown_rows(page) -> list[tuple[str, ...]]:
    """The table's rows below its header, as the texts of their cells."""
    return [tuple(row) for row in page.evaluate(
        "[...document.querySelectorAll('#table-view tr')].slice(1).map(tr => [...tr.cells].map(td => td.textContent))")]


def local_rows(article_engine, query, **params) -> list[tuple[str, ...]]:
    """The rows the embedded store gives, each term written as the page writes it."""
    table = relabel(run_query(query, article_engine, params))
    return [tuple(shorten(term, article_engine.prefixes) for term in row) for row in table.rows]


def show_graph(page):
    page.click("#show-graph")
    page.wait_for_selector("#graph[data-drawn=true]", timeout=30_000)
    return page


def drawn(page, what: str) -> list[dict]:
    """The nodes or edges on the canvas, without their tooltips."""
    return page.evaluate(f"window.argmap.{what}.get().map(({{title, ...rest}}) => rest)")


def hover_tooltip(page, node_id: str) -> str:
    """Move the mouse onto a node where it is drawn and give the tooltip's text."""
    x, y = page.evaluate(
        """id => {
            const network = window.argmap.network;
            network.focus(id, {scale: 1.0, animation: false});
            const p = network.canvasToDOM(network.getPositions([id])[id]);
            const box = document.getElementById('graph').getBoundingClientRect();
            return [box.left + p.x, box.top + p.y];
        }""",
        node_id,
    )
    page.mouse.move(x - 30, y - 30)
    page.mouse.move(x, y)
    page.wait_for_selector("div.vis-tooltip", state="visible")
    return page.locator("div.vis-tooltip").inner_text()


def test_library_query_shows_the_rows_of_the_embedded_store(served_page, article, article_engine):
    page = run(served_page.page, library="conflicts")
    rows = shown_rows(page)
    assert rows == local_rows(article_engine, find_query(article, "conflicts")) and len(rows) > 1
    assert page.locator("#status").inner_text().startswith(f"{len(rows)} rows in ")


def test_parameter_field_changes_the_answer(served_page, article, article_engine):
    query = find_query(article, "premises-of")
    example = run(served_page.page, library="premises-of")
    first = shown_rows(example)
    other = "bsj:bonds-now-in-doubt"
    page = run(served_page.page, params={"claim": other})
    assert first == local_rows(article_engine, query, claim=query.example_params()["claim"])
    assert shown_rows(page) == local_rows(article_engine, query, claim=other) != first
    assert "param=claim%3Dbsj%3Abonds-now-in-doubt" in page.get_attribute("#draw", "href")


def test_typed_construct_is_drawn_with_an_edge_per_triple_between_nodes(served_page, article_engine):
    triples = run_query(typed_query(THESIS_CONSTRUCT), article_engine, {}).triples
    linked = [t for t in triples if not isinstance(t.object, ox.Literal)]
    page = show_graph(run(served_page.page, text=THESIS_CONSTRUCT))
    edges = drawn(page, "edges")
    assert len(edges) == len(linked) > 1
    assert {(e["from"], e["to"], e["label"]) for e in edges} == {
        (t.subject.value, t.object.value, "arg:about") for t in linked}
    assert {n["id"] for n in drawn(page, "nodes")} == {t.subject.value for t in triples} | {t.object.value for t in linked}
    assert page.locator("#status").inner_text().startswith(f"{len(triples)} triples in ")


def test_literals_of_a_node_are_in_its_tooltip(served_page, article_engine):
    page = show_graph(run(served_page.page, text=THESIS_CONSTRUCT))
    label = next(t.object.value for t in run_query(typed_query(THESIS_CONSTRUCT), article_engine, {}).triples
                 if t.subject.value == THESIS and isinstance(t.object, ox.Literal))
    tooltip = hover_tooltip(page, THESIS)
    assert f"rdfs:label: {label}" in tooltip and "bsj:freeze-disrupts-us-alliances" in tooltip


def test_select_rows_are_drawn_as_paths_through_their_iris(served_page, article, article_engine):
    table = run_query(find_query(article, "conflicts"), article_engine, {})
    page = show_graph(run(served_page.page, library="conflicts"))
    expected = set()
    for row in table.rows:
        cells = [(name, term) for name, term in zip(table.variables, row) if isinstance(term, ox.NamedNode)]
        expected |= {(a.value, b.value, name) for (_, a), (name, b) in zip(cells, cells[1:])}
    assert {(e["from"], e["to"], e["label"]) for e in drawn(page, "edges")} == expected
    labels = {n["id"]: n["label"] for n in drawn(page, "nodes")}
    attacker = table.variables.index("attacker")
    row = table.rows[0]
    assert labels[row[attacker].value] == row[table.variables.index("attackerLabel")].value


def test_construct_answer_shows_as_the_servers_turtle(served_page, article):
    page = run(served_page.page, library="neighbourhood")
    page.click("#show-turtle")
    page.wait_for_selector("#turtle-view[data-shown=true]")
    expected, _ = answer(article, "neighbourhood", None, {"claim": "bsj:bonds-now-in-doubt"}, fmt="turtle")
    assert page.locator("#turtle-view").text_content() == expected


def test_graph_over_the_node_limit_is_cut_and_says_so(served_page, article_engine):
    triples = run_query(typed_query(EVERY_LINK), article_engine, {}).triples
    nodes = {t.subject for t in triples} | {t.object for t in triples}
    assert len(nodes) > MAX_NODES
    page = show_graph(run(served_page.page, text=EVERY_LINK))
    assert len(drawn(page, "nodes")) == MAX_NODES
    assert page.locator("#graph-note").inner_text().startswith(f"Drawn: the first {MAX_NODES} of {len(nodes)} nodes")


def test_syntax_error_shows_the_servers_message_and_no_table(served_page):
    page = run(served_page.page, text="SELECT ?x WHERE {\n ?x a FILTER( }")
    status = page.locator("#status")
    assert status.get_attribute("class") == "error"
    assert status.inner_text().startswith("400: ") and "SPARQL syntax error at line 2, column" in status.inner_text()
    assert page.locator("#table-view table").count() == 0 and page.locator("#views").is_hidden()


def test_ask_answer_shows_in_the_table_and_offers_no_graph(served_page):
    page = run(served_page.page, text="ASK { ?claim a arg:Thesis }")
    assert shown_rows(page) == [] and page.locator("#table-view td").inner_text() == "true"
    assert page.locator("#show-graph").is_hidden() and page.locator("#show-turtle").is_hidden()


def test_script_in_the_data_shows_as_text_in_table_and_tooltip(offline_page, first_article, tmp_path):
    root = tmp_path / "article"
    shutil.copytree(first_article, root)
    claims = root / "claims" / "butcher-sk-japan-freeze.ttl"
    text = claims.read_text(encoding="utf-8")
    label = '"The Seoul–Tokyo rift threatens Washington and its allies"@en'
    assert label in text
    turtle_payload = PAYLOAD.replace('"', '\\"')
    claims.write_text(text.replace(label, f'"Rift {turtle_payload}"@en'), encoding="utf-8")
    with Server(find_project(root), None, Settings(port=0, workers=1)) as running:
        let_through(offline_page, running)
        page = offline_page.page
        page.goto(running.url + "/")
        page.wait_for_selector("body[data-ready=true]")
        run(page, text="SELECT ?thesis ?thesisLabel WHERE { ?thesis a arg:Thesis ; rdfs:label ?thesisLabel }")
        assert shown_rows(page) == [("bsj:freeze-disrupts-us-alliances", f"Rift {PAYLOAD}")]
        show_graph(page)
        assert drawn(page, "nodes")[0]["label"] == f"Rift {PAYLOAD}"
        assert hover_tooltip(page, THESIS).startswith(f"Rift {PAYLOAD}")
        show_graph(run(page, text=THESIS_CONSTRUCT))
        assert f"rdfs:label: Rift {PAYLOAD}" in hover_tooltip(page, THESIS)
        assert page.locator("img").count() == 0 and page.evaluate("window.pwned") is None
    assert offline_page.dialogs == [] and offline_page.errors == [] and offline_page.blocked == []


def test_page_asks_nothing_outside_the_server(served_page, server):
    asked = []
    served_page.page.on("request", lambda request: asked.append(request.url))
    page = show_graph(run(served_page.page, library="neighbourhood"))
    page.reload()
    page.wait_for_selector("body[data-ready=true]")
    show_graph(run(page, library="conflicts"))
    assert served_page.blocked == [] and served_page.errors == []
    assert {url.split("?")[0] for url in asked} == {server.url + path for path in (
        "/", "/static/vis-network.min.js", "/library.json", "/prefixes.json", "/sparql")}
