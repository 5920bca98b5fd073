"""A TCP listener on loopback that counts every connection made to it: a query that must reach nothing must not
connect here. It answers each connection with an empty SPARQL result, so that a leak is seen, not hung on."""

from __future__ import annotations

import socket
import threading

EMPTY = b'{"head": {"vars": []}, "results": {"bindings": [{}]}}'


class Listener:
    def __init__(self):
        self.socket = socket.create_server(("127.0.0.1", 0))
        self.socket.settimeout(0.1)
        self.port = self.socket.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}/sparql"
        self.connections = 0
        self.running = True
        self.thread = threading.Thread(target=self._serve, daemon=True)

    def _serve(self):
        while self.running:
            try:
                connection, _ = self.socket.accept()
            except OSError:
                continue
            self.connections += 1
            with connection:
                connection.settimeout(1)
                try:
                    connection.recv(65536)
                    connection.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/sparql-results+json\r\n"
                                       b"Content-Length: %d\r\nConnection: close\r\n\r\n%s" % (len(EMPTY), EMPTY))
                except OSError:
                    pass

    def __enter__(self) -> Listener:
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.running = False
        self.thread.join()
        self.socket.close()
