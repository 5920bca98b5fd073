"""The wheel ships the ontology, claims, queries and views, and an installed argmap finds them anywhere."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile

import pytest


@pytest.fixture(scope="module")
def wheel(tmp_path_factory, repository):
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(out), str(repository)],
        check=True,
        capture_output=True,
        timeout=600,
    )
    return next(out.glob("argmap-*.whl"))


def test_wheel_holds_the_project_data(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for expected in (
        "argmap/_data/ontology/argmap.ttl",
        "argmap/_data/ontology/shapes.ttl",
        "argmap/_data/claims/butcher-sk-japan-freeze.ttl",
        "argmap/_data/claims/sources/butcher-sk-japan-freeze.txt",
        "argmap/_data/viz/style.toml",
        "argmap/_data/viz/templates/map.html",
        "argmap/_data/viz/templates/query.html",
        "argmap/_data/viz/views/map.toml",
        "argmap/_data/queries/rests-on.rq",
        "argmap/_data/ontology/schemes.ttl",
        "argmap/evaluation/encodings/guess.lp",
        "argmap/evaluation/encodings/preferred.lp",
        "argmap/evaluation/encodings/range.lp",
    ):
        assert expected in names


def test_installed_argmap_checks_and_builds_outside_the_repository(wheel, tmp_path):
    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(target), str(wheel)],
        check=True,
        capture_output=True,
        timeout=600,
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**os.environ, "PYTHONPATH": str(target)}
    run = lambda *args: subprocess.run(  # noqa: E731
        [sys.executable, "-m", "argmap", *args], cwd=elsewhere, env=env, capture_output=True, text=True, timeout=300
    )
    where = subprocess.run([sys.executable, "-c", "import argmap; print(argmap.__file__)"], cwd=elsewhere, env=env,
                           capture_output=True, text=True)
    assert where.stdout.startswith(str(target))
    checked = run("check")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "ok: the data conforms" in checked.stdout
    evaluated = run("eval", "--semantics", "preferred", "--count")  # the solver finds its encodings in the package
    assert evaluated.returncode == 0 and evaluated.stdout == "preferred: 1 labelling\n", evaluated.stderr
    built = run("build")
    assert built.returncode == 0, built.stderr
    assert (elsewhere / "viz" / "out" / "map.html").is_file()


def test_the_package_loads_a_stage_only_when_it_is_used():
    script = ("import sys, argmap\n"
              "assert 'rdflib' not in sys.modules and 'argmap.pipeline' not in sys.modules\n"
              "from argmap import check\n"
              "import argmap.checks.run\n"
              "assert argmap.check is check and callable(check)  # the function, not a module\n"
              "assert sorted(argmap.__all__) == argmap.__all__ and all(hasattr(argmap, n) for n in argmap.__all__)\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
