"""Every page `argmap build` writes: each view's pages and the index, drawn from one evaluated map.

Needs: the project, the loaded data, and the details (with statuses) of every
node. Gives: the pages as (file name, HTML) in a stable order, and the index
entries that list them. Does not: write files (that is `build`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph

from .draw import draw_index, draw_map, load_style
from .mapdata import ArgumentMap, EntityNode, domain_edges, entity_nodes
from ..errors import QueryError
from ..model.project import Project
from .views import answer_iris, load_views, plan_pages, restrict


@dataclass(frozen=True)
class Page:
    """One page: its file, title, the view it belongs to, and what it shows."""

    file: str
    title: str
    section: str  # the view's description: the index groups pages by it
    claims: int
    relations: int
    html: str = ""


@dataclass(frozen=True)
class _Scene:
    """What every page is drawn from: an engine for the view queries, the entities, and each node's details."""

    engine: object
    entities: dict[str, EntityNode]
    domain: list
    details: dict


def _scene(project: Project, union: Graph, full: ArgumentMap, details: dict) -> _Scene:
    from ..sparql.query import open_engine

    entities = entity_nodes(union)
    domain = domain_edges(union, entities)
    entity_details = _entity_details(entities, domain, full, load_style(project))
    return _Scene(open_engine(project), entities, domain, {**details, **entity_details})


def _shown_details(scene: _Scene, shown: ArgumentMap, appears: dict | None = None) -> dict:
    """The details of the nodes one page draws (with the other pages each appears in, when known)."""
    nodes = {c.iri for c in shown.claims} | {r.iri for r in shown.relations} | {e.iri for e in shown.entities}
    return {iri: {**entry, **({"pages": appears.get(iri, [])} if appears is not None else {})}
            for iri, entry in scene.details.items() if iri in nodes}


def draw_pages(project: Project, union: Graph, full: ArgumentMap, details: dict, *, site_title: str) -> list[Page]:
    """Draw every view (one page, or one per row of its `each` query) and the index that links them."""
    from ..sparql.library import find_query
    from ..sparql.query import run_query

    scene = _scene(project, union, full, details)

    def run(name: str, params: dict):
        return run_query(find_query(project, name), scene.engine, params)

    planned = []
    for view in load_views(*[layer / "views" for layer in project.layers("viz")]):
        _require_queries(project, view)
        for plan in plan_pages(view, scene.engine, run):
            keep = answer_iris(run(view.query, plan.params)) | ({plan.focus} if plan.focus else set())
            shown = restrict(full, keep, scene.entities, scene.domain, with_entities=view.entities, focus=plan.focus)
            planned.append((plan, shown))
    appears: dict[str, list[list[str]]] = {}
    for plan, shown in planned:
        for node in [c.iri for c in shown.claims] + [e.iri for e in shown.entities]:
            appears.setdefault(node, []).append([plan.file, plan.title])
    pages = []
    for plan, shown in planned:
        html = draw_map(project, shown, title=plan.title, subtitle=_sources_of(shown, site_title),
                        details=_shown_details(scene, shown, appears))
        pages.append(Page(plan.file, plan.title, plan.view.description, len(shown.claims), len(shown.relations), html))
    return pages


def draw_one(project: Project, union: Graph, full: ArgumentMap, details: dict, name: str, params: dict,
             *, site_title: str) -> str:
    """One page: a view by name (its `param` given in `params`), or any query whose answer's IRIs are drawn."""
    from ..sparql.library import find_query
    from ..sparql.query import run_query, to_term
    from .views import View

    scene = _scene(project, union, full, details)
    views = {v.name: v for v in load_views(*[layer / "views" for layer in project.layers("viz")])}
    view = views.get(name)
    try:
        query = find_query(project, view.query if view else name)
    except QueryError as error:
        if view is not None or Path(name).suffix == ".rq":
            raise
        from ..model.names import suggestion
        from ..sparql.library import catalogue

        known = list(views) + [q.name for q in catalogue(project)]
        raise QueryError(f"no view or query named {name!r}", fix=suggestion(
            name, known, "the views are in viz/views/, the queries in argmap query --list")) from error
    if view is None:
        view = View(name=name, path=project.viz_dir / "views", title=query.title or name, query=name, entities=True)
    given = {**view.params, **params}
    answer = run_query(query, scene.engine, given, invoked=f"argmap draw {name}")
    focus = ""
    if view.param and view.param in given:  # the IRI the parameter named: prefixed, full, or by label
        declared = next(p for p in query.params if p.name == view.param)
        focus = to_term(declared, given[view.param], query, scene.engine).value
    keep = answer_iris(answer) | ({focus} if focus else set())
    shown = restrict(full, keep, scene.entities, scene.domain, with_entities=view.entities, focus=focus)
    title = view.title.format(label=next((e.label for e in shown.entities if e.iri == focus),
                                         next((c.label for c in shown.claims if c.iri == focus), focus or name)))
    return draw_map(project, shown, title=title, subtitle=_sources_of(shown, site_title), details=_shown_details(scene, shown))




def _require_queries(project: Project, view) -> None:
    """The queries a view names exist, or an error that names the view's file (not only the missing query)."""
    from ..errors import InputError, QueryError
    from ..sparql.library import find_query

    for name in filter(None, (view.query, view.each)):
        try:
            find_query(project, name)
        except QueryError as error:
            raise InputError(f"the view names the query {name!r}, which does not exist", path=project.relative(view.path),
                             fix=error.fix.replace("use one of", "name one of")) from None


def _sources_of(shown: ArgumentMap, site_title: str) -> str:
    """The titles of the sources a page's claims are quoted from (all the sources' titles if none is quoted)."""
    return "; ".join(sorted({claim.source for claim in shown.claims if claim.source})) or site_title


def index_page(project: Project, pages: list[Page], counts: dict, *, title: str) -> str:
    """The index: every page, grouped by view, with what each shows, and the counts of the data."""
    sections: dict[str, list[dict]] = {}
    for page in pages:
        sections.setdefault(page.section, []).append(
            {"file": page.file, "title": page.title, "claims": page.claims, "relations": page.relations})
    return draw_index(project, title=title, sections=sections, counts=counts)


def _entity_details(entities: dict[str, EntityNode], domain, full: ArgumentMap, style: dict) -> dict:
    """What the side panel shows for an entity: what it is, the claims about it, its relations."""
    names = {iri: entity.label for iri, entity in entities.items()}
    about: dict[str, list[str]] = {}
    for claim in full.claims:
        for iri, _ in claim.about:
            about.setdefault(iri, []).append(claim.label)
    result = {}
    for iri, entity in entities.items():
        relations = [f"{e.role} {names[e.target]}" for e in domain if e.source == iri]
        relations += [f"{names[e.source]} {e.role} it" for e in domain if e.target == iri]
        result[iri] = {
            "name": entity.name,
            "kind": style["nodes"].get(entity.kind, style["nodes"]["DomainEntity"])["title"],
            "label": entity.label,
            "comment": entity.comment,
            "claims_about": sorted(about.get(iri, [])),
            "relations": sorted(relations),
        }
    return result
