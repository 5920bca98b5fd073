"""`argmap serve` and `argmap publish`: the commands that put the data behind an endpoint (registered on `argmap`)."""

from __future__ import annotations

import sys

import click

from .app import echo, main, open_project, project_option

@main.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Where to listen. Anything but loopback lets other machines query the data.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="0 picks a free port.")
@click.option("--timeout", default=10.0, show_default=True, type=click.FloatRange(0.1), metavar="S",
              help="Seconds a query may run before its worker is killed (answered 503).")
@click.option("--max-rows", default=10_000, show_default=True, type=click.IntRange(1), metavar="N",
              help="Rows (or triples) an answer may have; more are cut and the answer says it was truncated.")
@click.option("--cors", multiple=True, metavar="ORIGIN", help="An origin whose pages may call the endpoint (repeatable; none by default).")
@click.option("--max-bytes", default=16 * 2**20, show_default=True, type=click.IntRange(1024), metavar="N",
              help="Bytes an answer may have; rows past it are cut and the answer says it was truncated.")
@click.option("--workers", default=2, show_default=True, type=click.IntRange(1, 64),
              help="Queries that run at once in the main lane, each in a worker process holding the data.")
@click.option("--slow-after", default=0.5, show_default=True, type=click.FloatRange(0.05), metavar="S",
              help="Seconds after which a running query moves to the slow lane and a fresh worker takes its place.")
@click.option("--slow-lane", default=None, type=click.IntRange(0, 64), metavar="N",
              help="Slow queries that may run at once (default: as many as --workers); another is stopped (503).")
@click.option("--client-timeout", default=10.0, show_default=True, type=click.FloatRange(0.1), metavar="S",
              help="Seconds a connection may stay idle, and a request may take to arrive whole (else 408).")
@click.option("--max-connections", default=64, show_default=True, type=click.IntRange(1), metavar="N",
              help="Connections served at once; more are answered 503.")
@click.option("--worker-memory", default=2048, show_default=True, type=click.IntRange(0), metavar="MIB",
              help="Memory a query may take beyond the loaded data; past it the query is stopped (503). 0: no limit.")
@project_option
def serve_command(directory, host, port, timeout, max_rows, cors, max_bytes, workers, slow_after, slow_lane,
                  client_timeout, max_connections, worker_memory):
    """Serve the data read-only: a SPARQL endpoint at /sparql, a query page at /, the map pages at /pages/.

    Builds the pages first when viz/out has none. Updates, SERVICE, LOAD and
    FROM elsewhere are refused; a query over --timeout is stopped.

    Example: argmap serve --port 8000 --timeout 5 --cors https://example.org
    """
    from ..serving.serve import Settings, serve

    serve(open_project(directory), Settings(host=host, port=port, timeout=timeout, max_rows=max_rows, cors=tuple(cors),
                                            workers=workers, max_bytes=max_bytes, slow_after=slow_after,
                                            slow_lane=slow_lane, client_timeout=client_timeout,
                                            max_connections=max_connections, worker_memory=worker_memory * 2**20))


@main.command("publish")
@click.option("--endpoint", required=True, metavar="URL", help="The server's SPARQL query endpoint (to check what arrived).")
@click.option("--graph-store", required=True, metavar="URL", help="Its SPARQL 1.1 Graph Store Protocol URL (each graph is PUT there).")
@click.option("--user", metavar="NAME", help="Who may write; the password comes from ARGMAP_PASSWORD or a prompt.")
@project_option
def publish_command(directory, endpoint, graph_store, user):
    """Load the dataset into a SPARQL server: each file its own named graph, the ontology included.

    Each graph is replaced whole (an HTTP PUT), so publishing again is safe.
    The password is never an option: set ARGMAP_PASSWORD, or type it when asked.

    Example: ARGMAP_PASSWORD=… argmap publish --endpoint http://localhost:8890/sparql --graph-store http://localhost:8890/sparql-graph-crud-auth --user dba
    """
    import os

    from ..errors import InputError
    from ..serving.publish import publish

    password = os.environ.get("ARGMAP_PASSWORD")
    if user and password is None:
        if not sys.stdin.isatty():
            raise InputError(f"no password for {user}", fix="set ARGMAP_PASSWORD, or run argmap publish at a terminal")
        password = click.prompt(f"Password for {user}", hide_input=True)
    echo(publish(open_project(directory), endpoint, graph_store, user, password).text(), nl=False)
