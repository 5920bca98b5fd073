"""Benchmark argmap's Dung solver (clingo) against pygarg (python-sat) on generated frameworks in ICCMA's shapes.

Not a test: run it by hand and copy its table into the README.

    python benchmarks/bench_eval.py                    # the whole table (about 15 minutes on 2 busy cores)
    python benchmarks/bench_eval.py --only er-        # the instances whose name starts so
    python benchmarks/bench_eval.py --timeout 20 --repeat 1

The frameworks are generated here, seeded, in the shapes ICCMA's benchmark
sets use: Erdős–Rényi (each ordered pair an attack with probability p),
Barabási–Albert (preferential attachment, m edges a new argument), Watts–
Strogatz (a ring lattice of k neighbours, each edge rewired with probability
0.1), grids (each argument next to its 4 neighbours) and AFBenchGen-like
frameworks (clusters dense inside, attacking one another along a random
order, so the strongly connected components are the clusters). An undirected
edge becomes an attack one way or the other, or both ways with probability
0.3 (`--mutual`). 50 to 500 arguments, sparse to dense.

Each task runs in a worker process of its own, killed after --timeout
seconds, --repeat times; the table gives medians. argmap's time is
`Solver(framework)` plus the task (numbering, grounding, solving); pygarg's is
its `solver` function on its own lists (pygarg looks attacks up as lists).
Neither reads a file. Both answers are compared: a row says `DIFFERENT` if the
extensions (EE) or the verdicts (DC, DS) differ. The ratio is pygarg's median
over argmap's, measured in the same run: above 1, argmap is faster.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from argmap.evaluation import semantics as dung  # noqa: E402
from argmap.evaluation.solver import Solver  # noqa: E402

CODES = {"PR": "preferred", "ST": "stable", "CO": "complete", "GR": "grounded", "SST": "semi-stable", "ID": "ideal"}


# -- generators ----------------------------------------------------------------------------------------------

def orient(edges, rng, mutual):
    """Attacks from undirected edges: one way or the other, or both with probability `mutual`."""
    attacks = set()
    for a, b in edges:
        r = rng.random()
        if r < mutual:
            attacks |= {(a, b), (b, a)}
        else:
            attacks.add((a, b) if r < mutual + (1 - mutual) / 2 else (b, a))
    return attacks


def erdos_renyi(n, p, rng, mutual):
    return {(a, b) for a in range(n) for b in range(n) if a != b and rng.random() < p}


def barabasi_albert(n, m, rng, mutual):
    edges, targets, pool = set(), list(range(m)), []
    for new in range(m, n):
        for t in set(targets):
            edges.add((new, t))
        pool += list(set(targets)) + [new] * m
        targets = [rng.choice(pool) for _ in range(m)]
    return orient(edges, rng, mutual)


def watts_strogatz(n, k, rng, mutual, beta=0.1):
    edges = set()
    for i in range(n):
        for j in range(1, k // 2 + 1):
            t = (i + j) % n
            if rng.random() < beta:
                t = rng.randrange(n)
            if t != i:
                edges.add((min(i, t), max(i, t)))
    return orient(edges, rng, mutual)


def grid(n, width, rng, mutual):
    edges = set()
    for i in range(n):
        if (i + 1) % width and i + 1 < n:
            edges.add((i, i + 1))
        if i + width < n:
            edges.add((i, i + width))
    return orient(edges, rng, mutual)


def afbenchgen(n, size, rng, mutual, inside=0.3, between=0.02):
    """Clusters of `size` arguments, attacks inside each with probability `inside`, and from earlier clusters to later."""
    cluster = [i // size for i in range(n)]
    return {(a, b) for a in range(n) for b in range(n) if a != b and rng.random() < (
        inside if cluster[a] == cluster[b] else between if cluster[a] < cluster[b] else 0)}


GENERATORS = {"er": erdos_renyi, "ba": barabasi_albert, "ws": watts_strogatz, "grid": grid, "afbg": afbenchgen}

# name: (generator, arguments, parameter[, probability of a mutual attack]); the last chosen so that the
# 500-argument enumerations stay in the thousands of extensions, where pygarg can finish
INSTANCES = [
    ("er-50-dense", "er", 50, 0.2), ("er-100-dense", "er", 100, 0.3), ("er-200-sparse", "er", 200, 0.01),
    ("er-500-sparse", "er", 500, 0.005), ("er-500-hard", "er", 500, 0.01),
    ("ba-50", "ba", 50, 2), ("ba-200", "ba", 200, 2), ("ba-500", "ba", 500, 3, 0.05),
    ("ws-50", "ws", 50, 6), ("ws-200", "ws", 200, 10), ("ws-500", "ws", 500, 16, 0.1),
    ("grid-100", "grid", 100, 10), ("grid-200", "grid", 200, 20, 0.1),
    ("afbg-100", "afbg", 100, 10), ("afbg-200", "afbg", 200, 20), ("afbg-500", "afbg", 500, 25),
]
ENUMERATION = ("EE-PR", "EE-ST")
QUESTIONS = ("SE-PR", "SE-ST", "DC-PR", "DS-PR", "DC-ST", "DS-ST")  # on the 500-argument frameworks


def generate(kind, n, parameter, seed, mutual):
    rng = random.Random(f"{kind}-{n}-{parameter}-{seed}")
    attacks = GENERATORS[kind](n, parameter, rng, mutual)
    arguments = [str(i + 1) for i in range(n)]
    return arguments, sorted((str(a + 1), str(b + 1)) for a, b in attacks)


# -- the two solvers -------------------------------------------------------------------------------------------

def run_argmap(arguments, attacks, task, query):
    problem, code = task.split("-")
    solver = Solver(dung.normalise(arguments, attacks))
    semantics = CODES[code]
    if problem == "EE":
        return sorted(sorted(e) for e in solver.extensions(semantics))
    if problem == "SE":
        return solver.some(semantics) is not None
    return (solver.credulous if problem == "DC" else solver.sceptical)(semantics, query)[0]


def run_pygarg(arguments, attacks, task, query):
    from pygarg.dung import solver

    problem, code = task.split("-")
    pairs = [[a, b] for a, b in attacks]
    if problem == "EE":
        return sorted(sorted(e) for e in solver.extension_enumeration(arguments, pairs, code))
    if problem == "SE":
        return solver.compute_some_extension(arguments, pairs, code) != "NO"
    ask = solver.credulous_acceptability if problem == "DC" else solver.skeptical_acceptability
    return ask(arguments, pairs, query, code)[0]


def _worker(connection, function, arguments, attacks, task, query):
    start = time.perf_counter()
    result = function(arguments, attacks, task, query)
    connection.send((time.perf_counter() - start, result))


def timed(function, arguments, attacks, task, query, timeout):
    """(seconds, result) of one call in a fresh worker process; (None, None) when it passes `timeout`."""
    parent, child = multiprocessing.Pipe(duplex=False)
    worker = multiprocessing.get_context("fork").Process(target=_worker, args=(child, function, arguments, attacks, task, query))
    worker.start()
    child.close()
    answered = parent.poll(timeout)
    outcome = parent.recv() if answered else (None, None)
    worker.kill()
    worker.join()
    return outcome


def measure(function, arguments, attacks, task, query, timeout, repeat):
    times, result = [], None
    for _ in range(repeat):
        seconds, result = timed(function, arguments, attacks, task, query, timeout)
        if seconds is None:
            return None, None
        times.append(seconds)
    return statistics.median(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", default="", help="run the instances whose name starts with this")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds a task may take (default 60)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per task; the median is shown (default 3)")
    parser.add_argument("--mutual", type=float, default=0.3, help="probability that an edge is a mutual attack, unless the instance sets it")
    parser.add_argument("--seed", type=int, default=1)
    options = parser.parse_args()
    warm = (["1", "2", "3"], [("1", "2"), ("2", "1"), ("2", "3")])
    for task in ("EE-PR", "EE-ST", "EE-SST", "DC-PR", "DS-PR"):  # imports and encodings are read before the workers fork
        run_argmap(*warm, task, "3"), run_pygarg(*warm, task, "3")

    print(f"# {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}; timeout {options.timeout:g} s, "
          f"median of {options.repeat}; ratio = pygarg / argmap")
    print("| framework | arguments | attacks | task | answer | argmap (s) | pygarg (s) | ratio |")
    print("|---|---:|---:|---|---|---:|---:|---:|")
    for name, kind, n, parameter, *mutual in INSTANCES:
        if not name.startswith(options.only):
            continue
        arguments, attacks = generate(kind, n, parameter, options.seed, mutual[0] if mutual else options.mutual)
        tasks = ENUMERATION + (QUESTIONS if n >= 500 else ())
        query = max(arguments, key=lambda a: sum(1 for x, y in attacks if y == a))  # the most attacked argument
        for task in tasks:
            ours, our_answer = measure(run_argmap, arguments, attacks, task, query, options.timeout, options.repeat)
            theirs, their_answer = measure(run_pygarg, arguments, attacks, task, query, options.timeout, options.repeat)
            if our_answer is None:
                answer = "argmap timed out"
            elif task.startswith("EE"):
                answer = f"{len(our_answer)} extension{'' if len(our_answer) == 1 else 's'}"
            else:
                answer = "yes" if our_answer else "no"
            if our_answer is not None and their_answer is not None and our_answer != their_answer:
                answer += " DIFFERENT"
            show = lambda t: "—" if t is None else f"{t:.3f}"  # noqa: E731
            ratio = f"{theirs / ours:.1f}" if ours and theirs else (f"> {options.timeout / ours:.0f}" if ours else "—")
            print(f"| {name} | {n} | {len(attacks)} | {task} | {answer} | {show(ours)} | "
                  f"{show(theirs) if theirs is not None else f'> {options.timeout:g}'} | {ratio} |", flush=True)


if __name__ == "__main__":
    main()
