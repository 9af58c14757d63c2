"""Decimal outlines (应急预案: ``1 总则``, ``1.1 编制目的``), tables of contents, and list items, on
real texts (corpora/longtail, provenance in its index.jsonl; corpora/heldout; corpora/realfiles)."""

from __future__ import annotations

from pathlib import Path

import pytest

import policyparse
from policyparse.pipeline import debug_parse
from policyparse.structure.outline import is_decimal_heading

CORPORA = Path(__file__).resolve().parents[2] / "corpora"
LONGTAIL = CORPORA / "longtail"


def _tree(nodes):
    return [(n.number, n.title, _tree(n.children)) for n in nodes]


def test_the_national_grain_plan_has_a_decimal_outline_after_its_table_of_contents():
    doc = policyparse.parse(LONGTAIL / "guobanhan_2005_57_liangshi_yingji_yuan.txt")
    [plan] = doc.enclosed
    assert _tree(plan.outline) == [("1", "总则", [("1.1", "编制目的及依据", []), ("1.2", "等级划分", [])])]
    assert [plan.outline[0].style, plan.outline[0].children[0].style] == ["decimal-1", "decimal-2"]


def test_a_decimal_heading_has_its_number_as_its_path():
    stages = debug_parse(LONGTAIL / "guobanhan_2005_57_liangshi_yingji_yuan.txt")
    assert [(i.path, i.title) for i in stages.outline_items] == [("1", "总则"), ("1.1", "编制目的及依据"), ("1.2", "等级划分")]


def test_a_contents_entry_ending_in_a_kind_word_never_opens_a_document():
    # the 目录 lists 3.2 应急报告: 报告 is a kind, the line a section of the plan
    doc = policyparse.parse(LONGTAIL / "guobanhan_2005_57_liangshi_yingji_yuan.txt")
    assert [(d.doc_type, d.title) for d in doc.enclosed] == [("预案", "国家粮食应急预案")]
    assert is_decimal_heading("3.2 应急报告") and not is_decimal_heading("2005年6月11日")


def test_a_mulu_line_and_the_entries_after_it_are_skipped():
    doc = policyparse.parse(LONGTAIL / "jingyan_liangshi_yingji_yuan_2024.txt")
    [plan] = doc.enclosed
    assert plan.title == "井研县粮食应急预案（试行）" and plan.doc_type == "预案"
    assert _tree(plan.outline) == [("1", "总则", [("1.1", "编制目的", []), ("1.2", "编制依据", []), ("1.3", "适用范围", [])])]
    start = doc.text.index("1 总则", doc.text.index("8.5 预案实施时间"))
    assert plan.outline[0].span.start == start  # the body's heading, not the contents entry


def test_decimal_headings_written_without_a_space():
    doc = policyparse.parse(LONGTAIL / "hainan_liangshi_yingji_yuan_2018.txt")
    [plan] = doc.enclosed
    assert _tree(plan.outline) == [("1", "总则", [("1.1", "编制目的", []), ("1.2", "编制依据", []),
                                                 ("1.3", "适用范围", []), ("1.4", "工作原则", [])])]


def test_list_items_nest_under_a_decimal_section_and_are_not_documents():
    doc = policyparse.parse(LONGTAIL / "huoqiu_tufa_gonggong_shijian_yuan_excerpt.txt")
    assert doc.enclosed == []
    [top] = doc.outline
    assert (top.marker, top.title) == ("1.", "总则")
    section = top.children[2]
    assert (section.number, section.title) == ("1.3", "突发公共事件及其类别")
    assert [(c.style, c.title) for c in section.children] == [
        ("arabic-paren", "自然灾害"), ("arabic-paren", "事故灾难"), ("arabic-paren", "公共卫生事件"), ("arabic-paren", "社会安全事件")]


@pytest.mark.parametrize("name", ["04_putuo_czj_2025_bmys.pdf"])
def test_contents_lines_with_dotted_leaders_are_not_headings(name: str):
    path = CORPORA / "realfiles" / name
    if not path.exists():
        pytest.skip(f"{path} is not present")
    doc = policyparse.parse(path)
    toc_end = doc.text.index("七、项目经费情况说明")  # the last contents entry; the body has no 一、…七、
    assert all(n.span.start > toc_end for n in doc.outline)
    assert "部门主要职能" not in [n.title for n in doc.outline]


def test_contents_entries_of_appendices_do_not_open_annexes():
    # 津工信电力〔2021〕3号 as copied from a PDF: its 目录 lists 附录 1/2/3 with leaders and page numbers
    doc = policyparse.parse(CORPORA / "heldout" / "08_tianjin_gongxin_2021_chunjie_xuqiu_xiangying.txt")
    annexes = [a for d in doc.walk() for a in d.annexes]
    assert [(a.label, a.title) for a in annexes][:3] == [("附录1", "方案实施流程图"), ("附录2", "竞价指引"), ("附录3", "效果评估与补贴发放流程图")]
    contents = doc.text.index("目")
    assert all(a.span.start > doc.text.index("根据《电力需求侧管理办法", contents) for a in annexes)
    assert [n.title for n in doc.outline][:2] == ["实施背景", "实施方式"]
    assert doc.outline[0].span.start > doc.text.index("根据《电力需求侧管理办法", contents)


def test_a_mulu_with_part_titles_is_skipped_up_to_where_the_body_repeats_it():
    path = CORPORA / "realfiles" / "03_shanghai_bmjs_gongkai_yangzhang.pdf"
    if not path.exists():
        pytest.skip(f"{path} is not present")
    doc = policyparse.parse(path)
    body = doc.text.index("第一部分 上海市XX局概况")  # the body's part line (the contents list prints it without the blank)
    # the body's parts (第一部分 上海市XX局概况 …) are the first level, their 一、 items under them; none is a contents line
    assert (doc.outline[0].title, doc.outline[0].children[0].title) == ("上海市XX局概况", "主要职能")
    # (第二部分, the 决算表, is pages of tables whose text layer prints no heading line of it)
    assert [n.marker for n in doc.outline] == ["第一部分", "第三部分", "第四部分"]
    assert all(n.span.start >= body for n in doc.outline)  # the body's own part line opens the outline


def test_an_excerpt_that_opens_inside_a_decimal_outline_counts_from_its_first_heading():
    # a portal's page 5 of a plan (roles batch 25): no 1 / 1.1 heading anywhere, the first is 4.2
    text = ("4.2 应急支援与相关保障\n4.2.1 应急队伍保障\n各级人民政府应当组织应急救援队伍。\n"
            "4.2.2 交通运输保障\n交通部门应当迅速组织抢修。\n")
    stages = debug_parse(text.encode())
    assert [(i.path, i.title) for i in stages.outline_items] == [
        ("4.2", "应急支援与相关保障"), ("4.2.1", "应急队伍保障"), ("4.2.2", "交通运输保障")]


def test_a_document_whose_count_starts_at_one_does_not_start_at_a_later_number():
    # a stray 2.1 before 1 总则 (in a contents list the copy lost its leaders from) is no heading
    text = "2.1 指挥机构\n1 总则\n1.1 编制目的\n为做好应急工作，制定本预案。\n1.2 适用范围\n本预案适用于全县。\n"
    stages = debug_parse(text.encode())
    assert [i.path for i in stages.outline_items] == ["1", "1.1", "1.2"]
