"""The archive store: parsed documents in SQLite (default) or PostgreSQL, kept up to date.

    >>> from policyparse.store import Store
    >>> with Store.open("archive.db") as store:          # or "postgresql://user@host/db"
    ...     store.add_many("corpus/")                    # parses only new or changed sources
    ...     store.in_force("2024-01-01"), store.chain("doc:国务院令第337号")
    ...     store.tasks_led_by("教育部")

Modules: :mod:`.schema` (tables), :mod:`.rows` (document -> rows), :mod:`.db` (open, migrate,
write), :mod:`.queries` (history queries over the views), ``migrations/`` (Alembic). The
tables and views are described in the README (section "The archive store").
"""

from __future__ import annotations

from .db import Store, cli_batch_to_store
from .queries import cli_history_from_store

__all__ = ["Store", "cli_batch_to_store", "cli_history_from_store"]
