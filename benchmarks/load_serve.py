"""Drive `argmap serve` with concurrent clients, alone and beside heavy queries: p50/p99 latency, errors, memory.

Starts the server on a free loopback port (the repository's data unless
--project says otherwise). Light clients send the library queries in turn
with their example parameters (JSON for SELECT/ASK, Turtle for CONSTRUCT).
Two runs in the same process: first the light clients alone (the baseline),
then the same light clients while --heavy clients each send, again and again,
a query that runs into the time limit (a three-way cross product). Prints
each run's latencies, the ratio of the second to the first, what the heavy
queries got, and the workers' memory (resident, with shared pages divided
among the processes that share them). Loopback only; nothing else is
contacted.

    python benchmarks/load_serve.py [--clients 8] [--queries 2000] [--heavy 2] [--timeout 5] [--workers 2]
                                    [--slow-after 0.5] [--slow-lane N] [--spares 1] [--slow-priority 19]

`--slow-after` at or over `--timeout` keeps every query in the main lane
until it is killed: the scheduling before the slow lane, for comparison.
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

HEAVY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


def requests_of(project) -> list[tuple[str, dict, str]]:
    """(name, params, Accept) for every library query, with its example parameters."""
    found = []
    for query in catalogue(project):
        params = [f"{k}={v}" for k, v in query.example_params().items()]
        accept = "text/turtle" if query_form(query.text) in ("CONSTRUCT", "DESCRIBE") else "application/sparql-results+json"
        found.append((query.name, {"name": query.name, "param": params}, accept))
    return found


def memory_mib(pids: list[int]) -> tuple[float, float]:
    """Resident memory of the live processes in all, counted each on its own (RSS) and with the pages they share
    divided among them (PSS), in MiB."""
    rss = pss = 0.0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/smaps_rollup") as rollup:
                fields = dict(line.split(":", 1) for line in rollup if ":" in line and not line.startswith("0"))
        except OSError:
            continue
        rss += int(fields["Rss"].split()[0]) / 1024
        pss += int(fields["Pss"].split()[0]) / 1024
    return rss, pss


class Run:
    """One run: light clients through a fixed number of requests, heavy clients looping until they finish."""

    def __init__(self, server: Server, mix, queries: int, clients: int, heavy: int):
        self.server, self.clients, self.heavy = server, clients, heavy
        self.order = itertools.islice(itertools.cycle(mix), queries)
        self.lock = threading.Lock()
        self.latencies: list[float] = []
        self.errors: dict[str, int] = {}
        self.heavy_answers: dict[str, int] = {}
        self.during_heavy = 0  # light answers given while every heavy query was in flight
        self.heavy_in_flight = 0
        self.done = threading.Event()
        self.peak_processes, self.peak_rss, self.peak_pss = 0, 0.0, 0.0

    def light(self):
        with httpx.Client(base_url=self.server.url, timeout=60) as http:
            while True:
                with self.lock:
                    item = next(self.order, None)
                if item is None:
                    return
                name, params, accept = item
                started = time.monotonic()
                try:
                    status = http.get("/sparql", params=params, headers={"Accept": accept}).status_code
                except httpx.HTTPError as error:
                    status = type(error).__name__
                elapsed = time.monotonic() - started
                with self.lock:
                    self.latencies.append(elapsed)
                    self.during_heavy += bool(self.heavy) and self.heavy_in_flight == self.heavy
                    if status != 200:
                        self.errors[f"{name}: {status}"] = self.errors.get(f"{name}: {status}", 0) + 1

    def heavy_client(self):
        with httpx.Client(base_url=self.server.url, timeout=120) as http:
            while not self.done.is_set():
                with self.lock:
                    self.heavy_in_flight += 1
                response = http.get("/sparql", params={"query": HEAVY})
                key = f"{response.status_code} {response.text.split(' and ')[0][:60]}"
                with self.lock:
                    self.heavy_in_flight -= 1
                    self.heavy_answers[key] = self.heavy_answers.get(key, 0) + 1

    def watch_memory(self):
        while not self.done.wait(0.2):
            processes = self.server.pool.processes()
            rss, pss = memory_mib(processes)
            self.peak_processes = max(self.peak_processes, len(processes))
            self.peak_rss, self.peak_pss = max(self.peak_rss, rss), max(self.peak_pss, pss)

    def go(self) -> float:
        heavy = [threading.Thread(target=self.heavy_client) for _ in range(self.heavy)]
        watcher = threading.Thread(target=self.watch_memory)
        for thread in heavy + [watcher]:
            thread.start()
        if self.heavy:  # the light clients start once every heavy query holds a worker
            self.server.pool.wait_busy(self.heavy, 30)
        started = time.monotonic()
        light = [threading.Thread(target=self.light) for _ in range(self.clients)]
        for thread in light:
            thread.start()
        for thread in light:
            thread.join()
        wall = time.monotonic() - started
        self.done.set()
        for thread in heavy + [watcher]:
            thread.join()
        return wall

    def report(self, title: str, wall: float) -> float:
        latencies = sorted(self.latencies)
        done = len(latencies)
        p99 = latencies[min(done - 1, int(done * 0.99))]
        print(f"{title}: {done} light requests, {self.clients} clients, {self.heavy} heavy clients, {wall:.1f} s, "
              f"{done / wall:.1f} requests/s")
        print(f"  latency p50 {statistics.median(latencies) * 1000:.1f} ms, p99 {p99 * 1000:.1f} ms, "
              f"max {latencies[-1] * 1000:.1f} ms")
        print(f"  errors {sum(self.errors.values())}" + "".join(f"\n    {k} × {v}" for k, v in sorted(self.errors.items())))
        if self.heavy:
            print(f"  light answered while all {self.heavy} heavy queries ran: {self.during_heavy}")
            print("  heavy answers: " + "; ".join(f"{k} × {v}" for k, v in sorted(self.heavy_answers.items())))
        print(f"  workers: at most {self.peak_processes} processes (the loaded one and its forks), "
              f"{self.peak_pss:.0f} MiB resident in all ({self.peak_rss:.0f} MiB counting shared pages in each)")
        return p99


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--project", type=Path)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--queries", type=int, default=2000, help="light requests in each run")
    parser.add_argument("--heavy", type=int, default=2, help="clients sending queries that run into the time limit")
    parser.add_argument("--timeout", type=float, default=5.0)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--slow-after", type=float, default=Settings.slow_after)
    parser.add_argument("--slow-lane", type=int, default=None)
    parser.add_argument("--spares", type=int, default=Settings.spares)
    parser.add_argument("--slow-priority", type=int, default=19, help="niceness of the slow lane (0: unchanged)")
    options = parser.parse_args()

    project = find_project(options.project)
    mix = requests_of(project)
    settings = Settings(port=0, workers=options.workers, timeout=options.timeout, slow_after=options.slow_after,
                        slow_lane=options.slow_lane, spares=options.spares, max_connections=256)
    print(f"{len(mix)} library queries in turn; {options.workers} workers, timeout {options.timeout:g} s, slow lane "
          f"after {options.slow_after:g} s for {options.slow_lane or options.workers}, {options.spares} spare(s), "
          f"slow-lane niceness {options.slow_priority}")
    with Server(project, None, settings) as server:
        server.pool.slow_priority = options.slow_priority
        for name, params, accept in mix:  # one of each first, so that neither run pays for first answers
            httpx.get(server.url + "/sparql", params=params, headers={"Accept": accept}, timeout=60)
        alone = Run(server, mix, options.queries, options.clients, 0)
        baseline = alone.report("light alone", alone.go())
        beside = Run(server, mix, options.queries, options.clients, options.heavy)
        loaded = beside.report(f"light beside {options.heavy} heavy", beside.go())
    print(f"p99 beside heavy queries / alone: {loaded / baseline:.2f}×; p99 beside heavy queries "
          f"{'under' if loaded < 1 else 'OVER'} 1 s")


if __name__ == "__main__":
    main()
