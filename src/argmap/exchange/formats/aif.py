"""AIF JSON in and out: AIFdb nodesets (`{nodes, edges, locutions}`) and xAIF (`{AIF: {…}, text}`).

Needs: the JSON text (read) or the project's claims graph (write). Gives: a
`Nodeset` of I, RA, CA, MA, PA, L, YA and TA nodes, edges and locutions, and
from it RDF (aifmap.py does the mapping). Survives what real maps hold: string
or integer ids, raw control characters in strings, duplicate locution rows,
scheme names in `text`, `scheme` or `schemefulfillments`. Keeps, on an I-node,
what argmap says of a claim and AIF cannot (its kind; an unstated premise) under
a key of its own, `argmap`. Does not: keep edge ids (edges are numbered afresh
on output) or OVA layout.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass, field

from ...errors import ParseError
from .common import Imported, ReadOptions, WriteOptions

NODE_TYPES = ("I", "L", "RA", "CA", "MA", "PA", "YA", "TA")
#: The key of an I-node under which argmap writes the claim's kind and whether it is an unstated premise:
#: {"kind": "Judgement", "implicit": true}. AIFdb and xAIF readers pass over keys they do not know.
ARGMAP_KEY = "argmap"
LOCUTION_KEYS = ("personID", "timestamp", "start", "end", "source")


@dataclass
class Node:
    id: str
    type: str
    text: str = ""
    timestamp: str | None = None
    scheme: str | None = None
    scheme_id: str | None = None
    argmap: dict | None = None      # what argmap says of a claim that AIF cannot: {kind, implicit} (ARGMAP_KEY)


@dataclass
class Nodeset:
    """One AIF map, whatever JSON flavour it came in."""

    nodes: list[Node] = field(default_factory=list)
    edges: list[tuple[str, str]] = field(default_factory=list)
    locutions: dict[str, dict] = field(default_factory=dict)   # L-node id → its first locution row
    text: str | None = None                                     # the source text the map carries, made plain
    duplicate_locutions: int = 0


def _fail(what: str, fix: str = "give an AIFdb nodeset {nodes, edges, locutions} or an xAIF document {AIF: {…}}"):
    raise ParseError(f"not an AIF map: {what}", fix=fix)


def _id(value, what: str) -> str:
    if isinstance(value, bool) or not isinstance(value, (str, int)) or str(value) == "":
        _fail(f"{what} is {value!r}, not a string or integer id")
    return str(value)


def _text(value) -> str | None:
    if value is None:
        return None
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def parse(text: str) -> Nodeset:
    """Parse AIF JSON (either flavour) into a Nodeset; a ParseError says what is wrong and where."""
    try:
        document = json.loads(text, strict=False)
    except json.JSONDecodeError as error:
        raise ParseError(f"not valid JSON: {error.msg} (line {error.lineno}, column {error.colno})",
                         line=error.lineno, fix="give the AIF map's JSON as AIFdb or OVA saved it") from None
    except RecursionError:
        _fail("the JSON nests too deeply")
    if not isinstance(document, dict):
        _fail(f"the top level is a JSON {type(document).__name__}, not an object")
    body = document.get("AIF", document)
    if not isinstance(body, dict):
        _fail("`AIF` is not an object")
    for key in ("nodes", "edges"):
        if not isinstance(body.get(key), list):
            _fail(f"`{key}` is missing or not a list")
    nodeset = Nodeset()
    seen: set[str] = set()
    for number, raw in enumerate(body["nodes"], start=1):
        if not isinstance(raw, dict):
            _fail(f"node {number} is not an object")
        node_id = _id(raw.get("nodeID"), f"node {number}'s nodeID")
        kind = raw.get("type")
        if kind not in NODE_TYPES:
            _fail(f"node {node_id} has type {kind!r}", fix=f"AIF node types are {', '.join(NODE_TYPES)}")
        if node_id in seen:
            _fail(f"node id {node_id} occurs twice", fix="give every node its own nodeID")
        seen.add(node_id)
        extra = raw.get(ARGMAP_KEY)
        nodeset.nodes.append(Node(node_id, kind, _text(raw.get("text")) or "", _text(raw.get("timestamp")),
                                  _text(raw.get("scheme")), _text(raw.get("schemeID")),
                                  extra if isinstance(extra, dict) and kind == "I" else None))
    for number, raw in enumerate(body["edges"], start=1):
        if not isinstance(raw, dict):
            _fail(f"edge {number} is not an object")
        ends = _id(raw.get("fromID"), f"edge {number}'s fromID"), _id(raw.get("toID"), f"edge {number}'s toID")
        for end in ends:
            if end not in seen:
                _fail(f"edge {number} ({ends[0]} → {ends[1]}) names node {end}, which the map does not have",
                      fix="remove the edge or add the node")
        if ends in nodeset.edges:
            _fail(f"edge {number} repeats {ends[0]} → {ends[1]}", fix="remove the duplicate edge")
        nodeset.edges.append(ends)
    _read_locutions(body.get("locutions") or [], nodeset, seen)
    _read_schemefulfillments(body.get("schemefulfillments"), nodeset)
    nodeset.text = _source_text(document.get("text"))
    return nodeset


def _read_locutions(rows, nodeset: Nodeset, seen: set[str]) -> None:
    if not isinstance(rows, list):
        _fail("`locutions` is not a list")
    for row in rows:
        if not isinstance(row, dict):
            _fail("a locution is not an object")
        node_id = _id(row.get("nodeID"), "a locution's nodeID")
        if node_id not in seen:
            continue  # real maps keep locutions of deleted nodes
        values = {key: _text(row.get(key)) for key in LOCUTION_KEYS}
        if node_id in nodeset.locutions:
            nodeset.duplicate_locutions += 1
            continue
        nodeset.locutions[node_id] = values


def _read_schemefulfillments(rows, nodeset: Nodeset) -> None:
    """xAIF keeps a node's scheme id apart from the node (OVA3)."""
    if not isinstance(rows, list):
        return
    by_id = {node.id: node for node in nodeset.nodes}
    for row in rows:
        if isinstance(row, dict) and str(row.get("nodeID")) in by_id and row.get("schemeID") is not None:
            node = by_id[str(row["nodeID"])]
            node.scheme_id = node.scheme_id or _text(row["schemeID"])


def _source_text(value) -> str | None:
    """The text an xAIF map carries (`text` or `text.txt`, OVA HTML), as plain text."""
    if isinstance(value, dict):
        value = value.get("txt")
    if not isinstance(value, str) or not value.strip():
        return None
    return plain_text(value)


def plain_text(marked: str) -> str:
    """OVA's HTML source text as plain text: line breaks kept, tags dropped, entities decoded."""
    if "<" not in marked:
        return marked
    text = re.sub(r"<br\s*/?>", "\n", marked, flags=re.IGNORECASE)
    text = re.sub(r"</?(p|div)\b[^>]*>", "\n", text, flags=re.IGNORECASE)
    text = re.sub(r"<[^>]*>", "", text)
    return html.unescape(text)


def read(text: str, options: ReadOptions) -> Imported:
    """An AIF map as claims, inferences and conflicts (and its dialogue layer) in the options' namespace."""
    from .aifmap import nodeset_to_graph

    return nodeset_to_graph(parse(text), options)


def write(graph, options: WriteOptions, flavour: str = "aif") -> str:
    """A project's claims as an AIFdb nodeset (`aif`) or an xAIF document (`xaif`): the same graph, the same bytes."""
    from .aifmap import graph_to_nodeset

    nodeset = graph_to_nodeset(graph, options)
    body = {
        "nodes": [_node_json(node) for node in nodeset.nodes],
        "edges": [{"edgeID": str(i), "fromID": a, "toID": b, "formEdgeID": None}
                  for i, (a, b) in enumerate(nodeset.edges, start=1)],
        "locutions": [{"nodeID": node_id, **row} for node_id, row in sorted(nodeset.locutions.items())],
    }
    if flavour == "xaif":
        fulfilled = [{"nodeID": n.id, "schemeID": n.scheme_id} for n in nodeset.nodes if n.scheme_id]
        document = {"AIF": {**body, "participants": [], "schemefulfillments": fulfilled,
                            "descriptorfulfillments": [], "cqdescriptorfulfillments": []},
                    "text": {"txt": nodeset.text or ""}, "OVA": {"firstname": "", "surname": "", "url": "", "nodes": [], "edges": []},
                    "dialog": bool(nodeset.locutions)}
    else:
        document = body
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def _node_json(node: Node) -> dict:
    data = {"nodeID": node.id, "text": node.text, "type": node.type}
    if node.timestamp:
        data["timestamp"] = node.timestamp
    if node.scheme:
        data["scheme"] = node.scheme
    if node.scheme_id:
        data["schemeID"] = node.scheme_id
    if node.argmap:
        data[ARGMAP_KEY] = node.argmap
    return data
