"""Flattened tables of real documents: the seed's Annex 2 against its hand-made truth, and the
dev corpus tables against the HTML originals they were flattened from (cell for cell, after
filling merged cells, whitespace ignored)."""

from __future__ import annotations

import json
import re
from collections import defaultdict
from html.parser import HTMLParser
from pathlib import Path

import pytest

from policyparse.extract.tables import find_tables, leader_view
from policyparse.normalize import fold, squeeze
from policyparse.serialize.csv import table_to_csv

from conftest import DEV, FIXTURES, SEED, fullwidth

TRUTH = FIXTURES / "annex2_truth.json"
HTML = DEV / "html"


def folded(path: Path) -> str:
    return fold(path.read_text(encoding="utf-8"))


def tables_after(text: str, marker: str):
    start = text.index(marker)
    return find_tables(text, start, len(text))


@pytest.fixture(scope="module")
def truth() -> dict:
    if not TRUTH.exists():
        pytest.skip(f"{TRUTH} is missing")
    return json.loads(TRUTH.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def seed_text() -> str:
    return folded(SEED)


@pytest.fixture(scope="module")
def annex2(seed_text):
    tables, notes = tables_after(seed_text, "附件2\n")
    assert len(tables) == 1 and notes == []
    return tables[0]


# --- the seed's Annex 2 -----------------------------------------------------------------------


def test_annex2_has_the_truth_header_and_22_filled_rows(annex2, truth):
    assert (annex2.source, annex2.n_cols, annex2.n_rows, annex2.n_header_rows) == ("text-bars", 4, 23, 1)
    assert annex2.header == [fold(h) for h in truth["header"]]
    expected = [[fold(row[k]) for k in truth["row_keys"]] for row in truth["rows"]]
    assert annex2.rows == expected
    assert annex2.warnings == []


def test_annex2_has_exactly_the_11_merged_regions_of_the_truth(annex2, truth):
    ours = {(c.row, c.col, c.row_span, c.col_span) for c in annex2.cells if c.row_span > 1 or c.col_span > 1}
    theirs = {(m["row"], m["col"], m["rowspan"], m["colspan"]) for m in truth["merged_regions"]}
    assert ours == theirs and len(ours) == 11


def test_annex2_raw_cells_are_the_truth_grid_and_covered_positions_hold_no_cell(annex2, truth):
    origins = {(c.row, c.col): c for c in annex2.cells}
    for r, row in enumerate(truth["grid_raw"]):
        for c, raw in enumerate(row):
            if raw is None:
                assert (r, c) not in origins
            else:
                assert origins[(r, c)].raw == fold(raw)


def test_annex2_spans_name_the_rule_that_inferred_them(annex2):
    rules = {(c.row, c.col): c.span_rule for c in annex2.cells if c.row_span > 1}
    assert rules == {
        (1, 0): "covered_left_grouping",
        (4, 0): "single_cell_key_column+covered_left_grouping+last_row_closing_inferred",
        (4, 1): "single_cell_key_column",
        (4, 3): "single_cell_key_column",
        (6, 1): "covered_left_grouping+single_cell_key_column",
        (9, 3): "single_cell_key_column",
        (11, 1): "covered_left_grouping",
        (15, 1): "single_cell_key_column+covered_left_grouping",
        (15, 3): "single_cell_key_column",
        (18, 1): "single_cell_key_column+covered_left_grouping+last_row_closing_inferred",
        (18, 3): "single_cell_key_column",
    }
    assert all(c.span_rule is None for c in annex2.cells if c.row_span == 1)


def test_annex2_cell_spans_point_at_their_raw_text_in_the_seed(annex2, seed_text):
    for cell in annex2.cells:
        assert seed_text[cell.span.start : cell.span.end] == cell.raw
        assert cell.text == squeeze(cell.raw)
    assert annex2.span.start == seed_text.index("类型 |")


def test_annex2_reads_the_same_from_a_full_width_copy_of_the_seed(annex2):
    text = fold(fullwidth(SEED.read_text(encoding="utf-8")))
    tables, _ = tables_after(text, "附件2\n")
    assert tables[0].rows == annex2.rows and tables[0].header == annex2.header


def test_annex2_leader_view_lists_each_leaders_chains_with_type_and_industry(annex2, truth):
    expected: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    for row in truth["rows"]:
        expected[row["联系省领导"]].append((fold(row["集群"]), row["类型"], row["产业"]))
    view = leader_view(annex2)
    got = {k: [(e["item"], e["context"]["类型"], e["context"]["产业"]) for e in v] for k, v in view.items()}
    assert got == dict(expected)
    assert len(view) == 16 and [e["item"] for e in view["陈飞"]][1:] == ["先进钢铁材料", "碳基材料"]


def test_annex2_exports_as_csv_with_its_header_row(annex2):
    lines = table_to_csv(annex2).splitlines()
    assert len(lines) == 23 and lines[0] == "类型,产业,集群（产业链）,联系省领导"
    assert lines[-1] == "国家级产业集群,新兴产业培育,生物医药,谢卫江"


# --- dev corpus tables against their HTML originals -----------------------------------------


class _Tables(HTMLParser):
    """Every <table> of a page as rows of (rowspan, colspan, text)."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: list[list[list[tuple[int, int, str]]]] = []
        self._rows: list | None = None
        self._cell: list | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "table":
            self._rows = []
        elif tag == "tr" and self._rows is not None:
            self._rows.append([])
        elif tag in ("td", "th") and self._rows is not None:
            self._cell = [int(a.get("rowspan") or 1), int(a.get("colspan") or 1), ""]

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None:
            self._rows[-1].append(tuple(self._cell))
            self._cell = None
        elif tag == "table" and self._rows is not None:
            self.tables.append(self._rows)
            self._rows = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell[2] += data


def html_grid(stem: str, index: int) -> list[list[str]]:
    """Table ``index`` of the HTML original, merged cells filled, whitespace removed."""
    path = HTML / f"{stem}.html"
    if not path.exists():
        pytest.skip(f"{path} is missing")
    parser = _Tables()
    parser.feed(path.read_text(encoding="utf-8"))
    taken: dict[tuple[int, int], str] = {}
    for r, row in enumerate(parser.tables[index]):
        c = 0
        for rowspan, colspan, text in row:
            while (r, c) in taken:
                c += 1
            for i in range(rowspan):
                for j in range(colspan):
                    taken[(r + i, c + j)] = text
            c += colspan
    n_rows = max(r for r, _ in taken) + 1
    n_cols = max(c for _, c in taken) + 1
    return [[bare(taken.get((r, c), "")) for c in range(n_cols)] for r in range(n_rows)]


def bare(text: str) -> str:
    return re.sub(r"\s+", "", fold(text))


CASES = [
    # stem, marker of the annex, HTML table index, HTML title rows to skip, header, data rows, rows with warnings
    ("009_guobanfa_2018_126", "附件\n", 0, 0, ["序号", "改革举措", "主要内容", "指导部门", "推广范围"], 22, 0),
    ("g001_suiweihan_2023_1930_jiating_yisheng", "附件2\n", 1, 1,
     ["序号", "工作事项", "主要内容", "牵头单位", "配合单位", "市卫健委内牵头处室", "市卫健委内配合处室"], 39, 0),
    ("g005_suifubangui_2025_8_jifen_ruhu", "附件\n", 0, 0, ["类别", "序号", "指标", "指标内容及分值", "备注"], 11, 2),
    ("g011_guobanfa_1996_32_xizang_ban", "附：\n", 0, 0,
     ["省（市）", "1995年招生人数", "扩招", "分年度招生任务/1996年", "分年度招生任务/1997年", "分年度招生任务/1998年"], 20, 0),
]


@pytest.mark.parametrize("stem,marker,index,skip,header,n_data,n_warn", CASES, ids=[c[0][:4] for c in CASES])
def test_dev_table_has_the_header_and_rows_of_its_html_original(stem, marker, index, skip, header, n_data, n_warn):
    tables, notes = tables_after(folded(DEV / f"{stem}.txt"), marker)
    assert len(tables) == 1, notes
    table = tables[0]
    assert table.source == "text-lines"
    assert table.header == header and len(table.rows) == n_data and len(table.warnings) == n_warn
    ours = [[bare(v) for v in row] for row in table.filled_rows()]
    assert ours == html_grid(stem, index)[skip:]


def test_009_section_rows_span_the_table_and_numbers_jump_over_the_omitted_section():
    table = tables_after(folded(DEV / "009_guobanfa_2018_126.txt"), "附件\n")[0][0]
    sections = [c for c in table.cells if c.span_rule == "section_row_full_width"]
    assert [c.text[:2] for c in sections] == ["一、", "二、", "三、", "四、", "五、"]
    assert all(c.col_span == 5 for c in sections)
    numbers = [row[0] for row in table.rows if row[0].isdigit()]
    assert numbers == [str(i) for i in [*range(1, 15), 21, 22, 23]]


def test_g001_task_table_recovers_the_lost_rowspans_of_its_number_and_item_columns():
    table = tables_after(folded(DEV / "g001_suiweihan_2023_1930_jiating_yisheng.txt"), "附件2\n")[0][0]
    spans = {c.text: c.row_span for c in table.cells if c.col == 0 and c.row_span > 1}
    assert spans == {"1": 3, "3": 2, "6": 4, "14": 2, "16": 3, "17": 2, "18": 4, "23": 3}
    assert all(c.span_rule == "covered_left_grouping" for c in table.cells if c.row_span > 1)
    leads = leader_view(table)
    assert "各区政府" in leads and all(e["item"] for v in leads.values() for e in v)


def test_g005_groups_written_vertically_span_their_rows_and_missing_remarks_are_flagged():
    table = tables_after(folded(DEV / "g005_suifubangui_2025_8_jifen_ruhu.txt"), "附件\n")[0][0]
    groups = [(c.text, c.row_span) for c in table.cells if c.col == 0 and not c.header]
    assert groups == [("基础指标", 3), ("加分指标", 6), ("减分指标", 2)]
    assert table.rows[-1][2] == "违法违规情况"  # a label wrapped over two lines
    assert all("missing ones left empty" in w for w in table.warnings)
    assert table.span.end < folded(DEV / "g005_suifubangui_2025_8_jifen_ruhu.txt").index("注：根据本办法")


def test_g009_rows_are_read_but_a_header_of_wrapped_and_grouped_labels_is_reported_not_guessed():
    stem = "g009_suiyibao_guizi_2019_4_menzhen_tebing"
    tables, _ = tables_after(folded(DEV / f"{stem}.txt"), "附件1\n")
    table = tables[0]
    assert table.n_cols == 6 and table.n_header_rows == 0 and table.header == []
    assert any("header of 10 labels" in w for w in table.warnings)
    html = html_grid(stem, 0)[2:]
    assert len(table.rows) == len(html) == 58
    assert [[bare(v) for v in row[:3]] for row in table.rows] == [row[:3] for row in html]


def test_g001_indicator_table_with_multi_line_cells_is_reported_not_guessed():
    text = folded(DEV / "g001_suiweihan_2023_1930_jiating_yisheng.txt")
    start, end = text.index("附件1\n"), text.index("附件2\n")
    tables, notes = find_tables(text, start, end)
    assert tables == [] and len(notes) == 1 and "一级指标" in notes[0]


TABLE_FREE = [
    p for p in sorted(DEV.glob("*.txt")) if not p.name.startswith(("009_", "g001_", "g005_", "g008_", "g009_", "g011_"))
]


@pytest.mark.parametrize("path", TABLE_FREE, ids=[p.name[:4] for p in TABLE_FREE])
def test_documents_without_annex_tables_yield_no_table(path):
    assert find_tables(folded(path))[0] == []


def test_blank_application_forms_are_not_read_as_tables():
    tables, notes = find_tables(folded(DEV / "g008_suirenshe_guizi_2019_6_jianxi_jidi.txt"))
    assert tables == [] and len(notes) >= 3
