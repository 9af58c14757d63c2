"""Alembic env: runs the store's revisions on the connection the caller hands over.

The caller (:func:`policyparse.store.engine.upgrade`) opens the transaction, takes the migration
lock (``BEGIN IMMEDIATE`` on SQLite, an advisory lock on PostgreSQL) and passes the connection
as ``config.attributes["connection"]``; the whole upgrade then commits or rolls back at once.
Without a connection (the ``alembic`` command line), ``sqlalchemy.url`` of the config is used.
Offline mode (``--sql``) prints the DDL.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from policyparse.store.schema import VERSION_TABLE, metadata


def _configure(**kw) -> None:
    context.configure(target_metadata=metadata, version_table=VERSION_TABLE, render_as_batch=True, **kw)


def run_offline() -> None:
    _configure(url=context.config.get_main_option("sqlalchemy.url"), literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()


def run_online() -> None:
    conn = context.config.attributes.get("connection")
    if conn is not None:
        _configure(connection=conn)
        with context.begin_transaction():
            context.run_migrations()
        return
    url = context.config.get_main_option("sqlalchemy.url")
    if url is None:  # set by policyparse.store.engine before every run
        raise RuntimeError("alembic config has no sqlalchemy.url")
    engine = create_engine(url)
    try:
        with engine.begin() as own:
            _configure(connection=own)
            with context.begin_transaction():
                context.run_migrations()
    finally:
        engine.dispose()


if context.is_offline_mode():
    run_offline()
else:
    run_online()
