"""Drive `argmap serve` with concurrent clients: throughput, p50/p99 latency and errors.

Starts the server on a free loopback port (the repository's data unless
--project says otherwise), then CLIENTS threads send QUERIES requests in all,
cycling through every library query with its example parameters, in JSON
for SELECT/ASK and Turtle for CONSTRUCT. Stops at --seconds whatever is left.
Loopback only; nothing else is contacted.

    python benchmarks/load_serve.py [--clients 8] [--queries 5000] [--seconds 300] [--workers 2]
"""

from __future__ import annotations

import argparse
import itertools
import statistics
import threading
import time
from pathlib import Path

import httpx

from argmap import find_project
from argmap.sparql.library import catalogue
from argmap.serving.serve import Server, Settings
from argmap.sparql.reading import query_form


def requests_of(project) -> list[tuple[str, dict, str]]:
    """(name, params, Accept) for every library query, with its example parameters."""
    found = []
    for query in catalogue(project):
        params = [f"{k}={v}" for k, v in query.example_params().items()]
        accept = "text/turtle" if query_form(query.text) in ("CONSTRUCT", "DESCRIBE") else "application/sparql-results+json"
        found.append((query.name, {"name": query.name, "param": params}, accept))
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--project", type=Path)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--queries", type=int, default=5000)
    parser.add_argument("--seconds", type=float, default=300)
    parser.add_argument("--workers", type=int, default=2)
    options = parser.parse_args()

    project = find_project(options.project)
    mix = requests_of(project)
    order = itertools.islice(itertools.cycle(mix), options.queries)
    lock = threading.Lock()
    latencies: list[float] = []
    errors: dict[str, int] = {}
    deadline = time.monotonic() + options.seconds

    with Server(project, None, Settings(port=0, workers=options.workers, timeout=30)) as server:
        def client():
            with httpx.Client(base_url=server.url, timeout=60) as http:
                while time.monotonic() < deadline:
                    with lock:
                        item = next(order, None)
                    if item is None:
                        return
                    name, params, accept = item
                    started = time.monotonic()
                    try:
                        status = http.get("/sparql", params=params, headers={"Accept": accept}).status_code
                    except httpx.HTTPError as error:
                        status = type(error).__name__
                    elapsed = time.monotonic() - started
                    with lock:
                        latencies.append(elapsed)
                        if status != 200:
                            errors[f"{name}: {status}"] = errors.get(f"{name}: {status}", 0) + 1

        started = time.monotonic()
        threads = [threading.Thread(target=client) for _ in range(options.clients)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        wall = time.monotonic() - started

    latencies.sort()
    done = len(latencies)
    print(f"{done} requests ({len(mix)} library queries in turn), {options.clients} clients, "
          f"{options.workers} workers, {wall:.1f} s")
    print(f"throughput {done / wall:.1f} requests/s")
    print(f"latency p50 {statistics.median(latencies) * 1000:.1f} ms, "
          f"p99 {latencies[min(done - 1, int(done * 0.99))] * 1000:.1f} ms, max {latencies[-1] * 1000:.1f} ms")
    print(f"errors {sum(errors.values())}" + "".join(f"\n  {k} × {v}" for k, v in sorted(errors.items())))


if __name__ == "__main__":
    main()
