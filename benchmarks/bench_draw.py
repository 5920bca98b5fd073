"""How long a generated argument map takes to draw in headless Chromium: argmap's page against pyvis defaults.

Run: .venv/bin/python benchmarks/bench_draw.py [--runs 3] [--sizes 100 2000 5000]

For each size it generates a map (claims in a support tree, one inference per
claim, every tenth claim attacked), writes argmap's page and a page made with
pyvis' defaults (physics on) from the same nodes and edges, opens each in
headless Chromium with every network request refused, and times navigation to
the first drawing after the layout has settled. Prints medians and the ratio
pyvis-defaults / argmap, both measured in this run. pyvis defaults are only
timed up to --pyvis-limit nodes (they take minutes beyond).
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from argmap.drawing.draw import draw_map  # noqa: E402
from argmap.drawing.mapdata import ArgumentMap, ClaimNode, Edge, RelationNode  # noqa: E402
from argmap.model.project import find_project  # noqa: E402

KINDS = ("FactualClaim", "Judgement", "Prediction", "Concession")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
IRI = "https://example.org/bench#"


def generate(size: int, seed: int = 7) -> ArgumentMap:
    """A map of `size` claims: a thesis, a support tree of fan-out about 3, and an attack on every tenth claim."""
    rng = random.Random(seed)
    claims, relations, edges = [], [], []
    for i in range(size):
        kind = "Thesis" if i == 0 else rng.choice(KINDS)
        claims.append(ClaimNode(f"{IRI}c{i}", f"b:c{i}", kind, f"Claim {i} says something short", "", "", "", (), False))
        if i == 0:
            continue
        parent = rng.randrange(max(1, (i - 1) // 3 + 1))
        if i % 10 == 0 and i > 1:
            relations.append(RelationNode(f"{IRI}r{i}", f"b:r{i}", "Rebuttal", "", ""))
            edges += [Edge(f"{IRI}c{i}", f"{IRI}r{i}", "attacker"), Edge(f"{IRI}r{i}", f"{IRI}c{parent}", "target")]
        else:
            relations.append(RelationNode(f"{IRI}i{i}", f"b:i{i}", "Inference", "", ""))
            edges += [Edge(f"{IRI}c{i}", f"{IRI}i{i}", "premise"), Edge(f"{IRI}i{i}", f"{IRI}c{parent}", "conclusion")]
    return ArgumentMap(tuple(claims), tuple(relations), tuple(edges))


def pyvis_default_page(argument: ArgumentMap, path: Path) -> None:
    """The same graph through pyvis with its defaults (physics on), inlined so it can open offline."""
    from pyvis.network import Network

    net = Network(directed=True, cdn_resources="in_line")
    for claim in argument.claims:
        net.add_node(claim.iri, label=claim.label)
    for relation in argument.relations:
        net.add_node(relation.iri, label=" ")
    for edge in argument.edges:
        net.add_edge(edge.source, edge.target)
    html = net.generate_html()
    # pyvis' own template never says when it has settled: report the first drawing after stabilisation
    html = html.replace("return network;", "network.once('stabilizationIterationsDone', function () {"
                        " network.once('afterDrawing', function () { document.body.dataset.drawn = 'true'; }); });"
                        " return network;", 1)
    path.write_text(html, encoding="utf-8")


def time_page(browser, path: Path, timeout_s: float) -> float:
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    page.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file://") else route.abort())
    started = time.perf_counter()
    page.goto(path.as_uri())
    page.wait_for_selector("body[data-drawn=true]", timeout=timeout_s * 1000, state="attached")
    elapsed = time.perf_counter() - started
    page.close()
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 2000, 5000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--pyvis-limit", type=int, default=2000)
    parser.add_argument("--timeout", type=float, default=300)
    options = parser.parse_args()
    from playwright.sync_api import sync_playwright

    project = find_project(Path(__file__).resolve().parent.parent)
    chromium = shutil.which("chromium") or sys.exit("needs Debian's chromium (apt-get install chromium)")
    folder = Path(tempfile.mkdtemp(prefix="argmap-bench-draw-"))
    print(f"{'claims':>7} {'nodes':>6} {'argmap (s)':>11} {'pyvis defaults (s)':>19} {'ratio':>7}")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=ARGS)
        for size in options.sizes:
            argument = generate(size)
            ours = folder / f"argmap-{size}.html"
            ours.write_text(draw_map(project, argument, title=f"{size} claims", details={}), encoding="utf-8")
            ours_s = statistics.median(time_page(browser, ours, options.timeout) for _ in range(options.runs))
            theirs_s = None
            if size <= options.pyvis_limit:
                theirs = folder / f"pyvis-{size}.html"
                pyvis_default_page(argument, theirs)
                theirs_s = statistics.median(time_page(browser, theirs, options.timeout) for _ in range(options.runs))
            nodes = len(argument.claims) + len(argument.relations)
            ratio = f"{theirs_s / ours_s:7.1f}" if theirs_s else "      –"
            shown = f"{theirs_s:19.2f}" if theirs_s else f"{'not run':>19}"
            print(f"{size:>7} {nodes:>6} {ours_s:11.2f} {shown} {ratio}", flush=True)
        browser.close()
    shutil.rmtree(folder)


if __name__ == "__main__":
    main()
