"""`argmap serve`: a read-only SPARQL 1.1 Protocol endpoint, a query page, and the generated pages, over HTTP.

Safe by default: it listens on loopback only and answers only requests
addressed to a loopback name (no DNS rebinding); every update is refused;
SERVICE, LOAD and FROM outside the served graphs are refused before any
worker sees the query (guard.py); a library query is named, never a file;
each query runs in a worker process, in a main lane that stays quick and,
past `slow_after`, in a capped slow lane, killed at the time limit (pool.py);
answers are cut at `max_rows` and at `max_bytes` and say so (header
`X-Argmap-Truncated`, and `"truncated": true` in JSON); requests are read
within deadlines and limits (handler.py), on at most `max_connections`
connections at once (listener.py); no CORS header is sent unless
origins are listed, and never with credentials.

    /sparql              the endpoint: GET ?query= or ?name=NAME&param=NAME=VALUE; POST form or application/sparql-query
    /                    the query page (querypage.py: viz/templates/query.html): the answer as a table, a graph, Turtle
    /library.json        the query library: names, titles, parameters, text
    /prefixes.json       the prefixes the query page shows IRIs with
    /static/vis-network.min.js   pyvis' copy of vis-network, which the query page draws with
    /draw?name=NAME      a library query's answer (or a view) drawn as a map page
    /pages/…             the pages `argmap build` writes

Needs: a Project, and a folder of built pages (or None). Gives: a Server to
start and stop. Does not: write to the data, or fetch anything.
"""

from __future__ import annotations

import json
import mimetypes
import re
import shutil
import sys
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path

from ..errors import ArgmapError, QueryError
from ..model.project import Project
from .handler import is_loopback, make_handler, text_answer
from .listener import Listener
from .pool import Busy, Pool, SlowLaneFull, Timeout, WorkerDied
from .workers import GRAPH_TYPES, TABLE_TYPES, Answer, Request

#: The query page's policy: only its own inline script (by hash) and this server's scripts (vis-network) run.
PAGE_POLICY = ("default-src 'none'; script-src 'self' {scripts}; style-src 'unsafe-inline'; "
               "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'")
QUALITY = re.compile(r"0(\.[0-9]{0,3})?|1(\.0{0,3})?")  # a q-value (RFC 9110 §12.4.2)


@dataclass(frozen=True)
class Settings:
    """How the server runs: where it listens, how long a query may take and how much it gives, who may call it."""

    host: str = "127.0.0.1"
    port: int = 8000
    timeout: float = 10.0
    max_rows: int = 10_000
    cors: tuple[str, ...] = ()
    workers: int = 2
    max_bytes: int = 16 * 2**20
    slow_after: float = 0.5  # seconds in the main lane before a query moves to the slow lane
    slow_lane: int | None = None  # queries the slow lane holds (None: as many as workers)
    spares: int = 1  # loaded workers kept ready to take a slow query's place
    client_timeout: float = 10.0  # seconds a connection may stay idle, and a request take to arrive
    max_connections: int = 64
    worker_memory: int = 2 * 2**30  # bytes a query's worker may allocate beyond the loaded data (0: no limit)


def negotiate(accept: str, offered: list[str]) -> str | None:
    """The offered media type the Accept header prefers (the first offered for none or */*); None if it wants none."""
    if not accept.strip():
        return offered[0]
    ranges = []
    for position, item in enumerate(accept.split(",")):
        media, *options = [part.strip() for part in item.split(";")]
        quality = 1.0
        for option in options:
            key, _, value = option.partition("=")
            if key.strip().lower() == "q":  # a malformed q (nan, inf, 1e3, 2) drops the range
                quality = float(value.strip()) if QUALITY.fullmatch(value.strip()) else 0.0
        if quality > 0:
            ranges.append((-quality, position, media.lower()))
    for _, _, media in sorted(ranges):
        if media in offered:
            return media
        if media == "*/*":
            return offered[0]
        if media.endswith("/*"):
            match = next((o for o in offered if o.startswith(media[:-1])), None)
            if match:
                return match
    return None


def prepare_pages(project: Project) -> tuple[Path | None, Path | None]:
    """The folder of built pages: the project's viz/out if built, else a fresh build in a temporary folder.

    Gives (pages folder, temporary folder to remove at the end, or None).
    """
    built = project.out_dir()
    if (built / "index.html").is_file():
        return built, None
    from ..pipeline import build

    temporary = Path(tempfile.mkdtemp(prefix="argmap-pages-"))
    result = build(project, temporary)
    if not result.report.conforms:
        shutil.rmtree(temporary, ignore_errors=True)
        print("argmap: note: the data does not conform (argmap check says why): serving no pages", file=sys.stderr)
        return None, None
    return temporary, temporary


class Server:
    """The HTTP server and its query workers: `with Server(project, pages, settings) as server: … server.url`."""

    def __init__(self, project: Project, pages: Path | None, settings: Settings = Settings()):
        from ..sparql.engines import project_files
        from .querypage import page_prefixes, render_query_page, vis_network

        self.project, self.pages, self.settings = project, pages, settings
        self.graphs = frozenset(graph for graph, _ in project_files(project))
        self.query_page = render_query_page(project)
        self.page_policy = PAGE_POLICY.format(scripts=" ".join(self.query_page.script_hashes))
        self.prefixes = json.dumps(page_prefixes(project), indent=1).encode("utf-8")
        self.vis_network = vis_network(project)
        self.queries, self.drawable = _library_names(project)
        self.pool = Pool(project.root, size=settings.workers, timeout=settings.timeout, slow_after=settings.slow_after,
                         slow_lane=settings.slow_lane, spares=settings.spares, memory=settings.worker_memory)
        self.httpd: Listener | None = None
        self.thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{'[' + host + ']' if ':' in host else host}:{port}"

    def start(self) -> Server:
        """Start the workers, then listen (port 0 picks a free one) and serve in a background thread."""
        self.pool.start()
        try:
            self.httpd = Listener((self.settings.host, self.settings.port), make_handler(self),
                                  self.settings.max_connections, ipv6=":" in self.settings.host)
        except OSError as error:
            self.pool.close()
            raise ArgmapError(f"cannot listen on {self.settings.host}:{self.settings.port}: {error.strerror}") from None
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)
        self.thread.start()
        return self

    def stop(self) -> None:
        if self.httpd is not None:
            self.httpd.shutdown()
            self.httpd.server_close()
        self.pool.close()

    def __enter__(self) -> Server:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    # --- what the endpoint does -----------------------------------------------------------------

    def sparql(self, fields: dict[str, list[str]], accept: str, client: str = "") -> Answer:
        """Answer one SPARQL Protocol request whose fields are parsed; errors become 4xx/5xx answers."""
        from ..sparql.library import find_query
        from ..sparql.query import parse_param_options
        from ..sparql.guard import refuse_unsafe
        from ..sparql.reading import query_form

        if "update" in fields:
            return text_answer(403, "updates are refused: this endpoint is read-only — send a query, not an update")
        if "default-graph-uri" in fields or "named-graph-uri" in fields:
            return text_answer(400, "default-graph-uri and named-graph-uri are refused: the default graph is every "
                                    "served graph — use GRAPH <…> { … } in the query instead")
        texts, names = fields.get("query", []), fields.get("name", [])
        if len(texts) + len(names) != 1:
            return text_answer(400, "give exactly one query (query=TEXT) or one library query (name=NAME)")
        if names and names[0] not in self.queries:
            return text_answer(404, f"no library query named {names[0][:100]!r} — /library.json lists them")
        try:
            params = parse_param_options(fields.get("param", []))
            if names:
                text = find_query(self.project, names[0]).text
            else:
                text = texts[0]
                refuse_unsafe(text, self.graphs, where="query")
            form = query_form(text)
            if form is None:
                raise QueryError("this is not a SELECT, ASK, CONSTRUCT or DESCRIBE query", fix="send a read-only query")
        except QueryError as error:
            return text_answer(400, str(error))
        offered = list(GRAPH_TYPES if form in ("CONSTRUCT", "DESCRIBE") else TABLE_TYPES)
        media_type = negotiate(accept, offered)
        if media_type is None:
            return text_answer(406, f"cannot answer a {form} query in {accept[:200]} — accept one of "
                                    f"{', '.join(offered)}")
        request = Request(names[0] if names else None, None if names else text, params, media_type,
                          self.settings.max_rows, self.settings.max_bytes)
        return self._run(request, client)

    def draw(self, fields: dict[str, list[str]], client: str = "") -> Answer:
        from ..sparql.query import parse_param_options

        names = fields.get("name", [])
        if len(names) != 1:
            return text_answer(400, "give one library query or view to draw: /draw?name=NAME&param=NAME=VALUE")
        if names[0] not in self.drawable:
            return text_answer(404, f"no library query or view named {names[0][:100]!r} — /library.json lists "
                                    "the queries")
        try:
            params = parse_param_options(fields.get("param", []))
        except QueryError as error:
            return text_answer(400, str(error))
        return self._run(Request(names[0], None, params, "text/html", self.settings.max_rows, self.settings.max_bytes,
                                 kind="draw"), client)

    def page(self, relative: str) -> Answer:
        """A built page, by its path under /pages/; nothing outside the folder."""
        if self.pages is None:
            return text_answer(404, "no pages were built (argmap check says why)")
        root = self.pages.resolve()
        target = (root / relative.lstrip("/")).resolve()
        if target.is_dir():
            target = target / "index.html"
        if root not in target.parents or not target.is_file():
            return text_answer(404, f"no page {relative[:200]}")
        media_type = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        return Answer(200, media_type, target.read_bytes())

    def _run(self, request: Request, client: str) -> Answer:
        try:
            return self.pool.run(request, client)
        except (Timeout, SlowLaneFull, WorkerDied) as error:
            return text_answer(503, f"{error} — add LIMIT or narrow the query")
        except Busy as error:
            return text_answer(503, f"{error} — try again shortly")
        except ArgmapError as error:
            return text_answer(500, str(error))

    def library(self) -> bytes:
        from ..sparql.library import catalogue
        from ..sparql.reading import query_form

        entries = [{"name": q.name, "title": q.title, "description": q.description, "form": query_form(q.text),
                    "params": [{"name": p.name, "type": p.type, "optional": p.optional} for p in q.params],
                    "example": q.example_params(), "text": q.text} for q in catalogue(self.project)]
        return json.dumps(entries, indent=1, ensure_ascii=False).encode("utf-8")


def _library_names(project: Project) -> tuple[frozenset[str], frozenset[str]]:
    """The names /sparql runs (library queries and quality checks) and /draw draws (queries and views), at start:
    a name, never a path, so that no request reads a file outside the library."""
    from ..drawing.views import load_views
    from ..errors import InputError
    from ..sparql.library import catalogue

    queries = frozenset(q.name for q in catalogue(project)) | frozenset(q.name for q in catalogue(project, checks=True))
    try:
        views = frozenset(view.name for view in load_views(*[layer / "views" for layer in project.layers("viz")]))
    except InputError:
        views = frozenset()
    return queries, frozenset(q.name for q in catalogue(project)) | views


def serve(project: Project, settings: Settings, *, verbose: bool = True) -> None:
    """`argmap serve`: build or find the pages, start, print the address, serve until interrupted."""
    pages, temporary = prepare_pages(project)
    server = Server(project, pages, settings)
    server.verbose = verbose
    try:
        server.start()
        if not is_loopback(settings.host):
            print(f"argmap: warning: listening on {settings.host}: anyone who can reach this machine can query it",
                  file=sys.stderr)
        print(f"serving {project.root} at {server.url}/ (SPARQL endpoint {server.url}/sparql); Ctrl-C stops",
              flush=True)
        server.thread.join()
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()
        if temporary is not None:
            shutil.rmtree(temporary, ignore_errors=True)
