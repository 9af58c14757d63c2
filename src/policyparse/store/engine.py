"""Connect to a store and bring its schema to head: the first stage of :mod:`policyparse.store`.

Input: a store URL (``postgresql://…``, any SQLAlchemy URL, or a filesystem path for a SQLite
file). Output: an :class:`~sqlalchemy.Engine` with the store's connection settings, migrated by
:func:`upgrade`. :func:`with_retry` runs a transaction again on the errors a concurrent writer
causes (SQLite ``database is locked``, PostgreSQL serialization failure or deadlock).

Contracts:

* SQLite connections run in WAL mode with foreign keys on; a connection opened with
  ``execution_options(policyparse_write=True)`` begins its transactions with ``BEGIN IMMEDIATE``.
* :func:`upgrade` runs the Alembic revisions up to head under a lock (``BEGIN IMMEDIATE`` on
  SQLite, the transaction-scoped advisory lock ``PG_MIGRATION_LOCK`` on PostgreSQL), so
  concurrent first opens create the schema once; it is a no-op at head.
* A write transaction on PostgreSQL takes the advisory lock ``PG_WRITE_LOCK`` first (see
  :mod:`policyparse.store.db` for why).
"""

from __future__ import annotations

import json
import os
import sqlite3
import time
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError, OperationalError

from ..errors import UsageError
from .schema import VERSION_TABLE

__all__ = [
    "MAX_ATTEMPTS", "PG_MIGRATION_LOCK", "PG_WRITE_LOCK", "SQLITE_BUSY_TIMEOUT", "alembic_config", "head_revision",
    "make_engine", "normalize_url", "upgrade", "with_retry",
]  # fmt: skip

T = TypeVar("T")

SQLITE_BUSY_TIMEOUT = 60.0  # seconds a SQLite writer waits for the lock before an attempt fails
MAX_ATTEMPTS = 8  # write attempts on a busy / serialization / deadlock error
PG_MIGRATION_LOCK = 0x706F6C70  # advisory lock key taken while migrating ("polp")
PG_WRITE_LOCK = 0x706F6C77  # advisory lock key every write transaction takes ("polw")
_RETRY_SQLSTATES = {"40001", "40P01", "55P03"}


def _dumps(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def normalize_url(url: str | os.PathLike[str]) -> str:
    """``postgresql://`` -> ``postgresql+psycopg://``; a path -> ``sqlite:///<absolute path>``."""
    s = os.fspath(url)
    if "://" not in s and not s.startswith("sqlite:"):
        return "sqlite:///" + os.path.abspath(s)
    for prefix in ("postgresql://", "postgres://"):
        if s.startswith(prefix):
            return "postgresql+psycopg://" + s[len(prefix):]
    return s


def make_engine(url: str | os.PathLike[str]) -> Engine:
    """An engine for ``url`` (see :func:`normalize_url`) with the store's connection settings.

    SQLite connections run in WAL mode with foreign keys on; a connection used for writing
    (``execution_options(policyparse_write=True)``) starts its transactions with ``BEGIN
    IMMEDIATE`` so that two writers never deadlock on a lock upgrade.
    """
    u = make_url(normalize_url(url))
    if u.get_backend_name() == "sqlite":
        if u.database and u.database != ":memory:":
            Path(u.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(u, json_serializer=_dumps, connect_args={"timeout": SQLITE_BUSY_TIMEOUT})
        _sqlite_events(engine, file_backed=bool(u.database) and u.database != ":memory:")
        return engine
    if u.get_backend_name() == "postgresql":
        return create_engine(u, json_serializer=_dumps, pool_pre_ping=True)
    raise UsageError(f"unsupported store URL {u.render_as_string(hide_password=True)!r} (SQLite or PostgreSQL)")


def _sqlite_events(engine: Engine, *, file_backed: bool) -> None:
    @event.listens_for(engine, "connect")
    def _connect(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None  # transactions are begun explicitly below
        cur = dbapi_conn.cursor()
        try:
            cur.execute("PRAGMA foreign_keys = ON")
            if file_backed:
                for attempt in range(MAX_ATTEMPTS):
                    try:
                        cur.execute("PRAGMA journal_mode = WAL")
                        break
                    except sqlite3.OperationalError as exc:  # locked while another process opens it
                        if "locked" not in str(exc) or attempt == MAX_ATTEMPTS - 1:
                            raise
                        time.sleep(0.05 * (attempt + 1))
                cur.execute("PRAGMA synchronous = NORMAL")
        finally:
            cur.close()

    @event.listens_for(engine, "begin")
    def _begin(conn: Connection) -> None:
        write = conn.get_execution_options().get("policyparse_write", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


def _retryable(exc: DBAPIError) -> bool:
    orig = exc.orig
    if getattr(orig, "sqlstate", None) in _RETRY_SQLSTATES:
        return True
    msg = str(orig).lower()
    return isinstance(exc, OperationalError) and ("locked" in msg or "busy" in msg)


def with_retry(fn: Callable[[], T]) -> T:
    for attempt in range(MAX_ATTEMPTS):
        try:
            return fn()
        except DBAPIError as exc:
            if not _retryable(exc) or attempt == MAX_ATTEMPTS - 1:
                raise
            time.sleep(min(2.0, 0.05 * 2**attempt))
    raise AssertionError("unreachable")  # pragma: no cover


# ------------------------------------------------------------------------------------ migrations


def alembic_config(connection: Connection | None = None, url: str | None = None):
    """The Alembic config of the store, built in code (no ``alembic.ini``)."""
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(resources.files("policyparse.store") / "migrations"))
    if url is not None:
        cfg.set_main_option("sqlalchemy.url", normalize_url(url).replace("%", "%%"))
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


def _current_revision(conn: Connection) -> str | None:
    from alembic.runtime.migration import MigrationContext

    return MigrationContext.configure(conn, opts={"version_table": VERSION_TABLE}).get_current_revision()


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def upgrade(engine: Engine) -> None:
    """Bring the database to the head revision (a no-op when it is there already)."""
    from alembic import command

    head = head_revision()
    with engine.connect() as conn:
        current = _current_revision(conn)
        conn.rollback()
    if current == head:
        return

    def run() -> None:
        with engine.execution_options(policyparse_write=True).begin() as conn:
            if conn.dialect.name == "postgresql":
                conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": PG_MIGRATION_LOCK})
            if _current_revision(conn) != head:
                command.upgrade(alembic_config(conn), "head")

    with_retry(run)
