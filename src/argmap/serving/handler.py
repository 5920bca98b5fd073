"""The HTTP side of `argmap serve`: read each request within a deadline and limits, route it, answer in plain text.

The standard library's server reads a request with no deadline (a client
that sends a byte now and then holds a thread forever), drops the connection
on a malformed `Content-Length` or Host, answers a bad version with no status
line, and leaves a chunked body on the connection to be read as the next
request. Here: an idle connection is
closed after `client_timeout`, and a request must arrive whole within
`client_timeout` of its first byte (else 408); `Content-Length` must be one
decimal number (else 400) under MAX_BODY (else 413), and a body without one
gets 411; the target must be percent-encoded UTF-8 without NUL (else 400);
every refusal, the standard library's own included, is a plain-text answer
with a status line.

Needs: the Server (serve.py) whose endpoint it calls. Gives: make_handler,
the request handler class for listener.Listener. Does not: decide what a
query may do.
"""

from __future__ import annotations

import io
import ipaddress
import re
import socket
import sys
import time
import traceback
import urllib.parse
from http.server import BaseHTTPRequestHandler

from .workers import Answer

MAX_BODY = 1_000_000
MAX_FIELDS = 1_000  # fields of a query string or form
SEND_SECONDS = 60.0  # a client that does not take its answer within this is dropped
LOOPBACK_NAMES = {"localhost", "127.0.0.1", "::1"}
SECURITY_HEADERS = {"X-Content-Type-Options": "nosniff", "Cache-Control": "no-store", "Referrer-Policy": "no-referrer"}
ALLOW = "GET, HEAD, POST, OPTIONS"
BROKEN_ESCAPE = re.compile(r"%(?![0-9A-Fa-f]{2})")
DECIMAL = re.compile(r"[0-9]{1,20}")
CONTROL = re.compile(r"[\x00-\x1f\x7f]")


class Refused(Exception):
    """A request this server will not serve: the status and why (the body of the answer)."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status


def text_answer(status: int, message: str) -> Answer:
    return Answer(status, "text/plain", (message + "\n").encode("utf-8"))


class _ArrivalClock(io.RawIOBase):
    """A socket's reading side with one deadline for a whole request, not one per read (which a slow sender resets).

    Waiting for a request to begin, the deadline is `idle` from the end of the last one; from its first byte, the
    whole request (line, headers, body) has `whole`.
    """

    def __init__(self, sock: socket.socket, idle: float, whole: float):
        self.sock, self.idle, self.whole = sock, idle, whole
        self.expect_request()

    def expect_request(self) -> None:
        self.deadline = time.monotonic() + self.idle
        self.arriving = self.expired = False

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        remaining = self.deadline - time.monotonic()
        try:
            if remaining <= 0:
                raise TimeoutError("the request did not arrive in time")
            self.sock.settimeout(remaining)
            count = self.sock.recv_into(buffer)
        except TimeoutError:
            self.expired = True
            raise
        if count and not self.arriving:
            self.arriving = True
            self.deadline = time.monotonic() + self.whole
        return count


def make_handler(server):
    """The request handler class for a Server (serve.py): its routes, its settings."""
    settings = server.settings

    class Handler(BaseHTTPRequestHandler):
        server_version = "argmap"
        sys_version = ""
        protocol_version = "HTTP/1.1"

        def version_string(self):
            return self.server_version

        def log_message(self, format, *args):  # one line per request on stderr, only from the CLI
            if getattr(server, "verbose", False):
                super().log_message(format, *args)

        # --- reading a request ---------------------------------------------------------------

        def setup(self):
            super().setup()
            self.rfile.close()
            self.clock = _ArrivalClock(self.connection, settings.client_timeout, settings.client_timeout)
            self.rfile = io.BufferedReader(self.clock)

        def handle_one_request(self):
            self.clock.expect_request()
            self.command, self.request_version, self.requestline, self.headers = "", "HTTP/1.1", "", None
            self.body = b""
            super().handle_one_request()  # closes the connection on a time-out, sending nothing
            if self.clock.expired and self.clock.arriving:
                self._refuse(Refused(408, f"the request did not arrive whole within {settings.client_timeout:g} s"))

        def parse_request(self):
            if not super().parse_request():
                return False
            try:
                if self.request_version == "HTTP/0.9":
                    raise Refused(400, "HTTP/0.9 requests are not answered: send HTTP/1.1")
                length = self._body_length()
                self.body = self.rfile.read(length) if length else b""
                if len(self.body) < length:
                    raise Refused(400, f"the body ended after {len(self.body)} of its {length} bytes")
            except Refused as refusal:
                self._refuse(refusal)
                return False
            return True

        def handle_expect_100(self):
            try:
                self._body_length()
            except Refused as refusal:
                self._refuse(refusal)
                return False
            return super().handle_expect_100()

        def _body_length(self) -> int:
            """The length of the body, from exactly one decimal Content-Length; no chunked bodies (RFC 9112 §6)."""
            lengths = [value.strip() for field in self.headers.get_all("Content-Length") or []
                       for value in field.split(",")]
            if self.headers.get_all("Transfer-Encoding"):
                if lengths:
                    raise Refused(400, "a request may not have both Transfer-Encoding and Content-Length")
                raise Refused(411, "send the body with a Content-Length (a chunked or otherwise encoded body is "
                                   "not read)")
            if not lengths:
                return 0
            if len(set(lengths)) != 1 or not DECIMAL.fullmatch(lengths[0]):
                shown = ", ".join(repr(value[:40]) for value in lengths[:3])
                raise Refused(400, f"Content-Length must be one decimal number of bytes, not {shown}")
            if int(lengths[0]) > MAX_BODY:
                raise Refused(413, f"the body is over {MAX_BODY} bytes: send a shorter query")
            return int(lengths[0])

        def send_error(self, code, message=None, explain=None):
            """The standard library's own refusals (request line or headers too long, too many headers, a bad
            version, an unknown method) as plain text with a status line, like every other answer."""
            hints = {414: "the request line is over 64 KiB: send a long query by POST (application/sparql-query)",
                     431: "a header line is over 64 KiB, or there are over 100 headers",
                     501: f"{(self.command or '')[:40]!r} is not a method this server answers: use {ALLOW}"}
            text = hints.get(code) or ": ".join(filter(None, (message or self.responses.get(code, ("",))[0], explain)))
            self._refuse(Refused(code, text))

        # --- routing ---------------------------------------------------------------------------

        def do_GET(self):
            self._route(self._get)

        do_HEAD = do_GET

        def do_POST(self):
            self._route(self._post)

        def do_OPTIONS(self):
            self._route(lambda path, fields: self._answer(Answer(204, "text/plain", b""), preflight=True))

        def do_PUT(self):
            self._route(lambda path, fields: self._answer(text_answer(405, "this endpoint is read-only")))

        do_DELETE = do_PATCH = do_PUT

        def _route(self, serve_path):
            """Check the address and the target, then serve; whatever fails is answered, never a dropped connection."""
            try:
                path, query = self._target()
                fields = _fields(query)
                serve_path(path, fields)
            except Refused as refusal:
                self._refuse(refusal, close=False)
            except Exception:
                traceback.print_exc(file=sys.stderr)
                self._refuse(Refused(500, "the server failed on this request (its log says why)"))

        def _get(self, path: str, fields: dict[str, list[str]]):
            if path == "/sparql":
                self._answer(server.sparql(fields, self._accept(), self.client_address[0]))
            elif path == "/":
                self._answer(Answer(200, "text/html", server.query_page.html.encode("utf-8")), policy=server.page_policy)
            elif path == "/library.json":
                self._answer(Answer(200, "application/json", server.library()))
            elif path == "/prefixes.json":
                self._answer(Answer(200, "application/json", server.prefixes))
            elif path == "/static/vis-network.min.js":
                self._answer(Answer(200, "text/javascript", server.vis_network))
            elif path == "/draw":
                self._answer(server.draw(fields, self.client_address[0]))
            elif path == "/pages" or path.startswith("/pages/"):
                self._answer(server.page(path[len("/pages"):]))
            else:
                self._answer(text_answer(404, f"nothing at {path[:200]} — the endpoint is /sparql, the query page /"))

        def _post(self, path: str, fields: dict[str, list[str]]):
            if path != "/sparql":
                return self._answer(text_answer(405, "only /sparql takes POST"))
            media_type = self.headers.get_content_type()
            if media_type == "application/sparql-update":
                return self._answer(text_answer(403, "updates are refused: this endpoint is read-only"))
            try:
                body = self.body.decode("utf-8")
            except UnicodeDecodeError:
                raise Refused(400, "the body is not UTF-8") from None
            if media_type == "application/sparql-query":
                fields["query"] = [body]
            elif media_type == "application/x-www-form-urlencoded":
                for key, values in _fields(body).items():
                    fields.setdefault(key, []).extend(values)
            else:
                return self._answer(text_answer(415, "send application/sparql-query or an "
                                                     "application/x-www-form-urlencoded form"))
            self._answer(server.sparql(fields, self._accept(), self.client_address[0]))

        # --- helpers ---------------------------------------------------------------------------

        def _target(self) -> tuple[str, str]:
            """The request's path (decoded) and query string, after checking whom it is addressed to."""
            target = self.path
            if CONTROL.search(target):
                raise Refused(400, "the request target holds a control character")
            if BROKEN_ESCAPE.search(target):
                raise Refused(400, "the request target has a broken percent-escape (% must start two hex digits)")
            # raw non-ASCII (the line was read as Latin-1) is taken as UTF-8 that should have been percent-encoded
            target = urllib.parse.quote(target.encode("latin-1"), safe="".join(map(chr, range(0x21, 0x7f))))
            try:
                parts = urllib.parse.urlsplit(target)
                named = parts.hostname if parts.netloc else None
                path = urllib.parse.unquote(parts.path, errors="strict")
            except (ValueError, UnicodeDecodeError):
                raise Refused(400, "the request target is not a path of percent-encoded UTF-8") from None
            if "\x00" in path:
                raise Refused(400, "the path holds a NUL")
            self._check_host(named)
            return path, parts.query

        def _check_host(self, named: str | None) -> None:
            """One Host; on loopback, only requests addressed to a loopback name (a rebinding page gets 403)."""
            hosts = self.headers.get_all("Host") or []
            if len(hosts) > 1 or (not hosts and self.request_version == "HTTP/1.1"):
                raise Refused(400, "an HTTP/1.1 request has exactly one Host header")
            if not is_loopback(settings.host):
                return
            if named is None:
                try:
                    named = urllib.parse.urlsplit("//" + (hosts[0] if hosts else "")).hostname or ""
                except ValueError:
                    raise Refused(400, "the Host header is not a host name, address or [address]") from None
            if named not in LOOPBACK_NAMES and not is_loopback(named):
                raise Refused(403, f"the Host {named[:100]!r} is not this loopback server")

        def _accept(self) -> str:
            return ", ".join(self.headers.get_all("Accept") or [])

        def _refuse(self, refusal: Refused, *, close: bool = True):
            """Answer a refusal; a request whose framing could not be trusted also closes the connection."""
            if close:
                self.close_connection = True
            self._answer(text_answer(refusal.status, str(refusal)), close=close)

        def _answer(self, answer: Answer, *, policy: str | None = None, preflight: bool = False, close=False):
            self.connection.settimeout(SEND_SECONDS)
            self.request_version = "HTTP/1.1"  # a status line even for a refused HTTP/0.9 or broken version
            self.send_response(answer.status)
            text_type = answer.media_type.startswith("text/") or answer.media_type.endswith(("json", "xml"))
            self.send_header("Content-Type", answer.media_type + ("; charset=utf-8" if text_type else ""))
            self.send_header("Content-Length", str(len(answer.body)))
            for key, value in SECURITY_HEADERS.items():
                self.send_header(key, value)
            if close:
                self.send_header("Connection", "close")
            if policy:
                self.send_header("Content-Security-Policy", policy)
            if answer.status == 503:
                self.send_header("Retry-After", "1")
            if answer.status in (405, 501) or preflight:
                self.send_header("Allow", ALLOW)
            if answer.truncated:
                self.send_header("X-Argmap-Truncated", "true")
                cap = ("Rows", settings.max_rows) if answer.truncated == "rows" else ("Bytes", settings.max_bytes)
                self.send_header(f"X-Argmap-Max-{cap[0]}", str(cap[1]))
            self._cors(preflight)
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(answer.body)

        def _cors(self, preflight: bool):
            origin = self.headers.get("Origin") if self.headers is not None else None
            if not settings.cors:
                return
            self.send_header("Vary", "Origin")
            if origin in settings.cors:  # exactly a listed origin; never credentials
                self.send_header("Access-Control-Allow-Origin", origin)
                self.send_header("Access-Control-Expose-Headers",
                                 "X-Argmap-Truncated, X-Argmap-Max-Rows, X-Argmap-Max-Bytes")
                if preflight:
                    self.send_header("Access-Control-Allow-Methods", "GET, POST")
                    self.send_header("Access-Control-Allow-Headers", "Content-Type, Accept")
                    self.send_header("Access-Control-Max-Age", "600")

    return Handler


def _fields(text: str) -> dict[str, list[str]]:
    """A query string or form as lists of values; not UTF-8, or over MAX_FIELDS fields, is a 400."""
    try:
        return urllib.parse.parse_qs(text, keep_blank_values=True, errors="strict", max_num_fields=MAX_FIELDS)
    except UnicodeDecodeError:
        raise Refused(400, "a field is not percent-encoded UTF-8") from None
    except ValueError:
        raise Refused(400, f"over {MAX_FIELDS} fields in one request") from None


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False

