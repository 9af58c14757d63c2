"""Targets, deadlines and cited documents, written as specifications with their traps."""

from __future__ import annotations

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
    from policyparse.pipeline import parse, parse_text

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
