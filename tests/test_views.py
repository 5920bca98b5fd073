"""Views: each view file draws one page, or one per answer of its `each` query, and the index links them all."""

from __future__ import annotations

import pytest

from argmap import build, find_project
from argmap.errors import InputError
from argmap.views import load_views


def test_every_shipped_view_loads(repository):
    names = [view.name for view in load_views(repository / "viz" / "views")]
    assert names[0] == "map"
    assert {"thesis", "recommendations", "states", "agreements", "threats"} <= set(names)


@pytest.fixture(scope="module")
def built(tmp_path_factory, repository):
    out = tmp_path_factory.mktemp("views")
    return out, build(find_project(repository), out)


def test_build_draws_a_page_per_recommendation_state_agreement_and_threat(built):
    out, _ = built
    names = {p.name for p in out.glob("*.html")}
    assert "thesis-freeze-disrupts-us-alliances.html" in names
    assert len([n for n in names if n.startswith("recommendations-")]) == 4
    assert {f"states-{s}.html" for s in ("south-korea", "japan", "united-states", "china", "north-korea", "australia")} <= names
    assert {"agreements-gsomia.html", "threats-rise-of-china.html", "threats-north-korea-nuclear-programme.html"} <= names


def test_index_links_every_page(built):
    out, result = built
    index = (out / "index.html").read_text()
    for page in result.pages:
        if page.name != "index.html":
            assert f'href="{page.name}"' in index


def test_a_state_page_shows_the_claims_about_it_and_its_neighbours(built):
    out, _ = built
    page = (out / "states-japan.html").read_text()
    assert "https://w3id.org/argmap/entity/japan" in page
    assert "https://w3id.org/argmap/entity/north-korea-nuclear-programme" in page  # Japan faces it
    assert "Japan: the claims about it" in page


def test_a_view_without_title_or_query_is_refused_with_its_file(tmp_path):
    (tmp_path / "broken.toml").write_text('query = "argument"\n')
    with pytest.raises(InputError) as raised:
        load_views(tmp_path)
    assert "broken.toml" in str(raised.value)
    assert "lacks title or query" in str(raised.value)


def test_argmap_draw_draws_any_query_into_a_page(argmap_cli, repository, tmp_path):
    out = tmp_path / "n.html"
    result = argmap_cli("draw", "neighbourhood", "--param", "claim=bsj:gsomia-could-be-cut", "-o", out, "-C", repository)
    assert result.returncode == 0, result.stderr
    page = out.read_text()
    assert "https://w3id.org/argmap/source/butcher-sk-japan-freeze#gsomia-could-be-cut" in page
    assert "<title>A claim&#39;s neighbourhood, as a graph</title>" in page


def test_argmap_draw_names_an_unknown_query(argmap_cli, repository, tmp_path):
    result = argmap_cli("draw", "nope", "-o", tmp_path / "x.html", "-C", repository)
    assert result.returncode == 2
    assert "no query named 'nope'" in result.stderr
    assert not (tmp_path / "x.html").exists()
