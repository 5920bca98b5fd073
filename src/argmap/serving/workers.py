"""Worker processes that run queries for `argmap serve`, so that a query over its time limit can really be stopped.

Neither Oxigraph nor rdflib can interrupt a running query, so each query
runs in a worker process that loaded the project once; pool.py decides which
worker runs what, and kills one whose query runs too long.

One process loads the project (_Loaded) and forks the workers (_Worker),
which share the loaded data. Needs: a Project. Gives: workers that answer
Requests with an Answer (status, media type, body, and what cut it short).
Does not: check that a query is safe (serve.py does that before a worker
sees it), or speak HTTP.
"""

from __future__ import annotations

import json
import os
import signal
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


@dataclass(frozen=True)
class Request:
    """One query for a worker: a library name or the text, the given parameters, the media type, the caps."""

    name: str | None
    text: str | None
    params: dict
    media_type: str
    max_rows: int
    max_bytes: int = 16 * 2**20
    kind: str = "query"  # or "draw": the answer drawn as a map page


@dataclass(frozen=True)
class Answer:
    """What a worker gives back: an HTTP status, a media type, the body, and which cap cut it ("rows", "bytes")."""

    status: int
    media_type: str
    body: bytes
    truncated: str | None = None


def answer_request(project, engine, request: Request) -> Answer:
    """Run one request on a loaded engine and write its answer, cut to the caps; a QueryError becomes a 400."""
    from ..errors import QueryError
    from ..sparql.library import find_query
    from ..sparql.query import checked_text, run_query, typed_query
    from ..sparql.results import Triples

    if request.kind == "draw":
        return draw_request(project, request)
    try:
        query = find_query(project, request.name) if request.name else typed_query(request.text)
        result = run_query(query, _Capped(engine, request.max_rows), request.params)
    except QueryError as error:
        return Answer(400, "text/plain", f"{error}\n".encode("utf-8"))
    kinds = GRAPH_TYPES if isinstance(result, Triples) else TABLE_TYPES
    media_type = request.media_type if request.media_type in kinds else next(iter(kinds))
    prefixes = {**engine.prefixes, **checked_text(query, engine)[1]}
    items = _items(result)
    cut = "rows" if items is not None and len(items) > request.max_rows else None
    if cut:
        items = items[: request.max_rows]
    body = _write(result, items, kinds[media_type], prefixes, cut, request)
    if len(body) > request.max_bytes and items:
        # the most rows whose answer fits: a binary search, each step writing the answer (at most 14 for 10,000 rows)
        fits, over = 0, len(items)
        while over - fits > 1:
            middle = (fits + over) // 2
            if len(_write(result, items[:middle], kinds[media_type], prefixes, "bytes", request)) <= request.max_bytes:
                fits = middle
            else:
                over = middle
        body, cut = _write(result, items[:fits], kinds[media_type], prefixes, "bytes", request), "bytes"
    return Answer(200, media_type, body, cut)


def _items(result) -> list | None:
    """The rows of a table or the triples of a graph, in the order an answer cut short keeps; None for ASK."""
    from ..sparql.results import Table, Triples

    if isinstance(result, Table):
        return list(result.rows)
    if isinstance(result, Triples):
        return sorted(result.triples, key=str)
    return None


def _write(result, items: list | None, fmt: str, prefixes: dict, cut: str | None, request: Request) -> bytes:
    """The answer holding `items` only; a JSON table cut short says so, and by which cap."""
    from ..sparql.results import Table, Triples, write

    if isinstance(result, Table):
        result = Table(result.variables, tuple(items))
    elif isinstance(result, Triples):
        result = Triples(frozenset(items))
    text = write(result, fmt, prefixes)
    if cut and fmt == "json" and isinstance(result, Table):
        document = json.loads(text)
        cap = {"maxRows": request.max_rows} if cut == "rows" else {"maxBytes": request.max_bytes}
        text = json.dumps({"head": document["head"], "truncated": True, **cap, "results": document["results"]},
                          indent=2, ensure_ascii=False) + "\n"
    return text.encode("utf-8")


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
        page = output.read_bytes()
    if len(page) > request.max_bytes:  # a page cannot be cut short and stay a page
        return Answer(400, "text/plain", f"the drawn page is {len(page)} bytes, over the cap of {request.max_bytes}: "
                                         "draw a narrower query\n".encode("utf-8"))
    return Answer(200, "text/html", page)


class _Capped:
    """An Oxigraph engine that reads at most max_rows + 1 rows of any answer."""

    def __init__(self, engine, max_rows: int):
        self.engine, self.max_rows = engine, max_rows
        self.graphs, self.prefixes = engine.graphs, engine.prefixes

    def run(self, text: str, bindings: dict, where: str):
        return self.engine.run(text, bindings, where, self.max_rows)


def _worker_main(connection, root: str) -> None:
    """The loaded process's life: load the project, say so, then fork a worker for each the pool asks for."""
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
    for warm_up in ("ASK { ?s ?p ?o }", "SELECT * WHERE { ?s ?p ?o } LIMIT 1", "CONSTRUCT WHERE { ?s ?p ?o } LIMIT 1"):
        # the first answer of each kind imports its writers: do it before a client waits for it
        answer_request(project, engine, Request(None, warm_up, {}, "text/plain", 1))
    connection.send(("ready", None))
    _fork_workers(connection, project, engine)


def _fork_workers(control: Connection, project, engine) -> None:
    """Fork a worker for each request on `control`, handing it the socket that came with the request.

    A forked worker has the loaded data at once and shares its memory (copy-on-write) with this process and the
    other workers, so a worker killed at the time limit is replaced in milliseconds, on a big project too. This
    process runs one thread, so it forks safely.
    """
    import gc
    from multiprocessing.reduction import recv_handle

    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # the kernel reaps the workers
    gc.freeze()  # the loaded objects stay out of the collector, whose visits would copy their pages into each worker
    while True:
        try:
            memory = control.recv()  # bytes the worker may allocate beyond the loaded data (0: no limit)
            handle = recv_handle(control)
        except (EOFError, OSError):
            return
        parent, pid = os.getpid(), os.fork()
        if pid == 0:
            try:
                control.close()
                signal.signal(signal.SIGCHLD, signal.SIG_DFL)
                os.setsid()  # a process group of its own: stopping the worker stops whatever it started
                _die_with_parent()
                _limit_memory(memory)
                if os.getppid() == parent:
                    _answer_requests(Connection(handle), project, engine)
            finally:
                os._exit(0)
        os.close(handle)
        control.send(pid)


def _limit_memory(extra: int) -> None:
    """Let this process allocate `extra` bytes beyond what it holds now: past that an allocation fails and the
    worker dies (Oxigraph aborts), instead of a query that builds ever longer strings taking the machine's memory."""
    import resource

    if extra <= 0:
        return
    with open("/proc/self/statm") as statm:
        size = int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    limit = size + extra if hard == resource.RLIM_INFINITY else min(size + extra, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def _answer_requests(connection: Connection, project, engine) -> None:
    """A worker's life: answer requests until the pipe closes; a failure of ours is a 500, not a dead worker."""
    while True:
        try:
            request = connection.recv()
        except (EOFError, OSError):
            return
        try:
            answer = answer_request(project, engine, request)
        except Exception as error:  # noqa: BLE001 (the client gets it; the worker goes on)
            answer = Answer(500, "text/plain", f"the query failed: {type(error).__name__}: {error}\n".encode("utf-8"))
        connection.send(answer)


class _Loaded:
    """The loaded process: `python -m argmap.serving.workers FD ROOT`, which forks the workers (`fork()`).

    A fresh interpreter rather than multiprocessing's fork (the server runs threads, whose locks a fork would
    copy) or spawn (which re-imports the caller's __main__, impossible from `python -` or some launchers).
    """

    def __init__(self, root: str, memory: int = 0):
        self.memory = memory  # bytes each worker may allocate beyond the loaded data (0: no limit)
        ours, theirs = socket.socketpair()
        self.process = subprocess.Popen([sys.executable, "-m", "argmap.serving.workers", str(theirs.fileno()), root],
                                        pass_fds=(theirs.fileno(),), stdin=subprocess.DEVNULL, start_new_session=True)
        theirs.close()
        self.connection = Connection(ours.detach())
        self.lock = threading.Lock()

    def wait_ready(self, seconds: float) -> None:
        try:
            if not self.connection.poll(seconds):
                raise ArgmapError(f"the query workers' process did not load the project within {seconds:.0f} s")
            state, message = self.connection.recv()
        except (EOFError, OSError):
            state, message = "failed", "the query workers' process exited while loading the project"
        except ArgmapError:
            self.stop()
            raise
        if state != "ready":
            self.stop()
            raise ArgmapError(message)

    def fork(self) -> _Worker:
        """A new worker, holding the loaded data; OSError or EOFError if this process has died."""
        from multiprocessing.reduction import send_handle

        ours, theirs = socket.socketpair()
        try:
            with self.lock:
                self.connection.send(self.memory)
                send_handle(self.connection, theirs.fileno(), self.process.pid)
                pid = self.connection.recv()
        except BaseException:
            ours.close()
            raise
        finally:
            theirs.close()
        return _Worker(pid, Connection(ours.detach()))

    def alive(self) -> bool:
        return self.process.poll() is None

    def stop(self) -> None:
        if self.process.poll() is None:
            try:
                os.killpg(self.process.pid, signal.SIGKILL)
            except OSError:
                self.process.kill()
        self.process.wait(5)
        self.connection.close()


class _Worker:
    """One forked worker: its process id, a handle on the process, and the connection it answers on."""

    def __init__(self, pid: int, connection: Connection):
        self.pid, self.connection = pid, connection
        self.stopping = threading.Lock()  # the pool closing and a query's end may stop a worker at once
        self.stopped = False
        try:  # a handle that names this process and no other, even once its id is reused
            self.handle = os.pidfd_open(pid)
        except (AttributeError, OSError):
            self.handle = None

    def alive(self) -> bool:
        return not self.stopped and self._running()

    def _running(self) -> bool:
        import select

        if self.handle is None:
            return os.path.exists(f"/proc/{self.pid}")
        return not select.select([self.handle], [], [], 0)[0]

    def lower_priority(self, niceness: int) -> None:
        """Give every thread of the worker this niceness (Linux sets it per thread); lowering a priority needs no
        privilege."""
        if niceness <= 0:
            return
        try:
            threads = [int(name) for name in os.listdir(f"/proc/{self.pid}/task")]
        except OSError:
            threads = [self.pid]
        for thread in threads:
            try:
                os.setpriority(os.PRIO_PROCESS, thread, niceness)
            except OSError:  # the thread ended, or this system does not allow it
                pass

    def stop(self) -> None:
        """Kill the worker and whatever it started, and wait (up to 5 s) until it is gone; once (a second close of
        the handle could close whatever file took its number meanwhile)."""
        import select

        with self.stopping:
            if self.stopped:
                return
            self.stopped = True
            if self.handle is None:
                _kill(lambda: os.killpg(self.pid, signal.SIGKILL))
            elif self._running():  # still running: its group cannot be another's
                _kill(lambda: os.killpg(self.pid, signal.SIGKILL))
                _kill(lambda: signal.pidfd_send_signal(self.handle, signal.SIGKILL))
                select.select([self.handle], [], [], 5)
            if self.handle is not None:
                os.close(self.handle)
            self.connection.close()


def _kill(send) -> None:
    try:
        send()
    except OSError:  # already gone
        pass


def _die_with_parent() -> None:
    """Ask Linux to kill this process when the thread that started it ends, so a killed server leaves no query
    running (elsewhere the pipe's end stops an idle worker, and a busy one runs on until its query ends)."""
    if sys.platform.startswith("linux"):
        import ctypes

        PR_SET_PDEATHSIG = 1
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)


if __name__ == "__main__":
    from argmap.serving.workers import _worker_main as main  # so that what it sends pickles as argmap.serving.workers.Answer

    _die_with_parent()
    main(Connection(int(sys.argv[1])), sys.argv[2])
