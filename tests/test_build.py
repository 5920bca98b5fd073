"""`argmap build`: pages for the whole map, self-contained, escaped and identical from build to build."""

from __future__ import annotations

import json
import re
import shutil

from argmap import build, find_project, load
from argmap.drawing.mapdata import argument_map


def page_data(page: str) -> dict:
    block = re.search(r'<script type="application/json" id="map-data">(.*?)</script>', page, re.S)
    return json.loads(block.group(1))


def test_build_writes_index_and_map(mini, tmp_path):
    built = build(find_project(mini.root), tmp_path / "out")
    assert built.report.conforms
    assert {"index.html", "map.html", "thesis-go-out.html"} <= {p.name for p in built.pages}
    assert built.index == tmp_path / "out" / "index.html"


def test_map_holds_every_claim_and_relation_of_the_article(repository, tmp_path):
    built = build(find_project(repository), tmp_path)
    argument = argument_map(load(find_project(repository)).union())
    data = page_data((tmp_path / "map.html").read_text())
    ids = {node["id"] for node in data["nodes"]}
    arrows = {edge.get("relation") for edge in data["edges"]}
    assert {c.iri for c in argument.claims} <= ids
    assert {r.iri for r in argument.relations} <= ids | arrows
    assert built.report.conforms


def test_pages_load_nothing_from_the_network(mini, tmp_path):
    build(find_project(mini.root), tmp_path)
    for page in tmp_path.glob("*.html"):
        text = page.read_text()
        assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", text), page.name
        assert "@import" not in text


def test_building_twice_gives_identical_bytes(mini, tmp_path):
    build(find_project(mini.root), tmp_path / "a")
    build(find_project(mini.root), tmp_path / "b")
    names = sorted(p.name for p in (tmp_path / "a").glob("*.html"))
    assert names == sorted(p.name for p in (tmp_path / "b").glob("*.html")) and len(names) > 2
    for name in names:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name


def test_a_rebuild_removes_the_pages_argmap_no_longer_draws_and_nothing_else(mini, tmp_path):
    (tmp_path / "states-gone.html").write_text('<html><head><meta name="generator" content="argmap"></head></html>')
    (tmp_path / "notes.html").write_text("<html>the user's own page</html>")
    build(find_project(mini.root), tmp_path)
    assert not (tmp_path / "states-gone.html").exists()
    assert (tmp_path / "notes.html").exists()


def test_nothing_is_written_when_the_check_fails(mini, tmp_path):
    mini.replace('oa:exact "we should go out"', 'oa:exact "we shall go out"')
    built = build(find_project(mini.root), tmp_path / "out")
    assert not built.report.conforms
    assert built.pages == ()
    assert not (tmp_path / "out").exists()


def test_text_from_the_data_is_escaped_in_the_page(mini, tmp_path):
    payload = "<script>window.pwned=1</script><img src=x onerror=alert(1)>"
    mini.replace('"A small test document"', f'"{payload}"')
    mini.replace('rdfs:label "Rain is coming"@en', f'rdfs:label "Rain {payload}"@en')
    build(find_project(mini.root), tmp_path)
    for name in ("map.html", "index.html"):
        page = (tmp_path / name).read_text()
        assert "<script>window.pwned" not in page
        assert "<img src=x" not in page
    assert "&lt;script&gt;window.pwned=1&lt;/script&gt;" in (tmp_path / "map.html").read_text()


def test_a_page_names_only_the_sources_its_claims_are_quoted_from(repository, tmp_path):
    build(find_project(repository), tmp_path)
    article = "South Korea—Japan Diplomatic Freeze Problematic for US Alliance Network in East Asia"
    statement = "The Historic Announcements by the Governments of the Republic of Korea and Japan"
    one_source = (tmp_path / "sources-butcher-sk-japan-freeze.html").read_text(encoding="utf-8")
    whole_map = (tmp_path / "map.html").read_text(encoding="utf-8")
    assert article in one_source and statement not in one_source
    assert article in whole_map and statement in whole_map


def test_a_project_of_only_ontology_and_claims_draws_with_argmaps_views_style_and_templates(mini, tmp_path):
    shutil.rmtree(mini.root / "viz")
    built = build(find_project(mini.root), tmp_path)
    assert built.report.conforms
    assert {"index.html", "map.html"} <= {page.name for page in tmp_path.glob("*.html")}


def test_a_projects_own_view_wins_over_argmaps_of_the_same_name(mini, tmp_path):
    shutil.rmtree(mini.root / "viz")
    (mini.root / "viz" / "views").mkdir(parents=True)
    (mini.root / "viz" / "views" / "map.toml").write_text(
        'title = "Our own whole map"\ndescription = "Ours"\nquery = "argument"\n', encoding="utf-8")
    build(find_project(mini.root), tmp_path)
    assert "Our own whole map" in (tmp_path / "map.html").read_text(encoding="utf-8")
    assert (tmp_path / "thesis-go-out.html").is_file()  # argmap's other views still draw
