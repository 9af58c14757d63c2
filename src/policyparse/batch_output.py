"""The output file of a batch: the finished prefix read back for resume, the exclusive lock, and
outputs named by URL (staged locally, uploaded whole). No processes; :mod:`policyparse.batch` runs them."""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import UsageError
from .storage import RemoteOutput

if TYPE_CHECKING:
    from .batch_inputs import Input


def read_finished(out: Path, inputs: list[Input]) -> tuple[int, int, dict[str, str]]:
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



def open_locked(out: Path) -> Any:
    """``out`` opened for reading and writing (created, never truncated here) under an exclusive
    lock; a second writer gets a UsageError instead of interleaving its records."""
    out.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(out, os.O_RDWR | os.O_CREAT, 0o644)
    fh = os.fdopen(fd, "r+b")
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows: no advisory lock
        return fh
    try:
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as exc:
        fh.close()
        raise UsageError("another batch is writing this output file; wait for it or choose another -o",
                         path=str(out)) from exc
    return fh



#: seconds between uploads of a batch output named by URL (and one when the batch ends or stops)
UPLOAD_EVERY = 30.0


def to_url(url: str, resume: bool, run: Callable[[Path], Iterator[dict[str, Any]]]) -> Iterator[dict[str, Any]]:
    """The records of ``run(local file)``, a batch written to a local staging file that is uploaded
    to ``url`` every :data:`UPLOAD_EVERY` seconds and when the batch ends or stops
    (:class:`~policyparse.storage.RemoteOutput`; ``resume`` downloads the object first)."""
    target = RemoteOutput(url, resume=resume)
    gen = run(target.local)
    last = time.monotonic()
    try:
        for rec in gen:
            yield rec
            if time.monotonic() - last >= UPLOAD_EVERY:
                target.upload()
                last = time.monotonic()
    finally:
        getattr(gen, "close", lambda: None)()  # a generator: stop it (and let it close its file) first
        try:
            target.upload()
        finally:
            target.close()


__all__ = ["UPLOAD_EVERY", "open_locked", "read_finished", "to_url"]
