"""Headers as governments print them: titles over several lines, letter-spaced titles, reply kinds,
portal metadata copied one cell per line. Real texts are in corpora/longtail (provenance in its
index.jsonl)."""

from __future__ import annotations

from pathlib import Path

import pytest

import policyparse
from policyparse.structure.envelope import doc_type_of, unspace_letters

LONGTAIL = Path(__file__).resolve().parents[2] / "corpora" / "longtail"
YIJIAN = "国务院办公厅关于全面推行行政执法公示制度执法全过程记录制度重大执法决定法制审核制度的指导意见"


def _parse(name: str):
    return policyparse.parse(LONGTAIL / name)


def test_a_three_line_title_ends_at_its_real_kind_not_at_a_kind_like_word_inside_it():
    doc = _parse("guobanfa_2018_118_head.txt")
    assert (doc.title, doc.doc_type) == (YIJIAN, "意见")
    assert doc.evidence["title"].text.count("\n") == 2  # the three printed lines are the evidence


def test_the_number_and_recipients_after_a_three_line_title_are_still_found():
    doc = _parse("guobanfa_2018_118_head.txt")
    assert doc.doc_number is not None and doc.doc_number.normalized == "国办发〔2018〕118号"
    assert [o.name for o in doc.issuers] == ["国务院办公厅"]
    assert [o.name for o in doc.recipients] == ["各省、自治区、直辖市人民政府", "国务院各部委、各直属机构"]
    assert [n.title for n in doc.outline] == ["总体要求"]


def test_a_letter_spaced_title_is_folded_and_its_evidence_keeps_the_spaces():
    doc = _parse("guobanhan_2005_57_liangshi_yingji_yuan.txt")
    assert (doc.title, doc.doc_type) == ("国务院办公厅关于印发国家粮食应急预案的函", "函")
    assert "国 家 粮 食 应 急 预 案 的 函" in doc.evidence["title"].text
    assert doc.doc_number is not None and doc.doc_number.normalized == "国办函〔2005〕57号"
    assert doc.date == "2005-06-11"


def test_the_plan_a_letter_transmits_is_an_emergency_plan():
    doc = _parse("guobanhan_2005_57_liangshi_yingji_yuan.txt")
    assert [(e.doc_type, e.title) for e in doc.enclosed] == [("预案", "国家粮食应急预案")]


def test_joint_issuers_separated_by_a_space_are_not_letter_spacing():
    assert unspace_letters("国 家 粮 食 应 急 预 案") == "国家粮食应急预案"
    assert unspace_letters("中共湖南省委办公厅 湖南省人民政府办公厅") == "中共湖南省委办公厅 湖南省人民政府办公厅"
    assert unspace_letters("一 二 三") == "一 二 三"  # three characters are not a spaced title


# real titles of replies: 国家卫生健康委 (nhc.gov.cn/wjw/jiany/202508/c66483762ee2451fa550847bf28e0e89.shtml),
# 甘肃省外办 (wsb.gansu.gov.cn/wsb/c108836/202510/174224859.shtml), 交通运输部 (xxgk.mot.gov.cn/jigou/haishi/
# 202006/t20200630_3319352.html), 湖北省文化和旅游厅 (wlt.hubei.gov.cn/…/t20200805_2742104.shtml)
@pytest.mark.parametrize(("title", "kind"), [
    ("对十四届全国人大三次会议第7409号建议的答复", "答复"),
    ("甘肃省人民政府外事办公室关于对省十四届人大三次会议第81号建议的答复", "答复"),
    ("交通运输部关于十三届全国人大一次会议第6750号建议的答复函", "函"),
    ("对省十二届人大五次会议第2017546号建议的答复", "答复"),
    ("井研县粮食应急预案（试行）", "预案"),
])
def test_reply_and_plan_kinds_come_from_the_vocabulary(title: str, kind: str):
    assert doc_type_of(title) == kind


def test_a_reply_is_titled_and_its_issuer_read_from_the_title():
    doc = policyparse.parse_text("甘肃省人民政府外事办公室关于对省十四届人大三次会议第81号建议的答复\n"
                            "您提出的建议收悉。现答复如下：\n一、基本情况\n我办高度重视。\n")
    assert (doc.doc_type, doc.title) == ("答复", "甘肃省人民政府外事办公室关于对省十四届人大三次会议第81号建议的答复")
    assert [o.name for o in doc.issuers] == ["甘肃省人民政府外事办公室"] and doc.doc_number is None


PORTAL_BARE = (
    "索引号\n000014349/2019-00005\n主题分类\n政府工作\\政务公开\n发文机关\n国务院办公厅\n成文日期\n2018年12月05日\n"
    f"标题\n{YIJIAN}\n发文字号\n国办发〔2018〕118号\n发布日期\n2019年01月03日\n"
    "各省、自治区、直辖市人民政府，国务院各部委、各直属机构：\n"
    "行政执法是行政机关履行政府职能、管理经济社会事务的重要方式。\n一、总体要求\n"
)


def test_a_portal_block_copied_one_cell_per_line_gives_title_number_and_issuers():
    # gov.cn's metadata table (labels as on the page) copied as one cell per line, without colons;
    # the document's own title line is not printed again
    doc = policyparse.parse_text(PORTAL_BARE)
    assert (doc.title, doc.doc_type) == (YIJIAN, "意见")
    assert doc.doc_number is not None and doc.doc_number.normalized == "国办发〔2018〕118号"
    assert [o.name for o in doc.issuers] == ["国务院办公厅"]
    assert doc.metadata.container["成文日期"] == "2018年12月05日"
    assert doc.evidence["title"].text == YIJIAN


def test_a_label_line_whose_next_line_is_another_label_keeps_an_empty_value():
    doc = policyparse.parse_text(PORTAL_BARE.replace("主题分类\n政府工作\\政务公开\n", "主题分类\n"))
    assert doc.title == YIJIAN and "主题分类" in doc.metadata.container


def test_a_portal_block_before_the_repeated_title_still_gives_the_number():
    # breadcrumbs, the page title, the metadata block (label：, value on the next line), then the
    # document from its title: the block is skipped as page furniture but its fields are kept
    text = ("首页 > 政务公开\n" + YIJIAN + "\n索 引 号：\n000014349/2019-00005\n发文机关：\n国务院办公厅\n"
            "成文日期：\n2018年12月05日\n标　　题：\n" + YIJIAN + "\n发文字号：\n国办发〔2018〕118号\n" + YIJIAN + "\n"
            "各省、自治区、直辖市人民政府，国务院各部委、各直属机构：\n行政执法是行政机关履行政府职能、管理经济社会事务的重要方式。\n一、总体要求\n")
    doc = policyparse.parse_text(text)
    assert (doc.title, doc.doc_type) == (YIJIAN, "意见")
    assert doc.doc_number is not None and doc.doc_number.normalized == "国办发〔2018〕118号"
    assert doc.metadata.container["发文机关"] == "国务院办公厅"
    assert [o.name for o in doc.recipients] == ["各省、自治区、直辖市人民政府", "国务院各部委、各直属机构"]


def test_the_portal_block_names_the_issuer_a_title_without_one_leaves_out():
    text = PORTAL_BARE.replace(f"标题\n{YIJIAN}", "标题\n" + YIJIAN.removeprefix("国务院办公厅"))
    doc = policyparse.parse_text(text)
    assert doc.title == YIJIAN.removeprefix("国务院办公厅")
    assert [o.name for o in doc.issuers] == ["国务院办公厅"]
    assert doc.text[doc.issuers[0].span.start : doc.issuers[0].span.end] == "国务院办公厅"


@pytest.mark.parametrize("line, names", [
    ("各市、区人民政府，苏州工业园区、苏州高新区管委会；市各委办局，各直属单位：",
     ["各市、区人民政府", "苏州工业园区、苏州高新区管委会", "市各委办局", "各直属单位"]),
    ("各县（市、区）人民政府；省直各单位：", ["各县（市、区）人民政府", "省直各单位"]),
    # the offices of a body (X各处室, 机关各科室) are a group of addressees like 市政府各部门
    ("各乡镇人民政府，市政府各部门，井冈山管理局各处室：", ["各乡镇人民政府", "市政府各部门", "井冈山管理局各处室"]),
    ("各县市区教育局，局机关各科室：", ["各县市区教育局", "局机关各科室"]),
])
def test_recipient_groups_separated_by_a_semicolon_are_all_read(line, names):
    doc = policyparse.parse_text(f"某市人民政府办公室关于印发某某方案的通知\n某政办发〔2025〕3号\n{line}\n现将方案印发给你们。\n")
    assert [o.name for o in doc.recipients] == names


def test_a_body_sentence_with_a_semicolon_and_a_colon_is_not_a_recipient_line():
    doc = policyparse.parse_text("某市人民政府办公室关于印发某某方案的通知\n某政办发〔2025〕3号\n"
                                 "各地要加强组织领导；要落实以下要求：\n一、压实责任。\n")
    assert doc.recipients == []


def test_a_title_printed_under_the_issuer_line_is_joined_and_the_signature_block_is_not_read_as_a_title():
    doc = policyparse.parse_text(
        "四川省人民政府办公厅\n关于印发《某某若干措施》的通知\n川办发〔2025〕9号\n各市（州）人民政府：\n"
        "《某某若干措施》已经省政府同意，现印发给你们。\n四川省人民政府办公厅\n2025年5月9日\n某某若干措施\n一、支持研发\n"
        "1.实施奖补。（省科技厅、省财政厅）\n")
    assert doc.title == "四川省人民政府办公厅关于印发《某某若干措施》的通知"
    assert doc.doc_number is not None and doc.doc_number.normalized == "川办发〔2025〕9号"
    assert [e.title for e in doc.enclosed] == ["某某若干措施"]


@pytest.mark.parametrize("mark", [["孝感市人民政府办公室"], ["中共铜仁市委办公室", "铜仁市人民政府办公室"]], ids=["one", "joint"])
def test_a_header_whose_issuer_mark_is_the_organs_name_alone_still_gives_number_title_and_recipients(mark):
    # GB/T 9704: the 发文机关标志 is the organ's name, with or without 文件
    text = "\n".join([*mark, "孝感政办发〔2025〕11号", "孝感市人民政府办公室关于印发孝感市若干措施的通知",
                      "各县（市、区）人民政府，市政府各部门：", "现将《孝感市若干措施》印发给你们，请认真贯彻落实。",
                      "孝感市人民政府办公室", "2025年7月15日", ""])
    doc = policyparse.parse_text(text)
    assert (doc.title, doc.doc_number.normalized, doc.doc_type) == (
        "孝感市人民政府办公室关于印发孝感市若干措施的通知", "孝感政办发〔2025〕11号", "通知")
    assert [r.name for r in doc.recipients] == ["各县（市、区）人民政府", "市政府各部门"]


@pytest.mark.parametrize("noise", [[], ["_" * 40], ["第1页 共6页"], ["_" * 40, "第1页 共6页"], ["— 1 —", "————————"]],
                         ids=["none", "rule", "page", "rule-page", "page-rule"])
def test_a_letter_spaced_issuer_mark_under_a_scans_rule_and_page_line_still_gives_number_title_and_recipients(noise):
    # a copy out of a scan (corpora/genre/heldout256/p01): the page's furniture over the 版头, its 文件 letter-spaced
    text = "\n".join([*noise, "广 德 市 人 民 政 府 办 公 室 文 件", "广政办秘〔2025〕41号", "广德市人民政府办公室",
                      "关于印发广德市某某行动计划的通知", "各乡镇人民政府、街道办事处，市政府各部门：",
                      "《广德市某某行动计划》已经市政府同意，现印发给你们，请认真贯彻落实。", "广德市人民政府办公室", "2025年8月12日", ""])
    doc = policyparse.parse_text(text)
    assert (doc.title, doc.doc_number.normalized) == ("广德市人民政府办公室关于印发广德市某某行动计划的通知", "广政办秘〔2025〕41号")
    assert [r.name for r in doc.recipients] == ["各乡镇人民政府、街道办事处", "市政府各部门"]
    assert [o.name for o in doc.issuers] == ["广德市人民政府办公室"]


def test_a_recipients_line_broken_before_its_last_words_is_read_whole():
    # 射阳 (corpora/genre/heldout269/p01): 各镇人民政府，各区管委会，县各委、办、局，县各直属 / 单位：
    text = ("射阳县人民政府办公室关于印发某方案的通知\n射政办发〔2025〕41号\n各镇人民政府，各区管委会，县各委、办、局，县各直属\n单位：\n"
            "《某方案》已经县政府同意，现印发给你们，请认真贯彻落实。\n射阳县人民政府办公室\n2025年5月12日\n")
    doc = policyparse.parse_text(text)
    assert [r.name for r in doc.recipients] == ["各镇人民政府", "各区管委会", "县各委、办、局", "县各直属单位"]
    assert doc.recipients[-1].span is not None and text[doc.recipients[-1].span.start] == "县"
