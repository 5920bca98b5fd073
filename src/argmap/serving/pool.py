"""Which worker runs which query: a main lane that stays quick, and a capped slow lane for queries that run long.

Neither Oxigraph nor rdflib can interrupt a running query, so queries run
in worker processes (workers.py) that can be killed. Every query starts in
the main lane, `size` at a time; waiting requests go in turn by client (the
client with fewest queries in flight, then the one served longest ago), each
client's in order of arrival. One still running after `slow_after`
seconds moves to the slow lane: it goes on running at the lowest CPU
priority, and a spare worker, already loaded, takes its place, so light
queries go on being answered however many heavy ones arrive. The slow lane
holds `slow_lane` queries; one that would move there when it is full is
stopped (SlowLaneFull), and so is one past `timeout` (Timeout). A worker
that ran a slow query is not reused, since an unprivileged process cannot
raise a priority again; a fresh one replaces it.

Workers are forked from one process that loaded the project (workers.py),
so a replacement is ready in milliseconds and all share the loaded data.
Needs: a project folder. Gives: a Pool whose `run` returns an Answer or
raises Busy, SlowLaneFull, Timeout or WorkerDied. Processes: the loaded one,
and at most size + spares + slow_lane workers.
"""

from __future__ import annotations

import itertools
import queue
import threading
import time
from collections import Counter
from concurrent.futures import Future
from pathlib import Path

from ..errors import ArgmapError
from .workers import Answer, Request, _Loaded, _Worker

LOWEST_PRIORITY = 19


class Busy(ArgmapError):
    """No place in the main lane freed up for longer than a request may wait."""


class SlowLaneFull(ArgmapError):
    """A query ran past the main lane's threshold while the slow lane was full; it was stopped."""


class Timeout(ArgmapError):
    """A query ran past the time limit; its worker was killed."""


class WorkerDied(ArgmapError):
    """The worker running a query exited (out of memory, or killed from outside); it was replaced."""


class Pool:
    """Worker processes in a main lane and a slow lane: `Pool(root, size=2).start()`, then `run(request, client)`."""

    def __init__(self, root: Path, size: int = 2, timeout: float = 10.0, *, slow_after: float = 0.5,
                 slow_lane: int | None = None, spares: int = 1, slow_priority: int = LOWEST_PRIORITY,
                 memory: int = 0, start_timeout: float = 120.0):
        self.root, self.size, self.timeout, self.start_timeout = str(root), size, timeout, start_timeout
        self.slow_after = min(slow_after, timeout)
        self.slow_lane = size if slow_lane is None else slow_lane
        self.spares, self.slow_priority = spares, slow_priority
        self.memory = memory  # bytes a worker may allocate beyond the loaded data (0: no limit)
        self._lock = threading.Condition()
        self._idle: list[_Worker] = []
        self._workers: set[_Worker] = set()
        self._starting = 0
        self._running = 0  # queries in the main lane
        self._slow = 0  # queries in the slow lane
        self._waiting: list[tuple[str, int]] = []  # (client, ticket), in order of arrival
        self._in_flight: Counter[str] = Counter()  # queries running, per client
        self._last_served: dict[str, int] = {}  # the ticket each client with requests in the pool was last served at
        self._tickets = itertools.count()
        self.failure: str | None = None  # why the last worker failed to start
        self.closed = False
        # The loaded process is started by this one thread, which lives as long as the pool: it dies with the thread
        # that started it, and the workers with it (workers.py), so none outlives a server that is killed.
        self._births: queue.SimpleQueue[Future | None] = queue.SimpleQueue()
        self._midwife = threading.Thread(target=self._give_birth, daemon=True)
        self._loaded: _Loaded | None = None  # the process that loaded the project, and forks the workers
        self._loading = threading.Lock()

    def start(self) -> Pool:
        """Load the project in one process, then fork the main lane's workers and the spares from it."""
        self._midwife.start()
        try:
            self._loaded = self._load()
            workers = [self._loaded.fork() for _ in range(self.size + self.spares)]
        except (ArgmapError, OSError, EOFError) as error:
            self.close()
            raise ArgmapError(str(error) or "the query workers' process failed") from None
        with self._lock:
            self._workers.update(workers)
            self._idle.extend(workers)
        return self

    def run(self, request: Request, client: str = "") -> Answer:
        """The answer to `request`, run in the main lane and, past `slow_after`, in the slow lane."""
        worker = self._take(client)
        started, lane, reuse = time.monotonic(), "main", False
        try:
            worker.connection.send(request)
            if not worker.connection.poll(self.slow_after):
                lane = self._move_to_slow_lane(worker)
                if not worker.connection.poll(max(0.0, started + self.timeout - time.monotonic())):
                    raise Timeout(f"the query ran longer than the limit of {self.timeout:g} s and was stopped")
            answer = worker.connection.recv()
            reuse = lane == "main"
            return answer
        except (EOFError, OSError):
            limit = f"its {self.memory // 2**20} MiB of memory" if self.memory else "memory"
            raise WorkerDied(f"the query's worker died (the query took more than {limit}, or nested too deeply, "
                             "or the worker was killed); a fresh one took its place") from None
        finally:
            self._release(worker, client, lane, reuse)

    def wait_busy(self, count: int, seconds: float) -> bool:
        """Wait until `count` queries are running in either lane (for tests and the load script); False on time-out."""
        with self._lock:
            return self._lock.wait_for(lambda: self._running + self._slow >= count, seconds)

    def wait_slow(self, count: int, seconds: float) -> bool:
        """Wait until `count` queries are in the slow lane; False on time-out."""
        with self._lock:
            return self._lock.wait_for(lambda: self._slow >= count, seconds)

    def wait_queued(self, count: int, seconds: float) -> bool:
        """Wait until `count` requests wait for a place in the main lane; False on time-out."""
        with self._lock:
            return self._lock.wait_for(lambda: len(self._waiting) >= count, seconds)

    def processes(self) -> list[int]:
        """The process ids of the loaded process and the live workers (to measure their memory)."""
        with self._lock:
            loaded = [self._loaded.process.pid] if self._loaded and self._loaded.alive() else []
            return loaded + [worker.pid for worker in self._workers]

    def close(self) -> None:
        self._births.put(None)
        with self._lock:
            self.closed = True
            workers = list(self._workers)
            self._workers.clear()
            self._idle.clear()
            self._lock.notify_all()
        for worker in workers:
            worker.stop()
        with self._loading:
            if self._loaded is not None:
                self._loaded.stop()

    # --- the lanes (every method below but _start_one runs under self._lock or takes it) ----------

    def _take(self, client: str) -> _Worker:
        """Wait for this request's turn and a free place in the main lane; Busy if that takes over `timeout`."""
        ticket = (client, next(self._tickets))
        deadline = time.monotonic() + self.timeout
        with self._lock:
            self._waiting.append(ticket)
            self._lock.notify_all()
            try:
                while True:
                    if self.closed:
                        raise ArgmapError("the server is stopping")
                    self._drop_dead()
                    if self._running < self.size and self._idle and self._next() == ticket:
                        break
                    remaining = deadline - time.monotonic()
                    if remaining <= 0:
                        failed = self.failure and not self._idle
                        why = f" (the last worker to start failed: {self.failure})" if failed else ""
                        raise Busy(f"every query worker stayed busy for {self.timeout:g} s{why}")
                    self._lock.wait(remaining)
            finally:
                self._waiting.remove(ticket)
                self._forget(client)
                self._lock.notify_all()
            worker = self._idle.pop()
            self._running += 1
            self._in_flight[client] += 1
            self._last_served[client] = ticket[1]
            self._top_up()
            self._lock.notify_all()
            return worker

    def _next(self) -> tuple[str, int]:
        """The waiting request to serve next: its client has fewest queries in flight, then was served longest ago;
        of that client's requests, the oldest. One client, however many requests it sends, takes its turn."""
        return min(self._waiting, key=lambda ticket: (self._in_flight[ticket[0]],
                                                      self._last_served.get(ticket[0], -1), ticket[1]))

    def _move_to_slow_lane(self, worker: _Worker) -> str:
        with self._lock:
            if self._slow >= self.slow_lane:
                raise SlowLaneFull(f"the query ran past {self.slow_after:g} s while {self.slow_lane} slow "
                                   f"{'query was' if self.slow_lane == 1 else 'queries were'} already running, "
                                   "and was stopped")
            worker.lower_priority(self.slow_priority)
            self._running -= 1
            self._slow += 1
            self._top_up()
            self._lock.notify_all()
            return "slow"

    def _release(self, worker: _Worker, client: str, lane: str, reuse: bool) -> None:
        """A query is over: count it out, and put its worker back, or stop it and start another."""
        stop = [] if reuse and not self.closed else [worker]
        with self._lock:
            if lane == "main":
                self._running -= 1
            else:
                self._slow -= 1
            self._in_flight[client] -= 1
            self._forget(client)
            if stop:
                self._workers.discard(worker)
            elif not self.closed:
                self._idle.append(worker)
            while len(self._idle) > self._wanted_idle():  # a spare started while this one ran
                stop.append(self._idle.pop(0))
                self._workers.discard(stop[-1])
            self._top_up()
            self._lock.notify_all()
        for each in stop:
            each.stop()

    def _drop_dead(self) -> None:
        """Idle workers that died (killed from outside, or with the loaded process) make way for new ones."""
        dead = [worker for worker in self._idle if not worker.alive()]
        for worker in dead:
            self._idle.remove(worker)
            self._workers.discard(worker)
            worker.stop()
        if dead:
            self._top_up()

    def _forget(self, client: str) -> None:
        """A client with nothing running or waiting leaves no trace (and comes back with the first turn)."""
        if not self._in_flight[client] and not any(waiting == client for waiting, _ in self._waiting):
            del self._in_flight[client]
            self._last_served.pop(client, None)

    def _wanted_idle(self) -> int:
        return self.size - self._running + self.spares

    def _top_up(self) -> None:
        """Start workers until the free places in the main lane and the spares have one each, ready or starting."""
        if self.closed:
            return
        for _ in range(self._wanted_idle() - len(self._idle) - self._starting):
            self._starting += 1
            threading.Thread(target=self._start_one, daemon=True).start()

    def _load(self) -> _Loaded:
        """Start the process that loads the project (by the midwife thread), and wait until it has."""
        born: Future = Future()
        self._births.put(born)
        loaded = born.result(timeout=self.start_timeout)  # TimeoutError, should the pool close meanwhile
        loaded.wait_ready(self.start_timeout)
        return loaded

    def _give_birth(self) -> None:
        while (born := self._births.get()) is not None:
            try:
                born.set_result(_Loaded(self.root, self.memory))
            except BaseException as error:  # noqa: BLE001 (handed to the thread that asked)
                born.set_exception(error)

    def _fork(self) -> _Worker:
        """A new worker from the loaded process; should that have died, the project is loaded again first."""
        with self._loading:
            if self.closed:
                raise ArgmapError("the server is stopping")
            if not self._loaded.alive():
                self._loaded.stop()
                self._loaded = self._load()
            try:
                return self._loaded.fork()
            except (EOFError, OSError):
                self._loaded.stop()
                self._loaded = self._load()
                return self._loaded.fork()

    def _start_one(self) -> None:
        try:
            worker = self._fork()
        except (ArgmapError, OSError, EOFError) as error:
            with self._lock:
                self._starting -= 1
                self.failure = str(error) or type(error).__name__
                self._lock.notify_all()
            return
        with self._lock:
            self._starting -= 1
            if not self.closed:
                self._workers.add(worker)
                self._idle.append(worker)
                self._lock.notify_all()
                return
        worker.stop()
