"""The local worker pool of :mod:`policyparse.batch`: processes that parse inputs sent in chunks.

Contract of :class:`Pool` (the batch writes what it returns, in input order):

* Each worker is a process started with the batch's multiprocessing context. It warms its line
  function (``line_fn.warm()`` when it has one: imports, a first parse), freezes what start-up
  allocated out of the garbage collector's way (``gc.freeze``) and lowers its address space to
  ``max_memory`` before it says it is ready; the batch waits for every worker to be ready before
  it sends the first input.
* Inputs go to a worker in chunks (a list of ``(index, input, bytes or None)`` in one message, fewer
  round trips than one message per input); the worker parses them in order and sends one
  ``(index, result)`` back per input as soon as it has it, so the pool always knows which input a
  worker is on: the first of its unfinished inputs, started when the previous result arrived.
* A worker may hold one chunk ahead while it parses (it never waits for the parent), but only a
  message of at most :data:`PREFETCH_BYTES` (it fits the pipe's buffer, so sending it cannot block
  on a worker that is itself blocked sending a result: a longer chunk is cut to fit); a larger
  message (archive members carry their bytes) goes only to an idle worker.
* Per input, exactly one result: the worker's own, or, when the worker dies while parsing it, a
  ``WorkerCrash`` result for that input only, or, when it is still busy ``kill_after`` seconds
  after it started, a ``Timeout`` result for that input only (the worker is killed). In both
  cases the inputs of its chunks it had not started are given back (:meth:`Pool.collect`'s
  ``requeue``) and are parsed by another worker like any other; results it sent before it died
  are kept. A dead or killed worker is replaced, and so is one that finished ``max_tasks`` inputs
  (unless the caller says no input is left to send: then its slot closes).
* A worker's successor is started while it parses its last inputs (when they would take at most
  twice as long as this pool's slowest start so far, and the inputs still to send, shared among the
  workers, would outlast its quota), so that a batch does not stand still while a replacement
  imports and warms up; until the worker retires, its slot holds two processes.

How many workers: :func:`default_workers` (the cores the process may use) and :func:`cap_workers`
(at most one per ``max_memory`` of available memory).
"""

from __future__ import annotations

import gc
import multiprocessing as mp
import os
import pickle
import sys
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from multiprocessing.connection import wait as _wait
from pathlib import Path
from types import FrameType
from typing import Any

from .io.limits import ReadLimits

#: largest chunk message (pickled bytes) sent to a worker that is still parsing: under any platform's
#: socket buffer (macOS: 8 KiB), so the send never waits for a worker that may itself wait to send
PREFETCH_BYTES = 4096

LineFn = Callable[[Any, "bytes | None"], Any]  # (input, bytes of an archive member) -> result
FailFn = Callable[[Any, str, str], Any]  # (input, "WorkerCrash" | "Timeout", message) -> result


GUARD_MESSAGE = ("worker processes import the calling script again, so a script that calls parse_many / "
                  "Store.add_many with workers >= 1 must make the call under `if __name__ == \"__main__\":` "
                  "(or pass workers=0 to parse in this process)")


def _is_main_guard(node: Any) -> bool:
    import ast

    if not isinstance(node, ast.If) or not isinstance(node.test, ast.Compare):
        return False
    parts = [node.test.left, *node.test.comparators]
    names = [p for p in parts if isinstance(p, ast.Name) and p.id == "__name__"]
    consts = [p for p in parts if isinstance(p, ast.Constant) and p.value == "__main__"]
    return bool(names and consts)


def _unguarded_script_call() -> str | None:
    """The script whose top level (outside a main guard) is calling us, when spawn would re-run it."""
    import ast

    main = sys.modules.get("__main__")
    file = getattr(main, "__file__", None)
    if main is None or not file or not str(file).endswith(".py"):
        return None  # an interactive session or a notebook: spawn does not re-run anything
    spec_name = getattr(getattr(main, "__spec__", None), "name", None) or ""
    if spec_name == "__main__" or spec_name.endswith(".__main__"):
        return None  # `python -m package`: spawn does not run a package's __main__ again
    frame: FrameType | None = sys._getframe(1)
    while frame is not None and not (frame.f_globals is vars(main) and frame.f_code.co_name == "<module>"):
        frame = frame.f_back
    if frame is None:
        return None
    try:
        tree = ast.parse(Path(file).read_text(encoding="utf-8"))
    except (OSError, SyntaxError, UnicodeDecodeError, ValueError):
        return None
    line = frame.f_lineno
    for node in tree.body:
        if node.lineno <= line <= (node.end_lineno or node.lineno):
            return None if _is_main_guard(node) else str(file)
    return None


def check_main_guard(mp_context: str | None) -> None:
    method = mp_context or mp.get_start_method(allow_none=True) or "spawn"
    if method != "fork" and (script := _unguarded_script_call()) is not None:
        from .errors import UsageError

        raise UsageError(GUARD_MESSAGE, path=script)


def limit_memory(max_bytes: int | None) -> None:
    """Lower this process's address-space limit (``RLIMIT_AS``) to ``max_bytes`` (POSIX; else nothing)."""
    if not max_bytes:
        return
    try:
        import resource
    except ImportError:  # pragma: no cover - Windows
        return
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    want = max_bytes if hard == resource.RLIM_INFINITY else min(max_bytes, hard)
    if soft == resource.RLIM_INFINITY or soft > want:
        resource.setrlimit(resource.RLIMIT_AS, (want, hard))


def worker_main(conn: Any, line_fn: LineFn, max_memory: int | None = None) -> None:
    """A worker's loop: receive a chunk, send one ``(index, line_fn(input, data))`` per input; ``None`` stops."""
    warm = getattr(line_fn, "warm", None)
    if callable(warm):
        warm()  # import the parse before saying ready: no first-input import on the clock
    gc.collect()
    gc.freeze()  # what start-up loaded lives as long as the worker: the collector stops rescanning it
    limit_memory(max_memory)
    try:
        conn.send(("ready", None))
    except (BrokenPipeError, OSError):
        return
    while True:
        try:
            raw = conn.recv_bytes()
        except (EOFError, OSError):
            return
        chunk = pickle.loads(raw)
        if chunk is None:
            return
        for idx, item, data in chunk:
            result = line_fn(item, data)
            try:
                conn.send((idx, result))
            except (BrokenPipeError, OSError):
                return


@dataclass
class Worker:
    proc: Any
    conn: Any
    tasks: deque[tuple[int, Any]] = field(default_factory=deque)  # sent, not finished; the first is running
    started: float = 0.0  # when the first of ``tasks`` started (as far as the parent can tell)
    sent: int = 0
    ready: bool = False  # the worker has imported its parse function and waits for inputs
    spawned: float = 0.0  # when the process was started
    working_since: float = 0.0  # when it was sent its first input
    done: int = 0  # results received
    successor: Worker | None = None  # started before this worker retires (see the module doc)
    early: bool = False  # a successor: it was ready before anyone asked (its start is not timed)


class Pool:
    """Worker processes fed in chunks; a crash or a timeout costs one input one result."""

    def __init__(self, n: int, line_fn: LineFn, fail_fn: FailFn, ctx: Any, max_tasks: int,
                 kill_after: float | None, max_memory: int | None = None, start_error: str = "") -> None:
        self.line_fn, self.fail_fn, self.ctx, self.max_tasks = line_fn, fail_fn, ctx, max_tasks
        self.kill_after, self.max_memory, self.start_error = kill_after, max_memory, start_error
        self.startup = 0.0  # the longest a worker of this pool took from its start to ready, in seconds
        self.workers = [self._spawn() for _ in range(n)]

    def _spawn(self) -> Worker:
        parent, child = self.ctx.Pipe(duplex=True)
        proc = self.ctx.Process(target=worker_main, args=(child, self.line_fn, self.max_memory), daemon=True)
        proc.start()
        child.close()
        return Worker(proc=proc, conn=parent, spawned=time.monotonic())

    @staticmethod
    def _signal(w: Worker, *, kill: bool) -> None:
        """Ask a worker to stop (or kill it)."""
        if kill and w.proc.is_alive():
            w.proc.kill()
        else:
            try:
                w.conn.send_bytes(pickle.dumps(None))
            except (BrokenPipeError, OSError):
                pass

    @staticmethod
    def _reap(w: Worker) -> None:
        """Wait for a stopping worker (killing it after 5 s) and close its pipe."""
        w.proc.join(5)
        if w.proc.is_alive():
            w.proc.kill()
            w.proc.join()
        w.conn.close()

    def _replace(self, w: Worker, *, kill: bool) -> None:
        self._signal(w, kill=kill)
        self._reap(w)
        self.workers[self.workers.index(w)] = w.successor or self._spawn()

    def _retire(self, w: Worker, backlog: int | None) -> None:
        """Replace ``w``, which finished its ``max_tasks`` inputs, by its successor or a new worker; when
        nothing is left to send (``backlog`` 0) and no successor was started, its slot closes instead."""
        if backlog == 0 and w.successor is None:
            self._signal(w, kill=False)
            self._reap(w)
            self.workers.remove(w)
        else:
            self._replace(w, kill=False)

    def _prepare(self, w: Worker, backlog: int | None) -> None:
        """Start ``w``'s successor once its last inputs would take at most twice the slowest start so far,
        unless the ``backlog`` (inputs not sent yet; None: unknown) would run out before ``w`` retires."""
        if w.successor is not None or not w.done:
            return
        if backlog is not None and backlog <= len(self.workers) * (self.max_tasks - w.sent):
            return  # the batch is likely to end first: a successor would start for nothing
        per_input = (time.monotonic() - w.working_since) / w.done
        if (self.max_tasks - w.done) * per_input <= 2 * self.startup:
            w.successor = self._spawn()
            w.successor.early = True

    def busy(self) -> bool:
        return any(w.tasks for w in self.workers)

    def all_ready(self) -> bool:
        return all(w.ready for w in self.workers)

    def wait_ready(self) -> None:
        """Block until every worker has started (raises UsageError-worthy RuntimeError text via ``start_error``)."""
        while not self.all_ready():
            ready = set(_wait([w.conn for w in self.workers if not w.ready]
                              + [w.proc.sentinel for w in self.workers if not w.ready]))
            self._starting(ready)

    def hungry(self) -> list[tuple[Worker, int, bool]]:
        """(worker, how many inputs it may take, whether it is idle) for each worker that can take a chunk now."""
        out = []
        for w in self.workers:
            room = self.max_tasks - w.sent
            if w.ready and room > 0 and len(w.tasks) <= 1:
                out.append((w, room, not w.tasks))
        return out

    def submit(self, w: Worker, chunk: list[tuple[int, Any, bytes | None]]) -> int:
        """Send ``chunk``, or as much of its beginning as may go, to ``w``; returns how many inputs went
        (the caller keeps the rest): to a busy worker only a message of at most :data:`PREFETCH_BYTES`,
        to a dead one nothing (an idle one is replaced here; a busy one is reported by :meth:`collect`)."""
        n = len(chunk)
        raw = pickle.dumps(chunk, protocol=pickle.HIGHEST_PROTOCOL)
        while w.tasks and len(raw) > PREFETCH_BYTES:
            n -= 1
            if n == 0:
                return 0
            raw = pickle.dumps(chunk[:n], protocol=pickle.HIGHEST_PROTOCOL)
        try:
            w.conn.send_bytes(raw)
        except (BrokenPipeError, OSError):  # the worker died between inputs
            if not w.tasks:
                self._replace(w, kill=True)
            return 0
        if not w.tasks:
            w.started = time.monotonic()
        if not w.sent:
            w.working_since = w.started
        w.tasks.extend((idx, item) for idx, item, _ in chunk[:n])
        w.sent += n
        return n

    def _starting(self, ready: set[Any]) -> None:
        """Mark workers that reported ready; a worker that died while starting raises ``start_error``."""
        for w in self.workers:
            if w.ready:
                continue
            if w.conn in ready or w.conn.poll():
                try:
                    msg = w.conn.recv()
                except (EOFError, OSError):
                    msg = None
                if msg == ("ready", None):
                    w.ready = True
                    if not w.early:
                        self.startup = max(self.startup, time.monotonic() - w.spawned)
                    continue
            if w.proc.sentinel in ready or not w.proc.is_alive():
                w.proc.join()
                raise WorkerStartError(f"a worker process failed to start (exit code {w.proc.exitcode}); "
                                       + self.start_error)

    def _take(self, w: Worker, out: list[tuple[int, Any]], *, every: bool = False) -> bool:
        """Take one result ``w`` has sent (``every``: all it has sent); False when its pipe is closed."""
        try:
            while w.tasks:
                idx, result = w.conn.recv()
                head, _ = w.tasks.popleft()
                if idx != head:  # pragma: no cover - the worker answers in the order it was sent
                    raise RuntimeError(f"worker answered input {idx}, expected {head}")
                out.append((idx, result))
                w.done += 1
                w.started = time.monotonic()
                if not every or not w.conn.poll():
                    break
        except (EOFError, OSError):
            return False
        return True

    def collect(self, backlog: int | None = None) -> tuple[list[tuple[int, Any]], list[tuple[int, Any]]]:
        """Block until a busy worker sends, dies or runs out of time (or a worker starts). ``backlog``:
        how many inputs the caller has not sent yet (None: unknown), for starting successors.

        Returns (results ``(index, result)``, inputs to requeue ``(index, input)``, in index order)."""
        busy = [w for w in self.workers if w.tasks]
        watch = busy + [w for w in self.workers if not w.ready]
        if not watch:
            return [], []
        wait_for = None
        if self.kill_after is not None and busy:
            now = time.monotonic()
            wait_for = max(0.0, min(w.started + self.kill_after - now for w in busy))
        ready = set(_wait([w.conn for w in watch] + [w.proc.sentinel for w in watch], timeout=wait_for))
        if len(busy) < len(watch):
            self._starting(ready)
        out: list[tuple[int, Any]] = []
        requeue: list[tuple[int, Any]] = []
        for w in busy:
            open_pipe = self._take(w, out) if w.conn in ready else True
            if not w.tasks:
                if w.sent >= self.max_tasks:
                    self._retire(w, backlog)
                continue
            if open_pipe:
                self._prepare(w, backlog)
            dead = not open_pipe or w.proc.sentinel in ready
            if dead:
                w.proc.join()
                if open_pipe and w.conn.poll():
                    self._take(w, out, every=True)  # results sent just before it died
                if not w.tasks:
                    self._replace(w, kill=True)
                    continue
                msg = f"the worker process died while parsing (exit code {w.proc.exitcode})"
                kind = "WorkerCrash"
            elif self.kill_after is not None and time.monotonic() - w.started >= self.kill_after:
                msg = "no result within the time budget (the worker was stopped)"
                kind = "Timeout"
            else:
                continue
            idx, item = w.tasks.popleft()
            out.append((idx, self.fail_fn(item, kind, msg)))
            requeue.extend(w.tasks)
            w.tasks.clear()
            self._replace(w, kill=True)
        return out, sorted(requeue, key=lambda t: t[0])

    def close(self) -> None:
        standby = [w.successor for w in self.workers if w.successor is not None]
        for w in self.workers:  # signal every worker first, so they stop together
            self._signal(w, kill=bool(w.tasks))
        for w in standby:  # a successor holds no input: no need to wait for it to warm up first
            self._signal(w, kill=True)
        for w in self.workers + standby:
            self._reap(w)


class WorkerStartError(RuntimeError):
    """A worker died before it was ready (the batch turns this into a UsageError that says why)."""


__all__ = ["GUARD_MESSAGE", "PREFETCH_BYTES", "Pool", "Worker", "WorkerStartError", "check_main_guard", "limit_memory", "worker_main"]


# ------------------------------------------------------------------------------- how many workers


def _available_memory() -> int | None:
    try:
        with open("/proc/meminfo", encoding="ascii") as f:
            for line in f:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    try:
        return os.sysconf("SC_AVPHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    except (ValueError, OSError, AttributeError):
        return None


def cap_workers(workers: int, max_memory: int | None = None) -> int:
    """``workers`` capped at what memory allows: one worker per ``max_memory`` of available memory
    (at least one); unchanged when the available memory is unknown."""
    avail = _available_memory()
    if not workers or avail is None:
        return workers
    return max(1, min(workers, avail // (max_memory or ReadLimits().max_memory)))


def default_workers() -> int:
    """The cores this process may run on (its CPU affinity; else every core), at least one: the
    CLI's ``--workers`` default, before :func:`cap_workers` caps it by memory."""
    count = getattr(os, "process_cpu_count", None)  # Python 3.13+
    if count is not None:
        return max(1, count() or 1)
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # pragma: no cover - macOS, Windows
        return max(1, os.cpu_count() or 1)
