"""The mapping between an AIF nodeset and argmap's RDF, both ways, one node for one node, one edge for one triple.

    I  ⇄ a claim (arg:Claim with a kind; the text as rdfs:comment)
    RA ⇄ arg:Inference     edges in: arg:premise      out: arg:conclusion
    CA ⇄ arg:Rebuttal (on a claim) or arg:Undercut (on an inference or conflict)
                           edges in: arg:attacker     out: arg:target
    MA, PA, YA, TA, L ⇄ aif:MA-node … aif:L-node (the AIF ontology's names)
                           edges in: aif:Premise      out: aif:Conclusion

An edge between two nodes neither of which is a scheme node becomes
`from aif:Conclusion to`. A node keeps its AIF id as dcterms:identifier where
that id is not its IRI's local name; timestamps become prov:generatedAtTime.
A claim with an anchor but no locution is written with one (an L-node holding
the quote, with its character offsets, and a YA `Asserting`), so that text
spans travel with the map. A claim's kind and an unstated premise go in the
I-node's `argmap` key ({"kind": "Judgement", "implicit": true}), which AIFdb and
xAIF readers pass over and argmap reads back.
"""

from __future__ import annotations

import re

from rdflib import RDF, RDFS, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, PROV, SKOS, XSD

from ...model.anchor import add_anchor, quote_of, selector_at, span_of
from ...model.nodes import KINDS
from ...model.vocab import ARG, OA, SCHEME
from .aif import Node, Nodeset
from .common import Imported, ReadOptions, WriteOptions, add_claim, assign_kinds, conflict_type, local_name, map_nodes, slugify, unique

AIF = Namespace("http://www.arg.dundee.ac.uk/aif#")
SCHEME_NODES = {"RA", "CA", "MA", "PA", "YA", "TA"}
OTHER_CLASSES = {kind: AIF[f"{kind}-node"] for kind in ("L", "MA", "PA", "YA", "TA")}
INTO = {"RA": ARG.premise, "CA": ARG.attacker}
OUT_OF = {"RA": ARG.conclusion, "CA": ARG.target}
DEFAULT_TEXT = {"RA": "Default Inference", "CA": "Default Conflict", "MA": "Default Rephrase", "PA": "Default Preference"}
BARE_TEXTS = {"", "RA", "CA", "MA", "PA", "Default Inference", "Default Conflict", "Default Rephrase", "Default Preference"}
LOCUTION_PROPERTIES = {"personID": AIF.personID, "timestamp": AIF.locutionTime, "start": AIF.start,
                       "end": AIF.end, "source": AIF.locutionSource}
_VALID_ID = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*$")
_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$")
_SPEAKER = re.compile(r"^[^:\n]{1,80}?\s*:\s+(.+)$", re.DOTALL)
PREFIXES = {"aif": str(AIF)}


def nodeset_to_graph(nodeset: Nodeset, options: ReadOptions) -> Imported:
    graph = Graph(bind_namespaces="none")
    types = {node.id: node.type for node in nodeset.nodes}
    iri = _names(nodeset.nodes, options)
    warnings: list[str] = []
    claims = []
    for node in options.progress(nodeset.nodes, "nodes"):
        subject = iri[node.id]
        if local_name(subject) != node.id:
            graph.add((subject, DCTERMS.identifier, Literal(node.id)))
        if node.timestamp:
            if _TIME.match(node.timestamp):
                graph.add((subject, PROV.generatedAtTime, Literal(node.timestamp.replace(" ", "T", 1), datatype=XSD.dateTime)))
            else:
                warnings.append(f"node {node.id}: timestamp {node.timestamp!r} is not a date and time; left out")
        if node.type == "I":
            add_claim(graph, subject, node.text, options)
            if not _said(graph, subject, node, warnings):
                claims.append(subject)
            continue
        if node.type == "RA":
            graph.add((subject, RDF.type, ARG.Inference))
        elif node.type != "CA":
            graph.add((subject, RDF.type, OTHER_CLASSES[node.type]))
        if node.text and (node.type not in DEFAULT_TEXT or node.text not in BARE_TEXTS):
            graph.add((subject, RDFS.label, Literal(node.text)))
        if node.type in ("RA", "CA"):
            scheme = _scheme(node.scheme, options) if node.scheme and node.scheme not in BARE_TEXTS else _known(node.text, options)
            if scheme is not None:
                graph.add((subject, ARG.scheme, scheme))
        if node.type == "L":
            for key, value in sorted(nodeset.locutions.get(node.id, {}).items()):
                if value is not None:
                    graph.add((subject, LOCUTION_PROPERTIES[key], Literal(value)))
    for start, end in options.progress(nodeset.edges, "edges"):
        if types[start] in SCHEME_NODES:
            graph.add((iri[start], OUT_OF.get(types[start], AIF.Conclusion), iri[end]))
        elif types[end] in SCHEME_NODES:
            graph.add((iri[end], INTO.get(types[end], AIF.Premise), iri[start]))
        else:
            graph.add((iri[start], AIF.Conclusion, iri[end]))
    for node in nodeset.nodes:
        if node.type == "CA":
            graph.add((iri[node.id], RDF.type, conflict_type(graph, graph.value(iri[node.id], ARG.target))))
    assign_kinds(graph, claims, options.default_kind)
    claims = [iri[n.id] for n in nodeset.nodes if n.type == "I"]
    text = options.source_text if options.source_text is not None else nodeset.text
    if options.source is not None and text:
        stated = [c for c in claims if (c, ARG.implicit, Literal(True)) not in graph]
        missing = [c for c in stated if not _anchor(graph, c, text, nodeset, options.source)]
        if missing:
            warnings.append(f"{len(missing)} of {len(claims)} claims were not found in the source text and have no anchor")
    if nodeset.duplicate_locutions:
        warnings.append(f"{nodeset.duplicate_locutions} duplicate locution rows were left out")
    counts = {"nodes": len(nodeset.nodes), "edges": len(nodeset.edges)}
    for node in nodeset.nodes:
        counts[node.type] = counts.get(node.type, 0) + 1
    return Imported(graph, counts, warnings, nodeset.text, dict(PREFIXES))


def _said(graph: Graph, claim: URIRef, node: Node, warnings: list) -> bool:
    """Add what argmap wrote of the claim under the I-node's `argmap` key: its kind, an unstated premise.
    True when the kind was given (the claim needs none assigned)."""
    said = node.argmap or {}
    if said.get("implicit") is True:
        graph.add((claim, ARG.implicit, Literal(True)))
    kinds = said.get("kind")
    kinds = [kinds] if isinstance(kinds, str) else kinds if isinstance(kinds, list) else []
    known = [ARG[k] for k in kinds if isinstance(k, str) and ARG[k] in KINDS]
    if len(known) != len(kinds):
        warnings.append(f"node {node.id}: kind {kinds!r} is not one of argmap's kinds; left out")
    for kind in known:
        graph.add((claim, RDF.type, kind))
    return bool(known)


def _names(nodes: list[Node], options: ReadOptions) -> dict[str, URIRef]:
    """Each node's IRI: its id where that is a readable name, else one made from its text or type."""
    taken: set[str] = set()
    names = {}
    for node in nodes:
        if _VALID_ID.match(node.id) and node.id not in taken:
            taken.add(node.id)
            names[node.id] = options.namespace[node.id]
    for node in nodes:
        if node.id not in names:
            stem = slugify(node.text) if node.type == "I" else f"{node.type.lower()}-{re.sub(r'[^A-Za-z0-9_-]+', '-', node.id)}"
            names[node.id] = options.namespace[unique(stem, taken)]
    return names


def _known(name: str, options: ReadOptions) -> URIRef | None:
    """The catalogue's scheme of that name, if any (OVA and AIFdb put scheme names in the node text)."""
    if options.schemes is None or name in BARE_TEXTS:
        return None
    from ...checks.schemes import scheme_named

    return scheme_named(options.schemes, name)


def _scheme(name: str, options: ReadOptions) -> URIRef:
    """The scheme a node's `scheme` field names: the catalogue's, else one named after it (check will flag it)."""
    return _known(name, options) or SCHEME[slugify(name, words=8)]


def _anchor(graph: Graph, claim: URIRef, text: str, nodeset: Nodeset, source: URIRef) -> bool:
    """Anchor a claim in the text: by its locution's offsets, its locution's words, or its own words."""
    candidates = []
    for assertion in graph.subjects(AIF.Conclusion, claim):
        for locution in sorted(graph.objects(assertion, AIF.Premise), key=str):
            start, end = graph.value(locution, AIF.start), graph.value(locution, AIF.end)
            if start is not None and end is not None and str(start).isdigit() and str(end).isdigit():
                a, b = int(str(start)), int(str(end))
                if 0 <= a < b <= len(text):
                    candidates.append((text[a:b], a))
            words = str(graph.value(locution, RDFS.label) or "")
            speaker = _SPEAKER.match(words)
            candidates += [(words, None)] + ([(speaker.group(1), None)] if speaker else [])
    candidates.append((str(graph.value(claim, RDFS.comment) or ""), None))
    for exact, start in candidates:
        exact = exact.strip()
        if exact and (start is not None or exact in text):
            add_anchor(graph, claim, source, selector_at(text, exact, start if start is not None else text.find(exact)))
            return True
    return False


def graph_to_nodeset(graph: Graph, options: WriteOptions) -> Nodeset:
    claims, inferences, conflicts = map_nodes(graph)
    members = [(c, "I") for c in claims] + [(i, "RA") for i in inferences] + [(c, "CA") for c in conflicts]
    for kind, cls in sorted(OTHER_CLASSES.items()):
        members += [(s, kind) for s in sorted(graph.subjects(RDF.type, cls), key=str)]
    ids = _ids(graph, [m for m, _ in members])
    kinds = {subject: kind for subject, kind in members}
    nodeset = Nodeset()
    for subject, kind in members:
        nodeset.nodes.append(_node(graph, subject, kind, ids[subject], options))
        if kind == "L":
            row = {key: _str(graph.value(subject, p)) for key, p in LOCUTION_PROPERTIES.items()}
            if any(v is not None for v in row.values()):
                nodeset.locutions[ids[subject]] = row
    edges = set()
    for subject, kind in members:
        for p, o in graph.predicate_objects(subject):
            if o not in kinds:
                continue
            if p in (ARG.conclusion, ARG.target, AIF.Conclusion):
                edges.add((ids[subject], ids[o]))
            elif p in (ARG.premise, ARG.attacker, AIF.Premise):
                edges.add((ids[o], ids[subject]))
    _spoken(graph, claims, ids, kinds, nodeset, edges, options)
    nodeset.nodes.sort(key=lambda n: n.id)
    nodeset.edges = sorted(edges)
    texts = [t for t in options.source_texts.values() if t]
    nodeset.text = texts[0] if len(texts) == 1 else None
    return nodeset


def _ids(graph: Graph, subjects: list) -> dict:
    wanted = {s: str(graph.value(s, DCTERMS.identifier) or local_name(s)) for s in subjects}
    counts: dict[str, int] = {}
    for value in wanted.values():
        counts[value] = counts.get(value, 0) + 1
    return {s: (v if counts[v] == 1 else str(s)) for s, v in wanted.items()}


def _str(value) -> str | None:
    return None if value is None else str(value)


def _node(graph: Graph, subject, kind: str, node_id: str, options: WriteOptions) -> Node:
    if kind == "I":
        text = graph.value(subject, RDFS.comment) or graph.value(subject, RDFS.label) or ""
    else:
        text = graph.value(subject, RDFS.label) or DEFAULT_TEXT.get(kind, "")
    when = graph.value(subject, PROV.generatedAtTime)
    node = Node(node_id, kind, str(text), str(when).replace("T", " ", 1) if when is not None else None)
    if kind == "I":
        kinds = sorted(local_name(k) for k in set(graph.objects(subject, RDF.type)) & KINDS)
        said = {"kind": kinds[0] if len(kinds) == 1 else kinds} if kinds else {}
        if (subject, ARG.implicit, Literal(True)) in graph:
            said["implicit"] = True
        node.argmap = said or None
    scheme = graph.value(subject, ARG.scheme)
    if scheme is not None and kind in ("RA", "CA"):
        node.scheme, node.scheme_id = _scheme_name(graph, scheme)
    return node


def _scheme_name(graph: Graph, scheme) -> tuple[str, str | None]:
    """A scheme as AIFdb names it: its CamelCase alternative label where the catalogue has one."""
    labels = sorted(str(label) for label in graph.objects(scheme, SKOS.altLabel))
    name = next((label for label in labels if " " not in label), labels[0] if labels else None)
    identifier = graph.value(scheme, ARG.aifdbId)
    return name or local_name(scheme), _str(identifier)


def _spoken(graph, claims, ids, kinds, nodeset: Nodeset, edges: set, options: WriteOptions) -> None:
    """Give each anchored claim that has no locution one: an L-node with the quote and a YA `Asserting`."""
    assertions = {n.id for n in nodeset.nodes if n.type == "YA"}
    asserted = {b for a, b in edges if a in assertions}
    for claim in claims:
        quote = quote_of(graph, claim)
        if quote is None or ids[claim] in asserted:
            continue
        exact, prefix, suffix = quote
        source = next((graph.value(a, OA.hasSource) for a in graph.objects(claim, ARG.anchor)), None)
        text = options.source_texts.get(source)
        span = span_of(text, exact, prefix, suffix) if text else None
        speaker = graph.value(source, DCTERMS.creator) if source is not None else None
        locution, assertion = f"l-{ids[claim]}", f"ya-{ids[claim]}"
        nodeset.nodes.append(Node(locution, "L", exact))
        nodeset.nodes.append(Node(assertion, "YA", "Asserting"))
        edges.update({(locution, assertion), (assertion, ids[claim])})
        nodeset.locutions[locution] = {
            "personID": local_name(speaker) if speaker is not None else None,
            "timestamp": None,
            "start": str(span[0]) if span else None,
            "end": str(span[1]) if span else None,
            "source": local_name(source) if source is not None else None,
        }
