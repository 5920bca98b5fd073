"""Run a named query, a query file or typed SPARQL on the project, with its parameters bound as RDF terms.

Needs: a Project (or an endpoint URL) and a Query. Gives: a Table, Boolean
or Triples (results.py writes them). Refuses SERVICE, LOAD and FROM outside
the loaded data before anything runs (guard.py). Does not: check the data
(that is `check`, which runs the quality-check queries through `querychecks`).
"""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import pyoxigraph as ox

from ..errors import QueryError
from .library import Param, Query, catalogue, find_query, parse_query
from ..model.project import Project

ENGINES = ("oxigraph", "rdflib")
XSD = "http://www.w3.org/2001/XMLSchema#"
_IRI_LIKE = re.compile(r"^(?:[a-zA-Z][\w+.-]*://\S+|urn:\S+)$")
_PREFIXED = re.compile(r"^([A-Za-z][\w.-]*)?:(\S*)$")
_LITERALS = {
    "integer": (re.compile(r"^[+-]?\d+$"), "an integer such as 3"),
    "decimal": (re.compile(r"^[+-]?(\d+\.?\d*|\.\d+)$"), "a decimal number such as 2.5"),
    "boolean": (re.compile(r"^(true|false)$"), "true or false"),
    "date": (re.compile(r"^\d{4}-\d{2}-\d{2}$"), "a date such as 2020-06-30"),
}
#: The queries that resolve a parameter given as a label (lookups/*.rq).
LOOKUPS = Path(__file__).resolve().parent / "lookups"


def open_engine(project: Project | None, engine: str = "oxigraph", endpoint: str | None = None):
    """The engine to run queries on: an endpoint if given, else the project loaded into Oxigraph or rdflib."""
    if endpoint:
        from .endpoint import EndpointEngine

        return EndpointEngine(endpoint, project)
    if engine == "oxigraph":
        from .engines import OxigraphEngine

        return OxigraphEngine.from_project(project)
    if engine == "rdflib":
        from .engines import RdflibEngine

        return RdflibEngine.from_project(project)
    raise QueryError(f"unknown engine {engine!r}", fix=f"use one of {', '.join(ENGINES)}")


def typed_query(text: str) -> Query:
    """A query typed on the command line; its `$` variables are IRI parameters unless a header says otherwise."""
    query = parse_query(text, "--sparql")
    if not query.params:
        from .reading import read  # here: a shipped query is never read, and reading is a third of a start-up

        params = tuple(Param(name, "iri", optional=True) for name in sorted(read(text, "--sparql").parameters))
        query = Query(query.name, None, text, params=params)
    return query


def checked_text(query: Query, engine) -> tuple[str, dict[str, str]]:
    """The text to run and the prefixes it declares, after the safety check (guard.py) of all but shipped queries."""
    if query.shipped:  # its tests check it is safe and declares only argmap's prefixes
        return query.text, {}
    from .guard import refuse_unsafe

    reading = refuse_unsafe(query.text, engine.graphs, where=query.shown, prefixes=engine.prefixes)
    return reading.text, reading.prefixes


def run_query(query: Query, engine, given: dict[str, str] | None = None, *, invoked: str | None = None):
    """The query's answer on `engine`, after the safety check and with each parameter bound as an RDF term.

    `invoked` is the command the user typed (`argmap draw thesis`), for the examples in error messages.
    """
    text, declared = checked_text(query, engine)
    bindings = bind_params(query, given or {}, engine, declared, invoked=invoked)
    return engine.run(text, bindings, query.shown)


def bind_params(query: Query, given: dict[str, str], engine, query_prefixes: dict[str, str] | None = None, *,
                invoked: str | None = None) -> dict:
    """Each given value as the RDF term its declared type calls for; missing or ill-typed ones named."""
    declared = {p.name: p for p in query.params}
    for name in given:
        if name not in declared:
            listed = ", ".join(map(str, query.params)) or "none"
            raise QueryError(f"the query has no parameter {name!r}", path=query.shown, fix=f"its parameters are: {listed}")
    bindings = {}
    for param in query.params:
        if param.name not in given:
            if not param.optional:
                example = _example(query, invoked)
                raise QueryError(f"parameter {param} is missing", path=query.shown,
                                 fix=f"add --param {param.name}=VALUE{example}")
            continue
        bindings[param.name] = to_term(param, given[param.name], query, engine, query_prefixes)
    return bindings


def _example(query: Query, invoked: str | None) -> str:
    """The query's example, as the command the user typed (`argmap draw thesis --param …`), for a fix."""
    if not query.example:
        return ""
    typed = f"argmap query {query.name}"
    if invoked and query.example.startswith(typed):
        return f" (example: {invoked}{query.example[len(typed):]})"
    return f" (example: {query.example})"


def to_term(param: Param, value: str, query: Query, engine, query_prefixes: dict[str, str] | None = None):
    """A parameter value as a pyoxigraph term: an IRI (full, prefixed or by label) or a typed literal."""
    if param.type == "string":
        return ox.Literal(value)
    if param.type in _LITERALS:
        pattern, expected = _LITERALS[param.type]
        if not pattern.match(value) or (param.type == "date" and not _is_date(value)):
            raise QueryError(f"parameter {param} has the value {value!r}, which is not of type {param.type}",
                             path=query.shown, fix=f"give {expected}")
        return ox.Literal(value, datatype=ox.NamedNode(XSD + param.type))
    if value.startswith("<") and value.endswith(">"):
        return _iri(value[1:-1], param, query)
    if _IRI_LIKE.match(value):
        return _iri(value, param, query)
    known = {**engine.prefixes, **(query_prefixes or {})}
    match = _PREFIXED.match(value)
    if match and (match.group(1) or "") in known:
        return _iri(known[match.group(1) or ""] + match.group(2), param, query)
    return lookup_label(value, param, query, engine)


def _iri(text: str, param: Param, query: Query):
    try:
        return ox.NamedNode(text)
    except ValueError:
        raise QueryError(f"parameter {param} has the value <{text}>, which is not a valid IRI", path=query.shown,
                         fix="give a full IRI, a prefixed name such as arg:Thesis, or a label") from None


def _is_date(value: str) -> bool:
    try:
        datetime.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def lookup_label(text: str, param: Param, query: Query, engine):
    """The one node whose rdfs:label or skos:altLabel is `text` (ignoring case); none or several is an error."""
    from .results import shorten

    found = engine.run((LOOKUPS / "label.rq").read_text(encoding="utf-8"), {"text": ox.Literal(text)}, "label lookup")
    nodes = [row[1] for row in found.rows]
    if len(nodes) == 1:
        return nodes[0]
    if not nodes:
        from ..model.names import suggestion

        labels = [str(row[0].value) for row in engine.run((LOOKUPS / "labels.rq").read_text(encoding="utf-8"), {},
                                                          "labels").rows]
        raise QueryError(f"parameter {param}: nothing is labelled {text!r}, and it is not a known prefixed name or IRI",
                         path=query.shown, fix=suggestion(
                             text, labels, "give the exact label, a prefixed name such as ent:japan, or a full IRI"))
    names = ", ".join(shorten(n, engine.prefixes) for n in nodes)
    raise QueryError(f"parameter {param}: {len(nodes)} nodes are labelled {text!r}: {names}",
                     path=query.shown, fix="give the prefixed name of the one you mean")


def parse_param_options(options: tuple[str, ...] | list[str]) -> dict[str, str]:
    """`--param NAME=VALUE` options as a dict."""
    given = {}
    for option in options:
        name, equals, value = option.partition("=")
        if not equals or not name.strip():
            raise QueryError(f"--param {option!r} is not NAME=VALUE", fix="write --param claim=bsj:ties-in-deep-freeze")
        given[name.strip()] = value
    return given


def describe_library(project: Project) -> str:
    """`argmap query --list`: each query's name, title and parameters, then the quality checks."""
    lines = []
    for heading, queries in (("Queries", catalogue(project)), ("Quality checks (run by argmap check)", catalogue(project, checks=True))):
        lines.append(f"{heading}:")
        width = max((len(q.name) for q in queries), default=0)
        for query in queries:
            params = f"  [{', '.join(map(str, query.params))}]" if query.params else ""
            lines.append(f"  {query.name.ljust(width)}  {query.title}{params}")
    return "\n".join(lines) + "\n"


def answer(project: Project | None, name: str | None, sparql: str | None, params: dict[str, str],
           engine: str = "oxigraph", endpoint: str | None = None, fmt: str | None = None,
           *, offline: bool = False) -> tuple[str, bool]:
    """What `argmap query` prints, and whether the data conforms (False when a -violation check finds rows).

    With `offline` (the command's own process), the process loses its network (sandbox.py) once the project and
    the query are read, before the query runs; not with an endpoint, which is reached over the network.
    """
    from .results import Table, Triples, write

    if bool(name) == bool(sparql):
        raise QueryError("give a query name or file, or --sparql TEXT (one of them)",
                         fix="argmap query --list shows the named queries")
    query = typed_query(sparql) if sparql else find_query(project, name)
    runner = open_engine(project, engine, endpoint)
    if offline and not endpoint:
        from .sandbox import isolate

        isolate()
    result = run_query(query, runner, params)
    prefixes = {**runner.prefixes, **checked_text(query, runner)[1]}
    text = write(result, fmt or ("turtle" if isinstance(result, Triples) else "table"), prefixes)
    violated = query.name.endswith("-violation") and isinstance(result, Table) and bool(result.rows)
    return text, not violated
