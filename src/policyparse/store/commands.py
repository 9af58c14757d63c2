"""The store's two commands, as the CLI calls them: ``batch ARCHIVE --store URL`` and ``history --store URL``.

Input: a store URL and the command's options; output: the summary dict (batch) or the text the
command prints (history). The top of the store package: it opens a :class:`~policyparse.store.db.Store`
and reads :mod:`.queries`; no other store module imports it. Only :mod:`policyparse.cli` prints.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from typing import Any, Literal, cast

from ..errors import UsageError
from .db import Store
from .queries import iso_date

__all__ = ["cli_batch_to_store", "cli_history_from_store"]


def cli_batch_to_store(archive: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
                       url: str | os.PathLike[str], workers: int = 1, *, timeout: float | None = None,
                       progress: bool = False, recursive: bool = True, prune: bool = False,
                       settings: Any = None) -> dict[str, Any]:
    """``policyparse batch ARCHIVE --store URL``: load ``archive`` into the store; return the summary.
    ``settings``: the parse settings (:class:`policyparse.settings.Settings`, a dict or None)."""
    with Store.open(url) as store:
        return store.add_many(archive, workers=workers, timeout=timeout, progress=progress, recursive=recursive,
                              prune=prune, settings=settings)


def cli_history_from_store(
    url: str | os.PathLike[str],
    fmt: str = "json",  # json, graphml or mermaid; anything else is a UsageError
    *,
    in_force_on: str | None = None,
    doc: str | None = None,
    chain_of: str | None = None,
    led_by: str | None = None,
    roles: tuple[str, ...] = ("lead",),
    unrepealed_only: bool = False,
    only: str | None = None,
    issuer: str | None = None,
) -> str:
    """``policyparse history --store URL``: the history of the stored archive, or answers to queries.

    Without query options: the whole history rendered as ``fmt`` (the same output as
    ``policyparse history`` over the stored documents). With any of ``in_force_on`` (ISO date;
    with ``doc``: is that document in force, else every document in force), ``chain_of``,
    ``led_by`` (+ ``roles``) or ``unrepealed_only``: one JSON object holding each answer
    (``fmt`` must then be ``json``). ``only`` and ``issuer`` filter the rendered history
    (:func:`policyparse.history.export.select`); with ``fmt`` mermaid or graphml, ``chain_of``
    draws that chain instead of answering in JSON.
    """
    if fmt not in ("json", "graphml", "mermaid"):
        raise UsageError(f"unknown history format {fmt!r} (json, graphml or mermaid)")
    asked = in_force_on is not None or (chain_of is not None and fmt == "json") or led_by is not None or unrepealed_only
    if doc is not None and in_force_on is None:
        raise UsageError("--doc goes with --in-force DATE")
    with Store.open(url) as store:
        if not asked:
            from ..history import render

            chain = store.resolve_key(chain_of) if chain_of is not None else None
            drawn = cast(Literal["json", "graphml", "mermaid"], fmt)  # checked above
            return render(store.history(), drawn, only=only, chain=chain, issuer=issuer)
        if only is not None or issuer is not None:
            raise UsageError("--only and --issuer filter the drawn history, not the query answers")
        if fmt != "json":
            raise UsageError("query answers are JSON: use --format json with --in-force/--chain/--led-by/--unrepealed")
        out: dict[str, Any] = {}
        if in_force_on is not None:
            if doc is not None:
                key = store.resolve_key(doc)
                out["in_force"] = {"date": iso_date(in_force_on), "doc": key,
                                   "in_force": store.is_in_force(key, in_force_on)}
            else:
                out["in_force"] = {"date": iso_date(in_force_on), "documents": store.in_force(in_force_on)}
        if chain_of is not None:
            key = store.resolve_key(chain_of)
            out["chain"] = {"doc": key, "chain": store.chain(key)}
        if led_by is not None:
            out["led_by"] = {"unit": led_by, "roles": list(roles), "tasks": store.tasks_led_by(led_by, roles=roles)}
        if unrepealed_only:
            out["unrepealed"] = store.unrepealed()
        return json.dumps(out, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
