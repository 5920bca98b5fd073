"""`argmap publish`: put the dataset into a SPARQL server, each file its own named graph, over the Graph Store Protocol.

Each graph (the ontology, the schemes, every claims file) is read by
Oxigraph as `argmap query` reads it and sent as an HTTP PUT of N-Triples
(valid Turtle) to `GRAPH_STORE?graph=IRI`, which replaces that graph whole,
so publishing twice gives the same server state. Digest or basic auth, as the
server asks. Then the query endpoint is asked how many triples each graph
holds, so a publish that the server silently dropped is an error.

Needs: a Project, the server's Graph Store and query URLs, and credentials.
Gives: Published (graph → triples). Does not: create the server's users or
touch graphs argmap did not name.
"""

from __future__ import annotations

import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass

import pyoxigraph as ox

from ..errors import InputError
from ..model.project import Project

TIMEOUT = 120


@dataclass(frozen=True)
class Published:
    """What was published: each named graph and how many triples it holds."""

    graphs: dict[str, int]

    def text(self) -> str:
        lines = [f"  <{graph}>  {count} triples" for graph, count in sorted(self.graphs.items())]
        return f"published {len(self.graphs)} graphs, {sum(self.graphs.values())} triples:\n" + "\n".join(lines) + "\n"


def graph_documents(project: Project) -> dict[str, bytes]:
    """Each named graph of the project as N-Triples, exactly as the embedded store holds it."""
    from ..sparql.engines import OxigraphEngine

    engine = OxigraphEngine.from_project(project)
    documents = {}
    for graph in sorted(engine.graph_files):
        quads = engine.store.quads_for_pattern(None, None, None, ox.NamedNode(graph))
        documents[graph] = ox.serialize([q.triple for q in quads], format=ox.RdfFormat.N_TRIPLES) or b""
    return documents


def _opener(url: str, user: str | None, password: str | None):
    if not user:
        return urllib.request.build_opener()
    passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
    passwords.add_password(None, url, user, password or "")
    return urllib.request.build_opener(urllib.request.HTTPDigestAuthHandler(passwords),
                                       urllib.request.HTTPBasicAuthHandler(passwords))


def publish(project: Project, endpoint: str, graph_store: str, user: str | None = None,
            password: str | None = None) -> Published:
    """PUT every graph into the Graph Store, then check on the endpoint that each holds what was sent."""
    for url in (endpoint, graph_store):
        if urllib.parse.urlsplit(url).scheme not in ("http", "https"):
            raise InputError(f"{url!r} is not an http(s) URL", fix="give the server's full URL, e.g. http://localhost:8890/sparql")
    opener = _opener(graph_store, user, password)
    documents = graph_documents(project)
    for graph, body in documents.items():
        separator = "&" if "?" in graph_store else "?"
        request = urllib.request.Request(f"{graph_store}{separator}{urllib.parse.urlencode({'graph': graph})}",
                                         data=body, method="PUT",
                                         headers={"Content-Type": "text/turtle; charset=utf-8", "User-Agent": "argmap"})
        try:
            with opener.open(request, timeout=TIMEOUT) as response:
                response.read()
        except urllib.error.HTTPError as error:
            detail = error.read().decode("utf-8", "replace").strip().splitlines()
            fix = ("give --user and the password (ARGMAP_PASSWORD) of an account that may write"
                   if error.code in (401, 403) else "check the Graph Store URL")
            raise InputError(f"the Graph Store answered {error.code} {error.reason} for <{graph}>"
                             + (f": {detail[0][:200]}" if detail else ""), fix=fix) from None
        except (urllib.error.URLError, OSError) as error:
            raise InputError(f"cannot reach the Graph Store {graph_store}: {getattr(error, 'reason', error)}",
                             fix="check the URL and that the server is running") from None
    counts = {graph: len(list(ox.parse(body, format=ox.RdfFormat.N_TRIPLES))) for graph, body in documents.items()}
    _check_counts(endpoint, counts)
    return Published(counts)


def _check_counts(endpoint: str, expected: dict[str, int]) -> None:
    """Ask the endpoint how many triples each graph holds; a difference is an error."""
    from ..sparql.endpoint import EndpointEngine

    engine = EndpointEngine(endpoint)
    for graph, count in expected.items():
        table = engine.run(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}", {}, "publish check")
        found = int(table.rows[0][0].value) if table.rows else 0
        if found != count:
            raise InputError(f"the endpoint holds {found} triples in <{graph}>, not the {count} sent",
                             fix="check that --endpoint queries the server that --graph-store writes to")
