"""Statutes read like notices: kinds, header events, the edition's date and effective date, articles,
repeals in the forms statutes use, and a history where each edition is its own node."""

from __future__ import annotations

import pytest

import policyparse
from policyparse.history import build_history
from policyparse.history.keys import doc_key

LAW_2015 = """中华人民共和国某某法
2000年3月15日 第九届全国人民代表大会第三次会议通过
2015年3月15日 第十二届全国人民代表大会第三次会议《关于修改〈中华人民共和国某某法〉的决定》修正
第一章 总则
第一条 为了规范某某活动，制定本法。
第二条 本法自2000年7月1日起施行。
"""


def _parse(text: str, path: str | None = None):
    return policyparse.parse_text(text, path=path) if path else policyparse.parse_text(text)


# ------------------------------------------------------------------------------------------ kinds


@pytest.mark.parametrize(
    ("title", "kind"),
    [("中华人民共和国立法法", "法"), ("中华人民共和国刑法修正案（七）", "修正案"), ("中华人民共和国民法典", "法"),
     ("最高人民法院关于审理劳动争议案件适用法律若干问题的解释（三）", "解释"), ("中华人民共和国宪法", "宪法"),
     ("最高人民法院、最高人民检察院关于执行《中华人民共和国刑法》确定罪名的补充规定（三）", "规定"),
     ("中小学生守则", "守则"), ("最高人民法院关于审理名誉权案件若干问题的解答", "解答")],
)  # fmt: skip
def test_it_knows_the_title_and_kind_of_every_statute_family(title, kind):
    d = _parse(f"{title}\n2009年2月28日 某某会议通过\n第一条 为了某某，制定本规定。\n第二条 本规定自公布之日起施行。\n")
    assert (d.title, d.doc_type) == (title, kind)


def test_a_number_line_after_the_title_does_not_swallow_it():
    d = _parse("最高人民法院关于某某问题的批复\n法释〔2021〕11号\n2021年5月31日 最高人民法院审判委员会第1840次会议通过\n"
               "2021年6月3日 施行\n上海市高级人民法院：\n你院请示收悉。\n")
    assert d.title == "最高人民法院关于某某问题的批复" and d.doc_number.normalized == "法释〔2021〕11号"


def test_the_title_printed_again_under_the_header_is_not_page_furniture():
    d = _parse("中华人民共和国慈善法\n2016年3月16日 第十二届全国人民代表大会第四次会议通过\n"
               "2023年12月29日 第十四届全国人民代表大会常务委员会第七次会议《关于修改〈中华人民共和国慈善法〉的决定》修正）\n"
               "中华人民共和国慈善法\n第一章 总 则\n第一条 为了发展慈善事业，制定本法。\n")
    assert d.title == "中华人民共和国慈善法" and d.date == "2023-12-29"
    assert [e.kind for e in d.events] == ["adopted", "amended"]


# ----------------------------------------------------------------------------------------- events


def test_every_dated_header_line_becomes_an_event_with_its_evidence():
    d = _parse(LAW_2015)
    adopted, amended = d.events
    assert (adopted.kind, adopted.date, adopted.by) == ("adopted", "2000-03-15", "第九届全国人民代表大会第三次会议")
    assert (amended.kind, amended.date, amended.instrument) == ("amended", "2015-03-15", "关于修改〈中华人民共和国某某法〉的决定")
    for e in d.events:
        assert d.text[e.span.start : e.span.end] == e.text


def test_publication_orders_revisions_and_effective_lines_are_events():
    d = _parse("某某条例\n2001年12月14日 中华人民共和国国务院令第337号公布\n"
               "2019年3月2日 《国务院关于修改部分行政法规的决定》修订\n2020年1月1日 施行\n第一条 为了某某，制定本条例。\n")
    assert [(e.kind, e.date) for e in d.events] == [("published", "2001-12-14"), ("revised", "2019-03-02"), ("effective", "2020-01-01")]
    assert d.events[0].instrument == "中华人民共和国国务院令第337号"
    assert d.doc_number.normalized.endswith("国务院令第337号")


def test_a_bracketed_header_holds_several_events():
    d = _parse("最高人民法院关于某某的若干规定\n"
               "（最高人民法院审判委员会第1421次会议通过 2008年4月17日最高人民法院公告公布 自2008年4月23日起施行）\n"
               "第一条 人民法院审理某某案件，适用本规定。\n")
    assert [(e.kind, e.date) for e in d.events] == [("adopted", None), ("published", "2008-04-17"), ("effective", "2008-04-23")]
    assert d.date == "2008-04-17" and (d.effective.date, d.effective.basis) == ("2008-04-23", "header")


def test_a_header_wrapped_over_lines_is_one_event():
    d = _parse("军用某某管理办法\n1984年1月7日 国务院\n中央军委发布\n第一章 总则\n第一条 为了某某，制定本办法。\n")
    assert [(e.kind, e.date) for e in d.events] == [("published", "1984-01-07")] and d.date == "1984-01-07"
    d = _parse("中华人民共和国某某代表法\n1992年4月3日 第七届全国人民代表大会第五次会议通过\n"
               "2015年8月29日 第十二届全国人民代表大会常务委员会第十六次会议《关于修改〈中华人民共和国某某组织法〉、\n"
               "〈中华人民共和国某某代表法〉的决定》第三次修正\n第一章 总则\n第一条 为了某某，制定本法。\n")
    assert [(e.kind, e.date) for e in d.events] == [("adopted", "1992-04-03"), ("amended", "2015-08-29")]


def test_a_local_regulation_is_adopted_approved_and_amended_in_a_bracketed_header_over_lines():
    d = _parse("苏州市某某条例\n（2011年10月27日苏州市第十四届人民代表大会常务委员会第二十八次会议制定\n"
               "2011年11月24日江苏省第十一届人民代表大会常务委员会第二十五次会议批准\n"
               "根据2020年5月14日苏州市第十六届人民代表大会常务委员会第二十三次会议通过的《关于修改〈苏州市某某条例〉的决定》修正）\n"
               "第一章 总则\n第一条 为了某某，制定本条例。\n第二条 本条例自2012年1月1日起施行。\n")
    assert [(e.kind, e.date) for e in d.events] == [("adopted", "2011-10-27"), ("approved", "2011-11-24"), ("amended", "2020-05-14")]
    assert d.events[1].by == "江苏省第十一届人民代表大会常务委员会第二十五次会议"
    assert d.date == "2020-05-14" and (d.effective.date, d.effective.basis) == ("2020-05-14", "decision_date")


def test_an_approval_dates_an_unamended_local_regulation():
    d = _parse("某市某某条例\n2011年10月27日 某市人民代表大会常务委员会第二十八次会议通过\n"
               "2011年11月24日 某省人民代表大会常务委员会第二十五次会议批准\n第一条 为了某某，制定本条例。\n"
               "第二条 本条例自2012年1月1日起施行。\n")
    assert d.date == "2011-11-24" and (d.effective.date, d.effective.basis) == ("2012-01-01", "stated")


def test_a_city_amendment_adopted_and_approved_on_one_line_is_dated_by_its_approval():
    d = _parse("某市某某规定\n1998年11月19日 某市人民代表大会常务委员会第五次会议通过\n"
               "1999年8月22日 某省人民代表大会常务委员会第十次会议批准\n"
               "2010年10月27日 某市人民代表大会常务委员会第二十四次会议通过并经2010年11月25日某省人民代表大会常务委员会"
               "第二十次会议批准的《某市人民代表大会常务委员会关于修改〈某市某某规定〉的决定》修正\n第一条 为了某某，制定本规定。\n")
    assert [(e.kind, e.date) for e in d.events] == [("adopted", "1998-11-19"), ("approved", "1999-08-22"),
                                                    ("adopted", "2010-10-27"), ("amended", "2010-11-25")]
    assert d.date == "2010-11-25"


def test_a_municipal_rule_revised_by_orders_in_one_bracketed_line():
    d = _parse("广州市某某管理规定\n（2004年9月22日广州市人民政府令第7号公布，根据2012年1月12日广州市人民政府令第65号第一次修订，"
               "根据2015年9月30日广州市人民政府令第132号第二次修订）\n第一条 为了某某，制定本规定。\n"
               "第二条 本规定自2004年11月1日起施行。\n")
    assert [(e.kind, e.date, e.instrument) for e in d.events] == [
        ("published", "2004-09-22", "广州市人民政府令第7号"), ("revised", "2012-01-12", "广州市人民政府令第65号"),
        ("revised", "2015-09-30", "广州市人民政府令第132号")]
    assert d.doc_number.normalized == "广州市人民政府令第7号" and d.date == "2015-09-30"
    assert (d.effective.date, d.effective.basis) == ("2015-09-30", "decision_date")  # the clause is the 2004 edition's


def test_a_header_line_that_opens_with_gen_ju_continues_the_header():
    d = _parse("浙江省某某条例\n2005年7月29日浙江省第十届人民代表大会常务委员会第十九次会议通过\n"
               "根据2014年11月28日浙江省第十二届人民代表大会常务委员会第十四次会议《关于修改〈浙江省某某条例〉的决定》修正\n"
               "第一条 为了某某，制定本条例。\n")
    assert [(e.kind, e.date) for e in d.events] == [("adopted", "2005-07-29"), ("amended", "2014-11-28")]


def test_an_adoption_that_folds_an_amendment_into_the_text_is_an_amendment():
    d = _parse("中华人民共和国某法\n1979年7月1日 第五届全国人民代表大会第二次会议通过\n"
               "1999年12月25日 第九届全国人民代表大会常务委员会第十三次会议通过的《中华人民共和国某法修正案》\n"
               "第一条 为了某某，制定本法。\n")
    assert [e.kind for e in d.events] == ["adopted", "amended"] and d.events[1].instrument == "中华人民共和国某法修正案"


def test_an_article_right_after_an_open_header_is_not_part_of_it():
    d = _parse("某某暂行规定\n1987年8月27日 国家某某局发布  根据\n第一条 为了某某，制定本规定。\n第二条 某某。\n")
    assert len(d.events) == 1 and sum(1 for n in d.outline if n.style == "tiao") == 2


# ------------------------------------------------------------------------------ date and effective


def test_a_statute_is_dated_by_its_edition_and_an_amended_edition_takes_the_decisions_date():
    d = _parse(LAW_2015)
    assert d.date == "2015-03-15"  # not the first adoption
    assert (d.effective.date, d.effective.basis) == ("2015-03-15", "decision_date")  # the body clause is the 2000 edition's


def test_a_revised_text_states_its_own_effective_date():
    d = _parse("中华人民共和国某某法\n1986年3月19日 第六届全国人民代表大会常务委员会第十五次会议通过\n"
               "2024年11月8日 第十四届全国人民代表大会常务委员会第十二次会议修订\n第一条 为了某某，制定本法。\n"
               "第二条 本法自2025年7月1日起施行。\n")
    assert d.date == "2024-11-08" and (d.effective.date, d.effective.basis) == ("2025-07-01", "stated")


def test_a_header_effective_line_beats_the_original_clause():
    d = _parse("最高人民法院关于某某法院案件管辖的规定\n2021年3月1日 最高人民法院审判委员会第1833次会议通过\n"
               "2021年4月22日 施行\n第一条 某某。\n第二条 本规定自2018年8月10日起施行。\n")
    assert (d.effective.date, d.effective.basis) == ("2021-04-22", "header")


def test_issue_day_effective_dates_say_so():
    d = _parse("某某规定\n2005年12月14日 国务院发布\n第一条 某某。\n第二条 本规定自发布之日起施行。\n")
    assert (d.effective.date, d.effective.basis) == ("2005-12-14", "issue_day")


# ---------------------------------------------------------------------------------------- outline


def test_inserted_articles_and_numerals_past_one_thousand_are_articles():
    d = _parse("中华人民共和国某法\n1979年7月1日 某某会议通过\n第一百二十条 某某。\n第一百二十条之一 某某。\n"
               "第一百二十条之二 某某。\n第一百二十一条 某某。\n")
    assert [n.number for n in d.outline] == ["一百二十", "一百二十之一", "一百二十之二", "一百二十一"]
    d = _parse("中华人民共和国民法典\n2020年5月28日 第十三届全国人民代表大会第三次会议通过\n第一千一百一十九条 某某。\n"
               "第一千一百二十条 某某。\n")
    assert [n.number for n in d.outline] == ["一千一百一十九", "一千一百二十"]


def test_articles_after_a_covers_signature_are_read():
    d = _parse("某某暂行规定\n关于印发《某某暂行规定》的通知\n劳部发〔1994〕489号\n各省、自治区、直辖市劳动厅：\n"
               "现将《某某暂行规定》印发给你们，请遵照执行。\n劳动部\n一九九四年十二月六日\n"
               "第一条 为了某某，制定本规定。\n第二条 本规定适用于某某。\n第三条 本规定自1995年1月1日起施行。\n")
    assert sum(1 for x in d.walk() for n in x.outline if n.style == "tiao") == 3


# ---------------------------------------------------------------------------------------- repeals


def _repeals(body: str):
    d = _parse("某某条例\n2020年1月1日 某某会议通过\n" + body)
    return [(r.title, r.date, r.verb) for x in d.walk() for r in x.repeals if not r.blanket]


def test_a_title_after_a_dated_preamble_is_repealed():
    assert _repeals("第一条 某某。\n第二条 本条例自2021年3月1日起施行。2008年12月25日上海市第十三届人民代表大会常务委员会第八次会议"
                    "通过的《上海市房地产登记条例》同时废止。\n") == [("上海市房地产登记条例", "2008-12-25", "同时废止")]
    assert _repeals("第一条 某某。\n第二条 本规定自2013年1月1日起施行。最高人民检察院1999年1月18日发布的《人民检察院刑事诉讼规则》"
                    "同时废止。\n") == [("人民检察院刑事诉讼规则", "1999-01-18", "同时废止")]


def test_each_title_of_a_repeal_list_is_a_repeal():
    got = _repeals("国务院决定废止下列行政法规：\n一、《国营企业成本管理条例》（1984年3月5日国务院发布）\n"
                   "二、《城市房屋拆迁管理条例》（国务院令第305号）\n三、关于严惩严重破坏经济的罪犯的决定\n本决定自公布之日起施行。\n")
    assert got == [("国营企业成本管理条例", "1984-03-05", "废止"), ("城市房屋拆迁管理条例", None, "废止"),
                   ("关于严惩严重破坏经济的罪犯的决定", None, "废止")]


def test_repeals_from_a_day_and_stops_of_execution():
    assert _repeals("第一条 《广州市临时救助办法》自2022年1月1日起废止。\n") == [("广州市临时救助办法", None, "废止")]
    assert _repeals("第一条 市政府2015年印发的《广州市某某规定》（穗府规〔2015〕3号）自本条例施行之日起停止执行。\n") == [
        ("广州市某某规定", None, "停止执行")]


# ---------------------------------------------------------------------------------------- history


def _edition(year: str, kind: str, effective: str, path: str):
    verb = {"adopted": "通过", "amended": "《关于修改〈中华人民共和国某某法〉的决定》修正", "revised": "修订"}[kind]
    head = "1990年1月1日 第七届全国人民代表大会常务委员会第十次会议通过\n" if kind != "adopted" else ""
    text = (f"中华人民共和国某某法\n{head}{year}年6月1日 全国人民代表大会常务委员会会议{verb}\n"
            f"第一条 为了某某，制定本法。\n第二条 本法自{effective}起施行。\n")
    return policyparse.parse_text(text, path=path)


@pytest.fixture(scope="module")
def editions():
    return [_edition("1990", "adopted", "1990年10月1日", "a/某某法(1990).txt"),
            _edition("2005", "amended", "2005年10月1日", "a/某某法(2005).txt"),
            _edition("2020", "revised", "2021年1月1日", "a/某某法(2020).txt")]


def test_each_edition_is_its_own_node_with_a_key_that_is_no_path(editions):
    keys = [doc_key(d) for d in editions]
    assert len(set(keys)) == 3 and all("/" not in k for k in keys)


def test_editions_are_linked_oldest_to_newest_by_the_event_that_made_the_newer(editions):
    h = build_history(reversed(editions))
    k90, k05, k20 = (doc_key(d) for d in editions)
    kinds = {(u, v): d["kind"] for u, v, d in h.graph.edges(data=True) if d["kind"] in ("amended_by", "revised_by")}
    assert kinds == {(k90, k05): "amended_by", (k05, k20): "revised_by"}
    edge = next(d for u, v, d in h.graph.edges(data=True) if (u, v) == (k05, k20))
    assert edge["event"]["kind"] == "revised" and edge["evidence"]["text"] == edge["event"]["text"]
    assert h.chain(k05) == [k90, k05, k20]


def test_an_older_edition_is_in_force_only_until_the_next_takes_effect(editions):
    h = build_history(editions)
    k90, k05, k20 = (doc_key(d) for d in editions)
    assert h.in_force(k90, "2005-06-30") and not h.in_force(k90, "2025-01-01")
    assert h.in_force(k05, "2020-12-31") and not h.in_force(k05, "2021-01-01")
    assert h.in_force(k20, "2021-01-01")


def test_copies_of_one_edition_stay_copies(editions):
    copy = _edition("2020", "revised", "2021年1月1日", "b/某某法(2020).docx.txt")
    h = build_history([*editions, copy])
    assert h.graph.nodes[doc_key(copy)]["copies"] == ["b/某某法(2020).docx.txt"]


def test_editions_whose_order_the_texts_do_not_tell_are_listed_not_linked():
    a = policyparse.parse_text("中华人民共和国某某法\n2001年1月1日 某某会议通过\n第一条 某某。\n", path="x/1.txt")
    b = policyparse.parse_text("中华人民共和国某某法\n第一条 某某。\n第二条 其他。\n", path="x/2.txt")
    h = build_history([a, b])
    assert not [e for e in h.graph.edges(data=True) if e[2]["kind"] in ("amended_by", "revised_by")]
    assert [u["reason"] for u in h.undecided()] and h.to_json()["undecided"] == h.undecided()


def test_a_reference_to_a_law_with_several_editions_names_the_one_current_then(editions):
    later = policyparse.parse_text("某某实施条例\n2010年3月1日 国务院令第100号公布\n第一条 依据《中华人民共和国某某法》，制定本条例。\n"
                              "第二条 本条例自2010年5月1日起施行。\n", path="a/条例.txt")
    h = build_history([*editions, later])
    cites = [v for u, v, d in h.graph.edges(data=True) if u == doc_key(later) and d["kind"] == "cites"]
    assert cites == [doc_key(editions[1])]


def test_a_consolidated_text_printed_after_its_amending_decision_keeps_the_header():
    d = _parse("最高人民法院关于审理某类纠纷案件适用法律问题的若干规定\n2001年6月19日 最高人民法院审判委员会第1180次会议通过\n"
               "2015年1月19日 最高人民法院审判委员会第1641次会议通过\n2015年2月1日 施行\n"
               "根据最高人民法院审判委员会第1641次会议决定，对《最高人民法院关于审理某类纠纷案件适用法律问题的若干规定》作如下修改：\n"
               "一、将第五条修改为：“某某。”\n根据本决定，将该规定作相应修改后重新公布。\n"
               "最高人民法院\n关于审理某类纠纷案件适用法律\n问题的若干规定\n第一条 人民法院受理下列案件。\n")
    assert d.title == "最高人民法院关于审理某类纠纷案件适用法律问题的若干规定"
    assert d.effective is not None and d.effective.date == "2015-02-01" and len(d.events) == 3
