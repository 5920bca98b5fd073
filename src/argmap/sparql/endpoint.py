"""Run queries against any SPARQL 1.1 endpoint, over the SPARQL 1.1 Protocol (an HTTP POST of the query).

The protocol has no way to send parameters beside the query, so each goes in
a `BIND(term AS ?name)` at the top of the outer WHERE clause (found by
rdflib's parser: reading.bind_first), the term
written by pyoxigraph's N-Triples serialiser (escaped as RDF requires): a
value is still a term, never query syntax. (BIND rather than VALUES: Virtuoso
7.2 fails with HTTP 500, or answers wrongly, when a VALUES-bound variable
starts a `+` or `*` property path; with BIND it answers as the spec says.) An answer an endpoint marks as truncated
(Virtuoso's X-SPARQL-MaxRows, X-SQL-State S1TAT) is an error, not a result.
"""

from __future__ import annotations

import urllib.error
import urllib.parse
import urllib.request

import pyoxigraph as ox

from .engines import PREFIXES, file_prefixes, project_files
from ..errors import QueryError
from .reading import bind_first, read
from .results import Boolean, Table, Triples

TIMEOUT = 60
RESULTS_TYPES = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
}
GRAPH_TYPES = {
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
    "application/ld+json": ox.RdfFormat.JSON_LD,
}


class EndpointEngine:
    """A remote SPARQL 1.1 query service, read over HTTP."""

    name = "endpoint"
    graphs = None  # argmap cannot know an endpoint's graphs, so FROM is refused

    def __init__(self, url: str, project=None):
        if urllib.parse.urlsplit(url).scheme not in ("http", "https"):
            raise QueryError(f"{url!r} is not an http(s) URL", fix="give the endpoint's URL, e.g. http://localhost:7878/query")
        self.url = url
        self.prefixes = dict(PREFIXES)
        if project is not None:  # the project's own prefixes (bsj: …), for parameters and output
            for _, path in project_files(project):
                if path.is_file():
                    self.prefixes.update({p: ns for p, ns in file_prefixes(path).items() if p not in PREFIXES})

    def run(self, text: str, bindings: dict, where: str):
        reading = read(text, where)
        form = reading.form
        text = _with_prefixes(_with_values(reading, bindings, where), reading.prefixes, self.prefixes)
        accept = ("application/n-triples, text/turtle;q=0.9" if form in ("CONSTRUCT", "DESCRIBE")
                  else "application/sparql-results+json, application/sparql-results+xml;q=0.9")
        request = urllib.request.Request(
            self.url, data=urllib.parse.urlencode({"query": text}).encode("utf-8"), method="POST",
            headers={"Accept": accept, "Content-Type": "application/x-www-form-urlencoded; charset=utf-8",
                     "User-Agent": "argmap"})
        try:
            with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
                headers, body = response.headers, response.read()
        except urllib.error.HTTPError as error:
            detail = error.read().decode("utf-8", "replace").strip().splitlines()
            raise QueryError(f"the endpoint answered {error.code} {error.reason}" + (f": {detail[0][:200]}" if detail else ""),
                             path=where, fix="correct the query, or check the endpoint's URL") from None
        except (urllib.error.URLError, OSError) as error:
            reason = getattr(error, "reason", error)
            raise QueryError(f"cannot reach the endpoint {self.url}: {reason}",
                             fix="check the URL and that the endpoint is running") from None
        if headers.get("X-SPARQL-MaxRows") or headers.get("X-SQL-State") == "S1TAT":
            raise QueryError("the endpoint cut the answer short (it hit its own limits)", path=where,
                             fix="add LIMIT or narrow the query, or raise the endpoint's limits")
        media_type = headers.get_content_type()
        if form in ("CONSTRUCT", "DESCRIBE"):
            if media_type not in GRAPH_TYPES:
                raise QueryError(f"the endpoint answered with {media_type}, not an RDF format", path=where,
                                 fix="use an endpoint that speaks the SPARQL 1.1 Protocol")
            return Triples(frozenset(q.triple for q in ox.parse(body, format=GRAPH_TYPES[media_type])))
        if media_type not in RESULTS_TYPES:
            raise QueryError(f"the endpoint answered with {media_type}, not SPARQL results", path=where,
                             fix="use an endpoint that speaks the SPARQL 1.1 Protocol")
        answer = ox.parse_query_results(body, format=RESULTS_TYPES[media_type])
        if isinstance(answer, ox.QueryBoolean):
            return Boolean(bool(answer))
        variables = tuple(v.value for v in answer.variables)
        return Table(variables, tuple(tuple(solution[i] for i in range(len(variables))) for solution in answer))


def _with_prefixes(text: str, declared: dict[str, str], prefixes: dict[str, str]) -> str:
    """The query with argmap's prefixes declared, where it does not declare them itself."""
    missing = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in sorted(prefixes.items()) if p not in declared)
    return missing + text


def _with_values(reading, bindings: dict, where: str) -> str:
    """The query with a BIND of each parameter at the top of the outer WHERE clause."""
    if not bindings:
        return reading.text
    block = "".join(f" BIND({bindings[name]} AS ?{name})" for name in sorted(bindings)) + " "
    return bind_first(reading, block, where)
