"""`argmap serve`: a read-only SPARQL 1.1 Protocol endpoint, a query page, and the generated pages, over HTTP.

Safe by default: it listens on loopback only and answers only requests
addressed to a loopback name (no DNS rebinding); every update is refused;
SERVICE, LOAD and FROM outside the served graphs are refused before any
worker sees the query (guard.py); each query runs in a worker process that
is killed at the time limit (workers.py); answers are cut at `max_rows` and
say so (header `X-Argmap-Truncated`, and `"truncated": true` in JSON); no
CORS header is sent unless origins are listed, and never with credentials.

    /sparql              the endpoint: GET ?query= or ?name=NAME&param=NAME=VALUE; POST form or application/sparql-query
    /                    the query page (querypage.py: viz/templates/query.html): the answer as a table, a graph, Turtle
    /library.json        the query library: names, titles, parameters, text
    /prefixes.json       the prefixes the query page shows IRIs with
    /static/vis-network.min.js   pyvis' copy of vis-network, which the query page draws with
    /draw?name=NAME      a library query's answer drawn as a map page
    /pages/…             the pages `argmap build` writes

Needs: a Project, and a folder of built pages (or None). Gives: a Server to
start and stop. Does not: write to the data, or fetch anything.
"""

from __future__ import annotations

import ipaddress
import json
import mimetypes
import shutil
import socket
import sys
import tempfile
import threading
import urllib.parse
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from ..errors import ArgmapError, QueryError
from ..model.project import Project
from .workers import GRAPH_TYPES, TABLE_TYPES, Answer, Busy, Pool, Request, Timeout

MAX_BODY = 1_000_000
LOOPBACK_NAMES = {"localhost", "127.0.0.1", "::1"}
SECURITY_HEADERS = {"X-Content-Type-Options": "nosniff", "Cache-Control": "no-store", "Referrer-Policy": "no-referrer"}
#: The query page's policy: only its own inline script (by hash) and this server's scripts (vis-network) run.
PAGE_POLICY = ("default-src 'none'; script-src 'self' {scripts}; style-src 'unsafe-inline'; "
               "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'")


@dataclass(frozen=True)
class Settings:
    """How the server runs: where it listens, how long a query may take, how many rows it gives, who may call it."""

    host: str = "127.0.0.1"
    port: int = 8000
    timeout: float = 10.0
    max_rows: int = 10_000
    cors: tuple[str, ...] = ()
    workers: int = 2


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


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
            if key.strip() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
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
        self.pool = Pool(project.root, size=settings.workers, timeout=settings.timeout)
        self.httpd: ThreadingHTTPServer | None = None
        self.thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{'[' + host + ']' if ':' in host else host}:{port}"

    def start(self) -> Server:
        """Start the workers, then listen (port 0 picks a free one) and serve in a background thread."""
        self.pool.start()
        try:
            server_class = _IPv6Server if ":" in self.settings.host else ThreadingHTTPServer
            self.httpd = server_class((self.settings.host, self.settings.port), _handler(self))
        except OSError as error:
            self.pool.close()
            raise ArgmapError(f"cannot listen on {self.settings.host}:{self.settings.port}: {error.strerror}") from None
        self.httpd.daemon_threads = True
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

    def sparql(self, fields: dict[str, list[str]], accept: str) -> Answer:
        """Answer one SPARQL Protocol request whose fields are parsed; errors become 4xx/5xx answers."""
        from ..sparql.library import find_query
        from ..sparql.query import parse_param_options
        from ..sparql.guard import refuse_unsafe
        from ..sparql.reading import query_form

        if "update" in fields:
            return _text(403, "updates are refused: this endpoint is read-only — send a query, not an update")
        if "default-graph-uri" in fields or "named-graph-uri" in fields:
            return _text(400, "default-graph-uri and named-graph-uri are refused: the default graph is every served "
                              "graph — use GRAPH <…> { … } in the query instead")
        texts, names = fields.get("query", []), fields.get("name", [])
        if len(texts) + len(names) != 1:
            return _text(400, "give exactly one query (query=TEXT) or one library query (name=NAME)")
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
            return _text(400, str(error))
        offered = list(GRAPH_TYPES if form in ("CONSTRUCT", "DESCRIBE") else TABLE_TYPES)
        media_type = negotiate(accept, offered)
        if media_type is None:
            return _text(406, f"cannot answer a {form} query in {accept} — accept one of {', '.join(offered)}")
        request = Request(names[0] if names else None, None if names else text, params, media_type,
                          self.settings.max_rows)
        return self._run(request)

    def draw(self, fields: dict[str, list[str]]) -> Answer:
        from ..sparql.query import parse_param_options

        names = fields.get("name", [])
        if len(names) != 1:
            return _text(400, "give one library query to draw: /draw?name=NAME&param=NAME=VALUE")
        try:
            params = parse_param_options(fields.get("param", []))
        except QueryError as error:
            return _text(400, str(error))
        return self._run(Request(names[0], None, params, "text/html", self.settings.max_rows, kind="draw"))

    def _run(self, request: Request) -> Answer:
        try:
            return self.pool.run(request)
        except Timeout as error:
            return _text(503, f"{error} — add LIMIT or narrow the query")
        except Busy as error:
            return _text(503, f"{error} — try again shortly")
        except ArgmapError as error:
            return _text(500, str(error))

    def library(self) -> bytes:
        from ..sparql.library import catalogue
        from ..sparql.reading import query_form

        entries = [{"name": q.name, "title": q.title, "description": q.description, "form": query_form(q.text),
                    "params": [{"name": p.name, "type": p.type, "optional": p.optional} for p in q.params],
                    "example": q.example_params(), "text": q.text} for q in catalogue(self.project)]
        return json.dumps(entries, indent=1, ensure_ascii=False).encode("utf-8")


class _IPv6Server(ThreadingHTTPServer):
    address_family = socket.AF_INET6


def _text(status: int, message: str) -> Answer:
    return Answer(status, "text/plain", (message + "\n").encode("utf-8"))


def _handler(server: Server):
    settings = server.settings

    class Handler(BaseHTTPRequestHandler):
        server_version = "argmap"
        sys_version = ""
        protocol_version = "HTTP/1.1"

        def log_message(self, format, *args):  # one line per request on stderr, only from the CLI
            if getattr(server, "verbose", False):
                super().log_message(format, *args)

        # --- routing ---------------------------------------------------------------------------

        def do_GET(self):
            if not self._host_allowed():
                return
            parts = urllib.parse.urlsplit(self.path)
            fields = urllib.parse.parse_qs(parts.query, keep_blank_values=True)
            if parts.path == "/sparql":
                self._answer(server.sparql(fields, self.headers.get("Accept", "")))
            elif parts.path == "/":
                self._answer(Answer(200, "text/html", server.query_page.html.encode("utf-8")), policy=server.page_policy)
            elif parts.path == "/library.json":
                self._answer(Answer(200, "application/json", server.library()))
            elif parts.path == "/prefixes.json":
                self._answer(Answer(200, "application/json", server.prefixes))
            elif parts.path == "/static/vis-network.min.js":
                self._answer(Answer(200, "text/javascript", server.vis_network))
            elif parts.path == "/draw":
                self._answer(server.draw(fields))
            elif parts.path == "/pages" or parts.path.startswith("/pages/"):
                self._answer(self._page(urllib.parse.unquote(parts.path[len("/pages"):])))
            else:
                self._answer(_text(404, f"nothing at {parts.path} — the endpoint is /sparql, the query page /"))

        def do_POST(self):
            if not self._host_allowed():
                return
            parts = urllib.parse.urlsplit(self.path)
            length = int(self.headers.get("Content-Length") or 0)
            if length > MAX_BODY:
                self.close_connection = True
                return self._answer(_text(413, f"the request is over {MAX_BODY} bytes"))
            body = self.rfile.read(length).decode("utf-8", "replace")
            if parts.path != "/sparql":
                return self._answer(_text(405, "only /sparql takes POST"))
            fields = urllib.parse.parse_qs(parts.query, keep_blank_values=True)
            media_type = self.headers.get_content_type()
            if media_type == "application/sparql-update":
                return self._answer(_text(403, "updates are refused: this endpoint is read-only"))
            if media_type == "application/sparql-query":
                fields["query"] = [body]
            elif media_type == "application/x-www-form-urlencoded":
                for key, values in urllib.parse.parse_qs(body, keep_blank_values=True).items():
                    fields.setdefault(key, []).extend(values)
            else:
                return self._answer(_text(415, "send application/sparql-query or an application/x-www-form-urlencoded form"))
            self._answer(server.sparql(fields, self.headers.get("Accept", "")))

        def do_OPTIONS(self):
            if not self._host_allowed():
                return
            answer = Answer(204, "text/plain", b"")
            self._answer(answer, preflight=True)

        def do_PUT(self):
            self._answer(_text(405, "this endpoint is read-only"))

        do_DELETE = do_PATCH = do_PUT

        # --- helpers ---------------------------------------------------------------------------

        def _host_allowed(self) -> bool:
            """On loopback, answer only requests addressed to a loopback name: a rebinding page gets 403."""
            if not is_loopback(settings.host):
                return True
            host = urllib.parse.urlsplit("//" + (self.headers.get("Host") or "")).hostname or ""
            if host in LOOPBACK_NAMES or is_loopback(host):
                return True
            self._answer(_text(403, f"the Host {host!r} is not this loopback server"))
            return False

        def _page(self, relative: str) -> Answer:
            if server.pages is None:
                return _text(404, "no pages were built (argmap check says why)")
            root = server.pages.resolve()
            target = (root / relative.lstrip("/")).resolve()
            if target.is_dir():
                target = target / "index.html"
            if root not in target.parents or not target.is_file():
                return _text(404, f"no page {relative}")
            media_type = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
            return Answer(200, media_type, target.read_bytes())

        def _answer(self, answer: Answer, *, policy: str | None = None, preflight: bool = False):
            self.send_response(answer.status)
            text_type = answer.media_type.startswith("text/") or answer.media_type.endswith(("json", "xml"))
            self.send_header("Content-Type", answer.media_type + ("; charset=utf-8" if text_type else ""))
            self.send_header("Content-Length", str(len(answer.body)))
            for key, value in SECURITY_HEADERS.items():
                self.send_header(key, value)
            if policy:
                self.send_header("Content-Security-Policy", policy)
            if answer.truncated:
                self.send_header("X-Argmap-Truncated", "true")
                self.send_header("X-Argmap-Max-Rows", str(settings.max_rows))
            if preflight:
                self.send_header("Allow", "GET, POST, OPTIONS")
            origin = self.headers.get("Origin")
            if settings.cors:
                self.send_header("Vary", "Origin")
                if origin in settings.cors:  # exactly a listed origin; never credentials
                    self.send_header("Access-Control-Allow-Origin", origin)
                    self.send_header("Access-Control-Expose-Headers", "X-Argmap-Truncated, X-Argmap-Max-Rows")
                    if preflight:
                        self.send_header("Access-Control-Allow-Methods", "GET, POST")
                        self.send_header("Access-Control-Allow-Headers", "Content-Type, Accept")
                        self.send_header("Access-Control-Max-Age", "600")
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(answer.body)

    return Handler


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
