"""Views: a query from the library plus a style, drawn as one page or one page per answer of another query.

A view file (`viz/views/<name>.toml`) names a query; the IRIs in its answer
are the nodes drawn, with the relations among them. With `each`, the view is
drawn once per row of another query (say, once per recommendation), that row's
IRI bound to the view query's parameter:

    title = "What {label} rests on"
    query = "rests-on"           # queries/rests-on.rq; any SELECT or CONSTRUCT
    each = "recommendations"     # one page per row of queries/recommendations.rq (each_params: its parameters) …
    column = "recommendation"    # … taking this column's IRI …
    param = "claim"              # … as the view query's $claim
    entities = false             # draw domain entities and their relations too

Needs: the project, a query engine, and the whole map. Gives: the pages to
write (name, title, the map to draw). Does not: draw or write (`draw`, `build`).
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError
from .mapdata import ArgumentMap, Edge, EntityNode

KEYS = {"title", "description", "query", "params", "each", "each_params", "column", "param", "entities", "order"}


@dataclass(frozen=True)
class View:
    """One view definition from viz/views/."""

    name: str
    path: Path
    title: str
    query: str
    description: str = ""
    params: dict = field(default_factory=dict)
    each: str = ""
    each_params: dict = field(default_factory=dict)
    column: str = ""
    param: str = ""
    entities: bool = False
    order: int = 100


@dataclass(frozen=True)
class PagePlan:
    """A page a view asks for: its file name, its title, and the parameters of its query."""

    view: View
    file: str
    title: str
    params: dict
    focus: str = ""  # the IRI the page is about, when the view is drawn once per row


def load_views(*folders: Path) -> list[View]:
    """Every view definition of the folders (the first folder's wins a name), in order; a broken one is an InputError
    naming its file."""
    found: dict[str, Path] = {}
    for folder in folders:
        for path in sorted(folder.glob("*.toml")):
            found.setdefault(path.stem, path)
    views = []
    for path in found.values():
        try:
            with open(path, "rb") as stream:
                data = tomllib.load(stream)
        except tomllib.TOMLDecodeError as error:
            raise InputError(f"the view is not valid TOML: {error}", path=path, fix="correct its syntax") from None
        unknown = set(data) - KEYS
        if unknown or "title" not in data or "query" not in data:
            raise InputError(
                f"the view {'has unknown keys ' + ', '.join(sorted(unknown)) if unknown else 'lacks title or query'}",
                path=path, fix=f"a view has title and query, and may have {', '.join(sorted(KEYS - {'title', 'query'}))}")
        if bool(data.get("each")) != bool(data.get("param")) or bool(data.get("each")) != bool(data.get("column")):
            raise InputError("a view drawn per row needs each, column and param together", path=path,
                             fix="give all three, or none")
        views.append(View(name=path.stem, path=path, **data))
    return sorted(views, key=lambda v: (v.order, v.name))


def plan_pages(view: View, engine, run) -> list[PagePlan]:
    """The pages of a view: one, or one per distinct IRI in the `column` of the `each` query's answer."""
    if not view.each:
        return [PagePlan(view, f"{view.name}.html", view.title, dict(view.params))]
    answer = run(view.each, dict(view.each_params))
    if view.column not in answer.variables:
        raise InputError(f"the query {view.each} has no column {view.column!r}", path=view.path,
                         fix=f"its columns are {', '.join(answer.variables)}")
    column = answer.variables.index(view.column)
    labels = {}
    label_column = next((i for i, v in enumerate(answer.variables) if v == "label"), None)
    for row in answer.rows:
        value = row[column]
        if value is not None and hasattr(value, "value") and type(value).__name__ == "NamedNode":
            label = row[label_column].value if label_column is not None and row[label_column] is not None else ""
            labels.setdefault(value.value, label)
    pages, used = [], set()
    for iri, label in sorted(labels.items()):
        slug = _slug(iri)
        while slug in used:
            slug += "-"
        used.add(slug)
        pages.append(PagePlan(view, f"{view.name}-{slug}.html", view.title.format(label=label or slug),
                              {**view.params, view.param: iri}, focus=iri))
    return pages


def _slug(iri: str) -> str:
    local = re.split(r"[#/]", iri.rstrip("/#"))[-1]
    return re.sub(r"[^a-z0-9]+", "-", local.lower()).strip("-") or "node"


def answer_iris(answer) -> set[str]:
    """Every IRI in a query's answer: the cells of a table, or the subjects and objects of triples."""
    if hasattr(answer, "rows"):
        terms = [term for row in answer.rows for term in row]
    else:
        terms = [term for triple in answer.triples for term in (triple.subject, triple.object)]
    return {term.value for term in terms if term is not None and type(term).__name__ == "NamedNode"}


def restrict(full: ArgumentMap, keep: set[str], entities: dict[str, EntityNode], domain: list[Edge],
             *, with_entities: bool, focus: str = "") -> ArgumentMap:
    """The part of the map a view shows: the kept claims, the relations among them, and (if asked) entities."""
    claims = tuple(c for c in full.claims if c.iri in keep)
    shown = {c.iri for c in claims}
    ends: dict[str, dict[str, list[str]]] = {}
    for edge in full.edges:
        if edge.role in ("premise", "attacker"):
            ends.setdefault(edge.target, {}).setdefault("in", []).append(edge.source)
        elif edge.role in ("conclusion", "target"):
            ends.setdefault(edge.source, {}).setdefault("out", []).append(edge.target)
    relations = list(full.relations)
    kept_relations: set[str] = set()
    for _ in range(3):  # an attack on an attack joins only once the attack it answers is in
        for relation in relations:
            sides = ends.get(relation.iri, {})
            present = shown | kept_relations
            if any(t in present for t in sides.get("out", [])) and any(s in present for s in sides.get("in", [])):
                kept_relations.add(relation.iri)
    nodes = shown | kept_relations
    edges = [e for e in full.edges if e.source in nodes and e.target in nodes]
    drawn_entities: tuple[EntityNode, ...] = ()
    subject = ""
    if with_entities:
        wanted = {iri for iri in keep if iri in entities}
        if focus in entities:  # an entity's page: every claim is about it, so it is the subject, not an about-edge
            subject = focus
            wanted |= {e.target for e in domain if e.source == focus} | {e.source for e in domain if e.target == focus}
        drawn_entities = tuple(entities[iri] for iri in sorted(wanted))
        edges += [Edge(c.iri, iri, "about") for c in claims for iri, _ in c.about if iri in wanted and iri != subject]
        edges += [e for e in domain if e.source in wanted and e.target in wanted]
    return ArgumentMap(claims, tuple(r for r in relations if r.iri in kept_relations),
                       tuple(sorted(edges, key=lambda e: (e.source, e.target, e.role))), drawn_entities, subject)
