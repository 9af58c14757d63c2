"""Targets, deadlines and cited documents, written as specifications with their traps."""

from __future__ import annotations

from pathlib import Path

from policyparse.extract.citations import find_citations
from policyparse.extract.targets import find_deadline, find_targets
from policyparse.normalize import fold


def _targets(s: str):
    f = fold(s)
    return find_targets(f, 0, len(f))


def _deadline(s: str):
    f = fold(s)
    return find_deadline(f, 0, len(f))


def test_the_seeds_1125_target_set_has_its_year_and_four_components(seed_doc):
    plan = seed_doc.enclosed[0]
    named = [t for t in plan.targets if t.name]
    assert [(t.name, t.year) for t in named] == [("1125", 2025)]
    assert [(i.value, i.unit, i.metric) for i in named[0].items] == [
        (100, "个", "园区创新承载能力"), (1000, "项", "重大技术创新产品"), (20, "个", "千亿产业"), (5, "个", "万亿行业")]


def test_a_magnitude_before_a_noun_belongs_to_the_metric_not_the_value():
    [t] = _targets("到2025年，培育20个千亿产业。")
    assert (t.items[0].value, t.items[0].metric) == (20, "千亿产业")


def test_a_single_target_with_a_percentage_and_a_comparator():
    [t] = _targets("到2023年，重点人群签约服务覆盖率达80%以上。")
    i = t.items[0]
    assert (t.year, i.metric, i.value, i.unit, i.comparator) == (2023, "重点人群签约服务覆盖率", 80, "%", "以上")


def test_a_control_target_keeps_its_bound():
    [t] = _targets("到2025年，单位生产总值能耗控制在5%以内。")
    assert (t.items[0].value, t.items[0].comparator) == (5, "以内")


def test_chinese_numerals_are_values():
    [t] = _targets("到2022年，建设五个国家级示范区。")
    assert (t.items[0].value, t.items[0].unit) == (5, "个")


def test_a_percentage_without_a_time_anchor_is_a_condition_not_a_target():
    assert _targets("新招用人员数量达到企业现有在职职工人数25%的，可申请贷款。") == []


def test_a_date_is_not_a_target():
    assert _targets("本方案于2021年8月17日印发。") == []


def test_every_year_a_batch_is_a_recurring_commitment_with_no_value():
    [t] = _targets("每年支持一批企业加快向领航企业跃升。")
    assert t.recurring and t.items[0].value is None


def test_deadlines_normalize_to_the_last_day_of_their_period():
    assert _deadline("试点地区要于2019年12月底前完成").date == "2019-12-31"
    assert _deadline("2022年底前完成").date == "2022-12-31"
    assert _deadline("2023年6月底前完成").date == "2023-06-30"


def test_ongoing_and_phased_work_is_a_named_period():
    assert _deadline("长期坚持").kind == "ongoing"
    assert _deadline("持续推进").kind == "ongoing"
    assert _deadline("分阶段实施").kind == "phased"


def test_a_year_in_running_text_is_not_a_deadline():
    assert _deadline("2021年的工作已经完成") is None


def test_tasks_carry_the_deadline_of_their_text():
    from policyparse.pipeline import parse_text

    doc = parse_text("关于做好工作的意见\n各单位：\n一、任务\n（一）建设平台。2022年底前建成（教育部负责）\n")
    assert doc.tasks[0].deadline.date == "2022-12-31"


def test_the_seed_cites_its_14th_five_year_plan_as_its_basis(seed_doc):
    plan = seed_doc.enclosed[0]
    basis = [c.title for c in plan.cited_documents if c.role == "basis"]
    assert any(t.startswith("湖南省打造国家重要先进制造业高地“十四五”发展规划") for t in basis)
    repealed = [c for c in plan.cited_documents if c.role == "repealed"]
    assert [c.doc_number.normalized for c in repealed] == ["湘办发〔2020〕7号"]


def test_a_citation_classifies_how_it_is_cited():
    f = fold("根据《社会救助暂行办法》制定本细则。现将《临时救助实施细则》印发给你们。另见《广东省社会救助条例》（粤府〔2020〕1号）。")
    got = [(c.title, c.role, c.doc_number.normalized if c.doc_number else None) for c in find_citations(f, 0, len(f))]
    assert got == [("社会救助暂行办法", "basis", None), ("临时救助实施细则", "transmitted", None), ("广东省社会救助条例", "other", "粤府〔2020〕1号")]


def test_a_short_name_is_not_a_citation():
    f = fold("依据《广州市临时救助办法》（以下简称《办法》）。按照《办法》执行。")
    assert [c.title for c in find_citations(f, 0, len(f))] == ["广州市临时救助办法"]


# --------------------------------------------------------------------------- real text: values, items, clauses

CORPORA = Path(__file__).resolve().parents[2] / "corpora"


def _sentence_of(path: str, words: str) -> str:
    """The sentence of a corpora/ document that holds ``words`` (tests run on the real wording)."""
    text = fold((CORPORA / path).read_text(encoding="utf-8"))
    k = text.index(fold(words))
    start = max(text.rfind(x, 0, k) for x in "。\n") + 1
    return text[start : text.index("。", k) + 1]


def _items_of(path: str, words: str):
    return [(i.text, i.metric, i.value, i.unit) for t in _targets(_sentence_of(path, words)) for i in t.items]


def test_a_batch_is_not_a_number_so_it_gives_no_value():
    # 国办发〔2018〕123号: 到2022年，…打造一批优质精品账号，…
    items = _items_of("heldout2/01_guobanfa_2018_123_zhengwu_xinmeiti_yijian.txt", "打造一批优质精品账号")
    assert all(unit != "批" and value != 1.0 for _, _, value, unit in items)


def test_every_value_of_a_clause_joined_by_he_is_an_item_of_its_own():
    items = _items_of("heldout/01_guangzhou_rencai_jiju_gongcheng_yijian_2012_body.txt", "30名金融高级管理人才")
    assert items == [("5年内重点引进30名金融高级管理人才", "金融高级管理人才", 30, "名"),
                     ("50名金融高级专业人才", "金融高级专业人才", 50, "名"),
                     ("跟踪培养300名金融骨干人才", "金融骨干人才", 300, "名")]


def test_an_item_is_cut_where_the_next_value_begins():
    # 国发〔2019〕4号: 建设50所高水平高等职业学校和150个骨干专业（群）
    items = _items_of("dev/008_guofa_2019_4.txt", "50所高水平高等职业学校")
    assert ("建设50所高水平高等职业学校", "高水平高等职业学校", 50, "所") in items
    assert ("150个骨干专业（群）", "骨干专业（群）", 150, "个") in items


def test_a_metric_never_starts_with_de():
    # 国办发〔1996〕32号: 至1998年达到2000名的招生规模
    [(_, metric, value, _)] = _items_of("dev/g011_guobanfa_1996_32_xizang_ban.txt", "2000名的招生规模")
    assert (metric, value) == ("招生规模（见附表）", 2000)


def test_a_list_of_values_in_one_breath_keeps_every_value_with_its_own_metric():
    items = _items_of("longtail/targets_xian_rencai_guihua_2021.txt", "教育人才队伍达到8800人")
    assert [(m, v) for _, m, v, _ in items] == [("教育人才队伍", 8800), ("培养各级骨干教师", 600), ("乡村骨干教师", 420)]


def test_a_semicolon_list_stays_under_its_anchor_and_every_figure_counts():
    text = fold((CORPORA / "longtail/targets_12_rencai_gongcheng_2011.txt").read_text(encoding="utf-8"))
    first = text.split("\n")[1]
    [t] = _targets(first)
    assert t.year == 2020
    assert [(i.metric, i.value) for i in t.items] == [
        ("科学家工作室", 100), ("中青年科技创新人才", 3000), ("优秀创业人才", 1000), ("重点领域创新团队", 500),
        ("创新人才培养示范基地", 300)]
    assert all(not i.metric.startswith("的") for i in t.items)


def test_leftover_quantities_after_a_list_of_figures_are_values_too():
    items = _items_of("longtail/targets_12_rencai_gongcheng_2011.txt", "遴选2000名优秀应届高中")
    assert [v for _, _, v, _ in items] == [2000, 1200, 2000]


# --------------------------------------------------------------------------- cited documents, one entry each


def test_the_seeds_transmitted_plan_is_one_cited_document_with_both_mentions(seed_doc):
    transmitted = [c for c in seed_doc.cited_documents if c.role == "transmitted"]
    assert len(transmitted) == 1
    assert len(transmitted[0].mentions) == 2 and transmitted[0].span == transmitted[0].mentions[0]
    text = seed_doc.text
    assert all(text[m.start : m.end].startswith("《") for m in transmitted[0].mentions)


def test_a_document_cited_many_times_is_one_entry_with_every_mention():
    # 穗府办规〔2021〕19号 cites its own transmitted 《办法》 by short title five times
    import policyparse

    doc = policyparse.parse(CORPORA / "dev/g004_suifubangui_2021_19_linshi_jiuzhu.txt")
    for d in doc.walk():
        titles = [c.title for c in d.cited_documents]
        assert len(titles) == len(set(titles))
        for c in d.cited_documents:
            assert [m.start for m in c.mentions] == sorted(m.start for m in c.mentions) and c.mentions[0] == c.span
            assert all(doc.text[m.start : m.end].startswith(f"《{c.title}") for m in c.mentions)
    banfa = [c for d in doc.walk() for c in d.cited_documents if c.title == "办法"]
    assert len(banfa) == 1 and len(banfa[0].mentions) == 5


def test_two_documents_with_one_title_and_different_numbers_stay_apart():
    text = fold("根据《关于做好有关工作的通知》（国办发〔2018〕1号）和《关于做好有关工作的通知》（国办发〔2019〕2号）。")
    assert [c.doc_number.normalized for c in find_citations(text, 0, len(text))] == ["国办发〔2018〕1号", "国办发〔2019〕2号"]


def test_a_quoted_list_of_targets_gives_every_figure_with_the_metric_before_it():
    # 广州 人才集聚工程 意见 (2012): 实现“A达到2000名左右，B达到320万名左右，C达到40%”的三大人才发展目标
    items = _items_of("heldout/01_guangzhou_rencai_jiju_gongcheng_yijian_2012_body.txt", "人才贡献率达到40%")
    assert [(m, v, u) for _, m, v, u in items] == [
        ("重点引进和培养高层次人才", 2000, "名"), ("全市大专以上学历人才资源总量", 320, "万名"), ("人才贡献率", 40, "%")]


def test_an_elliptical_clause_keeps_the_metric_of_the_clause_before():
    # 穗卫函〔2023〕1930号: 到2023年，力争每万常住人口家庭医生数不低于4人，到2025年不低于4.66人
    targets = _targets(_sentence_of("dev/g001_suiweihan_2023_1930_jiating_yisheng.txt", "不低于4.66人"))
    assert [(t.year, [(i.metric, i.value) for i in t.items]) for t in targets] == [
        (2023, [("每万常住人口家庭医生数", 4)]), (2025, [("每万常住人口家庭医生数", 4.66)])]


def test_a_deadline_before_a_day_is_that_day():
    assert _deadline("整改时限：2021年8月13日前").date == "2021-08-13"
    assert _deadline("于2024年3月1日前完成").date == "2024-03-01"
    assert _deadline("2021年8月32日前") is None  # no such day
    assert _deadline("2021年8月13日召开会议") is None  # a date, not a deadline
