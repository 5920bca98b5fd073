"""Benchmark `argmap check` stage by stage on generated argument maps of about 10k, 100k and 1M triples.

Not a test: run it by hand and copy its table into the README.

    python benchmarks/bench_check.py                         # 10k and 100k
    python benchmarks/bench_check.py --sizes 1000000 --repeat 1
    python benchmarks/bench_check.py --as-generated --sizes 10000

The maps are bench_queries.py's (imported, not copied). By default each is
completed into a project a user could have: every article gets its text file
(claims/sources/gen-N.txt) and an author, each quote names its article (the
generator gives every article the same quotes, which the duplicate-quote check
reports pairwise, quadratically in the number of articles), and each entity a
comment. The result conforms, with one piece of advice per inference (none
names an argumentation scheme), so locating problems is measured too.
--as-generated checks the generator's files as they are: their problems grow
with the square of the articles (10,948 at 10k triples, 102,136 at 30k; some
115 million at 1M), so run it at small sizes only.

For each size it measures, as the median of --repeat runs (each run loads
afresh):
- load: argmap.model.load (rdflib's Turtle parser into a Dataset), the baseline;
- each stage of argmap.checks.run.check, in its order, and check as a whole;
- load + check, which is what `argmap check` does after starting.
Ratios are against load measured in the same run. The first line gives the
cores and the load average, since other work on the machine slows every figure.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import os
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import bench_queries as generator  # noqa: E402  (puts src/ on the path too)

from argmap.model.load import load  # noqa: E402
from argmap.model.project import Project  # noqa: E402
from argmap.model.report import make_report  # noqa: E402

check_module = importlib.import_module("argmap.checks.run")  # the module: the package exports the function by that name
importlib.import_module("pyshacl")  # check imports it on first use (0.2 s): here, so that no run's shapes stage pays for it

AUTHORS = 10


def complete(root: Path, articles: int) -> None:
    """Make the generated maps a project that conforms: texts, authors, quotes of their own, entity comments."""
    claims = root / "claims"
    (claims / "sources").mkdir(exist_ok=True)
    for n in range(articles):
        path = claims / f"gen-{n:05d}.ttl"
        text = re.sub(r'oa:exact "words of claim (\d+)"', rf'oa:exact "words of claim \1 of article {n}"',
                      path.read_text(encoding="utf-8"))
        text += f"src:gen-{n} dcterms:creator ent:author-{n % AUTHORS} .\n"
        path.write_text(text, encoding="utf-8")
        words = " ".join(f"These are the words of claim {c} of article {n}." for c in range(generator.CLAIMS_PER_ARTICLE))
        (claims / "sources" / f"gen-{n}.txt").write_text(words + "\n", encoding="utf-8")
    names = ([f"threat-{t}" for t in range(generator.THREATS)] + [f"agreement-{a}" for a in range(generator.AGREEMENTS)]
             + [f"state-{s}" for s in range(generator.STATES)])
    lines = [f'ent:{name} rdfs:comment "A generated entity."@en .' for name in names]
    lines += [f'ent:author-{k} a arg:Person ; rdfs:label "Author {k}"@en ; rdfs:comment "A generated author."@en .'
              for k in range(AUTHORS)]
    with (claims / "entities.ttl").open("a", encoding="utf-8") as stream:
        stream.write("\n".join(lines) + "\n")


def one_run(project: Project) -> tuple[dict[str, float], object, int]:
    """Load, then check stage by stage, then check as a whole; the seconds of each, the report, the triples loaded."""
    times = {}
    start = time.perf_counter()
    loaded = load(project)
    times["load"] = time.perf_counter() - start
    assert not loaded.problems, loaded.problems[:3]
    start = time.perf_counter()
    locator, union = check_module.Locator(loaded), loaded.union_view()  # as check() does
    times["setup: Locator, union view"] = time.perf_counter() - start
    problems = []
    for function in check_module.CHECKS:  # check's stages, in its order
        start = time.perf_counter()
        problems += function(loaded, union, locator)
        times[function.__name__] = time.perf_counter() - start
    start = time.perf_counter()
    report = make_report(problems)
    times["make_report"] = time.perf_counter() - start
    del locator, union, problems
    gc.collect()
    start = time.perf_counter()
    whole = check_module.check(loaded)
    times["check (whole)"] = time.perf_counter() - start
    times["load + check"] = times["load"] + times["check (whole)"]
    assert whole == report, "the stages, run one by one, should give check's report"
    triples = sum(len(graph) for graph in loaded.dataset.graphs())
    del loaded
    gc.collect()
    return times, report, triples


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--as-generated", action="store_true", help="check the generator's files as they are")
    args = parser.parse_args()
    print(f"median of {args.repeat} runs; {'as generated' if args.as_generated else 'completed'} corpus; "
          f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f} at the start\n")
    print("| triples | stage | median (s) | vs load | share of check |")
    print("|---|---|---|---|---|")
    for size in args.sizes:
        with tempfile.TemporaryDirectory() as folder:
            project = Project(Path(folder))
            articles, _ = generator.make_project(project.root, size)
            if not args.as_generated:
                complete(project.root, articles)
            runs, report = [], None
            for _ in range(args.repeat):
                times, report, triples = one_run(project)
                runs.append(times)
            median = {name: statistics.median(run[name] for run in runs) for name in runs[0]}
            whole = median["check (whole)"]
            for name, seconds in median.items():
                share = f"{seconds / whole:.0%}" if name not in ("load", "check (whole)", "load + check") else "—"
                print(f"| {triples:,} ({articles} articles) | {name} | {seconds:.3f} | {seconds / median['load']:.2f}× | {share} |",
                      flush=True)
            print(f"<!-- {triples:,}: {len(report.problems)} problems, {len(report.advice)} pieces of advice -->", flush=True)


if __name__ == "__main__":
    main()
