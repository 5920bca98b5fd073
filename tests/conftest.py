"""Shared fixtures: the repository's project, and small projects made from tests/data/mini."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPOSITORY = Path(__file__).resolve().parent.parent
MINI = Path(__file__).resolve().parent / "data" / "mini"


class MiniProject:
    """A copy of the small test project, with the real ontology and views, that a test may break."""

    def __init__(self, root: Path):
        self.root = root
        shutil.copytree(REPOSITORY / "ontology", root / "ontology")
        shutil.copytree(REPOSITORY / "viz", root / "viz", ignore=shutil.ignore_patterns("out"))
        shutil.copytree(MINI / "claims", root / "claims")
        self.claims = root / "claims" / "doc.ttl"

    def replace(self, old: str, new: str, *, path: Path | None = None) -> None:
        """Edit a claims file: `old` must occur in it."""
        path = path or self.claims
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} is not in {path.name}"
        path.write_text(text.replace(old, new), encoding="utf-8")

    def append(self, turtle: str) -> None:
        with self.claims.open("a", encoding="utf-8") as stream:
            stream.write("\n" + turtle)

    def line_of(self, text: str) -> int:
        """The 1-based line of the claims file where `text` first occurs."""
        for number, line in enumerate(self.claims.read_text(encoding="utf-8").splitlines(), start=1):
            if text in line:
                return number
        raise AssertionError(f"{text!r} not in {self.claims.name}")


@pytest.fixture
def mini(tmp_path) -> MiniProject:
    return MiniProject(tmp_path / "mini")


@pytest.fixture(scope="session")
def repository() -> Path:
    return REPOSITORY


FIRST_ARTICLE = "butcher-sk-japan-freeze"


@pytest.fixture(scope="session")
def first_article(tmp_path_factory) -> Path:
    """A project holding the first article alone (with the shared entities), whatever other sources claims/ has."""
    root = tmp_path_factory.mktemp("first-article")
    shutil.copytree(REPOSITORY / "ontology", root / "ontology")
    shutil.copytree(REPOSITORY / "viz", root / "viz", ignore=shutil.ignore_patterns("out"))
    (root / "claims" / "sources").mkdir(parents=True)
    for name in (f"{FIRST_ARTICLE}.ttl", "entities.ttl", f"sources/{FIRST_ARTICLE}.txt"):
        shutil.copy(REPOSITORY / "claims" / name, root / "claims" / name)
    return root



@pytest.fixture(scope="session")
def article(first_article):
    """The first article's project, for tests that only read it."""
    from argmap import find_project

    return find_project(first_article)


@pytest.fixture(scope="session")
def article_engine(article):
    """The first article in the embedded store, for tests that only query it."""
    from argmap.sparql.engines import OxigraphEngine

    return OxigraphEngine.from_project(article)


def run_argmap(*args: str, cwd: Path | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    """Run the argmap command as a user would, in a fresh process."""
    return subprocess.run(
        [sys.executable, "-m", "argmap", *map(str, args)],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        timeout=300,
    )


@pytest.fixture
def argmap_cli():
    """Run the argmap command in a fresh process: argmap_cli("check", "-C", path)."""
    return run_argmap


@pytest.fixture
def bystander():
    """A real SPARQL endpoint on another loopback port: a refused query would have reached it, so it counts requests."""
    import pyoxigraph as ox

    from sparql_server import SparqlServer

    with SparqlServer(ox.Store()) as server:
        yield server


@pytest.fixture
def listener():
    """A TCP listener on loopback that counts connections: whatever must reach nothing must not connect to it."""
    from listener import Listener

    with Listener() as running:
        yield running
