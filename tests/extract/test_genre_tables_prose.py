"""The seed's genre: covered cells in any column of a flattened table, prose that is not an
assignment, kinds of plan and named target sets, and the genre family measured with the eval."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from policyparse.evaluate import evaluate
from policyparse.extract.table_fit import cell_kind
from policyparse.pipeline import parse, parse_text
from policyparse.vocabulary import kind_of

from conftest import Grid, filled, only_table
from conftest import bars as bars_under

GENRE = Path(__file__).resolve().parents[2] / "corpora" / "genre"
#: the title the genre's flattened tables are written under
TITLE = "附件\n任务分工表"


def bars(grid: Grid) -> str:
    return bars_under(grid, TITLE)


FIVE = ["序号", "重点任务", "牵头单位", "配合单位", "完成时限"]


def test_it_tells_serials_deadlines_unit_lists_persons_and_task_text_apart():
    assert [cell_kind(v) for v in ("5", "2022年12月底前", "每年12月底前", "持续推进", "省财政厅、省税务局", "陈飞",
                                   "建设全省统一的数据平台。", "工程机械")] == [
        "serial", "deadline", "deadline", "deadline", "units", "person", "sentence", "label"]


def test_a_shared_deadline_is_a_covered_deadline_cell_not_a_covered_serial():
    grid = [FIVE,
            ["1", "编制培育方案。", "省工业和信息化厅", "省发展改革委、省科技厅", "2022年12月底前"],
            ["2", "建立监测体系。", "省统计局", "省工业和信息化厅、省科技厅", None],
            ["3", "开展招商行动。", "省商务厅", "省发展改革委、省财政厅", "持续推进"]]
    table = only_table(bars(grid))
    assert table.rows == filled(grid)[1:]
    cell = next(c for c in table.cells if c.text == "2022年12月底前")
    assert (cell.row_span, cell.span_rule) == (2, "covered_by_column_fit")
    assert table.warnings == []


def test_several_covered_cells_in_one_row_and_overlapping_merges_sit_where_the_values_fit():
    grid = [["序号", "重点任务", "责任单位", "完成时限"],
            ["1", "建设政务云平台。", "省政务服务办、省财政厅", "2022年12月底前"],
            ["2", "统一调度云资源。", "省政务服务办、省工业和信息化厅", None],
            ["3", "推进数据共享。", "省政务服务办、省统计局", "持续推进"],
            ["4", "建设开放平台。", None, "2023年6月底前"],
            ["5", "建立质量评估机制。", None, None],
            ["6", "推进证照互认。", "省公安厅、省政务服务办", "每年12月底前"]]
    table = only_table(bars(grid))
    assert table.rows == filled(grid)[1:]
    spans = {(c.row, c.col): c.row_span for c in table.cells if c.row_span > 1}
    assert spans == {(1, 3): 2, (3, 2): 3, (4, 3): 2}


def test_a_place_whose_name_opens_with_na_is_a_unit_and_its_cell_goes_to_its_unit_column():
    # 隆安 (corpora/genre/heldout291/p02): 那桐镇人民政府 (那 opens the place's name, not a demonstrative); the row covers
    # 完成时限, so its partners stay in 配合单位
    assert cell_kind("县农业农村局、那桐镇人民政府") == "units" and cell_kind("那坡县人民政府") == "units"
    assert cell_kind("那些单位") != "units"


def test_a_unit_list_goes_to_the_column_whose_complete_rows_have_its_unit_count():
    grid = [["序号", "重点任务", "具体措施", "牵头单位", "配合单位", "完成时限"],
            ["1", "厕所革命", "推进户厕改造，建设粪污收集设施。", "省农业农村厅", "省卫生健康委、省财政厅", "2023年底前"],
            [None, None, "推进污水处理设施全覆盖。", None, "省发展改革委、省财政厅、省自然资源厅", "2025年底前"],
            ["2", "村容村貌", "开展村庄清洁行动。", "省乡村振兴局", "省住房城乡建设厅、省交通运输厅", "长期坚持"],
            [None, None, "推进美丽乡村创建。", "省农业农村厅", None, None]]
    table = only_table(bars(grid))
    assert table.rows == filled(grid)[1:]
    assert table.warnings == []


def test_a_task_cell_that_opens_with_a_work_verb_is_no_unit_whatever_it_ends_in():
    # 组建…研发中心 names what the task builds: it stays in 重点任务, and the row's covered cells are 行动 and 牵头单位
    grid = [["序号", "行动", "重点任务", "牵头单位", "配合单位", "完成时限"],
            ["1", "安全生产提升", "推进企业机械换人", "市应急管理局", "市工业和信息化局、市花炮产业发展中心", "2026年12月底前"],
            ["2", "智能制造改造", "建成智能制造示范工厂10家", "市工业和信息化局", "市科学技术局", "2027年12月底前"],
            ["3", None, "组建花炮新材料新工艺研发中心", None, "市科学技术局、市花炮产业发展中心", "2026年6月底前"],
            ["4", "品牌市场拓展", "办好国际花炮文化节", "市文化旅游广电体育局", "市商务局、市委宣传部", "每年12月底前"]]
    table = only_table(bars(grid))
    assert table.rows == filled(grid)[1:]


def test_a_row_never_makes_one_unit_its_lead_and_in_a_covered_cell_its_partner():
    # the one unit cell fits 牵头单位 best by the unit counts, but the covered 配合单位 above names that unit: so the
    # cell is the row's 配合单位 and its 牵头单位 is covered (a task has no unit that leads it and takes part in it)
    grid = [["序号", "重点任务", "牵头单位", "配合单位", "完成时限"],
            ["1", "建设良种繁育基地", "州农业农村局", "州科技局、兴仁市人民政府", "2026年12月底前"],
            ["2", "开发功能食品", "州工业和信息化局", "州科技局、州市场监管局", "2027年12月底前"],
            ["3", "举办产业博览会", "州商务局", "州供销社、兴仁市人民政府", "每年10月底前"],
            ["4", "开展电商直播销售", None, "州供销社", None]]
    table = only_table(bars(grid))
    assert table.rows[-1] == ["4", "开展电商直播销售", "州商务局", "州供销社", "每年10月底前"]


def test_two_placements_that_fit_equally_are_a_finding_naming_both_and_the_rows_lines():
    grid = [FIVE,
            ["1", "编制培育方案。", "省工业和信息化厅", "省发展改革委、省科技厅", "2022年12月底前"],
            ["2", "设立专项资金。", "省财政厅", None, "2023年3月底前"],
            ["3", "开展质量提升行动。", "省市场监管局", "省工业和信息化厅", "2024年12月底前"]]
    table = only_table(bars(grid))
    [w] = table.warnings
    assert w.startswith("ambiguous placement: lines ") and "牵头单位 or 配合单位" in w
    doc = parse_text("关于某项工作的方案\n各有关单位：\n一、任务\n见附件。\n附件：任务分工表\n" + bars(grid))
    assert [f.kind for d in doc.walk() for f in d.findings if f.kind == "table_placement_ambiguous"] == [
        "table_placement_ambiguous"]


def test_of_two_placements_that_fit_equally_the_one_naming_no_unit_twice_in_a_row_is_taken_and_both_are_named():
    grid = [["序号", "重点任务", "具体举措", "牵头单位", "参与单位", "完成时限"],
            ["1", "健全制度", "制定基本养老服务清单。", "省民政厅", "省财政厅、省发展改革委", "2026年6月底前"],
            ["2", "提升质量", "推动综合医院设立老年医学科。", "省卫生健康委", "省医保局", "2027年6月底前"],
            [None, None, "推进养老机构与医疗机构签约合作。", "省卫生健康委、省民政厅", None, None],
            ["3", "强化保障", "落实配套设施同步规划要求。", "省自然资源厅、省住房城乡建设厅", "省民政厅", "持续推进"]]
    table = only_table(bars(grid))
    assert table.rows == filled(grid)[1:]  # not 省卫生健康委 as lead and again among the participants
    [w] = table.warnings
    assert w.endswith("fit 序号 / 重点任务 / 参与单位 / 完成时限 or 序号 / 重点任务 / 牵头单位 / 完成时限 equally; "
                      "took 序号 / 重点任务 / 参与单位 / 完成时限 (the others name a unit of the row twice)")


def test_a_unit_that_runs_a_bodys_daily_work_is_a_mention_not_a_task():
    body = ("一、保障措施\n（一）加强统筹。专班办公室设在市住房城乡建设局（由市住房城乡建设局负责专班日常工作）。"
            "联席会议日常工作由市商务局负责。\n（二）强化考核。市商务局负责年度考核。\n")
    doc = parse_text("关于某项工作的方案\n各有关单位：\n" + body)
    assert [(t.path, [u.name for u in t.units]) for t in doc.tasks] == [("一(二)", ["市商务局"])]
    # the bracketed secretariat note is passed over (a note in brackets), the sentence is a mention
    assert [f.unit for f in doc.findings if f.kind == "lead_mention"] == ["市商务局"]


def test_prose_that_says_who_leads_a_body_or_builds_a_system_is_a_mention_not_a_task():
    body = ("一、保障措施\n（一）加强统筹。由省政务局牵头建设全省统一的政务大数据中心。"
            "成立工作专班，由省发展改革委牵头，省直有关单位参加。建立由省商务厅牵头的外贸工作协调机制。\n")
    doc = parse_text("关于某项工作的方案\n各有关单位：\n" + body)
    assert doc.tasks == []
    assert [(f.kind, f.unit) for f in doc.findings] == [
        ("lead_mention", "省政务局"), ("lead_mention", "省发展改革委"), ("lead_mention", "省商务厅")]


def test_a_sentence_that_assigns_work_to_listed_units_is_a_running_text_task_without_a_lead():
    body = "一、保障措施\n（一）强化保障。省财政厅、省地方金融监管局要加大支持力度。审核机构要加强审核。\n"
    [t] = parse_text("关于某项工作的方案\n各有关单位：\n" + body).tasks
    assert (t.form, t.lead_units, [u.name for u in t.units]) == ("running_text", [], ["省财政厅", "省地方金融监管局"])
    body = "一、任务\n建立联席会议制度，由市民政局牵头，市财政局配合。\n"
    [t] = parse_text("关于某项工作的方案\n各有关单位：\n" + body).tasks
    assert (t.form, t.lead_units) == ("running_text", ["市民政局"])


@pytest.mark.parametrize("word, kind", [("行动计划", "计划"), ("工作要点", "要点"), ("若干措施", "措施"), ("实施方案", "方案")])
def test_plans_of_the_genre_are_kinds_of_the_one_vocabulary(word, kind):
    assert kind_of(word) == kind
    doc = parse_text(f"湖南省某某{word}\n为做好工作，制定本{word}。\n一、任务\n做好工作。\n本{word}自印发之日起施行。\n2023年3月20日\n")
    assert doc.effective is not None and doc.effective.date == "2023-03-20"


def test_a_named_target_set_keeps_all_its_items_whatever_their_verb():
    text = ("关于某项工作的行动计划\n一、目标\n到2024年，实现“1235”目标（即：培育1个万亿级数字产业集群、建设20个数字产业园区、"
            "打造300家数字化转型标杆企业、推广5000个工业互联网应用）。\n")
    [t] = [t for t in parse_text(text).targets if t.name]
    assert (t.name, t.year, [(i.value, i.unit) for i in t.items]) == (
        "1235", 2024, [(1.0, "个"), (20.0, "个"), (300.0, "家"), (5000.0, "个")])


# --- the genre family (corpora/genre): written notices, dev half and held-out half -------------------

FLOORS = {"tasks": 0.98, "units": 0.98, "leads": 0.98}


# gold_heldout: written and committed before the rules changed; first run after building on gold_dev:
# tasks 0.964, units 0.933, leads 0.964, table rows 14/15 (three general gaps fixed since: 海关, a rule
# inside a 责任单位： list, unit counts). gold_heldout2: written after that, before any further change;
# first run: tasks 0.833, units 0.860, leads 0.786, table rows 6/6 (重点项目 was no task-column word).
# gold_heldout3: written without reading the rule code, committed with its gold before the parser saw it;
# first run: tasks 0.957, units 0.971, leads 0.833 (lead accuracy 25/33), table rows 13/13 (the rule
# sentences 排序第一的部门为牵头部门 / 由所列第一个单位牵头 were read as running-text tasks, not rules, and a
# 共同牵头 parenthetical was dropped); fixed since by two rule phrasings and one role word in the data.
# gold_heldout4 (Fujian, Shandong, Guizhou, Ningbo): written without reading the rule code, committed with its
# gold before the parser saw it; first run: tasks 0.882 (P 1.000, R 30/38), units 0.854 (79/106), leads 0.889
# (lead accuracy 28/35), table rows 19/19 (parentheticals that are bare unit lists with no 负责/牵头 verb, seven
# of them, were not read as tasks, and a 要-sentence naming 人民银行福建省分行 was not read as running text); fixed since: a bare list of organ names closing a task's sentence is a
# task, and organs named by an organ-name rule open 要-sentences.
# gold_heldout5 (Zhejiang, Anhui, Yunnan, Suzhou): written without reading the rule code, committed with its gold
# before the parser saw it; first run: tasks 0.987 (P 1.000, R 39/40), units 0.980 (98/102), leads 0.943 (lead
# accuracy 33/37), table rows 15/15, envelope 0.917 (a bare four-unit list naming two city governments was not read
# as a task; a first-unit rule declared under 保障措施 after the tasks did not reach the body parentheticals before
# it; a sole 负责 unit outside any rule got no lead; the Suzhou recipients line with a ； was not read). Fixed
# since: a bare list needs one clean organ name, not all; a rule sentence naming the document (本方案所列任务…)
# covers the tasks before it; the ；-joined recipients line is read since. Gold aligned to the project's convention:
# a sole responsible unit with no rule is no lead (never a guess).
# gold_heldout6 (Guangdong, Hebei, Shaanxi, Qingdao) and gold_heldout7 (Hubei, Jilin, Gansu, Xiamen): written
# without reading the rule code, committed with their gold before the parser saw them. Both writers gave a single
# unit outside every rule's scope as its own lead; the gold follows the project's convention (no lead: issue 20),
# aligned after the first run for batch 6 and before it for batch 7. First run of batch 6 (then the aligned gold):
# tasks 0.991 (R 58/59), units 0.989 (129/132), leads 0.988 (lead accuracy 41/42), table rows 17/17 (a bare list
# sharing its parenthetical with a 下同 rule was dropped). First run of batch 7, after that fix: tasks 1.000, units
# 0.987 (P 152/156), leads 0.907 (P 34/40, R 34/35), table rows 20/20 (a cover sentence naming the annex's tasks
# was applied to the body too: 6 extra leads; 由所列第一个单位牵头 was also read as a standing unit; a 责任单位 cell
# saying 省体育局牵头，省教育厅配合 gave no lead). Fixed since, each with a test in test_genre_leads.py.
# gold_heldout9 (Shanxi, Inner Mongolia, Hainan, Dalian): written the same way with the lead convention in the
# writer's brief; first run, after those fixes: tasks 0.991 (R 55/56), units 0.992 (126/128), leads 1.000 (42/42),
# table rows 18/18 (a 要-sentence opened by 中国人民银行大连市分行, a branch written in full, was not read).
# gold_heldout8 (Jiangsu, Sichuan, Heilongjiang, Shenzhen): written the same way; first run, after batch 9's fix:
# tasks 1.000 (64/64), units 1.000 (149/149), leads 1.000 (46/46), table rows 21/21, envelope 0.809 (a title printed
# under its issuer line lost to the signature block: find_title ran from the signature's issuer over the date line)
# and one blanket repeal (此前…不一致的，以本措施为准) the gold had not listed; the gold follows the documented
# convention since, and a date line now closes any title.
# gold_heldout11 (Liaoning, Jiangxi, Ningxia, Wuhan; longer notices, 105 tasks, 47 table rows): written the same way;
# first run, after the roles batch 5 fixes: tasks 1.000 (105/105), units 0.998 (249/250), leads 0.988 (83/84), table
# rows 46/47 (a task cell 每年新推出旅游演艺项目10个以上。 was read as a deadline for its 每年, so a covered 牵头单位 was
# placed in the task column). Fixed since: a deadline cell is mostly its period words.
# gold_heldout10 (Fujian, Guizhou, Chongqing, Chengdu; 105 tasks, 34 table rows; its writer read the README, which names
# some rule phrasings, and chose others): first run, after batch 11's fix: tasks 0.986, units 0.988, leads 0.700
# (R 42/77: three rule wordings not in the data, 首列单位为牵头单位, 由责任单位中排序居前的第一家单位牵头, 居首的单位负责牵头),
# table rows 34/34; a single named organ opening a 要-sentence (市国资委要推动…), 省供销社 (a short form known only with
# the document's province) and 要会同省商务厅加强与…、… were not read. Fixed since: the wordings are data, a named
# organ alone opens a 要-sentence, the document's region resolves short forms, a 、 after a work verb ends the list.
# gold_heldout12 (Shanghai, Tianjin, Guangxi, Hangzhou) and gold_heldout13 (Hunan, Shandong, Xinjiang, Nanjing): written
# without reading the code, the README or the docs, committed with their gold before the parser ran; both first runs on
# one parser (after batch 10's fixes). Batch 12: tasks 0.976, units 0.957, leads 0.986 (69/71), table rows 35/35 (a
# person's post in brackets read as a task; 各区、县（市）政府 split; 市经信局 not clean for its 经; a 要-sentence opened by
# a 领导小组办公室 before a mention, 由X会同Y，… and 人民银行上海总部 not read). Batch 13: tasks 0.995, units 0.996, leads
# 0.806 (59/85: 由第一个单位牵头抓总 and 名列第一的承担牵头职责 not rule wordings), table rows 33/33, enclosed 1/4 (the
# plan's period （2025—2027年） printed on its own line). Fixed since, with tests in test_genre_leads.py; batch 12's
# 自印发之日起施行 gold aligned to the 版记's 印发 date and batch 13's split unit (the writer's script) corrected.
# gold_heldout14 (Henan, Yunnan, Tibet, Suzhou; 95 tasks): written the same way as batch 15; first run, on the parser
# batch 15 met: tasks 0.939, units 0.948, leads 0.875 (49/63), table rows 32/32 (a 重点工作 column was no task column, so
# a whole table gave no tasks; 排名第一的为牵头单位，本部分下同 was read as the task's own rule; an assigning clause after
# a comma, …，省生态环境厅、省交通运输厅要研究…, was not read). Fixed since.
# gold_heldout15 (Anhui, Qinghai, Beijing, Guangzhou; 83 tasks, 23 table rows): written without reading the code, the
# README, the docs or the git log, committed with its gold before the parser ran; first run, after the fixes of batches
# 12 and 13 and roles batch 6: every family 1.000 (tasks 83/83, units 201/201, leads 62/62, table rows 23/23).
# gold_heldout16 (Zhejiang, Chongqing, Xilingol, Changsha; 90 tasks): same method, first run on the parser after batch
# 17's fixes: tasks 0.983, units 0.984, leads 0.991 (lead accuracy 57/58), table rows 22/22, every floor met (a rule whose
# condition follows a ；, 多个单位的，第一家为牵头单位，下同, dropped the list before it; 按属地负责 was no role word; both fixed
# since). Held at 0.98 for tasks: the parser reads one more assignment than the gold (联席会议办公室要加强跟踪督办…).
# gold_heldout17 (Jiangxi, Liaoning, Ningbo, Chengdu; 96 tasks): written the same way as batch 15, first run on the
# parser after batch 14's fixes: tasks 1.000, units 0.996, leads 0.955 (53/58: 以排序第一的单位为主责单位并牵头推进 was no
# rule wording), table rows 33/33. Fixed since (the wording is data; 建设 opens the work after a 会同 list).
# gold_heldout18 (Heilongjiang, Hainan, Tianjin, Qingdao; 86 tasks): same method, first run on the parser batch 16 met:
# tasks 0.988, units 0.981, leads 0.739 (34/58: 居首位者负牵头责任 … 以下各项均照此执行 and 排序在前的为主办单位 were no rule
# wordings), table rows 22/22. Fixed since; also 由X牵头组织，Y参与 and 由X牵头，Y参加，组织… (members named without a body
# formed) are assignments. Still missed: a 要-sentence in an item whose numbering runs backwards ((十八) before (十七)).
# gold_heldout19 (Guangdong, Hubei, Guizhou, Xi'an; 102 tasks): same method, first run after batch 18's fixes: tasks
# 0.971, units 0.966, leads 0.979 (70/71), table rows 35/35 (bare lists closing a clause before its 。, 各市、自治州人民政府
# split, 由各区县人民政府负责…，市应急管理局、市公安局加强指导督促 not read). Fixed since; two extra running-text tasks
# remain (原则上由县级医院牵头…组建 and a 领导小组办公室要… the gold does not list).
# gold_heldout20 (Hebei, Gansu, Hefei, Zhengzhou; 105 tasks) and gold_heldout21 (Jilin, Shaanxi, Kunming, Shijiazhuang;
# 104 tasks): same method, first runs on the parser with lead rules composed from word classes: batch 21 tasks 0.995,
# units 0.992, leads 0.987, table rows 35/36 (a covered cell that fits 牵头单位 or 责任单位 equally: a warned tie whose
# gold took the other placement; it stays so), then batch 20 after the 日常工作 fix: tasks 0.995, units 0.988, leads 0.940
# (a cover rule over 方案及附件所列任务 read as the annex's only), table rows 35/36. Fixed since: that scope, a tied
# placement naming one unit twice in a row, 会同省政府督查室 and a bare parenthetical of collectives after a sentence's end.
# gold_heldout22 (Jiangsu, Sichuan, Nanning, Taiyuan; 110 tasks) and gold_heldout23 (Hunan, Liaoning, Fuzhou, Lanzhou;
# 97 tasks): same method, first runs after those fixes: batch 22 tasks 0.995, units 0.991, leads 1.000, table rows 34/34
# (市委宣传部、市应急管理局要…: the 应 of 应急 ended the list); batch 23 tasks 1.000, units 0.998, leads 0.988, table rows
# 34/34 (…负责，其中省农业农村厅牵头 kept 其中 in the name). Fixed since; batch 22's gold split 各县（市、区）人民政府 at its
# inner 、 (corrected) and batch 21's 自印发之日起施行 was aligned to the 版记's 印发 date.
# gold_heldout24 (Shandong, Guangxi, Changchun, Urumqi; 98 tasks) and gold_heldout25 (Zhejiang, Chongqing, Xiamen, Guiyang;
# 97 tasks): same method, first runs on the parser after batches 22 and 23's fixes: batch 24 tasks 1.000, units 0.996, leads
# 1.000, table rows 34/34 (按各自职责负责 no role word); batch 25 tasks 0.980, units 0.986, leads 0.879, table rows 24/24 (a
# table note …为该项工作的牵头单位 was no rule wording; an interpretation clause, a relative clause 由X牵头评定的… and a note
# in brackets read as running text). Fixed since; both golds aligned to documented conventions (印发 date; a collective's
# 要-sentence is no task).
# gold_heldout26 (Anhui, Jiangxi, Yinchuan, Hohhot; 98 tasks) and gold_heldout27 (Fujian, Heilongjiang, Ningbo, Xining; 104
# tasks): same method, first runs on the parser after batch 25's fixes: batch 26 tasks 0.893, leads 0.886 (a transmitted plan
# printed under an 附件 label was read as an annex: 19 tasks lost; 江西广播电视台), table rows 35/35; batch 27 tasks 0.995,
# leads 0.901 (以下不再注明 after a rule), table rows 36/36. Fixed since.
# gold_heldout28 (Henan, Sichuan, Dalian, Nanchang; 102 tasks) and gold_heldout29 (Hubei, Yunnan, Qingdao, Hefei; 108 tasks):
# first runs after batches 26 and 27's fixes: batch 28 tasks 0.903, leads 0.883 (a transmitted document with no title line
# lost; an empty cell of a row-a-line table), table rows 32/33; batch 29, after 28's fixes, tasks 0.878, leads 0.803 (a
# separator rule 分号前的单位为牵头单位 and ；-split lists; a row-a-line table whose empty cells are merged ones), table rows
# 25/34. Fixed since.
# gold_heldout30 (Guangdong, Shaanxi, Shenzhen, Wuhan; 107 tasks) and gold_heldout31 (Jiangsu, Hebei, Hangzhou, Chengdu; 107
# tasks): first runs after batch 29's fixes: batch 30 tasks 0.995, units 0.994, leads 1.000, table rows 43/43 (every floor
# met); batch 31 tasks 1.000, units 0.994, leads 0.915 (以下各项同; a list, then which of its units leads), rows 43/43.
# gold_heldout32 (Shanxi, Jilin, Wuxi, Changsha; 89 tasks) and gold_heldout33 (Gansu, Hainan, Foshan, Wenzhou; 90 tasks):
# first runs after batch 31's fixes: batch 32 tasks 0.989, units 0.988, leads 0.984, rows 31/32 (a task cell naming a 学院);
# batch 33 tasks 1.000, units 0.996, leads 0.993, rows 21/22 (a continuation row's empty 配合单位). Fixed since.
# gold_heldout34 (Guizhou, Guangxi, Xiamen, Shenyang; 81 tasks): first run after those fixes, 1.000 in every family.
# gold_heldout35 (Hunan, Inner Mongolia, Suzhou, Xi'an; 82 tasks): same parser, tasks 1.000, units 0.989, leads 1.000, rows
# 22/22 (every floor met; …会同Y实施A、B… and …，Y、Z给予支持 lost units then, read since: units 1.000).
# gold_heldout36 (Zhejiang, Shandong, Zhengzhou, Zhuhai; 83 tasks): first run 1.000 in every family. gold_heldout37 (Xinjiang,
# Hubei, Nanjing, Kunming; 94 tasks), same parser: tasks and units 1.000, leads 0.896 (《若干措施》及所附分工表 read as the
# table's only), rows 34/34. Fixed since.
# gold_heldout38 (Guangdong, Heilongjiang, Ningbo, Guiyang; 85 tasks) and gold_heldout39 (Fujian, Henan, Qingdao,
# Shijiazhuang; 62 tasks): first runs after batch 37's fix: tasks 0.944 and 0.931 (precision 1.000), leads 0.922 and 0.909,
# table rows 18/27 and 16/24 — each held a table flattened one cell a line with no bar on its cells and a bar line in the
# place of each covered cell (read since: covered_in_place), and 38 a (A、B、C，A为牵头单位) lead (read since).
# gold_heldout40 (Yiwu, Jinjiang, Luoyang, Zunyi; 92 tasks) and gold_heldout41 (Kunshan, Ordos, Xiangyang, Zhanjiang; 87
# tasks), city-level issuers, first runs after batch 39's fix: 40 tasks 1.000, units 0.998, leads 1.000, rows 27/33 (a
# table a row a line whose merged 类别 cells are printed empty; A、B、C，其中B负责… read 其中B as a fourth unit); 41 tasks
# 0.994, units 0.985, leads 0.978, rows 32/32 (由国家金融监督管理总局X分局会同Y…: the 监督 inside the organ's name was
# read as its role word; the gold split 各县(市、区)人民政府 at its inner 、, aligned). Fixed since; both 1.000.
# gold_heldout42 (Ganzhou, Liuzhou, Baotou, Mianyang; 89 tasks), after those fixes: tasks 0.854, units 0.886, leads 0.803,
# rows 22/35, envelope 0.915 — a 市直部门's 任务清单 transmitted under the cover's 附件 label (an enclosed document) numbered its
# 13 rows 表/<序号>, not under the label (附件/<序号>), and left its 重点方向 cells printed empty; a 市委办公室's recipients
# ending in 党组（党委） were not read. Fixed since (the gold's table of the enclosed list aligned: it is the enclosed
# document's table, not an annex of the cover): 1.000 in every family.
# gold_heldout43 (Yantai, Quanzhou, Changzhou Wujin, Zhuzhou; 93 tasks) and gold_heldout44 (Yanbian, Dali, Kashgar,
# Qiandongnan; 104 tasks), same parser: 43 tasks 0.984, units 0.980, leads 1.000, rows 34/34 (要-sentences opened by a named
# place's government, zone 管委会 or company; 牵头：A；参与：B; the gold kept two 、-joined recipients as one, aligned);
# 44 tasks 0.995, units 0.998, leads 0.886, rows 38/38 (a rule in a heading's brackets, 以下所列各项工作，…首位的单位负责
# 牵头, read as a task; 本意见第二部分所列各项任务，… read as covering the whole document). Fixed since; both 1.000 but the
# outline title of that heading, printed with its bracketed rule.
# gold_heldout45 (Yueyang, Xingshan, Wuhu, Jiujiang; 97 tasks) and gold_heldout46 (Deyang, Qujing, Tianshui, Guyuan; 111
# tasks), same parser: 45 tasks 0.852 (a 市直部门's own 科室 as units; a 具体工作 column not read as the task column once 任务类别
# named a category; a 责任领导 column printed empty in a table a row a line; a rule opening part 二, 以下任务中…, read for the whole
# document); 46 tasks 1.000, units 0.974 (a 牵头 mark inside a unit cell, 市农业农村局（牵头）; 会同Y招引培育…). Fixed since: 46
# 1.000; 45 tasks 0.995, units 0.989, leads 1.000, rows 32/32.
# gold_heldout48 (Lhasa, Haidong, Ili, Enshi; 94 tasks), first run: tasks 0.995, units 0.978, leads 0.986, rows 35/35 (X会同Y，
# Z、W参与…: the joining clause after 会同; read since). gold_heldout47 (Baoding, Weifang, Nantong, Zhangzhou; 113 tasks) is held
# apart at its first-run figures below: its gold counts a table in the plan's body as an annex table and a list of text lines
# (n.任务 / 牵头单位：… / 责任单位：…) as table rows, and it holds a table printed a row a line with spaces between cells.
# gold_heldout49 (Nanchang, Ningbo, Guiyang, Luoyang; 105 tasks) and gold_heldout50 (Yunnan, Guangxi, Suzhou, Hefei; 106
# tasks), first runs: 49 tasks 0.914, leads P 0.940 R 0.908, rows 0.875 (a 政策条款 column was no task column, a 下同 rule of
# the first of two transmitted documents reached the second, a 兑现方式 column's merged cells, 洛阳机场); 50 tasks 0.896, leads
# 0.882, rows 0.676 (a bar table whose unit cells run over two lines). All read since: 1.000 in every family.
# gold_heldout51 (Changchun, Taiyuan, Lanzhou, Wenzhou; 106 tasks), first run: tasks 1.000, units 0.996, leads P 0.866 R 0.973,
# rows 23/23 (a 注 under a table of the body read for the whole document; 注：第6项、第11项由兰州海关牵头; …，其中X为牵头单位
# listing X twice). Read since: 1.000 in every family.
# gold_heldout52 (Hohhot's 和林格尔县, Xining, Yinchuan, Haikou; 106 tasks), first run: tasks 0.726, units 0.711, leads P 0.750
# R 0.634, tables 0.667 (a field's （牵头） mark and 由A会同B负责 in a field, a rule in 保障措施 after every task over all of them,
# a row table numbered 1. with 一、 group rows; and the gold's assignment_text of a field line without its 完成时限 field,
# aligned since to the project's convention, as its count of table rows without the group rows). Read since: tasks 1.000, units 0.994 (呼和浩特市生态环境局和林格尔县分局 is split at
# the 和 of 和林格尔: no county names in the lexicon), leads 1.000, rows 34/34.
GENRE_SETS = ["gold_dev", "gold_heldout", "gold_heldout2", "gold_heldout3", "gold_heldout4", "gold_heldout5",
              "gold_heldout6", "gold_heldout7", "gold_heldout8", "gold_heldout9", "gold_heldout10", "gold_heldout11",
              "gold_heldout12", "gold_heldout13", "gold_heldout14", "gold_heldout15", "gold_heldout16", "gold_heldout17",
              "gold_heldout18", "gold_heldout19", "gold_heldout20", "gold_heldout21", "gold_heldout22", "gold_heldout23",
              "gold_heldout24", "gold_heldout25", "gold_heldout26", "gold_heldout27", "gold_heldout28", "gold_heldout29",
              "gold_heldout30", "gold_heldout31", "gold_heldout32", "gold_heldout33", "gold_heldout34", "gold_heldout35",
              "gold_heldout36", "gold_heldout37", "gold_heldout38", "gold_heldout39", "gold_heldout40", "gold_heldout41",
              "gold_heldout42", "gold_heldout43", "gold_heldout44", "gold_heldout45", "gold_heldout46",
              "gold_heldout48", "gold_heldout49", "gold_heldout50", "gold_heldout51",
              "gold_heldout52", "gold_heldout56", "gold_heldout57", "gold_heldout58",
              "gold_heldout59", "gold_heldout60", "gold_heldout61", "gold_heldout64", "gold_heldout65",
              "gold_heldout66", "gold_heldout67", "gold_heldout68", "gold_heldout69", "gold_heldout70",
              "gold_heldout71", "gold_heldout72", "gold_heldout73", "gold_heldout74", "gold_heldout75",
              "gold_heldout76", "gold_heldout78", "gold_heldout79", "gold_heldout80", "gold_heldout81", "gold_heldout83",
              "gold_heldout84", "gold_heldout85", "gold_heldout86", "gold_heldout87",
              "gold_heldout88", "gold_heldout89", "gold_heldout90", "gold_heldout91",
              "gold_heldout92", "gold_heldout93", "gold_heldout95", "gold_heldout96", "gold_heldout97",
              "gold_heldout98", "gold_heldout101", "gold_heldout102", "gold_heldout103",
              "gold_heldout104", "gold_heldout105", "gold_heldout107", "gold_heldout108",
              "gold_heldout110", "gold_heldout112", "gold_heldout113", "gold_heldout114", "gold_heldout115",
              "gold_heldout116", "gold_heldout118", "gold_heldout119", "gold_heldout120", "gold_heldout121",
              "gold_heldout122", "gold_heldout124", "gold_heldout125", "gold_heldout126",
              "gold_heldout127", "gold_heldout130", "gold_heldout131", "gold_heldout132", "gold_heldout133",
              "gold_heldout134", "gold_heldout135", "gold_heldout136", "gold_heldout137", "gold_heldout138",
              "gold_heldout139", "gold_heldout140", "gold_heldout141", "gold_heldout142", "gold_heldout143",
              "gold_heldout144", "gold_heldout145", "gold_heldout146", "gold_heldout147", "gold_heldout148",
              "gold_heldout150", "gold_heldout152", "gold_heldout153", "gold_heldout154",
              "gold_heldout156", "gold_heldout158", "gold_heldout159", "gold_heldout160", "gold_heldout161",
              "gold_heldout162", "gold_heldout163", "gold_heldout164", "gold_heldout165", "gold_heldout166",
              "gold_heldout167", "gold_heldout168", "gold_heldout169", "gold_heldout170", "gold_heldout171",
              "gold_heldout172", "gold_heldout173", "gold_heldout174", "gold_heldout175", "gold_heldout176",
              "gold_heldout177", "gold_heldout178", "gold_heldout179", "gold_heldout180", "gold_heldout183", "gold_heldout184", "gold_heldout185", "gold_heldout187",
              "gold_heldout189", "gold_heldout190", "gold_heldout191", "gold_heldout192", "gold_heldout193", "gold_heldout194",
              "gold_heldout196", "gold_heldout197", "gold_heldout198", "gold_heldout199", "gold_heldout200",
              "gold_heldout201", "gold_heldout202", "gold_heldout203", "gold_heldout204", "gold_heldout205", "gold_heldout206",
              "gold_heldout208", "gold_heldout209", "gold_heldout210", "gold_heldout211", "gold_heldout212",
              "gold_heldout213", "gold_heldout214", "gold_heldout215", "gold_heldout216", "gold_heldout217", "gold_heldout218",
              "gold_heldout219", "gold_heldout220", "gold_heldout221", "gold_heldout222", "gold_heldout223", "gold_heldout224",
              "gold_heldout225", "gold_heldout226", "gold_heldout227", "gold_heldout228", "gold_heldout229", "gold_heldout230",
              "gold_heldout231", "gold_heldout232", "gold_heldout233", "gold_heldout234",
              "gold_heldout235", "gold_heldout236", "gold_heldout237", "gold_heldout238", "gold_heldout239", "gold_heldout240",
              "gold_heldout241", "gold_heldout242", "gold_heldout243", "gold_heldout244", "gold_heldout245", "gold_heldout246",
              "gold_heldout247", "gold_heldout248", "gold_heldout249", "gold_heldout250", "gold_heldout251", "gold_heldout252", "gold_heldout253", "gold_heldout254", "gold_heldout255", "gold_heldout256",
              "gold_heldout257", "gold_heldout258", "gold_heldout259", "gold_heldout260", "gold_heldout262", "gold_heldout264",
              "gold_heldout263", "gold_heldout266", "gold_heldout267", "gold_heldout268", "gold_heldout270", "gold_heldout271",
              "gold_heldout261", "gold_heldout269", "gold_heldout274", "gold_heldout275", "gold_heldout277", "gold_heldout278",
              "gold_heldout279", "gold_heldout281", "gold_heldout282", "gold_heldout283", "gold_heldout284", "gold_heldout285",
              "gold_heldout286", "gold_heldout287", "gold_heldout288", "gold_heldout289", "gold_heldout290", "gold_heldout293",
              "gold_heldout265", "gold_heldout291", "gold_heldout294", "gold_heldout295", "gold_heldout296", "gold_heldout298",
              "gold_heldout299", "gold_heldout300", "gold_heldout301", "gold_heldout302", "gold_heldout303", "gold_heldout304",
              "gold_heldout305", "gold_heldout297", "gold_heldout307", "gold_heldout308", "gold_heldout309", "gold_heldout310",
              "gold_heldout311", "gold_heldout312", "gold_heldout313", "gold_heldout272", "gold_heldout273", "gold_heldout315",
              "gold_heldout316", "gold_heldout317", "gold_heldout318", "gold_heldout319", "gold_heldout320", "gold_heldout321",
              "gold_heldout322", "gold_heldout323", "gold_heldout324", "gold_heldout325", "gold_heldout326",
              "gold_heldout327", "gold_heldout328", "gold_heldout329", "gold_heldout331", "gold_heldout332",
              "gold_heldout333", "gold_heldout334", "gold_heldout335", "gold_heldout336", "gold_heldout337",
              "gold_heldout338", "gold_heldout339", "gold_heldout340", "gold_heldout343", "gold_heldout345",
              "gold_heldout346", "gold_heldout347", "gold_heldout349", "gold_heldout350", "gold_heldout351",
              "gold_heldout353",
              "gold_heldout186"]


@pytest.fixture(scope="module", params=GENRE_SETS)
def genre(request):
    return evaluate(GENRE / request.param, root=GENRE.parents[1])


def test_the_genre_family_reaches_its_responsibility_and_lead_floors(genre, request):
    # every notice of the batch is scored (four a batch, three in batch 72), none lost to an error
    golds = list((GENRE / request.node.callspec.params["genre"]).glob("*.facts.json"))
    assert genre.documents == len(golds) >= 3 and not genre.errors
    for fam, floor in FLOORS.items():
        assert genre.scores[fam].f1 >= floor, [m for m in genre.mismatches if m.family == fam]


def test_every_flattened_table_row_of_the_genre_family_is_exact_or_reported_as_a_tie(genre, request):
    """A row the gold places otherwise is allowed only where the parser reported the placement as a tie
    (``table_placement_ambiguous``, naming both placements): never a silent wrong row."""
    s = genre.scores["table_rows"]
    # a batch with no table in its gold (heldout220: plain notices) must invent none
    assert (s.tp > 0 or s.fn == 0) and s.fp == s.fn, [m for m in genre.mismatches if m.family == "table_rows"]
    if s.fn:
        from policyparse.pipeline import parse

        wrong = {m.file for m in genre.mismatches if m.family == "table_rows"}
        folder = GENRE / request.node.callspec.params["genre"].removeprefix("gold_")
        ties = sum(f.kind == "table_placement_ambiguous" for name in wrong
                   for d in parse(folder / f"{name}.txt").walk() for f in d.findings)
        assert s.fn <= ties, [m for m in genre.mismatches if m.family == "table_rows"]


def test_lead_accuracy_of_the_genre_family_counts_every_gold_lead():
    report = evaluate(GENRE / "gold_dev", root=GENRE.parents[1])
    s = report.scores["leads"]
    assert s.tp + s.fn >= 28 and s.tp / (s.tp + s.fn) >= 0.98


def test_a_task_sentence_holding_a_period_word_is_no_deadline_cell():
    from policyparse.extract.table_fit import cell_kind

    assert [cell_kind(t) for t in ("每年新推出旅游演艺项目10个以上。", "每年12月底前", "2025年底前完成", "持续推进")] == [
        "sentence", "deadline", "deadline", "deadline"]


def test_a_table_of_targets_with_their_responsible_units_is_a_task_table():
    grid = [["序号", "2022年预期目标", "责任单位"],
            ["1", "地区生产总值增长5.5%左右", "区发展改革委"],
            ["2", "一般公共预算收入增长4%", "区财政局"]]
    doc = parse_text("关于某项工作的通知\n各有关单位：\n现将目标分解如下。\n附件：目标分解表\n" + bars(grid))
    assert [(t.form, t.path, [u.name for u in t.units]) for t in doc.tasks] == [
        ("table", "附件/1", ["区发展改革委"]), ("table", "附件/2", ["区财政局"])]


def test_a_report_of_work_done_is_no_task():
    body = "一、有关情况\n市卫健委牵头，会同市教体局起草了《健康行动实施方案（代拟稿）》，现征求意见。\n"
    doc = parse_text("关于征求意见的通知\n各有关单位：\n" + body)
    assert doc.tasks == [] and [f.unit for f in doc.findings if f.kind == "lead_mention"] == ["市卫健委"]


def test_a_titled_table_after_the_signature_with_no_annex_label_is_the_notices_annex():
    text = ("某市人民政府关于下达2011年政府工作任务的通知\n某府〔2011〕57号\n各区人民政府，市各委办局：\n"
            "现将2011年政府工作任务分解下达给你们，请认真组织实施。\n某市人民政府\n2011年3月17日\n"
            "某市2011年政府工作任务分解表\n序号\n工作任务\n主要责任单位\n1\n地区生产总值增长12%\n市发改委、市统计局\n"
            "2\n财政收入增长12%以上\n市财政局\n")
    doc = parse_text(text)
    assert [(a.label, a.title) for a in doc.annexes] == [("附件", "某市2011年政府工作任务分解表")]
    assert [(t.path, [u.name for u in t.units]) for t in doc.tasks] == [
        ("附件/1", ["市发改委", "市统计局"]), ("附件/2", ["市财政局"])]
    assert any("no 附件 label was read as an annex" in w for w in doc.warnings)


def test_a_table_in_a_plain_text_body_gives_its_rows_as_tasks():
    text = ("2025年民生实事项目\n序号 | 实事项目 | 责任单位 | 配合单位 |\n1 | 新建中小学7所。 | 区教育局 | 区发改局、区财政局 |\n"
            "2 | 新建托育驿站7家。 | 区卫生健康局 | 区妇联 |\n")
    doc = parse_text(text)
    assert [t.source for t in doc.tables] == ["text-rows"]
    assert [(t.form, t.path, [(u.name, u.role) for u in t.units]) for t in doc.tasks] == [
        ("table", "表/1", [("区教育局", "responsible"), ("区发改局", "participant"), ("区财政局", "participant")]),
        ("table", "表/2", [("区卫生健康局", "responsible"), ("区妇联", "participant")])]  # in the row's order


@pytest.mark.parametrize("sentence", [
    "本措施由厦门港口管理局负责解释。",                                  # the interpretation clause
    "对纳入由省农业农村厅牵头评定的星级名单的，按规定给予奖励。",           # a relative clause: who rates
    "争创先行区（由国家数据局牵头组织评定），全年新增算力3万P以上。",       # a note in brackets inside the sentence
])  # fmt: skip
def test_sentences_that_name_who_does_something_without_assigning_it_are_no_task(sentence):
    doc = parse_text("关于某项工作的方案\n各有关单位：\n一、任务\n（一）推进。" + sentence + "\n")
    assert doc.tasks == []


def test_names_that_share_a_stem_or_a_qualifier_stay_one_unit():
    body = ("一、任务\n（一）甲。做甲。（省发展改革委牵头，各结对市、县（市、区）政府负责落实）\n"
            "（二）乙。做乙。（市水利局牵头，各县（市、区）党委和人民政府按职责分工负责）\n"
            "（三）丙。做丙。（市商务局、市公安局、市交通运输局按各自职责负责）\n")
    doc = parse_text("关于某项工作的方案\n各有关单位：\n" + body)
    assert [[u.name for u in t.units] for t in doc.tasks] == [
        ["省发展改革委", "各结对市、县（市、区）政府"], ["市水利局", "各县（市、区）党委和人民政府"],
        ["市商务局", "市公安局", "市交通运输局"]]


def test_a_recipient_that_is_a_collective_of_zones_is_read():
    doc = parse_text("贵阳市人民政府办公厅关于印发某要点的通知\n筑府办发〔2025〕12号\n"
                     "各区(市、县)人民政府,贵安新区各直管区,市政府各工作部门:\n现印发给你们。\n贵阳市人民政府办公厅\n2025年3月1日\n")
    assert [o.name for o in doc.recipients] == ["各区（市、县）人民政府", "贵安新区各直管区", "市政府各工作部门"]


def test_a_regional_institute_or_station_opens_a_yao_sentence_and_a_market_place_does_not():
    body = "一、任务\n（一）县卫生监督所要加强对学校卫生的监督检查。公共场所要落实消毒制度。\n"
    doc = parse_text("关于某项工作的通知\n各有关单位：\n" + body)
    assert [[u.name for u in t.units] for t in doc.tasks] == [["县卫生监督所"]]


def test_a_unit_left_to_send_word_later_is_a_running_text_task():
    doc = parse_text("关于做好某项工作的通知\n各有关单位：\n一、培训安排\n培训具体时间由区档案局另行通知。\n")
    assert [(t.form, [(u.name, u.role) for u in t.units]) for t in doc.tasks] == [
        ("running_text", [("区档案局", "responsible")])]


def test_a_running_text_task_of_an_indented_item_has_that_items_path():
    text = "关于做好某项工作的通知\n各区人民政府：\n  一、各责任单位要高度重视。\n  二、市考评办要将目标纳入绩效考核。\n"
    assert [(t.path, [u.name for u in t.units]) for t in parse_text(text).tasks] == [("二", ["市考评办"])]


def test_a_table_of_livelihood_projects_is_a_task_table_and_units_one_a_line_are_one_list():
    text = ("关于分解民生实事的通知\n各乡镇：\n现将民生实事分解如下。\n附件：民生实事分解表\n附件\n民生实事分解表\n"
            "序号\n\n民生实事\n\n责任单位\n\n完成时限\n\n1\n\n启动建设湿地公园。\n\n县水务局\n\n县住建局\n\n12月底前\n\n"
            "2\n\n新建2座人行天桥。\n\n县住建局\n\n9月投入使用\n")
    doc = parse_text(text)
    assert [(t.path, [u.name for u in t.units]) for t in doc.tasks] == [("附件/1", ["县水务局", "县住建局"]),
                                                                      ("附件/2", ["县住建局"])]


def test_a_task_cell_that_names_what_it_builds_is_no_unit_list():
    from policyparse.extract.table_fit import cell_kind

    assert [cell_kind(t) for t in ("共建集成电路产业学院", "市人社局、市教育局", "建设局", "组织部")] == [
        "label", "units", "units", "units"]


def test_forms_of_batches_thirty_two_and_thirty_three():
    text = ("山西省人民政府办公厅关于印发某行动计划的通知\n晋政办发〔2026〕5号\n各市人民政府：\n现印发给你们。\n"
            "山西省人民政府办公厅\n2026年3月9日\n某行动计划\n一、任务\n（一）甲。做甲。（省工信厅、省科技厅分别牵头，省财政厅配合）\n"
            "（二）乙。将任务落实情况纳入年度考核（考核工作由省考核办负责组织）。\n本行动计划自印发之日起施行。\n"
            "抄送：省委各部门。\n山西省人民政府办公厅2026年3月12日印发\n")
    doc = parse_text(text)
    [enc] = doc.enclosed
    assert [(t.path, t.lead_units) for t in enc.tasks] == [("一(一)", ["省工信厅", "省科技厅"])]
    assert enc.effective is not None and enc.effective.date == "2026-03-12"  # the 版记's 印发 date, organ and date touching


def test_a_printed_line_whose_date_stands_under_the_organ_gives_the_printed_date():
    text = ("湖南省人民政府办公厅关于印发某措施的通知\n湘政办发〔2025〕9号\n各市州人民政府：\n现印发给你们。\n"
            "湖南省人民政府办公厅\n2025年7月8日\n某措施\n一、任务\n（一）甲。做甲。（省商务厅）\n本措施自印发之日起施行。\n"
            "抄送：省委各部门。\n湖南省人民政府办公厅\n2025年7月10日印发\n")
    doc = parse_text(text)
    assert (doc.printed_by, doc.printed_date) == ("湖南省人民政府办公厅", "2025-07-10")
    assert doc.enclosed[0].effective is not None and doc.enclosed[0].effective.date == "2025-07-10"


def test_units_joined_with_lian_he_share_a_running_text_task_and_none_leads():
    body = "一、任务\n（七）推动融合。市文化广电旅游局要联合市商务局、市体育局，策划推出系列活动。\n"
    [t] = parse_text("关于做好某项工作的实施方案\n各有关单位：\n" + body).tasks
    assert ([(u.name, u.role) for u in t.units], t.lead_units) == (
        [("市文化广电旅游局", "responsible"), ("市商务局", "responsible"), ("市体育局", "responsible")], [])


def test_a_bar_line_in_the_place_of_a_covered_cell_of_a_barless_table_continues_the_cell_above():
    text = ("附件\n任务分工表\n序号\n重点任务\n牵头单位\n参与单位\n完成时限\n1\n黑河口岸改造\n省商务厅\n黑河市人民政府\n2026年12月底前\n"
            "2\n绥芬河口岸改造\n|\n牡丹江市人民政府\n|\n3\n东宁口岸扩能\n省交通运输厅\n牡丹江市人民政府\n持续推进\n")
    table = only_table(text)
    assert table.rows == [["1", "黑河口岸改造", "省商务厅", "黑河市人民政府", "2026年12月底前"],
                          ["2", "绥芬河口岸改造", "省商务厅", "牡丹江市人民政府", "2026年12月底前"],
                          ["3", "东宁口岸扩能", "省交通运输厅", "牡丹江市人民政府", "持续推进"]]
    assert {c.span_rule for c in table.cells if c.row_span > 1} == {"covered_in_place"}


def test_a_bar_line_that_closes_every_row_leaves_covered_the_cells_a_row_lacks():
    # each cell ends in a bar and a lone bar closes every row, the header too: a row of fewer cells
    # lacks what is merged from above, here its 政策类型 (the grouping column), not its 政策要点
    text = ("附件\n某市稳就业重点任务清单\n|\n序号  |\n政策类型  |\n政策要点  |\n主要措施  |\n牵头单位  |\n配合单位  |\n|\n"
            "1  |\n助企纾困  |\n降低费率  |\n延续实施阶段性降低失业保险费率的政策。  |\n市人社局  |\n市财政局  |\n|\n"
            "2  |\n稳岗返还  |\n按规定返还失业保险费，资金直接拨付企业。  |\n市人社局  |\n市税务局  |\n|\n"
            "3  |\n扩岗补助  |\n就业见习  |\n开发见习岗位，给予见习补贴。  |\n团市委  |\n市人社局  |\n|\n")
    table = only_table(text)
    assert [r[:3] for r in table.rows] == [["1", "助企纾困", "降低费率"], ["2", "助企纾困", "稳岗返还"],
                                           ["3", "扩岗补助", "就业见习"]]
    assert [r[4:] for r in table.rows] == [["市人社局", "市财政局"], ["市人社局", "市税务局"], ["团市委", "市人社局"]]
    assert any("bar_line_closes_every_row" in (c.span_rule or "") for c in table.cells if c.row_span > 1)
    # the page holds the annex only: its rows are numbered under the label it opens with
    assert [(t.path, t.lead_units) for t in parse_text(text).tasks] == [
        ("附件/1", ["市人社局"]), ("附件/2", ["市人社局"]), ("附件/3", ["团市委"])]


def test_empty_cells_of_a_category_column_are_merged_from_above_in_a_table_a_row_a_line():
    text = ("附件\n任务清单\n序号 | 类别 | 工作任务 | 责任单位 | 完成时限\n1 | 智能制造 | 改造产线10条。 | 市工信局 | 2026年底前\n"
            "2 |  | 建设车间5个。 | 市科技局 | 2026年底前\n3 | 品牌培育 | 培育品牌3个。 | 市市场监管局 | 2027年底前\n")
    assert [r[1] for r in only_table(text).rows] == ["智能制造", "智能制造", "品牌培育"]


def test_a_clause_on_what_one_listed_unit_does_adds_no_unit_to_the_list():
    t = "关于某事的实施方案\n一、任务\n（一）办好展会。做好成果展示。（市农业农村局、市科技局，其中市科技局负责成果发布）\n"
    [task] = parse_text(t).tasks
    assert [(u.name, u.role) for u in task.units] == [("市农业农村局", "responsible"), ("市科技局", "responsible")]


def test_a_role_word_inside_the_leading_organs_name_does_not_hide_its_hui_tong():
    t = "关于某事的实施方案\n一、任务\n（一）扩大保险。由国家金融监督管理总局某市监管分局会同市财政局推动保险机构开发产品。\n"
    [task] = parse_text(t).tasks
    assert ([u.name for u in task.units], task.lead_units) == (
        ["国家金融监督管理总局某市监管分局", "市财政局"], ["国家金融监督管理总局某市监管分局"])


def test_units_that_support_a_running_text_lead_take_part_and_a_hui_tong_list_ends_where_its_work_begins():
    head = "关于某事的实施方案\n一、任务\n（一）深化建设。"
    [t] = parse_text(head + "新区管委会要牵头完善平台功能，市科技局、市住建局给予支持。\n").tasks
    assert [(u.name, u.role) for u in t.units] == [("新区管委会", "lead"), ("市科技局", "participant"), ("市住建局", "participant")]
    [t] = parse_text(head + "由农牧厅会同科技厅实施肉牛、肉羊良种联合攻关。\n").tasks
    assert ([(u.name, u.role) for u in t.units], t.lead_units) == ([("农牧厅", "lead"), ("科技厅", "participant")], ["农牧厅"])


def test_a_mass_organisation_named_with_its_level_opens_a_running_text_task():
    head = "关于某事的实施方案\n一、任务\n（一）加强保护。"
    [t] = parse_text(head + "市总工会、市妇联要组织开展关爱活动。\n").tasks
    assert [(u.name, u.role) for u in t.units] == [("市总工会", "responsible"), ("市妇联", "responsible")]
    assert parse_text(head + "市互联网企业要加强自律。\n").tasks == []


def test_a_transmitted_list_printed_under_the_covers_annex_label_numbers_its_rows_under_it():
    text = ("某市某局关于印发《某产业任务清单》的通知\n某局发〔2025〕3号\n各有关单位：\n现将《某产业任务清单》印发给你们。\n"
            "附件：某产业任务清单\n某市某局\n2025年3月20日\n附件\n某产业任务清单\n序号|重点方向|工作任务|责任单位|完成时限\n"
            "1|原料基地|新建示范基地10个。|市农业农村局|2025年12月\n2||推广综合种养。|市农业农村局、市水产站|2025年10月\n")
    doc = parse_text(text)
    [enc] = doc.enclosed
    assert [t.path for t in enc.tasks] == ["附件/1", "附件/2"]
    assert [r[1] for r in enc.tables[0].rows] == ["原料基地", "原料基地"]


def test_recipients_named_with_their_party_group_are_read():
    text = ("中共某市委办公室关于印发某要点的通知\n某党办发〔2025〕6号\n各旗县区委，市委各部、委，市直各单位党组（党委），各人民团体：\n"
            "现印发给你们。\n中共某市委办公室\n2025年2月26日\n")
    assert [r.name for r in parse_text(text).recipients] == ["各旗县区委", "市委各部、委", "市直各单位党组（党委）", "各人民团体"]


def test_a_named_places_government_zone_or_company_opens_a_running_text_task():
    head = "关于某事的行动计划\n一、任务\n（六）完善配套。"
    for opener, units in (("泉港区人民政府、惠安县人民政府要", ["泉港区人民政府", "惠安县人民政府"]),
                          ("某某高新区管委会要", ["某某高新区管委会"]), ("国网某市供电公司要", ["国网某市供电公司"])):
        [t] = parse_text(head + opener + "加快推进园区供水建设。\n").tasks
        assert [u.name for u in t.units] == units
    assert parse_text(head + "地方人民政府要加快推进园区供水建设。\n").tasks == []


def test_a_rule_in_a_headings_brackets_covers_that_part_and_a_rule_naming_a_part_covers_it():
    body = ("关于某事的行动计划\n一、总体要求\n做好工作。\n二、攻坚行动（以下所列各项工作，责任单位排序首位的单位负责牵头组织实施）\n"
            "（一）治理污染。开展治理。（州水务局、州生态环境局）\n三、保障措施\n（一）加强宣传。开展宣传。（州委宣传部、州文旅局）\n")
    doc = parse_text(body)
    assert [(t.path, t.lead_units) for t in doc.tasks] == [("二(一)", ["州水务局"]), ("三(一)", [])]
    assert [(r.scope, r.declared_in) for r in doc.lead_rules] == [("section", "二")]
    assert [n.title for n in doc.outline] == ["总体要求", "攻坚行动", "保障措施"]  # the bracketed note is no part of the title
    # 华阴 (corpora/genre/heldout200/p02): a note without a comma in it, a bracket of years kept
    short = parse_text("关于某事的实施方案\n一、提升景区品质（各项任务第一个单位为牵头单位）\n（一）完善设施。（市文化和旅游局、市住房和城乡建设局）\n"
                       "二、重点项目（2025—2027年）\n（一）建设项目。（市发展和改革局）\n")
    assert [n.title for n in short.outline] == ["提升景区品质", "重点项目（2025—2027年）"]
    assert [(t.path, t.lead_units) for t in short.tasks][0] == ("一(一)", ["市文化和旅游局"])
    named = ("关于某事的实施意见\n一、总体要求\n做好工作。\n二、重点任务\n（一）打造村寨。推出精品。（州文旅局、州住建局）\n"
             "三、支持措施\n（一）加大投入。统筹资金。（州财政局、州文旅局）\n四、组织保障\n"
             "（一）明确分工。本意见第二部分所列各项任务，责任单位居首位的为牵头单位。\n")
    assert [(t.path, t.lead_units) for t in parse_text(named).tasks] == [("二(一)", ["州文旅局"]), ("三(一)", [])]


def test_a_participants_field_may_be_named_can_yu():
    [t] = parse_text("关于某事的行动计划\n一、任务\n（一）建设港口。推进建设。（牵头：市港口发展中心；参与：市交通运输局、某某海关）\n").tasks
    assert [(u.name, u.role) for u in t.units] == [("市港口发展中心", "lead"), ("市交通运输局", "participant"),
                                                 ("某某海关", "participant")]


def test_a_lead_mark_in_a_unit_cell_names_the_lead_and_a_person_column_is_merged_like_the_others():
    text = ("附件\n任务清单\n序号 | 工作内容 | 责任领导 | 责任单位 | 完成时限\n1 | 新建基地5万亩 | 王某某 | 市农业农村局（牵头）、市财政局 | 2025年12月底前\n"
            "2 | 新增节水灌溉3万亩 |  | 市水务局（牵头）、市农业农村局 | 2025年10月底前\n")
    doc = parse_text(text)
    assert [(t.lead_units, [u.name for u in t.units]) for t in doc.tasks] == [
        (["市农业农村局"], ["市农业农村局", "市财政局"]), (["市水务局"], ["市水务局", "市农业农村局"])]
    assert [r[2] for r in doc.tables[0].rows] == ["王某某", "王某某"]


def test_a_rule_opening_a_part_before_its_items_covers_that_part():
    body = ("关于某事的行动计划\n一、总体要求\n做好工作。\n二、重点任务\n以下任务中，责任单位排序第一的负责牵头抓总。\n"
            "（一）发展产业。推进建设。（县经信局、县财政局）\n三、保障措施\n（一）加强宣传。开展宣传。（县委宣传部、县经信局）\n")
    assert [(t.path, t.lead_units) for t in parse_text(body).tasks] == [("二(一)", ["县经信局"]), ("三(一)", [])]


def test_a_bureaus_own_sections_are_units():
    [t] = parse_text("关于某事的工作要点\n一、任务\n（一）发布清单。推广应用案例。（装备工业科、数字经济科）\n").tasks
    assert [u.name for u in t.units] == ["装备工业科", "数字经济科"]


def test_genre_batch_47_holds_its_first_run_figures():
    _holds_floors("gold_heldout47", {"tasks": 0.86, "units": 0.83, "leads": 0.80, "table_rows": 0.85})


def test_genre_batch_53_holds_its_figures():
    """Batch 53 (Shenyang, Harbin, Nanning, Kunming; 121 tasks), first run: tasks 0.926, leads 0.777, tables 0.857, rows
    0.667 (a note 居前者为牵头单位, 此项由X牵头 inside a field or before it, group rows printed without the table's bars). Read
    since. Held apart because its gold reads a cell printed as ``—`` in a table one cell a line as a merged cell continued
    from above; the project reads ``—`` as an empty cell (none), as governments print it, so four rows differ."""
    _holds_floors("gold_heldout53", {"tasks": 0.99, "units": 0.99, "leads": 0.99, "table_rows": 0.85})


def test_genre_batch_54_holds_its_figures():
    """Batch 54 (杭州西湖区, 济南, 厦门, 成都; 104 tasks), first run: tasks 0.577, leads 0.549, rows 0.485 (running text
    with 按照职责分工 / 共同负责 / X牵头建立…，Y配合, a * that marks the lead, an empty mark compared as empty). Read since.
    Its bar table with a two-row header (责任单位 over 牵头单位 and 配合单位) is read since: every row exact. Held apart: its
    实施细则 assigns duties in 第X条 articles, which the project reads as standing duties, not tasks (15 tasks)."""
    _holds_floors("gold_heldout54", {"tasks": 0.92, "units": 0.93, "leads": 0.97, "table_rows": 1.0})


def test_genre_batches_62_and_63_hold_their_figures():
    """Batch 62 (景德镇, 十堰, 亳州, 长垣; 110 tasks), first run: tasks 0.991, leads P 0.857 R 0.960, rows 36/38 (a 牵头单位/配合单位
    column whose slash parts lead and partners, 本项所列各项工作 over an item's sub-items; read since: leads 0.980). Held apart:
    its gold reads blank 备注 cells as merged (the project reads a free-text column's blank cell as blank) and a bracket
    opening with its deadline (2025年10月底前完成；X、Y) is not read. Batch 63 (江阴, 温岭, 福安, 滕州; 108 tasks), first run:
    tasks 0.986, leads 0.897, rows 31/39 (a cover rule naming 第二部分和第四部分, 双牵头, a rule over the body only (正文),
    除第（三）项、第（七）项…外, an indicator table's 单位 and 2026年目标 columns; read since: leads 0.960, rows 36/39). Held
    apart: three rows whose one unit cell fits 牵头单位 or 配合单位 equally (a reported tie) take the other column."""
    for batch, floors in (("gold_heldout62", {"tasks": 1.0, "units": 1.0, "leads": 0.98, "table_rows": 0.94}),
                          ("gold_heldout63", {"tasks": 1.0, "units": 0.98, "leads": 0.96, "table_rows": 0.92})):
        _holds_floors(batch, floors)


def test_genre_batch_77_holds_its_figures():
    """Batch 77 (韶关, 孝感, 锦州; three notices, 92 tasks), first run: envelope R 0.571, tasks P 0.972 R 0.750, leads P 0.809
    R 0.611, rows 17/21 (a 版头 that is the organ's name without 文件; field names in brackets, 【责任单位】; （牵头） after a unit
    in the middle of a bare list; read since: envelope, tasks 1.000). Held apart: 锦州's table prints the bar of a covered
    cell after the row's own cells, so four rows whose one unit cell fits 牵头单位 or 配合单位 equally (a reported tie) take
    the covered 牵头单位 where the gold covers 配合单位 (and the body's own task for one of them names the lead the parser takes)."""
    _holds_with_lead_partner_ties("77", "p03_jinzhou_qiche_lingbujian_chanye_jiqun_gongzuo_fangan.txt",
                                  {"tasks": 1.0, "units": 0.97, "leads": 0.95, "table_rows": 0.80}, ties=4)


def _holds_floors(gold_dir: str, floors: dict[str, float]):
    """Evaluate ``corpora/genre/<gold_dir>`` and assert that each family's F1 reaches its floor; the report, for more checks."""
    report = evaluate(GENRE / gold_dir, root=GENRE.parents[1])
    got = {fam: report.scores[fam].f1 for fam in floors}
    assert all(got[f] >= floors[f] for f in floors), (gold_dir, got, [m for m in report.mismatches if m.family in floors])
    return report


def _holds_with_lead_partner_ties(batch: str, tied_file: str, floors: dict[str, float], ties: int) -> None:
    """The batch's figures reach ``floors``, and ``tied_file`` reports ``ties`` rows whose one unit cell fits 牵头单位 or
    配合单位 equally (each a warning with its evidence, never a silent choice)."""
    _holds_floors(f"gold_heldout{batch}", floors)
    found = [f.message for d in parse(GENRE / f"heldout{batch}" / tied_file).walk()
             for f in d.findings if f.kind == "table_placement_ambiguous"]
    assert len(found) == ties and all(re.search(r"fit 牵头单位(?: / \w+)? or 配合单位(?: / \w+)? equally", m) for m in found), found


def test_genre_batch_94_holds_its_figures():
    """Batch 94 (铜陵, 新余, 平凉; three notices, 90 tasks), first run: units P 0.950 R 0.892, leads 0.922, tables 2/3, rows 18/28
    (a table of yearly targets per county with no number column; organs with their other names joined by 和/及; read
    since: tasks 1.000, tables 3/3). Held apart, as in batch 77: 铜陵's table merges 配合单位 while 牵头单位 changes every
    row, the covered cell's bar printed after the row's cells, so four rows whose one unit cell fits 牵头单位 or 配合单位
    equally (a reported tie) take the covered 牵头单位 where the gold covers 配合单位."""
    _holds_with_lead_partner_ties("94", "p01_tongling_tongji_xincailiao_shishi_fangan.txt",
                                  {"tasks": 1.0, "units": 0.96, "leads": 0.95, "table_rows": 0.85}, ties=4)


def test_genre_batch_99_holds_its_figures():
    """Batch 99 (承德, 三门峡, 达州; three notices, 74 tasks), first run: tasks R 0.986, leads R 0.949 (塞罕坝机械林场: 林场
    no organ ending; read since). Held apart: 达州's rule opening part 二 (以下所列任务涉及多个单位的，排在首位的单位牵头) is
    part 二's for the project, where the gold carries it to a dash task of 三、保障措施 (one lead)."""
    _holds_floors("gold_heldout99", {"tasks": 1.0, "units": 1.0, "leads": 0.99, "table_rows": 1.0})


def test_genre_batch_100_holds_its_figures():
    """Batch 100 (娄底, 茂名, 佳木斯; three notices, 72 tasks), first run as now: a company's short name (华菱涟钢) in a
    partner list drops that clause's units; and in 茂名's table, where 配合单位 and 完成时限 merge together, three rows
    whose one unit cell fits 牵头单位 or 配合单位 equally (reported ties) take the covered 牵头单位, the gold 配合单位."""
    _holds_with_lead_partner_ties("100", "p02_maoming_lizhi_chanye_xingdong_fangan.txt",
                                  {"tasks": 1.0, "units": 0.97, "leads": 0.95, "table_rows": 0.85}, ties=3)


def test_genre_batch_111_holds_its_figures():
    """Batch 111 (自贡, 黔南州, 吴忠; three notices, 73 tasks), first run: tasks R 0.986, leads R 0.800, rows 21/22 (a 注 rule
    排在最前面的一个单位为牵头单位; a college opening a 要-sentence; read since). Held apart, as in batches 77, 94 and 100:
    自贡's row 4 prints its two covered cells as one line ``||`` after its serial, task and one unit cell, which fit
    牵头单位 / 完成时限 or 配合单位 / 完成时限 equally (a reported tie); the parser covers 牵头单位, the gold 配合单位."""
    _holds_with_lead_partner_ties("111", "p01_zigong_caideng_wenhua_chanye_shishi_fangan.txt",
                                  {"tasks": 1.0, "units": 0.99, "leads": 0.98, "table_rows": 0.95}, ties=1)


def test_genre_batch_117_holds_its_figures():
    """Batch 117 (雅安, 延安, 陇南; three notices, 76 tasks), first run as now. Held apart: 延安's table row 2 prints one unit
    cell and one covered cell; every complete row shows one unit under 牵头单位 and two under 配合单位, so the one-unit cell
    fits 牵头单位 better and the parser covers 配合单位, where the gold merges 牵头单位 over rows 1-3. Row 3 (one unit cell
    of two units, one covered cell) continues the placement of row 2, as a row with as many covered cells as the row
    above does where the fits differ by the cells' sizes only: its two units read as row 3's leads, where the gold has
    them as partners."""
    _holds_floors("gold_heldout117", {"tasks": 1.0, "units": 0.97, "leads": 0.95, "table_rows": 0.91})


def test_genre_batch_123_holds_its_figures():
    """Batch 123 (浏阳, 耒阳, 冷水江; three notices of the seed's own form), first run: units 0.977, leads 0.970, rows 27/30
    (a task cell opening with 组建 placed as a unit; read since). Held apart, as in batches 77, 94, 100 and 111: 耒阳's
    rows 2-3, whose one unit cell fits 牵头单位 or 配合单位 equally (reported ties), take the covered 牵头单位 where the gold
    merges 配合单位 over three rows."""
    _holds_floors("gold_heldout123", {"tasks": 1.0, "units": 0.98, "leads": 0.98, "table_rows": 0.93})
    found = [f.message for d in parse(GENRE / "heldout123" / "p02_leiyang_youcha_chanye_xingdong_fangan.txt").walk()
             for f in d.findings if f.kind == "table_placement_ambiguous"]
    assert any("lines 60-63: the covered cells fit 牵头单位 or 配合单位 equally" in m for m in found), found


def test_genre_batch_151_of_notices_copied_out_of_pdfs_holds_its_figures():
    """Batch 151 (安阳, 寿光, 荣成; the plainest form, no annex table), each notice the text a PDF copy gives: lines broken
    every 30 characters, inside names and brackets, page-number lines between pages. First run: tasks 0.418 (every line
    read as a paragraph); the plain-text reader joins them now (``tests/io/test_io_text_reflow.py``)."""
    _holds_floors("gold_heldout151", {"envelope": 1.0, "tasks": 1.0, "units": 1.0, "leads": 1.0, "effective": 1.0})
    # batch 157 (太仓, 海宁, 奉贤): copies at 26, 30 and 35 characters a line, page lines —N—, - N - and 第N页
    _holds_floors("gold_heldout157", {"envelope": 1.0, "tasks": 1.0, "units": 1.0, "leads": 1.0})


def test_genre_batch_181_of_other_outlines_holds_its_figures():
    """Batch 181 (高安, 丰城, 分宜; the plainest form, no annex table) varies the outline: 一、/（一）/1./（1） four levels deep,
    a 实施办法 of 第X章/第X条 whose articles assign, and a decimal 1 / 2.1 / 2.1.1 plan. First run: every family 1.000."""
    _holds_floors("gold_heldout181", {"envelope": 1.0, "outline": 1.0, "tasks": 1.0, "units": 1.0, "leads": 1.0})


def test_genre_batch_182_holds_its_figures():
    """Held apart. Batch 182 (东台, 仪征, 丹阳; PDF copies, no table): one field line is broken at the blank before its
    完成时限, so the deadline stands on a printed line of its own, left out of the assignment as every such line is; the gold
    keeps it. (Batch 186, held apart with it until bars alone on their lines were read in place only where no cell then
    stands under a column of another kind, is in GENRE_SETS now.)"""
    _holds_floors("gold_heldout182", {"envelope": 1.0, "tasks": 0.97, "units": 0.97, "leads": 0.97})


def test_genre_batch_149_holds_its_figures():
    """Batch 149 (安吉县, 天台县, 婺源县; three notices of the seed's own form), first run as now. Held apart: two rows print
    their one unit cell after the task with 序号, 行动 and 牵头单位 merged from above (the tie its brief asked writers to
    avoid); the parser reports each placement it could take. The second of them continues the merges of the row above
    (牵头单位, as the gold has it); the first, after a row with fewer covered cells, covers 重点任务 where the gold covers
    牵头单位."""
    _holds_floors("gold_heldout149", {"tasks": 1.0, "units": 0.98, "leads": 0.97, "table_rows": 0.95})
    found = [f.message for d in parse(GENRE / "heldout149" / "p02_tiantai_hehe_wenlv_gongzuo_fangan.txt").walk()
             for f in d.findings if f.kind == "table_placement_ambiguous"]
    assert any("lines 68-70: the covered cells fit" in m for m in found), found


def test_genre_batch_155_holds_its_figures():
    """Batch 155 (台山, 英德, 北流; three notices of the seed's own form), first run as now. Held apart: 英德's row
    开展英德红茶电商直播活动 | 市商务局 | — | ||| has one unit cell and an empty mark after its task; the covered cells fit
    several placements equally (reported), the parser reads 市商务局 as the lead and — as the 配合单位, the gold covers
    牵头单位 and reads — as the 完成时限 (and the next row takes its covered lead from this one)."""
    _holds_floors("gold_heldout155", {"tasks": 1.0, "units": 0.98, "leads": 0.95, "table_rows": 0.89})
    found = [f.message for d in parse(GENRE / "heldout155" / "p02_yingde_hongcha_chanye.txt").walk()
             for f in d.findings if f.kind == "table_placement_ambiguous"]
    assert any("lines 77-79: the covered cells fit" in m for m in found), found


def test_genre_batches_128_and_129_hold_their_figures():
    """Batch 128 (黑河, 松原, 武威), first run: leads 0.942, rows 24/25 (duty lines whose later duty leads; read since).
    Held apart: 松原's row 3, a reported lead/partner tie (the parser covers 牵头单位, the gold 配合单位), and 武威's 注 over
    rows of 两个以上 units, where the gold gives single-unit rows no lead. Batch 129 (平遥, 富平, 兰考), first run as now: a
    company branch's name (…平遥分公司) cut at the company."""
    for batch, floors in (("128", {"tasks": 1.0, "units": 0.98, "leads": 0.96, "table_rows": 0.96}),
                          ("129", {"tasks": 1.0, "units": 0.99, "leads": 1.0, "table_rows": 1.0})):
        _holds_floors(f"gold_heldout{batch}", floors)


def test_genre_batch_106_holds_its_figures():
    """Batch 106 (马鞍山, 咸宁, 绥化; three notices, 62 tasks), first run: tasks R 0.903, units P 0.929, leads R 0.978 (a row
    naming its lead in 牵头单位 and again first in 责任单位 kept the unit twice; read since). Held apart: 绥化's 责任分工
    part, X：牵头负责…；会同Y…；配合做好…, which the gold splits into a task per clause where the project reads an organ's
    duty item as one task with the role its duties give (six tasks)."""
    report = _holds_floors("gold_heldout106", {"tasks": 0.94, "units": 0.97, "leads": 0.98, "table_rows": 1.0})
    assert report.scores["units"].precision == 1.0


def test_genre_batch_82_holds_its_figures():
    """Batch 82 (衢州, 常德, 南阳; three notices, 95 tasks), first run: tasks R 0.874, leads P 0.894 R 0.728, rows 20/22 (half-width
    brackets padded with blanks, 只列一个单位的，由该单位牵头 beside a separator rule, a part's 不分牵头配合; read since: tasks 1.000,
    units 0.995, leads 0.988). Held apart: 南阳's table carries a 牵头单位 merged through a group row (二、|精深加工提升|||) in two
    rows; the parser leaves those cells empty and says so in the table's warnings."""
    _holds_floors("gold_heldout82", {"tasks": 1.0, "units": 0.99, "leads": 0.98, "table_rows": 0.90})
    [table] = [t for d in parse(GENRE / "heldout82" / "p03_nanyang_aicaoye_gaozhiliang_xingdong_jihua.txt").walk()
               for a in d.annexes for t in a.tables]
    assert sum("no cell above can hold it" in w for w in table.warnings) == 2, table.warnings


def test_genre_batch_55_holds_its_figures():
    """Batch 55 (Changsha, Wuhan, Zhengzhou, Xi'an; 102 tasks), first run: tasks 1.000, units 0.994, leads P 0.926 R 0.989,
    rows 0.974 (the roles a rule names, 主办单位要牵头…, read as units; read since). Held apart: its gold reads 各项工作的
    责任单位中，名列第一者负总责 opening part 二 as that part's rule, where the project reads 各项 as every task of the
    document; and one bar-table row whose two printed cells fit two placements."""
    _holds_floors("gold_heldout55", {"tasks": 0.99, "units": 0.99, "leads": 0.95, "table_rows": 0.97})


def test_two_documents_a_cover_transmits_under_annex_labels_are_both_enclosed_a_list_of_rows_stays_an_annex():
    from policyparse.pipeline import parse_text

    text = ("济宁市人民政府关于印发《济宁市大运河文化保护传承利用实施方案》《济宁市运河文旅融合攻坚行动方案》的通知\n济政发〔2026〕6号\n"
            "各县（市、区）人民政府：\n现将《济宁市大运河文化保护传承利用实施方案》《济宁市运河文旅融合攻坚行动方案》印发给你们，请认真贯彻执行。\n"
            "附件：1.济宁市大运河文化保护传承利用实施方案\n2.济宁市运河文旅融合攻坚行动方案\n3.济宁市运河文旅融合攻坚任务清单\n"
            "济宁市人民政府\n2026年2月27日\n附件1\n济宁市大运河文化保护传承利用实施方案\n一、总体目标\n到2027年，遗产得到系统保护。\n"
            "附件2\n济宁市运河文旅融合攻坚行动方案\n一、攻坚目标\n到2027年，建成项目20个。\n二、攻坚任务\n（一）建设运河风光带。（市文化和旅游局、市水务局）\n"
            "附件3\n济宁市运河文旅融合攻坚任务清单\n序号 | 项目名称 | 牵头单位 | 完成时限\n1 | 运河风光带 | 市文化和旅游局 | 2027年12月底前\n"
            "2 | 夜间消费集聚区 | 市商务局 | 2026年12月底前\n")
    doc = parse_text(text)
    assert [e.title for e in doc.enclosed] == ["济宁市大运河文化保护传承利用实施方案", "济宁市运河文旅融合攻坚行动方案"]
    assert [(a.label, len(a.tables)) for a in doc.annexes] == [("附件3", 1)]
    assert [t.path for t in doc.enclosed[1].tasks] == ["二(一)"]


def test_the_office_of_a_body_the_text_describes_has_its_remit_and_no_task_unless_it_is_made_to_lead():
    # 长丰 / 安义 (corpora/genre/heldout203/p03, heldout205/p02): 成立…专班…。专班办公室负责日常协调…; 徐州 (corpora/roles/heldout32)
    # 由领导小组办公室牵头，制定目标考核办法: there it is assigned work
    head = "关于某事的行动计划\n一、重点任务\n（一）做好工作。（县农业农村局）\n二、保障措施\n"
    described = parse_text(head + "（一）强化组织推动。建立由县农业农村局牵头的草莓产业链工作专班，实行一月一调度。"
                                  "专班办公室负责日常协调、信息汇总和督促检查等工作。\n")
    assert [t.form for t in described.tasks] == ["parenthetical"]
    assigned = parse_text(head + "（一）完善考核。要建立健全考核体系，由领导小组办公室牵头，制定目标考核办法。\n")
    assert [(t.form, t.lead_units) for t in assigned.tasks][1:] == [("running_text", ["领导小组办公室"])]


def test_genre_batches_188_and_195_of_the_seeds_form_hold_their_figures():
    """Held apart. Batch 188 (张家港, 靖江, 启东; the seed's form), first run: tasks 0.900, rows 15/27 (a bar line per covered
    cell; 工业园 as a unit; read since). 靖江's table merges 配合单位 over three rows while 牵头单位 changes: two rows whose
    one unit cell fits 牵头单位 or 配合单位 equally (reported ties) take the covered 牵头单位 where the gold covers 配合单位;
    启东's row covering 牵头单位 and 完成时限 prints one unit, which fits 牵头单位 better by the sizes of the complete rows'
    cells, where the gold covers 牵头单位 (a reading the layout cannot tell apart). Batch 195 (枣阳, 宜城, 普宁), first run
    as now: 普宁's row covering 牵头单位 and 完成时限 prints its 配合单位 list, a reported tie read with the list leading."""
    _holds_with_lead_partner_ties("188", "p02_jingjiang_chuanbo_haigong_shishi_fangan.txt",
                                  {"tasks": 1.0, "units": 0.97, "leads": 0.94, "table_rows": 0.88}, ties=2)
    _holds_with_lead_partner_ties("195", "p03_puning_fangzhi_fuzhuang_shuzihua_xingdong_jihua.txt",
                                  {"tasks": 1.0, "units": 0.99, "leads": 0.97, "table_rows": 0.96}, ties=1)


def test_genre_batch_207_of_the_seeds_form_holds_its_figures():
    """Held apart. Batch 207 (海城, 庄河, 凤城; the seed's form), first run as now: two rows under a merged cell print one
    unit cell each. 凤城's fits 牵头单位 or 配合单位 equally (a reported tie) and is read as the partner, where the gold has
    the lead printed and the partners merged; 庄河's names two units, which fit 牵头单位 by the complete rows' cells (one
    lead cell names two), where the gold has the partners printed and the lead merged."""
    _holds_floors("gold_heldout207", {"tasks": 1.0, "units": 0.98, "leads": 0.96, "table_rows": 0.93})
    found = [f.message for d in parse(GENRE / "heldout207" / "p03_fengcheng_zhongyaocai_chanye_gongzuo_fangan.txt").walk()
             for f in d.findings if f.kind == "table_placement_ambiguous"]
    assert any("lines 80-83: the covered cells fit 牵头单位 or 配合单位 equally" in m for m in found), found



def test_a_body_formed_in_a_later_clause_does_not_turn_the_lead_statement_before_it_into_a_description():
    # 吴中 (corpora/genre/heldout217/p03): 由区科技局牵头，区农业农村局、东山镇参与，推动…，组建由农技人员和制茶能手组成的技术服务队
    doc = parse_text("关于某事的方案\n一、重点任务\n（一）做好工作。（区农业农村局）\n二、保障措施\n（一）强化科技支撑。由区科技局牵头，"
                     "区农业农村局、东山镇参与，推动与科研院所合作，组建由农技人员和制茶能手组成的技术服务队，常态化开展技术指导。\n")
    assert [(t.form, t.lead_units, [u.name for u in t.units]) for t in doc.tasks][1:] == [
        ("running_text", ["区科技局"], ["区科技局", "区农业农村局", "东山镇"])]


def test_recipients_that_are_state_farms_ranches_or_forest_farms_are_read():
    # 锡林浩特 (corpora/genre/heldout226/p03): 白音锡勒牧场、毛登牧场 among the 主送机关
    text = ("某市人民政府办公室关于印发某方案的通知\n某政办发〔2025〕37号\n各苏木镇人民政府、街道办事处，白音锡勒牧场、毛登牧场，"
            "市直各有关部门：\n现印发给你们。\n某市人民政府办公室\n2025年7月7日\n")
    assert [r.name for r in parse_text(text).recipients] == ["各苏木镇人民政府、街道办事处", "白音锡勒牧场、毛登牧场", "市直各有关部门"]


def test_a_table_cell_of_two_field_lines_is_its_rows_units_and_no_task_of_its_own():
    # 扎兰屯 (corpora/genre/heldout226/p02): a cell a line, the 责任单位 cell printed as 牵头单位：X / 配合单位：Y |
    rows = [("1", "新增能繁母牛补贴发放", "市农牧局", "市财政局、各乡镇人民政府", "2025年12月底前"),
            ("2", "肉牛良种繁育场建设", "市农牧局", "市动物疫病预防控制中心", "2026年6月底前"),
            ("3", "冷链仓储设施建设", "市发展和改革委员会", "市商务局", "2026年9月底前")]
    cells = "".join(f"{n} |\n{task} |\n牵头单位：{lead}\n配合单位：{part} |\n{when} |\n" for n, task, lead, part, when in rows)
    text = ("某市人民政府关于印发某方案的通知\n各乡镇人民政府：\n现印发给你们。\n某市人民政府\n2025年8月22日\n某方案\n一、重点任务\n"
            "（一）做好工作。\n附件\n重点任务清单\n序号 |\n重点任务 |\n责任单位 |\n完成时限 |\n" + cells)
    tasks = [t for d in parse_text(text).walk() for t in d.tasks]
    assert [(t.form, t.path, t.lead_units, [u.name for u in t.units]) for t in tasks] == [
        ("table", f"附件/{n}", [lead], [lead, *part.split("、")]) for n, _, lead, part, _ in rows]


def test_a_task_list_the_cover_transmits_by_name_beside_its_plan_is_a_second_enclosed_document_holding_its_table():
    # 鄞州 / 龙泉 (corpora/genre/heldout218/p02, heldout225/p01): 现将《A方案》和《B重点任务清单》印发给你们, 附件1 the plan,
    # 附件2 the list printed as a table: both are transmitted documents; the list's rows stay numbered under its label
    text = ("某市人民政府办公室关于印发某产业实施方案和重点任务清单的通知\n某政办发〔2025〕27号\n各乡镇人民政府：\n"
            "经市政府同意，现将《某产业实施方案》和《某产业重点任务清单》印发给你们，请认真组织实施。\n"
            "附件：1.某产业实施方案\n2.某产业重点任务清单\n某市人民政府办公室\n2025年5月16日\n"
            "附件1\n某产业实施方案\n一、重点任务\n（一）建设基地。（市农业农村局、市财政局）\n"
            "附件2\n某产业重点任务清单\n序号|任务名称|牵头单位|配合单位|完成时限\n1|建设种质资源库|市农业农村局|市林业局|2026年12月底\n"
            "2|开展质量抽检|市市场监督管理局|市农业农村局|每年11月底\n")
    doc = parse_text(text)
    assert [(e.title, [a.label for a in e.annexes]) for e in doc.enclosed] == [
        ("某产业实施方案", []), ("某产业重点任务清单", ["附件2"])]
    assert doc.annexes == []
    listed = doc.enclosed[1]
    assert [(t.path, t.lead_units) for t in listed.tasks] == [("附件2/1", ["市农业农村局"]), ("附件2/2", ["市市场监督管理局"])]
    assert listed.evidence["title"].text == "某产业重点任务清单"  # the title line under the label


def test_a_note_in_brackets_after_a_transmitted_lists_title_is_no_part_of_its_title():
    # 临洮 (corpora/genre/heldout303/p03): 附件2 / …重点任务分工表（排第一位的为牵头单位）: the rule is a note, the title the name
    text = ("某县人民政府办公室关于印发某产业工作方案的通知\n某政办发〔2025〕58号\n各乡镇人民政府：\n"
            "现将《某产业工作方案》《某产业重点任务分工表》印发给你们，请认真抓好贯彻落实。\n"
            "附件：1.某产业工作方案\n2.某产业重点任务分工表\n某县人民政府办公室\n2025年9月26日\n"
            "附件1\n某产业工作方案\n一、重点任务\n（一）建设基地。（县农业农村局、县财政局）\n"
            "附件2\n某产业重点任务分工表（排第一位的为牵头单位）\n序号|重点任务|责任单位|完成时限\n"
            "1|建设基地|县农业农村局、县财政局|2026年12月\n2|培育品牌|县商务局、县市场监督管理局|2027年6月\n")
    doc = parse_text(text)
    assert [e.title for e in doc.enclosed] == ["某产业工作方案", "某产业重点任务分工表"]
    listed = doc.enclosed[1]
    assert listed.evidence["title"].text == "某产业重点任务分工表"
    assert [(t.path, t.lead_units) for t in listed.tasks] == [("附件2/1", ["县农业农村局"]), ("附件2/2", ["县商务局"])]


def test_a_task_list_the_cover_transmits_after_an_annex_it_does_not_name_is_still_a_document_of_its_own():
    # 古交 (corpora/genre/heldout243/p02): 现将《A计划》及《B清单》印发; the plan after the signature, 附件1 a duty list
    # (not named), 附件2 the list
    text = ("某市人民政府关于印发某产业三年行动计划的通知\n某政发〔2025〕14号\n各乡镇人民政府：\n"
            "现将《某产业三年行动计划》及《某产业重点任务清单》印发给你们，请认真贯彻执行。\n"
            "附件：1.某产业有关单位责任分工\n2.某产业重点任务清单\n某市人民政府\n2025年8月19日\n"
            "某产业三年行动计划\n一、重点任务\n（一）建设基地。（市农业农村局、市财政局）\n"
            "附件1\n某产业有关单位责任分工\n市农业农村局：负责基地建设。\n"
            "附件2\n某产业重点任务清单\n序号|任务内容|牵头单位|完成时限\n1|建设基地|市农业农村局|2026年12月\n2|培育品牌|市商务局|2027年6月\n")
    doc = parse_text(text)
    assert [e.title for e in doc.enclosed] == ["某产业三年行动计划", "某产业重点任务清单"]
    assert [a.label for d in doc.walk() for a in d.annexes] == ["附件1", "附件2"]
    assert [t.path for t in doc.enclosed[1].tasks] == ["附件2/1", "附件2/2"]


def test_a_transmitted_list_whose_table_opens_with_a_bar_is_a_document_of_its_own_too():
    # 乐昌 (corpora/genre/heldout254/p02): | 序号 | 项目名称 | … | under 附件2, the 清单 the notice transmits by name
    text = ("某市人民政府关于印发某产业行动计划的通知\n某府〔2025〕9号\n各镇人民政府：\n"
            "现将《某产业行动计划》《某产业重点项目清单》印发给你们，请认真贯彻执行。\n附件：1.某产业行动计划\n2.某产业重点项目清单\n"
            "某市人民政府\n2025年11月5日\n附件1\n某产业行动计划\n一、重点任务\n（一）建设基地。（市农业农村局、市财政局）\n"
            "附件2\n某产业重点项目清单\n| 序号 | 项目名称 | 牵头单位 | 建设年限 |\n| 1 | 种植基地 | 北乡镇人民政府 | 2026年 |\n"
            "| 2 | 冷链物流园 | 市供销合作联社 | 2027年 |\n")
    doc = parse_text(text)
    assert [(e.title, [a.label for a in e.annexes]) for e in doc.enclosed] == [
        ("某产业行动计划", []), ("某产业重点项目清单", ["附件2"])]
    assert [t.path for t in doc.enclosed[1].tasks] == ["附件2/1", "附件2/2"]


def test_a_transmitted_list_printed_as_the_plans_own_unnumbered_annex_leaves_the_plan_enclosed_before_it():
    # 黄岩 (corpora/genre/heldout266/p01): 现将《A方案》和《B分解表》印发; the plan after the signature with its own 附件：
    # line, then 附件 / the 分解表: the label prints the second document, the plan stays the first
    text = ("某区人民政府办公室关于印发某产业实施方案的通知\n某政办发〔2025〕41号\n各乡镇人民政府：\n"
            "《某产业实施方案》和《某产业重点任务分解表》已经区政府同意，现印发给你们，请认真贯彻落实。\n"
            "某区人民政府办公室\n2025年9月16日\n某产业实施方案\n一、重点任务\n（一）建设平台。（区科学技术局、区财政局）\n"
            "（二）改造车间。（区经济和信息化局）\n附件：某产业重点任务分解表\n附件\n某产业重点任务分解表\n"
            "序号|重点任务|牵头单位|配合单位|完成时限\n1|建设平台|区科学技术局|区财政局|2026年12月底前\n"
            "2|改造车间|区经济和信息化局|/|2027年12月底前\n")
    doc = parse_text(text)
    assert [e.title for e in doc.enclosed] == ["某产业实施方案", "某产业重点任务分解表"]
    plan, listed = doc.enclosed
    assert [t.path for t in plan.tasks] == ["一(一)", "一(二)"]
    assert [t.path for t in listed.tasks] == ["附件/1", "附件/2"]


def test_a_transmitted_lists_title_over_two_lines_above_its_table_is_joined():
    # 射阳 (corpora/genre/heldout269/p01): 附件2 / 射阳县…培育壮大 / 重点任务清单 / 序号…
    text = ("某县人民政府办公室关于印发某产业工作方案的通知\n某政办发〔2025〕41号\n各镇人民政府：\n"
            "《某产业工作方案》和《某县新能源装备产业链培育壮大重点任务清单》已经县政府同意，现印发给你们。\n"
            "附件：1．某产业工作方案\n2．某县新能源装备产业链培育壮大重点任务清单\n某县人民政府办公室\n2025年5月12日\n"
            "附件1\n某产业工作方案\n一、重点任务\n（一）建设基地。（县工信局、县发改委）\n"
            "附件2\n某县新能源装备产业链培育壮大\n重点任务清单\n序号|重点任务|牵头单位|完成时限\n"
            "1|整机生产线改造|县工信局|2025年12月底前\n2|光伏项目招引|县商务局|2025年12月底前\n")
    doc = parse_text(text)
    assert [e.title for e in doc.enclosed] == ["某产业工作方案", "某县新能源装备产业链培育壮大重点任务清单"]
    assert [t.path for t in doc.enclosed[1].tasks] == ["附件2/1", "附件2/2"]
