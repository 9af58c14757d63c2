"""The store's specifications again, on PostgreSQL, plus: SQLite and PostgreSQL hold the same rows.

Runs against the server named by ``POLICYPARSE_TEST_PG_URL`` (start a throwaway one with
``export POLICYPARSE_TEST_PG_URL="$(bash scripts/pg_for_tests.sh)"``) and is skipped when that
variable is unset. Each test works in a schema of its own (``search_path`` set through the
URL), dropped afterwards, so the tests never touch the database's other contents.
"""

from __future__ import annotations

import os
import uuid
from urllib.parse import quote

import pytest
import test_store
from sqlalchemy import create_engine, text

from policyparse.store import Store
from policyparse.store.engine import normalize_url

PG_URL = os.environ.get("POLICYPARSE_TEST_PG_URL")

pytestmark = pytest.mark.skipif(
    not PG_URL,
    reason="POLICYPARSE_TEST_PG_URL is not set: start a server with "
    "`export POLICYPARSE_TEST_PG_URL=\"$(bash scripts/pg_for_tests.sh)\"` to run the PostgreSQL store tests",
)

# every test of test_store.py marked @on_every_backend, collected here with this module's store_url
globals().update({name: fn for name, fn in vars(test_store).items()
                  if name.startswith("test_") and getattr(fn, "on_every_backend", False)})
store = test_store.store


@pytest.fixture
def store_url():
    """The test server, with a fresh schema first on the search_path; the schema is dropped after the test."""
    assert PG_URL
    schema = f"policyparse_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(normalize_url(PG_URL))
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    sep = "&" if "?" in PG_URL else "?"
    try:
        yield f"{PG_URL}{sep}options={quote(f'-csearch_path={schema}')}"
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


def test_sqlite_and_postgresql_hold_the_same_rows(store_url, tmp_path):
    with Store.open(store_url) as pg, Store.open(tmp_path / "archive.db") as lite:
        test_store.load(pg, test_store.CORPUS)
        test_store.load(lite, test_store.CORPUS)
        assert test_store.snapshot(pg) == test_store.snapshot(lite)
        for sql in test_store.sql_examples():
            q = sql.strip().rstrip(";")
            assert [tuple(map(test_store._norm, r.values())) for r in pg.sql(q)] == \
                [tuple(map(test_store._norm, r.values())) for r in lite.sql(q)], q
