"""argmap's Argdown profile: a new user's map in Argdown checks, evaluates and builds; problems point at its lines,
in Argdown; the shipped article goes to Argdown and back to the same graph, and the export parses in @argdown/cli."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.compare import to_isomorphic

from argmap import find_project, load
from argmap.exchange.formats.argdown_write import write
from argmap.exchange.maps import export_map, source_texts
from argmap.model.argdown import parse
from argmap.model.argdown.profile import ReadSettings, read
from argmap.model.vocab import GRAPH

REPOSITORY = Path(__file__).resolve().parent.parent
EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "argdown"
ARGDOWN = Path("claims") / "lee-night-buses.argdown"
needs_node = pytest.mark.skipif(shutil.which("node") is None or not (REPOSITORY / "node_modules" / "@argdown" / "node").is_dir(),
                                reason="@argdown/cli is not installed (make install-test runs npm ci)")


def _project(root: Path) -> Path:
    """A project as a new user makes it: argmap's ontology, one .argdown file and its text; no Turtle."""
    shutil.copytree(REPOSITORY / "ontology", root / "ontology")
    shutil.copytree(EXAMPLE / "claims", root / "claims")
    return root


@pytest.fixture(scope="session")
def new_user_project(tmp_path_factory) -> Path:
    """The new user's project, for tests that only read it."""
    return _project(tmp_path_factory.mktemp("argdown-user") / "project")


@pytest.fixture
def editable_project(tmp_path) -> Path:
    return _project(tmp_path / "project")


def _edit(project: Path, old: str, new: str) -> list[str]:
    """Replace `old` by `new` in the .argdown file; its lines after the edit."""
    path = project / ARGDOWN
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path.read_text(encoding="utf-8").splitlines()


def _line(lines: list[str], text: str) -> int:
    return next(number for number, line in enumerate(lines, start=1) if text in line)


def test_a_new_users_argdown_map_checks_with_no_turtle_written(argmap_cli, new_user_project):
    done = argmap_cli("check", "-C", new_user_project)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "ok: the data conforms" in done.stdout
    assert not list(new_user_project.rglob("*.ttl")) or all(p.parent.name == "ontology" for p in new_user_project.rglob("*.ttl"))


def test_a_new_users_argdown_map_evaluates(argmap_cli, new_user_project):
    done = argmap_cli("eval", "-C", new_user_project)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "8 claims, 8 in" in done.stdout
    assert "lee-night-buses:restore-the-night-buses      Recommendation" in done.stdout


def test_a_new_users_argdown_map_builds(argmap_cli, new_user_project, tmp_path):
    done = argmap_cli("build", "-C", new_user_project, "-o", tmp_path / "out")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Restore the night buses" in (tmp_path / "out" / "index.html").read_text(encoding="utf-8")


def test_a_new_users_argdown_map_answers_queries(argmap_cli, new_user_project):
    done = argmap_cli("query", "premises-of", "--param", "claim=lee-night-buses:restore-the-night-buses",
                      "-C", new_user_project)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "savings-are-small" in done.stdout


def test_a_quote_not_in_the_text_is_reported_at_its_source_line_with_the_closest_passage(argmap_cli, editable_project):
    lines = _edit(editable_project, "The savings are small.", "The savings are tiny.")
    done = argmap_cli("check", "-C", editable_project)
    assert done.returncode == 1
    assert f"{ARGDOWN}:{_line(lines, 'The savings are tiny.')}:" in done.stdout
    assert "the closest passage is 'The savings are small.'" in done.stdout
    assert "copy the source's exact words into source:" in done.stdout and "oa:exact" not in done.stdout


def test_a_quote_with_other_quote_marks_and_spacing_anchors_to_the_exact_passage(argmap_cli, editable_project):
    _edit(editable_project, "it said the buses ran half empty", "it said  the buses ran half EMPTY")
    done = argmap_cli("check", "-C", editable_project)
    assert done.returncode == 0, done.stdout
    assert "quote anchored to the passage 'it said the buses ran half empty'" in done.stdout


def test_a_syntax_error_points_at_the_argdown_line(argmap_cli, editable_project):
    lines = _edit(editable_project, "<Cheap to restore>\n", "<Cheap to restore>\n(0) [x]\n")
    done = argmap_cli("check", "-C", editable_project)
    assert done.returncode == 1
    assert f"{ARGDOWN}:{_line(lines, '(0) [x]')}: Argdown syntax error" in done.stdout


def test_advice_on_an_argdown_source_speaks_argdown(argmap_cli, new_user_project):
    done = argmap_cli("check", "-C", new_user_project)
    lines = (new_user_project / ARGDOWN).read_text(encoding="utf-8").splitlines()
    advice = next(line for line in done.stdout.splitlines() if "names no argumentation scheme" in line)
    assert advice.startswith(f"advice: {ARGDOWN}:{_line(lines, '<Little is saved>')}:")
    assert "on the inference line, such as -- argument from cause to effect --" in advice and "arg:scheme" not in advice


def test_a_claim_without_a_kind_is_told_to_take_a_kind_tag(argmap_cli, editable_project):
    lines = _edit(editable_project, "two percent of the transport budget. #factual", "two percent of the transport budget.")
    done = argmap_cli("check", "-C", editable_project)
    assert done.returncode == 1
    assert f"{ARGDOWN}:{_line(lines, '[Small share of budget]')}:" in done.stdout
    assert "tag it with its kind: #thesis, #factual" in done.stdout


def test_the_shipped_article_goes_to_argdown_and_back_to_the_same_graph(article):
    loaded = load(article)
    graph = Graph(bind_namespaces="none")
    graph += loaded.dataset.graph(GRAPH["butcher-sk-japan-freeze"])
    text = write(graph + loaded.schemes, source_texts(loaded, graph))
    settings = ReadSettings("https://w3id.org/argmap/source/butcher-sk-japan-freeze#", "butcher-sk-japan-freeze",
                            texts=lambda chapter: (loaded.project.claims_dir / chapter).read_text(encoding="utf-8"),
                            schemes=loaded.schemes)
    back = read(parse(text, remove_tags=True), settings)
    assert to_isomorphic(back.graph) == to_isomorphic(graph)
    assert not back.advice


@needs_node
def test_argmaps_argdown_export_parses_in_argdown_cli_without_warnings(tmp_path):
    loaded = load(find_project(REPOSITORY))
    path = tmp_path / "argmap.argdown"
    path.write_text(export_map(loaded, "argdown"), encoding="utf-8")
    done = subprocess.run(["node", str(REPOSITORY / "tests" / "argdown_reference.js"), str(path)], cwd=REPOSITORY,
                          capture_output=True, text=True, timeout=120)
    row = json.loads(done.stdout)
    assert (row["errors"], row["lexerErrors"], row["exceptions"], row["warnings"]) == ([], [], [], [])
    assert len(row["json"]["statements"]) == len(parse(path.read_text(encoding="utf-8")).statements)
