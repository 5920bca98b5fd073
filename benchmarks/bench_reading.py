"""Benchmark what reading a query with rdflib's parser (the refusal, reading.py and guard.py) costs.

Not a test: run it by hand and copy its figures into the README.

    python benchmarks/bench_reading.py                 # start-up, and 10, 100, 1000 triple patterns
    python benchmarks/bench_reading.py --repeat 7

Start-up: `argmap query NAME` (a shipped query, never parsed), `argmap query --sparql` (parsed) and a bare
pyoxigraph script that loads the same files and runs the same question, each a fresh process on the
repository's data. Growth: reading a SELECT of N triple patterns, against Oxigraph parsing and running the
same query on an empty store in the same process. Medians of --repeat runs.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox

REPOSITORY = Path(__file__).resolve().parent.parent
BARE = """
import glob, pyoxigraph as ox
store = ox.Store()
for path in sorted(glob.glob("claims/*.ttl")) + ["ontology/argmap.ttl", "ontology/schemes.ttl"]:
    store.load(path=path, format=ox.RdfFormat.TURTLE)
print(len(list(store.query("SELECT ?t WHERE { ?t a <https://w3id.org/argmap/ontology#Thesis> } ORDER BY ?t"))))
"""


def median_seconds(run, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def process(arguments: list[str]):
    return lambda: subprocess.run(arguments, cwd=REPOSITORY, capture_output=True, check=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    options = parser.parse_args()
    python = sys.executable
    bare = median_seconds(process([python, "-c", BARE]), options.repeat)
    named = median_seconds(process([python, "-m", "argmap", "query", "theses", "-C", "."]), options.repeat)
    typed = median_seconds(process([python, "-m", "argmap", "query", "--sparql",
                                    "SELECT ?t WHERE { ?t a arg:Thesis } ORDER BY ?t", "-C", "."]), options.repeat)
    print(f"start-up: bare pyoxigraph {bare:.3f} s; argmap query theses {named:.3f} s ({named / bare:.1f}x); "
          f"argmap query --sparql {typed:.3f} s ({typed / bare:.1f}x)")

    from argmap.sparql.reading import read

    read("ASK {}")  # the grammar is built once per process
    print("triple patterns | characters | read (s) | Oxigraph parse and run (s) | read vs Oxigraph")
    for size in (10, 100, 1000):
        text = "SELECT * WHERE { " + " ".join(f"?s{i} <urn:p> ?o{i} ." for i in range(size)) + " }"
        reading = median_seconds(lambda: read.__wrapped__(text), options.repeat)
        oxigraph = median_seconds(lambda: list(ox.Store().query(text)), options.repeat)
        print(f"{size} | {len(text)} | {reading:.4f} | {oxigraph:.4f} | {reading / oxigraph:.2g}x")


if __name__ == "__main__":
    main()
