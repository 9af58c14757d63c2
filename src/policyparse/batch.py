"""Parse many documents: a folder, a glob, a .zip or a list of paths, in worker processes.

Contract of :func:`parse_many`:

* Inputs are collected and sorted by their record path; duplicates are dropped. A folder
  yields its files with :data:`SUPPORTED_SUFFIXES` (case-insensitive) and, unless
  ``recursive=False``, those of its subfolders (archives nest by year or by issuer; a glob
  recurses through ``**``); a ``.zip`` yields its
  members with those suffixes (record path ``archive.zip!member/name.txt``); a glob pattern
  yields the files it matches; a list may mix all of these. An empty input set (a glob that
  matches nothing, a folder without documents) is a :class:`UsageError`.
* Exactly one record per input, in input order, as a dict and (with ``out``) as one JSON line
  (keys sorted, UTF-8, no spaces). A parsed input gives ``{"path", "ok": true, "document"}``
  with ``document = PolicyDocument.model_dump(mode="json")``; a failed one gives
  ``{"path", "ok": false, "error", "code", "message"}``: the PolicyParseError's class name and
  code, ``WorkerCrash`` when the worker process died, ``Timeout`` (E011) when it ran past
  ``timeout`` seconds, or the class name of any other exception (code E000). Nothing stops
  the batch.
* Each line is written, flushed and fsync'ed before the next, in input order, so a killed
  batch leaves a prefix of the full output plus at most one partial line. ``resume=True``
  reads the finished records back (a trailing partial line is dropped), does not parse those
  inputs again, and appends the rest: the file ends byte-identical to an uninterrupted run
  (records carry no timings). ``resume=True`` without ``out`` is a :class:`UsageError`.
* ``workers >= 1`` runs that many worker processes (``spawn`` by default; each one is
  replaced after ``max_tasks_per_child`` inputs, after a crash and after a timeout);
  a spawned worker imports the caller's script again, so a call at the top level of a script
  without an ``if __name__ == "__main__":`` guard is refused up front with a
  :class:`UsageError` that says so (``workers=0`` needs no guard);
  ``workers=0`` parses in this process (no isolation, no timeout): for debugging.
* ``engine="dask"`` runs the parses on Dask instead of the local worker pool: ``scheduler`` is
  a distributed scheduler address (``tcp://host:8786``), a ``dask.distributed.Client``, or
  ``None`` for Dask's local process scheduler. Records, order, output file and resume are the
  same as the local engine's; inputs go to Dask in chunks of ``dask_chunk`` so memory stays flat.
  Dask has no per-task timeout: ``timeout`` applies to the local engine only.
* ``parse_fn`` replaces :func:`policyparse.pipeline.parse`; it is called as
  ``parse_fn(path)`` for files and ``parse_fn(data, format=suffix, path=record_path)`` for zip
  members, and must be picklable (a module-level function) when ``workers >= 1``.
"""

from __future__ import annotations

import glob as _glob
import json
import logging
import multiprocessing as mp
import os
import sys
import time
import zipfile
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import wait as _wait
from pathlib import Path
from typing import Any

from .errors import FileNotFound, PolicyParseError, Timeout, UsageError

logger = logging.getLogger(__name__)

__all__ = ["SUPPORTED_SUFFIXES", "Input", "collect_inputs", "parse_many", "parse_one", "run_batch", "summarize"]

SUPPORTED_SUFFIXES = (".txt", ".docx", ".pdf", ".html", ".htm", ".ofd", ".doc", ".wps")
_GLOB_CHARS = set("*?[")

ParseFn = Callable[..., Any]


@dataclass(frozen=True, order=True)
class Input:
    """One input: ``path`` is what the record says; ``file`` is read, or ``member`` of ``archive``."""

    path: str
    file: str | None = None
    archive: str | None = None
    member: str | None = None


def _supported(name: str) -> bool:
    return name.lower().endswith(SUPPORTED_SUFFIXES)


def _zip_inputs(zpath: str) -> list[Input]:
    try:
        with zipfile.ZipFile(zpath) as z:
            names = [i.filename for i in z.infolist() if not i.is_dir() and _supported(i.filename)]
    except (zipfile.BadZipFile, OSError) as exc:
        raise UsageError(f"cannot open the archive: {exc}", path=zpath) from exc
    return [Input(path=f"{zpath}!{n}", archive=zpath, member=n) for n in names]


def _expand(item: str | os.PathLike[str], recursive: bool = True) -> list[Input]:
    s = os.fspath(item)
    p = Path(s)
    if p.is_dir():
        found = p.rglob("*") if recursive else p.iterdir()
        return [Input(path=str(f), file=str(f)) for f in found if f.is_file() and _supported(f.name)]
    if p.is_file() and p.suffix.lower() == ".zip":
        return _zip_inputs(s)
    if not p.exists() and _GLOB_CHARS & set(s):
        out: list[Input] = []
        for m in _glob.glob(s, recursive=True):
            out.extend(_expand(m, recursive) if Path(m).is_dir() or m.lower().endswith(".zip") else [Input(path=m, file=m)])
        return out
    return [Input(path=s, file=s)]


def collect_inputs(paths_or_archive: str | os.PathLike[str] | Iterable[str | os.PathLike[str]], *,
                   recursive: bool = True) -> list[Input]:
    """The sorted, de-duplicated inputs a folder / glob / zip / list of paths stands for.

    A single path that does not exist (and is no glob pattern) raises :class:`FileNotFound`;
    inside a list, a missing path is an input whose record will say ``FileNotFound``.
    Subfolders are searched unless ``recursive=False``. No input at all raises
    :class:`UsageError`.
    """
    if isinstance(paths_or_archive, (str, os.PathLike)):
        s = os.fspath(paths_or_archive)
        if not Path(s).exists() and not (_GLOB_CHARS & set(s)):
            raise FileNotFound("no such file or folder", path=s)
        given = [s]
    else:
        given = [os.fspath(x) for x in paths_or_archive]
    items = [x for it in given for x in _expand(it, recursive)]
    if not items:
        what = ", ".join(given[:3]) + (" …" if len(given) > 3 else "") if given else "an empty list"
        hint = "" if recursive else " (subfolders were not searched: recursive=False / --no-recursive)"
        raise UsageError(f"no documents to parse in {what}: nothing with a suffix of "
                         f"{' '.join(SUPPORTED_SUFFIXES)}{hint}")
    uniq = {i.path: i for i in items}
    return [uniq[k] for k in sorted(uniq)]


# ------------------------------------------------------------------------------------- one input


def _default_parse() -> ParseFn:
    from .pipeline import parse

    return parse


def _error(path: str, error: str, code: str, message: str) -> dict[str, Any]:
    return {"path": path, "ok": False, "error": error, "code": code, "message": message}


def parse_one(item: Input, parse_fn: ParseFn | None = None) -> dict[str, Any]:
    """The record for one input; never raises (every failure becomes an error record)."""
    fn = parse_fn or _default_parse()
    try:
        if item.archive is not None:
            from .io.limits import ReadLimits

            with zipfile.ZipFile(item.archive) as z:
                info = z.getinfo(item.member or "")
                limit = ReadLimits().max_input_bytes
                if info.file_size > limit:
                    return _error(item.path, "InputTooLarge", "E010",
                                  f"archive member of {info.file_size} bytes exceeds max_input_bytes={limit}")
                data = z.read(info)
            fmt = Path(item.member or "").suffix.lower().lstrip(".") or None
            doc = fn(data, format=fmt, path=item.path)
        else:
            f = Path(item.file or item.path)
            if not f.is_file():
                return _error(item.path, "FileNotFound", FileNotFound.code, "no such file")
            doc = fn(f)
        dump = doc.model_dump(mode="json") if hasattr(doc, "model_dump") else doc
        return {"path": item.path, "ok": True, "document": dump}
    except PolicyParseError as exc:
        msg = exc.message + (f" ({exc.hint})" if exc.hint else "")
        return _error(item.path, type(exc).__name__, exc.code, msg)
    except Exception as exc:  # noqa: BLE001 - a bug on one input must not stop the batch
        return _error(item.path, type(exc).__name__, "E000", str(exc) or type(exc).__name__)


def _line(record: dict[str, Any]) -> str:
    return json.dumps(record, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n"


# ------------------------------------------------------------------------------- worker processes

_GUARD_MESSAGE = ("worker processes import the calling script again, so a script that calls parse_many / "
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
    frame = sys._getframe(1)
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


def _check_main_guard(mp_context: str | None) -> None:
    method = mp_context or mp.get_start_method(allow_none=True) or "spawn"
    if method != "fork" and (script := _unguarded_script_call()) is not None:
        raise UsageError(_GUARD_MESSAGE, path=script)


def _worker_main(conn: Any, parse_fn: ParseFn | None) -> None:
    fn = parse_fn or _default_parse()  # import before the first clock starts
    try:
        conn.send(("ready", None))
    except (BrokenPipeError, OSError):
        return
    while True:
        try:
            msg = conn.recv()
        except (EOFError, OSError):
            return
        if msg is None:
            return
        idx, item = msg
        try:
            conn.send((idx, _line(parse_one(item, fn))))
        except (BrokenPipeError, OSError):
            return


@dataclass
class _Worker:
    proc: Any
    conn: Any
    task: tuple[int, Input] | None = None
    started: float = 0.0
    done: int = 0
    ready: bool = False  # the worker has imported its parse function and waits for inputs


class _Pool:
    """Worker processes that each run one input at a time; crashes and timeouts cost one record."""

    def __init__(self, n: int, parse_fn: ParseFn | None, timeout: float | None, ctx: Any, max_tasks: int) -> None:
        self.parse_fn, self.timeout, self.ctx, self.max_tasks = parse_fn, timeout, ctx, max_tasks
        self.workers = [self._spawn() for _ in range(n)]

    def _spawn(self) -> _Worker:
        parent, child = self.ctx.Pipe(duplex=True)
        proc = self.ctx.Process(target=_worker_main, args=(child, self.parse_fn), daemon=True)
        proc.start()
        child.close()
        return _Worker(proc=proc, conn=parent)

    @staticmethod
    def _signal(w: _Worker, *, kill: bool) -> None:
        """Ask a worker to stop (or kill it)."""
        if kill and w.proc.is_alive():
            w.proc.kill()
        else:
            try:
                w.conn.send(None)
            except (BrokenPipeError, OSError):
                pass

    @staticmethod
    def _reap(w: _Worker) -> None:
        """Wait for a stopping worker (killing it after 5 s) and close its pipe."""
        w.proc.join(5)
        if w.proc.is_alive():
            w.proc.kill()
            w.proc.join()
        w.conn.close()

    def _replace(self, w: _Worker, *, kill: bool) -> None:
        self._signal(w, kill=kill)
        self._reap(w)
        self.workers[self.workers.index(w)] = self._spawn()

    def idle(self) -> list[_Worker]:
        return [w for w in self.workers if w.ready and w.task is None]

    def _starting(self, ready: set[Any]) -> None:
        """Mark workers that reported ready; a worker that died while starting is a usage error."""
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
                    continue
            if w.proc.sentinel in ready or not w.proc.is_alive():
                w.proc.join()
                msg = f"a worker process failed to start (exit code {w.proc.exitcode}); {_GUARD_MESSAGE}"
                if self.parse_fn is not None:
                    msg += "; a parse_fn must be a module-level function of an importable module"
                raise UsageError(msg)

    def submit(self, w: _Worker, idx: int, item: Input) -> None:
        w.task, w.started = (idx, item), time.monotonic()
        w.conn.send((idx, item))

    def collect(self) -> list[tuple[int, str]]:
        """Block until at least one busy worker finishes, crashes or times out; return its lines."""
        busy = [w for w in self.workers if w.task is not None]
        watch = busy + [w for w in self.workers if not w.ready]
        if not watch:
            return []
        wait_for = None
        if self.timeout is not None and busy:
            now = time.monotonic()
            wait_for = max(0.0, min(w.started + self.timeout - now for w in busy))
        ready = set(_wait([w.conn for w in watch] + [w.proc.sentinel for w in watch], timeout=wait_for))
        self._starting(ready)
        out: list[tuple[int, str]] = []
        for w in busy:
            assert w.task is not None
            idx, item = w.task
            if w.conn in ready or w.conn.poll():
                try:
                    got_idx, line = w.conn.recv()
                except (EOFError, OSError):
                    got_idx = None
                if got_idx == idx:
                    out.append((idx, line))
                    w.task, w.done = None, w.done + 1
                    if w.done >= self.max_tasks:
                        self._replace(w, kill=False)
                    continue
            if w.proc.sentinel in ready or not w.proc.is_alive():
                w.proc.join()
                msg = f"the worker process died while parsing (exit code {w.proc.exitcode})"
                out.append((idx, _line(_error(item.path, "WorkerCrash", "E000", msg))))
                w.task = None
                self._replace(w, kill=True)
            elif self.timeout is not None and time.monotonic() - w.started >= self.timeout:
                msg = f"no result within the time budget of {self.timeout:g} s"
                out.append((idx, _line(_error(item.path, "Timeout", Timeout.code, msg))))
                w.task = None
                self._replace(w, kill=True)
        return out

    def close(self) -> None:
        for w in self.workers:  # signal every worker first, so they stop together
            self._signal(w, kill=w.task is not None)
        for w in self.workers:
            self._reap(w)


# ------------------------------------------------------------------------------------- the batch


def _read_finished(out: Path, inputs: list[Input]) -> tuple[int, int, dict[str, str]]:
    """(records of the in-order prefix, its byte length, other finished lines by path)."""
    if not out.exists():
        return 0, 0, {}
    data = out.read_bytes()
    wanted = {i.path for i in inputs}
    k = nbytes = 0
    in_order = True
    extra: dict[str, str] = {}
    pos = 0
    while True:
        nl = data.find(b"\n", pos)
        if nl < 0:
            break  # a trailing partial line: dropped
        raw = data[pos : nl + 1]
        try:
            rec = json.loads(raw)
            path = rec["path"]
        except (ValueError, KeyError, TypeError):
            break  # a damaged line: it and everything after are redone
        if in_order and k < len(inputs) and path == inputs[k].path:
            k += 1
            nbytes = nl + 1
        else:
            in_order = False
            if path in wanted:
                extra[path] = raw.decode("utf-8")
        pos = nl + 1
    return k, nbytes, extra


def parse_many(
    paths_or_archive: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
    *,
    workers: int = 1,
    out: str | os.PathLike[str] | None = None,
    resume: bool = False,
    progress: bool = False,
    timeout: float | None = None,
    parse_fn: ParseFn | None = None,
    mp_context: str | None = "spawn",
    max_tasks_per_child: int = 1000,
    engine: str = "local",
    scheduler: Any = None,
    dask_chunk: int = 256,
    recursive: bool = True,
) -> Iterator[dict[str, Any]]:
    """Yield one record per input, in input order (see the module doc for the contract)."""
    if engine not in ("local", "dask"):
        raise UsageError(f"unknown engine {engine!r} (local or dask)")
    if resume and out is None:
        raise UsageError("resume=True needs out= (the file to resume)")
    if workers < 0:
        raise UsageError("workers must be >= 0")
    inputs = collect_inputs(paths_or_archive, recursive=recursive)
    logger.info("%d inputs to parse (engine %s, %d workers)", len(inputs), engine, workers)
    if workers >= 1 and engine == "local":
        _check_main_guard(mp_context)
    return _run(inputs, workers=workers, out=Path(out) if out is not None else None, resume=resume,
                progress=progress, timeout=timeout, parse_fn=parse_fn, mp_context=mp_context,
                max_tasks=max(1, max_tasks_per_child), engine=engine, scheduler=scheduler, dask_chunk=max(1, dask_chunk))


def _dask_line(item: Input, parse_fn: ParseFn | None) -> str:
    return _line(parse_one(item, parse_fn))


def _dask_lines(items: list[Input], parse_fn: ParseFn | None, scheduler: Any) -> list[str]:
    """The record lines of ``items``, in order, computed on Dask."""
    try:
        import dask.bag as db
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise UsageError("engine='dask' needs Dask: pip install 'policyparse[dask]'") from exc
    bag = db.from_sequence(items, npartitions=max(1, min(len(items), 64))).map(_dask_line, parse_fn)
    if scheduler is None:
        return list(bag.compute(scheduler="processes"))
    if isinstance(scheduler, str) and scheduler in ("threads", "processes", "synchronous", "sync"):
        return list(bag.compute(scheduler=scheduler))
    from dask.distributed import Client

    if isinstance(scheduler, Client):
        return list(scheduler.compute(bag).result())
    with Client(scheduler, set_as_default=False) as client:
        return list(client.compute(bag).result())


def _run(inputs: list[Input], *, workers: int, out: Path | None, resume: bool, progress: bool,
         timeout: float | None, parse_fn: ParseFn | None, mp_context: str | None, max_tasks: int,
         engine: str = "local", scheduler: Any = None, dask_chunk: int = 256) -> Iterator[dict[str, Any]]:
    from tqdm import tqdm

    k, nbytes, cached = (0, 0, {})
    fh = None
    if out is not None:
        if resume:
            k, nbytes, cached = _read_finished(out, inputs)
        out.parent.mkdir(parents=True, exist_ok=True)
        fh = open(out, "r+b" if out.exists() else "w+b")  # noqa: SIM115 - closed in finally
        fh.truncate(nbytes)
        fh.seek(nbytes)
        os.fsync(fh.fileno())
    bar = tqdm(total=len(inputs), initial=k, disable=not progress, unit="doc", file=sys.stderr, dynamic_ncols=True)
    pool: _Pool | None = None
    try:
        if out is not None and k:
            with open(out, "rb") as rf:
                for raw in rf.read(nbytes).splitlines():
                    yield json.loads(raw)
        todo = [(i, inputs[i]) for i in range(k, len(inputs))]
        done: dict[int, str] = {}
        for i, item in todo:
            if item.path in cached:
                done[i] = cached[item.path]
        pending = [(i, item) for i, item in todo if i not in done]
        nxt = k

        def flush() -> Iterator[dict[str, Any]]:
            nonlocal nxt
            while nxt in done:
                line = done.pop(nxt)
                if logger.isEnabledFor(logging.INFO) and '"ok":false' in line:
                    rec = json.loads(line)
                    logger.info("%s: %s [%s] %s", rec["path"], rec["error"], rec["code"], rec["message"])
                if fh is not None:
                    fh.write(line.encode("utf-8"))
                    fh.flush()
                    os.fsync(fh.fileno())
                bar.update(1)
                nxt += 1
                yield json.loads(line)

        if engine == "dask" and pending:
            for c in range(0, len(pending), dask_chunk):
                chunk = pending[c : c + dask_chunk]
                for (i, _), line in zip(chunk, _dask_lines([it for _, it in chunk], parse_fn, scheduler), strict=True):
                    done[i] = line
                yield from flush()
            return
        if workers == 0 or not pending:
            for i, item in pending:
                done[i] = _line(parse_one(item, parse_fn))
                yield from flush()
            yield from flush()
            return
        ctx = mp.get_context(mp_context)
        pool = _Pool(min(workers, len(pending)), parse_fn, timeout, ctx, max_tasks)
        window = max(16, 4 * workers)
        queue = list(reversed(pending))
        while queue or any(w.task is not None for w in pool.workers):
            if not pool.idle() and not any(w.task is not None for w in pool.workers):
                pool.collect()  # every worker is still starting
                continue
            for w in pool.idle():
                if queue and queue[-1][0] < nxt + window:
                    i, item = queue.pop()
                    pool.submit(w, i, item)
            yield from flush()
            for i, line in pool.collect():
                done[i] = line
            yield from flush()
        yield from flush()
    finally:
        if pool is not None:
            pool.close()
        bar.close()
        if fh is not None:
            fh.close()


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
) -> dict[str, Any]:
    """Run :func:`parse_many` into ``out`` and return :func:`summarize` of every record (CLI ``batch``)."""
    return summarize(parse_many(paths_or_archive, workers=workers, out=out, resume=resume, progress=progress,
                                timeout=timeout, parse_fn=parse_fn, engine=engine, scheduler=scheduler,
                                recursive=recursive))
