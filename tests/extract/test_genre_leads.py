"""Lead rules of the seed's genre: every phrasing as data, declared anywhere, with scope and precedence."""

from __future__ import annotations

import pytest

from policyparse.extract.lead_rules import clause, clause_examples, match_rule, near_misses, rule_specs
from policyparse.pipeline import parse_text

HEAD = "关于做好某项工作的实施方案\n各有关单位：\n"


def _doc(body: str):
    return parse_text(HEAD + body)


def _leads(body: str):
    return [(t.path, t.lead_units) for d in _doc(body).walk() for t in d.tasks]


@pytest.mark.parametrize("spec", rule_specs(), ids=lambda s: s.id)
def test_it_matches_every_example_of_every_rule_with_that_rules_own_pattern(spec):
    assert spec.examples
    for ex in spec.examples:
        m = spec.pattern.search(ex)
        assert m and m.group(0) == ex, ex
        assert match_rule(ex) is not None, ex  # the cue words let every example through to the patterns


@pytest.mark.parametrize("phrase", near_misses())
def test_it_matches_no_near_miss_with_any_rule(phrase):
    assert match_rule(phrase) is None


@pytest.mark.parametrize(("name", "example"), clause_examples())
def test_every_qualifying_clause_of_the_rule_file_matches_each_of_its_examples_whole(name, example):
    m = clause(name).search(example)
    assert m and m.group(0) == example


def test_a_single_unit_beside_a_separator_rule_leads_when_the_rule_says_so():
    body = ("一、重点任务\n（一）推进数据共享。（责任单位：市数据局；市财政局。分号前的单位为牵头单位，"
            "未用分号分隔的由所列单位共同负责，只列一个单位的由该单位牵头，下同）\n"
            "（二）建设平台。（责任单位：市发展改革委）\n（三）完善制度。（责任单位：市司法局、市财政局）\n")
    assert _leads(body) == [("一(一)", ["市数据局"]), ("一(二)", ["市发展改革委"]), ("一(三)", [])]


def test_it_reads_first_ge_dan_wei_the_example_the_old_pattern_missed():
    spec, m = match_rule("第一个单位为牵头单位")
    assert (spec.id, m.group(0)) == ("first-is-lead", "第一个单位为牵头单位")


def test_it_applies_a_rule_declared_in_a_preamble_sentence_to_every_later_task():
    body = ("为做好工作，制定本方案。各项任务所列单位中，排在第一位的为牵头单位，其他单位按职责分工负责。\n一、任务\n"
            "（一）甲。做甲（省发展改革委、省财政厅负责）\n（二）乙。做乙（省财政厅、省教育厅负责）\n")
    doc = _doc(body)
    assert [t.lead_units for t in doc.tasks] == [["省发展改革委"], ["省财政厅"]]
    assert [t.lead_basis for t in doc.tasks] == ["positional", "positional"]
    [rule] = doc.lead_rules
    assert (rule.text, rule.scope) == ("排在第一位的为牵头单位", "document")
    assert doc.tasks[0].lead_rule == rule.span


def test_a_rule_in_a_sentence_covers_only_what_follows_it():
    body = ("一、任务\n（一）甲。做甲（省发展改革委、省财政厅负责）\n以下各项任务中，排名第一的部门为牵头部门。\n"
            "（二）乙。做乙（省财政厅、省教育厅负责）\n")
    assert _leads(body) == [("一(一)", []), ("一(二)", ["省财政厅"])]


def test_a_rule_sentence_that_names_the_document_covers_the_tasks_before_it_too():
    doc = _doc("一、重点任务\n（一）加强领导。（省发展改革委、省财政厅负责）\n"
               "二、保障措施\n（二）压实责任。本方案所列任务涉及多个单位的，排在第一位的为牵头单位。\n"
               "（三）强化督导。（省政府督查室、省财政厅负责）\n")
    tasks = [t for d in doc.walk() for t in d.tasks]
    assert [t.lead_units for t in tasks] == [["省发展改革委"], ["省政府督查室"]]
    assert {t.lead_basis for t in tasks} == {"positional"}


def test_a_ben_bu_fen_rule_covers_its_part_and_ends_with_it():
    body = ("一、甲方面\n本部分各项任务，排在首位的部门为牵头部门。\n（一）甲。做甲（省发展改革委、省财政厅负责）\n"
            "二、乙方面\n（一）乙。做乙（省财政厅、省教育厅负责）\n")
    doc = _doc(body)
    assert [t.lead_units for t in doc.tasks] == [["省发展改革委"], []]
    assert doc.lead_rules[0].scope == "section" and doc.lead_rules[0].declared_in == "一"


def test_a_later_rule_replaces_an_earlier_one_of_the_same_scope():
    body = ("一、任务\n各项任务中排第一的为牵头单位。\n（一）甲。做甲（省发展改革委、省财政厅负责）\n"
            "各项任务中牵头单位列第二位。\n（二）乙。做乙（省财政厅、省教育厅负责，第一个单位为牵头单位，下同）\n"
            "（三）丙。做丙（省教育厅、省科技厅负责）\n")
    assert _leads(body) == [("一(一)", ["省发展改革委"]), ("一(二)", ["省财政厅"]), ("一(三)", ["省教育厅"])]


def test_explicit_qian_tou_beats_every_declared_rule():
    body = ("各项任务所列单位中，排在第一位的为牵头单位。\n一、任务\n（一）甲。做甲（省财政厅、省发展改革委牵头，省教育厅配合）\n")
    doc = _doc(body)
    assert doc.tasks[0].lead_units == ["省财政厅", "省发展改革委"] and doc.tasks[0].lead_basis == "explicit"


def test_a_field_parenthetical_with_its_own_rule_and_yi_xia_tong_leads_the_next_field_task_too():
    body = ("一、任务\n（一）甲。做甲。（责任单位：市政务服务中心、市司法局，排在首位的为牵头单位，以下同）\n"
            "（二）乙。做乙。（责任单位：市发展改革委、市财政局）\n")
    doc = _doc(body)
    assert [t.lead_units for t in doc.tasks] == [["市政务服务中心"], ["市发展改革委"]]
    assert [u.name for u in doc.tasks[0].units] == ["市政务服务中心", "市司法局"]
    assert doc.lead_rules[0].scope == "document" and doc.lead_rules[0].scope_text == "以下同"


def test_a_rule_in_an_annex_heading_leads_the_field_lines_of_that_annex_only():
    body = ("一、任务\n（一）甲。做甲。（省教育厅、省科技厅负责）\n附件：重点任务责任分工\n"
            "附件\n重点任务责任分工（责任单位中排在前面的为牵头单位）\n1.做乙。\n责任单位：省农业农村厅、省财政厅\n"
            "2.做丙。\n牵头单位：省水利厅；配合单位：省财政厅\n")
    doc = _doc(body)
    assert [(t.form, t.lead_units) for t in doc.tasks] == [
        ("parenthetical", []), ("field", ["省农业农村厅"]), ("field", ["省水利厅"])]
    assert [r.scope for r in doc.lead_rules] == ["annex"]


def test_a_table_note_leads_the_responsible_column_of_its_table():
    body = ("一、任务\n见附件。\n附件：任务分工表\n附件\n任务分工表\n序号 |\n重点任务 |\n责任单位 |\n完成时限 |\n"
            "1 |\n建设平台。 |\n省政务局、省财政厅 |\n2023年底前 |\n2 |\n开放数据。 |\n省统计局、省政务局 |\n持续推进 |\n"
            "注：排在第一位的为牵头单位。\n")
    doc = _doc(body)
    rows = [t for t in doc.tasks if t.form == "table"]
    assert [t.lead_units for t in rows] == [["省政务局"], ["省统计局"]]
    assert [(u.name, u.role) for u in rows[0].units] == [("省政务局", "lead"), ("省财政厅", "participant")]
    assert [r.scope for r in doc.lead_rules] == ["table"]


def test_a_narrower_rule_beats_the_document_rule_where_both_cover_a_task():
    body = ("各项任务所列单位中，排在第一位的为牵头单位。\n一、任务\n（一）甲。做甲（省发展改革委、省财政厅负责，排第2位的为牵头单位）\n"
            "（二）乙。做乙（省财政厅、省教育厅负责）\n")
    # the task's own rule (排第2位) decides its task; the document rule the next one
    assert [t.lead_units for t in _doc(body).tasks] == [["省财政厅"], ["省财政厅"]]
    body = ("各项任务所列单位中，排在第一位的为牵头单位。\n一、甲方面\n本部分各项任务，第一个单位为牵头单位。\n"
            "（一）甲。做甲（省发展改革委、省财政厅负责）\n")
    doc = _doc(body)
    assert doc.tasks[0].lead_rule == next(r.span for r in doc.lead_rules if r.scope == "section")


def test_no_declared_rule_still_means_no_lead():
    assert _leads("一、任务\n（一）甲。做甲（省发展改革委、省财政厅负责）\n") == [("一(一)", [])]


def test_a_rule_in_a_heading_parenthetical_that_assigns_nothing_covers_what_follows():
    body = ("一、任务\n（一）甲。做甲（省发展改革委、省财政厅负责）\n二、重点任务（各项任务中排在第一位的为牵头单位）\n"
            "（一）乙。做乙（省财政厅、省教育厅负责）\n")
    assert _leads(body) == [("一(一)", []), ("二(一)", ["省财政厅"])]


def test_a_rule_in_the_cover_notice_covers_the_plan_it_transmits():
    text = ("某某市人民政府办公室关于印发《某某市2023年数字政府建设工作要点》的通知\n各县市区人民政府：\n"
            "《某某市2023年数字政府建设工作要点》已经市人民政府同意，现印发给你们。《工作要点》各项任务所列责任单位中，"
            "列第一位的单位为牵头单位。\n某某市人民政府办公室\n2023年3月1日\n某某市2023年数字政府建设工作要点\n"
            "一、夯实基础\n（一）推进政务云扩容。（市数据资源局、市财政局负责）\n")
    doc = parse_text(text)
    [d] = doc.enclosed
    assert [t.lead_units for t in d.tasks] == [["市数据资源局"]]


def _flat(*rows: list[str]) -> str:
    """A table flattened one cell per line, as portal copies print it (``cell |``)."""
    return "".join(f"{c} |\n" for row in rows for c in row)


def test_a_bare_list_before_a_rule_in_one_parenthetical_is_the_task_the_rule_speaks_of():
    body = ("一、任务\n（一）甲。做甲。（省发展改革委、省财政厅）\n"
            "（二）乙。做乙。（省商务厅、省交通运输厅、省邮政管理局，排在第一位的为牵头单位，下同）\n"
            "（三）丙。做丙。（省农业农村厅、省商务厅）\n")
    assert _leads(body) == [("一(一)", []), ("一(二)", ["省商务厅"]), ("一(三)", ["省农业农村厅"])]
    [t] = [t for t in _doc(body).tasks if t.path == "一(二)"]
    assert [u.name for u in t.units] == ["省商务厅", "省交通运输厅", "省邮政管理局"]


def test_a_section_rule_worded_as_who_leads_names_no_unit_of_its_own():
    body = ("一、任务\n本部分任务均由所列第一个单位牵头，其他单位配合。\n"
            "（一）甲。做甲。（省数据局、省工信厅）\n二、保障\n（二）乙。做乙。（省财政厅、省数据局）\n")
    doc = _doc(body)
    assert [(t.path, t.lead_units) for t in doc.tasks] == [("一(一)", ["省数据局"]), ("二(二)", [])]
    assert [u.name for t in doc.tasks for u in t.units] == ["省数据局", "省工信厅", "省财政厅", "省数据局"]
    assert doc.standing_assignments == []


def test_a_cover_sentence_naming_the_annex_tasks_leaves_the_body_parentheticals_without_lead():
    text = ("某市人民政府办公厅关于印发某某行动计划的通知\n某府办〔2025〕3号\n各区人民政府：\n"
            "现将《某某行动计划》印发给你们。行动计划附件所列任务涉及多个责任单位的，排在首位的为牵头单位，其余为配合单位。\n"
            "某市人民政府办公厅\n2025年5月9日\n某某行动计划\n一、任务\n（一）甲。做甲。（市科技局、市海洋发展局）\n"
            "附件：重点任务分工表\n附件\n重点任务分工表\n" + _flat(["序号", "重点任务", "责任单位", "完成时限"],
            ["1", "建设甲平台。", "市工信局、市科技局", "2025年底前"], ["2", "建设乙平台。", "市商务局、市财政局", "2026年底前"]))
    doc = parse_text(text)
    got = {t.path: t.lead_units for d in doc.walk() for t in d.tasks}
    assert got["一(一)"] == []
    assert {p: v for p, v in got.items() if p.startswith("附件")} == {"附件/1": ["市工信局"], "附件/2": ["市商务局"]}
    [rule] = [r for d in doc.walk() for r in d.lead_rules]
    assert (rule.scope, rule.scope_text) == ("annex", "附件所列")


def test_a_responsibility_cell_that_says_who_leads_gives_that_lead():
    text = ("关于某某的若干措施\n一、措施\n（一）甲。做甲。\n附件：重点任务分工\n附件\n重点任务分工\n"
            + _flat(["序号", "重点任务", "责任单位", "完成时限"], ["1", "举办运动会。", "省体育局牵头，省教育厅配合", "2025年3月底前"],
                    ["2", "开展旅游活动。", "省文化和旅游厅、省商务厅", "2025年3月底前"]))
    got = {t.path: (t.lead_units, [(u.name, u.role) for u in t.units]) for d in parse_text(text).walk() for t in d.tasks}
    assert got["附件/1"] == (["省体育局"], [("省体育局", "lead"), ("省教育厅", "participant")])
    assert got["附件/2"][0] == []


def test_a_national_branch_written_in_full_opens_a_running_text_assignment():
    body = "一、任务\n1.强化支撑。市金融发展局、中国人民银行大连市分行要引导金融机构扩大普惠小微贷款投放。\n"
    assert [(t.form, [u.name for u in t.units]) for t in _doc(body).tasks] == [
        ("running_text", ["市金融发展局", "中国人民银行大连市分行"])]


@pytest.mark.parametrize("rule, text", [
    ("首列单位为牵头单位，下同", "首列单位为牵头单位"),
    ("本部分各项任务由责任单位中排序居前的第一家单位牵头，其余单位协同推进。", "由责任单位中排序居前的第一家单位牵头"),
    ("注：责任单位栏中居首的单位负责牵头，其他单位按职责参与。", "居首的单位负责牵头"),
    ("本部分措施的责任单位有两个及以上的，由第一个单位牵头抓总。", "由第一个单位牵头抓总"),
    ("各项任务的责任单位名列第一的承担牵头职责。", "责任单位名列第一的承担牵头职责"),
])
def test_it_reads_rule_wordings_found_in_unseen_batches(rule, text):
    got = match_rule(rule)
    assert got is not None and got[1].group(0) == text


def test_a_single_named_organ_opening_a_yao_sentence_is_a_running_text_task():
    text = ("福建省人民政府办公厅关于印发某方案的通知\n闽政办〔2025〕3号\n各市人民政府：\n现印发给你们。\n福建省人民政府办公厅\n"
            "2025年4月21日\n某方案\n一、任务\n1.拓展渠道。省商务厅、省供销社要支持茶企布局品牌专卖店。\n"
            "2.发挥国企作用。省国资委要推动省属国有企业布局一批重大项目。\n3.加强合作。省文化和旅游厅要会同省商务厅加强与成渝、长三角等客源市场合作。\n"
            "4.压实责任。各地要加强组织领导。\n")
    got = [(t.path, [(u.name, u.role) for u in t.units]) for d in parse_text(text).walk() for t in d.tasks]
    assert got == [("一1", [("省商务厅", "responsible"), ("省供销社", "responsible")]),
                   ("一2", [("省国资委", "responsible")]),
                   ("一3", [("省文化和旅游厅", "lead"), ("省商务厅", "participant")])]


def test_a_person_post_in_brackets_is_no_assignment():
    body = "一、任务\n3.发展社区养老。每年新增床位2000张以上。（养老服务机构负责人为服务安全第一责任人）\n"
    assert _doc(body).tasks == []


def test_a_collective_whose_level_words_wrap_a_bracket_is_one_unit():
    body = "一、任务\n（一）招引企业。推进重大项目落地。（市投资促进局、市商务局、各区、县（市）政府）\n"
    [t] = _doc(body).tasks
    assert [u.name for u in t.units] == ["市投资促进局", "市商务局", "各区、县（市）政府"]


def test_a_mention_in_the_sentence_does_not_hide_the_assignment_that_opens_it():
    body = ("一、保障\n（一）强化统筹。自治区优化营商环境领导小组办公室要加强统筹调度，建立由自治区发展改革委牵头、"
            "自治区有关部门参加的工作机制。\n（二）数据集。由市数据资源局会同市经信局、市科技局，支持龙头企业牵头建设行业数据集。\n")
    got = [(t.path, [(u.name, u.role) for u in t.units]) for t in _doc(body).tasks]
    assert got == [("一(一)", [("自治区优化营商环境领导小组办公室", "responsible")]),
                   ("一(二)", [("市数据资源局", "lead"), ("市经信局", "participant"), ("市科技局", "participant")])]


def test_a_plan_title_keeps_its_period_printed_on_the_next_line():
    doc = parse_text("湖南省人民政府办公厅关于印发《某某三年行动方案（2025—2027年）》的通知\n湘政办发〔2025〕3号\n各市州人民政府：\n"
                     "现印发给你们。\n湖南省人民政府办公厅\n2025年4月21日\n某某三年行动方案\n（2025—2027年）\n一、任务\n")
    assert [e.title for e in doc.enclosed] == ["某某三年行动方案（2025—2027年）"]


def test_ben_bu_fen_xia_tong_covers_the_rest_of_the_part_only():
    body = ("一、重点任务\n（一）甲。做甲。（省发展改革委、省能源局，排名第一的为牵头单位，本部分下同）\n（二）乙。做乙。（省科技厅、省能源局）\n"
            "二、保障措施\n（三）丙。做丙。（省财政厅、省能源局）\n")
    assert _leads(body) == [("一(一)", ["省发展改革委"]), ("一(二)", ["省科技厅"]), ("二(三)", [])]


def test_an_assigning_clause_after_a_comma_is_a_running_text_task():
    body = "一、任务\n（五）加快绿色物流发展。推广新能源物流车，省生态环境厅、省交通运输厅要研究制定减污降碳举措。\n"
    assert [(t.form, [u.name for u in t.units]) for t in _doc(body).tasks] == [
        ("running_text", ["省生态环境厅", "省交通运输厅"])]


def test_a_university_in_a_hui_tong_list_ends_where_the_work_begins():
    body = "一、任务\n（三）建设创新中心。由市科技局会同市经信局、宁波大学建设模具产业创新中心，围绕精密模具攻关。\n"
    assert [[(u.name, u.role) for u in t.units] for t in _doc(body).tasks] == [
        [("市科技局", "lead"), ("市经信局", "participant"), ("宁波大学", "participant")]]


def test_a_rule_with_its_condition_after_a_semicolon_keeps_the_list_before_it():
    body = ("一、任务\n（一）甲。做甲。（省经信厅、省海洋经济发展厅、省科技厅；多个单位的，第一家为牵头单位，下同）\n"
            "（二）乙。做乙。（江津区政府、涪陵区政府按属地负责）\n")
    got = [(t.path, t.lead_units, [u.name for u in t.units]) for t in _doc(body).tasks]
    assert got == [("一(一)", ["省经信厅"], ["省经信厅", "省海洋经济发展厅", "省科技厅"]),
                   ("一(二)", ["江津区政府"], ["江津区政府", "涪陵区政府"])]


def test_rule_wordings_of_batch_eighteen_and_their_scope_words():
    body = ("一、任务\n（一）甲。做甲。（省民政厅、省财政厅按职责分工负责。凡列出多个责任单位的，居首位者负牵头责任，以下各项均照此执行）\n"
            "（二）乙。做乙。（省自然资源厅、省住房城乡建设厅）\n二、措施\n本部分各项任务的责任单位中，排序在前的为主办单位，负责牵头推进，其余为协办单位。\n"
            "（三）丙。做丙。（省水务厅、省财政厅）\n")
    assert _leads(body) == [("一(一)", ["省民政厅"]), ("一(二)", ["省自然资源厅"]), ("二(三)", ["省水务厅"])]


def test_members_named_without_a_body_being_formed_are_an_assignment():
    body = ("一、任务\n1.发展乡村旅游。由市农业农村局牵头，市文化和旅游局、市园林和林业局参加，组织各区（市）开展乡村旅游精品工程建设。\n"
            "2.健全机制。成立工作专班，由市文化和旅游局牵头，市财政局参加。\n")
    got = [(t.path, [(u.name, u.role) for u in t.units]) for t in _doc(body).tasks]
    assert got == [("一1", [("市农业农村局", "lead"), ("市文化和旅游局", "participant"), ("市园林和林业局", "participant")])]


def test_forms_of_batch_nineteen():
    body = ("一、任务\n（一）甲。推动校舍提质改造（省教育厅、省自然资源厅）。\n"
            "（二）乙。由各区县人民政府负责组织群众转移，市应急管理局、市公安局加强指导督促，确保应转尽转。\n"
            "（三）丙。做丙。（各市、自治州人民政府负责）\n")
    got = [(t.path, [(u.name, u.role) for u in t.units]) for t in _doc(body).tasks]
    assert got == [("一(一)", [("省教育厅", "responsible"), ("省自然资源厅", "responsible")]),
                   ("一(二)", [("各区县人民政府", "responsible"), ("市应急管理局", "guide"), ("市公安局", "guide")]),
                   ("一(三)", [("各市、自治州人民政府", "responsible")])]


@pytest.mark.parametrize("scope", ["下同", "下文同", "余同", "全文同", "以下均同", "以下参照执行",
                                   "本方案以下各项任务同", "以下各项措施均同"])  # 葫芦岛 (corpora/genre/heldout148/p01)
def test_every_rest_of_file_scope_word_of_the_rule_data_carries_a_parenthetical_rule_forward(scope):
    body = (f"一、任务\n（一）甲。做甲。（省民政厅、省财政厅，排第一的为牵头单位，{scope}）\n"
            "（二）乙。做乙。（省自然资源厅、省住房城乡建设厅）\n")
    assert _leads(body) == [("一(一)", ["省民政厅"]), ("一(二)", ["省自然资源厅"])]


def test_scope_words_printed_before_their_rule_carry_it_forward():
    # 黄山 (corpora/genre/heldout154/p03): （A、B、C，以下同，均以列第一位的单位为牵头单位）
    body = ("一、任务\n（一）甲。做甲。（省民政厅、省财政厅，以下同，均以列第一位的单位为牵头单位）\n"
            "（二）乙。做乙。（省自然资源厅、省住房城乡建设厅）\n")
    assert _leads(body) == [("一(一)", ["省民政厅"]), ("一(二)", ["省自然资源厅"])]


def test_a_scope_word_that_begins_a_longer_word_is_no_scope():
    body = ("一、任务\n本方案各项任务中，排在第一位的为牵头单位。以下同步推进有关工作。\n"
            "（一）甲。做甲。（省民政厅、省财政厅）\n")
    rules = _doc(body).lead_rules
    assert [(r.text, r.scope_text) for r in rules] == [("排在第一位的为牵头单位", "本方案")]


@pytest.mark.parametrize("wording, leads", [
    ("排位第一的单位系牵头单位", ["省民政厅"]),
    ("排在最前的单位作为牵头单位", ["省民政厅"]),
    ("排在前面的部门负牵头责任", ["省民政厅"]),
    ("牵头部门一律列在首位", ["省民政厅"]),
    ("排名第一的县为牵头县", []),
    ("牵头单位为第一责任单位", []),
])
def test_a_rule_wording_is_read_from_its_parts_not_from_a_list_of_sentences(wording, leads):
    """Rules are composed of word classes (ranking verb, first position, unit noun, copula, lead word):
    wordings no batch has used are read, and a sentence missing a part (a county, not a unit; the 第一
    of 第一责任单位 after the lead) is not."""
    body = f"一、任务\n各项任务所列单位中，{wording}。\n（一）甲。做甲。（省民政厅、省财政厅）\n"
    assert _leads(body) == [("一(一)", leads)]


def test_a_cover_rule_over_the_plan_and_its_annex_covers_the_plans_tasks_too():
    text = ("某省人民政府办公厅关于印发某某实施方案的通知\n某政办发〔2026〕3号\n各市人民政府：\n"
            "《某某实施方案》已经省政府同意，现印发给你们。方案及附件所列任务由多个单位承担的，排序第一的单位为牵头单位。\n"
            "某省人民政府办公厅\n2026年3月1日\n某某实施方案\n一、任务\n（一）甲。做甲。（省民政厅、省财政厅）\n")
    doc = parse_text(text)
    assert [(t.path, t.lead_units) for d in doc.walk() for t in d.tasks] == [("一(一)", ["省民政厅"])]
    assert [(r.scope, r.scope_text) for d in doc.walk() for r in d.lead_rules] == [("document", "方案及附件")]


def test_a_closing_rule_over_the_plans_body_and_its_annex_table_covers_the_tasks_before_it():
    # 本方案正文及附件分工表所列各项任务: the body and the annex's table together, not the annex's table alone
    body = ("一、任务\n（一）甲。做甲。\n责任单位：省民政厅、省财政厅\n四、有关说明\n"
            "本方案正文及附件分工表所列各项任务，凡责任单位有两个及以上的，以排在第一位的单位为牵头单位。\n")
    assert _leads(body) == [("一(一)", ["省民政厅"])]
    # the annex's table alone (附件分工表所列…) leaves the body's tasks without a lead
    assert _leads(body.replace("本方案正文及附件分工表", "附件分工表")) == [("一(一)", [])]


def test_a_rule_in_a_part_headings_brackets_is_no_task_and_covers_its_part():
    # 白山 (corpora/genre/heldout148/p02): the rule names what it speaks of (本部分各项措施) before the rule
    body = ("一、任务\n（一）甲。做甲。（省财政厅、省教育厅负责）\n二、拓展加工（本部分各项措施，责任单位排在首位的为牵头单位）\n"
            "（一）乙。做乙。（省发展改革委、省科技厅）\n")
    doc = _doc(body)
    assert [(t.path, [u.name for u in t.units], t.lead_units) for t in doc.tasks] == [
        ("一(一)", ["省财政厅", "省教育厅"], []), ("二(一)", ["省发展改革委", "省科技厅"], ["省发展改革委"])]


def test_a_list_closed_by_a_comma_before_its_role_words_is_one_assignment():
    # 葫芦岛 (corpora/genre/heldout148/p01): （市商务局、葫芦岛海关、中国银行葫芦岛分行，按职责分工负责）
    body = "一、任务\n（一）甲。做甲。（市商务局、葫芦岛海关、中国银行葫芦岛分行，按职责分工负责）\n"
    assert [(u.name, u.role) for t in _doc(body).tasks for u in t.units] == [
        ("市商务局", "responsible"), ("葫芦岛海关", "responsible"), ("中国银行葫芦岛分行", "responsible")]


def test_a_cover_rule_naming_the_plans_tasks_and_its_annex_table_covers_both():
    text = ("某市人民政府办公室关于印发某某实施方案的通知\n各县（区）人民政府：\n"
            "《某某实施方案》已经市人民政府同意，现印发给你们。方案正文所列各项任务及附件2分工表中，责任单位有两个及以上的，"
            "排在第一位的为牵头单位。\n某市人民政府办公室\n2026年3月1日\n某某实施方案\n一、任务\n（一）甲。做甲。（市民政局、市财政局）\n")
    doc = parse_text(text)
    assert [(t.path, t.lead_units) for d in doc.walk() for t in d.tasks] == [("一(一)", ["市民政局"])]


def test_a_rule_under_an_annex_heading_that_names_the_plans_body_covers_the_body():
    text = ("某某行动计划\n一、任务\n（一）甲。做甲。\n责任单位：州农业农村局、州科技局\n附件1\n有关单位责任分工\n"
            "（方案正文各项行动所列责任单位中，排在首位的为牵头单位，其余为配合单位）\n"
            "州农业农村局：牵头负责统筹推进；负责良种繁育。\n")
    doc = parse_text(text)
    assert [(t.path, t.lead_units) for d in doc.walk() for t in d.tasks] == [("一(一)", ["州农业农村局"])]
    assert [(r.scope, r.declared_in) for d in doc.walk() for r in d.lead_rules] == [("document", "附件1")]


def test_a_rule_over_this_actions_tasks_in_an_actions_heading_covers_that_action_only():
    body = ("二、攻坚行动\n（一）实施景区提质行动。\n1．甲。（州文化旅游广电局、州交通运输局）\n"
            "（二）实施文化赋能行动。本行动各项任务，责任单位排序居首的负责牵头，其余单位配合落实。\n"
            "1．乙。（州委宣传部、州文化旅游广电局）\n三、保障措施\n（一）丙。（州财政局、州文化旅游广电局）\n")
    assert _leads(body) == [("二(一)1", []), ("二(二)1", ["州委宣传部"]), ("三(一)", [])]
    # 本行动计划 is the whole plan, not the item
    assert _leads(body.replace("本行动各项任务", "本行动计划各项任务")) == [
        ("二(一)1", ["州文化旅游广电局"]), ("二(二)1", ["州委宣传部"]), ("三(一)", ["州财政局"])]


def test_forms_of_batches_twenty_to_twenty_three():
    body = ("一、任务\n（一）甲。做甲。（省科技厅、省农业农村厅负责，其中省农业农村厅牵头）\n"
            "（二）乙。市委宣传部、市应急管理局要组织开展宣传活动。\n"
            "（三）丙。省水利厅要会同省政府督查室每年对落实情况进行评估。\n"
            "（四）丁。推动各开发区同步建设。（各县（市）区人民政府、各开发区管委会）\n")
    got = [(t.path, [(u.name, u.role) for u in t.units]) for t in _doc(body).tasks]
    assert got == [("一(一)", [("省科技厅", "participant"), ("省农业农村厅", "lead")]),
                   ("一(二)", [("市委宣传部", "responsible"), ("市应急管理局", "responsible")]),
                   ("一(三)", [("省水利厅", "lead"), ("省政府督查室", "participant")]),
                   ("一(四)", [("各县（市）区人民政府", "responsible"), ("各开发区管委会", "responsible")])]


def test_the_transmitted_document_printed_under_an_annex_label_is_enclosed_with_its_tasks():
    text = ("银川市人民政府办公室关于印发银川市促进某产业发展若干措施的通知\n银政办发〔2026〕31号\n各县（市）区人民政府：\n"
            "《银川市促进某产业发展若干措施》已经市人民政府同意，现印发给你们。\n附件：银川市促进某产业发展若干措施\n"
            "银川市人民政府办公室\n2026年6月12日\n（此件公开发布）\n附件\n银川市促进某产业发展若干措施\n"
            "一、稳定基地\n1.稳定种植面积。落实保护措施。（市农业农村局、市自然资源局）\n")
    doc = parse_text(text)
    assert [e.title for e in doc.enclosed] == ["银川市促进某产业发展若干措施"] and doc.annexes == []
    assert [(t.path, [u.name for u in t.units]) for t in doc.enclosed[0].tasks] == [
        ("一1", ["市农业农村局", "市自然资源局"])]


def test_forms_of_batches_twenty_six_and_twenty_seven():
    body = ("一、任务\n（一）甲。做甲。（责任单位：省商务厅、省财政厅；各项任务均由排序第一的单位牵头，以下不再注明）\n"
            "（二）乙。做乙。（省文化和旅游厅、省广播电视局、江西广播电视台）\n"
            "（三）丙。建立由省文化和旅游厅牵头、省体育局等部门参加的统计监测制度。\n")
    got = [(t.path, [u.name for u in t.units], t.lead_units) for t in _doc(body).tasks]
    assert got == [("一(一)", ["省商务厅", "省财政厅"], ["省商务厅"]),
                   ("一(二)", ["省文化和旅游厅", "省广播电视局", "江西广播电视台"], ["省文化和旅游厅"])]


def test_a_transmitted_document_printed_without_a_title_line_is_enclosed_under_the_name_the_cover_gives_it():
    text = ("四川省人民政府办公厅关于印发《推动某产业高质量发展的若干措施》的通知\n川办发〔2025〕27号\n各市（州）人民政府：\n"
            "《推动某产业高质量发展的若干措施》已经省政府同意，现印发给你们。\n四川省人民政府办公厅\n2025年7月14日\n"
            "为推动某产业高质量发展，制定以下措施。\n一、夯实基础\n1.建设基地。做甲。（省农业农村厅、省商务厅）\n"
            "二、壮大主体\n2.培育企业。做乙。（省商务厅）\n")
    doc = parse_text(text)
    [enc] = doc.enclosed
    assert enc.title == "推动某产业高质量发展的若干措施" and [n.number for n in enc.outline] == ["一", "二"]
    ev = enc.evidence["title"]  # evidence: the name as the cover writes it
    assert text[ev.span.start : ev.span.end] == enc.title
    assert [t.path for t in enc.tasks] == ["一1", "二2"]


def test_a_separator_rule_makes_the_units_before_the_semicolon_lead_in_the_body_and_the_annex_table():
    text = ("合肥市人民政府办公室关于印发某工作要点的通知\n合政办〔2026〕3号\n各县（市）区人民政府：\n"
            "现将《某工作要点》印发给你们。《工作要点》及其附件所列各项任务的责任单位之间用分号隔开的，分号前的单位为牵头单位，分号后的单位为配合单位。\n"
            "合肥市人民政府办公室\n2026年2月1日\n某工作要点\n一、任务\n（一）甲。做甲。（市科技局、市发展改革委；市财政局）\n"
            "（二）乙。做乙。（市数据资源局）\n")
    doc = parse_text(text)
    [rule] = [r for d in doc.walk() for r in d.lead_rules]
    assert (rule.kind, rule.text) == ("separator", "分号前的单位为牵头单位")
    got = [(t.path, [(u.name, u.role) for u in t.units]) for d in doc.walk() for t in d.tasks]
    assert got == [("一(一)", [("市科技局", "lead"), ("市发展改革委", "lead"), ("市财政局", "participant")]),
                   ("一(二)", [("市数据资源局", "lead")])]


def test_forms_of_batches_twenty_eight_and_twenty_nine():
    body = ("一、任务\n（一）甲。支持企业和科研机构牵头或参与制定标准。（市市场监管局、市科技局）\n"
            "（二）乙。昆明海关、省商务厅要优化通关流程。\n"
            "（三）丙。省农业农村厅要会同省直有关部门加强跟踪评估。\n")
    got = [(t.path, [(u.name, u.role) for u in t.units]) for t in _doc(body).tasks]
    assert got == [("一(一)", [("市市场监管局", "responsible"), ("市科技局", "responsible")]),
                   ("一(二)", [("昆明海关", "responsible"), ("省商务厅", "responsible")]),
                   ("一(三)", [("省农业农村厅", "lead")])]


def test_forms_of_batches_thirty_and_thirty_one():
    body = ("一、任务\n（一）甲。做甲。（省商务厅、省财政厅，排序第一的单位为牵头单位，以下各项同）\n"
            "（二）乙。做乙。（省医保局、省卫生健康委）\n"
            "（三）丙。做丙。（市新经济委、市体育局，市新经济委牵头）\n"
            "（四）丁。做丁。（省公安厅、省林业局按照职责分别负责）\n")
    got = [(t.path, [(u.name, u.role) for u in t.units]) for t in _doc(body).tasks]
    assert got == [("一(一)", [("省商务厅", "lead"), ("省财政厅", "participant")]),
                   ("一(二)", [("省医保局", "lead"), ("省卫生健康委", "participant")]),
                   ("一(三)", [("市新经济委", "lead"), ("市体育局", "participant")]),
                   ("一(四)", [("省公安厅", "lead"), ("省林业局", "participant")])]


def test_a_cover_rule_over_the_measures_and_their_attached_table_covers_both():
    text = ("南京市人民政府办公厅关于印发某若干措施的通知\n宁政办发〔2026〕33号\n各区人民政府：\n"
            "现将《某若干措施》印发给你们。《若干措施》及所附分工表中，凡一项任务涉及多个责任单位的，排名第一的单位为牵头单位。\n"
            "南京市人民政府办公厅\n2026年5月12日\n某若干措施\n一、任务\n（一）甲。做甲。（市商务局、南京海关）\n")
    doc = parse_text(text)
    assert [(t.path, t.lead_units) for d in doc.walk() for t in d.tasks] == [("一(一)", ["市商务局"])]


def test_a_list_followed_by_which_of_its_units_is_the_lead_unit():
    body = "一、任务\n（一）甲。做甲。（市大数据局、宁波海关、宁波海事局，市大数据局为牵头单位）\n"
    assert _leads(body) == [("一(一)", ["市大数据局"])]


TWO_DOCUMENTS = """某市人民政府关于印发《某市数字经济行动计划》和《某市支持数字经济发展若干措施》的通知
某府发〔2026〕3号
各县（区）人民政府，市政府各部门：
现将《某市数字经济行动计划》和《某市支持数字经济发展若干措施》印发给你们，请认真贯彻执行。
某市人民政府
2026年3月1日
（此件主动公开）
某市数字经济行动计划
为加快发展数字经济，制定本行动计划。
一、重点任务
（一）壮大电子信息产业。实施强链项目50个以上。（责任单位：市工信局、市发改委，排名第一的为牵头单位，下同）
（二）发展软件产业。培育软件企业。（市科技局、市工信局）
二、保障措施
加强组织领导，确保各项任务落到实处。
某市支持数字经济发展若干措施
为支持数字经济核心产业发展，制定以下措施。
一、支持企业上规。对首次入统企业给予奖励。（市工信局、市统计局按职责分工负责）
二、支持人才引进。发放人才补贴。（市人社局、市财政局）
"""


def test_a_rule_an_enclosed_document_declares_stops_at_the_next_document_it_is_enclosed_with():
    doc = parse_text(TWO_DOCUMENTS)
    plan, measures = doc.enclosed
    assert [t.lead_units for t in plan.tasks] == [["市工信局"], ["市科技局"]]
    assert [t.lead_units for t in measures.tasks] == [[], []]  # the plan's 下同 speaks within the plan


def test_a_policy_redemption_table_assigns_each_clause_to_its_units():
    text = ("附件\n支持措施兑现责任分工表（表中责任单位排名第一的为该项政策兑现牵头单位）\n"
            "序号 | 政策条款 | 兑现方式 | 责任单位 | 兑现时间\n"
            "1 | 第一条 企业营收突破奖励 | 免申即享 | 市工信局、市财政局 | 每年6月底前\n"
            "2 | 第二条 企业上规入统奖励 | | 市统计局、市财政局 |\n")
    ts = [t for d in parse_text(text).walk() for t in d.tasks]
    assert [(t.form, t.lead_units, [u.name for u in t.units]) for t in ts] == [
        ("table", ["市工信局"], ["市工信局", "市财政局"]), ("table", ["市统计局"], ["市统计局", "市财政局"])]


def test_a_note_under_a_table_of_the_body_leads_that_table_only():
    body = ("一、重点任务\n（一）推进节能改造。（市能源局、市住建局）\n二、年度任务清单\n"
            "序号  重点任务  责任单位  完成时限\n1  完成机组改造  市能源局、国网供电公司  2025年12月底前\n"
            "2  新建充电桩  市住建局、市交通运输局  2025年10月底前\n注：表中责任单位有两个及以上的，居首位者为牵头单位。\n"
            "三、保障措施\n（一）强化保障。（市财政局、市发展改革委）\n")
    assert _leads(body) == [("一(一)", []), ("二/1", ["市能源局"]), ("二/2", ["市住建局"]), ("三(一)", [])]


def test_a_note_naming_rows_and_their_lead_overrides_the_tables_rule():
    body = ("附件\n重点任务分工表（责任单位排名第一的为牵头单位）\n序号 | 重点任务 | 责任单位 | 完成时限\n"
            "1 | 建设物流枢纽 | 市商务局、兰州海关 | 2025年底\n2 | 推进通关便利 | 市商务局、兰州海关 | 2025年底\n"
            "注：第2项由兰州海关牵头。\n")
    assert _leads(body) == [("附件/1", ["市商务局"]), ("附件/2", ["兰州海关"])]


def test_a_field_that_names_its_lead_after_the_list_lists_that_unit_once():
    (t,) = [t for d in _doc("（一）推进多式联运。（责任单位：市商务局、市交通运输局、港务区管委会，其中港务区管委会为牵头单位）\n").walk()
            for t in d.tasks]
    assert sorted((u.name, u.role) for u in t.units) == [("市交通运输局", "responsible"), ("市商务局", "responsible"),
                                                         ("港务区管委会", "lead")]
    assert t.lead_units == ["港务区管委会"]


def test_a_rule_declared_after_every_task_over_all_of_them_covers_the_tasks_before_it():
    body = ("一、重点任务\n（一）建设基地。扩大种植面积。（市农业农村局、市自然资源局）\n（二）培育酒庄。（市商务局、市文化旅游广电局）\n"
            "二、保障措施\n（一）压实工作责任。各项任务排在第一位的部门为牵头部门，其他部门为配合部门。\n")
    assert _leads(body) == [("一(一)", ["市农业农村局"]), ("一(二)", ["市商务局"])]


def test_a_field_marks_its_lead_in_brackets_or_says_it_leads_with_huitong():
    body = ("一、重点任务\n（一）建设市场。\n责任单位：县商务局（牵头）、县文化旅游体育局　完成时限：每年12月底前\n"
            "（二）推进转型。\n责任单位：由县工业和信息化局会同县科技局、县市场监督管理局负责　完成时限：2026年12月底前\n")
    ts = [t for d in _doc(body).walk() for t in d.tasks]
    assert [(t.lead_units, [(u.name, u.role) for u in t.units]) for t in ts] == [
        (["县商务局"], [("县商务局", "lead"), ("县文化旅游体育局", "responsible")]),
        (["县工业和信息化局"], [("县工业和信息化局", "lead"), ("县科技局", "participant"), ("县市场监督管理局", "participant")]),
    ]


def test_an_item_says_which_of_its_units_leads_it_against_the_documents_rule():
    body = ("各项任务中列在首位的为牵头单位，其余为协同单位。\n一、重点任务\n"
            "（一）扩大进口。建设集散中心。（责任单位：市商务局、南宁海关、市农业农村局，此项由南宁海关牵头）\n"
            "（二）拓展航空网络。加密国际货运航线，此项由市发展改革委牵头（责任单位：机场集团、市发展改革委、市商务局）\n"
            "（三）推进信息港建设。建设数据中心集群。（责任单位：市数据局、市工业和信息化局）\n")
    assert _leads(body) == [("一(一)", ["南宁海关"]), ("一(二)", ["市发展改革委"]), ("一(三)", ["市数据局"])]


def test_a_note_whose_rule_names_the_units_that_stand_in_front_reads_ju_qian_zhe():
    assert match_rule("责任单位栏列有两个以上单位的，居前者为牵头单位") is not None


def test_the_roles_a_rule_names_are_no_units_of_a_task():
    body = ("一、重点任务\n（一）建设平台。（市科技局、市财政局）\n五、保障措施\n（二）压实工作责任。以上措施中责任单位为多个的，"
            "排序首位的为主办单位，其余为协办单位。主办单位要牵头制定实施细则，协办单位要积极配合。\n")
    doc = _doc(body)
    assert [(t.path, t.lead_units) for d in doc.walk() for t in d.tasks] == [("一(一)", ["市科技局"])]


def test_a_rule_over_the_tasks_above_it_leaves_the_tasks_after_it_alone():
    # 上述重点任务… at the end of part 二: part 三's tasks come after it and lie outside it
    body = ("一、重点任务\n（一）建设园区。（市工业和信息化局、市自然资源和规划局）\n（二）培育企业。（市科技局、市财政局）\n"
            "上述重点任务涉及多个责任单位的，由位次第一的单位牵头抓总，其余单位按职责分工抓好落实。\n"
            "二、保障措施\n（一）强化资金保障。（市财政局、市税务局按职责分工负责）\n")
    assert _leads(body) == [("一(一)", ["市工业和信息化局"]), ("一(二)", ["市科技局"]), ("二(一)", [])]


def test_two_or_more_units_is_a_count_not_the_text_above():
    # 两个及以上 / 两个以上: 以上 counts units there; a cover sentence so worded still covers the whole plan
    body = ("方案明确的各项任务中，责任单位有两个及以上的，由排序第一的单位牵头抓总。\n一、重点任务\n"
            "（一）建设园区。（市工业和信息化局、市自然资源和规划局）\n二、保障措施\n（一）强化资金保障。（市财政局、市税务局）\n")
    assert _leads(body) == [("一(一)", ["市工业和信息化局"]), ("二(一)", ["市财政局"])]


def test_a_rule_that_names_a_chapter_covers_that_chapter_wherever_it_stands():
    body = ("第一章　总则\n第一条　为支持产业发展，制定本办法。\n第二章　支持措施\n"
            "第二条　支持建设加氢站。（责任单位：市能源局、市财政局）\n"
            "第三章　组织保障\n第三条　加强资金监管。（责任单位：市财政局、市审计局按职责分工负责）\n"
            "第四条　本办法第二章所列各项支持措施，责任单位有两个以上的，以位次居首的单位为牵头单位。\n")
    assert _leads(body) == [("第二条", ["市能源局"]), ("第三条", [])]


def test_a_rule_in_a_columns_header_note_leaves_the_column_a_responsible_one():
    # 责任单位（首位为牵头单位）: the column lists the responsible units, its note says the first leads;
    # a unit marked （牵头） leads instead
    body = ("一、重点任务\n（一）建设项目。\n附件\n重点项目清单\n序号 |\n重点项目 |\n责任单位（首位为牵头单位） |\n完成时限 |\n"
            "1 |\n扩能项目 |\n市经济和信息化局、宜宾三江新区管委会 |\n2026年12月底前 |\n"
            "2 |\n储能电站 |\n国网宜宾供电公司、市发展改革委（牵头） |\n2026年9月底前 |\n")
    rows = [t for d in _doc(body).walk() for t in d.tasks if t.form == "table"]
    assert [t.lead_units for t in rows] == [["市经济和信息化局"], ["市发展改革委"]]
    assert [u.role for u in rows[0].units][0] == "lead" and rows[0].lead_basis == "positional"


def test_a_note_under_the_annex_table_that_names_the_plans_body_covers_the_body_too():
    body = ("一、重点任务\n（一）推广交通应用。（市交通运输局、市能源局）\n附件\n重点任务清单\n"
            "序号 | 重点任务 | 责任单位 | 完成时限\n1 | 新增探明储量 | 市能源局、市规划和自然资源局 | 2028年12月底前\n"
            "2 | 建成储气设施 | 市发展改革委 | 2027年6月底前\n"
            "注：方案正文及本表所列各项任务，责任单位有两个及以上的，由居于第一位的单位牵头，其余单位协同落实。\n")
    assert _leads(body) == [("一(一)", ["市交通运输局"]), ("附件/1", ["市能源局"]), ("附件/2", ["市发展改革委"])]


def test_a_rule_that_names_a_range_of_articles_covers_those_articles_only():
    body = ("第一条　为支持产业发展，制定本措施。\n第二条　支持建设种植基地。（市农业农村局、市林业局）\n"
            "第三条　支持建设物流园。（市商务局、市交通运输局）\n"
            "第四条　本措施第二条至第三条所列支持措施，责任单位排在首位的为主责单位，其余为协同单位。\n"
            "第五条　建立政策兑现机制。（市中医药产业发展中心、市财政局）\n")
    assert _leads(body) == [("第二条", ["市农业农村局"]), ("第三条", ["市商务局"]), ("第五条", [])]


def test_a_plan_written_in_articles_assigns_work_in_running_text():
    # 若干措施 is a plan: 由X牵头，Y参与 in its articles is a task (a 办法's articles state standing duties)
    text = ("樟树市人民政府关于印发樟树市支持中医药产业发展若干措施的通知\n各乡镇人民政府：\n现将《樟树市支持中医药产业发展若干措施》印发给你们，请认真贯彻执行。\n"
            "樟树市人民政府\n2026年3月2日\n樟树市支持中医药产业发展若干措施\n第一条　为推动产业发展，制定本措施。\n"
            "第二条　支持现代医药物流发展。由市商务局牵头，市交通运输局、樟树高新区管委会参与，建设现代医药物流园。\n")
    tasks = [t for d in parse_text(text).walk() for t in d.tasks]
    assert [(t.form, t.path, t.lead_units) for t in tasks] == [("running_text", "第二条", ["市商务局"])]


def test_a_star_after_a_units_name_in_a_table_cell_marks_the_lead():
    body = ("一、重点任务\n（一）推进城市更新。\n附件\n重点项目清单\n序号 | 项目名称 | 责任单位 | 完成时限\n"
            "1 | 养老服务设施建设 | 区卫生健康局、区民政局★ | 2026年12月底前\n"
            "2 | 违法建筑整治 | 区综合行政执法局★ | 2026年12月底前\n注：责任单位中加注“★”的为牵头单位。\n")
    rows = [t for d in _doc(body).walk() for t in d.tasks if t.form == "table"]
    assert [(t.lead_units, [u.name for u in t.units]) for t in rows] == [
        (["区民政局"], ["区卫生健康局", "区民政局"]), (["区综合行政执法局"], ["区综合行政执法局"])]  # units as printed


def test_a_rule_naming_a_range_of_items_covers_those_items_and_no_others():
    body = ("一、重点任务\n（一）建设酿酒生态园。（江阳区人民政府、市经济和信息化局）\n（二）培育酒企。（市经济和信息化局、市商务局）\n"
            "（三）拓展市场。（市商务局、市文化广电旅游局）\n"
            "上述第（一）至第（二）项任务，责任单位排列居首者负责牵头，其余单位协同配合；第（三）项任务由所列单位按职责分工各负其责。\n")
    assert _leads(body) == [("一(一)", ["江阳区人民政府"]), ("一(二)", ["市经济和信息化局"]), ("一(三)", [])]


def test_a_rule_naming_a_range_of_parts_covers_those_parts_and_no_others():
    body = ("一、总体要求\n（一）目标。到2028年建成算力枢纽。\n二、夯实算力底座\n（一）扩容数据港。（市数据局、市发展改革委）\n"
            "三、培育算力产业\n（一）招引整机企业。（市工业和信息化局、市投资促进中心）\n四、保障措施\n（一）强化资金保障。（市财政局、市数据局）\n"
            "（二）压实工作责任。本计划第二部分至第三部分所列各项任务，以排序靠前的第一个单位为牵头单位。\n")
    assert _leads(body) == [("二(一)", ["市数据局"]), ("三(一)", ["市工业和信息化局"]), ("四(一)", [])]


def test_a_rule_in_a_tasks_brackets_worded_for_the_whole_plan_covers_the_tasks_before_it():
    body = ("一、重点任务\n（一）扩大种植。（旗农牧局、旗自然资源局）\n（二）推广良种。（旗农牧局、旗科技局；本方案各项任务列有多个责任单位的，"
            "均以排在首位的单位为牵头单位）\n（三）建设仓储。（旗发展和改革委员会、旗供销合作社）\n")
    assert _leads(body) == [("一(一)", ["旗农牧局"]), ("一(二)", ["旗农牧局"]), ("一(三)", ["旗发展和改革委员会"])]


def test_a_rule_whose_scope_says_the_rest_follows_it_covers_every_later_task():
    body = ("一、重点任务\n（一）培育整机企业。（市工业和信息化局、市科技局；最先列出的单位为牵头单位，后文同此）\n"
            "（二）推出首发新品。（市科技局、市商务局）\n")
    assert _leads(body) == [("一(一)", ["市工业和信息化局"]), ("一(二)", ["市科技局"])]


def test_a_table_cell_that_names_its_lead_and_partners_in_fields_gives_them_their_roles():
    body = ("一、重点任务\n（一）推进生态园建设。\n附件\n重点任务分工表\n序号 |\n重点任务 |\n责任单位 |\n完成时限 |\n"
            "1 |\n推进酿酒生态园建设 |\n牵头：江阳区人民政府；配合：市经济和信息化局 |\n2027年12月底前 |\n"
            "2 |\n建设原粮基地 |\n牵头：市农业农村局；配合：叙永县人民政府、古蔺县人民政府 |\n2028年12月底前 |\n")
    tasks = [t for d in _doc(body).walk() for t in d.tasks]
    assert [(t.form, t.lead_units, [(u.name, u.role) for u in t.units]) for t in tasks] == [
        ("table", ["江阳区人民政府"], [("江阳区人民政府", "lead"), ("市经济和信息化局", "participant")]),
        ("table", ["市农业农村局"], [("市农业农村局", "lead"), ("叙永县人民政府", "participant"), ("古蔺县人民政府", "participant")])]


def test_a_rule_naming_two_parts_covers_them_and_not_the_part_between():
    text = ("江阴市人民政府办公室关于印发江阴市新材料产业行动计划的通知\n各镇人民政府：\n"
            "现将《江阴市新材料产业行动计划》印发给你们。《行动计划》第二部分“重点任务”和第四部分“保障措施”所列各项任务，"
            "由排名第一的单位牵头。\n江阴市人民政府办公室\n2026年3月2日\n江阴市新材料产业行动计划\n一、总体要求\n（一）目标。到2028年产值翻番。\n"
            "二、重点任务\n（一）培育龙头企业。（市工信局、市发改委）\n三、重点项目\n（一）建设产业园。（市发改委、市自然资源局）\n"
            "四、保障措施\n（一）强化资金保障。（市财政局、市工信局）\n")
    assert [(t.path, t.lead_units) for d in parse_text(text).walk() for t in d.tasks] == [
        ("二(一)", ["市工信局"]), ("三(一)", []), ("四(一)", ["市财政局"])]


def test_a_rule_that_leaves_items_out_covers_the_rest_of_its_part():
    body = ("一、重点任务\n本部分各项任务，除第（二）项由所列单位按职责分工共同负责外，责任单位排在第一位的为牵头单位。\n"
            "（一）培育企业。（市工信局、市发改委）\n（二）优化环境。（市市场监管局、市工信局）\n（三）扩大开放。（市商务局、市工信局）\n")
    assert _leads(body) == [("一(一)", ["市工信局"]), ("一(二)", []), ("一(三)", ["市商务局"])]


def test_a_rule_over_the_plans_body_leaves_the_annex_table_alone():
    body = ("一、重点任务\n（一）培育企业。（市经信局、市发改局）\n注：本方案正文所列各项任务，责任部门有两个及以上的，排在首位的为牵头部门。\n"
            "附件\n重点项目清单\n序号 | 项目名称 | 责任单位 | 完成时限\n1 | 建设研发中心 | 市科技局、市经信局 | 2027年12月底前\n"
            "2 | 建设产业园 | 市发改局 | 2028年12月底前\n")
    assert _leads(body) == [("一(一)", ["市经信局"]), ("附件/1", []), ("附件/2", [])]


def test_a_rule_over_this_items_work_covers_its_sub_items_only():
    body = ("一、重点任务\n（一）建设基地。\n1.扩大种植。（市农业农村局、市林业局）\n（二）建设交易中心。本项所列各项工作，责任单位有两个及以上的，"
            "由排序第一的单位牵头。\n1.建设交易大厅。（市商务局、市住建局）\n2.建设检测中心。（市市场监管局、市商务局）\n")
    assert _leads(body) == [("一(一)1", []), ("一(二)1", ["市商务局"]), ("一(二)2", ["市市场监管局"])]


def test_two_units_said_to_lead_jointly_both_lead():
    body = "一、重点任务\n（一）加快项目建设。（市发改局、市工信局双牵头，福安经济开发区管委会配合）\n"
    [t] = [t for d in _doc(body).walk() for t in d.tasks]
    assert t.lead_units == ["市发改局", "市工信局"]


def test_a_column_for_the_lead_and_the_partners_parts_them_at_a_slash():
    body = ("一、重点任务\n（一）推进项目。\n附件\n重点任务清单\n序号 | 重点任务 | 牵头单位/配合单位 | 完成时限\n"
            "1 | 建设整车基地 | 十堰经济技术开发区管委会/市发展改革委、市自然资源和规划局 | 2027年12月底前\n"
            "2 | 建设充换电站 | 市城市管理执法委员会 | 2026年12月底前\n")
    rows = [t for d in _doc(body).walk() for t in d.tasks if t.form == "table"]
    assert [(t.lead_units, [(u.name, u.role) for u in t.units]) for t in rows] == [
        (["十堰经济技术开发区管委会"], [("十堰经济技术开发区管委会", "lead"), ("市发展改革委", "participant"),
                                       ("市自然资源和规划局", "participant")]),
        (["市城市管理执法委员会"], [("市城市管理执法委员会", "lead")])]


def test_a_separator_rule_that_says_a_list_without_one_has_no_lead_leaves_such_lists_unled():
    body = ("各项任务的责任单位中，分号前的为牵头单位，分号后的为配合单位；未用分号分隔的，由所列单位按职责分工共同负责。\n一、重点任务\n"
            "（一）保障资源。（市自然资源局；市工业和信息化局、平果市人民政府）\n（二）降低成本。（市发展改革委、市工业和信息化局）\n")
    assert _leads(body) == [("一(一)", ["市自然资源局"]), ("一(二)", [])]


def test_a_separator_rule_whose_other_half_says_unseparated_lists_have_no_lead_keeps_leading_the_separated_ones():
    # 未以分号隔开的…不区分牵头单位和配合单位 is the separator rule's other half, not a rule of its own replacing it
    text = ("某市人民政府关于印发某市若干措施的通知\n各县（市、区）人民政府：\n现将《某市若干措施》印发给你们。"
            "《若干措施》所列责任单位，以分号隔开的，分号前为牵头单位，分号后为配合单位；未以分号隔开的，由所列单位按职责分工共同负责，"
            "不区分牵头单位和配合单位。\n某市人民政府\n2025年7月8日\n某市若干措施\n一、壮大产业规模\n"
            "1.支持龙头企业扩能。对设备投资给予奖补。（市经济和信息化局；市财政局、市发展改革委）\n"
            "2.鼓励企业上规升级。对新入规企业给予奖励。（市经济和信息化局、市统计局）\n")
    got = [(t.path, t.lead_units) for d in parse_text(text).walk() for t in d.tasks]
    assert got == [("一1", ["市经济和信息化局"]), ("一2", [])]


def test_an_item_a_cover_rule_leaves_out_after_the_rule_has_no_lead_from_it():
    text = ("某市人民政府办公室关于印发某市行动方案的通知\n各区县人民政府：\n现将《某市行动方案》印发给你们。"
            "《方案》各项任务后括号内所列单位，排在第一位的为牵头单位，其余为配合单位（第二部分第（三）项除外，该项由所列单位按职责分工分别负责）。\n"
            "某市人民政府办公室\n2025年3月1日\n某市行动方案\n一、总体要求\n到2027年，产业规模翻番。\n二、重点任务\n"
            "（一）建设基地。（市农业农村局、市科技局）\n（二）培育品牌。（市市场监管局、市商务局）\n（三）加强宣传。（市农业农村局、市委宣传部）\n")
    got = [(t.path, t.lead_units) for d in parse_text(text).walk() for t in d.tasks]
    assert got == [("二(一)", ["市农业农村局"]), ("二(二)", ["市市场监管局"]), ("二(三)", [])]


def test_a_rule_printed_as_the_note_under_the_title_covers_the_document():
    text = ("某市绿色低碳工业发展工作要点\n（每项工作后括号内为责任单位，所列单位中居首位者为牵头单位，全文同）\n"
            "为加快推进工业绿色低碳转型，提出如下工作要点。\n一、推进绿色化改造\n1.实施绿色化改造。[市经信局、市发展改革委]\n")
    doc = parse_text(text)
    assert [(r.text, r.scope) for r in doc.lead_rules] == [("居首位者为牵头单位", "document")]
    assert [t.lead_units for t in doc.tasks] == [["市经信局"]]


@pytest.mark.parametrize("plan", ["本行动计划", "本方案", "本实施意见"])
def test_a_rule_under_the_title_that_names_the_plan_first_is_no_task(plan):
    # 晋江 (corpora/genre/heldout158/p01): （本行动计划所列各项任务中，…均以列在首位的单位为牵头单位，其余为配合单位）
    text = (f"某市鞋服产业数字化转型行动计划\n（{plan}所列各项任务中，责任单位为两个及以上的，均以列在首位的单位为牵头单位，"
            "其余为配合单位）\n为加快推动转型，制定本计划。\n一、重点任务\n（一）建设智能工厂。（市工业和信息化局、市科技局）\n")
    doc = parse_text(text)
    assert [(t.path, t.lead_units) for t in doc.tasks] == [("一(一)", ["市工业和信息化局"])]
    assert [r.scope for r in doc.lead_rules] == ["document"]


def test_a_note_under_a_table_that_names_the_lead_column_makes_its_units_lead():
    # 天长 (corpora/genre/heldout171/p01): a Word table pasted with tabs, no 牵头单位 column; the note says which column leads
    table = ("附件\n重点任务分工表\n序号\t工作任务\t责任单位\t配合单位\t时间节点\n"
             "1\t实施智能化改造项目50个\t市经济和信息化局\t市发展和改革委员会\t2027年12月底前\n"
             "2\t建设省级以上研发平台5个\t市科技局\t天长经济开发区管委会\t2026年12月底前\n"
             "注：“责任单位”栏所列单位为牵头单位，“配合单位”栏所列单位协助落实。\n")
    doc = parse_text(HEAD + "一、任务\n（一）甲。做甲。（市财政局）\n" + table)
    rows = [t for d in doc.walk() for t in d.tasks if t.form == "table"]
    assert [(t.lead_units, t.lead_basis) for t in rows] == [(["市经济和信息化局"], "explicit"), (["市科技局"], "explicit")]
    # the units in the order the row prints them: 责任单位, then 配合单位
    assert [[(u.name, u.role) for u in t.units] for t in rows][0] == [("市经济和信息化局", "lead"), ("市发展和改革委员会", "participant")]
    # 罗源 (corpora/genre/heldout271/p03): …栏所列单位均为牵头单位, every unit of the column (two in one row) leading
    many = table.replace("市经济和信息化局\t市发展", "市经济和信息化局、市商务局\t市发展").replace("所列单位为牵头单位", "所列单位均为牵头单位")
    rows = [t for d in parse_text(HEAD + "一、任务\n（一）甲。做甲。（市财政局）\n" + many).walk() for t in d.tasks if t.form == "table"]
    assert [t.lead_units for t in rows] == [["市经济和信息化局", "市商务局"], ["市科技局"]]


def test_a_no_order_note_in_a_bracket_of_its_own_after_names_that_assign_nothing_is_no_rule():
    # 罗源 / 宝应 (corpora/genre/heldout271): 链主企业（排名不分先后） speaks of companies, not of the tasks' units; the
    # cover's first-unit rule still covers the plan
    body = ("一、重点任务\n（一）培育链主。重点培育宝钢德盛、鼎信实业等链主企业（排名不分先后），带动配套企业。\n"
            "（二）建设园区。（县工业和信息化局、县商务局）\n")
    assert _leads("本方案所列任务，责任单位排在第一位的为牵头单位。\n" + body) == [("一(二)", ["县工业和信息化局"])]


def test_a_unit_list_closed_by_its_own_no_order_note_is_a_task_with_no_lead_under_any_rule():
    # 南湖 (corpora/genre/heldout263/p03): （区财政局、区文广旅体局、区商务局，排名不分先后）
    body = ("一、重点任务\n（一）建设场馆。（区文广旅体局、区财政局，排在第一位的为牵头单位，下同）\n"
            "（二）发放消费券。（区财政局、区文广旅体局、区商务局，排名不分先后）\n（三）办节会。（区商务局、区财政局）\n")
    assert _leads(body) == [("一(一)", ["区文广旅体局"]), ("一(二)", []), ("一(三)", ["区商务局"])]
    [t] = [t for t in _doc(body).tasks if t.path == "一(二)"]
    assert [u.name for u in t.units] == ["区财政局", "区文广旅体局", "区商务局"]


def test_a_rule_naming_a_first_and_a_second_lead_unit_makes_both_lead():
    # 连江 (corpora/genre/heldout271/p02): 排名第一的为第一牵头单位，排名第二的为第二牵头单位，其余为配合单位
    body = ("一、重点任务\n本部分各项任务所列责任单位，排名第一的为第一牵头单位，排名第二的为第二牵头单位，其余为配合单位。\n"
            "（一）建设基地。（县海洋与渔业局、县自然资源和规划局、县财政局）\n二、保障\n（一）做保障。（县财政局、县商务局）\n")
    assert _leads(body) == [("一(一)", ["县海洋与渔业局", "县自然资源和规划局"]), ("二(一)", [])]


def test_a_rule_for_its_part_and_every_part_after_it_covers_them_and_not_the_parts_before():
    # 萧山 (corpora/genre/heldout176/p02): 本部分及以下各部分所列任务…排在第一位的为牵头单位, opening part 三
    body = ("一、甲\n（一）做甲。（区财政局、区市场监管局）\n二、乙\n（一）做乙。（区经信局、区科技局）\n"
            "三、丙\n本部分及以下各部分所列任务，责任单位有两个以上的，排在第一位的为牵头单位。\n（一）做丙。（区商务局、区财政局）\n"
            "四、丁\n（一）做丁。（区人力社保局、区教育局）\n")
    assert _leads(body) == [("一(一)", []), ("二(一)", []), ("三(一)", ["区商务局"]), ("四(一)", ["区人力社保局"])]


def test_a_unit_named_after_the_list_with_its_own_qiantou_is_the_lead_not_the_whole_list():
    # 泊头 (corpora/genre/heldout187/p03): （市商务局、泊头经济开发区管委会，市投资促进中心牵头）, an explicit lead beating the rule
    body = "各项任务排在第一位的为牵头单位。\n一、任务\n（一）招引项目。每年引进亿元以上项目10个。（市商务局、泊头经济开发区管委会，市投资促进中心牵头）\n"
    [t] = [t for d in _doc(body).walk() for t in d.tasks]
    assert t.lead_units == ["市投资促进中心"]
    assert [u.name for u in t.units] == ["市商务局", "泊头经济开发区管委会", "市投资促进中心"]


def test_beside_a_separator_rule_a_list_of_one_unit_leads_when_the_rule_says_so():
    body = ("各项任务所列责任单位，用分号隔开的，分号前为牵头单位，分号后为配合单位；只列一个单位的，由该单位牵头；"
            "列有多个单位但未用分号隔开的，由各单位按职责分工共同负责。\n一、重点任务\n"
            "（一）引进项目。（市招商中心；市商务局）\n（二）培育企业。（市委金融办）\n（三）建设平台。（市经信局、市科技局）\n")
    assert _leads(body) == [("一(一)", ["市招商中心"]), ("一(二)", ["市委金融办"]), ("一(三)", [])]


def test_a_part_that_says_its_lists_have_no_lead_in_few_words_keeps_them_unled():
    body = ("各项任务排在第一位的为牵头单位。\n一、重点任务\n（一）建设基地。（市农业农村局、市科技局）\n"
            "二、保障措施\n（一）加强协调。（市发改委、市财政局）\n本部分各项任务由所列单位共同负责，不分牵头配合。\n")
    assert _leads(body) == [("一(一)", ["市农业农村局"]), ("二(一)", [])]


def test_a_rule_that_names_a_second_lead_makes_the_second_listed_unit_lead_too():
    body = ("本方案所列各项任务，责任单位排名第一的单位为牵头单位，排名第二的单位为第二牵头单位，其余单位为配合单位。\n一、重点任务\n"
            "（一）建设基地。（市科技局、市发展改革委、市教育局）\n（二）培育企业。（市工信局）\n")
    assert _leads(body) == [("一(一)", ["市科技局", "市发展改革委"]), ("一(二)", ["市工信局"])]


def test_two_tables_of_one_annex_number_their_rows_apart_and_a_note_under_the_second_covers_it_only():
    text = ("某市实施方案\n一、重点任务\n（一）建设基地。（市科技局）\n附件\n重点任务和项目表\n表1 重点任务表\n"
            "序号 | 重点任务 | 责任单位 | 完成时限 |\n1 | 建设研发中心 | 市科技局、市工信局 | 2026年底前 |\n"
            "2 | 建设检测平台 | 市市场监管局、市工信局 | 2026年底前 |\n表2 重点项目表\n"
            "序号 | 项目名称 | 责任单位 | 建设期限 |\n1 | 钛材产业园 | 高新区管委会、市工信局 | 2025—2027年 |\n"
            "2 | 钛合金项目 | 陈仓区人民政府、市商务局 | 2025—2026年 |\n注：表中排名第一的为牵头单位。\n")
    got = sorted((t.path, t.lead_units) for t in parse_text(text).tasks if t.form == "table")
    assert got == [("附件表1/1", []), ("附件表1/2", []), ("附件表2/1", ["高新区管委会"]), ("附件表2/2", ["陈仓区人民政府"])]


def test_the_plans_tasks_named_without_ben_still_name_the_whole_plan():
    # 方案中各项任务 in the last part, with tasks before it and after it: the whole plan
    body = ("一、重点任务\n（一）建设基地。责任单位：市农业农村局、市科技局；完成时限：2027年12月底前。\n二、保障措施\n"
            "（一）加强组织领导。方案中各项任务已明确牵头单位的，由牵头单位负总责；仅列责任单位的，以列在首位的单位为牵头单位。\n"
            "（二）营造氛围。责任单位：市委宣传部、市文化局；完成时限：持续推进。\n")
    assert _leads(body) == [("一(一)", ["市农业农村局"]), ("二(二)", ["市委宣传部"])]


def test_a_cover_rule_naming_one_numbered_annex_covers_that_annex_only():
    text = ("石嘴山市人民政府办公室关于印发石嘴山市固废利用实施方案的通知\n各县（区）人民政府：\n"
            "现将《石嘴山市固废利用实施方案》印发给你们。方案附件2所列重点项目，责任单位有两个及以上的，以排列第一位的单位为项目牵头单位。\n"
            "石嘴山市人民政府办公室\n2026年3月5日\n石嘴山市固废利用实施方案\n一、重点任务\n（一）推进综合利用。（市工业和信息化局、市发展改革委）\n"
            "附件1\n重点任务清单\n序号 | 重点任务 | 责任单位 | 完成时限\n1 | 建设利用基地 | 市工业和信息化局、市生态环境局 | 2027年12月底前\n"
            "2 | 推广新型建材 | 市住房和城乡建设局、市工业和信息化局 | 2027年12月底前\n"
            "附件2\n重点项目清单\n序号 | 项目名称 | 责任单位 | 建设年限\n1 | 粉煤灰综合利用项目 | 惠农区人民政府、市工业和信息化局 | 2026—2027年\n"
            "2 | 脱硫石膏建材项目 | 平罗县人民政府、市发展改革委 | 2026—2028年\n")
    got = sorted((t.path, t.lead_units) for d in parse_text(text).walk() for t in d.tasks)
    assert got == [("一(一)", []), ("附件1/1", []), ("附件1/2", []), ("附件2/1", ["惠农区人民政府"]), ("附件2/2", ["平罗县人民政府"])]


def test_a_rule_naming_a_part_by_its_quoted_title_covers_that_part_wherever_it_is_declared():
    # genre batch 67: declared in the last part, about “重点任务” (part 二) only; part 三 stays unled
    body = ("一、总体要求\n到2027年，产业规模达到500亿元。\n二、重点任务\n（一）发展芯片。（区科委、区经委）\n"
            "三、应用场景\n（一）建设示范区。（区交通委、嘉定公安分局）\n四、保障措施\n"
            "（一）明确责任分工。“重点任务”部分所列各项工作，涉及两个及以上责任单位的，牵头单位为排在第一位的单位。\n")
    assert _leads(body) == [("二(一)", ["区科委"]), ("三(一)", [])]
    (rule,) = _doc(body).lead_rules
    assert (rule.scope, rule.declared_in) == ("section", "四(一)")


def test_a_rule_naming_its_part_inside_the_last_parenthetical_covers_the_whole_part():
    # genre batch 66: 本部分所列各项任务… in the brackets of the part's last task looks back over the part
    body = ("一、重点任务\n（一）引进项目。（漳河新区管委会、市经信局）\n（二）培育企业。（市经信局、市科技局）\n"
            "（三）扩大开放。（市商务局、荆门海关；本部分所列各项任务，均以排在首家的单位为牵头单位，其余单位配合落实）\n"
            "二、保障措施\n（一）加强保障。（市财政局、市委金融办）\n")
    assert _leads(body) == [("一(一)", ["漳河新区管委会"]), ("一(二)", ["市经信局"]), ("一(三)", ["市商务局"]), ("二(一)", [])]
    assert [u.name for u in _doc(body).tasks[2].units] == ["市商务局", "荆门海关"]


def test_a_note_column_naming_the_lead_beats_the_positional_rule():
    text = ("漯河市人民政府办公室关于印发漯河市食品产业行动计划的通知\n各县区人民政府：\n现将《漯河市食品产业行动计划》印发给你们。\n"
            "漯河市人民政府办公室\n2026年3月5日\n漯河市食品产业行动计划\n一、重点任务\n"
            "（一）完善冷链体系。建立追溯体系。（市农业农村局、市市场监督管理局，2026年底前完成）\n附件\n重点项目表\n"
            + _flat(["序号", "重点任务", "责任单位", "完成时限", "备注"],
                    ["1", "建设肉制品加工项目", "市工业和信息化局、郾城区人民政府", "2027年12月底前", "纳入省重点项目"],
                    ["2", "建设冷链配送中心", "市农业农村局、市商务局、郾城区人民政府", "2026年12月底前", "市商务局牵头"])
            + "注：责任单位栏列有两个及以上单位的，除备注栏注明牵头单位的外，以排在首位的单位为牵头单位。\n")
    got = sorted((t.path, [u.name for u in t.units], t.lead_units) for d in parse_text(text).walk() for t in d.tasks)
    assert got == [("一(一)", ["市农业农村局", "市市场监督管理局"], []),
                   ("附件/1", ["市工业和信息化局", "郾城区人民政府"], ["市工业和信息化局"]),
                   ("附件/2", ["市农业农村局", "市商务局", "郾城区人民政府"], ["市商务局"])]


def test_zheng_wen_xia_tong_carries_a_rule_through_the_body_but_not_into_the_annex():
    body = ("一、任务\n（一）甲。做甲。（省教育厅、省科技厅，所列第一家单位为牵头单位，正文下同）\n"
            "（二）乙。做乙。（省财政厅、省教育厅）\n附件：任务分工表\n附件\n任务分工表\n"
            "序号 | 重点任务 | 责任单位 | 完成时限\n1 | 建设平台 | 省政务局、省财政厅 | 2026年底前\n"
            "2 | 开放数据 | 省统计局、省政务局 | 2026年底前\n")
    doc = _doc(body)
    assert [(t.form, t.lead_units) for d in doc.walk() for t in d.tasks] == [
        ("parenthetical", ["省教育厅"]), ("parenthetical", ["省财政厅"]), ("table", []), ("table", [])]
    assert [(r.scope, r.scope_text) for r in doc.lead_rules] == [("document", "正文下同")]


def test_a_part_that_says_its_lists_have_no_lead_keeps_the_document_rule_out():
    body = ("各项任务凡列有两个及以上责任单位的，由排位最前的单位牵头。\n一、重点任务\n（一）甲。做甲。（省教育厅、省科技厅）\n"
            "二、保障措施\n本部分所列各项工作，除已明确牵头单位的外，不区分牵头单位和配合单位，由所列单位按照职责分工分别负责。\n"
            "（一）乙。做乙。（省财政厅、省教育厅）\n（二）丙。做丙。（省发展改革委牵头，省财政厅配合）\n")
    doc = _doc(body)
    assert [(t.path, t.lead_units) for t in doc.tasks] == [
        ("一(一)", ["省教育厅"]), ("二(一)", []), ("二(二)", ["省发展改革委"])]
    assert [(r.kind, r.scope) for r in doc.lead_rules] == [("positional", "document"), ("none", "section")]


def test_a_note_under_the_last_annex_table_that_names_every_annex_leads_the_earlier_tables_too():
    table = ("序号 | 工作任务 | 责任单位 | 完成时限\n1 | 建设平台 | 省政务局、省财政厅 | 2026年底前\n"
             "2 | 开放数据 | 省统计局、省政务局 | 2026年底前\n")
    body = ("一、任务\n见附件。\n附件：1．任务清单\n2．项目清单\n附件1\n任务清单\n" + table + "附件2\n项目清单\n" + table
            + "注：附件1、附件2所列事项，责任单位有两个及以上的，排序居前的第一个单位为牵头单位。\n")
    doc = _doc(body)
    assert [(t.path, t.lead_units) for d in doc.walk() for t in d.tasks if t.form == "table"] == [
        ("附件1/1", ["省政务局"]), ("附件1/2", ["省统计局"]), ("附件2/1", ["省政务局"]), ("附件2/2", ["省统计局"])]


def test_a_unit_cell_closed_by_a_bracket_naming_its_lead_gives_that_lead_over_the_tables_rule():
    body = ("一、任务\n见附件。\n附件：任务分工表\n附件\n任务分工表\n序号 | 重点任务 | 责任单位 | 完成时限\n"
            "1 | 建设模组项目 | 北海高新区管委会、市商务局（市商务局牵头） | 2027年底前\n"
            "2 | 建设平台 | 市工业和信息化局、市科技局 | 2027年底前\n"
            "注：责任单位栏括号内注明牵头单位的，以注明的单位为牵头单位；未注明的，以列于最前的单位为牵头单位。\n")
    rows = [t for d in _doc(body).walk() for t in d.tasks if t.form == "table"]
    assert [([u.name for u in t.units], t.lead_units, t.lead_basis) for t in rows] == [
        (["北海高新区管委会", "市商务局"], ["市商务局"], "explicit"),
        (["市工业和信息化局", "市科技局"], ["市工业和信息化局"], "positional")]


def test_a_rule_in_a_field_labels_brackets_leads_from_that_line_on_and_a_deadline_field_may_come_first():
    body = ("一、任务\n（一）甲\n1.做甲。\n责任单位：省教育厅、省科技厅；完成时限：2027年底前\n"
            "2.做乙。\n责任单位（第一家为牵头单位，下同）：省农业农村厅、省财政厅；完成时限：2027年底前\n"
            "3.做丙。\n完成时限：2026年12月底前；责任单位：省文化和旅游厅、省商务厅\n")
    doc = _doc(body)
    assert [(t.path, t.lead_units, t.assignment_text) for t in doc.tasks] == [
        ("一(一)1", [], "责任单位：省教育厅、省科技厅；完成时限：2027年底前"),
        ("一(一)2", ["省农业农村厅"], "责任单位（第一家为牵头单位，下同）：省农业农村厅、省财政厅；完成时限：2027年底前"),
        ("一(一)3", ["省文化和旅游厅"], "完成时限：2026年12月底前；责任单位：省文化和旅游厅、省商务厅")]
    assert doc.tasks[2].deadline is not None


def test_a_rule_saying_units_are_listed_lead_first_covers_its_part():
    body = ("一、重点任务\n实施以下任务（本部分所列任务的责任单位，均按先牵头、后配合的顺序排列）。\n"
            "（一）甲。做甲。（省教育厅、省科技厅）\n二、保障措施\n（一）乙。做乙。（省财政厅、省教育厅）\n")
    assert [(t.path, t.lead_units) for t in _doc(body).tasks] == [("一(一)", ["省教育厅"]), ("二(一)", [])]


def test_a_document_rule_that_leaves_a_named_part_out_covers_every_other_part():
    body = ("本方案所列各项工作（第三部分“保障措施”除外），凡涉及两个及以上责任单位的，均以排在最前的单位为牵头单位。\n"
            "一、甲\n（一）做甲。（省教育厅、省科技厅）\n二、乙\n（一）做乙。（省财政厅、省教育厅）\n"
            "三、保障措施\n（一）做丙。（省发展改革委、省财政厅）\n")
    doc = _doc(body)
    assert [(t.path, t.lead_units) for t in doc.tasks] == [
        ("一(一)", ["省教育厅"]), ("二(一)", ["省财政厅"]), ("三(一)", [])]
    assert [(r.scope, r.scope_text) for r in doc.lead_rules] == [("document", "本方案")]


@pytest.mark.parametrize("rule, text", [
    ("first-takes-the-lead", "本部分各项任务后括号中的责任单位，居前者牵头，居后者配合。"),
    ("lead-is-listed-first", "方案及其附件所列各项任务，凡明确两家以上责任单位的，均以领衔单位居首，其余为协同单位。"),
])
def test_rule_wordings_of_batch_seventy(rule, text):
    spec, _ = match_rule(text)
    assert spec.id == rule


def test_yi_xia_lei_tui_carries_a_parenthetical_rule_forward():
    body = ("一、任务\n（一）甲。做甲。（省商务厅、省发展改革委，以排在最前面的单位为牵头单位，以下类推）\n"
            "（二）乙。做乙。（省交通运输厅、省商务厅）\n")
    assert [(t.path, t.lead_units) for t in _doc(body).tasks] == [("一(一)", ["省商务厅"]), ("一(二)", ["省交通运输厅"])]


def test_a_sentence_that_gives_roles_itself_is_a_task_beside_its_items_parenthetical():
    body = ("二、重点任务\n（一）完善配套产业链。提高本地配套率。市科技局要会同市工业和信息化局编制技术图谱。（市工业和信息化局、市科技局）\n"
            "（二）加强安全管理。由市住房城乡建设局负责，市消防救援支队、市应急管理局配合，做好消防审查。（市应急管理局）\n"
            "（三）推动项目建设。市发展改革局要加快审批。（市发展改革局、市商务局）\n")
    ts = _doc(body).tasks
    assert [(t.path, t.form, [(u.name, u.role) for u in t.units]) for t in ts] == [
        ("二(一)", "running_text", [("市科技局", "lead"), ("市工业和信息化局", "participant")]),
        ("二(一)", "parenthetical", [("市工业和信息化局", "responsible"), ("市科技局", "responsible")]),
        ("二(二)", "running_text", [("市住房城乡建设局", "responsible"), ("市消防救援支队", "participant"),
                                    ("市应急管理局", "participant")]),
        ("二(二)", "parenthetical", [("市应急管理局", "responsible")]),
        ("二(三)", "parenthetical", [("市发展改革局", "responsible"), ("市商务局", "responsible")])]  # a 要-sentence: the item's


def test_a_rule_naming_the_items_it_covers_by_number_leads_those_items_only():
    body = ("二、重点任务\n以下第1项至第2项任务，责任单位中排在首位的为主抓单位，其余为参与单位；第3项任务由所列单位按照各自职责共同推进。\n"
            "1.做甲。（省商务厅、省发展改革委）\n2.做乙。（省交通运输厅、省商务厅）\n3.做丙。（省财政厅、省教育厅）\n")
    assert [(t.path, t.lead_units) for t in _doc(body).tasks] == [("二1", ["省商务厅"]), ("二2", ["省交通运输厅"]), ("二3", [])]


def test_a_part_rule_naming_the_second_unit_the_lead_overrides_the_document_rule_there():
    body = ("各项任务凡列有两个及以上责任单位的，排在第一位的为牵头单位。\n一、重点任务\n（一）甲。做甲。（省教育厅、省科技厅）\n"
            "二、属地任务\n本部分各项任务由各县（市、区）人民政府和省直部门共同承担，排在首位的为属地责任主体，排在第二位的为牵头单位。\n"
            "（一）乙。做乙。（许昌县人民政府、省财政厅、省教育厅）\n")
    doc = _doc(body)
    assert [(t.path, t.lead_units) for t in doc.tasks] == [("一(一)", ["省教育厅"]), ("二(一)", ["省财政厅"])]
    assert [(r.position, r.scope) for r in doc.lead_rules] == [(1, "document"), (2, "section")]


def test_a_parenthetical_may_open_with_its_deadline_or_close_with_a_yearly_one():
    body = ("一、任务\n（一）拓展市场。新增出口备案果园50个。（2026年12月底前完成；运城海关牵头，市商务局配合）\n"
            "（二）扩大保险。实现应保尽保。（市财政局、市果业发展中心，每年持续推进）\n")
    ts = _doc(body).tasks
    assert [([(u.name, u.role) for u in t.units], t.deadline is not None) for t in ts] == [
        ([("运城海关", "lead"), ("市商务局", "participant")], True),
        ([("市财政局", "responsible"), ("市果业发展中心", "responsible")], True)]


def test_a_rule_over_the_annex_and_the_body_named_annex_first_covers_both():
    body = ("一、任务\n（一）做甲。（省教育厅、省科技厅）\n二、保障\n本方案附件及正文所列各项任务，由多个单位共同承担的，排在第一位的为主责单位。\n"
            "附件：任务分工表\n附件\n任务分工表\n序号 | 重点任务 | 责任单位 | 完成时限\n"
            "1 | 建设平台 | 省政务局、省财政厅 | 2026年底前\n2 | 开放数据 | 省统计局、省政务局 | 2026年底前\n")
    doc = _doc(body)
    assert [(t.form, t.lead_units) for d in doc.walk() for t in d.tasks] == [
        ("parenthetical", ["省教育厅"]), ("table", ["省政务局"]), ("table", ["省统计局"])]


def test_a_deadline_field_on_its_own_line_after_stacked_unit_fields_is_the_tasks_deadline():
    # 焦作's layout (corpora/genre/heldout91/p01): 牵头单位 / 配合单位 / 完成时限 one field a line under each item
    body = ("一、任务\n（一）做强基地。\n1.建设种质资源圃。\n牵头单位：市农业农村局\n配合单位：市科技局、市市场监管局\n"
            "完成时限：2026年6月底前\n2.完善设施。\n责任单位：市水利局\n\n完成时限：持续推进\n")
    ts = [t for d in _doc(body).walk() for t in d.tasks]
    assert [(t.path, t.assignment_text, t.lead_units, t.deadline and t.deadline.text) for t in ts] == [
        ("一(一)1", "牵头单位：市农业农村局 配合单位：市科技局、市市场监管局", ["市农业农村局"], "2026年6月底前"),
        ("一(一)2", "责任单位：市水利局", [], "持续推进")]


def test_two_units_that_gong_tong_qian_tou_both_lead_and_a_collective_after_dui_is_no_unit():
    body = ("一、保障措施\n（一）加强统计。由市旅游和文化广电体育局、市统计局共同牵头，建立统计监测制度。\n"
            "（二）强化考核。县农业农村局要会同县统计局建立统计制度，年底对各乡（镇）和有关部门落实情况进行考核。\n")
    ts = [t for d in _doc(body).walk() for t in d.tasks]
    assert [([u.name for u in t.units], t.lead_units) for t in ts] == [
        (["市旅游和文化广电体育局", "市统计局"], ["市旅游和文化广电体育局", "市统计局"]),
        (["县农业农村局", "县统计局"], ["县农业农村局"])]


def test_a_note_after_the_last_item_naming_every_measure_covers_every_item_above_it():
    # 商丘's 若干措施 (corpora/genre/heldout96/p03): items （一）… under the title, the rule a 注 after the last one
    body = ("（一）建设枢纽。完善枢纽布局。（责任单位：市交通运输局、市发展改革委）\n"
            "（二）强化保障。加强用地保障。（责任单位：市自然资源和规划局、市财政局）\n"
            "本措施自2025年8月1日起施行。\n注：各条措施所列责任单位，首列单位负责牵头推进，其他单位配合落实。\n")
    assert _leads(body) == [("(一)", ["市交通运输局"]), ("(二)", ["市自然资源和规划局"])]


def test_a_hui_tong_clause_before_a_you_x_qian_tou_clause_in_one_sentence_is_a_task_of_its_own():
    # 廊坊's 工作方案 (corpora/genre/heldout97/p02)
    body = "一、保障措施\n（一）加强金融支持。市委金融办要会同中国人民银行廊坊市分行引导金融机构开发产品，由廊坊金融监管分局牵头开展融资对接活动。\n"
    assert _leads(body) == [("一(一)", ["市委金融办"]), ("一(一)", ["廊坊金融监管分局"])]


def test_a_covers_rule_over_the_body_of_the_plan_it_issues_covers_that_plan_not_the_cover_alone():
    # 黄冈's cover (corpora/genre/heldout109/p03): 《行动计划》正文所列各项任务… while the plan stands under 附件1
    text = ("某市人民政府办公室关于印发某市行动计划的通知\n各县（市、区）人民政府：\n"
            "现将《某市行动计划》印发给你们，请认真组织实施。《行动计划》正文所列各项任务，排在首位的责任单位为牵头单位，其余为配合单位。\n"
            "附件：1.某市行动计划\n2.重点任务分工表\n某市人民政府办公室\n2025年3月1日\n附件1\n某市行动计划\n一、重点任务\n"
            "（一）建设基地。推进基地建设。（市农业农村局、蕲春县人民政府）\n（二）加强研发。开展产品研发。（市科技局、市教育局）\n")
    assert [(t.path, t.lead_units) for d in parse_text(text).walk() for t in d.tasks] == [
        ("一(一)", ["市农业农村局"]), ("一(二)", ["市科技局"])]


def test_a_heading_rule_for_its_part_and_the_parts_after_it_covers_them_and_assigns_nothing():
    # 江宁 (corpora/genre/heldout206/p03): 三、…（本部分及以后各部分所列任务，责任单位列首位的为牵头单位）; 单位列首位 is read
    # as 列首位 (the rank word 位列 does not start inside 单位)
    body = ("一、总体要求\n做好工作。\n二、实施行动\n（一）治理污染。开展治理。（区水务局、区生态环境局）\n"
            "三、实施创新行动（本部分及以后各部分所列任务，责任单位列首位的为牵头单位）\n（一）建设平台。完善设施。（区发改委、区科技局）\n"
            "四、保障措施\n（一）加强宣传。开展宣传。（区委宣传部、区文旅局）\n")
    assert _leads(body) == [("二(一)", []), ("三(一)", ["区发改委"]), ("四(一)", ["区委宣传部"])]
    assert [(r.text, r.scope, r.declared_in) for r in _doc(body).lead_rules] == [("列首位的为牵头单位", "document", "三")]


def test_a_note_on_the_lead_column_lets_only_the_first_unit_of_a_cell_lead():
    # 桐庐 (corpora/genre/heldout201/p02): 注：牵头单位栏中列有多个单位的，排在第一位的为牵头单位，其余为配合单位
    body = ("一、重点任务\n做好工作。\n附件\n重点任务分工表\n序号|重点任务|牵头单位|配合单位|完成时限\n"
            "1|推动机器换人|县经信局、分水镇人民政府|县财政局|2026年6月底前\n2|建设服务平台|县经信局|县科技局|2026年12月底前\n"
            "注：牵头单位栏中列有多个单位的，排在第一位的为牵头单位，其余为配合单位。\n")
    tasks = [t for d in _doc(body).walk() for t in d.tasks if t.form == "table"]
    assert [(t.path, t.lead_units, [(u.name, u.role) for u in t.units]) for t in tasks] == [
        ("附件/1", ["县经信局"], [("县经信局", "lead"), ("分水镇人民政府", "participant"), ("县财政局", "participant")]),
        ("附件/2", ["县经信局"], [("县经信局", "lead"), ("县科技局", "participant")])]


def test_a_rule_closing_an_items_sentence_on_a_colon_covers_the_items_under_it_and_no_more():
    # 侯马 (corpora/genre/heldout210/p02): （二）提升口岸服务功能。以下各项任务，所列第一个单位为牵头单位：
    body = ("一、重点任务\n（一）建设枢纽。完善设施。（市交通运输局、市发展和改革局）\n"
            "（二）提升口岸服务功能。以下各项任务，所列第一个单位为牵头单位：\n1.推进通关便利化。（侯马海关、市商务局）\n"
            "2.建设查验场地。（市商务局、市财政局）\n（三）发展多式联运。开通班列。（市交通运输局、侯马北车务段）\n")
    assert _leads(body) == [("一(一)", []), ("一(二)1", ["侯马海关"]), ("一(二)2", ["市商务局"]), ("一(三)", [])]


def test_a_part_whose_heading_says_its_units_are_not_told_apart_has_no_lead_under_an_earlier_rule():
    # 高平 (corpora/genre/heldout210/p01): 三、…（本部分各项任务由所列单位共同负责，不再区分牵头单位和配合单位）
    body = ("一、重点任务\n（一）改造梨园。推广技术。（市农业农村局、市林业局，排在第一位的为牵头单位，以下同）\n"
            "（二）建设基地。完善设施。（市农业农村局、市财政局）\n二、推进品牌营销（本部分各项任务由所列单位共同负责，不再区分牵头单位和配合单位）\n"
            "（一）培育品牌。开展推介。（市商务局、市农业农村局）\n")
    assert _leads(body) == [("一(一)", ["市农业农村局"]), ("一(二)", ["市农业农村局"]), ("二(一)", [])]


def test_a_rule_from_a_named_part_on_covers_that_part_and_the_parts_after_it_whichever_way_it_reads():
    # 仙居 / 玉环 (corpora/genre/heldout224/p01, p03): 从本方案第三部分起…不分牵头单位和配合单位 turns the notice's
    # first-is-lead rule off for 三 and 四; 从第三部分起…排在第一位的为牵头单位 turns it on there, 一 and 二 left as they are
    parts = ("一、甲\n（一）做甲。（县财政局、县商务局）\n二、乙\n（一）做乙。（县经信局、县科技局）\n三、丙\n{rule}\n"
             "（一）做丙。（县商务局、县财政局）\n四、丁\n（一）做丁。（县教育局、县民政局）\n")
    off = "各项任务责任单位排在第一位的为牵头单位，全文同。\n" + parts.format(rule="从本方案第三部分起，各项任务所列责任单位按照职责共同推进，不分牵头单位和配合单位。")
    assert _leads(off) == [("一(一)", ["县财政局"]), ("二(一)", ["县经信局"]), ("三(一)", []), ("四(一)", [])]
    on = parts.format(rule="从第三部分起，各项任务所列责任单位中，排在第一位的为牵头单位。")
    assert _leads(on) == [("一(一)", []), ("二(一)", []), ("三(一)", ["县商务局"]), ("四(一)", ["县教育局"])]
    # named in 一 for the parts from 三 on: 二 stays outside it
    early = parts.replace("（一）做甲。", "从第三部分起，各项任务责任单位排在第一位的为牵头单位。\n（一）做甲。").format(rule="")
    assert _leads(early) == [("一(一)", []), ("二(一)", []), ("三(一)", ["县商务局"]), ("四(一)", ["县教育局"])]


def test_a_rule_naming_several_parts_before_one_part_word_covers_each_of_them_and_no_other():
    # 道真 (corpora/genre/heldout232/p03): 本方案第二、三部分所列任务，第一责任单位牵头, declared late, in 四
    body = ("一、甲\n（一）做甲。（县财政局、县商务局）\n二、乙\n（一）做乙。（县经信局、县科技局）\n三、丙\n（一）做丙。（县商务局、县财政局）\n"
            "四、丁\n（一）明确分工。本方案第二、三部分所列任务，第一责任单位牵头，其余单位配合。\n（二）做丁。（县教育局、县民政局）\n")
    assert _leads(body) == [("一(一)", []), ("二(一)", ["县经信局"]), ("三(一)", ["县商务局"]), ("四(二)", [])]
    assert _leads(body.replace("第二、三部分", "第二和第三部分")) == _leads(body)


def test_a_rule_that_says_the_lead_unit_is_listed_first_in_few_words_is_read():
    # 正安 (corpora/genre/heldout232/p02): 附件分工表所列各项任务，主责单位列前，其余为配合单位 — the annex's rows only
    for phrase in ("主责单位列前", "牵头单位列前"):
        assert match_rule(f"各项任务，{phrase}，其余为配合单位") is not None, phrase


def test_a_rule_opening_a_part_that_names_a_range_of_its_items_covers_those_items_only():
    # 老河口 (corpora/genre/heldout236/p01): 二、重点任务 / 以下第（一）至第（三）项任务，…以第一个责任单位为牵头单位
    body = ("二、重点任务\n以下第（一）至第（三）项任务，有多个责任单位的，以第一个责任单位为牵头单位。\n"
            + "".join(f"（{n}）做{n}。（市经信局、市科技局）\n" for n in "一二三四五"))
    assert _leads(body) == [("二(一)", ["市经信局"]), ("二(二)", ["市经信局"]), ("二(三)", ["市经信局"]),
                            ("二(四)", []), ("二(五)", [])]


def test_the_unit_that_coordinates_beside_units_that_carry_out_leads():
    # 老河口 (corpora/genre/heldout236/p01): （由市财政局统筹，市经济和信息化局、市发展和改革局落实）; 统筹 alone leads nothing
    body = ("一、保障措施\n（一）强化资金保障。统筹用好专项资金。（由市财政局统筹，市经济和信息化局、市发展和改革局落实）\n"
            "（二）强化用能保障。保障重点项目。（市发展和改革局统筹，国网某市供电公司配合）\n")
    assert _leads(body) == [("一(一)", ["市财政局"]), ("一(二)", ["市发展和改革局"])]
    roles = [[(u.name, u.role) for u in t.units] for d in _doc(body).walk() for t in d.tasks]
    assert roles[0] == [("市财政局", "lead"), ("市经济和信息化局", "implement"), ("市发展和改革局", "implement")]


def test_lead_wordings_of_one_clause_each_and_a_task_that_turns_the_rule_off_for_itself():
    # 香格里拉 / 海林 / 穆棱 (corpora/genre/heldout247): X牵头抓总，Y配合; X主责、Y协同 (two role clauses joined by 、);
    # X为责任主体 under a rule; （A、B、C，该项任务由所列单位共同负责）: no lead for that task only
    body = ("各项任务排在第一位的为牵头单位。\n一、任务\n（一）做甲。（市工信局牵头抓总，市市场监管局、市农业农村局配合）\n"
            "（二）做乙。（市市场监管局主责、市工信局协同）\n（三）做丙。（市开发区管委会为责任主体）\n"
            "（四）做丁。（市工信局、市农业农村局、市发展改革局，该项任务由所列单位共同负责）\n（五）做戊。（市商务局、市财政局）\n")
    assert _leads(body) == [("一(一)", ["市工信局"]), ("一(二)", ["市市场监管局"]), ("一(三)", ["市开发区管委会"]),
                            ("一(四)", []), ("一(五)", ["市商务局"])]
    roles = [[(u.name, u.role) for u in t.units] for d in _doc(body).walk() for t in d.tasks]
    assert roles[1] == [("市市场监管局", "lead"), ("市工信局", "participant")]


def test_rule_scopes_of_a_section_of_an_items_sub_items_and_of_a_range_of_parts_written_without_di():
    # 海林 (heldout247/p02): 本节各项任务，列在首位的部门负主要责任并牵头 under 二; 本条下各子项，…由第一个单位牵头 inside 三(一)1;
    # 香格里拉 (p01): 《方案》一至三部分所列任务，…排序在前的为主办单位 in the notice
    body = ("一、甲\n（一）做甲。（市财政局、市商务局）\n二、乙\n本节各项任务，列在首位的部门负主要责任并牵头。\n（一）做乙。（市经信局、市科技局）\n"
            "三、丙\n（一）推进对接\n1.建设市场。本条下各子项，多个单位的由第一个单位牵头。\n（1）建交易区。（市商务局、市财政局）\n"
            "2.发展电商。（市商务局、市农业农村局）\n")
    assert _leads(body) == [("一(一)", []), ("二(一)", ["市经信局"]), ("三(一)1(1)", ["市商务局"]), ("三(一)2", [])]
    parts = "".join(f"{n}、{n}部\n（一）做{n}。（市经信局、市科技局）\n" for n in "一二三四")
    assert _leads("方案一至三部分所列任务，责任单位排序在前的为主办单位。\n" + parts) == [
        ("一(一)", ["市经信局"]), ("二(一)", ["市经信局"]), ("三(一)", ["市经信局"]), ("四(一)", [])]


def test_duty_lines_that_name_items_give_each_clause_its_own_role_the_part_going_on_across_commas():
    # 青田 (corpora/genre/heldout250/p03): 县水利局：牵头负责第二部分第（三）项任务，配合做好第（一）项任务。
    body = ("一、目标\n做好工作。\n二、任务\n（一）建设基地。\n（二）推广技术。\n（三）完善水利。\n三、责任分工\n"
            "县农业农村局：牵头负责第二部分第（一）（二）项任务，配合做好第（三）项任务。\n"
            "县水利局：牵头负责第二部分第（三）项任务，配合做好第（一）项任务。\n")
    tasks = {t.path: t for d in _doc(body).walk() for t in d.tasks}
    assert {p: t.lead_units for p, t in tasks.items()} == {"二(一)": ["县农业农村局"], "二(二)": ["县农业农村局"], "二(三)": ["县水利局"]}
    assert [(u.name, u.role) for u in tasks["二(一)"].units] == [("县农业农村局", "lead"), ("县水利局", "participant")]


def test_duty_lines_may_name_a_part_by_its_title_and_the_numbered_items_of_an_item():
    # 昌邑 (corpora/genre/heldout258/p02): 市农业农村局：牵头负责重点任务第（一）项第1条，第（二）项第2条；参与…第（一）项第2条;
    # a line may name several units (柳疃镇、龙池镇：负责…第（一）项第1条…)
    body = ("一、总体要求\n做好工作。\n二、重点任务\n（一）优化布局\n1.建设示范区。\n2.调整结构。\n（二）提升支撑\n1.建设资源圃。\n"
            "2.推广标准化生产。\n三、责任分工\n市农业农村局：牵头负责重点任务第（一）项第1条，第（二）项第2条；参与重点任务第（一）项第2条。\n"
            "市科学技术局：牵头负责重点任务第（二）项第1条、第2条。\n柳疃镇、龙池镇：负责重点任务第（一）项第1条所列示范区建设的具体组织实施。\n")
    tasks = {t.path: t for d in _doc(body).walk() for t in d.tasks}
    assert {p: t.lead_units for p, t in tasks.items()} == {
        "二(一)1": ["市农业农村局"], "二(一)2": [], "二(二)1": ["市科学技术局"], "二(二)2": ["市农业农村局", "市科学技术局"]}
    assert [u.name for u in tasks["二(一)1"].units] == ["市农业农村局", "柳疃镇", "龙池镇"]


def test_a_cover_rule_naming_the_annex_label_that_prints_the_transmitted_plan_covers_the_plans_tasks():
    # 无为 (corpora/genre/heldout255/p03): 现将《A措施》《B清单》印发给你们。附件1所列各项措施，…排在第一位的为牵头单位 — 附件1 is
    # the plan itself, printed under its label; 本项各条任务 (庐山, p02) covers its item only
    text = ("某市人民政府办公室关于印发某产业若干措施的通知\n某政办〔2025〕8号\n各镇人民政府：\n"
            "现将《某产业若干措施》印发给你们，请认真抓好贯彻落实。附件1所列各项措施，责任单位排在第一位的为牵头单位。\n"
            "附件：1．某产业若干措施\n某市人民政府办公室\n2025年6月1日\n附件1\n某产业若干措施\n一、支持企业\n"
            "（一）支持扩产。（市经信局、市财政局）\n（二）支持研发。本项各条任务，排在第一位的单位为牵头单位。\n1.建平台。（市科技局、市经信局）\n")
    leads = [(t.path, t.lead_units) for d in parse_text(text).walk() for t in d.tasks]
    assert leads == [("一(一)", ["市经信局"]), ("一(二)1", ["市科技局"])]


def test_a_rule_for_a_range_of_items_of_a_named_part_covers_those_items_wherever_it_stands():
    # 宁都 (corpora/genre/heldout279/p02): in 三, 本方案第二部分第（二）至（三）项所列任务…排在第一位的为牵头单位
    body = ("二、重点任务\n（一）甲\n1.做甲。（县财政局、县商务局）\n（二）乙\n1.做乙。（县农业农村局、县财政局）\n"
            "（三）丙\n1.做丙。（县商务局、县财政局）\n（四）丁\n1.做丁。（县林业局、县财政局）\n"
            "三、保障措施\n（一）压实责任。本方案第二部分第（二）至（三）项所列任务，责任单位中排在第一位的为牵头单位。\n")
    assert _leads(body) == [("二(一)1", []), ("二(二)1", ["县农业农村局"]), ("二(三)1", ["县商务局"]), ("二(四)1", [])]


def test_a_rule_at_a_parts_head_naming_two_parts_covers_both_and_a_lead_listed_first_rule_may_name_the_主办单位():
    # 黎川 / 乐安 (corpora/genre/heldout287): 第二、三部分所列任务…由排在前面的单位牵头 under 二's heading; 主办单位列在最前
    body = ("一、总体要求\n（一）目标。（县发改委、县统计局）\n二、重点任务\n第二、三部分所列任务涉及多个责任单位的，由排在前面的单位牵头，其他单位配合。\n"
            "（一）甲。（县工信局、县商务局）\n三、保障\n（一）乙。（县财政局、县商务局）\n四、督查\n（一）丙。（县督查室、县商务局）\n")
    assert _leads(body) == [("一(一)", []), ("二(一)", ["县工信局"]), ("三(一)", ["县财政局"]), ("四(一)", [])]
    assert _leads("本要点所列各项工作由多个单位承担的，主办单位列在最前，以下同。\n一、任务\n（一）甲。（县文广新旅局、县商务局）\n") == [
        ("一(一)", ["县文广新旅局"])]


def test_a_rule_turned_off_in_one_parenthetical_leaves_the_parts_heading_rule_over_the_other_tasks():
    # 阳朔 (corpora/genre/heldout295/p01): 二、重点任务（本部分任务责任单位中第一个为牵头单位）, then one task's
    # （…，此项不分牵头和配合）: that task alone, not the part the heading's 本部分 names
    body = ("二、重点任务（本部分任务责任单位中第一个为牵头单位）\n（一）甲\n1.做甲。（县文旅局、县财政局）\n"
            "2.做乙。（县人社局、县文旅局，此项不分牵头和配合）\n3.做丙。（县商务局、县财政局）\n")
    assert _leads(body) == [("二(一)1", ["县文旅局"]), ("二(一)2", []), ("二(一)3", ["县商务局"])]


def test_a_covers_rule_for_a_range_of_items_of_a_named_part_of_the_plan_covers_those_items_only():
    # 永福 (corpora/genre/heldout295/p03): 《实施方案》第二部分第（二）至（三）项所列任务，责任单位中第一个为牵头单位
    text = ("某县人民政府办公室关于印发某县实施方案的通知\n各乡镇人民政府：\n《某县实施方案》已经县人民政府同意，现印发给你们。"
            "《实施方案》第二部分第（二）至（三）项所列任务，责任单位中第一个为牵头单位，其余为配合单位。\n某县人民政府办公室\n2025年3月1日\n"
            "某县实施方案\n一、总体要求\n（一）目标。（县发改委、县统计局）\n二、重点任务\n（一）甲。（县财政局、县商务局）\n"
            "（二）乙。（县农业农村局、县财政局）\n（三）丙。（县商务局、县财政局）\n")
    doc = parse_text(text)
    assert [(t.path, t.lead_units) for d in doc.walk() for t in d.tasks] == [
        ("一(一)", []), ("二(一)", []), ("二(二)", ["县农业农村局"]), ("二(三)", ["县商务局"])]


def test_a_rule_naming_the_first_two_units_makes_both_lead_and_replaces_the_earlier_part_rule():
    # 临洮 (corpora/genre/heldout303/p03): 三 opens with 第一责任单位为牵头单位, 四 with 排在前两位的单位为牵头单位
    body = ("三、重点任务\n本部分各项任务，第一责任单位为牵头单位，其余为配合单位。\n（一）甲。（县文旅局、县财政局、县商务局）\n"
            "四、保障措施\n本部分各项任务，排在前两位的单位为牵头单位，后列单位为配合单位。\n"
            "（一）乙。（县人社局、县文旅局、县财政局）\n（二）丙。（县商务局）\n")
    assert _leads(body) == [("三(一)", ["县文旅局"]), ("四(一)", ["县人社局", "县文旅局"]), ("四(二)", ["县商务局"])]
    doc = parse_text("某县工作方案\n" + body)
    assert [(r.position, r.count) for r in doc.lead_rules] == [(1, 1), (1, 2)]
