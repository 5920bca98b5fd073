"""Defence in depth: the processes that run queries have no network, so a refusal guard.py missed reaches nothing.

Each test makes the refusal miss on purpose (in the process under test only) and shows that a loopback
listener receives nothing; each has a twin without the sandbox that does reach the listener, so that the
first proves something.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

import httpx
import pytest

from argmap.serving.serve import Server, Settings
from argmap.sparql import sandbox

PAYLOAD = r"PREFIX e: <urn:> SELECT * WHERE {{ BIND(e:a\# AS ?z) SERVICE SILENT <{url}> {{ ?s ?p ?o }} }}"
VARIANTS = (PAYLOAD, "SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
            "SELECT * WHERE {{ BIND(<{url}> AS ?e) OPTIONAL {{ SERVICE SILENT ?e {{ ?s ?p ?o }} }} }}")
# Makes the refusal pass everything in the process it is run in: what the sandbox alone must then stop.
MISS = "import argmap.sparql.guard as g, argmap.sparql.reading as r; g.refuse_unsafe = lambda text, *a, **k: r.read(text)\n"
NO_SANDBOX = "import argmap.sparql.sandbox as s; s.isolate = lambda *a, **k: 'none'\n"


def run_python(code: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, **kwargs)


@pytest.mark.parametrize("way", sandbox.WAYS)
def test_each_way_cuts_the_process_off_from_loopback_for_oxigraph_and_sockets(way, listener):
    result = run_python(textwrap.dedent(f"""
        import socket, pyoxigraph as ox
        from argmap.sparql import sandbox
        print(sandbox.isolate(({way!r},)))
        try:
            list(ox.Store().query("SELECT * WHERE {{ SERVICE <{listener.url}> {{ ?s ?p ?o }} }}"))
        except OSError as error:
            print("oxigraph:", error)
        try:
            socket.create_connection(("127.0.0.1", {listener.port}), timeout=5)
        except OSError as error:
            print("socket:", error)
    """))
    lines = result.stdout.splitlines()
    assert lines[0] == way, result.stderr
    assert lines[1].startswith("oxigraph:") and lines[2].startswith("socket:")
    assert listener.connections == 0


def test_without_a_way_oxigraph_does_reach_the_listener(listener):
    result = run_python(f"import pyoxigraph as ox\nfrom argmap.sparql import sandbox\nprint(sandbox.isolate(()))\n"
                        f"print(len(list(ox.Store().query('SELECT * WHERE {{ SERVICE <{listener.url}> {{ ?s ?p ?o }} }}'))))")
    assert result.stdout.split() == ["none", "1"] and listener.connections == 1


def test_a_namespace_is_not_used_once_the_process_runs_threads():
    result = run_python("import threading, time\nfrom argmap.sparql import sandbox\n"
                        "threading.Thread(target=time.sleep, args=(5,), daemon=True).start()\nprint(sandbox.isolate())")
    assert result.stdout.strip() == "seccomp"


def command(arguments: list[str], before: str = "") -> str:
    return before + MISS + f"from argmap.cli import main\nmain({arguments!r})\n"


@pytest.mark.parametrize("variant", VARIANTS)
def test_argmap_query_runs_without_network_when_the_refusal_misses(variant, listener, first_article):
    arguments = ["query", "--sparql", variant.format(url=listener.url), "-C", str(first_article), "--format", "csv"]
    result = run_python(command(arguments))
    assert "Traceback" not in result.stderr
    assert listener.connections == 0


def test_argmap_query_without_the_sandbox_would_have_reached_the_listener(listener, first_article):
    arguments = ["query", "--sparql", PAYLOAD.format(url=listener.url), "-C", str(first_article)]
    run_python(command(arguments, before=NO_SANDBOX))
    assert listener.connections == 1


def test_a_service_the_sandbox_stops_is_one_line_and_exit_2(listener, first_article):
    arguments = ["query", "--sparql", VARIANTS[1].format(url=listener.url), "-C", str(first_article)]
    result = run_python(command(arguments))
    assert result.returncode == 2 and result.stderr.count("\n") == 1
    assert "the query tried to reach the network" in result.stderr


@pytest.fixture
def missing_server(article, tmp_path, monkeypatch):
    """A running server whose refusal passes everything, in the server and in its workers (through sitecustomize)."""

    def start(before: str = ""):
        (tmp_path / "sitecustomize.py").write_text(before + MISS, encoding="utf-8")
        monkeypatch.setenv("PYTHONPATH", os.pathsep.join([str(tmp_path), os.environ.get("PYTHONPATH", "")]))
        import argmap.sparql.guard as guard
        from argmap.sparql.reading import read

        monkeypatch.setattr(guard, "refuse_unsafe", lambda text, *args, **kwargs: read(text))
        return Server(article, None, Settings(port=0, timeout=20, workers=1))

    return start


def ask(server: Server, text: str) -> httpx.Response:
    return httpx.post(f"{server.url}/sparql", content=text.encode("utf-8"), timeout=60,
                      headers={"Content-Type": "application/sparql-query", "Accept": "application/sparql-results+json"})


def test_a_serve_worker_runs_in_a_network_namespace_of_its_own(article):
    from argmap.serving.pool import Pool

    own = os.readlink("/proc/self/ns/net")
    pool = Pool(article.root, size=1).start()
    try:
        processes = pool.processes()  # the process that loaded the data, and the workers forked from it
        assert len(processes) >= 2
        assert all(os.readlink(f"/proc/{pid}/ns/net") != own for pid in processes)
    finally:
        pool.close()


@pytest.mark.parametrize("variant", VARIANTS)
def test_argmap_serve_reaches_nothing_when_the_refusal_misses(variant, missing_server, listener):
    with missing_server() as server:
        response = ask(server, variant.format(url=listener.url))
    assert response.status_code in (200, 400), response.text
    assert listener.connections == 0


def test_argmap_serve_without_the_sandbox_would_have_reached_the_listener(missing_server, listener):
    with missing_server(before=NO_SANDBOX) as server:
        response = ask(server, PAYLOAD.format(url=listener.url))
    assert response.status_code == 200 and listener.connections == 1
    assert json.loads(response.text)["results"]["bindings"]
