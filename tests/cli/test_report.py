"""The HTML report: one self-contained page per document, checked as markup and in headless Chromium.

The browser half needs Debian's ``chromium`` and ``chromium-driver`` (``scripts/install_system_deps.sh``)
and the ``selenium`` package; it is skipped with the reason when any of them is missing.
"""

from __future__ import annotations

import json
import os
import shutil

import pytest
from lxml import html as lhtml

from policyparse.model import Cell, PolicyDocument, Table
from policyparse.normalize import fold
from policyparse.report import render_report, table_to_html

from conftest import DEV, FIXTURES, ROOT, SEED, parsed

FIGURES = ROOT / "notebooks" / "figures"


def _seed_page() -> str:
    return render_report(parsed(str(SEED)))


def _tree(page: str):
    return lhtml.fromstring(page.encode("utf-8"))


def _annex_table(tree, label: str):
    for sec in tree.xpath('//section[@class="annex"]'):
        if sec.xpath("string(h4)").replace(" ", "").startswith(label):
            tables = sec.xpath('.//table[@class="grid"]')
            assert tables, f"{label} has no table"
            return tables[0]
    raise AssertionError(f"no annex {label} in the page")


def _layout(table) -> tuple[list[list[str | None]], list[tuple[int, int, int, int, str]]]:
    """The HTML table laid out as a browser does: the filled grid and every spanning cell's region."""
    placed: dict[tuple[int, int], str] = {}
    regions = []
    rows = table.xpath("./thead/tr | ./tbody/tr | ./tr")
    for r, tr in enumerate(rows):
        c = 0
        for cell in tr.xpath("./td | ./th"):
            while (r, c) in placed:
                c += 1
            rs, cs = int(cell.get("rowspan", "1")), int(cell.get("colspan", "1"))
            text = cell.text_content()
            for dr in range(rs):
                for dc in range(cs):
                    assert (r + dr, c + dc) not in placed, f"cells overlap at {(r + dr, c + dc)}"
                    placed[(r + dr, c + dc)] = text
            if rs > 1 or cs > 1:
                regions.append((r, c, rs, cs, text))
            c += cs
    n_cols = 1 + max(k for _r, k in placed)
    grid = [[placed.get((r, k)) for k in range(n_cols)] for r in range(len(rows))]
    return grid, regions


# --- markup ---------------------------------------------------------------------------------


def test_it_renders_annex2_merged_cells_with_their_rowspans():
    truth = json.loads((FIXTURES / "annex2_truth.json").read_text(encoding="utf-8"))
    _grid, regions = _layout(_annex_table(_tree(_seed_page()), "附件2"))
    expected = sorted((m["row"], m["col"], m["rowspan"], m["colspan"], m["text"]) for m in truth["merged_regions"])
    assert len(regions) == 11
    assert sorted((r, c, rs, cs, fold(t)) for r, c, rs, cs, t in regions) == [
        (r, c, rs, cs, fold(t)) for r, c, rs, cs, t in expected]


def test_it_lays_annex2_out_as_the_filled_grid_of_the_truth():
    truth = json.loads((FIXTURES / "annex2_truth.json").read_text(encoding="utf-8"))
    grid, _regions = _layout(_annex_table(_tree(_seed_page()), "附件2"))
    keys = truth["row_keys"]
    assert [fold(x or "") for x in grid[0]] == [fold(h) for h in truth["header"]]
    assert [[fold(x or "") for x in row] for row in grid[1:]] == [[fold(r[k]) for k in keys] for r in truth["rows"]]


def test_it_highlights_the_lead_of_each_of_the_six_tasks():
    gold = json.loads((ROOT / "corpora" / "gold" / "000_f2a56335dda66f79.facts.json").read_text(encoding="utf-8"))
    rows = _tree(_seed_page()).xpath('//table[@class="tasks"]//tr[@class="task"]')
    assert len(rows) == 6
    for tr, task in zip(rows, gold["tasks"], strict=True):
        leads = [m.text_content() for m in tr.xpath('.//mark[contains(@class, "lead")]')]
        units = [u.text_content() for u in tr.xpath('.//*[contains(concat(" ", @class, " "), " unit ")]')]
        assert leads == task["lead_units"]
        assert units == task["units"]
        assert tr.get("data-lead") == "、".join(task["lead_units"])


def test_it_lists_the_two_consistency_findings_with_their_task():
    items = _tree(_seed_page()).xpath('//ul[@class="findings"]/li[@class="finding"]')
    assert len(items) == 2
    texts = [li.text_content() for li in items]
    assert any("省科技厅" in t for t in texts) and any("省商务厅" in t for t in texts)
    for li in items:
        target = li.xpath(".//a/@href")[0]
        assert _tree(_seed_page()).xpath(f'//tr[@id="{target[1:]}"]/@data-task-id') == ["t4"]


def test_it_shows_the_envelope_outline_repeal_and_effective_date():
    tree = _tree(_seed_page())
    assert tree.xpath("string(//h1)").startswith("中共湖南省委办公厅")
    assert len(tree.xpath('//section[@class="document"]')) == 2
    top = tree.xpath('//section[@id="doc-2"]/nav[@class="outline"]/ol/li/span[@class="heading"]/text()')
    assert top == ["总体要求", "重点任务", "工作机制"]
    repeal = tree.xpath('string(//ul[@class="repeals"])')
    assert "湘办发〔2020〕7号" in repeal and "同时废止" in repeal
    assert "2021-08-17" in tree.xpath('string(//dl[contains(@class, "effective")])')


def test_it_is_self_contained_with_a_cjk_font_stack():
    page = _seed_page()
    for needle in ("<script", "src=", "@import", "url(", "http://", "https://", "<link"):
        assert needle not in page
    style = _tree(page).xpath("string(//style)")
    for font in ("Noto Sans CJK SC", "WenQuanYi", "AR PL"):
        assert font in style


def test_it_is_deterministic_and_survives_a_json_round_trip():
    doc = parsed(str(SEED))
    again = PolicyDocument.model_validate_json(doc.model_dump_json())
    assert render_report(doc) == render_report(doc) == render_report(again)


def test_it_escapes_every_text_taken_from_the_document():
    doc = PolicyDocument(title='<script>alert("x")</script> & 《通知》', doc_type="<b>通知</b>", text="")
    page = render_report(doc)
    assert "<script>" not in page and "<b>" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; 《通知》" in page


def test_it_renders_colspan_and_leaves_uncovered_positions_blank():
    cells = [Cell(row=0, col=0, row_span=2, raw="名称", text="名称", header=True),
             Cell(row=0, col=1, col_span=2, raw="人数", text="人数", header=True),
             Cell(row=1, col=1, raw="男", text="男", header=True), Cell(row=1, col=2, raw="女", text="女", header=True),
             Cell(row=2, col=0, raw="甲", text="甲"), Cell(row=2, col=1, raw="3", text="3")]
    table = Table(n_rows=3, n_cols=3, n_header_rows=2, cells=cells)
    tree = lhtml.fromstring(table_to_html(table))
    grid, regions = _layout(tree)
    assert regions == [(0, 0, 2, 1, "名称"), (0, 1, 1, 2, "人数")]
    assert grid == [["名称", "人数", "人数"], ["名称", "男", "女"], ["甲", "3", ""]]
    assert tree.xpath('count(.//td[@class="blank"])') == 1
    assert tree.xpath("count(./thead/tr)") == 2 and tree.xpath("count(./tbody/tr)") == 1


def test_it_keeps_the_two_row_header_with_colspan_of_a_dev_table():
    doc = parsed(str(DEV / "g011_guobanfa_1996_32_xizang_ban.txt"))
    tables = [t for d in doc.walk() for a in d.annexes for t in a.tables]
    assert tables, "the dev document has an annex table"
    for t in tables:
        grid, regions = _layout(lhtml.fromstring(table_to_html(t)))
        assert len(grid) == t.n_rows and all(len(row) == t.n_cols for row in grid)
        spans = sorted((c.row, c.col, c.row_span, c.col_span) for c in t.cells if c.row_span > 1 or c.col_span > 1)
        assert sorted(r[:4] for r in regions) == spans
        assert any(cs > 1 for _r, _c, _rs, cs, _t in regions)


@pytest.mark.parametrize("path", sorted(DEV.glob("*.txt")), ids=lambda p: p.stem[:12])
def test_every_dev_document_renders_with_each_table_laid_out_as_its_grid(path):
    doc = parsed(str(path))
    tree = _tree(render_report(doc))
    docs = list(doc.walk())
    assert len(tree.xpath('//section[@class="document"]')) == len(docs)
    assert len(tree.xpath('//tr[@class="task"]')) == sum(len(d.tasks) for d in docs)
    tables = [t for d in docs for a in d.annexes for t in a.tables]
    rendered = tree.xpath('//table[@class="grid"]')
    assert len(rendered) == len(tables)
    for t, el in zip(tables, rendered, strict=True):
        grid, _regions = _layout(el)
        expected = [[c.text if c is not None else "" for c in row] for row in t.grid()]
        assert grid == expected


# --- in a real browser ----------------------------------------------------------------------

_MERGE_CHECK = """
const table = arguments[0];
const rows = Array.from(table.rows);
const out = [];
for (let r = 0; r < rows.length; r++) {
  for (const cell of rows[r].cells) {
    if (cell.rowSpan > 1) {
      const box = cell.getBoundingClientRect();
      const first = rows[r].getBoundingClientRect(), last = rows[r + cell.rowSpan - 1].getBoundingClientRect();
      out.push({rowspan: cell.rowSpan, text: cell.textContent, height: box.height,
                top: box.top - first.top, bottom: box.bottom - last.bottom});
    }
  }
}
const single = rows[1].cells[rows[1].cells.length - 1].getBoundingClientRect().height;
return {merged: out, single: single};
"""


def test_the_seed_report_renders_merged_cells_merged_in_chromium(browser, tmp_path_factory):
    from selenium.webdriver.common.by import By

    out = tmp_path_factory.mktemp("report-artifacts")
    page = out / "report_seed.html"
    page.write_text(_seed_page(), encoding="utf-8")
    browser.set_window_size(1200, 900)
    browser.get(page.as_uri())
    table = None
    for sec in browser.find_elements(By.CSS_SELECTOR, "section.annex"):
        if sec.find_element(By.TAG_NAME, "h4").text.replace(" ", "").startswith("附件2"):
            table = sec.find_element(By.CSS_SELECTOR, "table.grid")
    assert table is not None
    result = browser.execute_script(_MERGE_CHECK, table)
    merged, single = result["merged"], result["single"]
    assert len(merged) == 11 and single > 0
    for m in merged:  # each merged cell reaches from its first row's top to its last row's bottom
        assert abs(m["top"]) < 1.5 and abs(m["bottom"]) < 1.5, m
        assert m["height"] > (m["rowspan"] - 0.5) * single, m
    tallest = max(merged, key=lambda m: m["rowspan"])
    assert tallest["rowspan"] == 19 and tallest["height"] > 15 * single

    lead_bg = browser.execute_script(
        "return getComputedStyle(document.querySelector('mark.unit.lead')).backgroundColor;")
    plain_bg = browser.execute_script(
        "return getComputedStyle(document.querySelector('span.unit.participant')).backgroundColor;")
    assert lead_bg != plain_bg
    assert len(browser.find_elements(By.CSS_SELECTOR, "tr.task mark.unit.lead")) == 6

    height = browser.execute_script("return document.documentElement.scrollHeight;")
    browser.set_window_size(1200, min(int(height) + 40, 16000))
    shot = out / "report_seed.png"
    assert browser.save_screenshot(str(shot))
    assert shot.stat().st_size > 10_000
    if os.environ.get("POLICYPARSE_UPDATE_NOTEBOOKS") == "1":  # the one way to refresh the committed picture
        FIGURES.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(shot, FIGURES / "report_seed.png")


def test_it_shows_the_tables_of_the_body_under_their_section():
    path = ROOT / "corpora" / "realfiles" / "05_zfxxgk_ndbg_geshi_muban.docx"
    if not path.exists():
        pytest.skip(f"{path} is not present")
    import policyparse

    page = lhtml.fromstring(render_report(policyparse.parse(path)))
    headings = [h.text_content() for h in page.xpath("//section[starts-with(@id, 'doc-1-table-')]/h4")]
    assert headings == ["表 1 · 二", "表 2 · 三", "表 3 · 四"]
    assert len(page.xpath("//section[starts-with(@id, 'doc-1-table-')]//table")) == 3
