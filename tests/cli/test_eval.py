"""The evaluation: the corpus holds its measured accuracy, and `policyparse eval` reports and gates on it."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from policyparse.cli import main
from policyparse.evaluate import Score, evaluate

from conftest import GOLD

# Measured on the shipped corpus (33 documents); a drop is a regression. See the README's table.
FLOORS = {"envelope": 1.0, "doc_number": 1.0, "outline": 0.995, "enclosed": 1.0, "attachments": 1.0, "tasks": 1.0,
          "units": 1.0, "leads": 1.0, "repeals": 1.0, "suspensions": 1.0, "effective": 1.0}


@pytest.fixture(scope="module")
def report():
    return evaluate(GOLD)


def test_every_shipped_document_is_scored(report):
    assert report.documents == len(list(GOLD.glob("*.facts.json"))) and not report.errors


@pytest.mark.parametrize("family", sorted(FLOORS))
def test_the_corpus_holds_its_measured_f1(report, family):
    assert report.scores[family].f1 >= FLOORS[family], [m for m in report.mismatches if m.family == family]


def test_scores_are_micro_averaged_precision_recall_f1():
    s = Score(tp=8, fp=2, fn=8)
    assert (s.precision, s.recall, round(s.f1, 4)) == (0.8, 0.5, round(2 * 0.8 * 0.5 / 1.3, 4))


def test_an_attachment_printed_in_the_cover_and_again_after_the_plan_counts_once():
    # corpora/genre/heldout172: each cover notice lists 附件1 and 附件2, and the plan after it lists them again; the
    # gold names each once, and so does the score (the parse keeps both lists, each with its document)
    from conftest import CORPORA

    got = evaluate(CORPORA / "genre" / "gold_heldout172", root=CORPORA.parent)
    assert (got.scores["attachments"].tp, got.scores["attachments"].fp, got.scores["attachments"].fn) == (6, 0, 0)


def test_the_cli_prints_the_table_and_gates_on_a_threshold():
    r = CliRunner().invoke(main, ["eval", str(GOLD), "--no-mismatches", "--min-f1", "tasks=0.97"])
    assert r.exit_code == 0, r.output
    assert "family" in r.output and "tasks" in r.output
    r = CliRunner().invoke(main, ["eval", str(GOLD), "--no-mismatches", "--min-f1", "all=1.01"])
    assert r.exit_code == 4 and "under threshold" in r.stderr


HELDOUT = GOLD.parent / "gold_heldout"
# Held-out documents (corpora/heldout): gold written before the parser ever ran on them.
# First honest run: envelope 0.659, doc_number 0.750, tasks 0.914, units 0.813 (see the README for what was fixed).
HELDOUT_FLOORS = {"envelope": 0.98, "doc_number": 1.0, "outline": 1.0, "tasks": 1.0, "units": 1.0, "leads": 1.0,
                  "repeals": 1.0, "effective": 1.0}


@pytest.fixture(scope="module")
def heldout():
    return evaluate(HELDOUT)


@pytest.mark.parametrize("family", sorted(HELDOUT_FLOORS))
def test_the_heldout_set_holds_its_measured_f1(heldout, family):
    assert heldout.documents == len(list(HELDOUT.glob("*.facts.json")))
    assert heldout.scores[family].f1 >= HELDOUT_FLOORS[family], [m for m in heldout.mismatches if m.family == family]


HELDOUT2 = GOLD.parent / "gold_heldout2"
# First honest run: envelope 0.707, doc_number 0.800, outline 0.950, repeals 1.000, effective 0.889.
HELDOUT2_FLOORS = {"envelope": 0.98, "doc_number": 1.0, "outline": 0.95, "repeals": 1.0, "attachments": 1.0}


@pytest.mark.parametrize("family", sorted(HELDOUT2_FLOORS))
def test_the_second_heldout_set_holds_its_measured_f1(family):
    report = _heldout2()
    assert report.documents == len(list(HELDOUT2.glob("*.facts.json")))
    assert report.scores[family].f1 >= HELDOUT2_FLOORS[family], [m for m in report.mismatches if m.family == family]


_CACHE: dict = {}


def _heldout2():
    if "r" not in _CACHE:
        _CACHE["r"] = evaluate(HELDOUT2)
    return _CACHE["r"]


HELDOUT3 = GOLD.parent / "gold_heldout3"
# Fifteen real portal copies of city and county notices (2015-2025), gold committed before the parser ran. First run:
# envelope 0.570, doc_number 0.400, enclosed 0.643, outline 0.895, repeals 0.667. Read since, in general: the page's
# metadata block labelled (文件标题：…) or printed as a list (- 发文字号：…) and the title repeated below it over two lines;
# a number printed between a title and its repeat; navigation, footers, breadcrumbs and page fields (浏览量：, 视力保护色：)
# round the title; a signature dated in digits (20171116); a title printed with its number in brackets. Still missed, each with its reason: a page whose footer and body
# run together (乐山), recipients printed without their colon and dates
# garbled by the portal (五大连池, 牟定), a joint notice whose two-line title names both issuers (鹤岗).
# A title over its page's metadata block (索引号 … one entry a line or a row) opens the document: envelope 0.810.
HELDOUT3_FLOORS = {"envelope": 0.80, "doc_number": 0.85, "enclosed": 0.68, "outline": 0.89, "effective": 1.0}




HELDOUT4 = GOLD.parent / "gold_heldout4"
# Fourteen more real portal copies (10 provinces, 2016-2025: a provincial department, cities, districts, development
# zones; an order in two languages, pages that start at the body), gold committed before the parser ran, scored after the
# third set's fixes. First run: envelope 0.672, doc_number 0.000 (7 numbers, none found), enclosed 0.600, repeals 0.545.
# Read since, in general: a number in a field among others (发文文号：…  发布机关：…, | 文 号: | …|, 文件编号 X with a space
# for the colon), the cells of a metadata table compared with the title below it, metadata fields never read as a title.
# Read since as well: a 主送 line printed without its colon. Still missed: pages that begin at the body, a title printed in
# 《》, numbers the portal broke.
HELDOUT4_FLOORS = {"envelope": 0.79, "doc_number": 0.60, "enclosed": 0.60, "outline": 0.97, "attachments": 1.0,
                   "effective": 1.0}


HELDOUT5 = GOLD.parent / "gold_heldout5"
# Fourteen real texts of provinces and counties the other sets lack (云南, 甘肃, 黑龙江, 湖北, 海南, 陕西, 广东, 湖南, 新疆,
# 宁夏, 河南, 广西; 2016-2025; 决定, 通告, 公告, a 政府令), gold committed before the parser ran. First run (scored by the
# set's writer): envelope 0.821, doc_number 0.769, enclosed 0.500, repeals 0.250, effective 0.667. Read since: rules
# repealed as a numbered list under a heading (一、废止9部省政府规章), each with the order it was made by (not the one that
# amended it): repeals 0.880; page numbers copied from a PDF (—1—, （此件主动公开）—2—) no part of a title: enclosed
# 0.667. Missed, each with its reason: an order (令) whose page prints the decree above its 办法,
# recipients broken inside a word (自治/区), a page number glued to a title (—1—).
HELDOUT5_FLOORS = {"envelope": 0.82, "doc_number": 0.76, "enclosed": 0.66, "outline": 1.0, "attachments": 0.66,
                   "repeals": 0.87, "effective": 0.66}
HELDOUT6 = GOLD.parent / "gold_heldout6"
# Thirteen more real texts (江西, 福建, 湖南, 湖北, 深圳, 山西, 陕西, 韶关, 东莞, 北京; 2016-2025; three copies in traditional
# characters, provincial orders repealing rules), gold committed before the parser ran. First run: envelope 0.661,
# doc_number 0.625, repeals 0.000, effective 0.000. Read since: traditional-character copies (read through their simplified
# form): envelope 0.787, doc_number 0.842; a heading that announces repealed rules: repeals 0.667; an order below a page
# title (江西省人民政府令 / 第250号 / …现予公布 / 省长 / date, then the decision): envelope 0.806, doc_number 0.900, effective
# 0.667. Missed, each with its reason: items run into one line, raw HTML in a text file.
HELDOUT6_FLOORS = {"envelope": 0.80, "doc_number": 0.89, "enclosed": 0.83, "outline": 0.79, "attachments": 0.93,
                   "repeals": 0.66, "effective": 0.66}
HELDOUT7 = GOLD.parent / "gold_heldout7"
# Fourteen more real texts (宁夏, 甘肃, 吉林, 黑龙江, 陕西, 河北, 浙江, 福建, 广东; 2015-2025; nine minimum-wage notices, four
# transmittals), gold committed before the parser ran. First run: envelope 0.606, doc_number 0.286, repeals 0.857,
# effective 0.000. Read since: a page heading that wraps the title with its number (浙政发〔2021〕22号《…》), lines of several
# furniture items (登录 | 注册, 时间：… 来源：, |来源：新高考网), the title after a site's words on the first line: envelope
# 0.815, doc_number 0.737. Not read, by the project's convention: 以上最低工资标准自…起执行 (a standard's start, not the
# notice's own 施行 date; the gold counts it). Missed: a news paragraph above the notice, a numbers-only heading (2022年河北
# 省最低工资标准).
# A title over its page's metadata block opens the document (白水, before a label-spaced 索 引 号 row): envelope 0.868.
HELDOUT7_FLOORS = {"envelope": 0.86, "doc_number": 0.73, "enclosed": 0.79, "outline": 0.92, "repeals": 0.85}
HELDOUT8 = GOLD.parent / "gold_heldout8"
# Twelve more real texts (重庆, 上海, 福建, 广东, 江西, 山西, 河北; 2015-2024; 通告, 批复, transmittals; mirror pages in
# traditional characters with pinyin glosses), gold committed before the parser ran. First run: envelope 0.835, doc_number
# 0.833, enclosed 0.769. Read since: pinyin glosses (发(fā)) blanked, a metadata table row's fields cut at its bars, a kind
# letter-spaced on its own line (批 复): envelope 0.927, doc_number 0.923, enclosed 0.923. Missed: a damaged date (2019610), a
# title cut off by the page, a 批复 with no title printed.
HELDOUT8_FLOORS = {"envelope": 0.92, "doc_number": 0.92, "enclosed": 0.92, "outline": 0.90, "attachments": 1.0}
HELDOUT9 = GOLD.parent / "gold_heldout9"
# Fifteen more real cover notices (河南, 北京, 天津, 晋城, 惠州, 朝阳, 安陆, 广丰, 祥云, 遂川, 浮山, 怀远, 高青, 邻水, 册亨;
# 2016-2025; seven repeal an earlier document), gold committed before the parser ran. First run: envelope 0.711,
# doc_number 0.900, enclosed 0.720, repeals 0.923. Read since: a site's name, address and date beside its furniture, a
# numbered breadcrumb list (1. 首页), a disclosure block (公开方式, 是否有效, 文章字号): envelope 0.800. Missed: metadata labels glued to values, truncated labels, damaged
# dates (2019年1123), and — a convention the gold does not share — a 预案's table of contents read into the outline.
# A title over its page's metadata block opens the document: envelope 0.828.
HELDOUT9_FLOORS = {"envelope": 0.82, "doc_number": 0.90, "enclosed": 0.72, "repeals": 0.92}
HELDOUT10 = GOLD.parent / "gold_heldout10"
# Twelve more real texts (汉阴, 绛县, 若羌, 博州, 深圳, 毕节, 襄阳, 西安, 东莞, 临朐, 鄂温克, 江苏; 2015-2025; orders,
# traditional and pinyin-glossed copies), gold committed before the parser ran. First run: envelope 0.808, doc_number 0.727.
# Read since: a breadcrumb above a page that prints no title (首页> | 政务公开> | …), a metadata table whose labels
# the project did not know (公开责任部门, 公开目录): envelope 0.843, doc_number 0.923.
# Missed: a joint party-government title after a breadcrumb, pinyin glosses inside a number of a title-less page.
HELDOUT10_FLOORS = {"envelope": 0.84, "doc_number": 0.92, "enclosed": 1.0, "outline": 0.96}
_FLOORS = {HELDOUT3: HELDOUT3_FLOORS, HELDOUT4: HELDOUT4_FLOORS, HELDOUT5: HELDOUT5_FLOORS, HELDOUT6: HELDOUT6_FLOORS,
           HELDOUT7: HELDOUT7_FLOORS, HELDOUT8: HELDOUT8_FLOORS, HELDOUT9: HELDOUT9_FLOORS, HELDOUT10: HELDOUT10_FLOORS}


@pytest.mark.parametrize("gold_dir, family", [(HELDOUT3, f) for f in sorted(HELDOUT3_FLOORS)]
                         + [(HELDOUT4, f) for f in sorted(HELDOUT4_FLOORS)]
                         + [(HELDOUT5, f) for f in sorted(HELDOUT5_FLOORS)]
                         + [(HELDOUT6, f) for f in sorted(HELDOUT6_FLOORS)]
                         + [(HELDOUT7, f) for f in sorted(HELDOUT7_FLOORS)]
                         + [(HELDOUT8, f) for f in sorted(HELDOUT8_FLOORS)]
                         + [(HELDOUT9, f) for f in sorted(HELDOUT9_FLOORS)]
                         + [(HELDOUT10, f) for f in sorted(HELDOUT10_FLOORS)])
def test_the_real_portal_copies_hold_their_measured_f1(gold_dir, family):
    """The third to fifth held-out sets: real portal copies of notices of provinces, cities and counties."""
    if gold_dir not in _CACHE:
        _CACHE[gold_dir] = evaluate(gold_dir)
    report, floors = _CACHE[gold_dir], _FLOORS[gold_dir]
    assert report.documents == len(list(gold_dir.glob("*.facts.json")))
    assert report.scores[family].f1 >= floors[family], [m for m in report.mismatches if m.family == family]


def test_a_tables_section_headings_are_rows_of_its_size_but_not_data_rows_compared_cell_by_cell():
    from policyparse import parse_text
    from policyparse.evaluate import _data_rows

    text = ("任务清单\n序号 | 重点任务 | 牵头单位 | 配合单位\n一、贸易自由便利 | | |\n"
            "1. | 推进通关便利 | 市口岸办 | 海口海关\n2. | 建设物流枢纽 | 市商务局 | 市交通运输局\n")
    doc = parse_text(text)
    (tb,) = doc.tables
    assert len(tb.rows) == 3 and [r[0] for r in _data_rows(tb)] == ["1.", "2."]
    assert [t.path.rsplit("/", 1)[1] for t in doc.tasks] == ["1", "2"]  # the row's number without the mark after it


def test_a_gold_table_of_the_body_is_compared_with_the_documents_body_tables():
    # 翼城 (corpora/genre/heldout354/p01): 具体任务分工如下： and a bar table under 二、, no annex; the gold writes it with
    # annex null, so the body's tables are scored against it (and only then: a gold of annex tables only scores those)
    from policyparse import parse_text
    from policyparse.evaluate import predicted_items

    doc = parse_text("某县清洁取暖工作方案\n二、重点任务\n具体任务分工如下：\n序号|工作任务|责任单位|完成时限\n"
                     "1|开展设备巡检|县能源局|2025年10月底前\n2|推进管网改造|县住房和城乡建设管理局|2025年11月10日前\n")
    body = predicted_items(doc, row_annexes=frozenset({None}))
    assert body["tables"] == {"4x2": 1} and sorted(body["table_rows"]) == [
        "1|1‖开展设备巡检‖县能源局‖2025年10月底前", "1|2‖推进管网改造‖县住房和城乡建设管理局‖2025年11月10日前"]
    assert not predicted_items(doc, row_annexes=frozenset({1}))["table_rows"]
