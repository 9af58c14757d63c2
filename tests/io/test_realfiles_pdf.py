"""The PDF reader on PDFs as governments publish them (corpora/realfiles, WPS-made).

The expectations below were written by looking at every page (``pdftoppm -r 60 -png``) and
counting each page's tables, their columns, rows and header rows by eye; they are not the
reader's output copied back. Files:

* 01 洪泽区 2023 and 02 淮安市 2024 政府信息公开工作年度报告: the three statutory tables (4, 10
  and 15 columns), each of the first two continued over a page break; ``- 1 -`` page numbers;
  every paragraph painted on a white rectangle (pdfplumber finds "tables" in those).
* 03 上海市XX局 部门决算 template: ten ruled tables on portrait and landscape pages.
* 04 普陀区财政局 2025 部门预算: nine ruled tables on landscape pages, four of them continued on
  the next page with their three header rows repeated.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import pytest

from policyparse.io import contract_violations, read
from policyparse.io.assemble import RawCell, TextAssembler
from policyparse.io.pdf import Line, PageContent, PageTable, is_page_number, lines_to_paragraphs, stitch_tables
from policyparse.io.pdf_tables import PdfCell, is_cut_text, is_visible, visible_edges
from policyparse.model import SourceText, Table

REALFILES = Path(__file__).resolve().parents[2] / "corpora" / "realfiles"
HONGZE, HUAIAN = "01_hongze_2023_zfxxgk_ndbg.pdf", "02_huaian_2024_zfxxgk_ndbg.pdf"
SHANGHAI, PUTUO = "03_shanghai_bmjs_gongkai_yangzhang.pdf", "04_putuo_czj_2025_bmys.pdf"
TEMPLATE = "05_zfxxgk_ndbg_geshi_muban.docx"

# (pages the table is printed on, rows, columns, header rows), in reading order, counted on the page images
TABLES: dict[str, list[tuple[tuple[int, ...], int, int, int]]] = {
    HONGZE: [((2, 3), 14, 4, 2), ((3, 4), 26, 10, 3), ((4,), 4, 15, 3)],
    HUAIAN: [((3, 4), 14, 4, 2), ((4, 5), 28, 10, 3), ((5,), 4, 15, 3)],
    SHANGHAI: [((4,), 9, 3, 1), ((5,), 30, 4, 2), ((6,), 10, 9, 2), ((7,), 10, 8, 2), ((8, 9), 32, 7, 2),
               ((10,), 10, 5, 2), ((11,), 40, 6, 1), ((12,), 5, 12, 4), ((13,), 6, 8, 3), ((14,), 6, 8, 3)],
    PUTUO: [((9,), 16, 4, 2), ((10, 11), 23, 9, 3), ((12, 13), 23, 7, 3), ((14,), 10, 7, 2), ((15, 16), 23, 7, 3),
            ((17,), 16, 7, 3), ((18,), 16, 7, 3), ((19, 20), 33, 6, 3), ((21,), 4, 7, 3)],
}  # fmt: skip
PAGES = {HONGZE: 5, HUAIAN: 6, SHANGHAI: 23, PUTUO: 24}
LANDSCAPE = {SHANGHAI: {6, 7, 8, 9, 12, 13, 14}, PUTUO: set(range(1, 25))}

NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
HEADER_4 = ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"]
ORGANIZATIONS = ("商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他")
HEADER_10 = [NOTE] * 3 + ["申请人情况/自然人"] + [f"申请人情况/法人或其他组织/{x}" for x in ORGANIZATIONS] + \
    ["申请人情况/总计"]  # fmt: skip
RESULTS = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
HEADER_15 = [f"行政复议/{x}" for x in RESULTS] + [f"行政诉讼/未经复议直接起诉/{x}" for x in RESULTS] + \
    [f"行政诉讼/复议后起诉/{x}" for x in RESULTS]  # fmt: skip
# merged regions (row, col, row_span, col_span), read off the page images
MERGES_4 = [(0, 0, 1, 4), (4, 0, 1, 4), (5, 1, 1, 3), (6, 1, 1, 3), (7, 0, 1, 4), (8, 1, 1, 3), (9, 1, 1, 3),
            (10, 1, 1, 3), (11, 0, 1, 4), (12, 1, 1, 3), (13, 1, 1, 3)]  # fmt: skip
MERGES_15 = [(0, 0, 1, 5), (0, 5, 1, 10), *((1, c, 2, 1) for c in range(5)), (1, 5, 1, 5), (1, 10, 1, 5)]
MERGES_10_HEADER = [(0, 0, 3, 3), (0, 3, 1, 7), (1, 3, 2, 1), (1, 4, 1, 5), (1, 9, 2, 1)]
# 2023 format: （六）其他处理 is one row; 2024 format: three sub-rows, as in the Word template
MERGES_10_2023 = MERGES_10_HEADER + [
    (3, 0, 1, 3), (4, 0, 1, 3), (5, 0, 20, 1), (5, 1, 1, 2), (6, 1, 1, 2), (7, 1, 8, 1), (15, 1, 3, 1), (18, 1, 5, 1),
    (23, 1, 1, 2), (24, 1, 1, 2), (25, 0, 1, 3)]  # fmt: skip
MERGES_10_2024 = MERGES_10_HEADER + [
    (3, 0, 1, 3), (4, 0, 1, 3), (5, 0, 22, 1), (5, 1, 1, 2), (6, 1, 1, 2), (7, 1, 8, 1), (15, 1, 3, 1), (18, 1, 5, 1),
    (23, 1, 3, 1), (26, 1, 1, 2), (27, 0, 1, 3)]  # fmt: skip


def realfile(name: str) -> Path:
    path = REALFILES / name
    if not path.exists():
        pytest.skip(f"{path} is not present (corpora/realfiles is copied from ../shared/realfiles)")
    return path


@cache
def _read(name: str) -> SourceText:
    return read(REALFILES / name)


def source(name: str) -> SourceText:
    realfile(name)
    return _read(name)


def tables_of(name: str) -> list[Table]:
    return [b.table for b in source(name).blocks if b.kind == "table" and b.table is not None]


def pages_of(table: Table) -> tuple[int, ...]:
    return tuple(sorted({c.span.page for c in table.cells if c.span is not None and c.span.page is not None}))


def merges(table: Table) -> list[tuple[int, int, int, int]]:
    return sorted((c.row, c.col, c.row_span, c.col_span) for c in table.cells if c.row_span * c.col_span > 1)


# --------------------------------------------------------------------------- every file, every page


@pytest.mark.parametrize("name", list(TABLES))
def test_it_keeps_the_reader_contract_on_published_pdfs(name: str) -> None:
    result = source(name)
    assert contract_violations(result) == []
    assert (result.source.format, result.source.pages) == ("pdf", PAGES[name])


@pytest.mark.parametrize("name", list(TABLES))
def test_it_finds_the_tables_counted_on_each_page(name: str) -> None:
    expected = TABLES[name]
    found = [(pages_of(t), t.n_rows, t.n_cols, t.n_header_rows) for t in tables_of(name)]
    assert found == expected
    per_page = {p: sum(p in pages for pages, *_ in expected) for p in range(1, PAGES[name] + 1)}
    seen = {p: sum(p in pages_of(t) for t in tables_of(name)) for p in range(1, PAGES[name] + 1)}
    assert seen == per_page


@pytest.mark.parametrize("name", list(TABLES))
def test_a_table_block_starts_on_its_first_page_and_says_when_it_was_stitched(name: str) -> None:
    blocks = [b for b in source(name).blocks if b.kind == "table"]
    for block, (pages, *_) in zip(blocks, TABLES[name], strict=True):
        assert block.page == pages[0] and block.locator and block.locator.startswith(f"page {pages[0]} table ")
        assert block.table is not None
        stitched = [f"stitched from pages {', '.join(map(str, pages))}"] if len(pages) > 1 else []
        assert block.table.warnings == stitched


@pytest.mark.parametrize("name", [HONGZE, HUAIAN])
def test_it_removes_the_dash_page_numbers(name: str) -> None:
    result = source(name)
    assert not any(is_page_number(b.text) for b in result.blocks if b.kind == "paragraph")
    assert not any(f"- {n} -" in result.text for n in range(1, PAGES[name] + 1))


# --------------------------------------------------------------------------- the annual reports' statutory tables


@pytest.mark.parametrize("name", [HONGZE, HUAIAN])
def test_the_statutory_tables_have_their_header_rows_joined_per_column(name: str) -> None:
    four, ten, fifteen = tables_of(name)
    assert four.header == HEADER_4
    assert ten.header == HEADER_10
    assert fifteen.header == HEADER_15
    assert [c.text for c in four.cells if c.row == 0] == ["第二十条第（一）项"]  # a caption, kept out of the names


@pytest.mark.parametrize("name", [HONGZE, HUAIAN])
def test_the_statutory_tables_have_their_merged_cells(name: str) -> None:
    four, ten, fifteen = tables_of(name)
    assert merges(four) == MERGES_4
    assert merges(ten) == (MERGES_10_2023 if name == HONGZE else MERGES_10_2024)
    assert merges(fifteen) == MERGES_15


def test_the_2024_report_has_the_grid_and_merges_of_the_official_word_template() -> None:
    realfile(TEMPLATE)
    template = [b.table for b in read(REALFILES / TEMPLATE).blocks if b.table is not None]
    for pdf_table, word_table in zip(tables_of(HUAIAN), template, strict=True):
        assert (pdf_table.n_rows, pdf_table.n_cols, pdf_table.n_header_rows) == \
            (word_table.n_rows, word_table.n_cols, word_table.n_header_rows)  # fmt: skip
        assert merges(pdf_table) == merges(word_table)
        assert pdf_table.header == word_table.header


def test_the_first_table_keeps_the_sub_header_whose_top_rule_the_producer_left_out() -> None:
    four = tables_of(HONGZE)[0]
    rows = four.rows  # data rows: header (caption + 信息内容 row) excluded
    assert rows[6] == ["信息内容", "本年处理决定数量", "本年处理决定数量", "本年处理决定数量"]  # first row of page 3
    assert rows[7][:2] == ["行政处罚", "4119"] and rows[8][:2] == ["行政强制", "195"]
    assert rows[-1][:2] == ["行政事业性收费", "7730.28"]
    assert four.n_rows == 14, "no empty row from the white background under the table"


def test_a_merged_cell_cut_by_the_page_break_stays_one_cell() -> None:
    # 2023: the rest of （四）无法提供 on page 4 is an empty cell without a top rule
    ten = tables_of(HONGZE)[1]
    cell = next(c for c in ten.cells if c.text == "（四）无法提供")
    assert (cell.row, cell.col, cell.row_span, cell.span.page if cell.span else None) == (15, 1, 3, 3)
    assert [row[1:3] for row in ten.filled_rows()[15:18]] == [["（四）无法提供", "1.本机关不掌握相关政府信息"],
                                                             ["（四）无法提供", "2.没有现成信息需要另行制作"],
                                                             ["（四）无法提供", "3.补正后申请内容仍不明确"]]  # fmt: skip
    # 2024: the page break cuts the text itself: （四）无 | 法提供
    ten = tables_of(HUAIAN)[1]
    cell = next(c for c in ten.cells if c.text.startswith("（四）"))
    assert (cell.text, cell.row, cell.row_span) == ("（四）无法提供", 15, 3)
    assert not any(c.text == "法提供" for c in ten.cells)
    totals = ten.filled_rows()[26]
    assert totals == ["三、本年度办理结果", "（七）总计", "（七）总计", "2932", "53", "0", "0", "61", "4", "3050"]


def test_the_fifteen_column_header_is_not_split_by_white_cell_backgrounds() -> None:
    fifteen = tables_of(HONGZE)[2]
    top = [c for c in fifteen.cells if c.row == 0]
    assert [(c.text, c.col, c.col_span) for c in top] == [("行政复议", 0, 5), ("行政诉讼", 5, 10)]
    assert fifteen.rows == [["10", "1", "0", "0", "0", "0", "0", "0", "0", "0", "5", "0", "0", "0", "0"]]


# --------------------------------------------------------------------------- boxed paragraphs


@pytest.mark.parametrize(("name", "page", "opening"), [
    (HONGZE, 1, "本报告由淮安市洪泽区人民政府办公室根据《中华人民共和国政府信息公开条例》"),
    (HONGZE, 5, "2023年，区政府严格落实《政府信息公开信息处理费管理办法》"),
    (HUAIAN, 1, "本报告由淮安市人民政府办公室根据《中华人民共和国政府信息公开条例》"),
])  # fmt: skip
def test_framed_paragraphs_are_text_not_tables(name: str, page: int, opening: str) -> None:
    import pdfplumber

    with pdfplumber.open(realfile(name)) as pdf:
        assert pdf.pages[page - 1].find_tables(), "pdfplumber alone takes the framed paragraphs for a table"
    blocks = [b for b in source(name).blocks if b.page == page]
    assert blocks and all(b.kind == "paragraph" for b in blocks)
    assert any(b.text.startswith(opening) for b in blocks)


def test_the_text_above_a_table_on_the_same_page_stays_text() -> None:
    blocks = [b for b in source(HONGZE).blocks if b.page == 2]
    kinds = [b.kind for b in blocks]
    assert kinds == ["paragraph"] * (len(kinds) - 1) + ["table"]
    assert blocks[-2].text == "二、主动公开政府信息情况"
    carried = [b for b in source(HONGZE).blocks if "严格执行“分级审核、先审后发”程序" in b.text]
    assert [(b.kind, b.page) for b in carried] == [("paragraph", 1)]  # joined over the page break, first page kept


# --------------------------------------------------------------------------- the budget PDFs


def test_the_budget_tables_have_their_multi_row_headers_joined_per_column() -> None:
    shanghai, putuo = tables_of(SHANGHAI), tables_of(PUTUO)
    assert shanghai[1].header == ["收入/项目", "收入/决算数", "支出/项目", "支出/决算数"]
    assert shanghai[7].header == ["合计/预算数", "合计/决算数", "因公出国（境）费/预算数", "因公出国（境）费/决算数"] + [
        f"公务用车购置及运行维护费/{g}/{k}" for g in ("小计", "公务用车购置费", "公务用车运行维护费")
        for k in ("预算数", "决算数")] + ["公务接待费/预算数", "公务接待费/决算数"]  # fmt: skip
    # 合计 in the header's last row labels the totals row: it is no sub-heading of 功能分类科目编码
    assert shanghai[8].header == ["项目/功能分类科目编码", "项目/科目名称", "年初结转和结余", "本年收入", "本年支出/合计",
                                  "本年支出/基本支出", "本年支出/项目支出", "年末结转和结余"]  # fmt: skip
    assert putuo[1].header == [f"项目/功能分类科目编码/{x}" for x in "类款项"] + ["项目/功能分类科目名称"] + [
        f"收入预算/{x}" for x in ("合计", "财政拨款收入", "事业收入", "事业单位经营收入", "其他收入")]  # fmt: skip
    assert putuo[-1].header == [f"“三公”经费预算数/{x}" for x in ("合计", "因公出国(境)费", "公务接待费")] + [
        f"“三公”经费预算数/公务用车购置及运行费/{x}" for x in ("小计", "购置费", "运行费")] + ["机关运行经费预算数"]  # fmt: skip
    assert merges(putuo[-1]) == [(0, 0, 1, 6), (0, 6, 3, 1), (1, 0, 2, 1), (1, 1, 2, 1), (1, 2, 2, 1), (1, 3, 1, 3)]
    assert merges(shanghai[7]) == [(0, 0, 1, 12), (1, 0, 2, 2), (1, 2, 2, 2), (1, 4, 1, 6), (1, 10, 2, 2), (2, 4, 1, 2),
                                   (2, 6, 1, 2), (2, 8, 1, 2)]  # fmt: skip


def test_a_repeated_header_is_dropped_and_rows_do_not_borrow_codes_across_the_break() -> None:
    income = tables_of(PUTUO)[1]  # pages 10-11, the three header rows printed again on page 11
    assert sum(c.text == "功能分类科目编码" for c in income.cells) == 1
    rows = income.rows
    assert len(rows) == 20 and rows[-1][3:6] == ["合计", "31,214,205.80", "31,214,205.80"]
    assert rows[11][:6] == ["208", "05", "99", "其他行政事业单位养老支出", "9,620.00", "9,620.00"]  # last row of page 10
    assert rows[12][:6] == ["210", "", "", "卫生健康支出", "782,164.00", "782,164.00"]  # first row of page 11
    assert [m for m in merges(income) if m[0] >= 3] == [(22, 0, 1, 4)]


def test_empty_cells_at_a_page_break_are_not_merged() -> None:
    balance = tables_of(SHANGHAI)[4]  # pages 8-9: empty 收入 cells on both sides of the break
    assert [m for m in merges(balance) if m[0] >= 2] == []
    assert balance.filled_rows()[17][2] == "十六、金融支出"


def test_landscape_pages_are_read_upright_with_their_own_margins() -> None:
    result = source(SHANGHAI)
    by_page = {p: [b for b in result.blocks if b.page == p] for p in LANDSCAPE[SHANGHAI]}
    assert [b.text for b in by_page[6] if b.kind == "paragraph"][:2] == ["收入决算表", "单位：万元"]
    for blocks in by_page.values():
        for block in blocks:
            assert block.bbox is not None and block.bbox[2] <= 842 and block.bbox[3] <= 596
    paragraphs = [b.text for b in source(PUTUO).blocks if b.kind == "paragraph" and b.page == 22]
    assert "五、国有资产占有使用情况" in paragraphs  # a flush-left heading after a full justified line
    notes = [b.text for b in result.blocks if b.kind == "paragraph" and b.page == 13]
    assert notes[-2:] == ["无政府性基金预算财政拨款收入支出的，仍保留该表格式，并在本表下方作下述说明：",
                          "说明：上海市XX局本年度没有政府性基金预算财政拨款收入和支出，故本表无数据。"]  # fmt: skip


def test_a_page_turned_by_rotate_90_reads_like_the_landscape_page() -> None:
    pypdf = pytest.importorskip("pypdf", reason="pypdf builds the /Rotate 90 copy of a landscape page")
    import io

    reader = pypdf.PdfReader(realfile(SHANGHAI))
    plain, turned = pypdf.PdfWriter(), pypdf.PdfWriter()
    plain.add_page(reader.pages[5])
    turned.add_page(reader.pages[5])
    page = turned.pages[0]
    page.rotate(270)
    page.transfer_rotation_to_content()  # portrait content drawn sideways ...
    page.rotate(90)  # ... and shown upright by /Rotate 90
    assert page.get("/Rotate") == 90 and float(page.mediabox.width) < float(page.mediabox.height)
    outputs = []
    for writer in (plain, turned):
        buffer = io.BytesIO()
        writer.write(buffer)
        outputs.append(read(buffer.getvalue()))
    a, b = ([blk.table for blk in out.blocks if blk.table is not None] for out in outputs)
    assert len(a) == len(b) == 1 and a[0].header == b[0].header and merges(a[0]) == merges(b[0])
    assert [blk.text for blk in outputs[0].blocks] == [blk.text for blk in outputs[1].blocks]


# --------------------------------------------------------------------------- small pure stages


def test_it_tells_visible_rules_from_white_backgrounds() -> None:
    white_fill = {"object_type": "rect", "stroke": False, "fill": True, "non_stroking_color": (1.0, 1.0, 1.0)}
    shaded = {"object_type": "rect", "stroke": False, "fill": True, "non_stroking_color": (0.776, 0.851, 0.945)}
    black_line = {"object_type": "line", "stroke": True, "fill": False, "stroking_color": (0.0, 0.0, 0.0)}
    cmyk_white = {"object_type": "rect", "stroke": True, "fill": False, "stroking_color": (0, 0, 0, 0)}
    gray_rule = {"object_type": "rect", "stroke": False, "fill": True, "non_stroking_color": 0}
    objects = (white_fill, shaded, black_line, cmyk_white, gray_rule)
    assert [is_visible(o) for o in objects] == [False, True, True, False, True]


class _FakePage:
    def __init__(self, lines: list[dict[str, Any]], rects: list[dict[str, Any]]) -> None:
        self.lines, self.rects, self.curves = lines, rects, []


def test_it_turns_visible_strokes_and_thin_fills_into_rules() -> None:
    line = {"object_type": "line", "stroke": True, "stroking_color": (0,), "x0": 10.0, "x1": 200.0, "top": 50.0,
            "bottom": 50.0000001, "pts": [(10.0, 50.0), (200.0, 50.0000001)]}  # float noise of a rotated page
    thin = {"object_type": "rect", "fill": True, "non_stroking_color": (0,), "x0": 99.8, "x1": 100.3, "top": 50.0,
            "bottom": 90.0}  # fmt: skip
    box = {"object_type": "rect", "stroke": True, "stroking_color": (0,), "x0": 10.0, "x1": 20.0, "top": 0.0,
           "bottom": 10.0}  # fmt: skip
    hidden = {"object_type": "rect", "fill": True, "non_stroking_color": (1,), "x0": 0.0, "x1": 300.0, "top": 0.0,
              "bottom": 300.0}  # fmt: skip
    edges = visible_edges(_FakePage([line], [thin, box, hidden]))
    found = [(e["orientation"], *(round(e[k], 2) for k in ("x0", "top", "x1", "bottom"))) for e in edges]
    assert found == [("h", 10.0, 50.0, 200.0, 50.0), ("v", 100.05, 50.0, 100.05, 90.0), ("h", 10.0, 0.0, 20.0, 0.0),
                     ("h", 10.0, 10.0, 20.0, 10.0), ("v", 10.0, 0.0, 10.0, 10.0), ("v", 20.0, 0.0, 20.0, 10.0)]


def _cell(row: int, col: int, text: str, row_span: int = 1, *, page: int = 1, full: bool = False) -> PdfCell:
    return PdfCell(row=row, col=col, raw=text, row_span=row_span, page=page, full=full)


def test_it_knows_when_text_runs_on_across_the_page_break() -> None:
    assert is_cut_text(_cell(0, 0, "（四）无", full=True), _cell(0, 0, "法提供"))
    assert not is_cut_text(_cell(0, 0, "（四）无", full=False), _cell(0, 0, "法提供"))  # the line was not full
    assert not is_cut_text(_cell(0, 0, "其他处理。", full=True), _cell(0, 0, "法提供"))  # a sentence ended
    assert not is_cut_text(_cell(0, 0, "1,748,327.00", full=True), _cell(0, 0, "873,617.00"))  # numbers
    assert not is_cut_text(_cell(0, 0, "（三）不予公", full=True), _cell(0, 0, "（四）无法提供"))  # a new item
    assert not is_cut_text(RawCell(row=0, col=0, raw="（四）无"), _cell(0, 0, "法提供"))  # no layout known


def _pages_with(head: list[PdfCell], head_rows: int, rest: list[PdfCell], rest_rows: int) -> list[PageContent]:
    xs = [80.0, 200.0, 320.0, 520.0]
    first = PageTable(1, (80, 600, 520, 780), xs, head_rows, 3, list(head), [1])
    second = PageTable(2, (80, 72, 520, 200), xs, rest_rows, 3, list(rest), [2])
    return [PageContent(1, 595, 842, [Line(1, 80, 520, 100, 116, "正文", 16, 1)], [first], 100, 0),
            PageContent(2, 595, 842, [Line(2, 80, 520, 300, 316, "结尾", 16, 1)], [second], 100, 0)]


def test_it_joins_the_text_of_a_merged_cell_cut_by_the_page_break() -> None:
    head = [_cell(0, 0, "类别"), _cell(0, 1, "事项"), _cell(0, 2, "数量"), _cell(1, 0, "（三）不予公开", 2),
            _cell(1, 1, "甲"), _cell(1, 2, "1"), _cell(2, 1, "乙"), _cell(2, 2, "2"), _cell(3, 0, "（四）无", full=True),
            _cell(3, 1, "丙"), _cell(3, 2, "3")]  # fmt: skip
    rest = [_cell(0, 0, "法提供", 2, page=2), _cell(0, 1, "丁", page=2), _cell(0, 2, "4", page=2),
            _cell(1, 1, "戊", page=2), _cell(1, 2, "5", page=2)]  # fmt: skip
    (table,) = stitch_tables(_pages_with(head, 4, rest, 2))
    assert sorted((c.row, c.col, c.row_span, c.raw) for c in table.cells if c.col == 0) == [
        (0, 0, 1, "类别"), (1, 0, 2, "（三）不予公开"), (3, 0, 3, "（四）无法提供")]  # fmt: skip


def test_it_does_not_extend_a_cell_over_the_break_in_a_column_without_merges() -> None:
    head = [_cell(0, 0, "类"), _cell(0, 1, "款"), _cell(0, 2, "名称"), _cell(1, 0, "208"), _cell(1, 1, "05"),
            _cell(1, 2, "行政事业单位养老支出", full=True)]  # fmt: skip
    rest = [_cell(0, 0, "210", page=2), _cell(0, 1, "", page=2), _cell(0, 2, "卫生健康支出", page=2)]
    (table,) = stitch_tables(_pages_with(head, 2, rest, 1))
    assert table.n_rows == 3
    assert sorted((c.row, c.col, c.row_span, c.raw) for c in table.cells if c.row >= 1) == [
        (1, 0, 1, "208"), (1, 1, 1, "05"), (1, 2, 1, "行政事业单位养老支出"), (2, 0, 1, "210"), (2, 1, 1, ""),
        (2, 2, 1, "卫生健康支出")]  # fmt: skip


def test_a_continuation_cell_without_a_top_rule_joins_the_cell_above() -> None:
    head = [_cell(0, 0, "类"), _cell(0, 1, "款"), _cell(0, 2, "名称"), _cell(1, 0, "甲组"), _cell(1, 1, "1"),
            _cell(1, 2, "一")]  # fmt: skip
    below = _cell(0, 0, "", page=2)
    below.open_top = True
    rest = [below, _cell(0, 1, "2", page=2), _cell(0, 2, "二", page=2)]
    (table,) = stitch_tables(_pages_with(head, 2, rest, 1))
    assert [(c.row, c.row_span, c.raw) for c in table.cells if c.col == 0] == [(0, 1, "类"), (1, 2, "甲组")]


def test_a_flush_left_item_after_a_finished_sentence_starts_a_paragraph() -> None:
    texts = ["这是一段很长的正文，排满整行，句子在行末结束。", "五、国有资产占有使用情况", "这是一段很长的正文，排满整行，句子没有结束，",
             "（一）项目仍属于同一句话。", "注：本表反映部门本年度收入情况。"]  # fmt: skip
    ends = [520, 264, 520, 520, 520]  # the heading stops short; the other lines fill the measure
    lines = [Line(1, 72, x1, 100 + 20 * i, 116 + 20 * i, t, 16, i + 1) for i, (t, x1) in enumerate(zip(texts, ends, strict=True))]
    out = TextAssembler()
    lines_to_paragraphs([PageContent(1, 595, 842, lines, [], 100, 0)], [], out)
    assert [b.text for b in out.blocks] == [texts[0], texts[1], texts[2] + texts[3], texts[4]]


# --------------------------------------------------------------------------- the tables in parse()'s JSON


@cache
def _parsed(name: str) -> Any:
    import policyparse

    return policyparse.parse(REALFILES / name)


@pytest.mark.parametrize("name", list(TABLES))
def test_parse_keeps_every_body_table_with_the_counts_seen_on_the_pages(name: str) -> None:
    realfile(name)
    doc = _parsed(name)
    found = [(pages_of(t), t.n_rows, t.n_cols, t.n_header_rows) for d in doc.walk() for t in d.every_table()]
    assert found == TABLES[name]
    dumped = doc.model_dump(mode="json")
    assert sum(len(d["tables"]) + sum(len(a["tables"]) for a in d["annexes"]) for d in [dumped, *dumped["enclosed"]]) \
        == len(TABLES[name])  # fmt: skip


@pytest.mark.parametrize("name", [HONGZE, HUAIAN])
def test_each_statutory_table_is_anchored_under_the_section_it_is_printed_in(name: str) -> None:
    realfile(name)
    doc = _parsed(name)
    assert [(t.outline_path, t.annex) for t in doc.tables] == [("二", None), ("三", None), ("四", None)]
    for t in doc.tables:
        node = next(n for n in doc.outline if n.number == t.outline_path)
        assert t.span is not None and node.span.start < t.span.start < node.span.end
        cells = {c.raw.strip() for c in t.cells} | {c.text for c in t.cells}
        assert not set(node.text.split("\n")[1:]) & cells  # no cell is a line of the section's text


@pytest.mark.parametrize("name", [HONGZE, HUAIAN])
def test_table_cells_never_become_headings_so_the_report_has_its_six_sections(name: str) -> None:
    realfile(name)
    doc = _parsed(name)
    assert [n.marker for n in doc.outline] == ["一、", "二、", "三、", "四、", "五、", "六、"]
    assert [n.title for n in doc.outline[2:4]] == ["收到和处理政府信息公开申请情况", "政府信息公开行政复议、行政诉讼情况"]
    assert all(not n.children for n in doc.outline[1:])  # 三、本年度办理结果 and （一）予以公开 are cells
