"""A tiny read-only SPARQL 1.1 Protocol endpoint over pyoxigraph, for tests: 127.0.0.1 only, queries only.

It answers GET ?query= and POST (form or application/sparql-query) with SPARQL
JSON results, or N-Triples for CONSTRUCT/DESCRIBE, and counts the requests it
receives, so a test can show that a refused query never reached it.
"""

from __future__ import annotations

import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pyoxigraph as ox


class SparqlServer:
    """Serve `store` on a free port of 127.0.0.1 until stopped."""

    def __init__(self, store: ox.Store):
        self.store = store
        self.requests: list[str] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # keep test output clean
                pass

            def do_GET(self):
                query = urllib.parse.parse_qs(urllib.parse.urlsplit(self.path).query).get("query", [""])[0]
                self._answer(query)

            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0))).decode("utf-8")
                if self.headers.get_content_type() == "application/sparql-query":
                    self._answer(body)
                else:
                    self._answer(urllib.parse.parse_qs(body).get("query", [""])[0])

            def _answer(self, query: str):
                server.requests.append(query)
                try:
                    result = server.store.query(query, use_default_graph_as_union=True)
                except SyntaxError as error:
                    self._send(400, "text/plain", str(error).encode("utf-8"))
                    return
                if isinstance(result, ox.QueryTriples):
                    self._send(200, "application/n-triples", ox.serialize(result, format=ox.RdfFormat.N_TRIPLES))
                else:
                    self._send(200, "application/sparql-results+json", result.serialize(format=ox.QueryResultsFormat.JSON))

            def _send(self, status: int, media_type: str, body: bytes):
                self.send_response(status)
                self.send_header("Content-Type", media_type)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/query"
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    def __enter__(self) -> SparqlServer:
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()
