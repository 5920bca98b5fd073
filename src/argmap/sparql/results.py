"""What a query gives, and how it is written: the W3C SPARQL results formats, a terminal table, Markdown, Turtle, JSON-LD.

Terms are pyoxigraph's (NamedNode, BlankNode, Literal), whichever engine ran
the query. Blank nodes are relabelled b0, b1 … in order of appearance (or
canonically, for graphs), so the same data gives the same bytes.
"""

from __future__ import annotations

import io
import json
from dataclasses import dataclass

import pyoxigraph as ox

from ..errors import QueryError

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
TABLE_FORMATS = ("table", "csv", "tsv", "json", "xml", "md")
GRAPH_FORMATS = ("turtle", "jsonld")


@dataclass(frozen=True)
class Table:
    """The answer to SELECT: variable names and rows of terms (None where unbound), in the query's order."""

    variables: tuple[str, ...]
    rows: tuple[tuple, ...]


@dataclass(frozen=True)
class Boolean:
    """The answer to ASK."""

    value: bool


@dataclass(frozen=True)
class Triples:
    """The answer to CONSTRUCT or DESCRIBE: a set of triples."""

    triples: frozenset


def relabel(table: Table) -> Table:
    """The table with blank nodes named b0, b1 … in order of appearance."""
    names: dict = {}

    def term(value):
        if isinstance(value, ox.BlankNode):
            return names.setdefault(value, ox.BlankNode(f"b{len(names)}"))
        return value

    return Table(table.variables, tuple(tuple(term(v) for v in row) for row in table.rows))


def write(result, fmt: str, prefixes: dict[str, str]) -> str:
    """A result as text in `fmt`: a results format for SELECT/ASK, a graph format for CONSTRUCT/DESCRIBE."""
    if isinstance(result, Triples):
        if fmt not in GRAPH_FORMATS:
            raise QueryError(f"a CONSTRUCT or DESCRIBE result cannot be written as {fmt}",
                             fix=f"use --format {' or '.join(GRAPH_FORMATS)}")
        return write_graph(result, fmt, prefixes)
    if fmt not in TABLE_FORMATS:
        raise QueryError(f"a SELECT or ASK result cannot be written as {fmt}", fix=f"use --format {'|'.join(TABLE_FORMATS)}")
    if isinstance(result, Boolean):
        return _boolean(result.value, fmt)
    table = relabel(result)
    writer = {"table": _table, "md": _markdown, "csv": _csv, "tsv": _tsv, "json": _json, "xml": _xml}[fmt]
    return writer(table, prefixes) if fmt in ("table", "md") else writer(table)


# --- W3C formats ----------------------------------------------------------------------------


def _csv(table: Table) -> str:
    """SPARQL 1.1 Query Results CSV: values only (IRIs bare, literals as their text)."""
    lines = [",".join(table.variables)]
    for row in table.rows:
        lines.append(",".join(_csv_field(_plain(v)) for v in row))
    return "\r\n".join(lines) + "\r\n"


def _csv_field(text: str) -> str:
    return '"' + text.replace('"', '""') + '"' if any(c in text for c in ',"\r\n') else text


def _tsv(table: Table) -> str:
    """SPARQL 1.1 Query Results TSV: terms in Turtle/N-Triples syntax."""
    lines = ["\t".join("?" + v for v in table.variables)]
    for row in table.rows:
        lines.append("\t".join("" if v is None else _ntriples(v) for v in row))
    return "\n".join(lines) + "\n"


def _json(table: Table) -> str:
    """SPARQL 1.1 Query Results JSON."""
    bindings = [{var: _json_term(v) for var, v in zip(table.variables, row) if v is not None} for row in table.rows]
    document = {"head": {"vars": list(table.variables)}, "results": {"bindings": bindings}}
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def _json_term(term) -> dict:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    found = {"type": "literal", "value": term.value}
    if term.language:
        found["xml:lang"] = term.language
    elif term.datatype.value != XSD_STRING:
        found["datatype"] = term.datatype.value
    return found


def _xml(table: Table) -> str:
    """SPARQL Query Results XML."""
    from xml.sax.saxutils import quoteattr  # imported here: it pulls in urllib, a fifth of a query's start-up

    out = io.StringIO()
    out.write('<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">\n  <head>\n')
    for var in table.variables:
        out.write(f"    <variable name={quoteattr(var)}/>\n")
    out.write("  </head>\n  <results>\n")
    for row in table.rows:
        out.write("    <result>\n")
        for var, term in zip(table.variables, row):
            if term is not None:
                out.write(f"      <binding name={quoteattr(var)}>{_xml_term(term)}</binding>\n")
        out.write("    </result>\n")
    out.write("  </results>\n</sparql>\n")
    return out.getvalue()


def _xml_term(term) -> str:
    from xml.sax.saxutils import escape, quoteattr

    if isinstance(term, ox.NamedNode):
        return f"<uri>{escape(term.value)}</uri>"
    if isinstance(term, ox.BlankNode):
        return f"<bnode>{escape(term.value)}</bnode>"
    if term.language:
        return f"<literal xml:lang={quoteattr(term.language)}>{escape(term.value)}</literal>"
    if term.datatype.value != XSD_STRING:
        return f"<literal datatype={quoteattr(term.datatype.value)}>{escape(term.value)}</literal>"
    return f"<literal>{escape(term.value)}</literal>"


def _boolean(value: bool, fmt: str) -> str:
    if fmt == "json":
        return json.dumps({"head": {}, "boolean": value}) + "\n"
    if fmt == "xml":
        return ('<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">\n'
                f"  <head/>\n  <boolean>{str(value).lower()}</boolean>\n</sparql>\n")
    return f"{str(value).lower()}\n"


# --- for people -------------------------------------------------------------------------------


def shorten(term, prefixes: dict[str, str]) -> str:
    """A term as a person reads it: a prefixed name where a prefix fits, a literal's text, a blank node's label."""
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        best = max(((p, ns) for p, ns in prefixes.items() if ns and term.value.startswith(ns)),
                   key=lambda item: len(item[1]), default=None)
        return f"{best[0]}:{term.value[len(best[1]):]}" if best else f"<{term.value}>"
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return term.value


def _table(table: Table, prefixes: dict[str, str]) -> str:
    """A plain-text table with aligned columns, closed by a row count."""
    cells = [[shorten(v, prefixes).replace("\n", " ") for v in row] for row in table.rows]
    widths = [max([len(v)] + [len(r[i]) for r in cells]) for i, v in enumerate(table.variables)]
    lines = ["  ".join(v.ljust(w) for v, w in zip(table.variables, widths)).rstrip(),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip() for row in cells]
    count = len(table.rows)
    lines.append(f"{count} row{'s' if count != 1 else ''}")
    return "\n".join(lines) + "\n"


def _markdown(table: Table, prefixes: dict[str, str]) -> str:
    """A GitHub-flavoured Markdown table."""
    def cell(term):
        return shorten(term, prefixes).replace("|", "\\|").replace("\n", " ")

    lines = ["| " + " | ".join(table.variables) + " |", "|" + "---|" * len(table.variables)]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in table.rows]
    return "\n".join(lines) + "\n"


# --- graphs ---------------------------------------------------------------------------------


def canonical_triples(triples) -> list:
    """The triples with canonical blank node labels (RDFC-1.0), sorted: the same graph, the same order."""
    dataset = ox.Dataset(ox.Quad(t.subject, t.predicate, t.object) for t in triples)
    dataset.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
    return sorted((q.triple for q in dataset), key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))


def write_graph(result: Triples, fmt: str, prefixes: dict[str, str]) -> str:
    """CONSTRUCT/DESCRIBE output as Turtle or JSON-LD, deterministic."""
    triples = canonical_triples(result.triples)
    used = {p: ns for p, ns in sorted(prefixes.items())
            if any(isinstance(term, ox.NamedNode) and term.value.startswith(ns) for t in triples for term in t)}
    if fmt == "turtle":
        body = ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=used).decode("utf-8")
        # pyoxigraph writes the prefix lines in hash order: write them sorted instead
        lines = [line for line in body.splitlines() if not line.startswith("@prefix ")]
        header = [f"@prefix {p}: <{ns}> ." for p, ns in used.items()]
        return "\n".join(header + [""] + lines) + "\n"
    return _jsonld(triples, used)


def _jsonld(triples: list, prefixes: dict[str, str]) -> str:
    """Compact JSON-LD: a @context of the prefixes used, and one node object per subject, keys sorted."""
    expanded = json.loads(ox.serialize(triples, format=ox.RdfFormat.JSON_LD))

    def compact(iri: str) -> str:
        for prefix, namespace in sorted(prefixes.items(), key=lambda item: -len(item[1])):
            if iri.startswith(namespace) and ":" not in iri[len(namespace):]:
                return f"{prefix}:{iri[len(namespace):]}"
        return iri

    def walk(value):
        if isinstance(value, list):
            return [walk(v) for v in value]
        if isinstance(value, dict):
            return {("@type" if k == "@type" else k if k.startswith("@") else compact(k)):
                    (compact(v) if k == "@id" or (k == "@type" and isinstance(v, str)) else
                     [compact(x) for x in v] if k == "@type" else walk(v))
                    for k, v in value.items()}
        return value

    document = {"@context": dict(sorted(prefixes.items())), "@graph": sorted(walk(expanded), key=lambda n: n.get("@id", ""))}
    return json.dumps(document, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def _plain(term) -> str:
    return "" if term is None else ("_:" + term.value if isinstance(term, ox.BlankNode) else term.value)


def _ntriples(term) -> str:
    return str(term)
