"""Benchmark evaluation across sources on generated maps: every source counted, and one source set aside.

Not a test: run it by hand and copy its figures into the README.

    python benchmarks/bench_sources.py                      # about 10k and 100k triples
    python benchmarks/bench_sources.py --sizes 10000 100000 1000000 --repeat 3

Each size is bench_queries' generated project (one claims file per article)
with a file of links between the articles: each article's claim 7 supports
claim 6 of the next, and its claim 9 rebuts claim 8 of the next. Measured,
as the median of --repeat runs, in one process, from the loaded dataset:
`evaluate(loaded)`, every source counted (reading the map with the source of
each node, then solving), the baseline; and setting the middle article aside
(`evaluate(loaded, set_aside=[…])`, which evaluates the map with and without
it and compares them), with the table `argmap eval` prints.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPOSITORY / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_queries import HEADER, make_project  # noqa: E402

from argmap.evaluation.evaluate import evaluate  # noqa: E402
from argmap.model.load import load  # noqa: E402
from argmap.model.project import Project  # noqa: E402


def links(articles: int) -> str:
    """A file of links between consecutive articles: one support and one rebuttal each."""
    lines = [HEADER, "@prefix x: <https://w3id.org/argmap/links#> ."]
    for n in range(articles - 1):
        a, b = f"<https://w3id.org/argmap/source/gen-{n}#", f"<https://w3id.org/argmap/source/gen-{n + 1}#"
        lines.append(f"x:i{n} a arg:Inference ; arg:premise {a}c7> ; arg:conclusion {b}c6> .")
        lines.append(f"x:k{n} a arg:Rebuttal ; arg:attacker {a}c9> ; arg:target {b}c8> .")
    return "\n".join(lines) + "\n"


def median(function, repeat: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--repeat", type=int, default=3)
    options = parser.parse_args()
    print("| triples | articles | every source counted (s) | one set aside, compared (s) | ratio |")
    print("|---|---|---|---|---|")
    for size in options.sizes:
        with tempfile.TemporaryDirectory(prefix="argmap-bench-") as folder:
            root = Path(folder) / "project"
            articles, triples = make_project(root, size)
            (root / "claims" / "links.ttl").write_text(links(articles), encoding="utf-8")
            loaded = load(Project(root))
            counted, _ = median(lambda: evaluate(loaded), options.repeat)
            aside, _ = median(lambda: evaluate(loaded, set_aside=[f"gen-{articles // 2}"]).table(), options.repeat)
            print(f"| {triples:,} | {articles} | {counted:.2f} | {aside:.2f} | {aside / counted:.2f}× |", flush=True)

if __name__ == "__main__":
    main()
