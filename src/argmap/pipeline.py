"""`argmap build`: load, check, reason, then draw the argument map and the index page.

Needs: a Project. Gives: Built, with the check's report and the pages written
(none when the check fails). Does not: write anything when the data does not
conform, or leave a half-written page behind: the pages are written as one set
(staged in a folder inside the output folder, then renamed into place), so a
full disk leaves the earlier pages as they were, and a killed build's staging
folder is removed by the next build.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from rdflib import RDF, RDFS
from rdflib.namespace import DCTERMS

from .checks.run import check
from .drawing.context import quote_contexts
from .drawing.draw import load_style
from .evaluation.evaluate import SHOWN, Evaluation, evaluate
from .evaluation.status import add_status
from .model.load import load
from .drawing.mapdata import argument_map, details
from .model.files import write_atomic, write_folder
from .drawing.pages import draw_one, draw_pages, index_page
from .model.project import Project
from .reasoning.reason import Inferred, add_inferred, reason
from .model.report import Report
from .model.vocab import ARG

#: Every page argmap draws says so in its head; only such pages are ever removed.
GENERATOR = '<meta name="generator" content="argmap">'

#: The stages `argmap build` runs, in order.
BUILD = ("load", "check", "reason", "evaluate", "draw")


@dataclass(frozen=True)
class Built:
    """What a build produced: the check's report, the reasoner's result and the pages written."""

    report: Report
    pages: tuple[Path, ...] = ()
    inferred: Inferred | None = None
    notes: tuple[str, ...] = field(default_factory=tuple)
    evaluation: Evaluation | None = None

    @property
    def index(self) -> Path | None:
        return next((p for p in self.pages if p.name == "index.html"), None)


def build(project: Project, out_dir: Path | None = None) -> Built:
    """Check the project; if it conforms, reason over it and write viz/out/index.html and the map."""
    loaded = load(project)
    report = check(loaded)
    if not report.conforms:
        return Built(report)
    inferred = reason(loaded)
    notes = [f"reasoned with {inferred.reasoner}: consistent, {len(inferred.graph)} triples inferred"]
    notes += [inferred.note] if inferred.note else []
    out_dir = Path(out_dir) if out_dir else project.out_dir()
    union, argument, node_details, site_title, evaluation = _drawable(loaded)
    notes.append(f"evaluated: {evaluation.summary()}")
    drawn = draw_pages(project, union, argument, node_details, site_title=site_title)
    sources = len(set(union.subjects(RDF.type, ARG.Source)))
    index = index_page(project, drawn, _counts(argument, union),
                       title=f"argmap: {site_title}" if sources < 2 else f"argmap: {sources} sources")
    # one set: staged whole, then swapped in, so a full disk leaves the earlier pages (write_folder)
    pages = write_folder(out_dir, {**{page.file: page.html for page in drawn}, "index.html": index}, stale=_drawn_by_argmap)
    add_inferred(loaded, inferred)  # after the pages: they draw what was asserted
    add_status(loaded.dataset, evaluation)
    return Built(report, pages, inferred, tuple(notes), evaluation)


def draw_page(project: Project, name: str, params: dict, output: Path) -> Built:
    """`argmap draw`: check the project, then draw one view or the answer of one query into `output`."""
    loaded = load(project)
    report = check(loaded)
    if not report.conforms:
        return Built(report)
    union, argument, node_details, site_title, evaluation = _drawable(loaded)
    page = draw_one(project, union, argument, node_details, name, params, site_title=site_title)
    return Built(report, (write_atomic(output, page),), None, (), evaluation)


def _drawable(loaded):
    """What every page draws from: the merged graph, the whole map, each node's details with its status."""
    union = loaded.union()
    evaluation = evaluate(union)  # grounded: the one labelling every node has, for the pages
    argument = argument_map(union)
    titles = sorted(str(t) for s in union.subjects(RDF.type, ARG.Source) for t in union.objects(s, DCTERMS.title))
    node_details = _with_status(details(argument, load_style(loaded.project), quote_contexts(loaded, union)), evaluation)
    return union, argument, node_details, "; ".join(titles) or "Argument map", evaluation


def _drawn_by_argmap(path: Path) -> bool:
    """Whether a file is a page argmap drew (a build removes those it no longer draws: a view renamed, an entity gone)."""
    if path.suffix != ".html":
        return False
    try:
        with path.open(encoding="utf-8", errors="replace") as stream:
            return GENERATOR in stream.read(2000)
    except OSError:  # not readable: not argmap's to remove
        return False


def _with_status(node_details: dict, evaluation: Evaluation) -> dict:
    """Each node's details with its grounded status (in, out or undecided) under "status"."""
    for iri, entry in node_details.items():
        if iri in evaluation.labellings[0]:
            entry["status"] = SHOWN[evaluation.status(iri)]
    return node_details


def _counts(argument, union) -> dict[str, int]:
    by_kind: dict[str, int] = {}
    for claim in argument.claims:
        by_kind[claim.kind] = by_kind.get(claim.kind, 0) + 1
    relations = {"Inference": 0, "Rebuttal": 0, "Undercut": 0}
    for relation in argument.relations:
        relations[relation.kind] = relations.get(relation.kind, 0) + 1
    counts = {"sources": len(set(union.subjects(RDF.type, ARG.Source))), "claims": len(argument.claims)}
    counts.update({f"{kind} claims": n for kind, n in sorted(by_kind.items())})
    counts["supports (inferences)"] = relations["Inference"]
    counts["attacks (conflicts)"] = relations["Rebuttal"] + relations["Undercut"]
    counts["rebuttals"] = relations["Rebuttal"]
    counts["undercuts"] = relations["Undercut"]
    entity_classes = set(union.transitive_subjects(RDFS.subClassOf, ARG.DomainEntity))
    counts["domain entities"] = len({s for c in entity_classes for s in union.subjects(RDF.type, c)})
    return counts
