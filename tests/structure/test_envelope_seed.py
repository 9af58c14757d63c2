"""The seed notice (2021 Hunan) against its hand-checked gold facts: envelope and outline."""

from __future__ import annotations

import pytest

from policyparse.evaluate import norm
from policyparse.pipeline import parse, parse_text

from conftest import SEED, fullwidth, gold

G = gold("000_f2a56335dda66f79")
PLAN_L2 = {
    "总体要求": [],
    "重点任务": ["实施产业链优质企业培育行动", "实施产业链协同创新提升行动", "实施产业集群基础能力升级行动",
             "实施特色产业园区建设行动", "实施开放合作促进行动", "实施要素保障行动"],
    "工作机制": ["省领导联系机制", "工作推进机制", "竞赛评价机制", "综合协调机制", "检查评估机制"],
}


def _facts(doc):
    plan = doc.enclosed[0]
    return {
        "title": norm(doc.title),
        "doc_type": doc.doc_type,
        "issuers": [o.name for o in doc.issuers],
        "recipients": [norm(o.name) for o in doc.recipients],
        "date": doc.date,
        "doc_number": doc.doc_number,
        "plan_title": norm(plan.title),
        "plan_type": plan.doc_type,
        "plan_l1": [n.title for n in plan.outline],
        "plan_l2": {n.title: [c.title for c in n.children] for n in plan.outline},
        "plan_signature": ([o.name for o in plan.signature.issuers], plan.signature.date) if plan.signature else None,
        "attachments": [(a.index, norm(a.title)) for a in plan.attachments],
    }


@pytest.fixture(scope="module")
def facts():
    return _facts(parse(SEED))


def test_it_reads_the_notice_envelope(facts):
    assert facts["title"] == norm(G["title"])
    assert facts["doc_type"] == "通知"
    assert facts["issuers"] == ["中共湖南省委办公厅", "湖南省人民政府办公厅"]
    assert facts["recipients"] == [norm(r) for r in G["recipients"]]
    assert facts["date"] == "2021-08-17"
    assert facts["doc_number"] is None  # the seed prints no 发文字号


def test_it_holds_the_transmitted_plan_as_an_enclosed_document(facts):
    assert facts["plan_title"] == norm(G["enclosed"][0]["title"])
    assert facts["plan_type"] == "方案"
    assert facts["plan_signature"] == (["中共湖南省委办公厅"], "2021-08-17")


def test_it_builds_the_plans_outline_with_three_level1_and_6_plus_5_level2_headings(facts):
    assert facts["plan_l1"] == ["总体要求", "重点任务", "工作机制"]
    assert facts["plan_l2"] == PLAN_L2


def test_it_lists_the_plans_two_attachments(facts):
    assert facts["attachments"] == [(1, "有关单位责任分工"), (2, norm("省领导联系产业集群(产业链)分工表"))]


def test_full_width_punctuation_gives_the_same_facts(facts):
    text = fullwidth(SEED.read_text(encoding="utf-8"))
    assert "（" in text and "(" not in text
    assert _facts(parse_text(text)) == facts


def test_annexes_belong_to_the_plan_whose_attachment_list_names_them(seed_doc):
    plan = seed_doc.enclosed[0]
    assert [(a.index, norm(a.title)) for a in plan.annexes] == [(1, "有关单位责任分工"), (2, norm("省领导联系产业集群(产业链)分工表"))]
    assert seed_doc.annexes == []
