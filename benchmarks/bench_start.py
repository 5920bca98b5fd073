"""How long `argmap query` takes as a whole process, against a bare pyoxigraph script doing the same work.

Not a test: run it by hand and copy its table into the README.

    python benchmarks/bench_start.py                      # threats-faced on the shipped data, medians of 7
    python benchmarks/bench_start.py --query counts --repeat 11

The baseline is the least a program can do to answer the same question: start Python, import pyoxigraph, load
every Turtle file of the project into a store (one named graph each, the default graph their union), run the
query's text, print the rows. `argmap query` does that and more (finds the project, reads the query's header,
binds parameters, refuses unsafe queries, formats a table). Both run as fresh processes, alternately, so that a
busy machine slows both alike; the ratio of the medians is the figure. The first line gives the cores and the
load average.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parent.parent

BARE = r'''
import sys
from pathlib import Path
import pyoxigraph as ox
root, query = Path(sys.argv[1]), Path(sys.argv[2]).read_text(encoding="utf-8")
store = ox.Store()
files = sorted(root.glob("ontology/*.ttl")) + sorted(root.glob("claims/**/*.ttl"))
for path in files:
    with path.open("rb") as stream:
        store.bulk_load(stream, ox.RdfFormat.TURTLE, base_iri=path.as_uri(), to_graph=ox.NamedNode(path.as_uri()))
for row in store.query(query, use_default_graph_as_union=True):
    print("\t".join(str(term) for term in row))
'''


def timed(argv: list[str], cwd: Path) -> float:
    """Seconds one fresh process takes from start to exit; a failure stops the benchmark."""
    started = time.perf_counter()
    done = subprocess.run(argv, cwd=cwd, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        sys.exit(f"{' '.join(argv)} failed:\n{done.stderr}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--query", default="threats-faced", help="a library query without parameters")
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    print(f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f}")
    with tempfile.TemporaryDirectory() as folder:
        bare = Path(folder) / "bare.py"
        bare.write_text(BARE, encoding="utf-8")
        query = REPOSITORY / "queries" / f"{args.query}.rq"
        runs = {"bare pyoxigraph": [sys.executable, str(bare), str(REPOSITORY), str(query)],
                "argmap query": [sys.executable, "-m", "argmap", "query", args.query, "-C", str(REPOSITORY)]}
        times: dict[str, list[float]] = {name: [] for name in runs}
        for argv in runs.values():
            timed(argv, REPOSITORY)  # warm the file cache and the byte-code
        for _ in range(args.repeat):
            for name, argv in runs.items():
                times[name].append(timed(argv, REPOSITORY))
    baseline = statistics.median(times["bare pyoxigraph"])
    print(f"| process | median (s) | vs bare pyoxigraph |")
    print("|---|---|---|")
    for name, values in times.items():
        median = statistics.median(values)
        print(f"| {name} `{args.query}` | {median:.3f} | {median / baseline:.2f}× |")


if __name__ == "__main__":
    main()
