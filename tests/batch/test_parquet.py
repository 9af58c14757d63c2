"""Columnar outputs: batch records as Parquet tables that round-trip and answer questions in DuckDB."""

from __future__ import annotations

from pathlib import Path

import pytest

pa = pytest.importorskip("pyarrow", reason="Parquet output needs pyarrow (pip install 'policyparse[parquet]')")
pq = pytest.importorskip("pyarrow.parquet")

from policyparse.batch import collect_inputs, parse_one  # noqa: E402
from policyparse.errors import UsageError  # noqa: E402
from policyparse.history import history_from_records  # noqa: E402
from policyparse.serialize.parquet import TABLES, write_parquet  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def records():
    inputs = collect_inputs([ROOT / "corpora" / "dev", ROOT / "corpora" / "seed"])  # with dev/html, the HTML twins
    recs = [parse_one(i) for i in inputs]
    recs.append({"path": "broken.pdf", "ok": False, "error": "CorruptDocument", "code": "E004", "message": "bad"})
    return recs


@pytest.fixture(scope="module")
def written(records, tmp_path_factory):
    out = tmp_path_factory.mktemp("parquet")
    edges = history_from_records(records).to_json()["edges"]
    counts = write_parquet(records, out, edges=edges, rows_per_file=50)
    return out, counts, edges


def _read(out: Path, table: str):
    """The whole table with its partition column (``year`` comes back as a string)."""
    return pq.ParquetDataset(out / table, partitioning="hive").read()


def _walk(doc):
    yield doc
    for child in doc.get("enclosed") or []:
        yield from _walk(child)


def test_it_writes_every_table_with_the_counts_of_the_records(records, written):
    out, counts, edges = written
    docs = [d for r in records if r["ok"] for d in _walk(r["document"])]
    expected = {
        "documents": len(docs),
        "tasks": sum(max(1, len(t["units"])) for d in docs for t in d["tasks"]),
        "cells": sum(len(t["cells"]) for d in docs for a in d["annexes"] for t in a["tables"])
        + sum(len(t["cells"]) for d in docs for t in d.get("tables") or []),
        "repeals": sum(len(d["repeals"]) for d in docs),
        "errors": 1,
        "edges": len(edges),
    }
    assert counts == expected
    assert all(_read(out, t).num_rows == n for t, n in expected.items())
    assert expected["tasks"] > 100 and expected["cells"] > 100 and expected["edges"] > 10  # the corpus is not empty


def test_it_partitions_by_year_in_bounded_files(written):
    out, _, _ = written
    years = sorted(p.name for p in (out / "tasks").iterdir())
    assert "year=2021" in years and all(y.startswith("year=") for y in years)
    for f in (out / "cells").rglob("*.parquet"):
        assert pq.ParquetFile(f).metadata.num_rows <= 50


def test_columns_keep_their_types_even_when_empty(written):
    out, _, _ = written
    for table, columns in TABLES.items():
        schema = pq.read_schema(next((out / table).rglob("*.parquet")))
        assert [n for n in schema.names if n != "year"] == list(columns), table
    assert str(pq.read_schema(next((out / "documents").rglob("*.parquet"))).field("issuers").type) == "list<element: string>"


def test_the_seed_tasks_keep_unit_role_and_lead(written):
    out, _, _ = written
    tasks = _read(out, "tasks").to_pylist()
    leads = {(r["outline_path"], r["unit"]) for r in tasks if r["is_lead"] and r["year"] == "2021"}
    assert ("二(一)", "省工业和信息化厅") in leads
    assert all(r["role"] == "lead" for r in tasks if r["is_lead"] and r["lead_basis"] == "positional")


def test_rows_join_to_their_document(written):
    out, _, _ = written
    doc_ids = set(_read(out, "documents").column("doc_id").to_pylist())
    for table in ("tasks", "cells", "repeals"):
        assert set(_read(out, table).column("doc_id").to_pylist()) <= doc_ids


def test_the_same_records_give_the_same_files(records, tmp_path):
    a = write_parquet(records, tmp_path / "a")
    b = write_parquet(records, tmp_path / "b")
    assert a == b
    files_a = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*.parquet"))
    files_b = sorted(p.relative_to(tmp_path / "b") for p in (tmp_path / "b").rglob("*.parquet"))
    assert files_a == files_b
    for f in files_a:
        assert pq.read_table(tmp_path / "a" / f).equals(pq.read_table(tmp_path / "b" / f))


def test_it_refuses_to_mix_two_runs_in_one_folder(records, written):
    out, _, _ = written
    with pytest.raises(UsageError, match="already holds Parquet"):
        write_parquet(records[:1], out)


def test_duckdb_answers_which_units_lead_the_most_tasks_by_year(written):
    duckdb = pytest.importorskip("duckdb", reason="the DuckDB example needs duckdb")
    out, _, _ = written
    rows = duckdb.sql(f"""
        SELECT year, coalesce(canonical, unit) AS unit, count(DISTINCT doc_id || task_id) AS tasks_led
        FROM read_parquet('{out}/tasks/*/*.parquet', hive_partitioning = true)
        WHERE is_lead
        GROUP BY ALL
        ORDER BY year, tasks_led DESC, unit
    """).fetchall()
    assert any(str(y) == "2021" and u == "湖南省工业和信息化厅" and n >= 1 for y, u, n in rows)
    total = sum(n for _, _, n in rows)
    led = {(r["doc_id"], r["task_id"], r["canonical"] or r["unit"]) for r in _read(out, "tasks").to_pylist() if r["is_lead"]}
    assert total == len(led)


def test_batch_writes_the_parquet_tables_beside_its_jsonl(tmp_path):
    import json

    from click.testing import CliRunner

    from policyparse.cli import main

    out, folder = tmp_path / "dev.jsonl", tmp_path / "tables"
    files = [str(ROOT / "corpora" / "dev" / n) for n in ("019_fagui_guizhang_beian_shencha_tiaoli_2024.txt",
                                                          "020_fagui_guizhang_beian_tiaoli_2001.txt")]
    files.append(str(ROOT / "corpora" / "seed" / "000_f2a56335dda66f79.txt"))
    r = CliRunner().invoke(main, ["batch", *files, "-o", str(out), "--workers", "0", "--no-progress",
                                  "--parquet", str(folder)])
    assert r.exit_code == 0, r.output
    summary = json.loads(r.stderr)
    docs = _read(folder, "documents").to_pylist()
    assert summary["parquet"]["documents"] == len(docs) == 4  # the seed's notice holds its 工作方案
    assert all(d["doc_key"] and d["doc_key"].startswith("doc:") for d in docs)
    edges = _read(folder, "edges").to_pylist()
    assert any(e["kind"] == "repeals" and e["source"] != e["target"] for e in edges)
    r = CliRunner().invoke(main, ["batch", *files, "--store", str(tmp_path / "s.db"), "--parquet", str(folder)])
    assert r.exit_code == 2 and "-o" in r.stderr
