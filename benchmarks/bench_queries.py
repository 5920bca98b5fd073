"""Benchmark the query library on generated argument maps of about 10k, 100k and 1M triples.

Not a test: run it by hand and copy its table into the README.

    python benchmarks/bench_queries.py                  # 10k, 100k, 1M
    python benchmarks/bench_queries.py --sizes 10000 100000 --repeat 5

For each size it writes a project (the real ontology, a gazetteer, one
claims file per generated article) to a temporary folder and measures, as
the median of --repeat runs:
- load: raw pyoxigraph (Store.load of every file, nothing else), argmap's
  Oxigraph engine (the same, into named graphs, with prefixes read), and
  plain rdflib (argmap.model.load: rdflib's Turtle parser into a Dataset);
- query: every query in queries/ run once, in sequence, on each engine.
Ratios are against plain rdflib measured in the same run. rdflib is skipped
at a size when its run at the previous size took longer than --rdflib-budget.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox

REPOSITORY = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPOSITORY / "src"))

from argmap.sparql.engines import OxigraphEngine, RdflibEngine  # noqa: E402
from argmap.sparql.library import catalogue  # noqa: E402
from argmap.model.load import load  # noqa: E402
from argmap.model.project import Project  # noqa: E402
from argmap.sparql.query import run_query  # noqa: E402

KINDS = ["FactualClaim", "Judgement", "Prediction", "FactualClaim", "Judgement", "Concession"]
CLAIMS_PER_ARTICLE = 40
STATES, THREATS, AGREEMENTS = 20, 6, 8
HEADER = """@prefix arg: <https://w3id.org/argmap/ontology#> .
@prefix ent: <https://w3id.org/argmap/entity/> .
@prefix oa: <http://www.w3.org/ns/oa#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix src: <https://w3id.org/argmap/source/> .
@prefix dcterms: <http://purl.org/dc/terms/> .
"""


def entities() -> str:
    lines = [HEADER]
    for t in range(THREATS):
        lines.append(f'ent:threat-{t} a arg:{"WeaponsProgramme" if t % 2 else "RisingPower"} ; rdfs:label "Threat {t}"@en .')
    for a in range(AGREEMENTS):
        lines.append(f'ent:agreement-{a} a arg:SecurityAgreement ; rdfs:label "Agreement {a}"@en .')
    for s in range(STATES):
        lines.append(f'ent:state-{s} a arg:State ; rdfs:label "State {s}"@en ;\n'
                     f'    arg:faces ent:threat-{s % THREATS} , ent:threat-{(s + 1) % THREATS} ;\n'
                     f'    arg:partyTo ent:agreement-{s % AGREEMENTS} ; arg:poses ent:threat-{(s + 3) % THREATS} .')
    return "\n".join(lines) + "\n"


def article(n: int) -> str:
    """One argument map: a thesis, a binary tree of support under it, two recommendations, some attacks."""
    p = f"a{n}"
    lines = [HEADER, f"@prefix {p}: <https://w3id.org/argmap/source/gen-{n}#> .",
             f'src:gen-{n} a arg:Source ; dcterms:title "Generated article {n}" ; dcterms:identifier "gen-{n}" ; '
             f'arg:textFile "sources/gen-{n}.txt" .']
    for c in range(CLAIMS_PER_ARTICLE):
        kind = "Thesis" if c == 0 else KINDS[c % len(KINDS)]
        lines.append(
            f'{p}:c{c} a arg:{kind} ; rdfs:label "Claim {c} of article {n}"@en ; rdfs:comment "Claim {c} in full."@en ;\n'
            f"    arg:about ent:state-{(n + c) % STATES} , ent:threat-{c % THREATS} ;\n"
            f"    arg:anchor [ a oa:SpecificResource ; oa:hasSource src:gen-{n} ;\n"
            f'        oa:hasSelector [ a oa:TextQuoteSelector ; oa:exact "words of claim {c}" ] ] .')
        if c > 0:
            lines.append(f"{p}:i{c} a arg:Inference ; arg:premise {p}:c{c} ; arg:conclusion {p}:c{(c - 1) // 2} .")
    for r in (1, 2):
        lines.append(f'{p}:r{r} a arg:Recommendation ; rdfs:label "Advice {r} of article {n}"@en ; rdfs:comment "Do it."@en ;\n'
                     f'    arg:addressee ent:state-{(n + r) % STATES} ; arg:recommendedAction "Act {r}." ; arg:implicit true .')
        lines.append(f"{p}:ir{r} a arg:Inference ; arg:premise {p}:c0 , {p}:c{r} ; arg:conclusion {p}:r{r} .")
    lines.append(f"{p}:reb a arg:Rebuttal ; arg:attacker {p}:c{CLAIMS_PER_ARTICLE - 1} ; arg:target {p}:c3 .")
    lines.append(f"{p}:und a arg:Undercut ; arg:attacker {p}:c{CLAIMS_PER_ARTICLE - 2} ; arg:target {p}:i4 .")
    lines.append(f"{p}:und2 a arg:Undercut ; arg:attacker {p}:c5 ; arg:target {p}:reb .")
    return "\n".join(lines) + "\n"


def make_project(root: Path, triples: int) -> tuple[int, int]:
    """Write a project of about `triples` triples; gives (articles, triples counted)."""
    (root / "claims").mkdir(parents=True)
    shutil.copytree(REPOSITORY / "ontology", root / "ontology")
    (root / "claims" / "entities.ttl").write_text(entities(), encoding="utf-8")
    per_article = sum(1 for _ in ox.parse(article(0), format=ox.RdfFormat.TURTLE))
    articles = max(1, round(triples / per_article))
    for n in range(articles):
        (root / "claims" / f"gen-{n:05d}.ttl").write_text(article(n), encoding="utf-8")
    return articles, articles * per_article


PARAMS = {"claim": "a0:c3", "entity": "ent:state-1", "actor": "ent:state-1", "kind": "arg:Prediction", "class": "arg:Threat"}


def run_library(engine, queries) -> float:
    start = time.perf_counter()
    for query in queries:
        given = {p.name: PARAMS[p.name] for p in query.params if p.name in PARAMS and not p.optional}
        run_query(query, engine, given)
    return time.perf_counter() - start


def timed(function, repeat: int):
    times, value = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        value = function()
        times.append(time.perf_counter() - start)
    return statistics.median(times), value


def raw_pyoxigraph(project: Project) -> ox.Store:
    store = ox.Store()
    for path in [project.ontology_dir / "argmap.ttl", *sorted(project.claims_dir.glob("*.ttl"))]:
        store.load(path=str(path), format=ox.RdfFormat.TURTLE)
    return store


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--rdflib-budget", type=float, default=120.0, help="seconds; see above")
    args = parser.parse_args()
    queries = catalogue(Project(REPOSITORY))
    print(f"{len(queries)} queries; median of {args.repeat} runs (rdflib: 1 run at 1M)\n")
    print("| triples | engine | load (s) | load vs raw pyoxigraph | whole library (s) | load vs rdflib | library vs rdflib |")
    print("|---|---|---|---|---|---|---|")
    rdflib_ok = True
    for size in args.sizes:
        with tempfile.TemporaryDirectory() as folder:
            project = Project(Path(folder))
            articles, count = make_project(project.root, size)
            count += sum(1 for _ in ox.parse(path=str(project.ontology_dir / "argmap.ttl"), format=ox.RdfFormat.TURTLE))
            raw, _ = timed(lambda: raw_pyoxigraph(project), args.repeat)
            ox_load, engine = timed(lambda: OxigraphEngine.from_project(project), args.repeat)
            ox_query, _ = timed(lambda: run_library(engine, queries), args.repeat)
            rows = [("raw pyoxigraph", raw, None), ("oxigraph", ox_load, ox_query)]
            rd_load = rd_query = None
            if rdflib_ok:
                repeat = 1 if size >= 1_000_000 else args.repeat
                rd_load, loaded = timed(lambda: RdflibEngine(load(project)), repeat)
                rd_query, _ = timed(lambda: run_library(loaded, queries), repeat)
                rows.append(("rdflib", rd_load, rd_query))
                rdflib_ok = rd_load + rd_query < args.rdflib_budget
            for name, load_s, query_s in rows:
                vs_raw = f"{load_s / raw:.2f}×"
                vs_load = f"{rd_load / load_s:.1f}× faster" if rd_load and name != "rdflib" else ("—" if rd_load else "rdflib skipped")
                vs_query = (f"{rd_query / query_s:.1f}× faster" if rd_query and query_s and name != "rdflib" else "—")
                shown_query = f"{query_s:.3f}" if query_s is not None else "—"
                print(f"| {count:,} ({articles} articles) | {name} | {load_s:.3f} | {vs_raw} | {shown_query} | {vs_load} | {vs_query} |",
                      flush=True)


if __name__ == "__main__":
    main()
