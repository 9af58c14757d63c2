"""The wall-time budget of one document: an in-process deadline the stages check.

Why a deadline and not a guarded worker for a single ``parse``: a worker process per call costs a
process start and the import of the whole pipeline (about a second) on every document, and the
library would start processes behind its caller's back. The deadline costs a clock read at each
check. Its limit: it is cooperative, so a single call into C that never returns to Python (one
huge lxml parse) is not interrupted. That is why ``batch`` keeps both: each worker runs the same
deadline (a typed ``Timeout`` record, the worker survives) and the pool kills a worker that is
still busy a grace period after its budget (the backstop for C code; the record is also Timeout).

Contract:

* :func:`deadline` is a context manager; nested deadlines keep the earliest one. ``None`` means
  no deadline of its own; ``inf`` an explicit "no budget" that :func:`default_deadline` (what
  ``parse`` uses, with ``ReadLimits.max_seconds``) respects.
* :func:`check` raises :class:`~policyparse.errors.Timeout` (E011, ``budget="max_seconds"``)
  once the current deadline has passed; without a deadline it does nothing. Readers call it per
  page, per part, per drawn XObject; the pipeline between stages; extractors per unit of work.
"""

from __future__ import annotations

import math
import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from .errors import Timeout

_DEADLINE: ContextVar[tuple[float, float, str | None] | None] = ContextVar("policyparse_deadline", default=None)


@contextmanager
def deadline(seconds: float | None, *, path: str | None = None) -> Iterator[None]:
    """Run the block under a deadline ``seconds`` from now (the earlier one when already under one)."""
    current = _DEADLINE.get()
    if seconds is None:
        yield
        return
    if math.isnan(seconds) or seconds <= 0:
        from .errors import UsageError

        raise UsageError(f"a time budget must be a positive number of seconds, not {seconds!r}")
    end = time.monotonic() + seconds  # inf: a block that opts out of the default budget
    if current is not None and current[0] <= end:
        yield
        return
    token = _DEADLINE.set((end, seconds, path))
    try:
        yield
    finally:
        _DEADLINE.reset(token)


@contextmanager
def default_deadline(seconds: float | None, *, path: str | None = None) -> Iterator[None]:
    """:func:`deadline` unless the caller already runs under one (a batch's ``timeout``, or the
    caller's own ``deadline(inf)`` to parse without a time budget)."""
    if _DEADLINE.get() is not None:
        yield
        return
    with deadline(seconds, path=path):
        yield


def check(stage: str = "", *, path: str | None = None) -> None:
    """Raise :class:`Timeout` when the current deadline has passed."""
    current = _DEADLINE.get()
    if current is not None and time.monotonic() > current[0]:
        where = f" (in {stage})" if stage else ""
        raise Timeout(f"no result within the time budget of {current[1]:g} s{where}", path=path or current[2],
                      hint="pass a larger budget: parse under policyparse.budget.deadline(N), or batch --timeout N")


def remaining() -> float | None:
    """Seconds left before the current deadline (None without one)."""
    current = _DEADLINE.get()
    return None if current is None else current[0] - time.monotonic()


__all__ = ["check", "deadline", "default_deadline", "remaining"]
