"""Specifications of the archive store (policyparse.store), on SQLite.

Tests marked with :func:`on_every_backend` run again on PostgreSQL in test_store_pg.py, which
swaps the ``store_url`` fixture. Expected values come from the parsed documents themselves and
from :func:`policyparse.history.build_history` (the store must answer as the history does).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy import select

from policyparse.errors import UsageError
from policyparse.history import build_history
from policyparse.model import PolicyDocument
from policyparse.store import Store, cli_batch_to_store, cli_history_from_store
from policyparse.store.engine import head_revision, normalize_url
from policyparse.store.rows import document_rows
from policyparse.store.schema import CHILD_TABLES, TABLES, VERSION_TABLE, VIEWS, metadata

from conftest import DEV, ROOT, SEED, dev_files, parsed

DOCS_MD = ROOT / "docs" / "store.md"  # the store's reference page holds the example queries
CORPUS = [*dev_files(), SEED]
F019 = DEV / "019_fagui_guizhang_beian_shencha_tiaoli_2024.txt"
F020 = DEV / "020_fagui_guizhang_beian_tiaoli_2001.txt"


def on_every_backend(fn):
    """Mark a test to be run on PostgreSQL too (test_store_pg.py collects the marked ones)."""
    fn.on_every_backend = True
    return fn


@pytest.fixture
def store_url(tmp_path: Path) -> str:
    return str(tmp_path / "archive.db")


@pytest.fixture
def store(store_url: str):
    with Store.open(store_url) as s:
        yield s


def doc_of(path: Path) -> PolicyDocument:
    """The parsed document, read through its absolute path (so its source path is absolute)."""
    return parsed(str(path.resolve()))


def load(store: Store, paths: list[Path]) -> list[PolicyDocument]:
    docs = [doc_of(p) for p in paths]
    for d in docs:
        store.add(d)
    return docs


def _norm(v):
    if isinstance(v, bool):
        return int(v)
    if isinstance(v, (dict, list)):
        return json.dumps(v, ensure_ascii=False, sort_keys=True)
    return v


def snapshot(store: Store) -> dict[str, list[tuple]]:
    """Every row of every table and view, values normalized across backends, sorted."""
    out = {}
    with store.engine.connect() as conn:
        for t in TABLES:  # through the Table, so that JSON columns come back as Python values
            rows = [dict(r._mapping) for r in conn.execute(select(t))]
            out[t.name] = sorted((tuple(_norm(r[k]) for k in sorted(r)) for r in rows), key=repr)
        conn.rollback()
    for name in VIEWS:
        rows = store.sql(f"SELECT * FROM {name}")
        out[name] = sorted((tuple(_norm(r[k]) for k in sorted(r)) for r in rows), key=repr)
    return out


def assert_every_document_complete(store: Store) -> None:
    """Each stored document has exactly the child rows its JSON calls for, and no row is orphaned."""
    per_table = {t.name: Counter({r["document_id"]: r["n"] for r in store.sql(
        f"SELECT document_id, COUNT(*) AS n FROM {t.name} GROUP BY document_id")}) for t in CHILD_TABLES}
    docs = store.sql("SELECT id, path, sha256, parser_version, doc_json FROM documents")
    ids = {d["id"] for d in docs}
    for name, counter in per_table.items():
        assert set(counter) <= ids, f"{name} holds rows of documents that are not stored"
    for d in docs:
        raw = d["doc_json"]  # JSON text on SQLite (plain SQL applies no column type), a dict on PostgreSQL
        doc = PolicyDocument.model_validate(json.loads(raw) if isinstance(raw, str) else raw)
        expected = document_rows(doc, path=d["path"], sha256=d["sha256"], parser_version=d["parser_version"])
        for name, counter in per_table.items():
            assert counter[d["id"]] == len(expected[name]), (d["path"], name)


def sql_examples() -> list[str]:
    return re.findall(r"```sql\n(.*?)```", DOCS_MD.read_text(encoding="utf-8"), flags=re.S)


def expected_counts(docs: list[PolicyDocument]) -> dict[str, int]:
    """Row counts read off the model, independently of the store's row mapping."""
    parts = [d for doc in docs for d in doc.walk()]
    return {
        "documents": len(docs),
        "document_issuers": sum(len(doc.issuers) for doc in docs),
        "tasks": sum(len(d.tasks) for d in parts),
        "task_units": sum(len(t.units) for d in parts for t in d.tasks),
        "repeals": sum(len(d.repeals) + len(d.suspensions) for d in parts),
        "repeal_issuers": sum(len(r.issuers) for d in parts for r in d.repeals),
        "cited_documents": sum(len(d.cited_documents) for d in parts),
        "targets": sum(max(1, len(t.items)) for d in parts for t in d.targets),
        "annex_tables": sum(len(a.tables) for d in parts for a in d.annexes),
        "load_errors": 0,
    }


def history_edges(h) -> set[tuple[str, str, str]]:
    return {(u, v, d["kind"]) for u, v, _k, d in h.graph.edges(keys=True, data=True) if d["kind"] != "cites"}


def store_edges(store: Store) -> set[tuple[str, str, str]]:
    return {(e["source_key"], e["target_key"], e["kind"]) for e in store.repeal_edges()}


# ---------------------------------------------------------------------------------- loading


@on_every_backend
def test_it_stores_one_row_per_finding_of_the_dev_corpus(store):
    docs = load(store, CORPUS)
    counts = store.counts()
    assert counts["documents"] == 33
    assert {k: counts[k] for k in expected_counts(docs)} == expected_counts(docs)
    assert counts["tasks"] > 100 and counts["repeals"] > 20 and counts["annex_tables"] > 0
    assert_every_document_complete(store)


@on_every_backend
def test_it_keeps_the_full_json_of_each_document(store):
    docs = load(store, [SEED, F020])
    for d in docs:
        assert store.document(d.doc_number.normalized if d.doc_number else d.title) == d


@on_every_backend
def test_the_documented_example_queries_run_and_answer(store, tmp_path):
    load(store, CORPUS)
    store.add_error(tmp_path / "broken.txt", "EmptyDocument", "E007", "the document holds no text")
    examples = sql_examples()
    assert len(examples) >= 8
    for sql in examples:
        assert store.sql(sql.strip().rstrip(";")), f"no rows from the documented query:\n{sql}"
    in_force_sql = next(s for s in examples if "FROM v_in_force" in s and "valid_from" in s)
    assert [r["doc_key"] for r in store.sql(in_force_sql.strip().rstrip(";"))] == store.in_force("2024-01-01")


@on_every_backend
def test_reloading_the_same_sources_changes_nothing_and_parses_nothing(store):
    first = store.add_many(CORPUS, workers=0)
    assert first["added"] == len(CORPUS) and first["failed"] == 0
    before = snapshot(store)
    again = store.add_many(CORPUS, workers=0, parse_fn=_parse_must_not_be_called)
    assert again == {"inputs": len(CORPUS), "added": 0, "replaced": 0, "unchanged": len(CORPUS), "failed": 0,
                     "errors": {}}
    assert snapshot(store) == before


def _parse_must_not_be_called(*_a, **_k):
    raise AssertionError("an unchanged source was parsed again")


@on_every_backend
def test_a_changed_source_is_replaced_in_one_piece(store, tmp_path):
    src = tmp_path / "seed.txt"
    shutil.copy(SEED, src)
    assert store.add_many([src], workers=0)["added"] == 1
    old = store.sql("SELECT id, sha256 FROM documents")
    assert store.sql("SELECT COUNT(*) AS n FROM repeals")[0]["n"] == 1
    text = src.read_text(encoding="utf-8")
    src.write_text(re.sub(r"[^。]*同时废止。", "", text), encoding="utf-8")
    assert store.add_many([src], workers=0)["replaced"] == 1
    new = store.sql("SELECT id, sha256 FROM documents")
    assert len(new) == 1 and new[0]["id"] == old[0]["id"] and new[0]["sha256"] != old[0]["sha256"]
    assert store.sql("SELECT COUNT(*) AS n FROM repeals")[0]["n"] == 0
    assert_every_document_complete(store)


# -------------------------------------------------------------------------------- history


@on_every_backend
def test_adding_the_predecessor_later_turns_the_candidate_into_a_resolved_edge(store):
    d19, d20 = load(store, [F019])[0], doc_of(F020)
    (edge,) = [e for e in store.repeal_edges() if e["kind"] == "repeals"]
    assert edge["status"] == "candidate" and edge["target_key"].startswith("ref:")
    store.add(d20)
    h = build_history([d19, d20])
    key19, key20 = h.find(title=d19.title), h.find(doc_number=d20.doc_number.normalized)
    (edge,) = [e for e in store.repeal_edges(key19) if e["source_key"] == key19]
    assert (edge["target_key"], edge["status"]) == (key20, "resolved")
    assert store_edges(store) == history_edges(h)
    assert store.chain(key19) == h.chain(key19)
    assert key20 in store.chain(key19) and store.chain(key20) == store.chain(key19)
    assert store.is_in_force(key20, "2010-01-01") and not store.is_in_force(key20, "2025-01-01")
    assert store.is_in_force(key19, "2025-01-01")


@on_every_backend
def test_the_store_answers_the_history_queries_as_the_history_does(store):
    docs = load(store, CORPUS)
    h = build_history(docs)
    assert store_edges(store) == history_edges(h)
    for date in ("1990-01-01", "2019-06-30", "2022-03-01", "2024-01-01", "2025-12-31"):
        assert store.in_force(date) == [n for n in h.documents() if h.in_force(n, date)], date
    for key in h.documents():
        assert store.chain(key) == h.chain(key), key
    assert store.unrepealed() == h.unrepealed()


@on_every_backend
def test_tasks_led_by_a_unit_are_the_tasks_that_name_it_lead(store):
    docs = load(store, CORPUS)
    led = Counter((u.name, t.id, t.title) for doc in docs for d in doc.walk() for t in d.tasks for u in t.units
                  if u.role == "lead")
    unit = sorted(led, key=lambda k: (-sum(v for kk, v in led.items() if kk[0] == k[0]), k))[0][0]
    rows = store.tasks_led_by(unit)
    assert Counter((unit, r["task_id"], r["task_title"]) for r in rows) == \
        Counter({k: v for k, v in led.items() if k[0] == unit})
    assert store.tasks_led_by("no such unit") == []


@on_every_backend
def test_history_from_the_store_renders_as_history_over_the_parsed_documents(store, store_url):
    docs = load(store, CORPUS)
    expected = json.dumps(build_history(docs).to_json(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    assert cli_history_from_store(store_url, "json") == expected
    assert cli_history_from_store(store_url, "mermaid") == build_history(docs).to_mermaid()
    answer = json.loads(cli_history_from_store(store_url, in_force_on="2024-01-01", chain_of="国务院令第337号",
                                               unrepealed_only=True))
    assert answer["in_force"]["documents"] == store.in_force("2024-01-01")
    assert answer["chain"]["chain"] == store.chain("doc:国务院令第337号")
    assert answer["unrepealed"] == store.unrepealed()
    with pytest.raises(UsageError):
        cli_history_from_store(store_url, "graphml", led_by="各区政府")


# ------------------------------------------------------------------------ failures, crashes


@on_every_backend
def test_a_failed_parse_records_its_error_and_keeps_the_store_consistent(store, tmp_path):
    good, bad = tmp_path / "good.txt", tmp_path / "bad.txt"
    shutil.copy(SEED, good)
    bad.write_text("   \n", encoding="utf-8")
    summary = store.add_many(tmp_path, workers=0)
    assert (summary["added"], summary["failed"], summary["errors"]) == (1, 1, {"EmptyDocument": 1})
    (err,) = store.sql("SELECT path, error, code FROM load_errors")
    assert (err["path"], err["error"], err["code"]) == (str(bad), "EmptyDocument", "E007")
    good.write_text("", encoding="utf-8")  # the good file breaks: its stale document goes
    shutil.copy(F020, bad)  # the broken one is repaired: its error goes
    summary = store.add_many(tmp_path, workers=0)
    assert (summary["added"], summary["failed"]) == (1, 1)
    assert [r["path"] for r in store.sql("SELECT path FROM documents")] == [str(bad)]
    assert [r["path"] for r in store.sql("SELECT path FROM load_errors")] == [str(good)]
    assert_every_document_complete(store)


KILL_CHILD = """
import sys, time
from pathlib import Path
from policyparse.store import Store, write

url, folder, marker = sys.argv[1:4]
real = write._insert_children
seen = []

def insert_then_hang(conn, doc_id, rows):
    real(conn, doc_id, rows)
    seen.append(doc_id)
    if len(seen) == 4:  # the 4th document is written but not committed: wait here to be killed
        Path(marker).write_text("inside the transaction")
        time.sleep(120)

write._insert_children = insert_then_hang
with Store.open(url) as store:
    store.add_many(folder, workers=0)
"""


def _child_env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT / "src"), env.get("PYTHONPATH", "")])
    return env


@on_every_backend
def test_a_load_killed_midway_leaves_no_partial_document(store, store_url, tmp_path):
    folder = tmp_path / "archive"
    folder.mkdir()
    for p in CORPUS[:8]:
        shutil.copy(p, folder / p.name)
    marker = tmp_path / "marker"
    child = subprocess.Popen([sys.executable, "-c", KILL_CHILD, store_url, str(folder), str(marker)],
                             env=_child_env(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 60
        while not marker.exists():
            assert child.poll() is None, child.stderr.read().decode()
            assert time.monotonic() < deadline, "the loader never reached its 4th document"
            time.sleep(0.05)
        child.send_signal(signal.SIGKILL)
    finally:
        child.wait(30)
        child.stderr.close()
    assert store.counts()["documents"] == 3
    assert_every_document_complete(store)
    summary = store.add_many(folder, workers=0)
    assert (summary["unchanged"], summary["added"]) == (3, 5)
    assert_every_document_complete(store)


CONCURRENT_CHILD = """
import json, sys, time
from pathlib import Path
from policyparse.pipeline import parse
from policyparse.store import Store
url, ready, go, *folders = sys.argv[1:]
parse(Path(folders[0]).glob("*.txt").__next__())  # warm up imports and lexicons before the start
with Store.open(url) as store:
    Path(ready).touch()
    while not Path(go).exists():  # start loading together with the other process
        time.sleep(0.01)
    print(json.dumps(store.add_many(folders, workers=0)))
"""


@on_every_backend
def test_two_concurrent_loads_over_overlapping_folders_store_each_document_once(store_url, tmp_path):
    root = tmp_path / "archive"
    groups = {"shared": CORPUS[:16], "only1": CORPUS[16:20], "only2": CORPUS[20:24]}
    for name, files in groups.items():
        (root / name).mkdir(parents=True)
        for p in files:
            shutil.copy(p, root / name / p.name)
    go = tmp_path / "go"
    runs = [(tmp_path / f"ready{i}", root / "shared", root / f"only{i}") for i in (1, 2)]
    children = [subprocess.Popen([sys.executable, "-c", CONCURRENT_CHILD, store_url, str(r), str(go), str(x), str(y)],
                                 env=_child_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
                for r, x, y in runs]
    deadline = time.monotonic() + 60
    while not all(r.exists() for r, _x, _y in runs) and time.monotonic() < deadline:
        time.sleep(0.01)
    go.touch()
    outs = [c.communicate(timeout=120) for c in children]
    for c, (_out, err) in zip(children, outs, strict=True):
        assert c.returncode == 0, err.decode()
    summaries = [json.loads(out) for out, _err in outs]
    assert [s["failed"] for s in summaries] == [0, 0]
    assert [s["inputs"] for s in summaries] == [20, 20]
    with Store.open(store_url) as store:
        paths = [r["path"] for r in store.sql("SELECT path FROM documents")]
        assert sorted(paths) == sorted(str(f) for f in root.rglob("*.txt"))
        assert store.counts()["load_errors"] == 0
        assert_every_document_complete(store)


# ------------------------------------------------------------------------- schema, entry points


@on_every_backend
def test_the_migrations_build_exactly_the_declared_schema(store):
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext
    from sqlalchemy import inspect

    with store.engine.connect() as conn:
        ctx = MigrationContext.configure(conn, opts={"version_table": VERSION_TABLE})
        assert compare_metadata(ctx, metadata) == []
        assert set(VIEWS) <= set(inspect(conn).get_view_names())
        conn.rollback()


@on_every_backend
def test_batch_to_store_loads_a_zip_and_reloads_nothing(store_url, tmp_path):
    archive = tmp_path / "archive.zip"
    with zipfile.ZipFile(archive, "w") as z:
        for p in (SEED, F019, F020):
            z.write(p, f"docs/{p.name}")
        z.writestr("docs/empty.txt", "")
    first = cli_batch_to_store(archive, store_url, workers=0)
    assert (first["inputs"], first["added"], first["failed"]) == (4, 3, 1)
    assert cli_batch_to_store(archive, store_url, workers=0)["unchanged"] == 3
    with Store.open(store_url) as store:
        assert {r["path"] for r in store.sql("SELECT path FROM documents")} == \
            {f"{archive}!docs/{p.name}" for p in (SEED, F019, F020)}
        assert store.sql("SELECT path FROM load_errors")[0]["path"] == f"{archive}!docs/empty.txt"


@on_every_backend
def test_a_batch_output_file_loads_into_the_store_up_to_its_partial_last_line(store, tmp_path):
    from policyparse.batch import parse_many

    (tmp_path / "in").mkdir()
    for p in (F019, F020):
        shutil.copy(p, tmp_path / "in" / p.name)
    (tmp_path / "in" / "empty.txt").write_text("", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    list(parse_many(tmp_path / "in", workers=0, out=out))
    with open(out, "a", encoding="utf-8") as fh:
        fh.write('{"path": "cut off mid-')
    summary = store.load_records(out)
    assert (summary["inputs"], summary["added"], summary["failed"]) == (3, 2, 1)
    assert store.load_records(out)["unchanged"] == 2
    (tmp_path / "bad.jsonl").write_text("not a record\n", encoding="utf-8")
    with pytest.raises(UsageError):
        store.load_records(tmp_path / "bad.jsonl")


def test_a_store_url_is_a_path_a_sqlite_url_or_a_postgresql_url(tmp_path):
    assert normalize_url(tmp_path / "a.db") == f"sqlite:///{tmp_path / 'a.db'}"
    assert normalize_url("sqlite:///x.db") == "sqlite:///x.db"
    assert normalize_url("postgresql://u@h:5432/db") == "postgresql+psycopg://u@h:5432/db"
    with pytest.raises(UsageError):
        Store.open("mysql://u@h/db")


def test_reopening_a_store_at_head_does_not_migrate_again(tmp_path):
    url = str(tmp_path / "a.db")
    with Store.open(url) as s:
        version = s.sql("SELECT version_num FROM policyparse_alembic_version")
    with Store.open(url) as s:
        assert s.sql("SELECT version_num FROM policyparse_alembic_version") == version
    assert version == [{"version_num": head_revision()}]


# ------------------------------------------------------------------------- document identity

G001 = "g001_suiweihan_2023_1930_jiating_yisheng"


def _copies_archive(tmp_path: Path) -> Path:
    """g001 as .txt and as its .html original (one document, two files), and the seed."""
    folder = tmp_path / "archive"
    folder.mkdir()
    shutil.copy(DEV / f"{G001}.txt", folder / f"{G001}.txt")
    shutil.copy(DEV / "html" / f"{G001}.html", folder / f"{G001}.html")
    shutil.copy(SEED, folder / "seed.txt")
    return folder


def _stored_docs(store: Store) -> list[PolicyDocument]:
    """The documents the store says it read each document from, parsed afresh from those files."""
    return [doc_of(Path(r["path"])) for r in store.sql("SELECT path FROM documents ORDER BY path")]


@on_every_backend
def test_copies_of_one_document_in_two_formats_are_one_stored_document(store, tmp_path):
    from policyparse.history import doc_key

    folder = _copies_archive(tmp_path)
    summary = store.add_many(folder, workers=0)
    assert summary["added"] == 3 and summary["failed"] == 0
    keys = [r["doc_key"] for r in store.sql("SELECT doc_key FROM documents ORDER BY doc_key")]
    assert len(keys) == len(set(keys)) == 2
    sources = store.sql("SELECT s.path, d.doc_key FROM document_sources s JOIN documents d ON d.id = s.document_id")
    by_key = Counter(r["doc_key"] for r in sources)
    g001_key = doc_key(doc_of(folder / f"{G001}.txt"))
    assert by_key == {g001_key: 2, doc_key(doc_of(folder / "seed.txt")): 1}
    assert doc_key(doc_of(folder / f"{G001}.html")) == g001_key
    docs = _stored_docs(store)
    assert {k: store.counts()[k] for k in expected_counts(docs)} == expected_counts(docs)
    assert_every_document_complete(store)


def _lead_counts(docs: list[PolicyDocument]) -> Counter:
    """Lead tasks per unit key (canonical name, else as written), read off the parsed documents."""
    out: Counter = Counter()
    for doc in docs:
        for d in doc.walk():
            for t in d.tasks:
                for u in t.units:
                    if u.role == "lead":
                        out[u.canonical or u.name] += 1
    return out


@on_every_backend
def test_the_documented_queries_count_what_the_parsed_documents_hold(store, tmp_path):
    folder = _copies_archive(tmp_path)
    for f in dev_files():
        if not f.name.startswith(G001):
            shutil.copy(f, folder / f.name)
    store.add_many(folder, workers=0)
    docs = _stored_docs(store)
    examples = {sql.split("\n")[0]: sql.strip().rstrip(";") for sql in sql_examples()}
    most = next(s for s in examples.values() if "AS lead_tasks" in s)
    want = _lead_counts(docs)
    top = sorted(want.items(), key=lambda kv: (-kv[1], kv[0]))[:10]
    assert [(r["unit_key"], r["lead_tasks"]) for r in store.sql(most)] == top
    led = next(s for s in examples.values() if "unit_key = '各区政府'" in s)
    assert len(store.sql(led)) == want["各区政府"] > 0
    annex = next(s for s in examples.values() if "FROM annex_tables" in s)
    assert len(store.sql(annex)) == sum(len(a.tables) for doc in docs for d in doc.walk() for a in d.annexes)
    targets = next(s for s in examples.values() if "FROM targets" in s)
    assert len(store.sql(targets)) == sum(1 for doc in docs for d in doc.walk() for t in d.targets
                                          for i in t.items if i.value is not None)


@on_every_backend
def test_a_document_without_number_or_title_is_keyed_by_its_content_the_same_everywhere(store, store_url, tmp_path,
                                                                                        monkeypatch):
    from policyparse.history import doc_key

    folder = tmp_path / "a"
    folder.mkdir()
    body = "一、加强领导。\n（一）建立机制。（省发展改革委负责）\n"
    (folder / "x.txt").write_text(body, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    store.add_many("a", workers=0)
    [stored] = [r["doc_key"] for r in store.sql("SELECT doc_key FROM documents")]
    assert stored.startswith("doc:sha256:") and "/" not in stored
    assert stored == doc_key(parsed("a/x.txt")) == doc_key(parsed(str(folder / "x.txt")))
    nodes = [n["id"] for n in json.loads(cli_history_from_store(store_url, "json"))["nodes"]]
    assert nodes == [stored]
    assert json.loads(cli_history_from_store(store_url, "json", chain_of=stored))["chain"]["chain"] == [stored]
    assert [t["doc_key"] for t in store.tasks_led_by("省发展改革委", roles=("lead", "responsible"))] == [stored]


@on_every_backend
def test_pruning_removes_documents_whose_files_left_the_archive(store, tmp_path):
    folder = _copies_archive(tmp_path)
    store.add_many(folder, workers=0)
    (folder / "seed.txt").unlink()
    (folder / f"{G001}.html").unlink()  # the copy the document was read from (the smaller path)
    kept = store.add_many(folder, workers=0)
    assert kept["unchanged"] == 1 and store.counts()["documents"] == 2  # without prune nothing goes
    summary = store.add_many(folder, workers=0, prune=True)
    assert summary["pruned"] == 2 and summary["added"] == 1  # the .txt copy is read again
    assert [r["path"] for r in store.sql("SELECT path FROM documents")] == [str(folder / f"{G001}.txt")]
    assert store.counts()["document_sources"] == 1
    assert_every_document_complete(store)


@on_every_backend
def test_a_file_that_becomes_another_document_takes_its_old_document_away(store, tmp_path):
    folder = tmp_path / "a"
    folder.mkdir()
    shutil.copy(F020, folder / "x.txt")
    store.add_many(folder, workers=0)
    old = store.sql("SELECT doc_key FROM documents")
    shutil.copy(F019, folder / "x.txt")
    assert store.add_many(folder, workers=0)["replaced"] == 1
    new = store.sql("SELECT doc_key FROM documents")
    assert len(new) == 1 and new != old
    assert_every_document_complete(store)


def test_batch_to_a_store_needs_no_jsonl_and_prunes_on_request(tmp_path):
    from click.testing import CliRunner

    from policyparse.cli import main

    folder = _copies_archive(tmp_path)
    url = str(tmp_path / "s.db")
    r = CliRunner().invoke(main, ["batch", str(folder), "--store", url, "--workers", "0", "--no-progress"])
    assert r.exit_code == 0, r.output
    assert json.loads(r.stderr)["added"] == 3
    (folder / "seed.txt").unlink()
    r = CliRunner().invoke(main, ["batch", str(folder), "--store", url, "--workers", "0", "--no-progress", "--prune"])
    assert r.exit_code == 0 and json.loads(r.stderr)["pruned"] == 1
    with Store.open(url) as s:
        assert s.counts()["documents"] == 1
    r = CliRunner().invoke(main, ["batch", str(folder), "--workers", "0"])
    assert r.exit_code == 2 and "--store" in r.stderr
