"""corpora/roles (real excerpts, issue 20): each task with its units, leads and the role of each unit as
the gold gives them, the standing assignments, and a recall check over every shipped text: every
parenthetical that holds an organ name and an action word is a task, or is listed with the reason it
assigns nothing."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from policyparse.evaluate import evaluate, norm
from policyparse.extract.assignment_text import is_standing_clause
from policyparse.extract.lead_rules import match_rule
from policyparse.extract.parentheticals import find_parentheticals
from policyparse.extract.unit_lists import field_role, role_data

from conftest import CORPORA, ROOT, parsed

ROLES = CORPORA / "roles"
# gold_heldout5: 20 excerpts of real 责任分解 / 工作事项 / 若干措施 notices (2006-2025, State Council to county level),
# gold committed before the parser ran; first run: tasks P 1.000 R 0.586 (34/58), units R 0.616, leads R 0.489
# (22/45), no wrong lead. The general gaps: a transmitted document whose title ends in no kind word (事项, 责任分解)
# was dropped after the signature with its tasks; [牵头单位：…] brackets; a 部门分工：A牵头，B配合 field; a rule
# closing a 责任单位： line; 为牵头或汇总单位; a 下同 after a body rule was never seen (^ in a pattern used with pos).
# gold_heldout6: 19 more real excerpts (2010-2024; districts to provinces), gold committed before the parser ran, on the
# parser that reads batch 5 at 1.000; first run: tasks P 1.000 R 0.422 (19/45), units R 0.476, leads R 0.467, no wrong
# task. The gaps: a person field before the unit field ((责任领导：X；牵头单位：Y)); 现转给你们 as a transmitting verb;
# 总牵头; 由X负责(落实) and 由X会同Y… in running text; organs named without region (政府督查室、监察局要…).
GOLD_DIRS = ("gold_dev", "gold_heldout", "gold_heldout2", "gold_heldout3", "gold_heldout4", "gold_heldout5",
             "gold_heldout6")
GOLDS = sorted(p for d in GOLD_DIRS for p in (ROLES / d).glob("*.facts.json"))


#: known gaps, each with the reason; strict, so a fix shows up as a failure to remove the mark
KNOWN_GAPS = {
    "18_chizhou_chuangyou_sizui_yingshang_huanjing_yijian_2017_excerpt": (
        "sub-items written inline in their item's paragraph (1.深化商事制度改革。(1)全面落实…(X牵头负责)(2)…) are not "
        "outline items, so the two tasks' paths are 一1 where the gold has 一1(1) and 一1(2) (units, roles, leads right)"),
}


def _case(p: Path, gaps: dict[str, str] | None = None):
    stem = p.name.split(".")[0]
    marks = [pytest.mark.xfail(reason=gaps[stem], strict=True)] if gaps and stem in gaps else []
    return pytest.param(json.loads(p.read_text(encoding="utf-8")), id=stem, marks=marks)


@pytest.mark.parametrize("g", [_case(p, KNOWN_GAPS) for p in GOLDS])
def test_each_assignment_has_the_units_and_roles_the_gold_gives(g):
    doc = parsed(str(ROOT / g["file"]))
    want = [(t["path"], norm(t["assignment_text"]), [norm(u) for u in t["units"]], t["roles"], [norm(u) for u in t["lead_units"]])
            for t in g.get("tasks", []) + g.get("more_tasks", [])]
    got = [(t.path, norm(t.assignment_text), [norm(u.name) for u in t.units], [u.role for u in t.units], [norm(u) for u in t.lead_units])
           for d in doc.walk() for t in d.tasks]
    assert sorted(got) == sorted(want)  # the gold lists parentheticals, then running-text tasks; the parse is in text order


@pytest.mark.parametrize("g", [_case(p) for p in GOLDS])
def test_each_standing_assignment_is_recorded_with_its_units(g):
    doc = parsed(str(ROOT / g["file"]))
    got = [(norm(s.text), [norm(u.name) for u in s.units], s.scope) for d in doc.walk() for s in d.standing_assignments]
    want = [(norm(s["text"]), [norm(u) for u in s["units"]], s["scope"]) for s in g.get("standing_assignments", [])]
    assert got == want
    for d in doc.walk():
        for s in d.standing_assignments:
            assert norm(doc.text[s.span.start:s.span.end]) == norm(s.text)


@pytest.mark.parametrize("gold_dir", GOLD_DIRS)
def test_the_roles_sets_hold_their_measured_scores(gold_dir):
    report = evaluate(ROLES / gold_dir, root=ROOT)
    for fam in ("tasks", "units", "leads"):
        assert report.scores[fam].f1 == 1.0, [m for m in report.mismatches if m.family == fam]


# --- recall over every shipped text ---------------------------------------------------------------

_ORGAN = re.compile(r"(?:部|委|厅|局|办|署|院|政府|中心|总社|海关|部门|单位)")
_WORDS = sorted({w["text"] for w in role_data()["words"]} | {"统筹", "推动", "推进", "组织", "督促"}, key=len, reverse=True)
_ACTION = re.compile("|".join(map(re.escape, _WORDS)))

#: why a parenthetical that names an organ and an action word assigns nothing; each reason is a test on its text
REASONS = [
    ("declares a lead rule, names no unit", lambda s: match_rule(s) is not None),
    ("an abbreviation (以下简称…)", lambda s: "简称" in s),
    ("says who is responsible inside a place (…内由X负责), assigns no task", lambda s: re.search(r"内由.{2,30}负责$", s) is not None),
    ("says where a body's office sits (办公室设在X), assigns no task", lambda s: re.search(r"办公室设在", s) is not None),
    ("says who holds a post (X主要负责同志兼任), assigns no task", lambda s: re.search(r"负责同志(?:兼任|担任)", s) is not None),
    ("an exclusion from the task's scope (不含由X负责管理的…, …由X负责核定的…除外), assigns no task",
     lambda s: re.match(r"^(?:不含|不包括|含)", s) is not None or s.endswith("除外")),
    ("a note on who handles one case (涉及药品的，由省药监局负责监管), not the task's assignment",
     lambda s: re.match(r"^(?:涉及|对于|属于)[^，]{1,20}的[，,]", s) is not None),
    ("names only a collective (由各行政执法部门负责…), no named unit", lambda s: re.search(
        r"(?:^|由)(?:各|有关|相关)[\u4e00-\u9fff]{1,12}(?:部门|单位|机关)负责", s) is not None),
    ("a note on who handles part of the task's subject (林木种子由林业主管部门负责), not the task's assignment",
     lambda s: re.match(r"^(?:其中[，,]?)?[\u4e00-\u9fff]{2,12}由其?[\u4e00-\u9fff（）、]{2,24}负责", s) is not None),
    ("a person's post leads or convenes (由市政府分管副市长牵头召集), no unit",
     lambda s: re.search(r"(?:长|主任|书记|负责同志|领导)(?:牵头|负责|召集|担任)", s) is not None),
    ("a body's secretariat or liaison (由X负责日常联络 / 日常工作), assigns no task",
     lambda s: re.search(r"负责[^，。；]{0,8}日常(?:工作|事务|联络)", s) is not None),
    ("a statute's publication and revision history", lambda s: re.search(r"令第.{1,6}号(?:发布|公布)", s) is not None),
    ("explains a mark that names the lead (标注“（牵头）”的为牵头部门), assigns no task",
     lambda s: re.search(r"(?:标注|加注|标有|标记)[“”\"（()★*※]*(?:牵头|★|※|\*)", s) is not None),
    ("a field's name printed in brackets (〔牵头单位〕A　〔配合单位〕B), read with its field line",
     lambda s: field_role(s) is not None),
    ("a standing assignment only (recorded in standing_assignments)", lambda s: all(is_standing_clause(c) for c in re.split("[，。；]", s) if c.strip())),
]


def _texts() -> list[Path]:
    return sorted(p for p in CORPORA.rglob("*.txt") if "fragments" not in p.parts)


def test_every_parenthetical_with_an_organ_and_an_action_is_a_task_or_has_a_reason(capsys):
    listed: list[tuple[str, str, str | None]] = []
    for p in _texts():
        doc = parsed(str(p))
        starts = {t.span.start for d in doc.walk() for t in d.tasks}
        # a unit cell's closing bracket naming its lead (A、B（B牵头）) is read by the table row it closes: that row's
        # last unit ends where the bracket opens, and its leads are the units the bracket names
        cell_marks = {(u.span.end, lead) for d in doc.walk() for t in d.tasks if t.form == "table" and t.lead_basis == "explicit"
                      for u in t.units for lead in t.lead_units}
        for par in find_parentheticals(doc.text, 0, len(doc.text)):
            text = norm(par.text).replace("(", "（").replace(")", "）").replace(",", "，").replace(";", "；")
            if not (_ORGAN.search(text) and _ACTION.search(text)) or par.start in starts:
                continue
            if any((par.start - k, text.removesuffix("牵头")) in cell_marks for k in (0, 1)):
                continue
            reason = next((r for r, test in REASONS if test(text)), None)
            listed.append((p.name, text, reason))
    with capsys.disabled():
        print(f"\n{len(listed)} parentheticals name an organ and an action word and are not tasks:")
        for name, text, reason in listed:
            print(f"  {name}: （{text[:70]}） -> {reason or 'NO REASON'}")
    assert all(r is not None for _, _, r in listed), [x for x in listed if x[2] is None]
    assert listed, "the corpora hold such parentheticals (lead rules, 以下简称 …): a scan that finds none is broken"


# gold_heldout7: 20 more real excerpts (2003-2025), gold committed before the parser ran. First run: tasks P 0.800 R 0.276
# (8/29), units R 0.262, leads R 0.235. Fixed since, in general: a titled document after the signature that the cover does
# not name is read as enclosed (it was dropped with its tasks); 由X负责/承办，Y配合/协办; 区政府要…; a 会同 report of work done
# (…编制形成了…) is no task; 以下政策措施均需… is a standing clause; 专班 ends a unit. Still missed, each with its reason:
# duty clauses of 第X条 articles (the project reads articles as standing duties, not tasks: 延安 ×4, 菏泽, 甘肃 第三条); a
# table printed cells-in-a-line (平顶山) or one cell per line without bars (嘉兴); 由办\n公室 (a line break inside a
# name); a sentence that names only a collective (各市（州）人民政府负责…); the unit 人民大垸、荒湖管理区 (a 、 inside a
# name). Held at the figures it reaches now. Since (with roles batches 8 and 9): tables in a plain-text body are read
# (嘉兴, 平顶山; the gold's rows aligned to the table form, path 表/<序号>) and X党委和人民政府 is one unit: tasks R 0.724,
# leads R 0.824.
def test_the_seventh_real_batch_holds_its_floor_and_invents_no_task():
    report = evaluate(ROLES / "gold_heldout7", root=ROOT)
    tasks, leads = report.scores["tasks"], report.scores["leads"]
    assert tasks.precision == 1.0 and leads.precision == 1.0, [m for m in report.mismatches if m.family in ("tasks", "leads")]
    assert tasks.recall >= 0.72 and leads.recall >= 0.82


# gold_heldout8: 16 more real excerpts (国办 to county, 1997-2024; 56 assignments), gold committed before the parser ran.
# First run: tasks P 1.000 R 0.268 (15/56), units P 0.947 R 0.346, leads P 0.833 R 0.200. Fixed since, in general:
# 以X牵头 and other list openers are no part of the name; 等国务院相关部门及各地区 ends the list at 等 and adds 各地区;
# 相关职能部门 is generic; a table printed one row a line (text-rows) and a titled table after the signature with no 附件
# label (the notice's annex) are read: tasks R 0.589, leads R 0.600, precision 1.000. Still missed, each with its reason: a
# header printed inside a run-on line (常熟: the whole cover on one line); duty clauses of 第X条 articles (湖北, 内蒙古, 西宁,
# 石柱: 13 tasks, read as standing duties). Held at the figures it reaches now.
# (the floors of batches 8 and 9 are held by test_the_later_real_batches_hold_their_floors below)


# gold_heldout9: 16 more real excerpts (districts, counties, cities, 国务院; 2013-2025; 27 assignments), gold committed
# before the parser ran. First run (the writer's, on the parser before roles batch 8's fixes): tasks P 0.900 R 0.333, leads
# P 0.800 R 1.000. Fixed since, in general: a 预期目标 / 指标 column is a task column (a 分解表 of targets with their 责任单位);
# <> brackets keep 各县<市、区>人民政府 one unit; X牵头，会同Y起草了《…》 reports work done. The gold's table rows were aligned to
# the table form (附件1/<序号>). Still missed, each with its reason: rows printed with | between cells next to a 责任领导
# persons column (临安, 霍山: read since, tables of a plain-text body; gold rows aligned to path 表/<序号>); a 要-sentence
# that is its item's heading (一、县卫生监督所要…: read since, 所 ends a regional organ); 由X另行通知 (read since); 由X…合作共建.
# Now tasks R 0.963 (26/27), leads 4/4.
# (held below)


# gold_heldout10: 24 more real excerpts (1998-2024, a central department to counties; 53 assignments), gold committed before
# the parser ran. First run: tasks P 0.812 R 0.245, leads P 1.000 R 0.615. Fixed since, in general: 由X负责同志兼任 names a
# person's post (no task). Still missed, each with its reason: duty clauses of 第X条 articles (天津, 东营, 陕西, 四川, 延安,
# 宿迁, 重庆, 国家海洋局: about 20 tasks; the project reads articles as standing duties, and most name organ classes such as
# 区县水行政主管部门, not organs). Read since: a 民生实事 column is a task column (大竹, 10 rows), an indented 三、…
# paragraph has its item's path (武汉), and a bar table whose every row, the header too, is closed by a lone bar line, on
# a page that holds the annex only (汉中: rows 附件/<序号>): tasks R 0.491, leads R 0.769. Held here.
# gold_heldout11: 13 more real excerpts (江西, 山西, 江苏, 浙江, 陕西, 内蒙古; 2008-2024; 23 assignments), gold committed before
# the parser ran. First run: tasks P 0.652 R 0.652, units P 0.590 R 0.426, leads P 0.167 R 0.267. Fixed since, in general: a bar
# table whose empty cells are a bar alone in their place (袁州); a 牵头领导 column names persons, not the lead units; units
# written with a space between them (县教体局 各相关乡镇政府); towns (…镇, …乡) are units; a field glued onto a unit field
# (责任单位：莲塘镇任务目标：…); 一是…十是 enumerators; X会同Y…进行了督查 reports work done. Still missed, each with its reason: a
# table whose rows merge two task columns into one cell (崇川: 10 labels, 9 cells a row, so its units go to the wrong
# columns and it holds most of the wrong leads); a header whose labels and cells are broken over lines with no bar (江山:
# 建设起 / 止年限). Read since: leads named by a heading over the items it holds (山西: （二）省审计厅牵头的工作; the gold's
# assignment text of two field tasks aligned to their field line, as its own other field tasks have it). Now tasks P 0.840
# R 0.913, leads R 0.800.
# gold_heldout12: 12 more real excerpts (黑龙江, 辽宁, 鞍山, 成都, 长沙, 辽中, 单县, 泾县, 丰宁; 2012-2024; 73 assignments),
# gold committed before the parser ran. First run: tasks P 0.905 R 0.521, units P 0.836 R 0.509, leads P 0.852 R 0.535. Fixed
# since, in general: a persons' field before the unit fields (牵头领导：X，牵头单位：Y…); a field of units of another role
# (数据提供单位：…, role other); 主办 beside 协办 leads (data: paired_roles; the gold had it responsible, aligned); each clause
# of a sentence opened by named organs and 要 is a task (各单位要…，农业农村局要…，财政局要…); 财政局/民政局/市政局 are units
# (政局 was a non-unit ending); a table with a section row inside is a body table (表/<序号>: the gold's paths aligned).
# Still missed, each with its reason: a table whose cells are broken over lines with bars (长沙: 市政 / 府办 / 公厅); units
# named by function with the level left out (交通部门, 住建部门, 县气象部门: classes, not organs, by the project's convention);
# lists that drop the province on later units (省发改委、农委、统计局分别负责). Now tasks P 1.000 R 0.753, leads R 0.830.
# gold_heldout13: 12 more real excerpts (河南, 六安, 潍坊, 黄冈, 铜川, 新密, 潜山, 金乡, 嘉鱼, 渝中, 兴隆台; 2020-2025; 66
# assignments), gold committed before the parser ran. First run: tasks P 0.944 R 0.773, units P 0.977 R 0.767, leads P 0.870
# R 0.625. Fixed since, in general: assignment parentheticals of an annex printed as text after the signature (嘉鱼: 附件1 /
# （一）…[牵头单位：X；责任单位：Y]). Still missed, each with its reason: a table printed one cell a line whose rows the
# parser reads as running text (潍坊: right units and leads, wrong form) and a row naming three leads with 分别牵头落实;
# departments named by sector only (发改和粮食物资储备、农业农村等部门要…, 潜山); X要做好牵头抓总 (兴隆台); a cover
# flattened into one line (河南); 产业园/物流园 named as units (金乡). Now tasks P 0.949 R 0.849, leads R 0.781.
# gold_heldout14: 11 more real excerpts (浙江, 杭州, 丽水, 兰州, 上城, 吴江, 平湖, 海盐, 衡东, two unnamed cities; 2009-2024; 73
# assignments), gold committed before the parser ran, scored at the end of the session that merged it: tasks P 0.867 R 0.534,
# leads P 1.000 R 0.857. Read since: items whose organ is their title ((二十一)市公安局。负责…): tasks P 0.882 R 0.616. Not yet
# worked: …等部门，要… with a comma before 要, a table read as one row (吴江, ★ marks), 经信局 with no region. Read since: a
# body flattened into one line (海盐: cut where its blanks stood), a rule after a field's first unit: leads R 0.964.
# gold_heldout15: 8 real excerpts (芜湖, 江西, 咸宁, 湖北 2008 and 十二五, 山西, 江苏, 湖南; 2006-2025; 43 assignments), gold
# committed before the parser ran. First run: tasks P 0.909 R 0.465, leads P 0.864 R 0.487. Read since, in general: the
# persons over the work before a bracket's units (分管副省长、协管副秘书长负责，…), a row table numbered (1)(2) with its section
# rows, a unit field closing an item's own line (…。责任单位：A牵头，B配合。), classes of units said to lead (由省政府有关部门及
# 设区市人民政府牵头和配合). Still missed: a table one cell a line with no bars and no 序号 after a contents list (咸宁), bare
# lists holding cities (宜昌市、襄樊市), a page flattened to one line whose heading names the lead (山西).
# gold_heldout16: 10 real excerpts (辽宁, 江苏, 广东, 湖南, 山东, 天津, 成都, 武汉, 蔡甸, 海城; 2006-2023; 62 assignments), gold
# committed before the parser ran. First run: tasks P 0.965 R 0.887, leads P 0.955 R 0.875. Read since: a news repost run
# into one paragraph (部门分工：… after a blank), X配合Y落实, a lead that two fields name. Still missed: 区绩效考评机构要….
# gold_heldout17: 10 real excerpts (海淀, 东城, 顺义, 大兴, 奉贤, 普陀, 松江, 金山, a city's 应急避难场所 duties; 2016-2025;
# 47 assignments), gold committed before the parser ran. First run: tasks P 1.000 R 0.702, leads R 0.917. Read since: a bare
# list closed by 。 inside its bracket, a duty list 2.市发展改革委：负责… (会同Y: it leads), 等 followed by a class (区房管局等
# 公共企事业单位行业主管部门). Still missed: the first item of a page that starts mid-list (read as its recipients), an item
# run into the line before.
# gold_heldout18: 8 real excerpts (a 重庆 county's 河长制 news, 苍南, 六安 ×3, 永善, 湟中, 淅川; 2014-2022; 51 assignments), gold
# committed before the parser ran. First run: tasks P 0.966 R 0.549, leads R 0.583. Read since: a field after a comma in a
# report's item line (1、农村道路畅通工程，牵头部门：市交通局。…), 即 before an organ, 负责人 no role word, an organ's other
# name in brackets before 负责 (县住建局（城管局）负责…). Still missed: 由A、B…等按照有关规定处置 (a verb no role word names), a
# news account of a meeting whose leads are persons and whose organs drop the county (九重镇落实, 林业局).
# gold_heldout19 (4 excerpts: 池州, 江门, 三门峡, 辛集; 34 assignments): first run tasks P 0.842 R 0.471; read since:
# 各县〔市、区〕政府 whole; later, 江门's bar table with no number column, its rows printed from the left when their
# category cell is merged (3.… | 各科室 | |), its row paths the numbers its cells print (一1, 二3). Still missed: a table
# one cell a line with a bar line between cells and a serial column the header does not name.
# gold_heldout20 (5 excerpts: 赤壁, 九江, 新田, 郸城, 紫阳; 14 assignments): first run tasks P 0.875 R 0.500, leads R 0.800;
# read since: organs each told what to do after a collective's clause, X要发挥好牵头协调作用 (X leads). Still missed:
# 由X负责的第1件… (a relative clause). Read since roles batch 22: departments named by their sector (水利部门要…).
# gold_heldout21 (9 excerpts: 通山, 马关, 岳阳, 建湖, 鹿城, 平利, 咸宁, 溆浦, 湘西; 57 assignments, mostly 创文/创卫 inspection
# reports): first run tasks P 0.838 R 0.544, units R 0.413; read since: a unit field and its deadline field run into one line
# (整改责任单位：X 整改时限：…日前, a deadline before a day), plants (污水处理厂) as units, a problem table (问题描述 | 责任单位)
# whose first row's bar line is its empty 备注, 主体责任/监督责任 fields (responsible, supervise). Still missed: a table run
# into paragraphs whose units follow each problem's text (鹿城), 包片单位 before a unit's name, 由X承接 (湘西).
# gold_heldout22 (10 excerpts: 内蒙古, 深圳, 绍兴, a 重庆 county, 九江, 商城, 石家庄, a northern city, 文登, 延安; 71 assignments,
# mostly 通告 and 职责分工 duty lists): first run tasks P 1.000 R 0.408, leads R 0.000; read since: departments named by their
# sector (公安部门负责…, 教育部门应当…), 由X主办，Y协办 in running text (X leads), a 涉及部门 | 职责分工 table, 协助. Still
# missed: lists of sectors (公安、交通运输、城管等部门), organs named without their region (工商局).
# gold_heldout23 (9 excerpts: 山东, 嵊泗, 深圳, 全椒, 高港, 开封, 中卫, 遂宁, 宣城; 62 assignments): first run tasks P 0.861
# R 0.500; read since: an item titled with an organ over its numbered duties. Still missed: tables flattened one cell a
# line with no bars and no row numbers (嵊泗, 高港), the paths of a page that opens inside a part (深圳), sector lists.
# gold_heldout24 (9 excerpts: two 国务院 census notices, 湖北 census duties, 北京, 三明, 开化, a 责任清单 table, 嵩明 ×2; 55
# assignments, duty lists): first run tasks P 1.000 R 0.309; read since: a site's banner before the title (its issuer was
# read as 法搜网…), 配合 in a duty list (takes part), a unit field after 。 and a blank. Still missed: a national
# notice's duty list of ministries (湖北, 国务院), a 职责边界 table one cell a line without numbers.
# gold_heldout25 (7 excerpts: 国务院抗震救灾总指挥部 2008, three emergency plans, 湖州, a 民生 list, 调兵山; 50 assignments):
# first run tasks P 0.692 R 0.540, leads 20/24; read since: an excerpt whose decimal outline opens mid-count (4.2, 4.2.1
# as paths), a duty section's lines with any verb (5、部门主要职责：省民政厅组织、协调…; 省经委协调…), 武警部队 / 市武警支队,
# 市政部门 (a sector), X以及A、B等部门 (an organ and a sector list), 等有关部门（单位）. Still missed: classes of bodies
# (医疗急救机构, 各级医院, 社区组织, 公安(含武警、消防)、卫生等基本应急救援队伍), 红十字会 without its level.
# gold_heldout26 (9 excerpts: 国务院 分工意见 2016 and 人才 items, 国办函 2005/2007, 陕环办发 2008, 广东 绿地 方案, a province's
# income-check duty list, a city's 生态 规划纲要 duties, 平利 2015; 43 assignments): first run tasks P 0.952 R 0.465, leads
# R 0.650; read since: departments named by their sector before a colon (（三）税务部门：负责…), 侨办 inside a list, 牵头 or
# 会同 in a duty item's later clause (city items 16–18), a page's first line as an item (15、市卫生局：…), a duty section's
# lines labelled by a colon (省建设厅：牵头组织…), 由X具体负责 / 由X承担 / 由X研究提出 / 由X督促, 负责配合 (takes part). Still
# missed: 由X核拨, 由省建设负责牵头 (the name cut on the page), a group's bracketed lead (工作小组(财政部牵头)负责…).
# gold_heldout27 (8 excerpts of 7 documents: 兴安盟 sandstorm plan, 黑龙江 新农村 duties ×2, 南宁 2007, 辽宁 令第192号, 恩施州
# 议案 plan, 漯河 duties, a city's 建设局 duties moved; 45 assignments): first run tasks P 0.944 R 0.378, leads 0/1; read
# since: a page opening inside an organ's items keeps the organ headings after it (十五、省人力资源和社会保障厅), an organ
# heading over a paragraph (三、省委政法委), organs named without their level under a duty section (（七）成员单位职责 /
# （2）财政局：…), A、B协同C负责… (A, B take part), X为…的牵头责任单位 with its 协办单位 in the next sentence. Still missed:
# duties of 第X条 articles (辽宁, read as standing duties), a 领导小组 and 各城区政府 in 南宁's paragraph, a text with no numbers.
# gold_heldout28 (9 excerpts: 广东 妇女/儿童 plan tables, 肇庆, 连江, 福州, 柯桥, 灵璧, a 民族乡 plan, 青海; 51 assignments):
# first run tasks P 0.667 R 0.275, leads P 0.400 R 0.182; read since: field lines apart by blank lines with 协作单位 (take
# part), 主办单位 beside 协办单位 (leads; beside 牵头单位 responsible; alone, a site's footer, nothing), a row table with its
# category before the number and printed on its first row only, a unit cell with its head's name (市民政局 伍泽国), a
# table's header row as the text's first line, 由X、Y共同组织实施. Still missed: the 广东 tables whose two unit columns run together, the
# 柯桥 progress table, paths of category-numbered rows (一/1, where the parser says 表/1).
# gold_heldout29 (one 沅陵 news report, 5 assignments: a quota list 具体是:房产局100套,住建局200套…): first run finds none
# and invents none; held at that (no rule is built on one document).
# gold_heldout30 (义乌 山洪 指南 draft, 西藏 抗旱条例; 8 assignments, all in 第X条 articles): first run finds none and
# invents none (articles state standing duties, not a plan's tasks); held at that.
# gold_heldout31 (上海 and 邹城 news, 陕西 令 第五条, 监利 责任清单 flattened into one line, a 气象灾害 plan's duties; 31 assignments):
# first run tasks P 1.000 R 0.581, leads 0/1; read since: 市X部门 as the city's own where the city is the document's level,
# 市容 no level, 要求 no assignment, …，根据X会同Y提供… in a duty line. Still missed: the articles, the one-line table, 汽车站/火车站.
# gold_heldout34 (内蒙古 盟 pilot, 医保, 农村道路交通安全, 南昌 丧葬, 农村饮水, 三亚 创卫; 41 assignments): first run tasks
# P 1.000 R 0.415, leads R 0.700; read since: 交通部门，负责… (an organ, a comma, its duty), three or more lines in a row that
# label their organ with a colon (a duty list without its title, not 主送), X作为牵头责任单位. Still missed: a class of
# governments over a subjectless paragraph, 由A、B、C组织… inside 三亚's tasks, 盟、旗…领导小组.
# gold_heldout35 (a 五小 clean-up duty list, food safety, a 防汛抗旱 plan's member duties, 成都's 垃圾分类 table; 25
# assignments): first run tasks P 1.000 R 0.760, leads R 0.333; read since: an organ's later duty it leads by a principle
# (…；按照…的原则牵头负责…). Still missed: 成都's table cut by the site's page markers, organs whose duty opens after a time
# phrase (市城管局在风暴潮来临时,负责…) or with another verb (水务局归口管理…).
# gold_heldout36 (a 园林城市 table page, 湖南 非法集资 member duties, 宜昌 旅游 整治, a city's 扬尘 duties, 大同 艾滋病
# member duties, a national 疫情报告 规范; 40 assignments): first run tasks P 1.000 R 0.625, leads 1/1. Still missed: a
# table whose page cut its header, duty headings over their lines, 整治专班要…, a line of five governments.
# gold_heldout37 (广州 穗港 meeting duties, 株洲 珠洽会 plan, 徐州 驻外招商机构 办法; 18 assignments): first run tasks P 1.000
# R 0.444. Still missed: organs named without their level opening a duty list item, 主要做好, 第X条 standing duties.
@pytest.mark.parametrize("gold_dir, floors", [
    # (task precision, unit precision, lead precision, task recall, lead recall) each set reaches now
    ("gold_heldout8", (1.0, 1.0, 1.0, 0.58, 0.60)),
    ("gold_heldout9", (1.0, 1.0, 1.0, 0.96, 1.0)),
    ("gold_heldout10", (0.93, 0.98, 1.0, 0.56, 0.76)),
    ("gold_heldout11", (0.84, 0.92, 0.40, 0.91, 0.80)),
    ("gold_heldout12", (1.0, 1.0, 1.0, 0.79, 0.82)),
    # 潍坊's 04 is a table printed one cell a line without bars: its rows' X牵头落实 cells read as running text (units and
    # leads right, form not the gold's table), and since A、B、C分别牵头落实 reads too, all four rows
    ("gold_heldout13", (0.93, 0.95, 0.81, 0.84, 0.78)),
    ("gold_heldout14", (0.85, 0.87, 1.0, 0.65, 0.96)),  # 审计部门要…, 发改、物价、统计等部门…: sector departments, which its gold does not count
    ("gold_heldout15", (1.0, 0.95, 1.0, 0.86, 0.94)),
    ("gold_heldout16", (1.0, 0.95, 1.0, 0.98, 1.0)),
    ("gold_heldout17", (1.0, 1.0, 1.0, 0.95, 1.0)),
    ("gold_heldout18", (1.0, 1.0, 1.0, 0.84, 1.0)),
    ("gold_heldout19", (1.0, 1.0, 1.0, 0.76, 1.0)),
    ("gold_heldout20", (0.92, 0.94, 1.0, 0.85, 1.0)),
    ("gold_heldout21", (1.0, 1.0, 1.0, 0.85, 1.0)),
    ("gold_heldout22", (0.98, 0.88, 0.66, 0.84, 0.5)),
    ("gold_heldout23", (0.95, 0.98, 0.92, 0.64, 0.92)),
    ("gold_heldout24", (1.0, 1.0, 1.0, 0.74, 0.5)),
    ("gold_heldout25", (1.0, 1.0, 1.0, 0.90, 1.0)),
    ("gold_heldout26", (0.97, 0.99, 0.94, 0.93, 0.90)),
    ("gold_heldout27", (0.97, 0.97, 1.0, 0.75, 1.0)),
    ("gold_heldout28", (0.91, 0.92, 0.86, 0.60, 0.86)),
    ("gold_heldout29", (1.0, 1.0, 1.0, 0.0, 0.0)),
    ("gold_heldout30", (1.0, 1.0, 1.0, 0.0, 0.0)),
    # since a list's first organ lends its level to the short names after it, 邹城's 市交通部门和汽车站要… is read, as one unit
    ("gold_heldout31", (1.0, 0.95, 1.0, 0.64, 1.0)),
    ("gold_heldout32", (1.0, 1.0, 1.0, 0.81, 1.0)),  # 市X、Y局…: the level of the first serves the rest
    ("gold_heldout33", (1.0, 1.0, 1.0, 0.84, 0.83)),
    ("gold_heldout34", (1.0, 0.97, 1.0, 0.78, 1.0)),
    ("gold_heldout35", (1.0, 1.0, 1.0, 0.76, 0.66)),
    ("gold_heldout36", (1.0, 1.0, 1.0, 0.62, 1.0)),
    # 市建委、交委、…、各区、县级市外经贸局负责…: read since the first organ's level serves the list; the last unit is cut at
    # its inner 、 (各区 / 县级市外经贸局), where the gold keeps it whole
    ("gold_heldout37", (1.0, 0.91, 1.0, 0.55, 0.80)),
    ("gold_heldout38", (1.0, 1.0, 1.0, 1.0, 1.0)),  # 内蒙古 内政办发〔2023〕32号, 3 assignments: first run as now
    ("gold_heldout39", (1.0, 1.0, 1.0, 1.0, 1.0)),  # 盐城 and 七台河 pages, 10 assignments: first run P 0.444 R 0.400;
    # read since: a page opening with (四) and its items, an outer part (六、(一)) restarting the numbers after them
    # 国办发[1999]70号, 8 duties run together on one stored line: first run none found, none invented; read since: a block
    # whose sentences end in runs of blanks is cut there into lines, and the 1998-2003 organs (国家发展计划委员会) are known.
    # The ninth duty (水利部), cut by the stored page, is read too: the gold leaves it out
    ("gold_heldout40", (0.88, 0.88, 1.0, 1.0, 0.0)),
    # a 防灾减灾 活动方案, 旌德 防诈 宣传方案 and 儋州 禁放 news, 20 duty lines: first run tasks P 1.000 R 0.800 (organs named
    # together before a colon, 市委宣传部、文广新局：负责…, and one in quotation marks, “三防办”：负责…; read since). Left: a
    # garbled line (集统一部署,县公安局具体推进) and a garbled subject the gold splits (负有质量技术监督和工商行政主管部门要…)
    ("gold_heldout41", (1.0, 0.95, 1.0, 0.95, 0.0)),
])
def test_the_later_real_batches_hold_their_floors(gold_dir, floors):
    report = evaluate(ROLES / gold_dir, root=ROOT)
    tasks, units, leads = report.scores["tasks"], report.scores["units"], report.scores["leads"]
    got = (tasks.precision, units.precision, leads.precision, tasks.recall, leads.recall)
    assert all(g >= f for g, f in zip(got, floors, strict=True)), (got, [m for m in report.mismatches if m.family in ("tasks", "units", "leads")])


# --- forms found by roles batch 11 (real excerpts), each general -----------------------------------------------------


def test_a_bar_alone_in_the_place_of_an_empty_cell_of_a_bar_table_is_that_empty_cell():
    from policyparse.pipeline import parse_text

    text = ("2023年民生实事进展情况\n序号 |\n项目名称 |\n牵头 领导 |\n牵头单位 |\n责任单位 |\n进展情况 |\n"
            "1 |\n教育扩容工程 |\n杨 某 |\n区教体局 |\n区国投集团 各有关乡镇(街道) |\n正在施工。 |\n"
            "2 |\n医卫建设工程 |\n杨 某 |\n某某镇 |\n|\n已完工。 |\n")
    doc = parse_text(text)
    [table] = doc.tables
    assert [r[3:5] for r in table.rows] == [["区教体局", "区国投集团各有关乡镇（街道）"], ["某某镇", ""]]
    # 牵头领导 is a column of persons: the 牵头单位 column says who leads
    assert [(t.lead_units, [u.name for u in t.units]) for t in doc.tasks] == [
        (["区教体局"], ["区教体局", "区国投集团", "各有关乡镇（街道）"]), (["某某镇"], ["某某镇"])]


def test_a_field_glued_onto_a_unit_field_ends_its_value():
    from policyparse.pipeline import parse_text

    text = "关于下达民生实事项目任务的通知\n各乡镇：\n二、老旧小区改造项目\n牵头单位：县城管执法局\n责任单位：某某镇任务目标：2024年改造小区10个。\n"
    [t] = parse_text(text).tasks
    assert ([u.name for u in t.units], t.lead_units, t.assignment_text) == (
        ["县城管执法局", "某某镇"], ["县城管执法局"], "牵头单位：县城管执法局 责任单位：某某镇")


def test_an_enumerator_is_no_part_of_the_unit_and_a_report_of_work_done_is_no_task():
    from policyparse.pipeline import parse_text

    head = "关于某事的通知\n各乡镇：\n一、工作安排\n"
    [t] = parse_text(head + "四是县政府督查室要加强跟踪督查，定期通报进展。\n").tasks
    assert [u.name for u in t.units] == ["县政府督查室"]
    assert parse_text(head + "8月17日，县发改局会同县人大、县政府督查室组成联合督查组，对项目推进情况进行了实地督查。\n").tasks == []


def test_a_heading_that_names_who_leads_the_work_under_it_leads_its_tasks():
    from policyparse.pipeline import parse_text

    text = ("某省人民政府关于印发工作目标责任分解的通知\n各市人民政府：\n一、某副省长负责的工作\n（一）省监察厅牵头的工作\n"
            "加强行政监察工作。\n（二）省审计厅牵头的工作\n全面加强审计工作。\n协同单位：省直各部门和各市人民政府。\n")
    tasks = parse_text(text).tasks
    assert [(t.path, t.form, [u.name for u in t.units], t.lead_units) for t in tasks] == [
        ("一(一)", "field", ["省监察厅"], ["省监察厅"]),
        ("一(二)", "field", ["省审计厅", "省直各部门", "各市人民政府"], ["省审计厅"])]


def test_each_clause_of_a_sentence_that_named_organs_open_with_yao_is_a_task_of_its_own():
    from policyparse.pipeline import parse_text

    doc = parse_text("某县召开会议\n各单位要强化大局意识，农业农村局要加强监督管理，财政局要加强资金保障，供电公司要做好线路改造。\n")
    assert [([u.name for u in t.units], t.text) for t in doc.tasks] == [
        (["农业农村局"], "农业农村局要加强监督管理"), (["财政局"], "财政局要加强资金保障"), (["供电公司"], "供电公司要做好线路改造")]
    assert parse_text("某市召开会议\n这是市政府要做好的基本工作，必须抓好。\n").tasks == []


def test_fields_after_a_persons_field_and_of_other_roles_are_read_and_zhu_ban_leads_beside_xie_ban():
    from policyparse.pipeline import parse_text

    head = "关于分解工作任务的通知\n各部门：\n一、目标\n"
    [t] = parse_text(head + "（一）收入增长8%。（牵头领导：某某，牵头单位：市人社局，责任单位：市农业农村局；数据提供单位：市统计局）\n").tasks
    assert [(u.name, u.role) for u in t.units] == [("市人社局", "lead"), ("市农业农村局", "responsible"), ("市统计局", "other")]
    [t] = parse_text(head + "（一）投资增长30%。（省发改委主办，省工信委、省商务厅协办）\n").tasks
    assert ([(u.name, u.role) for u in t.units], t.lead_units) == (
        [("省发改委", "lead"), ("省工信委", "participant"), ("省商务厅", "participant")], ["省发改委"])


def test_an_organ_whose_name_ends_in_zheng_ju_is_a_unit():
    from policyparse.nlp import is_unit

    assert all(is_unit(n) for n in ("县民政局", "市政局", "财政局"))


def test_assignment_parentheticals_of_an_annex_printed_as_text_are_tasks():
    from policyparse.pipeline import parse_text

    text = ("某县人民政府办公室关于做好2021年重点工作的通知\n各镇人民政府：\n请按附件分工抓好落实。\n"
            "附件：1.重点工作责任分解\n某县人民政府办公室\n2021年5月12日\n附件1\n重点工作责任分解\n一、主要目标\n"
            "（一）地区生产总值增长11%。[牵头单位：县发改局；责任单位：各镇人民政府，某某经济开发区]\n"
            "（二）地方公共预算收入增长32%。（牵头单位：县财政局；责任单位：县税务局）\n")
    tasks = parse_text(text).tasks
    assert [(t.path, t.lead_units, [u.name for u in t.units]) for t in tasks] == [
        ("附件1", ["县发改局"], ["县发改局", "各镇人民政府", "某某经济开发区"]),
        ("附件1", ["县财政局"], ["县财政局", "县税务局"])]


def test_an_item_whose_title_is_an_organ_and_whose_text_is_its_duty_is_that_organs_task():
    from policyparse.pipeline import parse_text

    text = ("关于开展一体化发展调研的分工方案\n各有关部门：\n（二十一）市公安局。负责对市区社会治安一体化的调研，形成专题报告。\n"
            "（二十二）市教育局。负责对市区教育资源共建共享的调研。\n")
    tasks = parse_text(text).tasks
    assert [(t.path, t.form, [(u.name, u.role) for u in t.units]) for t in tasks] == [
        ("(二十一)", "running_text", [("市公安局", "responsible")]), ("(二十二)", "running_text", [("市教育局", "responsible")])]
    both = ("关于开展一体化发展调研的分工方案\n各有关部门：\n（十）市教育局。\n负责宣传教育工作。\n"
            "（十一）市检察院、市中级人民法院。\n负责森林火灾案件的诉讼和审理工作。\n")
    t = parse_text(both).tasks[-1]  # organs named together share the item's duty
    assert [(u.name, u.role) for u in t.units] == [("市检察院", "responsible"), ("市中级人民法院", "responsible")]


def test_organs_each_given_their_own_share_in_one_sentence_are_one_task_each_after_an_opener_with_a_colon():
    from policyparse.pipeline import parse_text

    text = ("三、工作要求\n（二）职责分工。清剿火患工作实行分片包干负责制，具体为：县公安消防大队负责甸中镇、化念镇，"
            "县文体局负责双江街道，县工商局负责小街街道。\n")
    got = [[(u.name, u.role) for u in t.units] for t in parse_text(text).tasks]
    assert got == [[("县公安消防大队", "responsible")], [("县文体局", "responsible")], [("县工商局", "responsible")]]
    roles = "三、工作要求\n（二）职责分工。市商务局负责规划，市财政局负责资金保障，市统计局配合做好监测。\n"
    assert len(parse_text(roles).tasks) == 1  # clauses of different roles share one task


def test_a_principal_and_a_supervising_unit_each_keep_their_role():
    from policyparse.pipeline import parse_text

    text = "关于巩固创卫成果问题的通报\n● 白茶市场存在乱堆乱放现象。\n（主体责任：白茶村委会，监督责任：市工商局）\n"
    [t] = parse_text(text).tasks
    assert [(u.name, u.role) for u in t.units] == [("白茶村委会", "responsible"), ("市工商局", "supervise")]
    assert t.lead_units == []


def test_a_unit_field_and_its_deadline_field_run_into_one_line_are_one_field_line():
    from policyparse.pipeline import parse_text

    # a news page flattened to one line of more than 200 characters: cut where its lines were
    text = ("近日 马关县 七城创建 战役指挥部 领导小组 常态化督查组 对部分 农贸市场 单位 小区 卫生情况进行督查 这次又有哪些 问题被曝光呢？ 1.市场内卫生间堆放有杂物； "
            "整改责任单位：县市场监督管理局 整改时限：2021年8月13日前 1.员工食堂杂物乱堆放； 2.临时厨房垃圾乱堆放。 "
            "整改责任单位：县污水处理厂 整改时限：2021年8月13日前 后厨窗台发现鼠迹，病媒生物防制不到位。 "
            "整改责任单位：县市场监督管理局 整改时限：2021年8月13日前")
    ts = parse_text(text).tasks
    assert [(t.assignment_text, [u.name for u in t.units], t.deadline.date) for t in ts] == [
        ("整改责任单位：县市场监督管理局整改时限：2021年8月13日前", ["县市场监督管理局"], "2021-08-13"),
        ("整改责任单位：县污水处理厂整改时限：2021年8月13日前", ["县污水处理厂"], "2021-08-13"),
        ("整改责任单位：县市场监督管理局整改时限：2021年8月13日前", ["县市场监督管理局"], "2021-08-13")]


def test_a_table_of_problems_and_who_fixes_them_is_a_task_table():
    from policyparse.pipeline import parse_text

    text = ("全国卫生城市测评路段问题汇总表\n序号 | 路段名称 | 问题描述 | 责任单位 | 备注\n"
            "1 | 湘北大道 | 沿线街道车辆违停严重 | 停车办 |\n2 | 赶山西路 | 路面积水严重 | 市政维护管理处 |\n")
    assert [(t.path, [(u.name, u.role) for u in t.units]) for t in parse_text(text).tasks] == [
        ("表/1", [("停车办", "responsible")]), ("表/2", [("市政维护管理处", "responsible")])]


@pytest.mark.parametrize("name, unit", [
    ("县污水处理厂", True), ("市自来水厂", True), ("中国铁路济南局集团有限公司临沂车务段", True), ("市公路段", True),
    ("县委党校", True), ("智能工厂", False), ("建设智能工厂", False),  # 工厂: a factory of the work, no organ
])
def test_plants_and_railway_sections_are_units_a_factory_of_the_work_is_not(name, unit):
    from policyparse.extract.unit_lists import looks_like_unit

    assert looks_like_unit(name) is unit


@pytest.mark.parametrize("name, unit", [
    ("修缮革命旧址5处", False), ("新建充电站20座", False),  # a count: a number, then its classifier
    ("福清海事处", True), ("市第3人民医院", True), ("市12345政务服务便民热线中心", True),
])
def test_a_count_ending_in_a_classifier_is_no_unit(name, unit):
    # 韶山's task table (corpora/genre/heldout140/p02): a task cell 修缮革命旧址5处 beside the 牵头单位 column
    from policyparse.extract.unit_lists import looks_like_unit

    assert looks_like_unit(name) is unit


@pytest.mark.parametrize("name, unit", [
    ("凤城镇", True), ("古城镇", True), ("江南镇", True),  # towns named X城
    ("小城镇", False), ("新型城镇", False), ("全市城镇", False), ("特色小城镇", False), ("集镇", False),  # 城镇 the word
])
def test_a_town_named_x_cheng_is_a_unit_the_word_chengzhen_is_not(name, unit):
    from policyparse.extract.unit_lists import looks_like_unit

    assert looks_like_unit(name) is unit


@pytest.mark.parametrize("name, unit", [("市农村信用合作联社", True), ("该单位", False), ("此部门", False), ("上述单位", False)])
def test_a_union_of_cooperatives_is_a_unit_a_demonstrative_is_not(name, unit):
    from policyparse.extract.unit_lists import looks_like_unit, regular_name

    assert (looks_like_unit(name) and (regular_name(name) or not unit)) is unit


def test_a_regional_union_of_cooperatives_opening_a_sentence_is_given_its_task():
    from policyparse.pipeline import parse_text

    [t] = parse_text("一、保障措施\n（二）创新金融服务。市农村信用合作联社要扩大信贷投放。\n").tasks
    assert [(u.name, u.role) for u in t.units] == [("市农村信用合作联社", "responsible")]
    rule = "一、保障措施\n只列一个单位的，由该单位负责。\n"
    assert parse_text(rule).tasks == []  # a rule's words, no unit


def test_a_field_line_naming_a_town_named_x_cheng_is_an_assignment():
    from policyparse.pipeline import parse_text

    [t] = parse_text("一、人居环境提升工程\n\n(1)实施老旧小区改造提升。\n\n主办单位:县城投公司,协办单位:住建局、凤城镇。\n").tasks
    assert [(u.name, u.role) for u in t.units] == [("县城投公司", "lead"), ("住建局", "participant"), ("凤城镇", "participant")]


def test_a_reports_label_before_a_units_name_is_no_part_of_the_name():
    from policyparse.pipeline import parse_text

    head = "关于双创巡查问题整改的通报\n2、迎宾大道南围墙上有野广告。\n"
    [t] = parse_text(head + "整改要求：由包片单位县气象局负责清除。\n").tasks
    assert [u.name for u in t.units] == ["县气象局"]
    [t] = parse_text(head + "整改要求：按照先劝阻、再处罚的要求，由陈家坝沿线包片单位县职教中心、县委党校负责开展劝阻教育。\n").tasks
    assert [u.name for u in t.units] == ["县职教中心", "县委党校"]


def test_a_department_named_by_its_sector_in_a_duty_list_is_a_unit_a_class_of_departments_is_not():
    from policyparse.pipeline import parse_text

    head = "关于禁止燃放烟花爆竹的通告\n三、责任分工\n"
    [t] = parse_text(head + "（二）公安部门负责烟花爆竹的公共安全管理，并设立举报投诉电话。\n").tasks
    assert [(u.name, u.role) for u in t.units] == [("公安部门", "responsible")]
    [t] = parse_text(head + "（二）教育部门应当对中、小学生开展禁放烟花爆竹的教育工作。\n").tasks
    assert [u.name for u in t.units] == ["教育部门"]
    for collective in ("各有关部门要加强协调配合。", "区级有关部门要逐项认领。", "条线部门要主动融合。", "相关部门要开辟绿色通道。"):
        assert parse_text(head + f"（三）{collective}\n").tasks == [], collective


def test_a_sector_department_named_with_shi_is_the_citys_own_where_the_city_is_the_documents_level():
    from policyparse.pipeline import parse_text

    news = "邹城召开旅游工作调度会\n王永玲提出要求。三要强化服务意识，市文物旅游部门要努力提高景区服务质量。\n"
    [t] = parse_text(news).tasks  # a city's news report: no issuer names a region
    assert [(u.name, u.role) for u in t.units] == [("市文物旅游部门", "responsible")]
    province = ("某某省人民政府关于做好旅游工作的通知\n各市人民政府，省政府各部门：\n"
                "市文物旅游部门要努力提高景区服务质量。\n某某省人民政府\n2026年3月1日\n")
    assert [t for d in parse_text(province).walk() for t in d.tasks] == []  # in a province's notice: every city's


def test_an_organ_that_asks_something_of_others_is_given_no_task():
    from policyparse.pipeline import parse_text

    text = "上海整治校园周边环境\n为了保持校园周边良好环境，市青保委要求在开学之际加大力度，对中小学校周边环境进行重点整治。\n"
    assert parse_text(text).tasks == []


def test_a_later_clause_of_an_organs_duty_working_with_a_partner_makes_the_organ_lead():
    from policyparse.pipeline import parse_text

    text = ("某市气象灾害应急预案\n2.成员单位职责：\n(1)市气象局：负责发布气象灾害预警预报信息。\n"
            "(2)市国土资源局：提供地质灾害易发区分布图，根据气象条件会同气象部门提供地质灾害发生概率等级预报信息。\n")
    t = next(t for t in parse_text(text).tasks if t.units[0].name == "市国土资源局")
    assert (t.lead_units, [(u.name, u.role) for u in t.units]) == (
        ["市国土资源局"], [("市国土资源局", "lead"), ("气象部门", "participant")])


def test_a_host_beside_its_co_hosts_in_running_text_leads_a_host_alone_organises_an_event():
    from policyparse.pipeline import parse_text

    head = "关于实施民心工程的意见\n（二十）建设社区健康服务中心。"
    [t] = parse_text(head + "此项工作由市卫生局主办，市发展和改革局、市规划局协办。\n").tasks
    assert (t.lead_units, [(u.name, u.role) for u in t.units]) == (
        ["市卫生局"], [("市卫生局", "lead"), ("市发展和改革局", "participant"), ("市规划局", "participant")])
    assert parse_text("关于实施民心工程的意见\n（二十）举办文化节。由市文旅局主办。\n").tasks == []


def test_a_national_issuers_or_a_rules_sector_departments_are_those_departments_at_every_level():
    from policyparse.pipeline import parse_text

    national = ("国务院办公厅关于做好某项工作的通知\n国办发〔2026〕1号\n各省、自治区、直辖市人民政府：\n"
                "一、加强宣传\n（一）宣传部门要做好舆论引导工作。\n国务院办公厅\n2026年1月5日\n")
    assert [t for d in parse_text(national).walk() for t in d.tasks] == []
    rule = ("广州市特困人员供养办法\n一、总则\n（一）为规范供养工作，制定本办法。\n四、审核\n（二）民政部门应当自收到申请之日起10日内完成审核。\n")
    assert [t for d in parse_text(rule).walk() for t in d.tasks] == []


def test_a_duty_table_of_departments_and_their_duties_gives_a_task_per_department_row():
    from policyparse.pipeline import parse_text

    text = ("烟花爆竹安全监管\n序号 涉及部门 职责分工\n1 市公安局 负责烟花爆竹运输通行证发放工作。\n"
            "2 市供销社 负责加强对本系统企业烟花爆竹经营活动的管理。\n3 其他 烟花爆竹生产、经营企业的主要负责人对本单位安全负责。\n")
    assert [(t.path, [u.name for u in t.units]) for t in parse_text(text).tasks] == [
        ("表/1", ["市公安局"]), ("表/2", ["市供销社"])]  # 其他 names no unit: its row assigns nothing


def test_jing_opens_an_organs_short_name_not_only_a_clause():
    from policyparse.extract.unit_lists import split_units

    assert [n for n, _, _ in split_units("经信局、县发改局", 0)] == ["经信局", "县发改局"]
    assert [n for n, _, _ in split_units("经市政府同意", 0)] == ["市政府同意"]  # 经 (by way of) before a clause


def test_a_department_that_assists_in_running_text_takes_part():
    from policyparse.pipeline import parse_text

    text = "关于禁止燃放烟花爆竹的通告\n三、责任分工\n（七）环境保护部门协助做好烟花爆竹造成环境污染问题的监管。\n"
    [t] = parse_text(text).tasks
    assert [(u.name, u.role, u.verb) for u in t.units] == [("环境保护部门", "participant", "协助")]


def test_an_item_titled_with_an_organ_over_its_numbered_duties_is_that_organs_task():
    from policyparse.pipeline import parse_text

    text = ("中卫市创建中国优秀旅游城市工作方案\n一、部门职责\n（一）市交通局\n1、开通旅游景区交通专线，规范出租车运营管理。\n"
            "2、在机场和主要道路设置规范的公共信息图形符号。\n（二）市财政局\n1、制定支持旅游业发展的财政投入政策。\n"
            "（三）工作要求\n1、各部门要细化措施。\n")
    assert [(t.path, t.assignment_text, [(u.name, u.role) for u in t.units]) for t in parse_text(text).tasks] == [
        ("一(一)", "市交通局", [("市交通局", "responsible")]), ("一(二)", "市财政局", [("市财政局", "responsible")])]


def test_sectors_listed_before_deng_bumen_are_one_unit_of_a_duty_list():
    from policyparse.pipeline import parse_text

    head = "关于禁止燃放烟花爆竹的通告\n二、职责分工\n"
    [t] = parse_text(head + "（二）公安、应急、市场监管、生态环境等部门要按照职责分工，加强监管。\n").tasks
    assert [u.name for u in t.units] == ["公安、应急、市场监管、生态环境等部门"]
    [t] = parse_text(head + "（五）市场监管部门负责烟花爆竹的质量监管。\n").tasks  # 市场: a sector, not the city
    assert [u.name for u in t.units] == ["市场监管部门"]


def test_a_department_that_cooperates_in_a_duty_list_takes_part():
    from policyparse.pipeline import parse_text

    text = ("三明市人民政府办公室关于做好文物普查工作的通知\n各县人民政府：\n各职能部门具体职责：\n"
            "1.财政部门负责普查预算审核、安排。\n2.建设部门配合做好大型基本建设项目中的文物普查工作。\n")
    assert [(t.path, [(u.name, u.role) for u in t.units]) for t in parse_text(text).tasks] == [
        ("1", [("财政部门", "responsible")]), ("2", [("建设部门", "participant")])]


def test_a_unit_field_after_a_full_stop_and_a_blank_closes_its_line():
    from policyparse.pipeline import parse_text

    text = ("嵩明县督查问题曝光通报\n县人民医院 存在问题：室外仓储间物品摆放杂乱，危险指示牌老化看不清。 责任单位：县卫生健康局\n"
            "寺脚社区 存在问题：空地上堆放有建筑垃圾。 责任单位：嵩阳街道\n")
    assert [(t.assignment_text, [u.name for u in t.units]) for t in parse_text(text).tasks] == [
        ("责任单位：县卫生健康局", ["县卫生健康局"]), ("责任单位：嵩阳街道", ["嵩阳街道"])]


def test_sectors_listed_before_one_bumen_are_one_unit_too():
    from policyparse.pipeline import parse_text

    text = "宣城市生活垃圾分类问答\n各部门职责：\n商务、供销、市场监管部门负责可回收物的回收和综合利用的监督管理等工作。\n"
    [t] = parse_text(text).tasks
    assert [u.name for u in t.units] == ["商务、供销、市场监管部门"] and not t.non_exhaustive


def test_fuze_renkou_is_a_duty_not_a_persons_post():
    from policyparse.pipeline import parse_text

    [t] = parse_text("关于人口普查的通知\n一、职责分工\n省统计局负责人口普查的专业技术工作。\n").tasks
    assert [u.name for u in t.units] == ["省统计局"]
    assert parse_text("关于人口普查的通知\n一、职责分工\n省统计局负责人要亲自抓。\n").tasks == []
