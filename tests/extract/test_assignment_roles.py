"""Assignment by structure, roles by vocabulary (issue 20): every unit keeps the role the document
gives it, a lead only where the document names one, standing assignments join later tasks, and
running-text assignments are read, while descriptions of bodies are not tasks.

The quoted parentheticals are real: ``（自然资源部、工业和信息化部指导）`` and ``（商务部指导，供销合作总社参与）``
are from 国办发〔2018〕128号 (quoted in issue 20); the others are read from ``corpora/roles`` and
``corpora/dev`` files, whose provenance ``corpora/roles/index.jsonl`` and ``corpora/dev/index.jsonl`` give.
"""

from __future__ import annotations

import pytest

from policyparse import parse_text

from conftest import CORPORA, DEV, parsed

ROLES = CORPORA / "roles"


def _tasks(doc):
    return [t for d in doc.walk() for t in d.tasks]


def _roles(t):
    return [(u.name, u.role, u.verb, u.basis) for u in t.units]


def _one_task(body: str):
    doc = parse_text("一、重点任务\n（一）推进试点。" + body + "\n")
    ts = _tasks(doc)
    assert len(ts) == 1, [t.assignment_text for t in ts]
    return doc, ts[0]


def test_it_reads_a_guiding_list_as_an_assignment_with_no_lead():
    _, t = _one_task("建立指标体系。（自然资源部、工业和信息化部指导）")
    assert _roles(t) == [("自然资源部", "guide", "指导", "stated"), ("工业和信息化部", "guide", "指导", "stated")]
    assert t.lead_units == [] and t.lead_basis == "none"


def test_it_keeps_each_units_role_when_one_guides_and_another_takes_part():
    _, t = _one_task("完善回收网络。（商务部指导，供销合作总社参与）")
    assert _roles(t) == [("商务部", "guide", "指导", "stated"), ("供销合作总社", "participant", "参与", "stated")]
    assert t.lead_units == []


@pytest.mark.parametrize("verb,role", [("督导", "guide"), ("指导督促", "guide"), ("监督", "supervise"),
                                       ("负责落实", "implement"), ("组织实施", "implement"), ("抓好落实", "implement"),
                                       ("承担", "implement")])
def test_it_knows_the_role_words_of_the_vocabulary(verb, role):
    _, t = _one_task(f"完善回收网络。（商务部、生态环境部{verb}）")
    assert [(u.role, u.verb) for u in t.units] == [(role, verb), (role, verb)]


@pytest.mark.parametrize("basis", ["按职责分工", "按照职责", "根据各自职责", "依职责", "按属地"])
def test_a_role_word_keeps_its_role_after_the_basis_the_units_act_on(basis):
    # 濮阳's 氢能 plan (corpora/genre/heldout134/p03): （市应急管理局牵头，…按职责分工配合）; data/role_words.json composes
    # each basis phrase with the role words it goes before, a manner word between or not
    _, t = _one_task(f"强化安全监管。（市应急管理局牵头，市住房城乡建设局、市交通运输局{basis}配合）")
    assert [(u.name, u.role) for u in t.units] == [("市应急管理局", "lead"), ("市住房城乡建设局", "participant"),
                                                   ("市交通运输局", "participant")]
    _, t = _one_task(f"强化安全监管。（市应急管理局、市交通运输局{basis}分别负责）")
    assert [(u.role, u.verb) for u in t.units] == [("responsible", f"{basis}分别负责")] * 2 and t.lead_units == []


def test_every_role_word_a_basis_goes_before_is_a_role_word_of_its_own():
    from policyparse.extract.unit_lists import role_data, role_of_word

    data = role_data()
    assert set(data["basis"]["before"]) <= {w["text"] for w in data["words"] if not any(
        w["text"].startswith(p) for p in data["basis"]["phrases"])}
    assert role_of_word()["按照职责分工配合"] == "participant" and role_of_word()["依职责分别负责"] == "responsible"


def test_it_keeps_an_unknown_verb_with_role_other_and_warns():
    # the unit list is real (国办发〔2018〕128号); the verb 推动 is not in data/role_words.json on purpose
    doc, t = _one_task("完善回收网络。（国家发展改革委、生态环境部推动）")
    assert [(u.name, u.role, u.verb) for u in t.units] == [("国家发展改革委", "other", "推动"), ("生态环境部", "other", "推动")]
    assert t.lead_units == []
    assert any("推动" in w and "role other" in w for w in doc.warnings)


@pytest.mark.parametrize("paren", ["（国家统计局发布）", "（企业直接向国家发展改革委申报，不需省级发展改革部门转报）", "（江西办证咨询）"])
def test_it_does_not_read_an_organ_followed_by_a_non_assigning_word_as_a_task(paren):
    doc = parse_text(f"一、重点任务\n（一）推进试点。数据口径{paren}。\n")
    assert _tasks(doc) == []


def test_a_positional_rule_decides_the_lead_among_responsible_units_and_leaves_a_guide_alone():
    doc = parse_text("一、重点任务\n（一）推进试点。加强统筹。（国家发展改革委、财政部负责，生态环境部指导，排第一的为牵头单位）\n")
    t = _tasks(doc)[0]
    assert [(u.name, u.role) for u in t.units] == [("国家发展改革委", "lead"), ("财政部", "participant"), ("生态环境部", "guide")]
    assert t.lead_units == ["国家发展改革委"] and t.lead_basis == "positional"


def test_a_positional_rule_whose_first_unit_only_guides_names_no_lead_rather_than_guess():
    doc = parse_text("一、重点任务\n（一）推进试点。加强统筹。（生态环境部指导，国家发展改革委、财政部负责，排第一的为牵头单位）\n")
    t = _tasks(doc)[0]
    assert [(u.name, u.role) for u in t.units] == [("生态环境部", "guide"), ("国家发展改革委", "responsible"), ("财政部", "responsible")]
    assert t.lead_units == []


def test_it_reads_the_real_wufei_chengshi_parentheticals_with_their_roles_and_the_standing_assignment():
    doc = parsed(str(ROLES / "dev" / "01_wufei_chengshi_guobanfa_2018_128_p7.txt"))
    ts = _tasks(doc)
    assert [t.lead_units for t in ts] == [["生态环境部"], []]
    assert _roles(ts[1]) == [("生态环境部", "guide", "指导", "stated"), ("试点城市政府", "implement", "负责落实", "stated")]
    (sa,) = [s for d in doc.walk() for s in d.standing_assignments]
    assert sa.text == "以下均需试点城市政府落实，不再列出" and sa.scope == "document" and sa.scope_text == "以下"
    assert [(u.name, u.role, u.basis) for u in sa.units] == [("试点城市政府", "implement", "standing")]
    assert doc.text[sa.span.start:sa.span.end] == "以下均需试点城市政府落实,不再列出"  # the file's own punctuation


def test_a_standing_assignment_joins_each_later_task_with_basis_standing():
    doc = parsed(str(ROLES / "heldout2" / "02_zhejiang_city_lantian_2020_excerpt.txt"))
    first, second = _tasks(doc)
    assert [(u.name, u.basis) for u in first.units if u.name == "县（市、区）政府"] == [("县（市、区）政府", "stated")]
    assert _roles(second)[-1] == ("县（市、区）政府", "implement", "落实", "standing")
    assert second.lead_units == ["市经信局", "市发改委"]  # a standing unit never leads


def test_a_standing_assignment_without_yixia_covers_its_own_task_too():
    # 〔责任单位：…按职责分工负责。具体任务均涉及相关市（州）人民政府，不再做分工，下同。〕 (Sichuan, 2022)
    doc = parsed(str(ROLES / "heldout" / "01_sichuan_xiandai_liutong_fangan_2022_excerpt.txt"))
    ts = _tasks(doc)
    assert [[u.name for u in t.units if u.basis == "standing"] for t in ts] == [["相关市（州）人民政府"]] * 2
    assert [u.name for u in ts[0].units if u.basis == "stated"] == ["省发展改革委", "省市场监管局", "商务厅", "省大数据中心"]


def test_it_reads_fields_separated_by_spaces():
    doc = parsed(str(ROLES / "heldout" / "02_xining_liutongye_shishi_yijian_2017_excerpt.txt"))
    (t,) = _tasks(doc)
    assert t.lead_units == ["市商务局"]
    assert [u.role for u in t.units] == ["lead"] + ["responsible"] * 4


def test_it_reads_a_running_text_sentence_of_role_clauses():
    doc = parsed(str(ROLES / "heldout" / "03_baotou_gaohuo_liutong_kuoda_xiaofei_2009_excerpt.txt"))
    (t,) = _tasks(doc)
    assert t.form == "running_text" and t.path == "二(二)" and t.lead_units == []
    assert [(u.name, u.role, u.verb) for u in t.units] == [
        ("市商务部门", "responsible", "负责"), ("相关旗县（区）", "implement", "负责组织实施"),
        ("财政、农牧业和供销、邮政、电信等部门", "participant", "配合落实")]


def test_it_reads_x_yao_huitong_y_in_running_text_as_x_leading():
    doc = parsed(str(DEV / "006_guobanfa_2018_121.txt"))  # 体育总局要会同有关方面做好指导、督查和总结工作
    (t,) = [t for t in _tasks(doc) if t.form == "running_text"]
    assert t.lead_units == ["体育总局"] and t.lead_basis == "explicit"


def test_it_reads_x_qiantou_in_running_text_as_x_leading():
    # the sentence of g005's 第十二条, here in a plan's item (articles state duties, not tasks)
    doc = parse_text("一、重点任务\n（一）完善指南。市人力资源社会保障部门应牵头会同相关部门，根据本方案制定积分制入户办事指南。\n")
    (t,) = [t for t in _tasks(doc) if t.form == "running_text"]
    assert t.lead_units == ["市人力资源社会保障部门"]


def test_it_reads_you_x_qiantou_y_canyu_and_keeps_a_body_description_out():
    doc = parse_text("一、重点任务\n（一）加强统筹。由商务部牵头，国家发展改革委、财政部参与，制定配套政策。\n"
                     "（二）建立机制。建立由国家卫生健康委牵头的联席会议制度，定期研究重大问题。（国家卫生健康委牵头负责）\n")
    ts = _tasks(doc)
    assert [(t.form, t.path, t.lead_units) for t in ts] == [("running_text", "一(一)", ["商务部"]),
                                                           ("parenthetical", "一(二)", ["国家卫生健康委"])]
    assert [u.role for u in ts[0].units] == ["lead", "participant", "participant"]
    assert [(f.kind, f.unit) for f in doc.findings] == [("lead_mention", "国家卫生健康委")]


def test_a_parenthetical_may_run_over_one_line_break_in_a_copy_that_breaks_lines_at_sentence_ends():
    # the text reader joins the break inside the bracket (a soft line break) and says so; the task reads whole
    doc = parsed(str(ROLES / "dev" / "01_wufei_chengshi_guobanfa_2018_128_p7.txt"))
    t = _tasks(doc)[1]
    assert t.assignment_text == "生态环境部指导，试点城市政府负责落实。以下均需试点城市政府落实，不再列出"
    assert any("inside brackets were joined" in w for w in doc.warnings)
    doc = parse_text("一、任务\n（一）加强统筹（商务部负责\n二、保障\n（二）落实责任。（财政部负责）\n")
    assert [t.assignment_text for t in _tasks(doc)] == ["财政部负责"]


def test_field_lines_that_close_one_item_are_one_task():
    # 鞍立政发〔2023〕2号: each target is closed by 牵头单位：X and 责任单位：Y on two lines
    doc = parsed(str(ROLES / "heldout3" / "01_anshan_lishan_zhongdian_gongzuo_fengong_2023_excerpt.txt"))
    ts = _tasks(doc)
    assert [t.path for t in ts] == ["一1", "一2", "一3", "一4", "一5", "一6"]
    assert [(u.name, u.role) for u in ts[2].units] == [("区发改局", "lead"), ("立山经济开发区", "responsible"),
                                                        ("各街道", "responsible"), ("区直各部门", "responsible")]
    assert ts[0].lead_units == ["区发改局"] and "全区经济运行各专班" in [u.name for u in ts[0].units]


@pytest.mark.parametrize("sentence", [
    "建立由商务部牵头、财政部参与的联席会议制度，定期研究重大问题。",
    "建立由国家发展改革委牵头，财政部、商务部参加的部际协调机制。",
    "成立由省政府办公厅牵头，省发展改革委、省财政厅等部门组成的工作专班。",
])
def test_a_body_described_with_its_leader_and_members_is_a_mention_not_a_task(sentence):
    doc = parse_text("一、重点任务\n（一）加强统筹。" + sentence + "\n")
    assert _tasks(doc) == []
    assert [f.kind for f in doc.findings] == ["lead_mention"]


@pytest.mark.parametrize("sentence", [
    # 大冶 and 林芝 (corpora/genre/heldout137/p02, heldout142/p03): 由X负责…的 describes the body it forms
    "实行铜产业链链长制，设立由市经济和信息化局负责具体协调的产业链工作专班。",
    "设立由市商务局负责协调的援藏产销对接工作专班，推动特色农产品进入援藏省市商超。",
])
def test_a_body_described_by_who_coordinates_it_is_not_a_task(sentence):
    assert _tasks(parse_text("一、保障措施\n（一）健全推进机制。" + sentence + "\n")) == []
    # while 由X负责 closing a clause hands X the work
    (t,) = _tasks(parse_text("一、保障措施\n（一）健全推进机制。产业链工作专班的日常协调由市商务局负责。\n"))
    assert [(u.name, u.role) for u in t.units] == [("市商务局", "responsible")]


def test_a_body_built_by_x_huitong_y_is_not_a_task():
    doc = parse_text("一、重点任务\n（一）加强统筹。国家发展改革委会同有关部门建立的协调机制要发挥作用。\n")
    assert _tasks(doc) == []


def test_you_x_qiantou_huitong_y_makes_y_take_part():
    doc = parse_text("一、重点任务\n（一）加强统筹。由教育部牵头，会同财政部制定实施方案。\n")
    (t,) = _tasks(doc)
    assert [(u.name, u.role) for u in t.units] == [("教育部", "lead"), ("财政部", "participant")]
    assert t.lead_units == ["教育部"]


def test_a_field_of_offices_lists_the_offices():
    # 芜湖市教育局 2024: （责任科室：组干科、机关党委）
    doc = parsed(str(ROLES / "heldout4" / "01_wuhu_jiaoyuju_gongzuo_yaodian_2024_excerpt.txt"))
    (t,) = _tasks(doc)
    assert [(u.name, u.role) for u in t.units] == [("组干科", "responsible"), ("机关党委", "responsible")]


def test_a_list_of_duties_with_no_unit_at_their_head_assigns_nothing():
    doc = parsed(str(ROLES / "heldout4" / "02_longwan_jiaoyuju_zhineng_excerpt.txt"))
    assert _tasks(doc) == []


def test_a_standing_sentence_of_the_body_covers_the_rest_and_benbufen_only_its_part():
    # the wording follows the real 以下各项工作均需X落实，不再列出 (潮州 2019); this layout is written for the test
    doc = parse_text("一、重点任务\n以下各项任务均需各省级人民政府落实，不再一一列出。\n"
                     "（一）推进试点。加强统筹。（国家发展改革委负责）\n"
                     "二、保障措施\n本部分任务均由各地区按职责分工负责，不再列出。\n（二）加强组织。（国务院办公厅负责）\n"
                     "三、其他\n（三）宣传。（中央宣传部负责）\n")
    got = [(t.path, [(u.name, u.basis) for u in t.units]) for t in _tasks(doc)]
    assert got == [("一(一)", [("国家发展改革委", "stated"), ("各省级人民政府", "standing")]),
                   ("二(二)", [("国务院办公厅", "stated"), ("各省级人民政府", "standing"), ("各地区", "standing")]),
                   ("三(三)", [("中央宣传部", "stated"), ("各省级人民政府", "standing")])]
    assert [(s.scope, s.scope_text, s.declared_in) for s in doc.standing_assignments] == [
        ("document", "以下", "一"), ("section", "本部分", "二")]


def test_articles_of_a_normative_text_state_duties_not_running_text_tasks():
    from policyparse.pipeline import parse_text

    statute = ("某某省数字经济促进条例\n第一条 为了促进数字经济发展，制定本条例。\n"
               "第二条 省经济和信息化主管部门会同省发展改革委编制省数字经济发展规划。\n")
    plan = ("某某省数字经济行动方案\n一、重点任务\n（一）编制规划。省工业和信息化厅要会同省发展改革委编制省数字经济发展规划。\n")
    assert [t.form for d in parse_text(statute).walk() for t in d.tasks] == []
    assert [t.form for d in parse_text(plan).walk() for t in d.tasks] == ["running_text"]


# --- forms of real 责任分解 documents (corpora/roles/heldout5, provenance in its index) --------------------


def test_a_transmitted_document_whose_title_ends_in_no_kind_word_keeps_its_tasks():
    """穗府办〔2006〕19号 transmits 《2006年〈政府工作报告〉要求重点做好的工作事项》: 事项 is no kind word, yet the
    line after the signature is the document the cover names, and its tasks are read."""
    doc = parse_text("关于印发2006年政府工作报告要求重点做好的工作事项的通知\n各区人民政府：\n"
                     "根据市政府常务会议决定，现将《2006年〈政府工作报告〉要求重点做好的工作事项》印发给你们，请抓好落实工作。\n"
                     "广州市人民政府办公厅\n二○○六年四月二十八日\n二○○六年四月二十八日\n（此件公开发布）\n"
                     "2006年《政府工作报告》要求重点做好的\n工作事项\n"
                     "一、促进经济发展\n（一）加快建设汽车产业基地。（牵头单位：市经贸委；配合单位：市发改委、国土房管局）\n")
    [enc] = doc.enclosed
    assert enc.title == "2006年《政府工作报告》要求重点做好的工作事项"
    assert [(t.path, t.lead_units, [u.name for u in t.units]) for t in enc.tasks] == [
        ("一(一)", ["市经贸委"], ["市经贸委", "市发改委", "国土房管局"])]
    assert not [w for w in doc.warnings if "not assigned" in w]


def test_every_name_of_a_run_sharing_one_transmit_verb_is_a_transmitted_document():
    doc = parse_text("各镇人民政府：\n《2020年政府工作报告主要工作责任分解》和《2020年政府民生实事项目责任分解》已经市政府常务会议"
                     "讨论通过，现印发给你们，请认真贯彻执行。\n桐乡市人民政府办公室\n2020年5月22日\n"
                     "2020年政府工作报告主要工作责任分解\n一、重点工作\n1.制定政策体系。\n责任单位：财政局、发改局\n")
    assert [e.title for e in doc.enclosed] == ["2020年政府工作报告主要工作责任分解"]
    assert [[u.name for u in t.units] for t in doc.enclosed[0].tasks] == [["财政局", "发改局"]]


def test_square_brackets_close_a_task_like_parentheses():
    _, t = _one_task("落实防控措施。[牵头单位：区卫健局、区创文办；责任单位：各街办（新区）]")
    assert t.lead_units == ["区卫健局", "区创文办"]
    assert [(u.name, u.role) for u in t.units] == [("区卫健局", "lead"), ("区创文办", "lead"), ("各街办（新区）", "responsible")]


def test_a_division_field_whose_value_says_who_leads_gives_that_lead():
    doc = parse_text("一、扩大内需\n1.出台促消费政策。\n部门分工：省发展改革委牵头，各地、各部门配合。\n")
    [t] = _tasks(doc)
    assert (t.form, t.lead_units) == ("field", ["省发展改革委"])
    assert [(u.name, u.role) for u in t.units] == [("省发展改革委", "lead"), ("各地", "participant"), ("各部门", "participant")]


def test_a_rule_closing_a_field_line_covers_that_line_and_with_xia_tong_the_later_ones():
    doc = parse_text("一、优化环境\n（一）压减时限。\n责任单位：市发改委、市财政局（第一责任单位为牵头单位，下同）\n"
                     "（二）提升服务。\n责任单位：市建设局\n（三）降低成本。\n责任单位：发改局、经信局（列第一位者为牵头或汇总单位）\n"
                     "（四）加强监管。\n责任单位：市市场监管局、市商务局\n")
    got = [(t.path, t.lead_units) for t in _tasks(doc)]
    assert got == [("一(一)", ["市发改委"]), ("一(二)", ["市建设局"]), ("一(三)", ["发改局"]), ("一(四)", ["市市场监管局"])]
    assert [(r.text, r.scope) for r in doc.lead_rules] == [("第一责任单位为牵头单位", "document"),
                                                        ("列第一位者为牵头或汇总单位", "task")]


def test_a_page_that_begins_inside_a_numbered_list_keeps_the_printed_numbers_as_paths():
    doc = parse_text("——推进教育高质量发展\n204.推进学前教育发展。（牵头单位：市教育局；责任单位：各区人民政府）\n"
                     "205.推进普通高中发展。（责任单位：市教育局）\n")
    assert [t.path for t in _tasks(doc)] == ["204", "205"]


def test_a_lone_assignment_line_after_sub_items_assigns_the_item_that_holds_them():
    doc = parse_text("（一）预案建设\n1.完善应急预案体系\n（1）加强预案管理。\n（2）推进预案精编化。\n"
                     "（责任单位：市直各有关单位、各开发区管委会）\n2.完善体制\n（1）健全机构。（责任单位：市应急局）\n")
    assert [(t.path, [u.name for u in t.units]) for t in _tasks(doc)] == [
        ("(一)1", ["市直各有关单位", "各开发区管委会"]), ("(一)2(1)", ["市应急局"])]


@pytest.mark.parametrize("field, role", [("协同责任单位", "participant"), ("配合责任单位", "participant"),
                                         ("牵头责任单位", "lead"), ("责任单位", "responsible")])
def test_field_names_built_on_ze_ren_dan_wei_keep_the_role_of_their_first_word(field, role):
    doc = parse_text(f"一、任务\n1.推进工作。\n{field}：市财政局、市税务局\n")
    assert {u.role for t in _tasks(doc) for u in t.units} == {role}


def test_fen_bie_fu_ze_luo_shi_is_implementing():
    _, t = _one_task("推进工作。（市教委、市体育局分别负责落实）")
    assert [(u.role, u.verb) for u in t.units] == [("implement", "分别负责落实")] * 2


# --- forms of roles batch 6 (real excerpts, corpora/roles/heldout6) ---------------------------------------


def test_a_person_field_before_the_unit_field_is_skipped():
    _, t = _one_task("地区生产总值增长8%以上。（责任领导：杜新国、丁玲；牵头单位：区发改局、区农业农村局）")
    assert [(u.name, u.role) for u in t.units] == [("区发改局", "lead"), ("区农业农村局", "lead")]


def test_a_cover_that_zhuan_gei_the_plan_holds_it_as_enclosed():
    doc = parse_text("各区人民政府：\n《北京市2019年政务公开工作要点》已经市政府同意，现转给你们，请认真组织落实。\n"
                     "北京市人民政府办公厅\n2019年7月8日\n北京市2019年政务公开工作要点\n一、重点\n"
                     "（一）强化信息公开。做好规划信息公开。（市规划自然资源委、市住房城乡建设委分别负责落实）\n")
    [enc] = doc.enclosed
    assert [[(u.name, u.role) for u in t.units] for t in enc.tasks] == [
        [("市规划自然资源委", "implement"), ("市住房城乡建设委", "implement")]]


@pytest.mark.parametrize("sentence, units", [
    ("由办公室（政策调研室）、省财政研究和教育中心负责，对网站栏目进行调整。",
     [("办公室（政策调研室）", "responsible"), ("省财政研究和教育中心", "responsible")]),
    ("由市财政局、农业局，各县（市）、区人民政府负责落实。",
     [("市财政局", "implement"), ("农业局", "implement"), ("各县（市）、区人民政府", "implement")]),
    ("有关专项计划由市发展改革委会同市财政局另行下达。", [("市发展改革委", "lead"), ("市财政局", "participant")]),
    ("政府督查室、监察局要跟踪问效，严肃责任追究。", [("政府督查室", "responsible"), ("监察局", "responsible")]),
])
def test_running_text_you_x_fu_ze_and_organs_named_without_their_region(sentence, units):
    doc = parse_text("一、工作要求\n（一）抓好落实。" + sentence + "\n")
    assert [[(u.name, u.role) for u in t.units] for t in _tasks(doc)] == [units]


@pytest.mark.parametrize("sentence", ["行业协会要加强自律。", "营业厅要做好宣传。", "政府各组成部门广大干部要担当作为。",
                                      "市人民政府督查室负责每季度公开，接受全社会监督。"])
def test_bodies_that_are_no_organs_open_no_running_text_task(sentence):
    doc = parse_text("一、工作要求\n（一）抓好落实。" + sentence + "\n")
    assert [u.name for t in _tasks(doc) for u in t.units] in ([], ["市人民政府督查室"])


# --- forms of roles batch 7 ---------------------------------------------------------------------------------


def test_a_titled_document_after_the_signature_is_enclosed_even_when_the_cover_does_not_name_it():
    doc = parse_text("监利市人民政府办公室关于分解落实《政府工作报告》2022年重点工作的通知\n各乡、镇人民政府：\n"
                     "现将《政府工作报告》2022年重点工作任务进行责任分解并印发给你们。\n2021年11月22日\n"
                     "《政府工作报告》2022年重点工作\n任务分解方案\n一、主要目标\n1.地区生产总值增长10%左右。（牵头单位：市发改局；责任单位：市统计局）\n")
    [enc] = doc.enclosed
    assert [(t.lead_units, [u.name for u in t.units]) for t in enc.tasks] == [(["市发改局"], ["市发改局", "市统计局"])]
    assert any("does not name" in w for w in doc.warnings)


@pytest.mark.parametrize("sentence, units", [
    ("由省经贸委负责，省财政厅、省农业厅配合。", [("省经贸委", "responsible"), ("省财政厅", "participant"), ("省农业厅", "participant")]),
    ("由省卫生厅承办，省公安厅协办。", [("省卫生厅", "implement"), ("省公安厅", "participant")]),
    ("区政府要落实属地责任。", [("区政府", "responsible")]),
])
def test_running_text_forms_of_batch_seven(sentence, units):
    doc = parse_text("一、工作要求\n（一）抓好落实。" + sentence + "\n")
    assert [[(u.name, u.role) for u in t.units] for t in _tasks(doc)] == [units]


def test_a_report_of_work_done_with_hui_tong_is_no_task():
    doc = parse_text("一、工作进展\n（一）编制清单。市食药安办会同相关单位编制形成了责任清单。\n")
    assert _tasks(doc) == []


def test_a_standing_clause_on_policy_measures_names_no_unit_of_the_field():
    doc = parse_text("一、政策措施\n1.支持企业。\n责任单位：市工信局、市财政局，各县区人民政府。以下政策措施均需各县区人民政府落实，不再单独列出\n")
    assert [[u.name for u in t.units if u.basis != "standing"] for t in _tasks(doc)] == [["市工信局", "市财政局", "各县区人民政府"]]


# a provincial division of the government work report (湘政发 style): the persons over the work,
# then the units; a rule whose 下同 closes the bracket; a standing list 不逐一列出
HUNAN_STYLE = (
    "一、努力保持经济平稳健康发展\n"
    "（一）增强创新驱动发展能力。构建政策体系（分管副省长、协管副秘书长负责，省科技厅牵头。明确牵头部门的，"
    "其他有关部门配合，不逐一列出，下同）。落实研发费用加计扣除政策（分管副省长、协管副秘书长负责，省科技厅、省发改委、"
    "省财政厅等负责。列第一位的为牵头部门，其他部门和单位按职责分工负责，下同）。\n"
    "（二）扩大有效投资。推进重大项目建设（省发改委、省财政厅负责）。\n"
)


def test_persons_named_by_post_before_the_units_are_passed_over():
    first, second, third = _tasks(parse_text(HUNAN_STYLE))
    assert [(u.name, u.role) for u in first.units] == [("省科技厅", "lead"), ("其他有关部门", "participant")]
    assert [u.name for u in second.units if u.basis == "stated"] == ["省科技厅", "省发改委", "省财政厅"]


def test_a_rule_whose_scope_word_closes_the_bracket_covers_the_rest_of_the_document():
    doc = parse_text(HUNAN_STYLE)
    assert [(r.text, r.scope) for r in doc.lead_rules] == [("列第一位的为牵头部门", "document")]
    third = _tasks(doc)[2]
    assert third.lead_units == ["省发改委"]  # a later plain list, under the rule
    # the rule's second half (其他部门和单位按职责分工负责) speaks of the list, it names no unit


def test_a_standing_list_not_listed_one_by_one_joins_the_later_tasks():
    for t in _tasks(parse_text(HUNAN_STYLE)):
        assert ("其他有关部门", "participant") in [(u.name, u.role) for u in t.units]


def test_x_peihe_y_luoshi_makes_x_take_part_and_y_carry_the_work():
    (t,) = _tasks(parse_text("（一）健全人才工作机制。完善干部人事制度（省人事厅配合省委有关部门落实）。\n"))
    assert [(u.name, u.role) for u in t.units] == [("省人事厅", "participant"), ("省委有关部门", "implement")]
    assert t.lead_units == []


def test_a_unit_two_fields_name_is_one_unit_in_its_first_role():
    text = "（一）推进工业转型升级。加快传统产业改造。\n牵头单位：省经济和信息化委。责任单位：省经济和信息化委、省水利厅等\n"
    (t,) = _tasks(parse_text(text))
    assert [(u.name, u.role) for u in t.units] == [("省经济和信息化委", "lead"), ("省水利厅", "responsible")]


def test_a_field_after_a_blank_in_a_page_run_into_one_line_starts_its_own_line():
    # a news repost that ran a division's items into one paragraph: 目标 部门分工：… 标题 工作措施：…
    text = ("近日\n省政府印发工作任务分工方案\n"
            + "粮食产量1268万吨以上 部门分工：省农业农村厅牵头，各地、各部门配合。 大力推进战略性产业集群建设 "
            + "工作措施：完成政策文件的中期评估及修订工作。" + "出台专项行动计划，完善链长制，分解下达年度重点工作任务。" * 12
            + " 部门分工：省工业和信息化厅牵头，省发展改革委、科技厅等配合。 促进数字经济和实体经济深度融合\n")
    ts = _tasks(parse_text(text))
    assert [(t.form, t.lead_units) for t in ts] == [("field", ["省农业农村厅"]), ("field", ["省工业和信息化厅"])]
    assert ts[1].assignment_text.endswith("等配合。")  # the next item's title is not part of the field


def test_a_unit_field_closing_the_items_own_line_is_read():
    # （一）进一步加大投资力度。责任单位：省发改委牵头，…配合。 (a 2009 division printed item and field on one line)
    text = ("一、加大投资力度\n（一）进一步加大投资力度。责任单位：省发改委牵头，省交通厅、省水利厅配合。\n"
            "（二）加快重大项目建设。推进项目开工（省财政厅负责；配合单位：省统计局）。\n")
    ts = _tasks(parse_text(text))
    assert [(t.form, t.path, [(u.name, u.role) for u in t.units]) for t in ts][0] == (
        "field", "一(一)", [("省发改委", "lead"), ("省交通厅", "participant"), ("省水利厅", "participant")])
    assert ts[0].text == "（一）进一步加大投资力度。"  # the item up to its field
    assert [t.form for t in ts] == ["field", "parenthetical"]  # a field inside the item's bracket is the bracket's


def test_classes_of_units_said_to_lead_and_support_assign_nothing():
    text = "各设区市人民政府：\n将各项任务分解为46个具体问题，由省政府有关部门及设区市人民政府牵头和配合，负责研究方案和检查督办。\n"
    assert _tasks(parse_text(text)) == []


def test_an_airport_is_a_unit():
    (t,) = _tasks(parse_text("（八）拓展客源市场。开拓入境旅游市场。（责任单位：市文化广电和旅游局、市政府外办、洛阳机场）\n"))
    assert [u.name for u in t.units] == ["市文化广电和旅游局", "市政府外办", "洛阳机场"]


def test_a_bare_list_closed_by_a_full_stop_inside_its_bracket_is_an_assignment():
    (t,) = _tasks(parse_text("（一）公开金融信息。做好金融风险防范信息公开。(区金融办、区财政局、区房管局。)\n"))
    assert [u.name for u in t.units] == ["区金融办", "区财政局", "区房管局"]


def test_a_bare_list_closing_its_paragraph_or_on_a_line_of_its_own_is_an_assignment():
    # 陵水 (corpora/genre/heldout150/p03): no full stop before the bracket, the paragraph ends with it
    text = "一、重点任务\n（一）完善旅游交通设施。优化景区接驳公交线路，增设旅游交通标识（县交通运输局、县住房和城乡建设局）\n"
    assert [(t.path, [u.name for u in t.units]) for t in _tasks(parse_text(text))] == [
        ("一(一)", ["县交通运输局", "县住房和城乡建设局"])]
    # 安阳 (corpora/genre/heldout151/p01): the bracket on a line of its own after the sentence
    text = ("一、重点任务\n（一）建设智能工厂。支持钢铁企业建设5G全连接工厂和工业\n互联网平台，到2027年建成智能工厂3家。\n"
            "（市数据局、市工业和信息化局）\n（二）强化金融支持。扩大绿色信贷。（市委金融办）\n")
    assert [(t.path, [u.name for u in t.units]) for t in _tasks(parse_text(text))] == [
        ("一(一)", ["市数据局", "市工业和信息化局"]), ("一(二)", ["市委金融办"])]
    # a bracketed label that opens its line is no such list: 〔牵头单位〕市发展改革局 (corpora/genre/heldout77/p01)
    assert _tasks(parse_text("一、重点任务\n（一）建设算力中心。\n〔牵头单位〕市发展改革局　〔完成时限〕2025年底前\n"))[0].units[0].role == "lead"


def test_a_list_of_departments_duties_written_organ_colon_duty_gives_each_organ_its_task():
    text = ("2.市发展改革委：负责将应急避难场所建设规划纳入总体规划，并做好立项审批工作。\n"
            "3.市城建委：严格建设标准的落实，负责工程质量、安全监督工作。\n"
            "4.市商务局：会同市发展改革委负责物资供应点的建设、储备和保障工作。\n"
            "5.婴幼儿照护服务驿站：3月底前新建成2家。\n")
    ts = _tasks(parse_text(text))
    # a page starting mid-list: its first line is an item, not a 主送 line; a project names no organ of a level
    assert [(t.path, [(u.name, u.role) for u in t.units]) for t in ts] == [
        ("2", [("市发展改革委", "responsible")]),
        ("3", [("市城建委", "responsible")]),
        ("4", [("市商务局", "lead"), ("市发展改革委", "participant")]),
    ]


def test_organs_named_together_or_in_quotation_marks_before_a_colon_share_their_duty_item():
    text = ("三、职责分工\n(一)市委宣传部、文广新局：负责协调新闻媒体开展防灾减灾知识宣传。\n"
            "(二)“三防办”：负责三防知识的宣传，并提供相关材料给其他部门。\n"
            "(三)宣传周、咨询日：5月12日至18日。\n")
    ts = _tasks(parse_text(text))
    # under a duty section's heading; a line naming no organ (宣传周、咨询日: days of the campaign) is no duty item
    assert [(t.path, [(u.name, u.role) for u in t.units]) for t in ts] == [
        ("三(一)", [("市委宣传部", "responsible"), ("文广新局", "responsible")]),
        ("三(二)", [("三防办", "responsible")]),
    ]
    assert ts[1].units[0].span is not None and text[ts[1].units[0].span.start : ts[1].units[0].span.end] == "三防办"


def test_a_college_named_by_its_own_stem_opens_a_sentence_that_assigns():
    text = "三、保障措施\n（四）加强人才培养。黔南民族职业技术学院、州人力资源社会保障局要加强实用人才培训。\n"
    (t,) = _tasks(parse_text(text))
    assert [u.name for u in t.units] == ["黔南民族职业技术学院", "州人力资源社会保障局"]
    assert _tasks(parse_text("三、保障措施\n（四）加强人才培养。各职业学院要加强实用人才培训。\n")) == []  # a class, no named body


def test_the_level_word_of_a_lists_first_organ_serves_the_organs_after_it():
    # 市建委、交委、经贸委: the city's 交委 and 经贸委, written without the 市 the first one carries; a group company and
    # the districts' bureaus join the list; a company named by its own stem opens a duty sentence of its own
    text = ("（八）其他部门\n1.市建委、交委、经贸委、省机场管理集团、各区外经贸局负责协助做好客商的邀请工作；\n"
            "2.香港越秀集团负责协助做好会议期间的交通、食宿安排。\n")
    ts = _tasks(parse_text(text))
    assert [[u.name for u in t.units] for t in ts] == [
        ["市建委", "交委", "经贸委", "省机场管理集团", "各区外经贸局"], ["香港越秀集团"]]
    # a list that opens without a level gives its later short names nothing to stand on
    assert _tasks(parse_text("（八）其他部门\n1.建委、交委、经贸委负责协助做好客商的邀请工作；\n")) == []


def test_a_preposition_after_a_partner_list_ends_it_whatever_follows():
    text = "三、保障措施\n（三）督导考核。市委督查室要会同市政府督查室对各县区、各有关单位任务落实情况开展专项督导。\n"
    (t,) = _tasks(parse_text(text))
    assert [(u.name, u.role) for u in t.units] == [("市委督查室", "lead"), ("市政府督查室", "participant")]


def test_a_sentence_that_opens_with_the_parenthetical_of_the_one_before_it_is_read_after_it():
    text = ("第七条　支持研发创新。支持企业共建研发中心。（市科技局、市农业农村局）对新认定的研发平台，"
            "由市财政局会同市科技局按规定兑现奖励。\n")
    ts = _tasks(parse_text(text))
    assert [(t.form, [u.name for u in t.units], t.lead_units) for t in ts] == [
        ("parenthetical", ["市科技局", "市农业农村局"], []), ("running_text", ["市财政局", "市科技局"], ["市财政局"])]
    # a class of places' governments after it (沿线各市人民政府要…) names no organ: no task
    text = "一、任务\n（一）协同。推动合作。（省发展改革委、沿线各市人民政府）沿线各市人民政府要主动承接成果转化。\n"
    assert [t.form for t in _tasks(parse_text(text))] == ["parenthetical"]


def test_a_partner_list_may_end_in_an_office_a_task_list_names():
    # 福清海事处: an office (处) no unit name of the lexicon ends like, before the work 健全…
    text = "二、任务\n（四）联合执法。市海洋与渔业局要会同市公安局、福清海事处健全海上联合执法机制。\n"
    (t,) = _tasks(parse_text(text))
    assert [(u.name, u.role) for u in t.units] == [("市海洋与渔业局", "lead"), ("市公安局", "participant"),
                                                   ("福清海事处", "participant")]


def test_a_duty_sections_line_whose_later_duty_leads_makes_its_organ_lead():
    text = ("武威市人民政府办公室关于印发某某工作要点的通知\n各县区人民政府：\n四、保障措施\n（二）明确部门职责。\n"
            "市商务局：负责统筹推进县域商业体系建设，牵头制定年度任务清单。\n"
            "市供销社：负责基层社改造提升，会同市商务局推进农村流通网络建设。\n")
    ts = _tasks(parse_text(text))
    # 市供销社 is the city's (a regional short form, read with the issuer's region); 会同 names its partner
    assert [([(u.name, u.role) for u in t.units], t.lead_units) for t in ts] == [
        ([("市商务局", "lead")], ["市商务局"]),
        ([("市供销社", "lead"), ("市商务局", "participant")], ["市供销社"])]


def test_a_class_described_after_deng_ends_the_list():
    (t,) = _tasks(parse_text("（一）推进公共企事业单位信息公开。（责任单位：区教育局、区水务局、区房管局等公共企事业单位行业主管部门）\n"))
    assert [u.name for u in t.units] == ["区教育局", "区水务局", "区房管局"]


def test_a_field_after_a_comma_in_a_reports_item_line_ends_at_the_full_stop():
    text = "二、部分项目进展情况\n1、农村道路畅通工程，牵头部门：市交通局。建设进度相对较慢的县区为舒城县。\n"
    (t,) = _tasks(parse_text(text))
    assert (t.form, t.assignment_text, t.lead_units) == ("field", "牵头部门：市交通局", ["市交通局"])


def test_heads_of_departments_attending_a_meeting_are_no_assignment():
    text = "一、会议情况\n会议由副县长主持，县发展改革和经济商务局、住房和城乡建设局、交通运输局等部门负责人参加了会议。\n"
    assert _tasks(parse_text(text)) == []


def test_ji_before_the_organ_and_an_organs_other_name_in_brackets_are_read():
    text = ("二、重点任务\n（一）即县水务局牵头，组织开展县级河流打击非法采砂专项行动。\n"
            "（二）县住建局（城管局）负责对县城区占用市政道路的行为进行治理。\n")
    assert [[(u.name, u.role) for u in t.units] for t in _tasks(parse_text(text))] == [
        [("县水务局", "lead")], [("县住建局（城管局）", "responsible")]]


def test_a_star_marks_the_lead_in_a_bare_list():
    text = "一、重点任务\n1.推进滩区治理。完成生态修复。（市农业农村局*、市生态环境局）\n2.推进湿地保护。完成修复。（市城乡水务局、市住建局）\n"
    ts = _tasks(parse_text(text))
    assert [(t.lead_units, [u.name for u in t.units]) for t in ts] == [
        (["市农业农村局"], ["市农业农村局", "市生态环境局"]), ([], ["市城乡水务局", "市住建局"])]


def test_units_that_share_the_work_or_act_by_their_duties_open_a_running_text_task():
    text = ("二、重点任务\n（一）规范市场秩序。区市场监管局、区委网信办、区公安分局按照职责分工，加强直播营销活动监测。\n"
            "（二）擦亮活动品牌。区商务局、区文广旅体局共同负责举办年度品牌活动。\n"
            "（三）构建信用体系。区市场监管局牵头建立主播信用档案，区发改局、区委网信办配合，实施信用分级分类监管。\n")
    ts = _tasks(parse_text(text))
    assert [(t.path, [(u.name, u.role) for u in t.units]) for t in ts] == [
        ("二(一)", [("区市场监管局", "responsible"), ("区委网信办", "responsible"), ("区公安分局", "responsible")]),
        ("二(二)", [("区商务局", "responsible"), ("区文广旅体局", "responsible")]),
        ("二(三)", [("区市场监管局", "lead"), ("区发改局", "participant"), ("区委网信办", "participant")]),
    ]


def test_organs_each_told_what_to_do_after_a_collective_are_tasks_and_one_that_is_to_lead_leads():
    text = ("一、工作要求\n县直各单位要与乡（镇）密切配合，落实好部门责任，县农业农村局要发挥好牵头协调作用，"
            "县农机服务中心要发挥好组织协调作用。\n")
    ts = _tasks(parse_text(text))
    assert [(t.lead_units, [u.name for u in t.units]) for t in ts] == [
        (["县农业农村局"], ["县农业农村局"]), ([], ["县农机服务中心"])]


def test_units_acting_by_their_duties_after_a_lead_take_part_in_its_task():
    text = "三、重点任务\n9.建设交易中心。州商务局牵头，州市场监管局、伊宁市人民政府按职责分工落实，建设商品展示交易中心。\n"
    (t,) = _tasks(parse_text(text))
    assert [(u.name, u.role) for u in t.units] == [
        ("州商务局", "lead"), ("州市场监管局", "participant"), ("伊宁市人民政府", "participant")]


def test_a_duty_sections_lines_each_give_their_organ_its_duty_whatever_the_verb():
    # 部门主要职责 of an emergency plan (roles batch 25): each line opens with an organ and goes on with its duties
    text = ("工程抢险组负责受损设施的抢险工作。\n4、现场指挥机构：负责现场的紧急抢险工作。\n"
            "5、部门主要职责：省民政厅组织、协调救灾工作；核实、报告灾情。\n"
            "省经委协调铁路、邮电、电力等部门的抢险救灾工作。\n"
            "省发改委安排重大救灾基建项目。\n"
            "省财政厅负责救灾应急资金的筹集、拨付。\n")
    ts = _tasks(parse_text(text))
    assert [(t.path, [(u.name, u.role) for u in t.units], t.lead_units) for t in ts] == [
        ("5", [("省民政厅", "responsible")], []), ("5", [("省经委", "responsible")], []),
        ("5", [("省发改委", "responsible")], []), ("5", [("省财政厅", "responsible")], [])]
    assert ts[0].assignment_text == "省民政厅组织、协调救灾工作；核实、报告灾情"


def test_a_duty_section_of_a_bodys_remit_names_no_organ():
    text = ("一、主要职责\n贯彻落实国家及省委、省政府关于病虫疫情防控的工作要求，集中统一指挥全省的防控工作。\n"
            "二、职责分工\n市政府各有关部门负责本部门职权范围内事项的下放工作。\n")
    assert _tasks(parse_text(text)) == []


def test_an_organ_and_a_list_of_sectors_after_it_are_two_units():
    text = "4.6 交通运输保障\n4.7 通信保障\n市交通局以及铁路、民航、港口等部门要保证紧急情况下应急交通工具的优先安排。\n"
    (t,) = _tasks(parse_text(text))
    assert (t.path, [(u.name, u.role) for u in t.units]) == (
        "4.7", [("市交通局", "responsible"), ("铁路、民航、港口等部门", "responsible")])


@pytest.mark.parametrize("sentence, units", [
    ("市政部门应及时做好城市道路的清障工作。", [("市政部门", "responsible")]),
    ("公安部门会同武警部队拟订治安保障计划。", [("公安部门", "lead"), ("武警部队", "participant")]),
    ("市公安局会同市武警支队负责组织应急治安保障。", [("市公安局", "lead"), ("市武警支队", "participant")]),
    ("市民政局牵头，市财政局、市慈善总会等有关部门（单位）参加，做好捐赠工作。",
     [("市民政局", "lead"), ("市财政局", "participant"), ("市慈善总会", "participant")]),
])
def test_units_of_the_emergency_plans(sentence, units):
    (t,) = _tasks(parse_text("（一）应急保障\n" + sentence + "\n"))
    assert [(u.name, u.role) for u in t.units] == units


def test_an_item_of_a_department_named_by_its_sector_before_a_colon_is_its_task():
    # roles batch 26: a province's duty list, each item 部门 by its sector, a colon, its duties
    text = ("各地要明确部门职责。\n（一）民政部门：牵头开展城市居民收入信息核对工作。负责综合协调。\n"
            "（二）税务部门：负责提供申请人的纳税信息。\n（三）交通（车管）部门：负责提供申请人的营运信息。\n")
    ts = _tasks(parse_text(text))
    assert [(t.path, [(u.name, u.role) for u in t.units], t.lead_units) for t in ts] == [
        ("(一)", [("民政部门", "lead")], ["民政部门"]), ("(二)", [("税务部门", "responsible")], []),
        ("(三)", [("交通（车管）部门", "responsible")], [])]


def test_a_two_character_short_form_the_lexicon_knows_is_a_unit_of_the_list():
    (t,) = _tasks(parse_text("一、重点任务\n（一）做好引才工作。（外专局牵头，外交部、侨办等按职责分工负责）\n"))
    assert [(u.name, u.role) for u in t.units] == [("外专局", "lead"), ("外交部", "participant"), ("侨办", "participant")]


def test_one_organ_in_brackets_closing_a_clause_assigns_it_but_not_an_organs_other_name_or_a_note():
    text = ("（三）加强标准建设。支持企业参与制定国家标准和行业标准（市市场监督管理局）；积极争创检验检测中心（市市场监督管理局、市工业和信息化局）。\n"
            "（四）明确机构。国家发展和改革委员会（国家发展改革委）；给予资金支持（由省能源局负责核定的指标除外）。\n")
    ts = _tasks(parse_text("二、重点任务\n" + text))
    assert [[u.name for u in t.units] for t in ts] == [["市市场监督管理局"], ["市市场监督管理局", "市工业和信息化局"]]


def test_a_later_duty_an_organ_leads_or_shares_with_hui_tong_makes_it_lead_its_item():
    # roles batch 26: a city's list of departments' duties; 牵头 / 会同 in a later clause of one item
    text = ("各部门职责如下。\n"
            "15、市卫生局：负责医疗废物处置中的疾病防治。\n"
            "16、市物价局：负责组织召开价格听证会；会同财政、环保、水利等有关部门贯彻执行有关收费标准。\n"
            "17、市林业局：负责生态公益林的建设；牵头组织区域生态安全屏障工程。\n"
            "18、市旅游局：旅游规划必须与《规划纲要》相协调，负责牵头单位交办的工作。\n")
    ts = _tasks(parse_text(text))
    assert [(t.path, [(u.name, u.role) for u in t.units], t.lead_units) for t in ts] == [
        ("15", [("市卫生局", "responsible")], []),
        ("16", [("市物价局", "lead"), ("财政、环保、水利等有关部门", "participant")], ["市物价局"]),
        ("17", [("市林业局", "lead")], ["市林业局"]),
        ("18", [("市旅游局", "responsible")], [])]  # 牵头单位 names a role, not a duty it leads


def test_a_duty_shared_with_hui_tong_you_guan_bu_men_leads_and_names_no_partner():
    # 长汀's 水土流失 plan (corpora/genre/heldout139/p03): 会同有关部门 says whom the work concerns, no unit
    text = ("四、职责分工\n（一）县财政局：负责统筹安排治理资金并加强资金监管。\n"
            "（二）县自然资源局：负责矿山生态修复；会同有关部门做好治理用地保障。\n")
    ts = _tasks(parse_text(text))
    assert [(t.path, [(u.name, u.role) for u in t.units], t.lead_units) for t in ts] == [
        ("四(一)", [("县财政局", "responsible")], []), ("四(二)", [("县自然资源局", "lead")], ["县自然资源局"])]


def test_a_class_listed_beside_organs_is_one_of_the_lists_units():
    # 内江's 营商环境 工作要点 (corpora/genre/heldout135/p02): 责任单位：市司法局、市级有关部门
    _, t = _one_task("清理规范性文件。（市司法局、市级有关部门负责）")
    assert [(u.name, u.role) for u in t.units] == [("市司法局", "responsible"), ("市级有关部门", "responsible")]


def test_a_half_width_full_stop_ends_a_chinese_sentence():
    # 贵港's plan (corpora/genre/heldout139/p01), printed with half-width punctuation throughout
    text = ("一、重点任务\n1.推动整车企业建设智能工厂.(市工业和信息化局、市科技局)\n2.支持企业开拓东盟市场.(市商务局)\n"
            "二、保障措施\n（一）加大金融支持.市财政局要会同市委金融办设立产业发展基金.\n")
    ts = _tasks(parse_text(text))
    assert [(t.path, [u.name for u in t.units]) for t in ts] == [
        ("一1", ["市工业和信息化局", "市科技局"]), ("一2", ["市商务局"]), ("二(一)", ["市财政局", "市委金融办"])]


def test_a_numbered_line_ending_in_a_colon_is_an_item_not_a_recipient_line():
    doc = parse_text("15、市卫生局：负责医疗废物处置中的疾病防治。\n16、市物价局：负责组织召开价格听证会。\n")
    assert doc.recipients == [] and [t.path for t in _tasks(doc)] == ["15", "16"]


def test_a_duty_sections_lines_that_label_their_organ_with_a_colon_are_its_tasks_collectives_included():
    text = ("二、组织分工\n划定区域绿地是一项多部门协作的工作。\n"
            "省建设厅：牵头组织、部署划定工作。负责会同有关部门进行调查研究。\n"
            "各地级以上市政府：负责组织开展本市区域绿地的具体划定工作。\n"
            "税务部门：负责配合提供有关申请人的纳税信息。\n")
    ts = _tasks(parse_text("关于绿地划定的通知\n" + text))
    assert [([(u.name, u.role) for u in t.units], t.lead_units, t.assignment_text) for t in ts] == [
        ([("省建设厅", "lead")], ["省建设厅"], "省建设厅：牵头组织、部署划定工作"),
        ([("各地级以上市政府", "responsible")], [], "各地级以上市政府：负责组织开展本市区域绿地的具体划定工作"),
        ([("税务部门", "participant")], [], "税务部门：负责配合提供有关申请人的纳税信息")]


@pytest.mark.parametrize("sentence, units", [
    ("其中全省总体规划编制工作由局计划投资处具体负责。", ["局计划投资处"]),
    ("全省各专项规划具体编制任务由省环境科学研究设计院承担。", ["省环境科学研究设计院"]),
    ("关于扩大投入的问题，由财政部、发展改革委、人民银行研究提出意见。", ["财政部", "发展改革委", "人民银行"]),
    ("整改措施：由包片单位县文广局督促住户移走晾晒的衣物。", ["县文广局"]),
])
def test_you_x_and_a_word_that_hands_it_the_work_make_x_responsible(sentence, units):
    (t,) = _tasks(parse_text("关于有关事项的通知\n一、工作分工\n" + sentence + "\n"))
    assert ([u.name for u in t.units], {u.role for u in t.units}, t.lead_units) == (units, {"responsible"}, [])


def test_you_x_qiantou_hui_tong_y_deng_bumen_luoshi_names_each_partner_once():
    (t,) = _tasks(parse_text("一、工作分工\n（三）关于新增收入的问题，由财政部牵头，会同国土资源部、建设部、税务总局等部门落实。\n"))
    assert [(u.name, u.role) for u in t.units] == [
        ("财政部", "lead"), ("国土资源部", "participant"), ("建设部", "participant"), ("税务总局", "participant")]


def test_a_cost_or_liability_borne_by_an_organ_is_no_task():
    text = "（十二）推进项目建设。PPP项目涉及的财政支付责任，由临港地区管委会承担。所需经费由市财政局承担。\n"
    assert _tasks(parse_text("关于有关事项的通知\n一、工作分工\n" + text)) == []


def test_a_page_opening_inside_an_organs_items_keeps_the_organ_headings_that_follow():
    # roles batch 27: a page opens at item 十四's （一）…（三）, then 十五、省人力资源和社会保障厅 and its items
    text = ("关于印发新农村建设实施方案的通知\n  （一）完善农村低保制度。\n  （二）新建中心敬老院35所。\n"
            "  十五、省人力资源和社会保障厅\n  （一）加大考录乡镇机关公务员的力度。\n  （二）开展新型农村社会养老保险试点。\n"
            "  十六、省商务厅\n  （一）新建1500个农家店。\n")
    ts = _tasks(parse_text(text))
    assert [(t.path, [u.name for u in t.units]) for t in ts] == [("十五", ["省人力资源和社会保障厅"]), ("十六", ["省商务厅"])]


def test_an_organ_heading_over_a_paragraph_makes_the_organ_responsible_for_it():
    text = ("关于印发新农村建设实施方案的通知\n三、省委政法委\n深入开展“平安乡村”创建活动，提高建设水平。\n"
            "四、省直机关工委\n继续做好帮建工作的目标分解和考评工作。\n五、市场体系建设\n完善农村市场体系。\n")
    ts = _tasks(parse_text(text))
    assert [(t.path, [(u.name, u.role) for u in t.units]) for t in ts] == [
        ("三", [("省委政法委", "responsible")]), ("四", [("省直机关工委", "responsible")])]


def test_under_a_duty_sections_heading_an_organ_named_without_its_level_is_one():
    text = ("应急预案\n（六）指挥部职责\n负责统一指挥。\n（七）成员单位职责\n"
            "（1）发展和改革委员会：负责预防和处置重大沙尘 暴灾害基础设施建设的计划安排。\n（2）财政局：负责资金保障。\n"
            "（八）应急指挥部办公室\n（1）石油化工园区：3月底前建成。\n")
    ts = _tasks(parse_text(text))
    assert [(t.path, [u.name for u in t.units]) for t in ts] == [
        ("(七)(1)", ["发展和改革委员会"]), ("(七)(2)", ["财政局"])]


def test_units_that_xie_tong_another_organ_take_part_and_the_organ_they_assist_is_their_works_object():
    (t,) = _tasks(parse_text("关于职责分工的通知\n七、市公安局、市建委协同市交通运输局负责城市综合交通涉及部门职责的工作。\n"))
    assert [(u.name, u.role) for u in t.units] == [("市公安局", "participant"), ("市建委", "participant")]


def test_a_lead_named_as_the_lead_unit_of_the_work_and_its_partners_named_in_the_next_sentence_are_one_task():
    text = ("关于议案办理的方案\n二、责任分工\n州交通运输局为该议案办理工作的牵头责任单位，负责拟定总体实施方案。"
            "州发改委、州财政局、恩施市政府为协办单位，各单位要互相配合。\n")
    (t,) = _tasks(parse_text(text))
    assert ([(u.name, u.role) for u in t.units], t.lead_units) == (
        [("州交通运输局", "lead"), ("州发改委", "participant"), ("州财政局", "participant"), ("恩施市政府", "participant")],
        ["州交通运输局"])


def test_a_name_that_holds_xie_tong_is_one_unit():
    (t,) = _tasks(parse_text("一、加强规划组织实施\n国家发展改革委、京津冀协同发展领导小组办公室要做好综合协调。\n"))
    assert [(u.name, u.role) for u in t.units] == [
        ("国家发展改革委", "responsible"), ("京津冀协同发展领导小组办公室", "responsible")]


def test_field_lines_apart_by_blank_lines_close_one_item_and_xie_zuo_units_take_part():
    text = ("县卫健委2021年政府工作报告任务分解\n\n1.创建国家卫生县城。\n\n牵头责任单位:县卫健委、县民政局\n\n"
            "主要协作单位:各乡镇人民政府、经济开发区管委会\n")
    (t,) = _tasks(parse_text(text))
    assert ([(u.name, u.role) for u in t.units], t.lead_units) == (
        [("县卫健委", "lead"), ("县民政局", "lead"), ("各乡镇人民政府", "participant"), ("经济开发区管委会", "participant")],
        ["县卫健委", "县民政局"])


def test_a_zhu_ban_field_leads_beside_a_xie_ban_field_is_responsible_beside_a_lead_field_and_alone_assigns_nothing():
    text = ("为民办实事工作计划\n一、人居环境提升工程\n（1）提升含光人行桥景观。\n主办单位：县建发公司，协办单位：住建局、水利局。\n"
            "（2）推进农村改革。（牵头单位：市农办；主办单位：市编办、市教育局）\n网站地图\n主办单位：国家能源局华中监管局\n")
    ts = _tasks(parse_text(text))
    assert [(t.path, [(u.name, u.role) for u in t.units], t.lead_units) for t in ts] == [
        ("一(1)", [("县建发公司", "lead"), ("住建局", "participant"), ("水利局", "participant")], ["县建发公司"]),
        ("一(2)", [("市农办", "lead"), ("市编办", "responsible"), ("市教育局", "responsible")], ["市农办"])]


def test_you_x_and_y_gong_tong_zu_zhi_shi_shi_makes_them_carry_the_work_out():
    text = "关于实施方案的通知\n二、建设内容\n（一）交通项目。新建通村公路20条。由县民族局、交通局共同组织实施。\n"
    (t,) = _tasks(parse_text(text))
    assert [(u.name, u.role) for u in t.units] == [("县民族局", "implement"), ("交通局", "implement")]


def test_a_bare_list_may_separate_its_units_with_blanks():
    text = ("一、任务\n（一）推进光伏开发。有序推进整县屋顶分布式光伏开发。（市发改委 国网上饶供电公司）\n"
            "（二）加大金融支持。设立发展基金。（市财政局、市委金融办 市工信局）\n（三）做好宣传。（详见 附件）\n")
    assert [[u.name for u in t.units] for t in _tasks(parse_text(text))] == [
        ["市发改委", "国网上饶供电公司"], ["市财政局", "市委金融办", "市工信局"]]


def test_organs_listed_before_fen_bie_or_deng_and_their_word_are_each_clauses_units():
    # a city's 节能 duty division (corpora/roles/heldout32/05): how the listed organs share the duty (分别, 各自)
    # or a list closed by 等 stands between the list and its word
    text = ("四、主要任务\n（二）明确分工。市交通局负责公路节能；市教育局、市卫生局分别负责教育、卫生系统节能；"
            "市农业局、市林业局等负责所属系统及行业节能。\n")
    ts = _tasks(parse_text(text))
    assert [[(u.name, u.role) for u in t.units] for t in ts] == [
        [("市交通局", "responsible")],
        [("市教育局", "responsible"), ("市卫生局", "responsible")],
        [("市农业局", "responsible"), ("市林业局", "responsible")],
    ]
    assert [t.assignment_text for t in ts][1:] == ["市教育局、市卫生局分别负责", "市农业局、市林业局等负责"]


def test_organs_given_shares_after_you_x_qian_tou_in_one_sentence_join_the_work_x_leads():
    # a county's meeting report (corpora/roles/heldout23/04): 会议决定，由X牵头，… then each organ's share
    text = ("会议决定，由县财政局牵头，通过项目进行建设，县交通局、县林业局分别负责做好沿路设施移除等工作，"
            "县路灯管理所负责做好技术指导，襄河镇全程配合。\n")
    (t,) = _tasks(parse_text(text))
    assert t.lead_units == ["县财政局"]
    assert [(u.name, u.role) for u in t.units] == [
        ("县财政局", "lead"), ("县交通局", "responsible"), ("县林业局", "responsible"),
        ("县路灯管理所", "responsible"), ("襄河镇", "participant")]
    # 与X密切配合 is no unit list: 密切 is no manner word of a list
    assert not _tasks(parse_text("一、职责\n（一）教育部门。与卫生部门密切配合，组织实施学校的控制措施。\n"))


def test_a_department_alone_before_a_comma_then_its_duty_is_its_task_but_a_sentence_about_a_body_is_not():
    # a 内蒙古 盟's pilot (corpora/roles/heldout34/01): X部门，负责… / 旅游部门，指导…
    text = ("交通部门，负责通村公路和道路建设。教育部门，负责义务教育和成人教育。旅游部门，指导发展旅游产业，配合搞好旅游规划。"
            "领导小组办公室设在市文广旅局，负责日常工作。\n")
    ts = _tasks(parse_text(text))
    assert [[(u.name, u.role) for u in t.units] for t in ts] == [
        [("交通部门", "responsible")], [("教育部门", "responsible")], [("旅游部门", "guide")]]


def test_three_lines_in_a_row_that_label_their_organ_with_a_colon_are_a_duty_list_without_its_title():
    # a city's 农村道路交通安全 duty division (corpora/roles/heldout34/03), its title not on the page
    text = ("交通部门：制定农村道路客运网络的相关政策，加快实施村村通工程。\n"
            "安监部门：定期组织有关部门督促检查危险路段治理。\n"
            "农机部门：牵头并会同有关部门对农业运输机械进行全面摸排清理。\n")
    ts = _tasks(parse_text(text))
    assert [([u.name for u in t.units], t.lead_units) for t in ts] == [
        (["交通部门"], []), (["安监部门"], []), (["农机部门"], ["农机部门"])]
    # two such lines are no list: a recipient line or a project's name may read so
    assert not _tasks(parse_text("交通部门：制定相关政策，加快实施村村通工程。\n安监部门：定期督促检查危险路段治理。\n"))


def test_an_organ_serving_as_the_lead_unit_leads():
    (t,) = _tasks(parse_text("三、措施与要求\n（一）明确职责。市水务部门作为牵头责任单位，负责审查工程规划。\n"))
    assert (t.lead_units, [u.role for u in t.units]) == (["市水务部门"], ["lead"])


def test_rows_of_a_table_without_a_number_column_take_the_numbers_their_cells_print_as_paths():
    text = ("工作任务 | 具体要求 | 责任部门 |\n一、做好财政信息公开。 | 1.推进预算公开。 | 财务科 |\n"
            "二、做好网站信息公开。 | 2.及时更新概况信息。 | 办公室 |\n3.及时反馈网民意见。 | 各科室 | |\n")
    assert [(t.form, t.path, [u.name for u in t.units]) for t in _tasks(parse_text(text))] == [
        ("table", "一1", ["财务科"]), ("table", "二2", ["办公室"]), ("table", "二3", ["各科室"])]


def test_an_organ_with_its_other_name_in_brackets_is_one_unit_of_a_list_joined_by_he_or_ji():
    # 平凉's 行动计划 (corpora/genre/heldout94/p03)
    text = "一、任务\n（一）做甲。（市财政局和市农业农村局（市乡村振兴局））\n（二）做乙。（市工业和信息化局、市农业农村局（市乡村振兴局）及静宁县人民政府）\n"
    assert [[u.name for u in t.units] for t in _tasks(parse_text(text))] == [
        ["市财政局", "市农业农村局（市乡村振兴局）"], ["市工业和信息化局", "市农业农村局（市乡村振兴局）", "静宁县人民政府"]]


def test_an_organ_labelled_line_whose_later_duty_it_leads_by_a_principle_makes_it_lead():
    # a city's 五小 clean-up duties (corpora/roles/heldout35/01)
    text = ("六、部门职责\n商务部门:负责小摊贩经营区域的统筹规划;按照“谁主办、谁监管”的原则牵头负责对市场内的卫生整治工作。\n"
            "宣传部门:负责新闻报道工作。\n公安部门:负责提供安全保障。\n")
    ts = _tasks(parse_text(text))
    assert [(u.name, t.lead_units) for t in ts for u in t.units] == [
        ("商务部门", ["商务部门"]), ("宣传部门", []), ("公安部门", [])]


def test_a_forest_farm_is_a_unit_of_a_list():
    # 承德's 实施方案 (corpora/genre/heldout99/p01): （主责单位：…、塞罕坝机械林场；协同单位：…）
    (t,) = _tasks(parse_text("一、任务\n（一）发展森林康养。推进基地建设。（主责单位：市林业和草原局、塞罕坝机械林场；协同单位：市文化广电和旅游局）\n"))
    assert [(u.name, u.role) for u in t.units] == [
        ("市林业和草原局", "lead"), ("塞罕坝机械林场", "lead"), ("市文化广电和旅游局", "participant")]


def test_a_page_opening_with_a_later_item_keeps_it_as_the_path_of_its_sub_items_when_an_outer_part_follows():
    # 盐城's page (corpora/roles/heldout39/01): (四) and its items 1.-5., then 六、 and its (一)
    text = ("(四)加强配套建设\n1.增设停车场。市规划局牵头,市城乡建设局配合,规划配套停车场地。\n"
            "2.改善通行条件。市城乡建设局牵头,市公安局配合,加快道路建设。\n六、工作要求\n(一)加强领导。各单位要高度重视。\n")
    assert [(t.path, t.lead_units) for t in _tasks(parse_text(text))] == [
        ("(四)1", ["市规划局"]), ("(四)2", ["市城乡建设局"])]


def test_a_unit_two_columns_of_a_table_row_name_is_one_unit_in_its_first_role():
    # 咸宁's annex (corpora/genre/heldout106/p02): 牵头单位 X | 责任单位 X、Y
    text = ("附件\n任务表\n序号 | 重点任务 | 牵头单位 | 责任单位 | 完成时限 |\n1 | 建设康养基地 | 市文化和旅游局 | 市文化和旅游局、市林业局 | 2026年底前 |\n"
            "2 | 培育康养品牌 | 市卫生健康委 | 市卫生健康委、市民政局 | 2027年底前 |\n")
    assert [[(u.name, u.role) for u in t.units] for t in _tasks(parse_text(text))] == [
        [("市文化和旅游局", "lead"), ("市林业局", "responsible")], [("市卫生健康委", "lead"), ("市民政局", "responsible")]]


def test_a_manner_word_before_qiantou_keeps_the_lead_and_an_adverb_before_the_work_ends_the_partners_list():
    # 通渭 (corpora/genre/heldout303/p02): （X、Y、Z，由Y具体牵头）; 陇西 (p01): X要会同Y积极争取中央、省级…资金
    doc = parse_text("一、重点任务\n（一）办好艺术节。举办艺术节。（县委宣传部、县文旅局、县文联，由县文旅局具体牵头）\n"
                     "（二）强化资金保障。县财政局要会同县发展和改革局积极争取中央、省级专项资金，统筹整合涉农资金。\n")
    first, second = _tasks(doc)
    assert (first.form, [u.name for u in first.units], first.lead_units) == (
        "parenthetical", ["县委宣传部", "县文旅局", "县文联"], ["县文旅局"])
    assert (second.form, [(u.name, u.role) for u in second.units]) == (
        "running_text", [("县财政局", "lead"), ("县发展和改革局", "participant")])


def test_a_collective_ending_in_bumen_is_a_unit_not_a_unit_and_a_verb_and_a_work_phrase_with_a_dun_ends_the_partners():
    # 博野 (corpora/genre/heldout309/p02): （县行政审批局、县直各有关部门）, not 县直各有关部 + a verb 门;
    # 宁晋 (heldout312/p01): X要会同Y、Z梳理国家和省、市…政策: the 、 of the work after Z is no list's
    doc = parse_text("一、重点任务\n（一）畅通诉求渠道。诉求按期办结率达到100%。（县行政审批局、县直各有关部门）\n"
                     "（二）强化政策落实。县发展和改革局要会同县财政局、县工业和信息化局梳理国家和省、市支持制造业发展的各项政策。\n")
    first, second = _tasks(doc)
    assert [(u.name, u.role) for u in first.units] == [("县行政审批局", "responsible"), ("县直各有关部门", "responsible")]
    assert [(u.name, u.role) for u in second.units] == [
        ("县发展和改革局", "lead"), ("县财政局", "participant"), ("县工业和信息化局", "participant")]
