"""Tasks from task-division tables, field-style assignments and running text: one model, `form` says which."""

from __future__ import annotations

from collections import Counter

import pytest

from policyparse.pipeline import parse, parse_text

from conftest import CORPORA, DEV, parsed

G001 = "g001_suiweihan_2023_1930_jiating_yisheng"


def _table_tasks(doc):
    return [t for d in doc.walk() for t in d.tasks if t.form == "table"]


@pytest.fixture(scope="module")
def g001():
    return _table_tasks(parsed(str(DEV / f"{G001}.txt")))


def test_g001s_task_table_gives_39_tasks_under_24_numbered_items(g001):
    assert len(g001) == 39
    counts = Counter(t.path for t in g001)
    assert len(counts) == 24
    # items split over several rows (read from the table): 1 x3, 3 x2, 6 x4, 23 x3 …
    assert (counts["附件2/1"], counts["附件2/3"], counts["附件2/6"], counts["附件2/23"]) == (3, 2, 4, 3)


def test_rowspans_are_inherited_and_each_row_keeps_its_own_units(g001):
    first = [t for t in g001 if t.path == "附件2/1"]
    assert [t.title for t in first] == ["有序扩大家庭医生来源"] * 3
    assert [t.lead_units for t in first] == [["各区政府"]] * 3
    assert [[u.name for u in t.units if u.role == "participant" and not u.sub_role] for t in first] == [
        ["市卫生健康委"], ["市卫生健康委", "市人社局"], ["市卫生健康委"]]
    item23 = [t for t in g001 if t.path == "附件2/23"]
    assert [t.lead_units for t in item23] == [["市卫生健康委"], ["各区政府"], ["市卫生健康委"]]


def test_inner_office_columns_are_sub_unit_roles(g001):
    t = g001[0]
    assert [(u.name, u.role, u.sub_role) for u in t.units if u.sub_role] == [
        ("基层处", "lead", "市卫健委内牵头处室"), ("医政处", "participant", "市卫健委内配合处室")]


def test_slash_cells_name_no_unit(g001):
    t = [t for t in g001 if t.path == "附件2/3"][0]
    assert [u.name for u in t.units if u.role == "participant" and not u.sub_role] == []


def test_the_html_original_gives_the_same_table_tasks(g001):
    html = _table_tasks(parse(DEV / "html" / f"{G001}.html"))
    strip = lambda ts: [(t.path, t.title, t.lead_units, [(u.name, u.role, u.sub_role) for u in t.units]) for t in ts]  # noqa: E731
    assert strip(html) == strip(g001)


def test_every_table_task_carries_cell_evidence(g001):
    doc = parsed(str(DEV / f"{G001}.txt"))
    for t in g001:
        for u in t.units:
            assert doc.text[u.span.start : u.span.end].replace(" ", "") == u.name


HEAD = "关于做好某项工作的通知\n各有关单位：\n"


def _tasks(body):
    return parse_text(HEAD + body).tasks


def test_a_field_parenthetical_names_lead_and_participants():
    t = _tasks("一、任务\n（一）建设平台。做好平台建设（牵头单位：市卫生健康委；配合单位：市财政局、市医保局）\n")[0]
    assert t.form == "field"
    assert [(u.name, u.role) for u in t.units] == [("市卫生健康委", "lead"), ("市财政局", "participant"), ("市医保局", "participant")]
    assert t.lead_units == ["市卫生健康委"]


def test_half_width_fields_parse_the_same():
    t = _tasks("一、任务\n（一）建设平台。做好平台建设(牵头单位:市卫生健康委;配合单位:市财政局)\n")[0]
    assert t.lead_units == ["市卫生健康委"] and t.form == "field"


def test_a_field_line_assigns_the_item_it_closes_with_its_deadline():
    [t] = _tasks("一、任务\n（一）建设平台。做好平台建设。\n牵头单位：市发展改革委；配合单位：市财政局；完成时限：2023年6月底前\n")
    assert (t.form, t.path, t.lead_units, t.deadline.date) == ("field", "一(一)", ["市发展改革委"], "2023-06-30")


def test_a_responsible_unit_line_has_no_lead():
    [t] = _tasks("一、任务\n（一）建设平台。做好平台建设。\n责任单位：市发展改革委、市财政局\n")
    assert [u.role for u in t.units] == ["responsible", "responsible"] and t.lead_units == []


def test_a_unit_list_after_a_dash_closing_the_items_line_is_a_field_without_its_name():
    t1, t2 = _tasks("一、稳住外贸基本盘\n1.落实出口退税政策。平均办理时间压缩至3个工作日。——国家税务总局嘉兴市税务局、市商务局\n"
                    "2.发展海外仓。新建海外仓10个以上。—市商务局牵头，市财政局、市委金融办配合\n")
    assert (t1.form, t1.path, t1.assignment_text, t1.text) == (
        "field", "一1", "国家税务总局嘉兴市税务局、市商务局", "1.落实出口退税政策。平均办理时间压缩至3个工作日。")
    assert [u.role for u in t1.units] == ["responsible", "responsible"] and t1.lead_units == []
    assert [(u.name, u.role) for u in t2.units] == [("市商务局", "lead"), ("市财政局", "participant"), ("市委金融办", "participant")]


@pytest.mark.parametrize("line", ["1.推进工作。——以上数据来源于市统计局年报\n", "1.推进工作。——确保取得实效\n",
                                  "——市商务局、市税务局\n", "1.推进工作——市商务局、市税务局\n"])
def test_a_dash_that_does_not_close_an_items_sentence_with_an_organ_list_assigns_nothing(line):
    assert _tasks("一、任务\n" + line) == []


@pytest.mark.parametrize("line, units, leads", [
    ("【责任单位】市水务局、市发展改革局　【完成时限】2026年6月底前", ["市水务局", "市发展改革局"], []),
    ("〔牵头单位〕市发展改革局　〔配合单位〕市工业和信息化局　〔完成时限〕持续推进", ["市发展改革局", "市工业和信息化局"], ["市发展改革局"]),
], ids=["lenticular", "tortoise-shell"])
def test_a_field_line_whose_names_stand_in_brackets_reads_as_with_colons(line, units, leads):
    [t] = _tasks("一、重点任务\n1.统筹用水保障。\n" + line + "\n")
    assert (t.form, t.path, [u.name for u in t.units], t.lead_units) == ("field", "一1", units, leads)
    assert t.assignment_text.startswith(line[:3]) and t.deadline is not None


def test_a_bracket_that_is_no_field_name_is_no_field():
    assert _tasks("一、重点任务\n1.统筹用水保障。\n【典型案例】市水务局建成循环水厂\n") == []


def test_a_lead_mark_after_a_unit_anywhere_in_a_bare_list_says_who_leads():
    [t] = _tasks("一、措施\n（一）建设冷链物流设施。（市发展改革委、市商务局(牵头)、市财政局）\n")
    assert t.lead_units == ["市商务局"]
    assert sorted((u.name, u.role) for u in t.units) == [("市发展改革委", "participant"), ("市商务局", "lead"),
                                                         ("市财政局", "participant")]


def test_articles_that_close_with_assignments_read_their_running_text_but_not_an_organs_remit():
    text = ("某市戈壁生态农业发展实施办法\n第一章　总则\n第一条　为发展戈壁农业，制定本办法。\n第二章　重点任务\n"
            "第二条　建设示范基地。（市农业农村局、市科技局）\n"
            "第三条　由市农业农村局牵头，市科技局参与，组建技术服务团队。\n"
            "第四条　市发展改革委负责戈壁农业项目的谋划储备。\n")
    got = [(t.path, t.form, t.lead_units) for t in parse_text(text).tasks]
    assert got == [("第二条", "parenthetical", []), ("第三条", "running_text", ["市农业农村局"])]
    plain = text.replace("（市农业农村局、市科技局）", "")  # articles with no assignment of their own: standing duties only
    assert parse_text(plain).tasks == []


def test_angle_brackets_close_a_task_but_mark_a_title_inside_a_title():
    [t] = _tasks("一、重点项目\n1.推进储能产业园建设。〈长兴县人民政府、市发展改革委〉\n")
    assert [u.name for u in t.units] == ["长兴县人民政府", "市发展改革委"]
    cited = "一、依据\n根据《市人力资源社会保障局关于印发〈广州市就业补助资金使用管理办法〉的通知》，制定本办法。\n"
    assert _tasks(cited) == []


def test_each_partner_named_with_fenbie_takes_part():
    [t] = _tasks("一、任务\n（一）建设养老服务中心。（市民政局牵头，市农业农村局、市财政局分别配合）\n")
    assert [(u.name, u.role) for u in t.units] == [("市民政局", "lead"), ("市农业农村局", "participant"), ("市财政局", "participant")]


@pytest.mark.parametrize("paren", ["（区商务委、区市场监管局/2026年底前）", "（区商务委、区市场监管局　每年12月底前）",
                                   "（区商务委主办，区市场监管局协办/每年12月底前）"], ids=["slash", "blank", "worded"])
def test_a_deadline_after_a_slash_or_a_blank_closing_the_units_is_no_unit(paren):
    [t] = _tasks("一、重点任务\n（一）建设数字市场。" + paren + "\n")
    assert [u.name for u in t.units] == ["区商务委", "区市场监管局"]


def test_a_half_width_bracket_padded_with_blanks_round_its_marks_is_a_list():
    [t] = _tasks("一、任务\n1.发展招商。引进项目15个以上。( 市招商中心 ; 市商务局 , 各县（市、区）人民政府 )\n")
    assert [u.name for u in t.units] == ["市招商中心", "市商务局", "各县（市、区）人民政府"]


def test_a_division_part_naming_each_units_tasks_by_number_assigns_those_items():
    text = ("某市产业集群工作方案\n二、重点任务\n（一）培育龙头企业。支持企业扩能。\n（二）建设公共平台。建设检测中心。\n"
            "（三）拓展市场。举办展会。\n三、责任分工\n本方案第二部分所列任务按以下分工落实：\n"
            "（一）市工业和信息化局：牵头负责第二部分第（一）（二）项任务；配合做好第二部分第（三）项任务。\n"
            "（二）市商务局：牵头负责第二部分第（三）项任务；配合做好第二部分第（一）项任务。\n")
    got = [(t.path, t.lead_units, [(u.name, u.role) for u in t.units]) for t in parse_text(text).tasks]
    assert got == [("二(一)", ["市工业和信息化局"], [("市工业和信息化局", "lead"), ("市商务局", "participant")]),
                   ("二(二)", ["市工业和信息化局"], [("市工业和信息化局", "lead")]),
                   ("二(三)", ["市商务局"], [("市工业和信息化局", "participant"), ("市商务局", "lead")])]


def test_a_division_part_may_name_an_items_numbered_items_after_it_without_第_or_条():
    # 第二部分（一）2、（二）1项任务 (corpora/genre/heldout266/p02): item 2 of （一）, item 1 of （二）; the part goes on to the
    # line's later clause, and a 2026年 after a bracket is no item number
    text = ("某区装备产业实施意见\n二、重点任务\n（一）强化创新\n1.建设平台。建设研究院。\n2.攻关技术。实施攻关项目。\n"
            "（二）拓展市场\n1.举办展会。每年举办展会。\n三、责任分工\n"
            "区经济和信息化局：牵头负责第二部分（一）2、（二）1项任务，配合做好（一）1项任务。\n"
            "区科学技术局：牵头负责第二部分（一）1项任务（2026年底前），配合做好（一）2项任务。\n")
    got = sorted((t.path, t.lead_units, [(u.name, u.role) for u in t.units]) for t in parse_text(text).tasks)
    assert got == [("二(一)1", ["区科学技术局"], [("区经济和信息化局", "participant"), ("区科学技术局", "lead")]),
                   ("二(一)2", ["区经济和信息化局"], [("区经济和信息化局", "lead"), ("区科学技术局", "participant")]),
                   ("二(二)1", ["区经济和信息化局"], [("区经济和信息化局", "lead")])]


def test_a_division_part_may_name_the_part_by_its_title_and_an_items_numbered_items_as_第1_2项():
    # 重点任务（一）第1、2项，（二）第1项 (corpora/genre/heldout274/p02): the part by its title, items 1 and 2 of （一）; a
    # clause of references only goes on with the role of the clause before it
    text = ("某县产业实施意见\n二、重点任务\n（一）强化创新\n1.建设平台。建设研究院。\n2.攻关技术。实施攻关项目。\n"
            "（二）拓展市场\n1.举办展会。每年举办展会。\n三、责任分工\n"
            "县产业发展中心：牵头负责重点任务（一）第1、2项，（二）第1项。\n县商务局：配合做好重点任务（二）第1项。\n")
    got = sorted((t.path, t.lead_units, [(u.name, u.role) for u in t.units]) for t in parse_text(text).tasks)
    assert got == [("二(一)1", ["县产业发展中心"], [("县产业发展中心", "lead")]),
                   ("二(一)2", ["县产业发展中心"], [("县产业发展中心", "lead")]),
                   ("二(二)1", ["县产业发展中心"], [("县产业发展中心", "lead"), ("县商务局", "participant")])]


def test_a_role_word_inside_an_organs_name_is_no_role_of_a_running_text_clause():
    # 宾阳 (corpora/genre/heldout292/p02): 县市场监督管理局 holds 监督 (a role word) and 组织 follows the list; 按职责做好配合
    tasks = _tasks("一、任务\n（一）联合审核。县农业农村局会同县财政局、县工业和信息化局、县市场监督管理局组织联合审核。\n"
                   "（二）组织实施。由县农业农村局负责，县财政局、县市场监督管理局按职责做好配合。\n")
    assert [[(u.name, u.role) for u in t.units] for t in tasks] == [
        [("县农业农村局", "lead"), ("县财政局", "participant"), ("县工业和信息化局", "participant"), ("县市场监督管理局", "participant")],
        [("县农业农村局", "responsible"), ("县财政局", "participant"), ("县市场监督管理局", "participant")]]


def test_a_bracket_opening_with_its_deadline_and_a_comma_reads_the_worded_units_after_it():
    [t] = _tasks("一、重点任务\n（一）改造小区。（2026年底前完成，市住房城乡建设局牵头，市城市管理局配合）\n")
    assert [(u.name, u.role) for u in t.units] == [("市住房城乡建设局", "lead"), ("市城市管理局", "participant")]


def test_the_note_of_a_short_name_is_no_part_of_a_units_name():
    [t] = _tasks("一、任务\n1.建设产业园。（市工业和信息化局（以下简称市工信局）、市科技局）\n")
    assert [u.name for u in t.units] == ["市工业和信息化局", "市科技局"]
    [t] = _tasks("一、任务\n3.推进协同创新。由市卫生健康委员会（以下简称市卫生健康委）牵头，市科技局参与，共建临床研究中心。\n")
    assert (t.lead_units, [u.name for u in t.units]) == (["市卫生健康委员会"], ["市卫生健康委员会", "市科技局"])


def test_a_clause_of_its_own_after_a_led_one_in_the_same_sentence_is_a_task_too():
    tasks = _tasks("一、任务\n（4）完善统计监测。市财政局要会同市数据局建立绩效评价机制，市统计局负责开展核心产业统计监测。\n")
    assert [(t.lead_units, [u.name for u in t.units]) for t in tasks] == [
        (["市财政局"], ["市财政局", "市数据局"]), ([], ["市统计局"])]


def test_a_field_line_whose_names_stand_before_a_blank_instead_of_a_colon_reads_as_with_colons():
    [t] = _tasks("一、重点任务\n（一）建设基地。建设标准化基地。\n牵头单位 市商务局　配合单位 吉安海关、市农业农村局　完成时限 2026年12月底前\n")
    assert [(u.name, u.role) for u in t.units] == [("市商务局", "lead"), ("吉安海关", "participant"), ("市农业农村局", "participant")]
    assert t.deadline is not None and t.deadline.date == "2026-12-31"
    assert _tasks("一、重点任务\n（一）建设基地。\n工作目标 建成标准化基地10个\n") == []  # no unit field opens the line


def test_the_sentence_naming_who_interprets_the_document_is_no_task():
    assert _tasks("一、附则\n本措施由市经济和信息化局会同市财政局负责解释。\n") == []


def test_a_form_label_is_not_an_assignment():
    assert _tasks("一、申报\n负责人：张三\n联系电话：12345678\n") == []


def test_a_field_list_with_deng_is_not_exhaustive():
    t = _tasks("一、任务\n做好建设（责任单位：市发展改革委、市财政局等）\n")[0]
    assert t.non_exhaustive and [u.name for u in t.units] == ["市发展改革委", "市财政局"]


def test_you_x_qian_tou_in_running_text_is_a_task():
    [t] = _tasks("一、任务\n建立联席会议制度，由市民政局牵头，市财政局配合。\n")
    assert (t.form, t.lead_units) == ("running_text", ["市民政局"])
    assert [(u.name, u.role) for u in t.units] == [("市民政局", "lead"), ("市财政局", "participant")]


@pytest.mark.parametrize("partner", ["各乡镇人民政府", "各县（市、区）人民政府", "市政府督查室"])
def test_the_partner_after_hui_tong_in_running_text_is_its_whole_name(partner):
    # 各乡 is a name on its own, and no work begins after it: the longer name goes on (各乡镇人民政府)
    [t] = _tasks(f"一、任务\n（一）深入开展村庄清洁行动。市农业农村局要会同{partner}，每季度组织开展一次集中行动。\n")
    assert [(u.name, u.role) for u in t.units] == [("市农业农村局", "lead"), (partner, "participant")]


def test_x_wei_qian_tou_dan_wei_in_running_text_is_a_task():
    [t] = _tasks("一、任务\n开展专项整治行动，市市场监管局为牵头单位。\n")
    assert t.lead_units == ["市市场监管局"]


def test_a_body_described_by_a_longer_relative_clause_is_no_task():
    # 芒市 (corpora/genre/heldout169/p02): 成立由X牵头负责日常工作的…工作专班 describes the body, as 由X牵头的… does
    assert _tasks("一、任务\n（一）加强组织领导。成立由市农业农村局牵头负责日常工作的咖啡产业发展工作专班，定期研究解决重大问题。\n") == []
    # a longer clause that ends in no body word is left to the other readings: 由X牵头负责全市…的统筹推进 assigns
    [t] = _tasks("一、任务\n（一）加强统筹。由市农业农村局牵头负责全市咖啡产业的统筹推进。\n")
    assert t.lead_units == ["市农业农村局"]


def test_a_list_of_organs_in_brackets_closing_a_clause_before_a_comma_assigns_that_clause():
    # 韩城 (corpora/genre/heldout173/p03): two clauses, each closed by its assignment
    ts = _tasks("一、任务\n（一）培育业态。发展夜间经济和康养旅游（市文化和旅游局、市教育局、市卫生健康局），"
                "培育特色民宿100家（市文化和旅游局负责）。\n")
    assert [[u.name for u in t.units] for t in ts] == [["市文化和旅游局", "市教育局", "市卫生健康局"], ["市文化和旅游局"]]
    # places in brackets are no such list
    assert _tasks("一、任务\n（一）拓展市场。加强与周边城市（郑州市、开封市）合作，开通旅游专线。\n") == []


def test_an_organ_after_a_preposition_is_the_object_of_the_work_not_its_subject():
    # 莱州 (corpora/genre/heldout175/p01): 对X负责推进的项目给予贴息 says what is supported, it assigns X nothing
    [t] = _tasks("一、任务\n（一）加大支持。市财政局要会同市工业和信息化局统筹资金，对市工业和信息化局负责推进的技改项目给予贴息支持。\n")
    assert [(u.name, u.role) for u in t.units] == [("市财政局", "lead"), ("市工业和信息化局", "participant")]


def test_a_sites_footer_after_the_page_furniture_is_no_field_line_of_the_last_item():
    # 什邡 (corpora/genre/heldout180/p01): 【打印】【关闭】, 附件下载：… .pdf, then the site's 主办单位：X　承办单位：Y
    text = ("一、任务\n（一）加强督促。将方案实施情况纳入年度考核。（市政府目标绩效办负责）\n【打印】【关闭】\n附件下载：\n"
            "什府办发〔2025〕12号.pdf\n主办单位：什邡市人民政府办公室　承办单位：什邡市大数据中心\n")
    assert [t.assignment_text for t in _tasks(text)] == ["市政府目标绩效办负责"]
    # the same field line under an item is the item's
    assert [t.assignment_text for t in _tasks("一、任务\n（一）加强督促。将方案实施情况纳入年度考核。\n"
                                              "主办单位：市政府目标绩效办　承办单位：市统计局\n")] == [
        "主办单位：市政府目标绩效办承办单位：市统计局"]  # assignment_text is squeezed of blanks


def test_a_tables_second_header_line_is_no_field_line():
    # 泰兴 (corpora/genre/heldout185/p03): 责任单位 over 牵头单位 and 配合单位, the lower labels on a line of their own
    text = ("一、任务\n（一）甲。做甲。（市应急管理局）\n附件\n分工表\n序号\t重点任务\t责任单位\t\t完成时限\n"
            "\t\t牵头单位\t配合单位\t\n1\t开展隐患排查\t市应急管理局\t市消防救援大队\t2025年12月底\n"
            "2\t整治化工园区\t泰兴经济开发区管委会\t市生态环境局\t2026年6月底\n")
    doc = parse_text(HEAD + text)
    got = [t.assignment_text for d in doc.walk() for t in d.tasks]
    assert got and not any("牵头单位配合单位" in a for a in got), got


def test_a_vague_statement_names_no_unit_and_is_not_a_task():
    assert _tasks("一、任务\n各有关部门要按照职责分工，由各有关部门牵头抓好落实。\n") == []


def test_a_table_row_links_to_the_body_task_it_restates_and_a_differing_lead_is_a_finding():
    body = ("一、任务\n（一）建设数据平台。做好建设（市数据局负责，排第一的为牵头单位，下同）\n"
            "附件\n任务分工表\n序号\n重点任务\n牵头单位\n配合单位\n1\n建设数据平台\n市发展改革委\n市数据局\n")
    doc = parse_text(HEAD + body)
    rows = [t for t in doc.tasks if t.form == "table"]
    assert len(rows) == 1 and rows[0].refers_to == doc.tasks[0].id
    assert [f.kind for f in doc.findings] == ["table_body_lead_mismatch"]


# ------------------------------------------------------------------ bare unit lists closing a task

_BARE_HEAD = "福建省某某工作方案\n各设区市人民政府：\n排在第一位的为牵头单位。\n一、重点任务\n"


def test_a_bare_unit_list_closing_a_task_sentence_is_a_task_whose_lead_the_rule_decides():
    from policyparse.pipeline import parse_text

    doc = parse_text(_BARE_HEAD + "（一）推进数字化改造。（省财政厅、省工信厅，各设区市人民政府）\n")
    [t] = [t for d in doc.walk() for t in d.tasks]
    assert [u.name for u in t.units] == ["省财政厅", "省工信厅", "各设区市人民政府"]
    assert t.lead_units == ["省财政厅"] and t.lead_basis == "positional"


@pytest.mark.parametrize("name", ["广西电网有限责任公司柳州鹿寨供电局", "中国移动通信集团广西有限公司柳州分公司"])
def test_a_long_name_of_a_parent_organ_and_its_branch_alone_after_a_sentence_is_a_task(name):
    """Past the length of one organ's name, a clean name is still one when it is a parent's and its branch's."""
    from policyparse.pipeline import parse_text

    doc = parse_text(_BARE_HEAD + f"（一）保障企业生产用电，提高供电可靠性。（{name}）\n")
    assert [[u.name for u in t.units] for d in doc.walk() for t in d.tasks] == [[name]]


@pytest.mark.parametrize("body", [
    "（一）国家发展和改革委员会（国家发展改革委）负责推进。",  # a short name explaining the name before it
    "（一）推进数字化改造，（省财政厅、省工信厅）加强协调。",      # not closing a sentence
    "（一）推进数字化改造。（2023年12月底前）",                   # a deadline, no unit
    "（一）推进数字化改造。（详见附件：省财政厅）",               # prose, not a list
])  # fmt: skip
def test_a_parenthetical_that_is_not_only_a_list_of_organs_after_a_sentence_end_is_no_task(body):
    """(A collective alone after a sentence's end, （各设区市人民政府）, is a task: the next test.)"""
    from policyparse.pipeline import parse_text

    doc = parse_text(_BARE_HEAD + body + "\n")
    assert [t.assignment_text for d in doc.walk() for t in d.tasks if t.form == "parenthetical"] == []


def test_a_collective_alone_in_the_place_of_an_assignment_is_a_task():
    from policyparse.pipeline import parse_text

    doc = parse_text(_BARE_HEAD + "（一）推进数字化改造。（各设区市人民政府）\n")
    assert [[u.name for u in t.units] for d in doc.walk() for t in d.tasks] == [["各设区市人民政府"]]


def test_a_bracket_that_gives_its_deadline_before_or_after_its_units_is_a_bare_list_with_a_deadline():
    from policyparse.pipeline import parse_text

    head = "关于做好某项工作的实施方案\n各有关单位：\n一、重点任务\n（一）建设交易平台。"
    for bracket in ("（2025年10月底前完成；市数据资源局、市商务局）", "（市数据资源局、市商务局；2025年10月底前完成）"):
        doc = parse_text(head + bracket + "\n")
        [t] = doc.tasks
        assert [u.name for u in t.units] == ["市数据资源局", "市商务局"], bracket
        assert [doc.text[u.span.start : u.span.end] for u in t.units] == ["市数据资源局", "市商务局"]  # spans in place
        assert t.deadline is not None and t.deadline.date == "2025-10-31"


def test_a_field_line_that_runs_on_after_its_deadline_ends_at_the_deadline():
    from policyparse.pipeline import parse_text

    text = ("关于做好某项工作的实施方案\n各有关单位：\n一、重点任务\n（一）建设物流园。建成物流园2个。责任单位：市商务局、市交通运输局；"
            "完成时限：2027年12月底前。支持各县（区）建设中药材仓储设施。\n")
    [t] = parse_text(text).tasks
    assert t.assignment_text.rstrip("。") == "责任单位：市商务局、市交通运输局；完成时限：2027年12月底前"
    assert t.deadline is not None and t.deadline.date == "2027-12-31"


def test_a_table_column_of_hosts_beside_one_of_co_hosts_leads():
    from policyparse.extract.task_tables import column_roles

    assert column_roles(["序号", "重点任务", "主办单位", "协办单位", "完成时限"]) == {
        0: "number", 1: "task", 2: "lead", 3: "participant", 4: "deadline"}
    assert column_roles(["序号", "活动名称", "主办单位", "完成时限"])[2] == "responsible"  # a host alone: no lead


def test_an_industrial_park_listed_with_organs_is_a_responsible_unit():
    # 张家港 (corpora/genre/heldout188/p01): a park that runs a town, named as the first unit of a bare list
    doc = parse_text("关于推进氢能产业发展的行动计划\n各有关单位：\n一、重点任务\n（一）建设储运装备项目。"
                     "（冶金工业园（锦丰镇）、市发展和改革委员会、市商务局）\n")
    tasks = [t for d in doc.walk() for t in d.tasks]
    assert [[u.name for u in t.units] for t in tasks] == [["冶金工业园（锦丰镇）", "市发展和改革委员会", "市商务局"]]


def test_a_unit_that_bears_overall_responsibility_leads_and_the_one_in_charge_of_the_detail_takes_part():
    # 彬州 (corpora/genre/heldout200/p01): （X负总责，Y具体负责）; 具体 is a manner word before 负责, as in 按职责具体负责
    doc = parse_text("关于发展梨产业的行动计划\n各有关单位：\n一、重点任务\n（一）发展精深加工。引进加工企业。"
                     "（市工业和信息化局负总责，市农业农村局具体负责）\n")
    [task] = [t for d in doc.walk() for t in d.tasks]
    assert [(u.name, u.role) for u in task.units] == [("市工业和信息化局", "lead"), ("市农业农村局", "participant")]
    assert task.lead_units == ["市工业和信息化局"]


def test_a_lead_field_bracket_followed_by_a_partner_field_bracket_is_one_assignment():
    # 华阴 (corpora/genre/heldout200/p02): （牵头单位：X）（配合单位：Y、Z）, two brackets printed one after the other
    doc = parse_text("关于文旅融合的实施方案\n各有关单位：\n一、重点任务\n（一）规范旅游市场秩序。开展专项整治。"
                     "（牵头单位：市市场监督管理局）（配合单位：市公安局、市文化和旅游局）\n"
                     "（二）提升服务。完善设施。（牵头单位：市文化和旅游局）（2026年底前）\n")
    tasks = [t for d in doc.walk() for t in d.tasks]
    assert [(t.path, t.assignment_text, [u.name for u in t.units], t.lead_units) for t in tasks] == [
        ("一(一)", "牵头单位：市市场监督管理局）（配合单位：市公安局、市文化和旅游局",
         ["市市场监督管理局", "市公安局", "市文化和旅游局"], ["市市场监督管理局"]),
        ("一(二)", "牵头单位：市文化和旅游局", ["市文化和旅游局"], ["市文化和旅游局"])]


def test_an_organ_with_its_second_name_in_brackets_closing_a_task_is_its_one_unit():
    # 崇州 (corpora/genre/heldout197/p03): （市发展和改革局（市粮食和物资储备局））
    doc = parse_text("关于粮食产业的工作要点\n各有关单位：\n一、重点任务\n（一）完善仓储设施。新建绿色低温储备仓容2万吨。"
                     "（市发展和改革局（市粮食和物资储备局））\n")
    assert [[u.name for u in t.units] for d in doc.walk() for t in d.tasks] == [["市发展和改革局（市粮食和物资储备局）"]]


def test_a_unit_list_wrapped_onto_the_next_line_of_a_laid_out_table_keeps_each_unit_where_it_stands():
    # 崇州 (corpora/genre/heldout197/p03): 市财政局、市规划和自然资源局、 / (the next line, under its column) 市水务局
    path = CORPORA / "genre" / "heldout197" / "p03_chongzhou_tianfu_liangcang_jianshe_gongzuo_yaodian.txt"
    doc = parse(path)
    [task] = [t for d in doc.walk() for t in d.tasks if t.form == "table" and t.path == "附件/3"]
    assert [u.name for u in task.units] == ["市农业农村局", "市财政局", "市规划和自然资源局", "市水务局"]
    assert all(doc.text[u.span.start : u.span.end] == u.name for u in task.units)


def test_a_list_of_application_scenes_with_their_responsible_units_is_a_task_table():
    # 江宁 (corpora/genre/heldout206/p03): 序号|场景名称|应用区域|责任单位|开放时间
    doc = parse_text("关于某事的行动计划\n一、重点任务\n做好工作。\n附件\n应用场景清单\n序号|场景名称|应用区域|责任单位|开放时间\n"
                     "1|零碳园区|开发区|区开发区管委会、区供电公司|2025年\n2|光储充一体化充电站|秣陵街道|区交通运输局|2026年\n")
    assert [(t.path, [u.name for u in t.units]) for d in doc.walk() for t in d.tasks if t.form == "table"] == [
        ("附件/1", ["区开发区管委会", "区供电公司"]), ("附件/2", ["区交通运输局"])]


def test_a_partner_after_hui_tong_ends_where_the_work_opens_with_a_verb_such_as_yong_hao():
    # 肥东 (corpora/genre/heldout203/p02): 县财政局要会同县商务局用好中央、省级…专项资金: the 、 belongs to the work
    doc = parse_text("关于某事的要点\n一、重点任务\n（一）做好工作。（县农业农村局）\n二、保障措施\n"
                     "（一）强化资金保障。县财政局要会同县商务局用好中央、省级县域商业建设专项资金，加强资金使用监管。\n")
    [task] = [t for t in doc.tasks if t.form == "running_text"]
    assert [(u.name, u.role) for u in task.units] == [("县财政局", "lead"), ("县商务局", "participant")]


def test_a_township_whose_name_opens_with_yao_or_you_is_a_unit_of_the_list():
    # 满城 (corpora/genre/heldout328/p02): （区农业农村局、要庄乡人民政府）: 要庄乡 is a place, not the modal 要
    tasks = _tasks("一、任务\n（一）做好种苗繁育。（区农业农村局、要庄乡人民政府）\n（二）建设基地。（县农业农村局、由义镇人民政府）\n")
    assert [[u.name for u in t.units] for t in tasks] == [["区农业农村局", "要庄乡人民政府"], ["县农业农村局", "由义镇人民政府"]]
    # a clause where 要 and 由 are words stays no unit list
    assert _tasks("一、任务\n（一）做好工作。（县财政局要加强保障）\n") == []


def test_a_request_to_named_organs_in_a_letter_is_a_running_text_task_and_a_request_to_turn_to_one_is_not():
    # 阜城 (corpora/genre/heldout330/p02): a 函's 请X、Y于…前提供…, a rule's bracket after the first list
    doc = parse_text("关于商请协助做好某项评价工作的函\n县税务局，县统计局：\n现将有关事项商请如下：\n一、协助事项\n"
                     "（一）提供税收数据。请县税务局、县工业和信息化局（排在第一位的为牵头单位，下同）于5月15日前提供各企业税收数据。\n"
                     "（二）提供能耗数据。亩均评价启动后，请县统计局、国网某县供电公司在依法依规前提下提供用电量。\n"
                     "（三）加强沟通。请各单位严格按照统一口径提供数据。请结合本地区本部门实际，认真抓好落实。"
                     "遇到问题，请径向县工业和信息化局反映，请及时反馈县统计局。\n")
    assert [(t.form, t.path, t.assignment_text, [u.name for u in t.units]) for t in doc.tasks] == [
        ("running_text", "一(一)", "请县税务局、县工业和信息化局", ["县税务局", "县工业和信息化局"]),
        ("running_text", "一(二)", "请县统计局、国网某县供电公司", ["县统计局", "国网某县供电公司"])]
    assert all(doc.text[u.span.start : u.span.end] == u.name for t in doc.tasks for u in t.units)
    assert [r.text for r in doc.lead_rules] == ["排在第一位的为牵头单位"]
    # the rule printed on the first list leads it, as it leads a parenthetical's; the later request's subject is no list
    # the rule speaks of (running text keeps the lead its own words give)
    assert [(t.lead_units, t.lead_basis) for t in doc.tasks] == [(["县税务局"], "positional"), ([], "none")]


def test_a_rule_in_a_bracket_of_its_own_right_after_a_tasks_list_leads_that_list_and_the_rest():
    # 偏关 (corpora/genre/heldout343/p01): （县文化和旅游局、万家寨镇人民政府、县交通运输局）（牵头单位列前，下同）
    tasks = _tasks("一、任务\n（一）提升景区。（县文化和旅游局、万家寨镇人民政府、县交通运输局）（牵头单位列前，下同）\n"
                   "（二）建设民宿。（县农业农村局、县文化和旅游局）\n")
    assert [t.lead_units for t in tasks] == [["县文化和旅游局"], ["县农业农村局"]]


def test_a_rule_that_names_only_the_partners_by_position_leads_the_first_unit_and_is_no_task():
    # 神池 (corpora/genre/heldout343/p02): （本行动计划中各项任务的责任单位，排名第二及以后的单位为配合单位）
    tasks = _tasks("一、任务\n（本行动计划中各项任务的责任单位，排名第二及以后的单位为配合单位）\n"
                   "（一）培育企业。（县工业和信息化局、县市场监督管理局）\n")
    assert [(t.assignment_text, t.lead_units, t.lead_basis) for t in tasks] == [
        ("县工业和信息化局、县市场监督管理局", ["县工业和信息化局"], "positional")]


def test_a_partners_clause_after_a_lead_rule_in_its_sentence_completes_that_rule():
    # 漯河 (corpora/genre/heldout66/p04): …排在第一位的单位负责牵头抓总，排在第二位及以后的单位为配合单位: one rule, not two
    doc = parse_text(HEAD + "一、任务\n本计划所列各项任务，责任单位中排在第一位的单位负责牵头抓总，排在第二位及以后的单位为配合单位。\n"
                     "（一）培育企业。（县工业和信息化局、县市场监督管理局）\n")
    assert [r.text for r in doc.lead_rules] == ["责任单位中排在第一位的单位负责牵头抓总"]
    assert doc.tasks[0].lead_units == ["县工业和信息化局"]
