"""Refuse a query that would reach outside the loaded data, before any engine sees it, from rdflib's parse of it.

rdflib and Oxigraph both follow `SERVICE` (an outbound request), `LOAD` fetches, and `FROM <url>` may be
dereferenced: so such queries never run. Every node of the parse tree is looked at, wherever it stands
(subqueries, EXISTS, MINUS, OPTIONAL, UNION, nested groups, a SERVICE inside a SERVICE): SERVICE, with an
IRI or a variable, SILENT or not, is refused; so is every update (LOAD among them: `argmap query` reads, it
never writes); `FROM`/`FROM NAMED` may name only the graphs argmap loaded, resolved with the query's own
PREFIX and BASE and argmap's predeclared prefixes. A text the parser cannot read is refused with its line
and column (reading.py). The engines then run the text this check read (`Reading.text`).

A refusal this check missed would still reach nothing where the processes that run queries have no network
(sandbox.py).
"""

from __future__ import annotations

from ..errors import QueryError
from .reading import Reading, read

#: What each update operation is called in messages (Modify is named by its first keyword).
UPDATES = {"Load": "LOAD", "Clear": "CLEAR", "Drop": "DROP", "Create": "CREATE", "Add": "ADD", "Move": "MOVE",
           "Copy": "COPY", "InsertData": "INSERT DATA", "DeleteData": "DELETE DATA", "DeleteWhere": "DELETE WHERE",
           "Modify": None}


def refuse_unsafe(text: str, allowed_graphs: frozenset[str] | None, *, where: str = "query",
                  prefixes: dict[str, str] | None = None) -> Reading:
    """The query read by rdflib's parser; QueryError if it uses SERVICE, is an update, or FROM a graph not allowed.

    `allowed_graphs` None means no FROM is allowed at all (an endpoint, whose graphs argmap cannot know).
    `prefixes` are those the engine predeclares (argmap's own), which FROM may use.
    """
    reading = read(text, where)
    if reading.update:
        _refuse_update(reading, where)
    names = {node.name for node in nodes(reading.tree)}
    if "ServiceGraphPattern" in names:
        _refuse(reading, reading.first("ServiceGraphPattern"), where,
                "SERVICE is refused: argmap never sends a query to another endpoint",
                "remove the SERVICE block and query the loaded data")
    if "DatasetClause" in names:
        _check_from(reading, allowed_graphs, prefixes or {}, where)
    return reading


def nodes(tree):
    """Every node of an rdflib parse tree (CompValue), however deep, in no particular order."""
    from pyparsing import ParseResults
    from rdflib.plugins.sparql.parserutils import CompValue

    stack = [tree]
    while stack:
        item = stack.pop()
        if isinstance(item, CompValue):
            yield item
            stack.extend(dict.values(item))
        elif isinstance(item, (ParseResults, list, tuple)):
            stack.extend(item)


def _refuse_update(reading: Reading, where: str) -> None:
    operation = reading.first(*UPDATES)
    if operation is None:
        raise QueryError("the text holds no query (to SPARQL it is an empty update, and updates are refused: "
                         "argmap query only reads)", path=where, fix="write a SELECT, ASK, CONSTRUCT or DESCRIBE query")
    if operation.kind == "Load":
        _refuse(reading, operation, where, "LOAD is refused: argmap never fetches data while querying",
                "add the data to claims/ instead")
    word = UPDATES[operation.kind] or reading.text[operation.start:].split(None, 1)[0].split("{")[0].upper()
    _refuse(reading, operation, where, f"{word} is refused: argmap query only reads",
            "write a SELECT, ASK, CONSTRUCT or DESCRIBE query")


def _check_from(reading: Reading, allowed_graphs, prefixes: dict[str, str], where: str) -> None:
    from rdflib.plugins.sparql.algebra import translatePrologue

    marks = [mark for mark in reading.marks if mark.kind == "DatasetClause"]
    query = reading.tree[1]
    clauses = query["datasetClause"] if "datasetClause" in query else []  # in the order written (the grammar
    if len(clauses) != len(marks):                                          # has FROM nowhere else)
        clauses = [node for node in nodes(reading.tree) if node.name == "DatasetClause"]
    if allowed_graphs is None:
        _refuse(reading, marks[0], where, "FROM is refused with --endpoint: argmap cannot tell whether the endpoint "
                "would fetch it", "use GRAPH <…> { … } inside the WHERE clause instead")
    prologue = translatePrologue(reading.tree[0], None, initNs=prefixes)
    for index, clause in enumerate(clauses):
        named = clause["default"] if "default" in clause else clause["named"]
        try:
            iri = str(prologue.absolutize(named))
        except Exception:  # rdflib raises a plain Exception for an undeclared prefix
            iri = None
        if iri not in allowed_graphs:
            shown = f"<{iri}>" if iri else "that graph"
            known = ", ".join(f"<{g}>" for g in sorted(allowed_graphs))
            mark = marks[index] if len(marks) == len(clauses) else marks[0]
            _refuse(reading, mark, where, f"FROM {shown} is refused: it is not a loaded graph, and argmap fetches "
                    "nothing", f"name one of the loaded graphs ({known}), or drop FROM: the default graph is every "
                    "loaded graph")


def _refuse(reading: Reading, mark, where: str, message: str, fix: str) -> None:
    line, column = reading.position(mark.start)
    raise QueryError(f"line {line}, column {column}: {message}", path=where, fix=fix)
