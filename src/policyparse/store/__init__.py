"""The archive store: parsed documents in SQLite (default) or PostgreSQL, kept up to date.

    >>> from policyparse.store import Store
    >>> with Store.open("archive.db") as store:          # or "postgresql://user@host/db"
    ...     store.add_many("corpus/")                    # parses only new or changed sources
    ...     store.in_force("2024-01-01"), store.chain("doc:国务院令第337号")
    ...     store.tasks_led_by("教育部")

Modules, lowest first: :mod:`.schema` (tables), :mod:`.rows` (document -> rows), :mod:`.queries`
(history queries over the views), :mod:`.diffs` (stored diffs), :mod:`.engine` (connect, migrate, retry),
:mod:`.write` (one source's rows into a transaction), :mod:`.db` (the ``Store`` that sequences them),
:mod:`.commands` (the CLI's ``batch --store`` and ``history --store``), ``migrations/`` (Alembic). The
tables, views and example queries are described in docs/store.md.
"""

from __future__ import annotations

from .commands import cli_batch_to_store, cli_history_from_store
from .db import Store

__all__ = ["Store", "cli_batch_to_store", "cli_history_from_store"]
