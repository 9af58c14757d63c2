"""The .docx reader on the official 政府信息公开工作年度报告 Word template (corpora/realfiles/05).

The template (re-saved by WPS) holds three tables: 主动公开 (14 x 4), 收到和处理申请 (28 x 10,
a 3 x 3 note cell, 三、本年度办理结果 down 22 rows) and 行政复议/诉讼 (4 x 15). Their XML has
13 ``w:vMerge w:val="restart"``, 45 ``w:vMerge w:val="continue"`` (58 in all) and 26
``w:gridSpan`` of 2, 3, 4, 5, 7 and 10 columns. The merged regions listed below were read off
the XML row by row; the counting tests parse the XML themselves, independently of the reader.
"""

from __future__ import annotations

import zipfile
from collections import Counter
from functools import lru_cache
from pathlib import Path
from xml.etree import ElementTree

import pytest

from policyparse.io import contract_violations, read
from policyparse.model import SourceText, Table

TEMPLATE = Path(__file__).resolve().parents[2] / "corpora" / "realfiles" / "05_zfxxgk_ndbg_geshi_muban.docx"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
RESULTS = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
# (row, col, row_span, col_span) of every cell covering more than one grid position
MERGES = [
    [(0, 0, 1, 4), (4, 0, 1, 4), (5, 1, 1, 3), (6, 1, 1, 3), (7, 0, 1, 4), (8, 1, 1, 3), (9, 1, 1, 3), (10, 1, 1, 3),
     (11, 0, 1, 4), (12, 1, 1, 3), (13, 1, 1, 3)],
    [(0, 0, 3, 3), (0, 3, 1, 7), (1, 3, 2, 1), (1, 4, 1, 5), (1, 9, 2, 1), (3, 0, 1, 3), (4, 0, 1, 3), (5, 0, 22, 1),
     (5, 1, 1, 2), (6, 1, 1, 2), (7, 1, 8, 1), (15, 1, 3, 1), (18, 1, 5, 1), (23, 1, 3, 1), (26, 1, 1, 2),
     (27, 0, 1, 3)],
    [(0, 0, 1, 5), (0, 5, 1, 10), (1, 0, 2, 1), (1, 1, 2, 1), (1, 2, 2, 1), (1, 3, 2, 1), (1, 4, 2, 1), (1, 5, 1, 5),
     (1, 10, 1, 5)],
]  # fmt: skip


def template_path() -> Path:
    if not TEMPLATE.exists():
        pytest.skip(f"{TEMPLATE} is not present (corpora/realfiles is copied from ../shared/realfiles)")
    return TEMPLATE


@lru_cache(maxsize=1)
def _read() -> SourceText:
    return read(TEMPLATE)


@pytest.fixture(scope="module")
def source() -> SourceText:
    template_path()
    return _read()


@pytest.fixture(scope="module")
def tables(source: SourceText) -> list[Table]:
    return [b.table for b in source.blocks if b.kind == "table" and b.table is not None]


@pytest.fixture(scope="module")
def xml_tables() -> list[ElementTree.Element]:
    with zipfile.ZipFile(template_path()) as package:
        root = ElementTree.fromstring(package.read("word/document.xml"))
    return list(root.iter(W + "tbl"))


def merges(table: Table) -> list[tuple[int, int, int, int]]:
    return sorted((c.row, c.col, c.row_span, c.col_span) for c in table.cells if c.row_span * c.col_span > 1)


def test_it_keeps_the_reader_contract_on_the_template(source: SourceText) -> None:
    assert contract_violations(source) == []
    assert source.source.format == "docx"


def test_it_reads_the_three_tables_between_their_headings(source: SourceText) -> None:
    kinds = [(b.kind, b.text if b.kind == "paragraph" else b.locator) for b in source.blocks]
    assert kinds == [
        ("paragraph", "政府信息公开工作年度报告格式模板"), ("paragraph", "一、总体情况"), ("paragraph", "（文字描述）"),
        ("paragraph", "二、主动公开政府信息情况"), ("table", "table 1"), ("paragraph", "三、收到和处理政府信息公开申请情况"),
        ("table", "table 2"), ("paragraph", "四、政府信息公开行政复议、行政诉讼情况"), ("table", "table 3"),
        ("paragraph", "五、存在的主要问题及改进情况"), ("paragraph", "（文字描述）"), ("paragraph", "六、其他需要报告的事项"),
        ("paragraph", "（文字描述，收取信息处理费情况在此处报告。）")]  # fmt: skip


def test_the_tables_have_their_grid_and_header_rows(tables: list[Table]) -> None:
    assert [(t.n_rows, t.n_cols, t.n_header_rows) for t in tables] == [(14, 4, 2), (28, 10, 3), (4, 15, 3)]
    four, ten, fifteen = tables
    assert four.header == ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"]
    assert ten.header == [NOTE] * 3 + ["申请人情况/自然人"] + [f"申请人情况/法人或其他组织/{x}" for x in (
        "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他")] + ["申请人情况/总计"]  # fmt: skip
    assert fifteen.header == [f"行政复议/{x}" for x in RESULTS] + [f"行政诉讼/未经复议直接起诉/{x}" for x in RESULTS] + [
        f"行政诉讼/复议后起诉/{x}" for x in RESULTS]  # fmt: skip


@pytest.mark.parametrize("index", [0, 1, 2])
def test_every_merged_region_is_exact(tables: list[Table], index: int) -> None:
    assert merges(tables[index]) == MERGES[index]


def test_the_vertical_merges_match_the_xml_count(tables: list[Table], xml_tables: list[ElementTree.Element]) -> None:
    marks = Counter(v.get(W + "val", "continue") for tbl in xml_tables for v in tbl.iter(W + "vMerge"))
    assert marks == {"restart": 13, "continue": 45}
    assert sum(marks.values()) == 58
    cells = [c for t in tables for c in t.cells]
    assert sum(1 for c in cells if c.row_span > 1) == marks["restart"]  # one origin per restart
    assert sum(c.row_span - 1 for c in cells) == marks["continue"]  # one covered row per continue


def test_the_horizontal_spans_match_the_xml_count(tables: list[Table], xml_tables: list[ElementTree.Element]) -> None:
    spans = [int(g.get(W + "val", "1")) for tbl in xml_tables for g in tbl.iter(W + "gridSpan")]
    assert len(spans) == 26 and sorted(set(spans)) == [2, 3, 4, 5, 7, 10]
    cells = [c for t in tables for c in t.cells]
    # a gridSpan stands on every row a vertically merged cell covers
    assert sum((c.col_span - 1) * c.row_span for c in cells) == sum(s - 1 for s in spans)
    assert sorted({c.col_span for c in cells} - {1}) == [2, 3, 4, 5, 7, 10]


def test_the_xml_grid_matches_the_table_sizes(tables: list[Table], xml_tables: list[ElementTree.Element]) -> None:
    for table, tbl in zip(tables, xml_tables, strict=True):
        assert table.n_cols == len(tbl.findall(f"{W}tblGrid/{W}gridCol"))
        assert table.n_rows == len(tbl.findall(W + "tr"))


def test_covered_positions_hold_no_cell_and_read_as_their_origin(tables: list[Table]) -> None:
    for table in tables:
        origins = [(c.row, c.col) for c in table.cells]
        assert len(origins) == len(set(origins))
        covered = sum(c.row_span * c.col_span for c in table.cells)
        assert covered == table.n_rows * table.n_cols  # the cells tile the grid exactly
    ten = tables[1]
    rows = ten.filled_rows()
    assert [r[0] for r in rows[5:27]] == ["三、本年度办理结果"] * 22
    assert [r[1] for r in rows[15:18]] == ["（四）无法提供"] * 3
    assert rows[23][1:3] == ["（六）其他处理", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"]
    assert rows[27][:3] == ["四、结转下年度继续办理"] * 3


def test_the_cells_point_at_their_text(source: SourceText, tables: list[Table]) -> None:
    for number, table in enumerate(tables, 1):
        for cell in table.cells:
            assert cell.provenance == f"table {number} cell ({cell.row},{cell.col})"
            if cell.span is not None:
                assert source.text[cell.span.start : cell.span.end] == cell.raw
    empty = [c for c in tables[0].cells if c.row == 2 and c.col > 0]
    assert empty and all(c.text == "" and c.span is None for c in empty)  # full-width padding spaces only


def test_parse_keeps_the_three_tables_in_the_json_anchored_under_their_headings(tables: list[Table]) -> None:
    import policyparse

    doc = policyparse.parse(template_path())
    assert [(t.n_rows, t.n_cols, t.n_header_rows) for t in doc.every_table()] == \
        [(t.n_rows, t.n_cols, t.n_header_rows) for t in tables] == [(14, 4, 2), (28, 10, 3), (4, 15, 3)]  # fmt: skip
    assert [t.outline_path for t in doc.tables] == ["二", "三", "四"]
    assert [merges(t) for t in doc.tables] == MERGES
    assert [n.marker for n in doc.outline] == ["一、", "二、", "三、", "四、", "五、", "六、"]
