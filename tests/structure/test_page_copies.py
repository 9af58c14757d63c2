"""Text copied from portal pages: navigation before the title, metadata blocks, tables of contents."""

from __future__ import annotations

from policyparse.pipeline import parse_text

PAGE = """关于做好电力交易注册工作的通知_某某监管办公室
设为首页
首页
机构概览
信息公开
关于做好电力交易注册工作的通知
2018-10-29 10:04
来源：某某监管办
Aa
字体：
小
|
大
省电力公司，江苏电力交易中心，各售电公司、电力用户：
一、简化合同要求
做好工作。
某某监管办公室
2018年10月29日
扫一扫在手机打开当前页
"""


def test_navigation_before_the_repeated_title_is_not_the_document():
    doc = parse_text(PAGE)
    assert doc.title == "关于做好电力交易注册工作的通知"
    assert [o.name for o in doc.recipients] == ["省电力公司", "江苏电力交易中心", "各售电公司、电力用户"]
    assert doc.date == "2018-10-29"
    assert any("web-page furniture" in w for w in doc.warnings)


META = """市工业和信息化局关于印发需求响应实施细则的通知
名 称 ：
市工业和信息化局关于印发需求响应实施细则的通知
发 文 字 号 ：
津工信电力〔2021〕3号
成 文 日 期 ：
市工业和信息化局关于印发
需求响应实施细则的通知
国网天津市电力公司，有关单位：
现予以印发，请遵照执行。
"""


def test_a_copied_metadata_block_gives_the_number_and_is_kept_as_metadata():
    doc = parse_text(META)
    assert doc.doc_number.normalized == "津工信电力〔2021〕3号"
    assert [o.name for o in doc.recipients] == ["国网天津市电力公司", "有关单位"]
    assert doc.metadata.container["发文字号"] == "津工信电力〔2021〕3号"
    assert doc.text[doc.doc_number.span.start : doc.doc_number.span.end] == "津工信电力〔2021〕3号"


def test_a_table_of_contents_line_loses_its_leader_dots():
    doc = parse_text("一、实施背景……………………3\n二、实施内容\n")
    assert [n.title for n in doc.outline] == ["实施背景", "实施内容"]


def test_a_page_without_navigation_starts_at_its_first_line():
    doc = parse_text("国务院办公厅关于做好某项工作的通知\n国办发〔2018〕1号\n各省、自治区、直辖市人民政府：\n做好工作。\n")
    assert not any("furniture" in w for w in doc.warnings) and doc.doc_number.serial == 1
