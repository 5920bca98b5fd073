"""Worker processes that run queries for `argmap serve`, so that a query over its time limit can really be stopped.

Neither Oxigraph nor rdflib can interrupt a running query, so each query
runs in a worker process that loaded the project once, and a query over the
limit has its worker killed and replaced while the others go on serving.

Needs: a Project. Gives: a Pool whose `run` returns an Answer (status, media
type, body, truncated) or raises Timeout or Busy. Does not: check that a
query is safe (serve.py does that before a worker sees it), or speak HTTP.
"""

from __future__ import annotations

import json
import queue
import socket
import subprocess
import sys
import threading
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path

from ..errors import ArgmapError

#: The media types of each answer kind, and the results.py format that writes them.
TABLE_TYPES = {
    "application/sparql-results+json": "json",
    "application/json": "json",
    "application/sparql-results+xml": "xml",
    "application/xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
}
GRAPH_TYPES = {"text/turtle": "turtle", "application/ld+json": "jsonld"}


class Timeout(ArgmapError):
    """A query ran past the time limit; its worker was killed."""


class Busy(ArgmapError):
    """Every worker stayed busy for longer than a request may wait."""


@dataclass(frozen=True)
class Request:
    """One query for a worker: a library name or the text, the given parameters, the media type to write."""

    name: str | None
    text: str | None
    params: dict
    media_type: str
    max_rows: int
    kind: str = "query"  # or "draw": the answer drawn as a map page


@dataclass(frozen=True)
class Answer:
    """What a worker gives back: an HTTP status, a media type, the body, and whether rows were cut off."""

    status: int
    media_type: str
    body: bytes
    truncated: bool = False


def answer_request(project, engine, request: Request) -> Answer:
    """Run one request on a loaded engine and write its answer; a QueryError becomes a 400."""
    from ..errors import QueryError
    from ..sparql.library import find_query
    from ..sparql.query import checked_text, run_query, typed_query
    from ..sparql.results import Table, Triples, write

    if request.kind == "draw":
        return draw_request(project, request)
    try:
        query = find_query(project, request.name) if request.name else typed_query(request.text)
        result = run_query(query, _Capped(engine, request.max_rows), request.params)
        truncated = False
        if isinstance(result, Table) and len(result.rows) > request.max_rows:
            result, truncated = Table(result.variables, result.rows[: request.max_rows]), True
        if isinstance(result, Triples) and len(result.triples) > request.max_rows:
            result, truncated = Triples(frozenset(sorted(result.triples, key=str)[: request.max_rows])), True
        kinds = GRAPH_TYPES if isinstance(result, Triples) else TABLE_TYPES
        media_type = request.media_type if request.media_type in kinds else next(iter(kinds))
        text = write(result, kinds[media_type], {**engine.prefixes, **checked_text(query, engine)[1]})
        if truncated and kinds[media_type] == "json" and isinstance(result, Table):
            document = json.loads(text)
            text = json.dumps({"head": document["head"], "truncated": True, "maxRows": request.max_rows,
                               "results": document["results"]}, indent=2, ensure_ascii=False) + "\n"
        return Answer(200, media_type, text.encode("utf-8"), truncated)
    except QueryError as error:
        return Answer(400, "text/plain", f"{error}\n".encode("utf-8"))


def draw_request(project, request: Request) -> Answer:
    """A library query's answer drawn as a self-contained map page (build.draw_page, as `argmap draw` does)."""
    import tempfile

    from ..pipeline import draw_page
    from ..errors import InputError

    with tempfile.TemporaryDirectory(prefix="argmap-draw-") as folder:
        output = Path(folder) / "page.html"
        try:
            built = draw_page(project, request.name, request.params, output)
        except InputError as error:
            return Answer(400, "text/plain", f"{error}\n".encode("utf-8"))
        if not built.report.conforms:
            return Answer(409, "text/plain", b"the data does not conform: run argmap check\n")
        return Answer(200, "text/html", output.read_bytes())


class _Capped:
    """An Oxigraph engine that reads at most max_rows + 1 rows of any answer."""

    def __init__(self, engine, max_rows: int):
        self.engine, self.max_rows = engine, max_rows
        self.graphs, self.prefixes = engine.graphs, engine.prefixes

    def run(self, text: str, bindings: dict, where: str):
        return self.engine.run(text, bindings, where, self.max_rows)


def _worker_main(connection, root: str) -> None:
    """A worker's life: load the project, say so, then answer requests until the pipe closes."""
    from ..sparql.engines import OxigraphEngine
    from ..model.project import Project
    from ..sparql.sandbox import isolate

    isolate()  # no network for whatever a query says (sandbox.py); the pipe to the server stays open

    try:
        project = Project(Path(root))
        engine = OxigraphEngine.from_project(project)
    except ArgmapError as error:
        connection.send(("failed", str(error)))
        return
    connection.send(("ready", None))
    while True:
        try:
            request = connection.recv()
        except (EOFError, OSError):
            return
        connection.send(answer_request(project, engine, request))


class _Worker:
    """One worker: `python -m argmap.serving.workers FD ROOT`, talking over one end of a socket pair.

    A fresh interpreter rather than multiprocessing's fork (the server runs threads, whose locks a fork would
    copy) or spawn (which re-imports the caller's __main__, impossible from `python -` or some launchers).
    """

    def __init__(self, root: str):
        ours, theirs = socket.socketpair()
        self.process = subprocess.Popen([sys.executable, "-m", "argmap.serving.workers", str(theirs.fileno()), root],
                                        pass_fds=(theirs.fileno(),), stdin=subprocess.DEVNULL)
        theirs.close()
        self.connection = Connection(ours.detach())

    def wait_ready(self, seconds: float) -> None:
        try:
            if not self.connection.poll(seconds):
                raise ArgmapError(f"a query worker did not start within {seconds:.0f} s")
            state, message = self.connection.recv()
        except (EOFError, OSError):
            state, message = "failed", "a query worker exited while loading the project"
        except ArgmapError:
            self.stop()
            raise
        if state != "ready":
            self.stop()
            raise ArgmapError(message)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait(5)
        self.connection.close()


class Pool:
    """`size` worker processes, each holding the project in Oxigraph; a query over `timeout` kills its worker."""

    def __init__(self, root: Path, size: int = 2, timeout: float = 10.0, start_timeout: float = 120.0):
        self.root, self.size, self.timeout, self.start_timeout = str(root), size, timeout, start_timeout
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._all: set[_Worker] = set()
        self._lock = threading.Condition()
        self.busy = 0
        self.closed = False

    def start(self) -> Pool:
        workers = [_Worker(self.root) for _ in range(self.size)]
        try:
            for worker in workers:
                worker.wait_ready(self.start_timeout)
        except ArgmapError:
            for worker in workers:
                worker.stop()
            raise
        for worker in workers:
            self._all.add(worker)
            self._idle.put(worker)
        return self

    def run(self, request: Request) -> Answer:
        """The answer to `request`; Busy if no worker frees up within the time limit, Timeout if it runs past it."""
        try:
            worker = self._idle.get(timeout=self.timeout)
        except queue.Empty:
            raise Busy(f"every query worker stayed busy for {self.timeout:g} s") from None
        with self._lock:
            self.busy += 1
            self._lock.notify_all()
        try:
            worker.connection.send(request)
            if worker.connection.poll(self.timeout):
                answer = worker.connection.recv()
                self._idle.put(worker)
                return answer
            self._replace(worker)
            raise Timeout(f"the query ran longer than the limit of {self.timeout:g} s and was stopped")
        except (EOFError, OSError, BrokenPipeError):
            self._replace(worker)
            raise ArgmapError("the query worker died (out of memory?) and was replaced") from None
        finally:
            with self._lock:
                self.busy -= 1
                self._lock.notify_all()

    def wait_busy(self, count: int, seconds: float) -> bool:
        """Wait until `count` workers are running a query (for tests and the load script); False on time-out."""
        with self._lock:
            return self._lock.wait_for(lambda: self.busy >= count, seconds)

    def _replace(self, worker: _Worker) -> None:
        """Kill a worker now, and start its replacement in the background."""
        worker.stop()
        self._all.discard(worker)

        def start_new():
            if self.closed:
                return
            fresh = _Worker(self.root)
            try:
                fresh.wait_ready(self.start_timeout)
            except ArgmapError:
                return
            if self.closed:
                fresh.stop()
                return
            self._all.add(fresh)
            self._idle.put(fresh)

        threading.Thread(target=start_new, daemon=True).start()

    def close(self) -> None:
        self.closed = True
        for worker in list(self._all):
            worker.stop()
        self._all.clear()


if __name__ == "__main__":
    from argmap.serving.workers import _worker_main as main  # so that what it sends pickles as argmap.serving.workers.Answer

    main(Connection(int(sys.argv[1])), sys.argv[2])
