"""The argument map as a plain graph: GraphML (yEd, Gephi, networkx) and Graphviz DOT.

Nodes are the claims, inferences and conflicts (as in AIF, relations are
nodes, so an undercut can point at an inference); edges run premise →
inference → conclusion and attacker → conflict → target. Sorted by IRI: the
same map gives the same bytes. Does not: lay the graph out (use dot or yEd).
"""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

from rdflib import RDF, RDFS, Graph

from ...model.vocab import ARG
from .common import WriteOptions, local_name, map_nodes

EDGE_ROLES = ((ARG.premise, "premise", True), (ARG.conclusion, "conclusion", False),
              (ARG.attacker, "attacker", True), (ARG.target, "target", False))
COLOURS = {"claim": "#ffffff", "inference": "#d9f2d9", "conflict": "#f8d7da"}


def elements(graph: Graph) -> tuple[list[dict], list[tuple[str, str, str]]]:
    """The map's nodes (id, kind, type, label) and edges (from, to, role), each sorted."""
    claims, inferences, conflicts = map_nodes(graph)
    nodes = []
    for kind, members in (("claim", claims), ("inference", inferences), ("conflict", conflicts)):
        for node in members:
            types = sorted(local_name(t) for t in graph.objects(node, RDF.type))
            label = graph.value(node, RDFS.label) or local_name(node)
            nodes.append({"id": str(node), "kind": kind, "type": " ".join(types), "label": " ".join(str(label).split())})
    known = {n["id"] for n in nodes}
    edges = set()
    for node in inferences + conflicts:
        for predicate, role, incoming in EDGE_ROLES:
            for other in graph.objects(node, predicate):
                if str(other) in known:
                    edges.add((str(other), str(node), role) if incoming else (str(node), str(other), role))
    return sorted(nodes, key=lambda n: n["id"]), sorted(edges)


def write(graph: Graph, options: WriteOptions, flavour: str = "graphml") -> str:
    nodes, edges = elements(graph)
    return _graphml(nodes, edges) if flavour == "graphml" else _dot(nodes, edges)


def _graphml(nodes, edges) -> str:
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">',
             '  <key id="label" for="node" attr.name="label" attr.type="string"/>',
             '  <key id="kind" for="node" attr.name="kind" attr.type="string"/>',
             '  <key id="type" for="node" attr.name="type" attr.type="string"/>',
             '  <key id="role" for="edge" attr.name="role" attr.type="string"/>',
             '  <graph id="argmap" edgedefault="directed">']
    for node in nodes:
        lines.append(f"    <node id={quoteattr(node['id'])}>")
        for key in ("label", "kind", "type"):
            lines.append(f'      <data key="{key}">{escape(node[key])}</data>')
        lines.append("    </node>")
    for number, (start, end, role) in enumerate(edges, start=1):
        lines.append(f'    <edge id="e{number}" source={quoteattr(start)} target={quoteattr(end)}>'
                     f'<data key="role">{role}</data></edge>')
    lines += ["  </graph>", "</graphml>"]
    return "\n".join(lines) + "\n"


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _dot(nodes, edges) -> str:
    lines = ["digraph argmap {", "  rankdir=BT;", '  node [fontname="Helvetica", fontsize=10];']
    for node in nodes:
        shape = "box" if node["kind"] == "claim" else "ellipse"
        label = node["label"] if len(node["label"]) <= 60 else node["label"][:59] + "…"
        lines.append(f"  {_quote(node['id'])} [label={_quote(label)}, shape={shape}, style=filled, "
                     f"fillcolor={_quote(COLOURS[node['kind']])}, tooltip={_quote(node['type'])}];")
    for start, end, role in edges:
        style = ', color="#c0392b"' if role in ("attacker", "target") else ""
        lines.append(f"  {_quote(start)} -> {_quote(end)} [label={_quote(role)}{style}];")
    lines.append("}")
    return "\n".join(lines) + "\n"
