"""argmap's Argdown profile, read: the relations, each what it says in argmap (support an inference, …).

Support is an inference, attack a rebuttal, undercut an undercut,
and entails, contrary and contradictory are relations between claims; an argument tagged #rebuttal or #undercut
is itself the conflict (its supporter the attacker, what it attacks the target), so that it can have a label and
a note and be undercut in turn.

A node made for a relation is named after its ends (`inf-a-b`, `reb-a-b`, `und-a-b`, `ent-a-b`, `con-a-b`,
`ctd-a-b`), so that the same document always gives the same names.
"""

from __future__ import annotations

from rdflib import RDF, RDFS, Literal, URIRef

from ...errors import ParseError
from ..vocab import ARG
from .values import DERIVED, RELATION_CLASSES, RELATION_KINDS, as_list


def _local(node) -> str:
    return str(node).rsplit("#", 1)[-1]


def read_relations(reader) -> None:
    """Add each relation of the reader's document to its graph, undercuts last (they may aim at what others make)."""
    graph = reader.graph
    conflict_of = dict(reader.conflicts)
    undercuts = []
    made_from: dict = {}       # gist claim → the inferences and conflicts it starts
    for relation in reader.doc.relations:
        source, target = relation.source, relation.target
        if id(target) in conflict_of and relation.type == "support":
            graph.add((conflict_of[id(target)], ARG.attacker, _end(reader, source, relation.line)))
            continue
        if id(source) in conflict_of:
            graph.add((conflict_of[id(source)], ARG.target, _end(reader, target, relation.line)))
            continue
        if relation.type == "undercut":
            undercuts.append(relation)
            continue
        start, end = _end(reader, source, relation.line), _end(reader, target, relation.line)
        node = _made(reader, relation.type, start, end, relation.line)
        if relation.type == "support":
            graph.add((node, RDF.type, ARG.Inference))
            graph.add((node, ARG.premise, start))
            graph.add((node, ARG.conclusion, end))
        elif relation.type == "attack":
            is_node = (end, RDF.type, ARG.Inference) in graph or id(target) in conflict_of
            graph.add((node, RDF.type, ARG.Undercut if is_node else ARG.Rebuttal))
            graph.add((node, ARG.attacker, start))
            graph.add((node, ARG.target, end))
        else:
            graph.add((node, RDF.type, RELATION_CLASSES[relation.type]))
            graph.add((node, ARG.fromClaim, start))
            graph.add((node, ARG.toClaim, end))
        made_from.setdefault(start, []).append(node)
    for relation in undercuts:
        start, end = _end(reader, relation.source, relation.line), _end(reader, relation.target, relation.line)
        if (end, ARG.sketch, Literal(True)) in graph:
            started = made_from.get(end, [])
            if len(started) == 1:
                end = started[0]
            else:
                reader.advise(relation.line, end, f"undercuts the argument <{graph.value(end, RDFS.label) or _local(end)}>, "
                              f"which supports or attacks {'nothing' if not started else 'several things'}: read as an attack on it",
                              "undercut the one relation meant (the argument that supports or attacks one thing)")
                # named und-…, so that the writer writes the undercut Argdown had
                node = _made(reader, "undercut", start, end, relation.line)
                graph.add((node, RDF.type, ARG.Rebuttal))
                graph.add((node, ARG.attacker, start))
                graph.add((node, ARG.target, end))
                continue
        node = _made(reader, "undercut", start, end, relation.line)
        graph.add((node, RDF.type, ARG.Undercut))
        graph.add((node, ARG.attacker, start))
        graph.add((node, ARG.target, end))


def _made(reader, kind: str, start, end, line: int) -> URIRef:
    from ..names import unique

    node = URIRef(reader.settings.namespace + unique(f"{DERIVED[kind]}-{_local(start)}-{_local(end)}", reader.taken))
    reader.at(node, line)
    return node


def _end(reader, node, line: int) -> URIRef:
    """The argmap node a relation's end stands for: a claim, a sketched argument's claim, a conflict, an inference,
    or (for support or attack of a reconstructed argument as a whole) a claim stating its gist."""
    if node.type == "argument" and node.pcs:
        final = reader.node_of[id(node)]
        gist = URIRef(f"{final}-gist")
        if (gist, ARG.gistOf, final) not in reader.graph:
            reader.taken.add(_local(gist))
            reader.at(gist, node.line)
            reader.claim(gist, node.title, {}, "", node.tags, node.line, sketch=True)
            reader.graph.add((gist, ARG.gistOf, final))
        return gist
    return reader.node_of[id(node)]


def read_claim_relations(reader) -> None:
    """The relations between claims that statements' data name: `relations: [{type: restatement, to: Title}]`."""
    for start, entries, line in reader.pending:
        for entry in as_list(entries):
            kind = entry.get("type") if isinstance(entry, dict) else None
            if kind not in RELATION_KINDS or entry.get("to") is None:
                raise ParseError(f"Argdown error at line {line}: an entry of relations: needs a type ("
                                 f"{', '.join(RELATION_KINDS)}) and the title it relates to (to:)", line=line,
                                 fix="write relations: [{type: restatement, to: Title of the other statement}]")
            end = reader.claim_titled(str(entry["to"]), line)
            node = reader.name(entry, "") if entry.get("id") else _made(reader, kind, start, end, line)
            reader.at(node, line)
            reader.graph.add((node, RDF.type, RELATION_KINDS[kind]))
            reader.graph.add((node, ARG.fromClaim, start))
            reader.graph.add((node, ARG.toClaim, end))
            reader.labelled(node, "", {k: v for k, v in entry.items() if k in ("label", "note", "rdf", "id")}, "", [])
