"""Refuse a query that would reach outside the loaded data, before any engine sees it.

rdflib and Oxigraph both follow `SERVICE` (an outbound request), `LOAD`
fetches, and `FROM <url>` may be dereferenced: so such queries never run.
`FROM`/`FROM NAMED` may name only the graphs argmap loaded. Updates are
refused too: `argmap query` reads, it never writes.
"""

from __future__ import annotations

from ..errors import QueryError
from .sparqltext import Token, expand, position, prefixes, tokens

UPDATES = ("INSERT", "DELETE", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH")


def refuse_unsafe(text: str, allowed_graphs: frozenset[str] | None, *, where: str = "query") -> None:
    """Raise QueryError if `text` uses SERVICE, LOAD, an update, or FROM a graph not in `allowed_graphs`.

    `allowed_graphs` None means no FROM is allowed at all (an endpoint, whose graphs argmap cannot know).
    """
    items = tokens(text)
    declared = prefixes(text)
    for index, token in enumerate(items):
        if token.is_word("SERVICE"):
            _refuse(text, token, where, "SERVICE is refused: argmap never sends a query to another endpoint",
                    "remove the SERVICE block and query the loaded data")
        if token.is_word("LOAD"):
            _refuse(text, token, where, "LOAD is refused: argmap never fetches data while querying",
                    "add the data to claims/ instead")
        if token.is_word(*UPDATES):
            _refuse(text, token, where, f"{token.text.upper()} is refused: argmap query only reads",
                    "write a SELECT, ASK, CONSTRUCT or DESCRIBE query")
        if token.is_word("FROM"):
            _check_from(text, items, index, declared, allowed_graphs, where)


def _check_from(text, items, index, declared, allowed_graphs, where) -> None:
    token = items[index]
    following = items[index + 1: index + 3]
    if following and following[0].is_word("NAMED"):
        following = following[1:]
    iri = expand(following[0], declared) if following else None
    if allowed_graphs is None:
        _refuse(text, token, where, "FROM is refused with --endpoint: argmap cannot tell whether the endpoint would fetch it",
                "use GRAPH <…> { … } inside the WHERE clause instead")
    if iri is None or iri not in allowed_graphs:
        shown = f"<{iri}>" if iri else "that graph"
        known = ", ".join(f"<{g}>" for g in sorted(allowed_graphs))
        _refuse(text, token, where, f"FROM {shown} is refused: it is not a loaded graph, and argmap fetches nothing",
                f"name one of the loaded graphs ({known}), or drop FROM: the default graph is every loaded graph")


def _refuse(text: str, token: Token, where: str, message: str, fix: str) -> None:
    line, column = position(text, token.offset)
    raise QueryError(f"line {line}, column {column}: {message}", path=where, fix=fix)
