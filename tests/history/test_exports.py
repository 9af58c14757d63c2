"""Exports people expect: Markdown and text of a document, the tasks CSV, DataFrames of tables,
and history drawings and files that can be read (filters, one edge per relation, typed GraphML)."""

from __future__ import annotations

import csv
import io
import json

import networkx as nx
import pytest
from click.testing import CliRunner
from test_history import _span, doc, rep

from policyparse.cli import main
from policyparse.history import build_history, render
from policyparse.history.export import EDGE_LABELS, select, to_mermaid
from policyparse.model import CitedDocument
from policyparse.normalize import parse_doc_number
from policyparse.serialize.records import TASK_COLUMNS, tables_frame, tasks_to_csv

from conftest import DEV, SEED


def _csv(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))


# -------------------------------------------------------------------------- one document


def test_parse_to_md_gives_headings_a_task_table_and_the_annex_tables(seed_doc):
    r = CliRunner().invoke(main, ["parse", "--to", "md"])
    assert r.exit_code == 0
    md = r.output
    assert md.startswith("# " + seed_doc.title)
    plan = seed_doc.enclosed[0]
    assert f"## {plan.title}" in md and "#### （一）实施产业链优质企业培育行动" in md
    assert "| outline_path | 任务 | 牵头单位 | 其他单位 |" in md
    for t in plan.tasks:
        assert f"| {t.path} | {t.title} | {'、'.join(t.lead_units)} |" in md
    table = plan.annexes[-1].tables[0]
    assert "| " + " | ".join(table.header) + " |" in md
    assert md.count("\n| ") >= table.n_rows


def test_parse_to_txt_is_the_text_read_from_the_file():
    r = CliRunner().invoke(main, ["parse", str(SEED), "--to", "txt"])
    assert r.exit_code == 0 and r.output.rstrip("\n") == SEED.read_text(encoding="utf-8").rstrip("\n")


def test_the_tasks_csv_says_where_each_row_comes_from(seed_doc):
    rows = _csv(tasks_to_csv(seed_doc))
    assert list(rows[0]) == list(TASK_COLUMNS)
    assert {"source", "doc_key", "outline_path"} <= set(rows[0]) and "path" not in rows[0]
    from policyparse.history import doc_key

    assert {r["source"] for r in rows} == {str(SEED)} and {r["doc_key"] for r in rows} == {doc_key(seed_doc)}
    assert [r["outline_path"] for r in rows if r["is_lead"] == "True"] == [
        t.path for t in seed_doc.enclosed[0].tasks for _ in t.lead_units]


def test_the_excel_option_adds_a_bom_and_nothing_else(seed_doc):
    plain, excel = tasks_to_csv(seed_doc), tasks_to_csv(seed_doc, excel=True)
    assert excel == "\ufeff" + plain and not plain.startswith("\ufeff")
    r = CliRunner().invoke(main, ["tasks", "--excel", "-o", "/dev/stdout"])
    assert r.exit_code == 0


def test_cells_a_spreadsheet_would_run_as_formulas_are_neutralised_unless_raw(seed_doc):
    plan = seed_doc.enclosed[0]
    t0 = plan.tasks[0]
    hostile = t0.model_copy(update={"title": "=HYPERLINK(\"http://x\")", "assignment_text": "@SUM(A1)",
                                    "units": [t0.units[0].model_copy(update={"name": "+1-2", "canonical": "-3"})]})
    evil = seed_doc.model_copy(update={"enclosed": [plan.model_copy(update={"tasks": [hostile]})]})
    [row] = _csv(tasks_to_csv(evil))
    assert (row["title"], row["assignment_text"], row["unit"], row["canonical"]) == (
        "'=HYPERLINK(\"http://x\")", "'@SUM(A1)", "'+1-2", "'-3")
    [raw] = _csv(tasks_to_csv(evil, raw=True))
    assert (raw["title"], raw["unit"]) == ("=HYPERLINK(\"http://x\")", "+1-2")
    assert int(row["span_start"]) == hostile.units[0].span.start  # numbers are not text: left alone


def test_a_table_converts_to_a_dataframe_and_all_tables_to_one_long_frame(seed_doc):
    pd = pytest.importorskip("pandas")
    table = seed_doc.enclosed[0].annexes[-1].tables[0]
    df = table.to_pandas()
    assert isinstance(df, pd.DataFrame) and list(df.columns) == table.header and df.shape == (len(table.rows), table.n_cols)
    assert df.iloc[0].tolist() == table.rows[0]
    frame = tables_frame(seed_doc)
    n_cells = sum(len(r) for d in seed_doc.walk() for a in d.annexes for t in a.tables for r in t.rows)
    assert len(frame) == n_cells
    first = frame[(frame.table_pos == 0) & (frame.annex_label == seed_doc.enclosed[0].annexes[-1].label)]
    assert first[first.row == 0].sort_values("col").text.tolist() == table.rows[0]


# ------------------------------------------------------------------------------- history


def _repeal_with_citation():
    old = doc("国务院令第1号", "甲条例", "2001-05-01", issuers=["国务院"])
    new = doc("国务院令第2号", "乙条例", "2010-03-01", issuers=["国务院"], repeals=[rep(number="国务院令第1号")],
              cites=[CitedDocument(title="甲条例", doc_number=parse_doc_number("国务院令第1号"), role="repealed", span=_span()),
                     CitedDocument(title="丙<法>|#1", role="basis", span=_span())])
    other = doc("湘政发〔2020〕1号", "丁办法", "2020-01-01", issuers=["湖南省人民政府"],
                cites=[CitedDocument(title="乙条例", role="basis", span=_span())])
    return build_history([old, new, other])


def test_the_drawing_is_top_down_with_one_edge_per_relation_and_a_legend():
    mm = to_mermaid(_repeal_with_citation())
    assert mm.startswith("flowchart TD\n")
    edges = [ln for ln in mm.splitlines() if "->" in ln]
    assert len(edges) == 3  # the repeal once (not again as a 'repealed' citation), two basis citations
    assert sum("同时废止" in ln for ln in edges) == 1 and sum("依据" in ln for ln in edges) == 2
    assert not any(word in ln for ln in edges for word in ("basis", "repealed", "cites"))
    assert f'{EDGE_LABELS["basis"]} = basis' in mm and f'{EDGE_LABELS["repeals"]} = repeals' in mm
    assert "丙#lt;法#gt;#124;#35;1" in mm  # < > | # of a title cannot break the diagram


def test_the_filters_keep_one_relation_one_chain_or_one_issuer():
    h = _repeal_with_citation()
    reps = select(h, only="repeals")
    assert sorted(reps.graph.nodes) == ["doc:国务院令第1号", "doc:国务院令第2号"]
    assert {d["kind"] for _u, _v, d in reps.graph.edges(data=True)} == {"repeals"}
    cites = select(h, only="cites")
    assert {d["kind"] for _u, _v, d in cites.graph.edges(data=True)} == {"cites"}
    chain = select(h, chain="国务院令第1号")
    assert sorted(chain.graph.nodes) == ["doc:国务院令第1号", "doc:国务院令第2号"]
    hunan = select(h, issuer="湖南省人民政府")
    assert sorted(hunan.graph.nodes) == ["doc:国务院令第2号", "doc:湘政发〔2020〕1号"]
    with pytest.raises(Exception, match="no document"):
        select(h, chain="国务院令第99号")


def test_graphml_keeps_numbers_as_numbers_and_lists_as_json():
    h = build_history([doc("国务院令第2号", "乙条例", "2010-03-01", issuers=["国务院", "中央军委"],
                           repeals=[rep(number="国务院令第1号"), rep(title="丙")])])
    g = nx.parse_graphml(render(h, "graphml"))
    node = g.nodes["doc:国务院令第2号"]
    assert json.loads(node["issuers"]) == ["国务院", "中央军委"]
    assert node["blanket_repeals"] == 0 and isinstance(node["blanket_repeals"], int)
    edge = next(d for _u, _v, d in g.edges(data=True))
    assert isinstance(edge["evidence_start"], int) and isinstance(edge["evidence_end"], int)
    assert "evidence_span" not in edge


def test_history_cli_filters_the_dev_corpus_and_draws_the_repeal_chain(tmp_path):
    files = [str(DEV / "019_fagui_guizhang_beian_shencha_tiaoli_2024.txt"), str(DEV / "020_fagui_guizhang_beian_tiaoli_2001.txt")]
    r = CliRunner().invoke(main, ["history", *files, "--workers", "0", "--only", "repeals", "--format", "json"])
    assert r.exit_code == 0, r.output
    out = json.loads(r.output)
    assert out["edges"] and {e["kind"] for e in out["edges"]} <= {"repeals", "suspends"}
    key = out["edges"][0]["target"]
    r = CliRunner().invoke(main, ["history", *files, "--workers", "0", "--chain", key, "--format", "mermaid"])
    assert r.exit_code == 0 and r.output.startswith("flowchart TD")
