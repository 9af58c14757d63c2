"""The Dask engine of :mod:`policyparse.batch`: the same records as the local engine, computed on a cluster.

Contract of :func:`dask_lines` (called by the batch, which writes the records in input order):

* What a worker receives is something every worker can open, wherever it was started: a URL
  (read on the worker through fsspec, :mod:`policyparse.storage`) or an absolute path (a local
  input, or the archive of a .zip member, made absolute in the client). Workers on other
  machines therefore need either the inputs in object storage, or the same file system mounted
  at the same absolute path. The record keeps the path as the caller gave it.
* The per-document time budget (``timeout``) is the same in-process deadline as the local
  engine's (:mod:`policyparse.budget`), run inside the parse on the worker: a document over it
  is a ``Timeout`` record. Dask cannot kill a task, so the local engine's backstop (killing a
  worker still busy past the budget, for one C call that never returns) does not exist here;
  nor does the worker's address-space budget (use ``dask worker --memory-limit``).
* A worker lost mid-run (killed, out of memory, its machine gone) costs nothing: the scheduler
  reruns its tasks on the other workers and each input's line is taken from its future once.
  An input whose task has killed ``distributed.scheduler.allowed-failures`` workers (Dask's
  default: 3) is one ``WorkerCrash`` record, as in the local engine.
* ``scheduler`` is an address (``tcp://host:8786``), a ``dask.distributed.Client`` or a local
  Dask scheduler name (``processes``, ``threads``, ``synchronous``); ``None`` is ``processes``.
  An address where no scheduler answers within ``connect_timeout`` seconds
  (:data:`CONNECT_TIMEOUT` by default) is :class:`~policyparse.errors.SchedulerUnreachable`.
* The batch's ``record_worker=True`` adds ``"worker"`` (:func:`worker_name`: the worker's address,
  or ``pid:N`` off a cluster) to each record; off by default, since records are otherwise
  byte-identical across engines.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from .errors import SchedulerUnreachable, UsageError
from .storage import is_url

if TYPE_CHECKING:
    from .batch_inputs import Input

LineFn = Callable[["Input"], Any]
CrashFn = Callable[["Input", BaseException], Any]

#: seconds to wait for a scheduler to answer before SchedulerUnreachable (CLI --connect-timeout)
CONNECT_TIMEOUT = 10.0

_LOCAL_SCHEDULERS = ("threads", "processes", "synchronous", "sync")


def shippable(item: Input) -> Input:
    """``item`` with its file and archive as absolute paths (URLs and the record path unchanged)."""
    file = item.file if item.file is None or is_url(item.file) else os.path.abspath(item.file)
    archive = item.archive if item.archive is None or is_url(item.archive) else os.path.abspath(item.archive)
    return replace(item, file=file, archive=archive)


def worker_name() -> str:
    """The address of the Dask worker running this (``pid:N`` outside a distributed worker)."""
    try:
        from distributed import get_worker

        return str(get_worker().address)
    except (ImportError, ValueError):
        return f"pid:{os.getpid()}"


def connect(address: str, connect_timeout: float | None = None) -> Any:
    """A ``distributed.Client`` of the scheduler at ``address``; SchedulerUnreachable after the wait."""
    try:
        from dask.distributed import Client
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise UsageError("engine='dask' needs Dask: pip install 'policyparse[dask]'") from exc
    wait = CONNECT_TIMEOUT if connect_timeout is None else connect_timeout
    try:
        return Client(address, timeout=wait, set_as_default=False)
    except (OSError, TimeoutError) as exc:
        raise SchedulerUnreachable(f"no Dask scheduler answered at {address} within {wait:g} s",
                                   hint="start one (dask scheduler), check the address, or raise --connect-timeout"
                                   ) from exc  # fmt: skip


def _on_client(client: Any, items: list[tuple[int, Input]], line_fn: LineFn, crash_fn: CrashFn,
               chunk: int) -> Iterator[tuple[int, Any]]:
    from distributed import KilledWorker, as_completed

    for c in range(0, len(items), chunk):
        part = items[c : c + chunk]
        futures = client.map(line_fn, [shippable(it) for _, it in part], pure=False)
        where = {f.key: k for k, f in enumerate(futures)}
        try:
            for fut in as_completed(futures, loop=client.loop):
                i, item = part[where[fut.key]]
                try:
                    line = fut.result()
                except KilledWorker as exc:
                    line = crash_fn(item, exc)
                yield i, line
        finally:
            client.cancel(futures)


def dask_lines(items: list[tuple[int, Input]], line_fn: LineFn, crash_fn: CrashFn, scheduler: Any, *,
               chunk: int = 256, connect_timeout: float | None = None) -> Iterator[tuple[int, Any]]:
    """``(index, line_fn(item))`` of every item, as they complete (see the module doc). ``line_fn``
    runs on the workers and must be picklable; ``crash_fn(item, exc)`` is the line of an input
    whose task killed too many workers."""
    try:
        import dask
        import dask.bag as db
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise UsageError("engine='dask' needs Dask: pip install 'policyparse[dask]'") from exc
    if scheduler is None or (isinstance(scheduler, str) and scheduler in _LOCAL_SCHEDULERS):
        name = scheduler or "processes"
        for c in range(0, len(items), chunk):
            part = items[c : c + chunk]
            bag = db.from_sequence([shippable(it) for _, it in part], npartitions=max(1, min(len(part), 64)))
            lines = bag.map(line_fn).compute(scheduler=name)
            yield from zip((i for i, _ in part), lines, strict=True)
        return
    del dask
    from dask.distributed import Client

    if isinstance(scheduler, Client):
        yield from _on_client(scheduler, items, line_fn, crash_fn, chunk)
        return
    client = connect(str(scheduler), connect_timeout)
    try:
        yield from _on_client(client, items, line_fn, crash_fn, chunk)
    finally:
        client.close()


__all__ = ["CONNECT_TIMEOUT", "connect", "dask_lines", "shippable", "worker_name"]
