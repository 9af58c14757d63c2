"""Open a store (SQLite file or PostgreSQL server) and write parsed documents into it.

Contracts:

* :meth:`Store.open` takes ``postgresql://…`` (driver psycopg 3), any SQLAlchemy URL, or a
  filesystem path (a SQLite file, created when missing). Opening runs the Alembic revisions up
  to head under a lock (``BEGIN IMMEDIATE`` on SQLite, a transaction-scoped advisory lock on
  PostgreSQL), so concurrent first opens create the schema once.
* A document is identified by its ``doc_key`` (:func:`policyparse.history.doc_key`: 发文字号,
  else title and date, else content hash); a source file by its
  :func:`~policyparse.store.rows.source_key` (absolute path), kept in ``document_sources``.
  Copies of one document (same key and title: a .txt and an .html of one notice) are sources
  of one ``documents`` row, whose findings are read from the copy with the smallest path, so
  no query counts a document twice. A second document with a taken key but another title
  gets ``#2``, ``#3`` … as in the history.
* Writing one source is one transaction: its document row is upserted (``ON CONFLICT
  (doc_key) DO UPDATE``) when it is the copy the document is read from, its findings deleted
  and inserted again, its source row upserted and its ``load_errors`` row removed; or, for a
  failed parse, the source is removed and its error row upserted. A source that stops being
  a copy of a document (changed, failed or pruned) takes that document with it when it was
  the copy the findings came from: the other copies are read again by the next load. A killed
  writer therefore leaves every source either as it was or fully replaced.
* A source whose SHA-256, schema version and parser version equal the stored ones is
  ``unchanged`` and not written (and :meth:`Store.add_many` does not even parse it). Failed
  sources are retried on every load.
* Concurrent writers (threads or processes) serialize per transaction: SQLite waits on its
  busy timeout and the write is retried on ``database is locked``; on PostgreSQL every write
  transaction first takes one transaction-scoped advisory lock (``PG_WRITE_LOCK``). A row lock
  would not do: which key a document is stored under depends on the rows already there
  (``_key_for``), and two writers inserting the same new source race on the path and key
  indexes at once, which ``ON CONFLICT`` on one of them cannot absorb. Writes are a few
  milliseconds against the parse that precedes them, so loads still run in parallel where the
  time goes. Each source ends up stored exactly once.
"""

from __future__ import annotations

import json
import logging
import os
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import Connection, Engine, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, OperationalError

from ..errors import UsageError
from ..model import PolicyDocument
from . import queries
from .engine import PG_WRITE_LOCK, alembic_config, make_engine, normalize_url, upgrade, with_retry
from .rows import document_rows, source_key
from .schema import document_sources
from .write import escaped, prune, sha_of, write_document, write_error

logger = logging.getLogger(__name__)

__all__ = ["Store", "alembic_config", "make_engine", "upgrade"]  # the last three live in .engine

T = TypeVar("T")


def _absolute(paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]]) -> list[str]:
    items = [paths] if isinstance(paths, (str, os.PathLike)) else list(paths)
    return [os.path.abspath(os.fspath(p)) for p in items]


def _safe(url: str | os.PathLike[str]) -> str:
    """The URL without its password, for messages."""
    try:
        return make_url(normalize_url(url)).render_as_string(hide_password=True)
    except ArgumentError:
        return os.fspath(url)


def _parser_version() -> str:
    from .. import __version__

    return __version__


class Store:
    """A parsed archive in SQLite or PostgreSQL; see the module doc for the write contract."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._writer = engine.execution_options(policyparse_write=True)

    @classmethod
    def open(cls, url: str | os.PathLike[str]) -> Store:
        """Open (and create or migrate) the store at ``url``: a path, ``sqlite:///…`` or ``postgresql://…``."""
        try:
            engine = make_engine(url)
        except (ImportError, NoSuchModuleError) as exc:
            raise UsageError(f"no database driver for this store URL ({exc})",
                             hint="PostgreSQL needs psycopg 3: pip install 'psycopg[binary]'") from exc
        except ArgumentError as exc:
            raise UsageError(f"not a store URL or path: {exc}") from exc
        except OSError as exc:
            raise UsageError(f"cannot create the store's folder: {exc}") from exc
        try:
            upgrade(engine)
        except OperationalError as exc:
            engine.dispose()
            reason = str(exc.orig).strip().splitlines()[0] if exc.orig is not None else str(exc)
            raise UsageError(f"cannot open the store {_safe(url)}: {reason}") from exc
        return cls(engine)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------------------------- writes
    def _write(self, fn: Callable[[Connection], str]) -> str:
        def attempt() -> str:
            with self._writer.begin() as conn:
                if conn.dialect.name == "postgresql":
                    conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": PG_WRITE_LOCK})
                return fn(conn)

        return with_retry(attempt)

    def add(self, doc: PolicyDocument, *, path: str | os.PathLike[str] | None = None,
            sha256: str | None = None, doc_json: dict[str, Any] | None = None) -> str:
        """Store ``doc`` read from ``path`` (default: its ``source.path``) in one transaction.

        Returns ``added``, ``replaced`` or ``unchanged``. ``sha256`` defaults to the document's
        ``source.sha256``; ``doc_json`` (its ``model_dump(mode="json")``) is computed when absent.
        """
        p = path if path is not None else (doc.source.path if doc.source else None)
        sha = sha256 or (doc.source.sha256 if doc.source else None)
        if p is None or sha is None:
            raise UsageError("store.add() needs the document's source path and sha256 (pass path=, sha256=)")
        rows = document_rows(doc, path=source_key(p), sha256=sha, parser_version=_parser_version(),
                             doc_json=doc_json)
        return self._write(lambda conn: write_document(conn, rows))

    def add_error(self, path: str | os.PathLike[str], error: str, code: str, message: str, *,
                  sha256: str | None = None) -> str:
        """Record that ``path`` failed to parse (its stored document, if any, is removed). Returns ``failed``."""
        key = source_key(path)
        err = {"path": key, "sha256": sha256 if sha256 is not None else sha_of(key), "error": error,
               "code": code, "message": message}
        return self._write(lambda conn: write_error(conn, err))

    def add_record(self, record: dict[str, Any]) -> str:
        """Store one :func:`policyparse.batch.parse_many` record (a document or an error)."""
        if record.get("ok"):
            doc = PolicyDocument.model_validate(record["document"])
            return self.add(doc, path=record["path"], doc_json=record["document"])
        return self.add_error(record["path"], str(record.get("error")), str(record.get("code") or "E000"),
                              str(record.get("message") or ""))

    def add_records(self, records: Iterable[dict[str, Any]]) -> dict[str, Any]:
        """Store every record; return the load summary (see :meth:`add_many`)."""
        counts: Counter[str] = Counter()
        errors: Counter[str] = Counter()
        for rec in map(escaped, records):
            counts[self.add_record(rec)] += 1
            if not rec.get("ok"):
                errors[str(rec.get("error"))] += 1
        return _summary(counts, errors)

    def load_records(self, jsonl: str | os.PathLike[str]) -> dict[str, Any]:
        """Store every record of a batch output file (``policyparse batch -o out.jsonl``); return the summary.

        A trailing partial line (a batch killed while writing it) is ignored; any other line that
        is not a record raises :class:`UsageError` before anything is written.
        """
        p = Path(jsonl)
        try:
            data = p.read_bytes()
        except OSError as exc:
            raise UsageError(f"cannot read the batch output: {exc}", path=str(p)) from exc
        lines = data.split(b"\n")
        if lines and not data.endswith(b"\n"):
            lines.pop()  # the partial line of an interrupted batch
        records = []
        for i, raw in enumerate(lines, 1):
            if not raw.strip():
                continue
            try:
                rec = json.loads(raw)
                rec["path"]
            except (ValueError, KeyError, TypeError) as exc:
                raise UsageError(f"line {i} is not a batch record", path=str(p)) from exc
            records.append(rec)
        return self.add_records(records)

    def add_many(self, paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]], *, workers: int = 1,
                 timeout: float | None = None, progress: bool = False, parse_fn: Any = None,
                 recursive: bool = True, prune: bool = False, settings: Any = None) -> dict[str, Any]:
        """Parse and store a folder / glob / .zip / list of paths; skip sources stored unchanged.

        Returns ``{"inputs", "added", "replaced", "unchanged", "failed", "errors": {type: n}}``.
        Parsing goes through :func:`policyparse.batch.parse_many` (``workers``, ``timeout``,
        ``progress``, ``parse_fn``, ``recursive``, ``settings`` as there); a zip with any changed member is parsed whole and
        its unchanged members are not rewritten. Every parsed source is committed on its own,
        so an interrupted load is resumed by running it again. ``prune=True`` first removes the
        stored sources whose files no longer exist (:meth:`prune`); the summary then has ``pruned``.
        """
        from ..batch import collect_inputs, parse_many
        from ..model import SCHEMA_VERSION

        items = collect_inputs(_absolute(paths), recursive=recursive)
        pruned = self.prune() if prune else None
        current = (SCHEMA_VERSION, _parser_version())
        with self.engine.connect() as conn:
            stored = {r.path: (r.sha256, r.schema_version, r.parser_version) for r in conn.execute(
                select(document_sources.c.path, document_sources.c.sha256, document_sources.c.schema_version,
                       document_sources.c.parser_version))}
        counts: Counter[str] = Counter()
        errors: Counter[str] = Counter()
        todo: dict[str, str | None] = {}
        for it in items:
            sha = sha_of(it.path)
            if sha is not None and stored.get(source_key(it.path)) == (sha, *current):
                counts["unchanged"] += 1
            else:
                todo[it.path] = sha
        feed = sorted({it.archive or it.path for it in items if it.path in todo})
        if feed:
            for rec in parse_many(feed, workers=workers, timeout=timeout, progress=progress, parse_fn=parse_fn,
                                  recursive=recursive, settings=settings):
                if rec["path"] not in todo:
                    continue  # an unchanged member of a zip that had to be parsed again
                if rec.get("ok"):
                    counts[self.add_record(rec)] += 1
                else:
                    errors[str(rec.get("error"))] += 1
                    counts[self.add_error(rec["path"], str(rec.get("error")), str(rec.get("code") or "E000"),
                                          str(rec.get("message") or ""), sha256=todo[rec["path"]])] += 1
        out = _summary(counts, errors)
        if pruned is not None:
            out["pruned"] = pruned
        logger.info("store load: %s", out)
        return out

    def prune(self) -> int:
        """Remove the stored sources whose file (or zip member) no longer exists, with the
        documents read from them, and the error rows of vanished files; return how many."""
        return int(self._write(lambda conn: str(prune(conn))))

    # ------------------------------------------------------------------------------- reads
    def _read(self, fn: Callable[[Connection], T]) -> T:
        with self.engine.connect() as conn:
            try:
                return fn(conn)
            finally:
                conn.rollback()

    def in_force(self, date: Any) -> list[str]:
        """Keys of the documents in force on ``date`` (ISO string or ``datetime.date``), sorted."""
        return self._read(lambda c: queries.in_force(c, date))

    def is_in_force(self, doc: str, date: Any) -> bool:
        return self._read(lambda c: queries.is_in_force(c, doc, date))

    def chain(self, doc: str) -> list[str]:
        """Predecessors, the document, successors along repeal edges, oldest first (as ``History.chain``)."""
        return self._read(lambda c: queries.chain(c, doc))

    def tasks_led_by(self, unit: str, *, roles: tuple[str, ...] = ("lead",)) -> list[dict[str, Any]]:
        """Tasks where ``unit`` (as written or canonical) has one of ``roles``, in document order."""
        return self._read(lambda c: queries.tasks_led_by(c, unit, roles=roles))

    def repeal_edges(self, doc: str | None = None) -> list[dict[str, Any]]:
        return self._read(lambda c: queries.repeal_edges(c, doc))

    def unrepealed(self) -> list[str]:
        return self._read(queries.unrepealed)

    def resolve_key(self, ref: str) -> str:
        """A ``doc:``/``ref:`` key as is; a 发文字号 or title -> the stored document's key."""
        return self._read(lambda c: queries.resolve_key(c, ref))

    def document(self, doc: str) -> PolicyDocument:
        """The stored document with this key (or 发文字号 / title); the first by path for copies."""
        return self._read(lambda c: queries.document(c, doc))

    def history(self):
        """:func:`policyparse.history.build_history` over every stored document (no re-parsing)."""
        return self._read(queries.history)

    def counts(self) -> dict[str, int]:
        """Row count of every table."""
        return self._read(queries.counts)

    def sql(self, statement: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        """Run one read-only SQL statement; rows as dicts."""
        return self._read(lambda c: [dict(r._mapping) for r in c.execute(text(statement), params or {})])

    # ------------------------------------------------------------------------------- diffs
    def add_diff(self, old: str, new: str, *, edge_kind: str | None = None) -> dict[str, Any]:
        """Diff two stored documents (source paths, or keys, 发文字号 or titles) from their stored JSON, keep the diff
        (replacing an earlier one of the same pair of sources) and return its summary row."""
        from ..diff import diff_documents
        from . import diffs

        o = self._read(lambda c: diffs.stored_document(c, old))
        n = self._read(lambda c: diffs.stored_document(c, new))
        d = diff_documents(o[3], n[3])
        self._write(lambda conn: str(diffs.write_diff(conn, o[:3], n[:3], d, edge_kind)))
        return {"old_key": o[0], "new_key": n[0], "old_path": o[1], "new_path": n[1], "edge_kind": edge_kind, "unit_kind": d.unit_kind,
                **d.summary.model_dump()}

    def add_edge_diffs(self) -> list[dict[str, Any]]:
        """Diff the two ends of every resolved repeal edge between stored documents (older = the
        repealed one); one diff per pair of documents. Returns the summary rows, in edge order."""
        pairs = sorted({(e["target_key"], e["source_key"]) for e in self.repeal_edges()
                        if e["kind"] == "repeals" and e["status"] == "resolved" and e["target_key"] != e["source_key"]})
        return [self.add_diff(old, new, edge_kind="repeals") for old, new in pairs]

    def history_with_diffs(self):
        """:meth:`history`, each edge between two documents of a stored diff carrying its counts (``diff``)."""
        from . import diffs

        def run(conn: Connection):
            h = queries.history(conn)
            diffs.annotate_from_store(conn, h)
            return h

        return self._read(run)

    def edition_diffs(self, doc: str | None = None) -> list[dict[str, Any]]:
        """Summaries of the stored diffs whose sources are unchanged (all, or those of ``doc``)."""
        from . import diffs

        return self._read(lambda c: diffs.edition_diff_rows(c, doc))

    def changed_units(self, old: str, new: str, *,
                      statuses: tuple[str, ...] = ("amended", "inserted", "deleted")) -> list[dict[str, Any]]:
        """Which units (articles, items, tasks) changed from ``old`` to ``new``, from the stored diff."""
        from . import diffs

        return self._read(lambda c: diffs.changed_units(c, old, new, statuses))


def _summary(counts: Counter[str], errors: Counter[str]) -> dict[str, Any]:
    keys = ("added", "replaced", "unchanged", "failed")
    out: dict[str, Any] = {"inputs": sum(counts[k] for k in keys)}
    out.update({k: counts[k] for k in keys})
    out["errors"] = dict(sorted(errors.items()))
    return out
