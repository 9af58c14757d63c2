"""Lead detection, one phrasing per test: positional rules with scope, explicit wording, and no guess."""

from __future__ import annotations

from policyparse.pipeline import parse_text

HEAD = "关于做好某项工作的意见\n各有关单位：\n"


def _tasks(body: str):
    return parse_text(HEAD + body).tasks


def _leads(body: str):
    return [t.lead_units for t in _tasks(body)]


def test_pai_di_yi_with_xia_tong_applies_to_every_later_task():
    body = "一、任务\n（一）甲。做甲（省发展改革委、省财政厅负责，排第一的为牵头单位，下同）\n（二）乙。做乙（省财政厅、省教育厅负责）\n"
    assert _leads(body) == [["省发展改革委"], ["省财政厅"]]


def test_lie_di_yi_wei_zhe_is_the_same_rule():
    body = "一、任务\n（一）甲。做甲（人力资源社会保障部、财政部负责。列第一位者为牵头单位，下同）\n（二）乙。做乙（教育部、科技部负责）\n"
    assert _leads(body) == [["人力资源社会保障部"], ["教育部"]]


def test_pai_zai_di_yi_wei_de_bu_men_is_the_same_rule():
    body = "一、任务\n（一）甲。做甲（商务部、海关总署负责，排在第一位的部门为牵头部门，下同）\n（二）乙。做乙（海关总署、商务部负责）\n"
    assert _leads(body) == [["商务部"], ["海关总署"]]


def test_a_rule_without_xia_tong_applies_to_its_own_task_only():
    body = "一、任务\n（一）甲。做甲（省发展改革委、省财政厅负责，排第一的为牵头单位）\n（二）乙。做乙（省财政厅、省教育厅负责）\n"
    tasks = _tasks(body)
    assert [t.lead_units for t in tasks] == [["省发展改革委"], []]
    assert tasks[1].lead_basis == "none"


def test_a_new_rule_replaces_the_one_in_force():
    body = ("一、任务\n（一）甲。做甲（省发展改革委、省财政厅负责，排第一的为牵头单位，下同）\n"
            "（二）乙。做乙（省财政厅、省教育厅负责，列第一位者为牵头单位，下同）\n（三）丙。做丙（省教育厅、省科技厅负责）\n")
    tasks = _tasks(body)
    assert [t.lead_units for t in tasks] == [["省发展改革委"], ["省财政厅"], ["省教育厅"]]
    assert tasks[2].lead_rule == tasks[1].lead_rule != tasks[0].lead_rule


def test_x_qian_tou():
    assert _leads("一、任务\n做甲（教育部牵头，财政部参与）\n") == [["教育部"]]


def test_x_qian_tou_fu_ze():
    assert _leads("一、任务\n做甲（教育部牵头负责）\n") == [["教育部"]]


def test_x_y_qian_tou():
    assert _leads("一、任务\n做甲（教育部、科技部牵头，各省级人民政府按职责分工负责）\n") == [["教育部", "科技部"]]


def test_x_qian_tou_y_pei_he_makes_y_a_participant():
    t = _tasks("一、任务\n做甲（教育部牵头，财政部、人力资源社会保障部配合）\n")[0]
    assert [(u.name, u.role) for u in t.units] == [("教育部", "lead"), ("财政部", "participant"), ("人力资源社会保障部", "participant")]


def test_x_hui_tong_y_fu_ze_makes_x_lead_and_y_participant():
    t = _tasks("一、任务\n做甲（国家发展改革委会同财政部负责）\n")[0]
    assert [(u.name, u.role) for u in t.units] == [("国家发展改革委", "lead"), ("财政部", "participant")]
    assert t.lead_basis == "explicit"


def test_x_fu_ze_y_can_yu_has_no_lead_without_a_rule():
    t = _tasks("一、任务\n做甲（教育部负责，财政部参与）\n")[0]
    assert t.lead_units == [] and [(u.name, u.role) for u in t.units] == [("教育部", "responsible"), ("财政部", "participant")]


def test_explicit_qian_tou_overrides_the_positional_rule():
    body = "一、任务\n（一）甲。做甲（省发展改革委、省财政厅负责，排第一的为牵头单位，下同）\n（二）乙。做乙（省财政厅、省教育厅牵头，省科技厅配合）\n"
    assert _leads(body) == [["省发展改革委"], ["省财政厅", "省教育厅"]]
    assert _tasks(body)[1].lead_basis == "explicit"


def test_no_rule_and_no_qian_tou_means_no_lead_never_a_guess():
    t = _tasks("一、任务\n做甲（教育部、科技部负责）\n")[0]
    assert t.lead_units == [] and t.lead_basis == "none" and {u.role for u in t.units} == {"responsible"}


def test_parentheticals_that_assign_nothing_are_not_tasks():
    body = ("一、任务\n建立领导小组（以下简称领导小组）。技工院校（技工院校内由人力资源社会保障行政部门负责）。"
            "登记事项（执行事务合伙人、个人独资企业投资人、经营者或者负责人）。\n")
    assert _tasks(body) == []


def test_unit_names_with_he_stay_whole_and_he_between_units_splits():
    t = _tasks("一、任务\n做甲（工业和信息化部、文化和旅游部和财政部负责）\n")[0]
    assert [u.name for u in t.units] == ["工业和信息化部", "文化和旅游部", "财政部"]


def test_deng_marks_the_list_as_not_exhaustive():
    t = _tasks("一、任务\n做甲（商务部、发展改革委等和各有关省级人民政府负责）\n")[0]
    assert [u.name for u in t.units] == ["商务部", "发展改革委", "各有关省级人民政府"]
    assert t.non_exhaustive


def test_the_field_form_names_units_and_no_lead():
    t = _tasks("一、任务\n做甲（负责部门：人民银行、外汇局，适用范围：福建自贸试验区）\n")[0]
    assert [u.name for u in t.units] == ["人民银行", "外汇局"] and t.lead_units == []


def test_several_tasks_in_one_item_each_close_their_own_text():
    tasks = _tasks("一、任务\n（一）甲。做甲（教育部负责）。做乙（科技部负责）。\n")
    assert [t.path for t in tasks] == ["一(一)", "一(一)"]
    assert tasks[1].text == "做乙"
