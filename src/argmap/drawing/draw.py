"""Draw an argument map as a self-contained interactive HTML page, with pyvis.

Needs: an ArgumentMap and the project's viz/ folder (style.toml, templates/).
Gives: the page as text. Does not: write files (that is `build`), or fetch
anything: vis-network is inlined from pyvis' own copy, and nothing links out.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, StrictUndefined

from ..errors import InputError
from .layout import bends, place
from .mapdata import ArgumentMap
from .simplify import simplify
from ..model.project import Project


def load_style(project: Project) -> dict:
    """The node and edge styles of viz/style.toml: the project's, else argmap's."""
    path = next((layer / "style.toml" for layer in project.layers("viz") if (layer / "style.toml").is_file()),
                project.viz_dir / "style.toml")
    try:
        with open(path, "rb") as stream:
            return tomllib.load(stream)
    except FileNotFoundError:
        raise InputError("the map style is missing", path=path, fix="restore viz/style.toml") from None
    except tomllib.TOMLDecodeError as error:
        raise InputError(f"the map style is not valid TOML: {error}", path=path, fix="correct viz/style.toml") from None


def template_environment(project: Project):
    """Jinja with autoescaping on, seeing the project's templates, then argmap's, then pyvis' bundled libraries."""
    import pyvis

    pyvis_templates = Path(pyvis.__file__).parent / "templates"
    return Environment(
        loader=ChoiceLoader([FileSystemLoader(layer / "templates") for layer in project.layers("viz")]
                            + [FileSystemLoader(pyvis_templates)]),
        autoescape=True,
        undefined=StrictUndefined,
        keep_trailing_newline=True,
    )


def _wrap(text: str, width: int = 28) -> str:
    """Break a label into lines of about `width` characters, for boxes on a canvas."""
    lines, line = [], ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return "\n".join(lines + ([line] if line else []))


def groups_for(style: dict) -> dict:
    """vis-network groups, one per kind of node: the look is sent once per kind, not once per node."""
    return {
        kind: {
            "shape": look["shape"],
            "color": {"background": look["color"], "border": look["border"],
                      "highlight": {"background": look["color"], "border": "#111111"}},
            "font": {"color": look["font"]},
            **({"size": 7} if look["shape"] != "box" else {}),
        }
        for kind, look in style["nodes"].items()
    }


def network_for(argument: ArgumentMap, style: dict):
    """A pyvis Network of the map: claims as labelled boxes, relations as small nodes, edges by role, all placed."""
    from pyvis.network import Network

    net = Network(directed=True, height="100%", width="100%", cdn_resources="remote")
    position = place(argument)
    implicit = implicit_look(style)
    for claim in argument.claims:
        look = style["nodes"].get(claim.kind, style["nodes"]["Claim"])
        x, y = position[claim.iri]
        extra = {"borderWidth": 3} if claim.kind == "Thesis" else {}
        if claim.implicit:
            extra["shapeProperties"] = {"borderDashes": implicit["dashes"]}
        net.add_node(claim.iri, label=_wrap(claim.label), title=f"{look['title']}: {claim.label}",
                     group=claim.kind if claim.kind in style["nodes"] else "Claim", x=x, y=y, kind=claim.kind, **extra)
    for relation in argument.relations:
        look = style["nodes"][relation.kind]
        x, y = position[relation.iri]
        scheme = f" ({relation.scheme})" if relation.scheme else ""
        net.add_node(relation.iri, label=" ", title=look["title"] + scheme + (f": {relation.label}" if relation.label else ""),
                     group=relation.kind, x=x, y=y, kind=relation.kind)
    for entity in argument.entities:
        look = style["nodes"].get(entity.kind, style["nodes"]["DomainEntity"])
        x, y = position[entity.iri]
        # an entity's page: the entity it is about, drawn larger, below the rest
        subject = {"subject": True, "borderWidth": 3, "size": 14, "font": {"size": 26}} if entity.iri == argument.subject else {}
        net.add_node(entity.iri, label=_wrap(entity.label, 20), title=f"{look['title']}: {entity.label}",
                     group=entity.kind if entity.kind in style["nodes"] else "DomainEntity", x=x, y=y, kind=entity.kind,
                     **subject)
    curves = bends(argument, position)
    for edge in argument.edges:
        curve = curves.get((edge.source, edge.target, edge.role))
        net.add_edge(edge.source, edge.target, role=edge.role, **({"relation": edge.relation} if edge.relation else {}),
                     **({"smooth": {"enabled": True, "type": curve[0], "roundness": curve[1]}} if curve else {}))
    unstated = {claim.iri: style["nodes"].get(claim.kind, style["nodes"]["Claim"]) for claim in argument.claims
                if claim.implicit}
    for node in net.nodes:  # pyvis adds its own shape and colour to every node; the group says it once
        node.pop("shape", None)
        node.pop("color", None)
        if node["id"] in unstated:  # hollow, outlined in its kind's colour (a node's colour replaces its group's whole)
            both = {"background": implicit["color"], "border": unstated[node["id"]]["border"]}
            node["color"] = {**both, "highlight": both, "hover": both}
    return net


def implicit_look(style: dict) -> dict:
    """How an unstated premise is drawn: viz/style.toml's [implicit], or hollow and dashed if a style has none."""
    return {"title": "unstated premise", "color": "#ffffff", "dashes": [6, 4], **style.get("implicit", {})}


#: vis-network options: positions come from `layout.place`, so no physics and no hierarchical solver run.
OPTIONS = {
    "layout": {"improvedLayout": False, "hierarchical": {"enabled": False}},
    "physics": {"enabled": False},
    "edges": {"arrows": {"to": {"enabled": True, "scaleFactor": 0.6}}, "smooth": False, "width": 1.5},
    "nodes": {"widthConstraint": {"maximum": 220}, "margin": 8, "font": {"size": 14, "face": "sans-serif"}},
    "interaction": {"hover": True, "tooltipDelay": 150, "keyboard": True, "hideEdgesOnDrag": True},
}


def draw_map(project: Project, argument: ArgumentMap, *, title: str, details: dict, subtitle: str = "") -> str:
    """The HTML page of one argument map: the graph, legend, search, filters, a side panel and a list of every claim."""
    style = load_style(project)
    argument = simplify(argument)
    net = network_for(argument, style)
    net.templateEnv = template_environment(project)
    net.options = {**OPTIONS, "groups": groups_for(style), "edges": {**OPTIONS["edges"]}}
    template = net.templateEnv.get_template("map.html")
    nodes, edges, _, _, _, _ = net.get_network_data()
    kinds = sorted({c.kind for c in argument.claims} | {r.kind for r in argument.relations}
                   | {e.kind for e in argument.entities},
                   key=lambda k: list(style["nodes"]).index(k) if k in style["nodes"] else len(style["nodes"]))
    entities = sorted({about for claim in argument.claims for about in claim.about}, key=lambda e: (e[1].casefold(), e[0]))
    return template.render(
        title=title,
        subtitle=subtitle,
        nodes=sorted(nodes, key=lambda n: n["id"]),
        edges=sorted(edges, key=lambda e: (e["from"], e["to"], e["role"])),
        options=net.options,
        edge_styles=style["edges"],
        details=details,
        legend=[(kind, style["nodes"][kind]) for kind in kinds if kind in style["nodes"]],
        implicit=implicit_look(style) if any(claim.implicit for claim in argument.claims) else None,
        entities=entities,
        claims=argument.claims,
    )


def draw_index(project: Project, *, title: str, sections: dict[str, list[dict]], counts: dict) -> str:
    """The index page: every page built, grouped by view, with what each shows and the counts of the data."""
    template = template_environment(project).get_template("index.html")
    return template.render(title=title, sections=sections, counts=counts)
