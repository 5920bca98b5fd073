"""The map page in a real browser: it draws offline, shows every claim, and a click opens the claim."""

from __future__ import annotations

import pytest

from argmap import build, find_project, load
from argmap.drawing.mapdata import argument_map

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def article_map(tmp_path_factory, repository):
    out = tmp_path_factory.mktemp("article")
    build(find_project(repository), out)
    return out / "map.html", argument_map(load(find_project(repository)).union())


def test_map_draws_offline_without_console_errors(offline_page, article_map):
    path, _ = article_map
    offline_page.open_map(path)
    assert offline_page.blocked == []
    assert offline_page.errors == []


def test_map_draws_every_claim_and_relation(offline_page, article_map):
    path, argument = article_map
    page = offline_page.open_map(path)
    drawn = set(page.evaluate("Object.keys(window.argmap.network.getPositions())"))
    arrows = set(page.evaluate("window.argmap.network.body.data.edges.getIds()"))
    assert {c.iri for c in argument.claims} <= drawn
    # a relation is a node of its own, or (when nothing attacks it and it has one premise) an arrow with its IRI
    assert {r.iri for r in argument.relations} <= drawn | arrows
    assert drawn <= {c.iri for c in argument.claims} | {r.iri for r in argument.relations}


def test_claims_table_lists_every_claim_by_label(offline_page, article_map):
    path, argument = article_map
    page = offline_page.open_map(path)
    labels = page.locator("#claims tbody td:nth-child(2)").all_inner_texts()
    assert sorted(labels) == sorted(c.label for c in argument.claims)
    assert len(argument.claims) >= 40


def test_clicking_a_claim_opens_its_quote_in_the_panel(offline_page, article_map):
    path, argument = article_map
    claim = next(c for c in argument.claims if c.kind == "Thesis")
    page = offline_page.open_map(path)
    offline_page.click_node(claim.iri)
    panel = page.locator("#panel")
    assert panel.get_attribute("data-shown") == claim.iri
    assert panel.locator("h2").inner_text() == claim.label
    assert panel.locator(".context mark").inner_text() == claim.quote
    assert claim.quote in panel.locator(".context").inner_text()  # shown inside its paragraph


def test_search_selects_the_matching_claims(offline_page, article_map):
    path, argument = article_map
    page = offline_page.open_map(path)
    page.fill("#search", "GSOMIA")
    expected = [c for c in argument.claims
                if "gsomia" in " ".join([c.label, c.comment, c.quote, c.name, *(n for _, n in c.about)]).lower()]
    assert page.get_attribute("body", "data-matches") == str(len(expected)) != "0"
    selected = set(page.evaluate("window.argmap.network.getSelectedNodes()"))
    assert selected == {c.iri for c in expected}


def test_unticking_a_kind_hides_those_claims(offline_page, article_map):
    path, argument = article_map
    page = offline_page.open_map(path)
    page.uncheck("#kinds input[value=FactualClaim]")
    hidden = set(page.evaluate("window.argmap.nodes.get({filter: n => n.hidden}).map(n => n.id)"))
    facts = {c.iri for c in argument.claims if c.kind == "FactualClaim"}
    assert facts <= hidden
    assert not ({c.iri for c in argument.claims} - facts) & hidden
    assert page.locator("#claims tr[data-id]:visible").count() == len(argument.claims) - len(facts)


def test_filtering_by_entity_shows_only_claims_about_it(offline_page, article_map):
    path, argument = article_map
    page = offline_page.open_map(path)
    gsomia = "https://w3id.org/argmap/entity/gsomia"
    page.select_option("#entity", gsomia)
    visible_claims = set(page.evaluate(
        "window.argmap.nodes.get({filter: n => !n.hidden && !['Inference','Rebuttal','Undercut'].includes(n.kind)}).map(n => n.id)"))
    assert visible_claims == {c.iri for c in argument.claims if gsomia in {iri for iri, _ in c.about}}
    page.click("#show-all")
    assert page.evaluate("window.argmap.nodes.get({filter: n => n.hidden}).length") == 0


def test_focus_shows_only_the_neighbourhood_of_a_claim(offline_page, article_map):
    path, argument = article_map
    page = offline_page.open_map(path)
    claim = next(c for c in argument.claims if c.name.endswith("gsomia-could-be-cut"))
    offline_page.click_node(claim.iri)
    page.click("#focus")
    visible = page.evaluate("window.argmap.nodes.get({filter: n => !n.hidden}).map(n => n.id)")
    assert claim.iri in visible
    assert 1 < len(visible) < len(argument.claims) + len(argument.relations)


def test_script_in_the_data_shows_as_text_and_never_runs(offline_page, mini, tmp_path):
    payload = "<img src=x onerror=\\\"window.pwned=1;alert(1)\\\"><script>window.pwned=2</script>"
    shown = payload.replace('\\"', '"')
    mini.replace('"A small test document"', f'"Doc {payload}"')
    mini.replace('rdfs:label "Rain is coming"@en', f'rdfs:label "Rain {payload}"@en')
    mini.replace('rdfs:label "the sky"@en', f'rdfs:label "sky {payload}"@en')
    mini.replace('rdfs:comment "There are no clouds."@en', f'rdfs:comment "No clouds {payload}"@en')
    mini.append(f'ent:skyland a arg:State ; rdfs:label "Skyland {payload}"@en ; rdfs:comment "A state {payload}"@en .\n'
                "d:blue arg:about ent:skyland .\n")
    build(find_project(mini.root), tmp_path)
    pages = sorted(tmp_path.glob("*.html"))
    assert {p.name for p in pages} >= {"index.html", "map.html", "states-skyland.html"}
    for path in pages:
        if path.name == "index.html":
            page = offline_page.page
            page.goto(path.as_uri())
            assert f"Doc {shown}" in page.locator("h1").inner_text()
        else:
            page = offline_page.open_map(path)
            assert page.locator("header .subtitle").inner_text() == f"Doc {shown}"
            for node in page.evaluate("window.argmap.nodes.getIds()"):
                offline_page.click_node(node)  # hovers, then clicks: tooltips and the panel show
                assert page.locator("#panel h2").inner_text()
        assert page.evaluate("window.pwned") is None, path.name
    page = offline_page.open_map(tmp_path / "map.html")
    offline_page.click_node("https://w3id.org/argmap/source/doc#rain")
    assert page.locator("#panel h2").inner_text() == f"Rain {shown}"
    assert page.locator("#panel li").first.inner_text() == f"sky {shown}"
    assert offline_page.dialogs == []
    assert offline_page.errors == []
    assert offline_page.blocked == []  # no page asked for anything but local files


def test_a_claim_that_is_out_is_faded_and_its_panel_says_so(offline_page, mini, tmp_path):
    build(find_project(mini.root), tmp_path)  # d:rain rebuts d:go-out and nothing answers it
    page = offline_page.open_map(tmp_path / "map.html")
    go_out = "https://w3id.org/argmap/source/doc#go-out"
    assert page.evaluate(f"window.argmap.nodes.get('{go_out}').opacity") == 0.35
    assert page.evaluate("window.argmap.nodes.get('https://w3id.org/argmap/source/doc#rain').opacity") is None
    offline_page.click_node(go_out)
    assert page.locator("#panel .status").inner_text() == "Status: out"


def test_clicking_an_inference_shows_its_scheme_and_critical_questions(offline_page, article_map):
    path, argument = article_map
    page = offline_page.open_map(path)
    drawn = set(page.evaluate("window.argmap.nodes.getIds()"))
    inference = next(r for r in argument.relations if r.iri in drawn and r.kind == "Inference" and r.scheme)
    offline_page.click_node(inference.iri)
    assert page.locator("#panel .scheme").inner_text() == f"Scheme: {inference.scheme}"
    shown = page.locator("#panel li").all_inner_texts()
    for text, status in inference.questions:
        assert f"{text} — {status}" in shown


def test_an_entity_page_draws_its_subject_large_and_its_curved_relations_as_laid_out(offline_page, article_map):
    path, _ = article_map
    page = offline_page.open_map(path.parent / "states-japan.html")
    assert offline_page.blocked == [] and offline_page.errors == []
    laid_out = page.evaluate("""() => window.argmap.data.edges.filter(e => e.smooth)
        .map(e => [e.from, e.to, e.smooth.type, e.smooth.roundness])""")
    drawn = page.evaluate("""() => Object.values(window.argmap.network.body.edges)
        .filter(e => e.options.smooth.enabled).map(e => [e.fromId, e.toId, e.options.smooth.type, e.options.smooth.roundness])""")
    assert laid_out and sorted(drawn) == sorted(laid_out)
    fonts = page.evaluate("""() => { const nodes = window.argmap.network.body.nodes;
        return ['japan', 'south-korea'].map(name => nodes['https://w3id.org/argmap/entity/' + name].labelModule.fontOptions)
            .map(font => [font.size, font.color]); }""")
    assert fonts[0][0] > 1.5 * fonts[1][0]
    assert fonts[0][1] == fonts[1][1]  # still in its kind's colours


def test_an_unstated_premise_is_drawn_hollow_and_dashed_and_keyed_in_the_legend(offline_page, article_map):
    page = offline_page.open_map(article_map[0])
    unstated = "https://w3id.org/argmap/source/butcher-sk-japan-freeze#shared-values-not-enough"
    options = page.evaluate(f"window.argmap.network.body.nodes['{unstated}'].options")
    assert options["color"]["background"] == "#ffffff" and options["color"]["border"] == "#b88a1b"  # a judgement's outline
    assert options["shapeProperties"]["borderDashes"] == [6, 4]
    assert page.evaluate(f"window.argmap.nodes.get('{unstated}').status") == "in"  # hollow for unstated, not for undecided
    assert "unstated premise" in page.locator("#kinds").inner_text()
