"""The HTML reader: article body without chrome, tables with spans, portal metadata apart."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from policyparse.errors import EmptyDocument
from policyparse.io import contract_violations, read
from policyparse.io.html import parse_metadata_tokens
from policyparse.model import SourceText

DEV = Path(__file__).resolve().parents[2] / "corpora" / "dev"
HTML_FILES = sorted((DEV / "html").glob("*.html"))

FULL_PAGE = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>国务院关于做好就业工作的通知_政府信息公开专栏</title>
<meta name="ArticleTitle" content="国务院关于做好就业工作的通知"><meta name="PubDate" content="2018-12-10 17:00">
<style>p { color: red }</style></head>
<body>
<div class="header"><div class="nav"><a href="/">首页</a> <a href="/zc">政策</a> <a href="/xw">新闻</a></div></div>
<div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/zc">政策</a></div>
<table class="bd1">
 <tr><td><b>索 引 号：</b></td><td>000014349/2018-00188</td><td><b>主题分类：</b></td><td>劳动、人事、监察\\就业</td></tr>
 <tr><td><b>发文机关：</b></td><td>国务院</td><td><b>成文日期：</b></td><td>2018年11月16日</td></tr>
 <tr><td><b>标　　题：</b></td><td colspan="3">国务院关于做好就业工作的通知</td></tr>
 <tr><td><b>发文字号：</b></td><td>国发〔2018〕39号</td><td><b>发布日期：</b></td><td>2018年12月05日</td></tr>
</table>
<div class="pages_content" id="UCAP-CONTENT">
 <p style="text-align: center">国务院关于做好就业工作的通知</p>
 <p style="text-align: center">国发〔2018〕39号</p>
 <p>各省、自治区、直辖市人民政府，国务院各部委、各直属机构：</p>
 <p>　　一、总体要求<br>　　（一）稳定就业&nbsp;&nbsp;局势。</p>
 <div class="share">分享到：<a>微博</a> <a>微信</a></div>
 <table border="1">
  <thead><tr><th rowspan="2">序号</th><th colspan="2">任务</th></tr><tr><th>事项</th><th>牵头单位</th></tr></thead>
  <tbody><tr><td>1</td><td>支持企业<br>稳定岗位</td><td rowspan="2">人力资源社会保障部</td></tr>
  <tr><td>2</td><td>开展培训</td></tr></tbody>
 </table>
 <p style="display: none">隐藏文字</p>
 <p>国务院<br>2018年11月16日</p>
 <script>document.write("脚本文字");</script>
</div>
<div class="footer">版权所有：中国政府网 | <a>网站地图</a> | <a>联系我们</a></div>
</body></html>
"""


@pytest.fixture(scope="module")
def dev_pages() -> dict[str, SourceText]:
    if not HTML_FILES:
        pytest.skip(f"no HTML files under {DEV / 'html'}")
    return {path.stem: read(path) for path in HTML_FILES}


@pytest.fixture(scope="module")
def full_page() -> SourceText:
    return read(FULL_PAGE.encode("utf-8"), path="content_5345808.htm")


# --------------------------------------------------------------------------- the dev corpus


def _twin_lines(stem: str) -> list[str]:
    return [line.strip() for line in (DEV / f"{stem}.txt").read_text(encoding="utf-8").split("\n") if line.strip()]


def test_every_dev_page_gives_a_body_that_keeps_the_contract(dev_pages: dict[str, SourceText]) -> None:
    assert len(dev_pages) == len(HTML_FILES) >= 20
    for stem, page in dev_pages.items():
        assert page.source.format == "html", stem
        assert len(page.text) > 500, stem
        assert contract_violations(page) == [], stem


def test_every_dev_page_has_the_lines_of_its_text_twin(dev_pages: dict[str, SourceText]) -> None:
    for stem, page in dev_pages.items():
        paragraphs = [b.text.strip() for b in page.blocks if b.kind == "paragraph"]
        cells = re.sub(r"\s", "", "".join(b.text for b in page.blocks if b.kind == "table"))
        twin = _twin_lines(stem)
        missing = [line for line in twin if line not in paragraphs and re.sub(r"\s", "", line) not in cells]
        assert missing == [], stem
        assert paragraphs[0] == twin[0], stem
        extra = [p for p in paragraphs if p not in twin]
        assert extra == [], stem


def test_dev_pages_keep_their_tables_with_spans(dev_pages: dict[str, SourceText]) -> None:
    counts = {stem: sum(b.kind == "table" for b in page.blocks) for stem, page in dev_pages.items()}
    with_tables = {stem: n for stem, n in counts.items() if n}
    assert with_tables == {"009_guobanfa_2018_126": 1, "g001_suiweihan_2023_1930_jiating_yisheng": 2,
                           "g005_suifubangui_2025_8_jifen_ruhu": 1, "g008_suirenshe_guizi_2019_6_jianxi_jidi": 6,
                           "g009_suiyibao_guizi_2019_4_menzhen_tebing": 1, "g011_guobanfa_1996_32_xizang_ban": 1}  # fmt: skip


def test_a_two_row_header_with_colspan_gives_joined_column_names(dev_pages: dict[str, SourceText]) -> None:
    table = next(b.table for b in dev_pages["g011_guobanfa_1996_32_xizang_ban"].blocks if b.kind == "table")
    assert table is not None
    assert table.n_header_rows == 2
    assert table.header == ["省（市）", "1995年招生人数", "扩招", "分年度招生任务/1996年", "分年度招生任务/1997年",
                            "分年度招生任务/1998年"]  # fmt: skip
    group = next(c for c in table.cells if c.text == "分年度招生任务")
    assert (group.row, group.col, group.row_span, group.col_span) == (0, 3, 1, 3)
    assert table.rows[0] == ["总计", "1445", "555", "1600", "1800", "2000"]


def test_a_task_division_table_keeps_its_rowspans(dev_pages: dict[str, SourceText]) -> None:
    tables = [b.table for b in dev_pages["g001_suiweihan_2023_1930_jiating_yisheng"].blocks if b.kind == "table"]
    division = tables[1]
    assert division is not None
    assert division.header[:5] == ["序号", "工作事项", "主要内容", "牵头单位", "配合单位"]
    assert any(c.row_span > 1 for c in division.cells if c.row >= division.n_header_rows)
    assert all(c.span_rule == "markup" and c.provenance and c.provenance.startswith("table[") for c in division.cells)


# --------------------------------------------------------------------------- a full portal page


def test_it_leaves_navigation_chrome_scripts_and_hidden_text_out(full_page: SourceText) -> None:
    for noise in ("首页", "当前位置", "版权所有", "分享到", "隐藏文字", "脚本文字", "color: red", "索引号", "000014349"):
        assert noise not in full_page.text, noise
    assert contract_violations(full_page) == []


def test_it_gives_one_block_per_paragraph_and_br_line(full_page: SourceText) -> None:
    paragraphs = [b.text for b in full_page.blocks if b.kind == "paragraph"]
    assert paragraphs == ["国务院关于做好就业工作的通知", "国发〔2018〕39号", "各省、自治区、直辖市人民政府，国务院各部委、各直属机构：",
                          "　　一、总体要求", "　　（一）稳定就业  局势。", "国务院", "2018年11月16日"]  # fmt: skip
    locators = [b.locator for b in full_page.blocks]
    assert locators[:5] == ["p[1]", "p[2]", "p[3]", "p[4]", "p[4] line 2"]
    assert full_page.blocks[0].style == "p"


def test_it_reads_rowspan_and_colspan_into_the_table_model(full_page: SourceText) -> None:
    block = next(b for b in full_page.blocks if b.kind == "table")
    table = block.table
    assert table is not None
    assert (table.n_rows, table.n_cols, table.n_header_rows) == (4, 3, 2)
    assert table.header == ["序号", "任务/事项", "任务/牵头单位"]
    assert table.rows == [["1", "支持企业稳定岗位", "人力资源社会保障部"], ["2", "开展培训", "人力资源社会保障部"]]
    lead = next(c for c in table.cells if c.text == "人力资源社会保障部")
    assert (lead.row, lead.col, lead.row_span, lead.col_span) == (2, 2, 2, 1)
    assert lead.span is not None and full_page.text[lead.span.start : lead.span.end] == lead.raw
    assert block.locator == "table[1]" and table.source == "html"


def test_it_keeps_the_portal_metadata_apart_from_the_text(full_page: SourceText) -> None:
    assert full_page.metadata == {
        "ArticleTitle": "国务院关于做好就业工作的通知",
        "PubDate": "2018-12-10 17:00",
        "page_title": "国务院关于做好就业工作的通知_政府信息公开专栏",
        "主题分类": "劳动、人事、监察\\就业",
        "发布日期": "2018年12月05日",
        "发文字号": "国发〔2018〕39号",
        "发文机关": "国务院",
        "成文日期": "2018年11月16日",
        "标题": "国务院关于做好就业工作的通知",
        "索引号": "000014349/2018-00188",
    }


def test_it_parses_metadata_written_in_one_line() -> None:
    tokens = ["索引号：11440100/2021-00071", "分类：", "发布机构：广州市人民政府办公厅", "成文日期：2021-06-04", "名称：x"]
    assert parse_metadata_tokens(tokens) == {"索引号": "11440100/2021-00071", "发布机构": "广州市人民政府办公厅",
                                             "成文日期": "2021-06-04"}  # fmt: skip


def test_it_finds_the_body_by_text_density_without_known_class_names() -> None:
    links = "".join(f"<li><a href='/{i}'>栏目{i}</a></li>" for i in range(30))
    body = "".join(f"<p>第{n}条 这是正文的第{n}段，内容足够长，用来构成文字密度最高的区域。</p>" for n in range(1, 8))
    page = f"<html><body><div id='menu'><ul>{links}</ul></div><div id='main'><div>{body}</div></div></body></html>"
    result = read(page.encode("utf-8"))
    assert result.text.startswith("第1条 这是正文")
    assert "栏目" not in result.text


def test_it_decodes_a_gbk_page_by_its_declared_charset() -> None:
    page = '<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"></head><body>' \
           '<div class="TRS_Editor"><p>关于印发《办法》的通知</p></div></body></html>'  # fmt: skip
    result = read(page.encode("gb18030"))
    assert result.text == "关于印发《办法》的通知"
    assert result.source.encoding == "gb18030"


def test_a_page_without_text_is_empty() -> None:
    with pytest.raises(EmptyDocument):
        read(b"<html><body><div class='article-content'><img src='scan.png'></div></body></html>")
