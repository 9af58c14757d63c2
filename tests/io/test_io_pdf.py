"""The PDF reader: reading order, furniture removal, paragraph re-joining, tables and stitching."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from policyparse.errors import CorruptDocument, EmptyDocument, EncryptedDocument, NoTextLayer
from policyparse.io import contract_violations, read
from policyparse.io.assemble import RawCell
from policyparse.io.pdf import (
    Line,
    PageContent,
    PageTable,
    chars_to_lines,
    find_furniture,
    is_page_number,
    join_lines,
    stitch_tables,
    table_to_grid,
)
from policyparse.io.pdf_lines import CharIndex, inside_box
from policyparse.io.pdf_pdfium import dedupe_chars
from policyparse.model import SourceText, Table

from conftest_reliability import assemble_pdf, text_pdf

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "corpora" / "fixtures"
GOLD = ROOT / "corpora" / "gold" / "000_f2a56335dda66f79.facts.json"
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.fixture(scope="module")
def seed() -> SourceText:
    return read(FIXTURES / "seed.pdf")


@pytest.fixture(scope="module")
def truth() -> dict[str, Any]:
    return json.loads((FIXTURES / "annex2_truth.json").read_text(encoding="utf-8"))


def tables_of(source: SourceText) -> list[Table]:
    return [b.table for b in source.blocks if b.kind == "table" and b.table is not None]


# --------------------------------------------------------------------------- the seed


def test_it_keeps_the_reader_contract_on_the_seed(seed: SourceText) -> None:
    assert contract_violations(seed) == []
    assert (seed.source.format, seed.source.pages) == ("pdf", 12)


def test_it_reads_annex2_as_the_truth_has_it(seed: SourceText, truth: dict[str, Any]) -> None:
    (table,) = tables_of(seed)
    assert (table.n_rows, table.n_cols, table.n_header_rows) == (23, 4, 1)
    assert table.header == truth["header"]
    assert [dict(zip(truth["row_keys"], row, strict=True)) for row in table.rows] == truth["rows"]
    merged = sorted((c.row, c.col, c.row_span, c.col_span, c.text) for c in table.cells if c.row_span * c.col_span > 1)
    assert merged == sorted((m["row"], m["col"], m["rowspan"], m["colspan"], m["text"]) for m in truth["merged_regions"])
    assert all(c.span is not None and c.span.page == 12 for c in table.cells)


def test_its_paragraphs_equal_the_docx_paragraphs(seed: SourceText) -> None:
    twin = read(FIXTURES / "seed.docx")
    assert [b.text for b in seed.blocks if b.kind == "paragraph"] == [b.text for b in twin.blocks if b.kind == "paragraph"]


def test_the_seed_text_has_the_key_lines_without_inserted_spaces(seed: SourceText) -> None:
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    paragraphs = [b.text for b in seed.blocks if b.kind == "paragraph"]
    assert paragraphs[0] == gold["title"]
    for line in ("一、总体要求", "二、重点任务", "三、工作机制", "附件1", "附件2", "2021年8月17日"):
        assert line in paragraphs
    for task in gold["tasks"]:
        assert f"({task['assignment_text']})" in seed.text
    assert "全球500强企业" in seed.text
    assert not re.search(r"[\u4e00-\u9fff] [0-9]|[0-9] [\u4e00-\u9fff]", seed.text)


def test_it_removes_the_page_numbers(seed: SourceText) -> None:
    assert not any(is_page_number(b.text) for b in seed.blocks)
    assert not re.search(r"—\s*\d+\s*—", seed.text)


def test_its_blocks_carry_page_and_bbox(seed: SourceText) -> None:
    assert seed.blocks[0].page == 1
    assert seed.blocks[-1].page == 12
    for block in seed.blocks:
        assert block.page is not None and block.span.page == block.page
        assert block.bbox is not None and block.bbox[0] < block.bbox[2] and block.bbox[1] < block.bbox[3]
        assert block.locator and block.locator.startswith(f"page {block.page} ")


# --------------------------------------------------------------------------- small pure stages


def char(text: str, x0: float, top: float = 100.0, size: float = 16.0, width: float | None = None) -> dict[str, Any]:
    w = width if width is not None else (size if ord(text[0]) > 0x2E80 else size / 2)
    return {"text": text, "x0": x0, "x1": x0 + w, "top": top, "bottom": top + size, "size": size, "upright": True}


def test_it_writes_no_space_between_cjk_and_digits_that_are_merely_apart() -> None:
    chars = [char("全", 0), char("球", 16), char("5", 36), char("0", 44), char("0", 52), char("强", 64)]
    assert [line.text for line in chars_to_lines(chars, 1)] == ["全球500强"]


def test_it_keeps_real_spaces_and_separates_latin_words_and_wide_gaps() -> None:
    chars = [char("陈", 0), char(" ", 16), char("飞", 24), char("a", 100), char("b", 108), char("c", 124),
             char("印", 300), char("发", 316)]  # fmt: skip
    assert chars_to_lines(chars, 1)[0].text == "陈 飞 ab c 印发"


def test_it_groups_characters_into_lines_top_to_bottom() -> None:
    chars = [char("二", 0, top=130), char("一", 0, top=100), char("行", 16, top=101)]
    assert [line.text for line in chars_to_lines(chars, 1)] == ["一行", "二"]


def test_it_joins_wrapped_lines_without_spaces_inside_cjk() -> None:
    assert join_lines(["建立优质企业梯队培", "育机制"]) == "建立优质企业梯队培育机制"
    assert join_lines(["the State", "Council"]) == "the State Council"


@pytest.mark.parametrize("text", ["— 3 —", "- 1 -", "–– 1 ––", "第 3 页 共 12 页", "3/12", "12", "- ii -"])
def test_it_knows_page_numbers_in_any_decoration(text: str) -> None:
    assert is_page_number(text)


@pytest.mark.parametrize("text", ["2021年8月17日", "一、总体要求", "附件2", "(一)", "第三条"])
def test_it_does_not_take_text_for_page_numbers(text: str) -> None:
    assert not is_page_number(text)


def page(number: int, lines: list[tuple[str, float]], tables: list[PageTable] | None = None) -> PageContent:
    built = [Line(number, 80, 520, top, top + 16, text, 16, i) for i, (text, top) in enumerate(lines, 1)]
    return PageContent(number, 595, 842, built, tables or [], 100, 0)


def test_it_removes_running_headers_by_repetition_and_position() -> None:
    pages = [page(n, [("某某市人民政府公报", 40), ("正文内容" * n, 300), (f"·{n}·", 790)]) for n in (1, 2, 3)]
    pages[1].lines.append(Line(2, 80, 520, 780, 796, "末行正文", 16, 4))
    furniture = find_furniture(pages)
    assert furniture == {(1, 1), (1, 3), (2, 1), (2, 3), (3, 1), (3, 3)}


def test_it_does_not_remove_a_repeated_line_in_the_middle_of_the_page() -> None:
    pages = [page(n, [("（此页无正文）", 400)]) for n in (1, 2, 3)]
    assert find_furniture(pages) == set()


def box(x0: float, top: float, x1: float, bottom: float) -> tuple[float, float, float, float]:
    return (x0, top, x1, bottom)


def test_it_turns_cell_rectangles_into_spans() -> None:
    boxes = [box(0, 0, 100, 20), box(100, 0, 200, 20), box(0, 20, 100, 60), box(100, 20, 200, 40), box(100, 40, 200, 60)]
    chars = [char("甲", 10, top=2), char("乙", 110, top=2), char("合", 10, top=30), char("一", 110, top=22),
             char("二", 110, top=42)]  # fmt: skip
    table = table_to_grid(boxes, chars, 3)
    assert table is not None
    assert sorted((c.row, c.col, c.row_span, c.col_span, c.raw) for c in table.cells) == [
        (0, 0, 1, 1, "甲"), (0, 1, 1, 1, "乙"), (1, 0, 2, 1, "合"), (1, 1, 1, 1, "一"), (2, 1, 1, 1, "二")]  # fmt: skip


def test_it_gives_framed_prose_back_to_the_text() -> None:
    prose = "这是一段被边框包围的正文文字，长度超过二十个字符。"
    boxes = [box(0, 0, 400, 20), box(0, 20, 200, 40), box(200, 20, 400, 40), box(0, 40, 200, 60), box(200, 40, 400, 60)]
    chars = [char(ch, 16 * i, top=2) for i, ch in enumerate(prose)]
    chars += [char("项", 10, top=22), char("值", 210, top=22), char("甲", 10, top=42), char("一", 210, top=42)]
    table = table_to_grid(boxes, chars, 1)
    assert table is not None and table.n_rows == 2 and table.bbox[1] == 20
    assert table_to_grid([box(0, 0, 400, 20), box(0, 20, 400, 40)], chars, 1) is None  # one column: a frame


def part(number: int, top: float, bottom: float, n_rows: int, cells: list[tuple[int, int, int, str]]) -> PageTable:
    raw = [RawCell(row=r, col=c, raw=t, row_span=rs, page=number) for r, c, rs, t in cells]
    return PageTable(number, (80, top, 520, bottom), [80, 200, 520], n_rows, 2, raw, [number])


def test_it_stitches_a_table_continued_on_the_next_page() -> None:
    first = part(1, 600, 780, 3, [(0, 0, 1, "单位"), (0, 1, 1, "事项"), (1, 0, 2, "发改委"), (1, 1, 1, "甲"), (2, 1, 1, "乙")])
    rest = part(2, 72, 200, 3, [(0, 0, 1, "单位"), (0, 1, 1, "事项"), (1, 0, 1, ""), (1, 1, 1, "丙"), (2, 0, 1, "财政厅"),
                                (2, 1, 1, "丁")])  # fmt: skip
    pages = [page(1, [("正文", 100)], [first]), page(2, [("结尾", 300)], [rest])]
    (table,) = stitch_tables(pages)
    assert table.n_rows == 5 and table.pages == [1, 2]
    assert sorted((c.row, c.col, c.row_span, c.raw, c.page) for c in table.cells) == [
        (0, 0, 1, "单位", 1), (0, 1, 1, "事项", 1), (1, 0, 3, "发改委", 1), (1, 1, 1, "甲", 1), (2, 1, 1, "乙", 1),
        (3, 1, 1, "丙", 2), (4, 0, 1, "财政厅", 2), (4, 1, 1, "丁", 2)]  # fmt: skip


def test_it_does_not_stitch_across_body_text() -> None:
    first = part(1, 300, 400, 2, [(0, 0, 1, "a"), (0, 1, 1, "b"), (1, 0, 1, "c"), (1, 1, 1, "d")])
    second = part(2, 72, 200, 2, [(0, 0, 1, "e"), (0, 1, 1, "f"), (1, 0, 1, "g"), (1, 1, 1, "h")])
    pages = [page(1, [("表后正文", 500)], [first]), page(2, [], [second])]
    assert len(stitch_tables(pages)) == 2


# --------------------------------------------------------------------------- errors


def minimal_pdf(content: bytes, resources: str = "<< >>", extra: list[bytes] | None = None) -> bytes:
    """A one-page PDF with a correct xref table."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources {resources} /Contents 4 0 R >>".encode(),
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        *(extra or []),
    ]
    return assemble_pdf(objects)


def test_a_scanned_pdf_has_no_text_layer() -> None:
    image = b"<< /Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray /BitsPerComponent 8 /Length 1 >>\nstream\n\xff\nendstream"  # noqa: E501
    data = minimal_pdf(b"q 500 0 0 700 50 50 cm /Im1 Do Q", "<< /XObject << /Im1 5 0 R >> >>", [image])
    with pytest.raises(NoTextLayer, match="scanned") as err:
        read(data, path="scan.pdf")
    assert "ocrmypdf" in str(err.value)


def test_a_blank_pdf_is_empty() -> None:
    with pytest.raises(EmptyDocument):
        read(minimal_pdf(b""))


def test_a_broken_pdf_is_corrupt_and_keeps_the_cause() -> None:
    with pytest.raises(CorruptDocument) as err:
        read(b"%PDF-1.4\n1 0 obj << /Type /Catalog >>\ntrailer garbage", path="broken.pdf")
    assert err.value.__cause__ is not None


# --------------------------------------------------------------------------- LibreOffice-built PDFs


def _convert(docx_path: Path, out_dir: Path, profile: Path, filter_name: str = "pdf") -> Path:
    subprocess.run(
        [str(SOFFICE), f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", filter_name,
         "--outdir", str(out_dir), str(docx_path)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    return out_dir / (docx_path.stem + ".pdf")


def _libreoffice_build(base: Path) -> dict[str, Path]:
    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    document = docx.Document()
    document.add_paragraph("关于印发测试表格的通知")
    for _ in range(3):
        document.add_paragraph("为测试跨页表格的拼接，本段落占用一些篇幅。" * 3)
    table = document.add_table(rows=61, cols=3)
    table.style = "Table Grid"
    for c, text in enumerate(["序号", "事项", "牵头单位"]):
        table.cell(0, c).text = text
    table.rows[0]._tr.get_or_add_trPr().append(parse_xml(f"<w:tblHeader {nsdecls('w')}/>"))
    for i in range(1, 61):
        table.cell(i, 0).text = str(i)
        table.cell(i, 1).text = f"第{i}项工作任务"
    for group in range(12):
        table.cell(1 + 5 * group, 2).merge(table.cell(5 + 5 * group, 2)).text = f"单位{group + 1}"
    document.add_paragraph("本通知自印发之日起施行。")
    source = base / "long.docx"
    document.save(source)
    profile = base / "profile"
    plain = _convert(source, base / "plain", profile)
    options = ('pdf:writer_pdf_Export:{"EncryptFile":{"type":"boolean","value":"true"},'
               '"DocumentOpenPassword":{"type":"string","value":"secret"}}')  # fmt: skip
    return {"plain": plain, "locked": _convert(source, base / "locked", profile, options)}


def _reportlab_build(base: Path) -> dict[str, Path]:
    """The same notice drawn with reportlab's canvas: the table breaks after row 31, inside a merged group."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    xs, height = [80, 140, 360, 520], 20

    def draw(path: Path, encrypt: str | None) -> Path:
        pdf = canvas.Canvas(str(path), pagesize=(595, 842), encrypt=encrypt)
        for number, rows in ((1, range(1, 32)), (2, range(32, 61))):
            pdf.setFont("STSong-Light", 12)
            y = 842 - 72
            if number == 1:
                pdf.drawString(80, y, "关于印发测试表格的通知")
                y -= 40
            cells = [(0, 0, 1, "序号"), (0, 1, 1, "事项"), (0, 2, 1, "牵头单位")]
            for k, i in enumerate(rows, 1):
                cells += [(k, 0, 1, str(i)), (k, 1, 1, f"第{i}项工作任务")]
                if (i - 1) % 5 == 0 or i == rows.start:
                    size = min(5 - (i - 1) % 5, rows.stop - i)
                    cells.append((k, 2, size, f"单位{(i - 1) // 5 + 1}" if (i - 1) % 5 == 0 else ""))
            for row, col, span, text in cells:
                top = y - row * height
                pdf.rect(xs[col], top - span * height, xs[col + 1] - xs[col], span * height)
                pdf.drawString(xs[col] + 4, top - 15, text)
            if number == 2:
                pdf.drawString(80, y - (len(rows) + 2) * height, "本通知自印发之日起施行。")
            pdf.drawString(280, 40, f"— {number} —")
            pdf.showPage()
        pdf.save()
        return path

    return {"plain": draw(base / "plain.pdf", None), "locked": draw(base / "locked.pdf", "secret")}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A notice whose 60-row table (merged cells in groups of 5, repeated header) runs over a page
    break, as a plain and a password-protected PDF: made by LibreOffice from a .docx when it is
    installed, else drawn with reportlab."""
    base = tmp_path_factory.mktemp("built")
    if SOFFICE is not None:
        return _libreoffice_build(base)
    try:
        import reportlab  # noqa: F401
    except ImportError:
        pytest.skip("neither LibreOffice (soffice) nor reportlab is installed: cannot build a PDF with a table over "
                    "a page break; apt-get install libreoffice-writer-nogui fonts-noto-cjk, or pip install reportlab")
    return _reportlab_build(base)


def test_a_table_over_a_page_break_is_one_table_with_one_header(built: dict[str, Path]) -> None:
    result = read(built["plain"])
    assert contract_violations(result) == []
    (block,) = [b for b in result.blocks if b.kind == "table"]
    table = block.table
    assert table is not None
    pages = {c.span.page for c in table.cells if c.span is not None}
    assert pages == {1, 2}, "the fixture must put the table over a page break"
    assert table.warnings == ["stitched from pages 1, 2"]
    assert (table.n_rows, table.n_cols, table.n_header_rows) == (61, 3, 1)
    assert table.header == ["序号", "事项", "牵头单位"]
    assert table.rows == [[str(i), f"第{i}项工作任务", f"单位{(i - 1) // 5 + 1}"] for i in range(1, 61)]
    merged = sorted((c.row, c.row_span) for c in table.cells if c.col == 2 and c.row > 0)
    assert merged == [(1 + 5 * g, 5) for g in range(12)]
    assert result.text.count("序号") == 1
    assert [b.text for b in result.blocks if b.kind == "paragraph"][-1] == "本通知自印发之日起施行。"


def test_a_password_protected_pdf_is_reported_as_encrypted(built: dict[str, Path]) -> None:
    with pytest.raises(EncryptedDocument) as err:
        read(built["locked"])
    assert err.value.__cause__ is not None


# --------------------------------------------------------------------------- the pdfium layer


def test_it_keeps_one_of_a_character_drawn_twice_at_the_same_place() -> None:
    bold = [char("甲", 100), char("甲", 100.4), char("乙", 116), char("乙", 116.3, top=100.5), char("甲", 140)]
    kept = dedupe_chars(bold)
    assert [(c["text"], c["x0"]) for c in kept] == [("甲", 100), ("乙", 116), ("甲", 140)]
    assert len(dedupe_chars([char("甲", 100), char("甲", 100, size=20)])) == 2  # another size is another glyph


def test_it_finds_the_characters_of_a_box_in_their_order() -> None:
    import random

    rng = random.Random(3)
    chars = [char("字", rng.uniform(0, 500), top=rng.uniform(0, 700), size=rng.choice([9.0, 12.0, 16.0]))
             for _ in range(400)]  # fmt: skip
    index = CharIndex(chars)
    for _ in range(50):
        x0, top = rng.uniform(0, 450), rng.uniform(0, 650)
        bbox = (x0, top, x0 + rng.uniform(5, 200), top + rng.uniform(5, 200))
        assert index.inside(bbox) == [c for c in chars if inside_box(c, bbox)]


def test_the_table_finder_runs_only_on_pages_whose_rules_can_hold_a_table(monkeypatch: pytest.MonkeyPatch) -> None:
    from policyparse.io import pdf_tables

    calls: list[int] = []
    real = pdf_tables._find_tables
    monkeypatch.setattr(pdf_tables, "_find_tables", lambda v, h: calls.append(1) or real(v, h))
    read(text_pdf(["Notice", "on the work"]))
    assert calls == []  # pages without rules never reach the table finder
    read(FIXTURES / "seed.pdf")
    assert len(calls) == 2, "of the 12 pages only the annex table's page does (a first pass and the framed pass)"


def test_characters_come_upright_in_displayed_coordinates() -> None:
    from policyparse.io.pdf_pdfium import open_pdf, read_page

    pdf = open_pdf((FIXTURES / "seed.pdf").read_bytes(), None)
    try:
        page = read_page(pdf, 0)
    finally:
        pdf.close()
    first = min(page.chars, key=lambda c: (round(c["top"]), c["x0"]))
    assert first["text"] == "中" and first["upright"]
    assert 0 < first["top"] < first["bottom"] < page.height / 4  # top-left origin: the first line is near the top
    assert abs(first["bottom"] - first["top"] - first["size"]) < 0.01 and 20 < first["size"] < 24


def test_pdfs_read_from_several_threads_equal_the_sequential_reads() -> None:
    from concurrent.futures import ThreadPoolExecutor

    paths = [FIXTURES / "seed.pdf", ROOT / "corpora" / "realfiles" / "09_synthetic_notice_wps.pdf"] * 3
    alone = [read(p).text for p in paths]
    with ThreadPoolExecutor(max_workers=4) as pool:  # pdfium is not thread-safe: the reader serializes it
        together = list(pool.map(lambda p: read(p).text, paths))
    assert together == alone


def test_a_pdf_locked_only_against_printing_and_copying_reads_like_the_plain_one() -> None:
    pypdf = pytest.importorskip("pypdf", reason="pypdf adds the owner password")
    import io

    plain = ROOT / "corpora" / "realfiles" / "09_synthetic_notice_wps.pdf"
    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(plain))
    writer.encrypt(user_password="", owner_password="owner", algorithm="AES-128", permissions_flag=0)
    buffer = io.BytesIO()
    writer.write(buffer)
    assert read(buffer.getvalue(), format="pdf").text == read(plain).text


def test_its_cell_search_finds_what_pdfplumbers_table_finder_finds() -> None:
    import random

    from pdfplumber.table import TableFinder, TableSettings

    from policyparse.io import pdf_tables

    def edge(o: str, x0: float, x1: float, top: float, bottom: float) -> dict[str, Any]:
        return pdf_tables._edge(o, x0, x1, top, bottom)

    rng = random.Random(11)
    for _ in range(200):
        xs = sorted(rng.sample(range(0, 400, 7), rng.randint(2, 8)))
        ys = sorted(rng.sample(range(0, 600, 9), rng.randint(2, 9)))
        v = [edge("v", x + d, x + d, ys[rng.randrange(len(ys) - 1)], ys[-1])
             for x in xs for d in rng.sample([0.0, 1.2, -2.0], rng.randint(1, 2))]  # fmt: skip
        h = [edge("h", xs[0] + rng.uniform(-1, 30), xs[-1] - rng.uniform(0, 30), y + d, y + d)
             for y in ys for d in (rng.uniform(-1, 1),)]  # fmt: skip
        settings = {"vertical_strategy": "explicit", "horizontal_strategy": "explicit", "explicit_vertical_lines": v,
                    "explicit_horizontal_lines": h}  # fmt: skip
        theirs = TableFinder(None, TableSettings.resolve(settings)).tables  # type: ignore[arg-type]
        ours = pdf_tables._find_tables(v, h)
        assert [(t.cells, t.bbox) for t in ours] == [(t.cells, t.bbox) for t in theirs]
