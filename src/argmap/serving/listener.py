"""The socket server of `argmap serve`: a thread per connection, up to a cap; past it, an immediate 503.

The standard library's threading server opens a thread for every connection
it accepts, however many. Here at most `max_connections` are served at once;
another is answered 503 at once from the accepting thread (without blocking
it) and closed a second later, once what it sent has been read, so that its
client reads the answer rather than a reset.

Needs: a request handler class (handler.py). Gives: Listener. Does not:
read requests.
"""

from __future__ import annotations

import socket
import sys
import threading
import time
from collections import deque
from http.server import ThreadingHTTPServer


class Listener(ThreadingHTTPServer):
    """A threading HTTP server that serves at most `max_connections` at once and answers the rest 503."""

    daemon_threads = True
    block_on_close = False
    BUSY = b"too many connections at once: close one and try again\n"
    REFUSED = (b"HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain; charset=utf-8\r\nRetry-After: 1\r\n"
               b"Connection: close\r\nContent-Length: %d\r\n\r\n%s" % (len(BUSY), BUSY))

    def __init__(self, address, handler, max_connections: int, ipv6: bool = False):
        self.address_family = socket.AF_INET6 if ipv6 else socket.AF_INET
        self.slots = threading.BoundedSemaphore(max_connections)
        self.refused: deque[tuple[float, socket.socket]] = deque()
        super().__init__(address, handler)

    def process_request(self, request, client_address):
        if self.slots.acquire(blocking=False):
            try:
                super().process_request(request, client_address)
            except BaseException:
                self.slots.release()
                raise
            return
        # No thread for it: answer at once without blocking, and close it a second later, so that its request
        # (arriving meanwhile) is read rather than answered with a reset.
        try:
            request.setblocking(False)
            request.send(self.REFUSED)
            request.shutdown(socket.SHUT_WR)
        except OSError:
            pass
        self.refused.append((time.monotonic() + 1.0, request))
        while len(self.refused) > 1024:
            self.refused.popleft()[1].close()

    def service_actions(self):
        """Between accepts: close the refused connections whose second is up, reading what they sent."""
        while self.refused and self.refused[0][0] <= time.monotonic():
            _, request = self.refused.popleft()
            try:
                while request.recv(65536):
                    pass
            except OSError:
                pass
            request.close()

    def process_request_thread(self, request, client_address):
        try:
            super().process_request_thread(request, client_address)
        finally:
            self.slots.release()

    def handle_error(self, request, client_address):
        """A client gone mid-answer is no error of ours; anything else is, and keeps its traceback."""
        if not isinstance(sys.exc_info()[1], OSError):
            super().handle_error(request, client_address)

    def server_close(self):
        super().server_close()
        while self.refused:
            self.refused.popleft()[1].close()
