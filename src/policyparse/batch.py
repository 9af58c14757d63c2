"""Parse many documents: a folder, a glob, a .zip or a list of paths, in worker processes.

Contract of :func:`parse_many`:

* Inputs are collected and sorted by their record path; duplicates are dropped
  (:mod:`policyparse.batch_inputs`): a folder yields its files with :data:`SUPPORTED_SUFFIXES`
  (case-insensitive) and, unless ``recursive=False``, those of its subfolders (archives nest by
  year or by issuer), walked without leaving it through links unless ``follow_links``; a glob
  yields what it matches (``**`` recurses); ``.zip`` members are streamed from one open archive
  with the container limits (record path ``archive.zip!member/name.txt``; duplicate member names
  get ``#<member index>``); names that are not UTF-8 are kept as surrogate escapes; a list may mix
  all of these. An empty input set (a glob that matches nothing, a folder without documents) is a
  :class:`UsageError`.
* Exactly one record per input, in input order, as a dict and (with ``out``) as one JSON line
  (keys sorted, UTF-8, no spaces; a lone surrogate of a non-UTF-8 file name is written as the
  JSON escape ``\\udcXX``, which reads back to the same ``str``). The line is made once, where the
  record is (the worker), by :func:`policyparse.serialize.jsonl.record_line`: the bytes of
  ``json.dumps(record, ensure_ascii=False, sort_keys=True, separators=(",", ":"))``, written by
  orjson when that gives the same bytes; it travels to this process as bytes and is written as
  it came (:func:`run_batch` never parses it back; :func:`parse_many` reads it to yield the dict). A parsed input gives
  ``{"path", "ok": true, "document"}`` with ``document = PolicyDocument.model_dump(mode="json")``;
  a failed one gives ``{"path", "ok": false, "error", "code", "message"}``: the PolicyParseError's
  class name and code, ``WorkerCrash`` when the worker process died, or the class name of any
  other exception (code E000). A tripped budget (LimitExceeded: Timeout E011, TableTooLarge,
  TextTooLarge, OutputTooLarge, MemoryLimit, NestingTooDeep, InputTooLarge) adds ``"budget"``:
  the limit's name. Paths that cannot be read (permission, dangling link, loop, FIFO, a link
  leaving the folder) are UnreadableFile records. Nothing stops the batch.
* Budgets are on by default: ``timeout`` (default ``ReadLimits.max_seconds``; ``inf`` for none)
  is the in-process deadline of each parse, and the pool kills a worker still busy
  :data:`KILL_GRACE` seconds later; each worker's address space is limited to
  ``ReadLimits.max_memory`` (RLIMIT_AS); a record above ``max_output_bytes`` is OutputTooLarge;
  ``workers`` is capped at one per ``max_memory`` of available memory.
* ``out`` is held under an exclusive lock (``flock``) while the batch runs: a second batch
  writing the same file gets a :class:`UsageError` and changes nothing.
* Each line is written and flushed (handed to the operating system) before the next, in input
  order, so a killed batch leaves a prefix of the full output plus at most one partial line; the
  file is fsync'ed at most every :data:`FSYNC_EVERY` seconds and when the batch ends or stops (an
  fsync costs milliseconds, as much as a parse: one per line would cap the batch at one fsync's
  rate), so a power cut or an operating-system crash can lose the records of the last
  :data:`FSYNC_EVERY` seconds, never reorder them: what remains is still a prefix, and a damaged
  tail is redone by ``resume`` like a partial line. ``resume=True``
  reads the finished records back (a trailing partial line is dropped), does not parse those
  inputs again, and appends the rest: the file ends byte-identical to an uninterrupted run
  (records carry no timings). ``resume=True`` without ``out`` is a :class:`UsageError`.
* ``workers >= 1`` runs that many worker processes (``spawn`` by default; each one is
  replaced after ``max_tasks_per_child`` inputs, after a crash and after a timeout; the successor
  of a worker that reaches ``max_tasks_per_child`` starts while it parses its last inputs), started
  before the first input is sent (:mod:`policyparse.batch_pool`). Inputs go to a worker in chunks
  of up to :data:`CHUNK` (smaller as the batch ends), the next chunk sent while it parses the
  last one; results come back one per input. A worker that dies costs a ``WorkerCrash`` record
  for the input it was parsing only, one still busy past the budget a ``Timeout`` record for that
  input only; the other inputs of its chunks are parsed again by another worker (results it had
  already sent are kept), so every input still gets exactly one record. The CLI's ``--workers``
  defaults to :func:`default_workers`, the cores this process may use;
  a spawned worker imports the caller's script again, so a call at the top level of a script
  without an ``if __name__ == "__main__":`` guard is refused up front with a
  :class:`UsageError` that says so (``workers=0`` needs no guard);
  ``workers=0`` parses in this process (no isolation; only the in-process deadline): for debugging.
* ``engine="dask"`` runs the parses on Dask instead of the local worker pool: ``scheduler`` is
  a distributed scheduler address (``tcp://host:8786``), a ``dask.distributed.Client``, or
  ``None`` for Dask's local process scheduler. Records, order, output file and resume are the
  same as the local engine's; inputs go to Dask in chunks of ``dask_chunk`` so memory stays flat.
  Workers get URLs or absolute paths, ``timeout`` is the in-process deadline on the worker (no
  kill backstop), a lost worker's inputs are rerun, an address that does not answer within
  ``connect_timeout`` (10 s) is SchedulerUnreachable (E022); ``record_worker=True`` adds the
  worker's address to each record (:mod:`policyparse.batch_dask`).
* Inputs and ``out`` may be URLs (:mod:`policyparse.storage`): a remote input's record path is
  its URL and the worker reads it through fsspec. An ``out`` URL is written to a local staging
  file, uploaded whole every :data:`UPLOAD_EVERY` seconds and when the batch ends or stops;
  ``resume`` downloads it first. The ``flock`` above guards local outputs only.
* ``settings`` (:class:`policyparse.settings.Settings`, a dict of its fields, or ``None``) is the
  one settings object of every parse in the batch: each worker (local or Dask) runs
  ``parse(..., settings=settings)``; the per-document time budget is ``timeout`` when given, else
  ``settings.limits.max_seconds``; the workers' address-space budget and the memory cap on
  ``workers`` use ``settings.limits.max_memory``, and .zip inputs are listed and read with
  ``settings.limits``.
* ``parse_fn`` replaces :func:`policyparse.pipeline.parse` (and is then called without
  ``settings``; the time and memory budgets above still apply); it is called as
  ``parse_fn(path)`` for files and ``parse_fn(data, format=suffix, path=record_path)`` for zip
  members and URLs (``parse_fn(file, path=record_path)`` when the file read is not the record
  path: the Dask engine's absolute paths), and must be picklable (a module-level function) when ``workers >= 1``.
"""

from __future__ import annotations

import json
import logging
import math
import multiprocessing as mp
import os
import sys
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from .batch_inputs import SUPPORTED_SUFFIXES, ArchiveReader, Input, collect_inputs
from .batch_output import open_locked, read_finished, to_url
from .batch_pool import GUARD_MESSAGE, Pool, WorkerStartError, cap_workers, check_main_guard, default_workers
from .errors import FileNotFound, LimitExceeded, MemoryLimit, PolicyParseError, Timeout, UsageError
from .io.limits import ReadLimits
from .serialize.jsonl import escape_surrogates, loads_line, record_line
from .storage import is_url, read_url

if TYPE_CHECKING:
    from .settings import Settings

logger = logging.getLogger(__name__)

__all__ = ["SUPPORTED_SUFFIXES", "Input", "collect_inputs", "default_workers", "escape_surrogates", "parse_many", "parse_one",
           "run_batch", "summarize"]

ParseFn = Callable[..., Any]


#: parse_many's defaults, which run_batch (the CLI) uses too: the process start method, the inputs a
#: worker parses before it is replaced, and the inputs given to Dask at a time
MP_CONTEXT = "spawn"
MAX_TASKS_PER_CHILD = 1000
DASK_CHUNK = 256

#: seconds a worker may stay busy past its time budget before the pool kills it (the backstop
#: for work the in-process deadline cannot interrupt: one long call into C)
KILL_GRACE = 10.0


# ------------------------------------------------------------------------------------- one input


def _default_parse() -> ParseFn:
    from .pipeline import parse

    return parse


def _error(path: str, error: str, code: str, message: str, budget: str | None = None) -> dict[str, Any]:
    rec = {"path": path, "ok": False, "error": error, "code": code, "message": message}
    if budget is not None:
        rec["budget"] = budget
    return rec


def _error_of(path: str, exc: PolicyParseError) -> dict[str, Any]:
    msg = exc.message + (f" ({exc.hint})" if exc.hint else "")
    budget = exc.budget if isinstance(exc, LimitExceeded) else None
    return _error(path, type(exc).__name__, exc.code, msg, budget)


def parse_one(item: Input, parse_fn: ParseFn | None = None, data: bytes | None = None,
              timeout: float | None = None) -> dict[str, Any]:
    """The record for one input; never raises (every failure becomes an error record).

    ``data``: the bytes of an archive member already read by the caller (else it is read here).
    ``timeout``: the in-process time budget (:mod:`policyparse.budget`); ``None`` keeps the
    parse's own default. A ``MemoryError`` (the worker's address-space budget) is a MemoryLimit record.
    """
    from .budget import deadline

    if item.problem is not None:
        error, code, message, budget = item.problem
        return _error(item.path, error, code, message, budget)
    fn = parse_fn or _default_parse()
    try:
        with deadline(timeout, path=item.path):
            if item.archive is not None:
                if data is None:
                    reader = ArchiveReader()
                    try:
                        data = reader.read(item)
                    finally:
                        reader.close()
                fmt = Path(item.member or "").suffix.lower().lstrip(".") or None
                doc = fn(data, format=fmt, path=item.path)
            elif item.file is not None and is_url(item.file):
                data = data if data is not None else read_url(item.file)
                fmt = Path(item.file.split("::", 1)[0]).suffix.lower().lstrip(".") or None
                doc = fn(data, format=fmt, path=item.path)
            else:
                f = Path(item.file or item.path)
                if not os.path.lexists(f):
                    return _error(item.path, "FileNotFound", FileNotFound.code, "no such file")
                doc = fn(f) if item.file in (None, item.path) else fn(f, path=item.path)
        dump = doc.model_dump(mode="json") if hasattr(doc, "model_dump") else doc
        return {"path": item.path, "ok": True, "document": dump}
    except PolicyParseError as exc:
        return _error_of(item.path, exc)
    except MemoryError:
        lim = ReadLimits().max_memory
        return _error_of(item.path, MemoryLimit(f"the parse ran out of its memory budget ({lim // 2**20} MiB of "
                                                "address space)", hint="a resource bomb, or raise max_memory"))
    except Exception as exc:  # noqa: BLE001 - a bug on one input must not stop the batch
        return _error(item.path, type(exc).__name__, "E000", str(exc) or type(exc).__name__)


class _Line(NamedTuple):
    """One record as written: its JSON line, its error class name (None when parsed) and whether
    orjson wrote it (read back with orjson: :func:`policyparse.serialize.jsonl.loads_line`)."""

    data: bytes
    error: str | None
    fast: bool = False


def _line(record: dict[str, Any], max_bytes: int | None = None) -> bytes:
    """One JSON line (:func:`~policyparse.serialize.jsonl.record_line`); a line above ``max_bytes``
    (default ``max_output_bytes``) becomes an OutputTooLarge record."""
    return _result(record, max_bytes).data


def _result(record: dict[str, Any], max_bytes: int | None = None) -> _Line:
    data, fast = record_line(record)
    limit = max_bytes if max_bytes is not None else ReadLimits().max_output_bytes
    if len(data) > limit:
        from .errors import OutputTooLarge

        exc = OutputTooLarge(f"the record is {len(data)} bytes, above max_output_bytes={limit}",
                             hint="pass a larger max_output_bytes")
        return _result(_error_of(record["path"], exc), max_bytes)
    return _Line(data, None if record.get("ok") else str(record.get("error")), fast)


# ------------------------------------------------------------------------------- worker processes

#: parsed once by each worker before it takes inputs (the bundled seed notice)
_WARM_DOCUMENT = Path(__file__).resolve().parent / "data" / "examples" / "hunan_2021_seed.txt"


class _LineMaker:
    """The worker side of the local pool (picklable): the result of one input, from its record."""

    def __init__(self, parse_fn: ParseFn | None, timeout: float | None, settings: Settings | None = None) -> None:
        self.parse_fn, self.timeout, self.settings = parse_fn, timeout, settings

    def warm(self) -> None:
        """Import the parse function and, for the default one (with the batch's settings), parse the
        bundled seed once: the lazy loads of a first parse (lexicons, patterns) happen before the
        worker says it is ready."""
        if self.parse_fn is None:
            self.parse_fn = _default_parse()
            if self.settings is not None:
                from functools import partial

                self.parse_fn = partial(self.parse_fn, settings=self.settings)
            try:
                self.parse_fn(_WARM_DOCUMENT)
            except Exception:  # noqa: BLE001 - warming is an optimization; the inputs will say what is wrong
                logger.debug("warm-up parse failed", exc_info=True)

    def __call__(self, item: Input, data: bytes | None) -> _Line:
        return _result(parse_one(item, self.parse_fn, data, self.timeout))


def _failure(timeout: float | None) -> Callable[[Input, str, str], _Line]:
    def fail(item: Input, kind: str, message: str) -> _Line:
        if kind == "Timeout":
            msg = f"no result within the time budget of {timeout:g} s (the worker was stopped)"
            return _result(_error(item.path, "Timeout", Timeout.code, msg, Timeout.budget))
        return _result(_error(item.path, "WorkerCrash", "E000", message))

    return fail


# ------------------------------------------------------------------------------------- the batch


def parse_many(
    paths_or_archive: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
    *,
    workers: int = 1,
    out: str | os.PathLike[str] | None = None,
    resume: bool = False,
    progress: bool = False,
    timeout: float | None = None,
    parse_fn: ParseFn | None = None,
    mp_context: str | None = MP_CONTEXT,
    max_tasks_per_child: int = MAX_TASKS_PER_CHILD,
    engine: str = "local",
    scheduler: Any = None,
    dask_chunk: int = DASK_CHUNK,
    recursive: bool = True,
    follow_links: bool = False,
    record_worker: bool = False,
    connect_timeout: float | None = None,
    settings: Settings | dict[str, Any] | None = None,
) -> Iterator[dict[str, Any]]:
    """Yield one record per input, in input order (see the module doc for the contract)."""
    return _start(paths_or_archive, False, workers=workers, out=out, resume=resume, progress=progress, timeout=timeout,
                  parse_fn=parse_fn, mp_context=mp_context, max_tasks_per_child=max_tasks_per_child, engine=engine,
                  scheduler=scheduler, dask_chunk=dask_chunk, recursive=recursive, follow_links=follow_links,
                  record_worker=record_worker, connect_timeout=connect_timeout, settings=settings)


def _start(paths_or_archive: str | os.PathLike[str] | Iterable[str | os.PathLike[str]], raw: bool, *, workers: int,
           out: str | os.PathLike[str] | None, resume: bool, progress: bool, timeout: float | None,
           parse_fn: ParseFn | None, mp_context: str | None, max_tasks_per_child: int, engine: str, scheduler: Any,
           dask_chunk: int, recursive: bool, follow_links: bool, record_worker: bool,
           connect_timeout: float | None, settings: Settings | dict[str, Any] | None = None) -> Iterator[Any]:
    """:func:`parse_many`'s checks, then its records (``raw``: each record's :class:`_Line`, never parsed back)."""
    from .settings import Settings

    conf = Settings.resolve(settings)
    given = conf if settings is not None else None  # the workers parse with these (None: the defaults)
    if engine not in ("local", "dask"):
        raise UsageError(f"unknown engine {engine!r} (local or dask)")
    if resume and out is None:
        raise UsageError("resume=True needs out= (the file to resume)")
    if isinstance(workers, bool) or not isinstance(workers, int) or workers < 0:
        raise UsageError(f"workers must be an integer >= 0, not {workers!r}")
    seconds = check_timeout(conf.limits.max_seconds if timeout is None else timeout)
    inputs = collect_inputs(paths_or_archive, follow_links=follow_links, recursive=recursive, limits=conf.limits)
    logger.info("%d inputs to parse (engine %s, %d workers)", len(inputs), engine, workers)
    if record_worker and engine != "dask":
        raise UsageError("record_worker / --record-worker names a Dask worker: it goes with engine='dask'")
    if workers >= 1 and engine == "local":
        check_main_guard(mp_context)
    if given is not None and parse_fn is None and (engine == "dask" or workers == 0):
        from functools import partial

        from .pipeline import parse

        parse_fn = partial(parse, settings=given)  # a frozen dataclass: pickles to every Dask worker
    kw = dict(workers=cap_workers(workers, conf.limits.max_memory), limits=conf.limits, settings=given,
              resume=resume, progress=progress, timeout=seconds, parse_fn=parse_fn,
              mp_context=mp_context, max_tasks=max(1, max_tasks_per_child), engine=engine, scheduler=scheduler,
              dask_chunk=max(1, dask_chunk), record_worker=record_worker, connect_timeout=connect_timeout, raw=raw)
    if out is not None and is_url(os.fspath(out)):
        return to_url(os.fspath(out), kw["resume"], lambda local: _run(inputs, out=local, **kw))
    return _run(inputs, out=Path(out) if out is not None else None, **kw)


def check_timeout(timeout: float | None) -> float | None:
    """The per-document time budget: ``None`` -> the default ``ReadLimits.max_seconds``; ``inf``
    (no budget, no kill) and anything else must be a positive finite number of seconds (else UsageError)."""
    if timeout is None:
        return ReadLimits().max_seconds
    if isinstance(timeout, bool) or not isinstance(timeout, (int, float)) or math.isnan(timeout) or timeout <= 0:
        raise UsageError(f"timeout must be a positive number of seconds (or inf for none), not {timeout!r}")
    return float(timeout)


#: inputs sent to a worker in one message (fewer at the end of a batch, so the workers finish together)
CHUNK = 8
#: seconds between two fsyncs of the output file (and one when the batch ends or stops); see the module doc
FSYNC_EVERY = 0.2


def _run(inputs: list[Input], *, workers: int, out: Path | None, resume: bool, progress: bool,
         timeout: float | None, parse_fn: ParseFn | None, mp_context: str | None, max_tasks: int,
         engine: str = "local", scheduler: Any = None, dask_chunk: int = 256, record_worker: bool = False,
         connect_timeout: float | None = None, raw: bool = False, limits: ReadLimits | None = None,
         settings: Settings | None = None) -> Iterator[Any]:
    """The batch; a Dask scheduler address is connected to before the output is touched."""
    client = None
    if engine == "dask" and isinstance(scheduler, str) and scheduler not in ("threads", "processes", "synchronous", "sync"):
        from .batch_dask import connect

        client = scheduler = connect(scheduler, connect_timeout)
    try:
        lines = _lines(inputs, workers=workers, out=out, resume=resume, progress=progress, timeout=timeout,
                       parse_fn=parse_fn, mp_context=mp_context, max_tasks=max_tasks, engine=engine,
                       scheduler=scheduler, dask_chunk=dask_chunk, record_worker=record_worker, limits=limits,
                       settings=settings)
        for line in lines:
            yield line if raw else loads_line(line.data, line.fast)
    finally:
        if client is not None:
            client.close()


def _finished(raw: bytes) -> _Line:
    rec = json.loads(raw)
    return _Line(raw, None if rec.get("ok") else str(rec.get("error")))


def _lines(inputs: list[Input], *, workers: int, out: Path | None, resume: bool, progress: bool,
           timeout: float | None, parse_fn: ParseFn | None, mp_context: str | None, max_tasks: int,
           engine: str, scheduler: Any, dask_chunk: int, record_worker: bool, limits: ReadLimits | None = None,
           settings: Settings | None = None) -> Iterator[_Line]:
    from tqdm import tqdm

    k, nbytes = 0, 0
    cached: dict[str, str] = {}
    fh = None
    if out is not None:
        fh = open_locked(out)
        if resume:
            k, nbytes, cached = read_finished(out, inputs)
        fh.truncate(nbytes)
        fh.seek(nbytes)
        os.fsync(fh.fileno())
    bar = tqdm(total=len(inputs), initial=k, disable=not progress, unit="doc", file=sys.stderr, dynamic_ncols=True)
    pool: Pool | None = None
    lim = limits or ReadLimits()
    reader = ArchiveReader(lim)  # each archive is read from one open ZipFile, in this process
    synced = time.monotonic()
    try:
        if out is not None and k:
            with open(out, "rb") as rf:
                for raw in rf.read(nbytes).splitlines(keepends=True):
                    yield _finished(raw)
        todo = [(i, inputs[i]) for i in range(k, len(inputs))]
        done: dict[int, _Line] = {}
        for i, item in todo:
            if item.path in cached:
                done[i] = _finished(cached[item.path].encode("utf-8"))
        pending = [(i, item) for i, item in todo if i not in done]
        nxt = k

        def flush() -> Iterator[_Line]:
            nonlocal nxt, synced
            while nxt in done:
                line = done.pop(nxt)
                if line.error is not None and logger.isEnabledFor(logging.INFO):
                    rec = json.loads(line.data)
                    logger.info("%s: %s [%s] %s", rec["path"], rec["error"], rec["code"], rec["message"])
                if fh is not None:
                    fh.write(line.data)
                    fh.flush()  # in the OS's hands: a killed batch keeps it
                    if time.monotonic() - synced >= FSYNC_EVERY:
                        os.fsync(fh.fileno())
                        synced = time.monotonic()
                bar.update(1)
                nxt += 1
                yield line

        if engine == "dask" and pending:
            from functools import partial

            from .batch_dask import dask_lines

            line_fn = partial(_dask_record_line, parse_fn=parse_fn, timeout=timeout, record_worker=record_worker)
            for i, line in dask_lines(pending, line_fn, _crash_line, scheduler, chunk=dask_chunk):
                done[i] = line
                yield from flush()
            yield from flush()
            return
        if workers == 0 or not pending:
            for i, item in pending:
                data, err = _member_bytes(reader, item)
                done[i] = err or _result(parse_one(item, parse_fn, data, timeout))
                yield from flush()
            yield from flush()
            return
        pool = _start_pool(min(workers, len(pending)), parse_fn, timeout, mp.get_context(mp_context), max_tasks,
                           lim.max_memory, settings)
        window = max(16, 4 * CHUNK * len(pool.workers))
        queue = deque(pending)
        while queue or pool.busy():
            for w, room, idle in pool.hungry():
                # smaller chunks as the queue empties, so that every worker has work to the end
                size = min(room, CHUNK, max(1, len(queue) // (2 * len(pool.workers))))
                chunk: list[tuple[int, Input, bytes | None]] = []
                while queue and len(chunk) < size and queue[0][0] < nxt + window:
                    i, item = queue[0]
                    if item.archive is not None and not idle:
                        break  # a member's bytes travel with it: only to an idle worker
                    queue.popleft()
                    data, err = _member_bytes(reader, item)
                    if err is not None:  # known before parsing: no worker needed
                        done[i] = err
                        continue
                    chunk.append((i, item, data))
                sent = pool.submit(w, chunk) if chunk else 0
                queue.extendleft(reversed([(i, item) for i, item, _ in chunk[sent:]]))
            yield from flush()
            results, requeue = _collect(pool, len(queue))
            for i, line in results:
                done[i] = line
            queue.extendleft(reversed(requeue))
            yield from flush()
        yield from flush()
    finally:
        if pool is not None:
            pool.close()
        reader.close()
        bar.close()
        if fh is not None:
            try:
                os.fsync(fh.fileno())
            finally:
                fh.close()


def _start_pool(n: int, parse_fn: ParseFn | None, timeout: float | None, ctx: Any, max_tasks: int,
                max_memory: int | None = None, settings: Settings | None = None) -> Pool:
    """``n`` started workers; the worker's own deadline trips first (a typed record, the worker lives
    on), the pool kills a worker still busy KILL_GRACE seconds later."""
    kill_after = None if timeout is None or math.isinf(timeout) else timeout + min(KILL_GRACE, max(1.0, timeout))
    start_error = GUARD_MESSAGE
    if parse_fn is not None:
        start_error += "; a parse_fn must be a module-level function of an importable module"
    pool = Pool(n, _LineMaker(parse_fn, timeout, settings), _failure(timeout), ctx, max_tasks, kill_after,
                max_memory or ReadLimits().max_memory, start_error)
    try:
        pool.wait_ready()
    except WorkerStartError as exc:
        pool.close()
        raise UsageError(str(exc)) from None
    return pool


def _collect(pool: Pool, backlog: int) -> tuple[list[tuple[int, _Line]], list[tuple[int, Input]]]:
    try:
        return pool.collect(backlog)
    except WorkerStartError as exc:  # a replacement worker that could not start
        raise UsageError(str(exc)) from None


def _dask_record_line(item: Input, parse_fn: ParseFn | None, timeout: float | None, record_worker: bool) -> _Line:
    """The record line of one input, on a Dask worker (with ``"worker"`` when ``record_worker``)."""
    rec = parse_one(item, parse_fn, timeout=timeout)
    if record_worker:
        from .batch_dask import worker_name

        rec["worker"] = worker_name()
    return _result(rec)


def _crash_line(item: Input, exc: BaseException) -> _Line:
    msg = f"the Dask workers running this input died ({type(exc).__name__}: {exc})"
    return _result(_error(item.path, "WorkerCrash", "E000", msg))


def _member_bytes(reader: ArchiveReader, item: Input) -> tuple[bytes | None, _Line | None]:
    """(the bytes of an archive member, None) or (None, its error line); (None, None) for files."""
    if item.archive is None or item.problem is not None:
        return None, None
    try:
        return reader.read(item), None
    except PolicyParseError as exc:
        return None, _result(_error_of(item.path, exc))


def summarize(records: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """``{"inputs", "parsed", "failed", "errors": {error type: count}}`` over the records."""
    n = ok = 0
    errors: Counter[str] = Counter()
    for r in records:
        n += 1
        if r.get("ok"):
            ok += 1
        else:
            errors[str(r.get("error"))] += 1
    return {"inputs": n, "parsed": ok, "failed": n - ok, "errors": dict(sorted(errors.items()))}


def run_batch(
    paths_or_archive: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
    out: str | os.PathLike[str],
    *,
    workers: int = 1,
    resume: bool = False,
    progress: bool = False,
    timeout: float | None = None,
    parse_fn: ParseFn | None = None,
    engine: str = "local",
    scheduler: Any = None,
    recursive: bool = True,
    follow_links: bool = False,
    record_worker: bool = False,
    connect_timeout: float | None = None,
    settings: Settings | dict[str, Any] | None = None,
) -> dict[str, Any]:
    """Run :func:`parse_many` into ``out`` and return :func:`summarize` of every record (CLI ``batch``);
    the records are written as the workers serialized them and never parsed back here."""
    lines = _start(paths_or_archive, True, workers=workers, out=out, resume=resume, progress=progress, timeout=timeout,
                   parse_fn=parse_fn, mp_context=MP_CONTEXT, max_tasks_per_child=MAX_TASKS_PER_CHILD, engine=engine,
                   scheduler=scheduler, dask_chunk=DASK_CHUNK, recursive=recursive, follow_links=follow_links,
                   record_worker=record_worker, connect_timeout=connect_timeout, settings=settings)
    n = 0
    errors: Counter[str] = Counter()
    for line in lines:
        n += 1
        if line.error is not None:
            errors[line.error] += 1
    failed = sum(errors.values())
    return {"inputs": n, "parsed": n - failed, "failed": failed, "errors": dict(sorted(errors.items()))}
