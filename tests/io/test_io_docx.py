"""The .docx reader: body order, merged cells from the XML, numbering, exclusions, safety."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from policyparse.errors import CorruptDocument, InputTooLarge
from policyparse.io import ReadLimits, contract_violations, read
from policyparse.io.docx import chinese_counting, format_number, read_docx
from policyparse.model import SourceText, Table

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "corpora" / "fixtures"
GOLD = ROOT / "corpora" / "gold" / "000_f2a56335dda66f79.facts.json"


@pytest.fixture(scope="module")
def seed() -> SourceText:
    path = FIXTURES / "seed.docx"
    if not path.exists():
        pytest.skip(f"{path} absent")
    return read(path)


@pytest.fixture(scope="module")
def truth() -> dict[str, Any]:
    return json.loads((FIXTURES / "annex2_truth.json").read_text(encoding="utf-8"))


def only_table(source: SourceText) -> Table:
    tables = [b.table for b in source.blocks if b.kind == "table"]
    assert len(tables) == 1
    assert tables[0] is not None
    return tables[0]


def to_bytes(document: Any) -> bytes:
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


# --------------------------------------------------------------------------- the seed


def test_it_keeps_the_reader_contract_on_the_seed(seed: SourceText) -> None:
    assert contract_violations(seed) == []
    assert seed.source.format == "docx"


def test_it_reads_annex2_rows_and_header_as_the_truth_has_them(seed: SourceText, truth: dict[str, Any]) -> None:
    table = only_table(seed)
    assert (table.n_rows, table.n_cols, table.n_header_rows) == (truth["n_rows_total"], truth["n_cols"], 1)
    assert table.header == truth["header"]
    assert len(table.rows) == truth["n_data_rows"] == 22
    assert [dict(zip(truth["row_keys"], row, strict=True)) for row in table.rows] == truth["rows"]
    assert table.source == "docx"


def test_it_takes_the_merged_regions_from_vmerge_not_from_repeated_text(seed: SourceText, truth: dict[str, Any]) -> None:
    table = only_table(seed)
    merged = sorted((c.row, c.col, c.row_span, c.col_span, c.text) for c in table.cells if c.row_span * c.col_span > 1)
    expected = sorted((m["row"], m["col"], m["rowspan"], m["colspan"], m["text"]) for m in truth["merged_regions"])
    assert merged == expected
    covered = sum(cell is None for row in truth["grid_raw"] for cell in row)
    assert table.n_rows * table.n_cols - len(table.cells) == covered == 38
    assert all(c.span_rule == "markup" for c in table.cells)
    assert [c.header for c in table.cells if c.row == 0] == [True] * 4
    assert not any(c.header for c in table.cells if c.row > 0)


def test_its_cell_spans_point_at_one_line_each(seed: SourceText) -> None:
    block = next(b for b in seed.blocks if b.kind == "table")
    table = block.table
    assert table is not None
    origin = next(c for c in table.cells if (c.row, c.col) == (1, 0))
    assert origin.span is not None
    assert seed.text[origin.span.start : origin.span.end] == origin.raw == "世界级 产业集群"
    assert origin.provenance == "table 1 cell (1,0)"
    assert block.locator == "table 1"
    lines = block.text.split("\n")
    assert len(lines) == len([c for c in table.cells if c.raw])


def test_the_seed_text_has_the_key_lines(seed: SourceText) -> None:
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    paragraphs = [b.text for b in seed.blocks if b.kind == "paragraph"]
    assert paragraphs[0] == gold["title"]
    for heading in ("一、总体要求", "二、重点任务", "三、工作机制", "附件1", "附件2", "2021年8月17日"):
        assert heading in paragraphs
    for task in gold["tasks"]:
        assert f"({task['assignment_text']})" in seed.text


def test_it_leaves_headers_and_footers_out(seed: SourceText) -> None:
    assert "—" not in "".join(b.text for b in seed.blocks if len(b.text) < 10)
    assert "— 1 —" not in seed.text


def test_its_paragraph_locators_count_body_paragraphs(seed: SourceText) -> None:
    assert seed.blocks[0].locator == "paragraph 1"
    assert all(b.locator and b.locator.startswith("paragraph ") for b in seed.blocks if b.kind == "paragraph")
    assert seed.blocks[0].style == "Normal"


def test_it_keeps_title_like_core_properties_but_no_personal_names(seed: SourceText) -> None:
    assert seed.metadata["title"].startswith("中共湖南省委办公厅")
    assert not {"author", "last_modified_by"} & set(seed.metadata)


# --------------------------------------------------------------------------- synthetic documents


def test_it_reads_horizontal_and_vertical_merges_and_the_repeat_header_flag() -> None:
    document = docx.Document()
    table = document.add_table(rows=4, cols=3)
    texts = [["序号", "事项", "单位"], ["1", "甲", "发改委"], ["2", "乙", ""], ["合计", "", "2"]]
    for r, row in enumerate(texts):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    table.cell(1, 2).merge(table.cell(2, 2)).text = "发改委"
    table.cell(3, 0).merge(table.cell(3, 1)).text = "合计"
    table.rows[0]._tr.get_or_add_trPr().append(parse_xml(f"<w:tblHeader {nsdecls('w')}/>"))
    result = read(to_bytes(document))
    t = only_table(result)
    spans = {(c.row, c.col): (c.row_span, c.col_span) for c in t.cells}
    assert spans[(1, 2)] == (2, 1)
    assert spans[(3, 0)] == (1, 2)
    assert (2, 2) not in spans and (3, 1) not in spans
    assert t.n_header_rows == 1
    assert t.rows == [["1", "甲", "发改委"], ["2", "乙", "发改委"], ["合计", "合计", "2"]]
    assert contract_violations(result) == []


def test_it_splits_soft_line_breaks_and_skips_deleted_text_and_field_codes() -> None:
    document = docx.Document()
    paragraph = document.add_paragraph("第一行")
    paragraph.runs[0].add_break()
    paragraph.add_run("第二行")
    edited = document.add_paragraph("保留")
    edited._p.append(parse_xml(f"<w:del {nsdecls('w')} w:id='1' w:author='x'><w:r><w:delText>删除</w:delText></w:r></w:del>"))
    edited._p.append(parse_xml(f"<w:ins {nsdecls('w')} w:id='2' w:author='x'><w:r><w:t>插入</w:t></w:r></w:ins>"))
    edited._p.append(parse_xml(f"<w:r {nsdecls('w')}><w:instrText>PAGE</w:instrText></w:r>"))
    document.sections[0].footer.paragraphs[0].text = "— 1 —"
    document.sections[0].header.paragraphs[0].text = "页眉文字"
    result = read(to_bytes(document))
    assert [b.text for b in result.blocks] == ["第一行", "第二行", "保留插入"]
    assert [b.locator for b in result.blocks] == ["paragraph 1", "paragraph 1", "paragraph 2"]


def test_it_reads_text_boxes_once_before_their_anchor() -> None:
    document = docx.Document()
    anchor = document.add_paragraph("锚定段落")
    box = (
        f"<w:r {nsdecls('w')} xmlns:mc='http://schemas.openxmlformats.org/markup-compatibility/2006'>"
        "<mc:AlternateContent><mc:Choice Requires='wps'><w:drawing><w:txbxContent><w:p><w:r><w:t>框内文字</w:t>"
        "</w:r></w:p></w:txbxContent></w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent><w:p><w:r>"
        "<w:t>框内文字</w:t></w:r></w:p></w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r>"
    )
    anchor._p.append(parse_xml(box))
    assert [b.text for b in read(to_bytes(document)).blocks] == ["框内文字", "锚定段落"]


def _add_numbering(document: Any, levels: list[tuple[str, str]], nums: dict[int, int | None]) -> None:
    """An abstract numbering 90 with ``levels`` (numFmt, lvlText) and num instances (numId -> startOverride)."""
    numbering = document.part.numbering_part.element
    lvls = "".join(
        f"<w:lvl w:ilvl='{i}'><w:start w:val='1'/><w:numFmt w:val='{fmt}'/><w:lvlText w:val='{text}'/></w:lvl>"
        for i, (fmt, text) in enumerate(levels)
    )
    numbering.insert(0, parse_xml(f"<w:abstractNum {nsdecls('w')} w:abstractNumId='90'>{lvls}</w:abstractNum>"))
    for num_id, start in nums.items():
        override = (f"<w:lvlOverride w:ilvl='0'><w:startOverride w:val='{start}'/></w:lvlOverride>"
                    if start is not None else "")  # fmt: skip
        numbering.append(parse_xml(f"<w:num {nsdecls('w')} w:numId='{num_id}'><w:abstractNumId w:val='90'/>{override}</w:num>"))


def _numbered(document: Any, text: str, num_id: int, ilvl: int) -> None:
    paragraph = document.add_paragraph(text)
    paragraph._p.get_or_add_pPr().append(
        parse_xml(f"<w:numPr {nsdecls('w')}><w:ilvl w:val='{ilvl}'/><w:numId w:val='{num_id}'/></w:numPr>")
    )


def test_it_materializes_automatic_numbering_as_a_typist_would_write_it() -> None:
    document = docx.Document()
    _add_numbering(document, [("chineseCounting", "%1、"), ("chineseCounting", "（%2）"), ("decimal", "%3.")],
                   {91: None, 92: 1})  # fmt: skip
    for text, num, level in [("总体要求", 91, 0), ("目标", 91, 1), ("任务甲", 91, 2), ("Scope", 91, 2),
                             ("措施", 91, 1), ("任务乙", 91, 2), ("保障措施", 91, 0), ("另一份清单", 92, 0)]:  # fmt: skip
        _numbered(document, text, num, level)
    document.add_paragraph("未编号段落")
    texts = [b.text for b in read(to_bytes(document)).blocks]
    assert texts == ["一、总体要求", "（一）目标", "1.任务甲", "2. Scope", "（二）措施", "1.任务乙", "二、保障措施",
                     "一、另一份清单", "未编号段落"]  # fmt: skip


def test_it_follows_numbering_declared_by_the_paragraph_style() -> None:
    document = docx.Document()
    _add_numbering(document, [("chineseCounting", "第%1条")], {91: None})
    style = document.styles.add_style("条款", 1)
    style.element.get_or_add_pPr().append(parse_xml(f"<w:numPr {nsdecls('w')}><w:numId w:val='91'/></w:numPr>"))
    for text in ("为了规范管理，制定本办法。", "本办法适用于全市。"):
        document.add_paragraph(text, style="条款")
    assert [b.text for b in read(to_bytes(document)).blocks] == ["第一条为了规范管理，制定本办法。", "第二条本办法适用于全市。"]


@pytest.mark.parametrize(
    ("n", "expected"), [(1, "一"), (10, "十"), (11, "十一"), (20, "二十"), (99, "九十九"), (105, "一百零五"), (110, "一百一十")]
)
def test_it_counts_in_chinese(n: int, expected: str) -> None:
    assert chinese_counting(n) == expected


@pytest.mark.parametrize(
    ("fmt", "n", "expected"),
    [("decimal", 3, "3"), ("ideographTraditional", 2, "乙"), ("decimalEnclosedCircle", 3, "③"),
     ("chineseLegalSimplified", 12, "拾贰"), ("upperRoman", 4, "IV"), ("lowerLetter", 27, "aa"), ("decimalZero", 7, "07")],
)  # fmt: skip
def test_it_formats_word_number_formats(fmt: str, n: int, expected: str) -> None:
    assert format_number(n, fmt) == expected


# --------------------------------------------------------------------------- safety and errors


def _rezip(data: bytes, replace: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", compression) as dst:
        for info in src.infolist():
            dst.writestr(info.filename, replace.pop(info.filename, src.read(info.filename)))
        for name, blob in replace.items():
            dst.writestr(name, blob)
    return out.getvalue()


def test_it_refuses_a_zip_bomb_before_inflating_it() -> None:
    small = to_bytes(docx.Document())
    bomb = _rezip(small, {"word/media/fill.bin": b"\x00" * (3 * 1024 * 1024)})
    with pytest.raises(InputTooLarge, match="max_zip_ratio"):
        read(bomb, limits=ReadLimits(max_zip_ratio=50, zip_ratio_floor=1024 * 1024))
    with pytest.raises(InputTooLarge, match="max_zip_uncompressed"):
        read(bomb, limits={"max_zip_uncompressed": 1024 * 1024})


def test_it_refuses_parts_that_declare_entities() -> None:
    document = docx.Document()
    document.add_paragraph("正文")
    data = to_bytes(document)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        xml = archive.read("word/document.xml").decode("utf-8")
    head, body = xml.split("?>", 1)
    evil = head + '?><!DOCTYPE w:document [<!ENTITY x SYSTEM "file:///etc/passwd">]>' + body
    with pytest.raises(CorruptDocument, match="DTD"):
        read_docx(_rezip(data, {"word/document.xml": evil.encode("utf-8")}))


def test_it_reports_a_truncated_package_as_corrupt() -> None:
    data = to_bytes(docx.Document())
    with pytest.raises(CorruptDocument):
        read(data[: len(data) // 2], format="docx")
