"""`argmap build`: load, check, reason, then draw the argument map and the index page.

Needs: a Project. Gives: Built, with the check's report and the pages written
(none when the check fails). Does not: write anything when the data does not
conform, or leave a half-written page behind.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from rdflib import RDF, RDFS
from rdflib.namespace import DCTERMS

from .check import check
from .context import quote_contexts
from .draw import draw_index, draw_map, load_style
from .load import load
from .mapdata import argument_map, details
from .output import write_atomic
from .project import Project
from .reason import Inferred, reason
from .report import Report
from .vocab import ARG

#: The stages `argmap build` runs, in order.
BUILD = ("load", "check", "reason", "draw")


@dataclass(frozen=True)
class Built:
    """What a build produced: the check's report, the reasoner's result and the pages written."""

    report: Report
    pages: tuple[Path, ...] = ()
    inferred: Inferred | None = None
    notes: tuple[str, ...] = field(default_factory=tuple)

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
    union = loaded.union()
    argument = argument_map(union)
    titles = sorted(str(t) for s in union.subjects(RDF.type, ARG.Source) for t in union.objects(s, DCTERMS.title))
    style = load_style(project)
    map_page = draw_map(
        project,
        argument,
        title="Argument map: " + "; ".join(titles) if titles else "Argument map",
        details=details(argument, style, quote_contexts(loaded, union)),
    )
    counts = _counts(argument, union)
    index_page = draw_index(
        project,
        title="argmap: " + "; ".join(titles) if titles else "argmap",
        pages=[{"file": "map.html", "title": "The whole argument map", "description": f"{counts['claims']} claims and {counts['supports (inferences)'] + counts['attacks (conflicts)']} relations"}],
        counts=counts,
    )
    pages = (write_atomic(out_dir / "map.html", map_page), write_atomic(out_dir / "index.html", index_page))
    return Built(report, pages, inferred, tuple(notes))


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
