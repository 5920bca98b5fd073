"""Benchmark reading and writing Argdown (argmap's own parser and profile) against reading the same map as Turtle.

Not a test: run it by hand and copy its table into docs/argdown.md.

    python benchmarks/bench_argdown.py                      # 100, 1,000 and 10,000 claims in one source
    python benchmarks/bench_argdown.py --claims 100 1000 --repeat 7

For each size it makes one source's map, as bench_queries.py's articles are made
(a thesis, a binary tree of support under it, kinds, entities, quotes in the
source's text, two unstated recommendations, a rebuttal and two undercuts), writes
it as Turtle and as argmap's Argdown, and measures, as the median of --repeat runs:
- turtle: rdflib's Turtle parser reading the map (what `argmap check` does with a
  .ttl source), the baseline;
- parse: argmap's Argdown lexer, parser and model (what @argdown/cli's `json` does);
- parse + read: the same, then the profile turning the model into the graph (what
  `argmap check` does with an .argdown source, quotes anchored in the text);
- write: the graph as Argdown (`argmap export -f argdown`).
Ratios are against turtle measured in the same run. The first line gives the cores
and the load average, since other work on the machine slows every figure.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPOSITORY / "src"))

from rdflib import Graph  # noqa: E402

from argmap.exchange.formats.argdown_write import write  # noqa: E402
from argmap.model.argdown import parse  # noqa: E402
from argmap.model.argdown.profile import ReadSettings, read  # noqa: E402
from argmap.model.vocab import SRC  # noqa: E402

KINDS = ["FactualClaim", "Judgement", "Prediction", "FactualClaim", "Judgement", "Concession"]
HEADER = """@prefix arg: <https://w3id.org/argmap/ontology#> .
@prefix ent: <https://w3id.org/argmap/entity/> .
@prefix src: <https://w3id.org/argmap/source/> .
@prefix oa: <http://www.w3.org/ns/oa#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix g: <https://w3id.org/argmap/source/gen#> .
src:gen a arg:Source ; dcterms:title "A generated article" ; dcterms:identifier "gen" ; arg:textFile "sources/gen.txt" .
"""


def source(claims: int) -> tuple[str, str]:
    """A generated source's map as Turtle, and its text (every claim quotes its own sentence of it)."""
    lines, text = [HEADER], []
    for c in range(claims):
        kind = "Thesis" if c == 0 else KINDS[c % len(KINDS)]
        text.append(f"This is sentence number {c} of the article.")
        lines.append(f'g:c{c} a arg:{kind} ; rdfs:label "Claim {c}"@en ; rdfs:comment "Claim {c} in full."@en ;\n'
                     f"    arg:about ent:state-{c % 7} ;\n"
                     f"    arg:anchor [ a oa:SpecificResource ; oa:hasSource src:gen ;\n"
                     f'        oa:hasSelector [ a oa:TextQuoteSelector ; oa:exact "sentence number {c} of" ] ] .')
        if c > 0:
            lines.append(f"g:i{c} a arg:Inference ; arg:premise g:c{c} ; arg:conclusion g:c{(c - 1) // 2} .")
    for r in (1, 2):
        lines.append(f'g:r{r} a arg:Recommendation ; rdfs:label "Advice {r}"@en ; rdfs:comment "Do it."@en ;\n'
                     f'    arg:addressee ent:state-{r} ; arg:recommendedAction "Act {r}." ; arg:implicit true .')
        lines.append(f"g:ir{r} a arg:Inference ; arg:premise g:c0 , g:c{r} ; arg:conclusion g:r{r} .")
    lines.append(f"g:reb a arg:Rebuttal ; arg:attacker g:c{claims - 1} ; arg:target g:c3 .")
    lines.append(f"g:und a arg:Undercut ; arg:attacker g:c{claims - 2} ; arg:target g:i4 .")
    lines.append("g:und2 a arg:Undercut ; arg:attacker g:c5 ; arg:target g:reb .")
    return "\n".join(lines) + "\n", "\n".join(text) + "\n"


def timed(function, repeat: int):
    times, value = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        value = function()
        times.append(time.perf_counter() - start)
    return statistics.median(times), value


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, nargs="+", default=[100, 1000, 10000])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    print(f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}; medians of {args.repeat} runs")
    print(f"{'claims':>7} {'triples':>8} {'Argdown':>9} {'turtle':>9} {'parse':>15} {'parse + read':>15} {'write':>15}")
    for claims in args.claims:
        turtle, text = source(claims)
        graph = Graph().parse(data=turtle, format="turtle")
        argdown = write(graph, {SRC.gen: text})
        settings = ReadSettings("https://w3id.org/argmap/source/gen#", "gen", texts=lambda chapter: text)
        base, _ = timed(lambda: Graph().parse(data=turtle, format="turtle"), args.repeat)
        parsed, _ = timed(lambda: parse(argdown, remove_tags=True), args.repeat)
        both, reading = timed(lambda: read(parse(argdown, remove_tags=True), settings), args.repeat)
        written, _ = timed(lambda: write(graph, {SRC.gen: text}), args.repeat)
        assert len(reading.graph) == len(graph), (len(reading.graph), len(graph))
        cells = [f"{t * 1000:8.0f} ms {t / base:4.1f}×" for t in (parsed, both, written)]
        print(f"{claims:>7,} {len(graph):>8,} {len(argdown.encode()) / 1024:>6.0f} KB {base * 1000:>6.0f} ms " + " ".join(cells))


if __name__ == "__main__":
    main()
