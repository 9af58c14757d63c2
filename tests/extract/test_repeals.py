"""Repeal clauses: every repealed document with its title, 发文字号, date, issuers and verb; suspensions apart."""

from __future__ import annotations

import json

import pytest

from policyparse import parse_text
from policyparse.extract.repeals import find_repeals
from policyparse.normalize import fold, parse_doc_number

from conftest import DEV, GOLD, ROOT, SEED, gold


def _repeals(text: str, doc_date: str | None = "2020-06-01", start: int = 0, end: int | None = None):
    t = fold(text)
    return find_repeals(t, start, len(t) if end is None else end, doc_date=doc_date)


def _file(name: str) -> str:
    return fold((DEV / name).read_text(encoding="utf-8"))


def _number(r):
    return r.doc_number.normalized if r.doc_number else None


# ------------------------------------------------------------------------------------- the seed


def test_it_reads_all_five_fields_of_the_seeds_repeal():
    text = fold(SEED.read_text(encoding="utf-8"))
    reps, sus = find_repeals(text, 0, len(text), doc_date="2021-08-17")
    assert sus == []
    [r] = reps
    assert r.title == "关于进一步提升工业新兴优势产业链现代化水平的意见"
    assert (r.doc_number.issuer_code, r.doc_number.year, r.doc_number.serial) == ("湘办发", 2020, 7)
    assert r.doc_number.raw == "湘办发〔2020〕7号"
    assert r.date == "2020-05-16"
    assert r.issuers == ["省委办公厅", "省人民政府办公厅"]
    assert r.verb == "同时废止"
    assert r.blanket is False
    assert r.span.slice(text).startswith("2020年5月16日省委办公厅、省人民政府办公厅印发的《关于进一步")
    assert r.span.slice(text).endswith("（湘办发〔2020〕7号）")
    assert r.effective_date == "2021-08-17"  # 同时: with the 工作方案, which takes effect on issue


def _gold_files():
    return sorted(GOLD.glob("*.facts.json"))


@pytest.mark.parametrize("gf", _gold_files(), ids=lambda p: p.name.split(".")[0])
def test_repeals_and_suspensions_match_the_gold_facts(gf):
    g = json.loads(gf.read_text(encoding="utf-8"))
    path = ROOT / g["file"]
    text = fold(path.read_text(encoding="utf-8"))
    reps, sus = find_repeals(text, 0, len(text), doc_date=None)
    want = [(r["title"], _gold_number(r["doc_number"]), r["verb"], r["blanket"]) for r in g.get("repeals") or []]
    assert [(r.title, _number(r), r.verb, r.blanket) for r in reps] == want
    want = [(x["title"], x["provision"], x["verb"]) for x in g.get("suspensions") or []]
    assert [(x.title, x.provision, x.verb) for x in sus] == want


def _gold_number(raw: str | None) -> str | None:
    dn = parse_doc_number(raw) if raw else None
    return dn.normalized if dn else None


# ------------------------------------------------------------------------------ the dev corpus

#: file -> [(title, doc number, date, issuers, verb)], written by reading each clause.
DEV_REPEALS = {
    "001_guobanfa_2018_117.txt": [
        ("国务院办公厅关于对真抓实干成效明显地方加大激励支持力度的通知", "国办发〔2016〕82号", None, [], "停止执行"),
    ],
    "019_fagui_guizhang_beian_shencha_tiaoli_2024.txt": [
        ("法规规章备案条例", None, "2001-12-14", ["国务院"], "同时废止"),
    ],
    "020_fagui_guizhang_beian_tiaoli_2001.txt": [
        ("法规、规章备案规定", None, "1990-02-18", ["国务院"], "同时废止"),
    ],
    "023_shichang_zhuti_dengji_guanli_tiaoli_2021.txt": [
        ("中华人民共和国公司登记管理条例", None, None, [], "同时废止"),
        ("中华人民共和国企业法人登记管理条例", None, None, [], "同时废止"),
        ("中华人民共和国合伙企业登记管理办法", None, None, [], "同时废止"),
        ("农民专业合作社登记管理条例", None, None, [], "同时废止"),
        ("企业法人法定代表人登记管理规定", None, None, [], "同时废止"),
    ],
    "024_qiye_faren_dengji_guanli_tiaoli_2019rev.txt": [
        ("中外合资经营企业登记管理办法", None, "1980-07-26", ["国务院"], "同时废止"),
        ("工商企业登记管理条例", None, "1982-08-09", ["国务院"], "同时废止"),
        ("公司登记管理暂行规定", None, "1985-08-25", ["原国家工商行政管理局"], "同时废止"),
    ],
    "027_zhejiang_shuzi_jingji_cujin_tiaoli_2020.txt": [
        ("浙江省信息化促进条例", None, None, [], "同时废止"),
    ],
    "030_shichang_zhuti_dengji_tiaoli_shishi_xize_2022.txt": [
        ("中华人民共和国企业法人登记管理条例施行细则", "国家工商行政管理局令第1号", "1988-11-03", [], "同时废止"),
        ("个人独资企业登记管理办法", "国家工商行政管理局令第94号", "2000-01-13", [], "同时废止"),
        ("个体工商户登记管理办法", "国家工商行政管理总局令第56号", "2011-09-30", [], "同时废止"),
        ("公司注册资本登记管理规定", "国家工商行政管理总局令第64号", "2014-02-20", [], "同时废止"),
        ("企业经营范围登记管理规定", "国家工商行政管理总局令第76号", "2015-08-27", [], "同时废止"),
    ],
    "032_minmabiaojia_jinzhi_jiage_qizha_guiding_2022.txt": [
        ("关于商品和服务实行明码标价的规定", "中华人民共和国国家发展计划委员会令第8号", "2000-10-31", [], "同时废止"),
        ("禁止价格欺诈行为的规定", "中华人民共和国国家发展计划委员会令第15号", "2001-11-07", [], "同时废止"),
    ],
    "g003_suifubangui_2021_7_tekun_gongyang.txt": [
        ("广州市民政局关于进一步规范广州市特困人员救助供养管理工作的通知", "穗民规字〔2018〕10号", None, [], "同时废止"),
        ("广州市民政局 广州市财政局转发广东省民政厅关于加强特困供养人员护理工作的通知", "穗民规字〔2018〕11号", None, [], "同时废止"),
    ],
    "g004_suifubangui_2021_19_linshi_jiuzhu.txt": [
        ("广州市人民政府办公厅关于印发广州市临时救助办法的通知", "穗府办规〔2019〕13号", None, [], "同时废止"),
    ],
    "g005_suifubangui_2025_8_jifen_ruhu.txt": [
        ("广州市人民政府办公厅关于印发广州市积分制入户管理办法的通知", "穗府办规〔2023〕1号", None, [], "同时废止"),
    ],
    "g008_suirenshe_guizi_2019_6_jianxi_jidi.txt": [
        ("广州市人力资源和社会保障局 广州市财政局关于印发〈广州市高校毕业生就业见习基地管理办法〉的通知", "穗人社发〔2015〕27号", None, [], "同时废止"),
    ],
    "g009_suiyibao_guizi_2019_4_menzhen_tebing.txt": [
        ("广州市人力资源和社会保障局 广州市财政局 广州市卫生局关于广州市社会医疗保险统筹基金支付门诊特定项目费用范围及标准的通知", "穗人社发〔2014〕52号", None, [], "同时废止"),
        ("广州市人力资源和社会保障局 广州市财政局 广州市卫生和计划生育委员会关于广州市职工社会医疗保险统筹基金支付门诊指定慢性病专科药费范围及标准的通知", "穗人社发〔2015〕58号", None, [], "同时废止"),
        ("广州市人力资源和社会保障局 广州市财政局 广州市卫生和计划生育委员会关于将多发性硬化症等疾病纳入广州市社会医疗保险门诊特定项目范围的通知", "穗人社规字〔2018〕6号", None, [], "同时废止"),
    ],
    "g010_suimin_guizi_2025_2_dibao_biaozhun.txt": [
        ("广州市民政局 广州市财政局关于提高我市2024年最低生活保障及相关社会救助标准的通知", "穗民规字〔2024〕5号", None, [], "同时废止"),
    ],
    "g013_guangzhou_canjiren_liangxiang_butie_banfa_zengcheng_repost.txt": [
        ("广州市民政局 广州市财政局 广州市残疾人联合会关于做好困难残疾人生活补贴和重度残疾人护理补贴工作的通知", "穗民〔2017〕384号", None, [], "同时废止"),
    ],
}


@pytest.mark.parametrize("name", sorted(DEV_REPEALS))
def test_it_finds_every_target_of_each_dev_repeal_clause(name):
    text = _file(name)
    reps, sus = find_repeals(text, 0, len(text), doc_date=None)
    got = [(r.title, _number(r), r.date, r.issuers, r.verb) for r in reps]
    assert got == DEV_REPEALS[name]
    assert sus == []
    for r in reps:
        assert not r.blanket
        assert f"《{r.title}》" in r.span.slice(text)
        if r.doc_number and r.doc_number.span:
            assert r.doc_number.span.slice(text) == r.doc_number.raw


@pytest.mark.parametrize("name", sorted(p.name for p in DEV.glob("*.txt") if p.name not in DEV_REPEALS))
def test_documents_without_a_repeal_clause_repeal_nothing(name):
    text = _file(name)
    reps, _ = find_repeals(text, 0, len(text), doc_date=None)
    assert reps == []


def test_the_repeal_of_001_matches_its_gold_facts():
    text = _file("001_guobanfa_2018_117.txt")
    [r] = find_repeals(text, 0, len(text), doc_date="2018-12-06")[0]
    [want] = gold("001_guobanfa_2018_117")["repeals"]
    assert (r.title, _number(r), r.verb, r.blanket) == (want["title"], want["doc_number"], want["verb"], want["blanket"])
    assert r.effective_date == "2018-12-06"  # 自本通知印发之日起


def test_013_switches_off_a_provision_and_repeals_no_document():
    text = _file("013_guofa_2018_38.txt")
    reps, sus = find_repeals(text, 0, len(text), doc_date="2018-11-07")
    assert reps == []
    [s] = sus
    [want] = gold("013_guofa_2018_38")["suspensions"]
    assert (s.title, s.provision, s.verb) == (want["title"], want["provision"], want["verb"])
    assert s.span.slice(text) == "不再执行《外商投资建筑业企业管理规定》中关于工程承包范围的限制性规定"


def test_012s_no_longer_reconverting_is_not_a_repeal():
    text = _file("012_guoling_707.txt")
    assert "不再重新折算" in text
    assert find_repeals(text, 0, len(text), doc_date="2018-12-18") == ([], [])


def test_a_verb_inside_a_cited_title_is_not_a_repeal():
    # 024's header: 《国务院关于废止和修改部分行政法规的决定》第一次修订
    text = _file("024_qiye_faren_dengji_guanli_tiaoli_2019rev.txt")
    head = text.index("INFO END")
    assert find_repeals(text, 0, head, doc_date=None) == ([], [])


def test_the_repeal_takes_effect_with_the_documents_own_start_date():
    text = _file("g009_suiyibao_guizi_2019_4_menzhen_tebing.txt")
    reps, _ = find_repeals(text, 0, len(text), doc_date="2019-06-14")
    assert {r.effective_date for r in reps} == {"2019-07-01"}  # 自本通知实施之日起 / 本通知自2019年7月1日起实施
    text = _file("019_fagui_guizhang_beian_shencha_tiaoli_2024.txt")
    [r] = find_repeals(text, 0, len(text), doc_date="2024-08-30")[0]
    assert r.effective_date == "2024-11-01"  # 本条例自2024年11月1日起施行。…同时废止


def test_spans_are_absolute_and_limited_to_the_region():
    text = _file("023_shichang_zhuti_dengji_guanli_tiaoli_2021.txt")
    clause = text.index("第五十五条")
    reps, _ = find_repeals(text, clause, len(text), doc_date=None)
    assert len(reps) == 5 and all(r.span.start >= clause for r in reps)
    assert find_repeals(text, 0, clause, doc_date=None) == ([], [])


# ----------------------------------------------------------------------------- phrasings


def test_it_reads_several_targets_joined_by_dun_he_and_ji():
    reps, _ = _repeals("《甲办法》、《乙规定》（国办发〔2015〕3号）和《丙意见》及《丁通知》同时废止。")
    assert [r.title for r in reps] == ["甲办法", "乙规定", "丙意见", "丁通知"]
    assert [_number(r) for r in reps] == [None, "国办发〔2015〕3号", None, None]


def test_it_reads_objects_after_the_verb():
    reps, sus = _repeals("国务院决定废止《甲条例》（国务院令第12号）和《乙办法》。")
    assert [(r.title, _number(r), r.verb) for r in reps] == [("甲条例", "国务院令第12号", "废止"), ("乙办法", None, "废止")]
    assert sus == []


@pytest.mark.parametrize("verb", ["废止", "予以废止", "停止执行", "不再执行", "宣布失效", "同时失效"])
def test_it_knows_each_repeal_verb(verb):
    reps, _ = _repeals(f"《某某管理办法》（穗府规〔2019〕2号）{verb}。")
    assert [(r.title, r.verb) for r in reps] == [("某某管理办法", verb)]


def test_a_from_phrase_dates_the_repeal():
    reps, _ = _repeals("《丙规定》自2020年3月1日起废止。")
    assert (reps[0].verb, reps[0].effective_date) == ("废止", "2020-03-01")
    reps, _ = _repeals("自2021年1月1日起，《子通知》和《丑通知》宣布失效。")
    assert [r.effective_date for r in reps] == ["2021-01-01", "2021-01-01"]
    reps, _ = _repeals("自本通知印发之日起，《寅通知》停止执行。", doc_date="2020-06-01")
    assert reps[0].effective_date == "2020-06-01"


def test_a_date_and_issuers_in_a_parenthesis_after_the_title_count():
    [r], _ = _repeals("《辛通知》（1990年2月18日国务院发布）同时废止。")
    assert (r.date, r.issuers) == ("1990-02-18", ["国务院"])


def test_organs_joined_by_he_are_split_but_names_with_he_are_kept():
    [r], _ = _repeals("2019年1月1日国务院和中央军委联合发布的《寅条例》同时废止。")
    assert r.issuers == ["国务院", "中央军委"]
    [r], _ = _repeals("2019年1月1日住房和城乡建设部发布的《卯办法》同时废止。")
    assert r.issuers == ["住房和城乡建设部"]


def test_a_nested_title_keeps_its_inner_brackets():
    [r], _ = _repeals("《关于印发〈某某办法〉的通知》（粤府〔2010〕1号）同时废止。")
    assert r.title == "关于印发〈某某办法〉的通知"


def test_half_width_punctuation_is_folded_before_matching():
    [r], _ = _repeals("《甲办法》(湘政发〔2012〕5号)同时废止。")
    assert _number(r) == "湘政发〔2012〕5号" and r.span.end == len("《甲办法》(湘政发〔2012〕5号)")


@pytest.mark.parametrize(
    "sentence, verb",
    [
        ("凡与本规定不一致的，以本规定为准。", "以本规定为准"),
        ("此前印发的有关文件，与本通知不一致的，以本通知为准。", "以本通知为准"),
        ("本办法施行后，凡与本办法相抵触的规定一律废止。", "一律废止"),
        ("凡以前发布的规定与本规定不一致的，同时废止。", "同时废止"),
        ("以往规定与本办法不一致的，按本办法执行。", "按本办法执行"),
    ],
)
def test_a_blanket_repeal_has_no_target(sentence, verb):
    reps, _ = _repeals(sentence)
    [r] = reps
    assert (r.blanket, r.verb, r.title, r.doc_number) == (True, verb, None, None)
    assert r.span.slice(fold(sentence)).endswith(verb)


def test_disagreement_between_two_other_rules_is_not_a_blanket_repeal():
    text = _file("019_fagui_guizhang_beian_shencha_tiaoli_2024.txt")
    reps, _ = find_repeals(text, 0, len(text), doc_date=None)
    assert not any(r.blanket for r in reps)  # 地方性法规与部门规章之间…不一致的


@pytest.mark.parametrize(
    "sentence, title, provision, verb",
    [
        ("不再执行《壬规定》中关于注册资本的限制性规定。", "壬规定", "关于注册资本的限制性规定", "不再执行"),
        ("《丁办法》第五条同时废止。", "丁办法", "第五条", "同时废止"),
        ("暂停执行《癸办法》第三条第二款。", "癸办法", "第三条第二款", "暂停执行"),
    ],
)
def test_a_provision_switched_off_is_a_suspension_not_a_repeal(sentence, title, provision, verb):
    reps, sus = _repeals(sentence)
    assert reps == []
    assert [(s.title, s.provision, s.verb) for s in sus] == [(title, provision, verb)]


@pytest.mark.parametrize(
    "sentence",
    [
        "根据《立法法》，对不符合规定的文件予以废止。",
        "依据《己法》的规定，制定本办法。",
        "《甲办法》废止后，原有登记继续有效。",
        "在《内地与香港关于建立更紧密经贸关系的安排》下，对港资企业不再重新核准。",
        "制定机关应当及时修改或者废止。",
    ],
)
def test_a_cited_title_is_not_a_repealed_document(sentence):
    assert _repeals(sentence) == ([], [])


@pytest.mark.parametrize(
    "sentence",
    ["根据《立法法》，《戊规定》同时废止。", "根据《甲法》和《乙法》，《戊规定》同时废止。", "按照《甲法》《乙法》要求，《戊规定》予以废止。"],
)
def test_only_the_titles_next_to_the_verb_are_targets(sentence):
    reps, _ = _repeals(sentence)
    assert [r.title for r in reps] == ["戊规定"]


def test_an_unbalanced_bracket_does_not_hide_the_titles_after_it():
    reps, _ = _repeals("（见《附表》和《某某》，《甲办法》（国办发〔2015〕3号）同时废止。")
    assert [r.title for r in reps] == ["甲办法"]
    reps, _ = _repeals("以《为界，《乙办法》同时废止。")
    assert [r.title for r in reps] == ["乙办法"]


@pytest.mark.parametrize("sentence, title, date, issuers", [
    # a city's regulation: adopted and approved, then amended, before it was repealed
    ("1992年10月9日某市人民代表大会常务委员会第二十四次会议通过、1992年11月3日某省人民代表大会常务委员会第三十次会议批准，"
     "2006年9月19日某市人民代表大会常务委员会第二十二次会议通过、2006年12月1日某省人民代表大会常务委员会第二十七次会议批准修改的"
     "《某市城市规划管理条例》同时废止。", "某市城市规划管理条例", "2006-12-01", ["某省人民代表大会常务委员会"]),
    ("1984年3月8日市人民政府发布、1997年12月31日市人民政府修改的《某市环境噪声管理暂行办法》同时废止。",
     "某市环境噪声管理暂行办法", "1997-12-31", ["市人民政府"]),
    ("自1997年2月5日起施行的《某市幼儿教育管理规定》同时废止。", "某市幼儿教育管理规定", "1997-02-05", []),
    ("1992年5月29日某市人民政府第12号令发布的《〈某市水资源管理条例〉罚款处罚办法》同时废止。",
     "〈某市水资源管理条例〉罚款处罚办法", "1992-05-29", ["某市人民政府"]),
])
def test_a_repealed_title_after_the_story_of_its_making_is_a_target(sentence, title, date, issuers):
    [r], suspensions = _repeals(sentence)
    assert (r.title, r.date, r.issuers, suspensions) == (title, date, issuers, [])


def test_a_heading_announces_the_list_of_repealed_rules_below_it_each_with_the_order_it_was_made_by():
    text = ("江西省人民政府关于废止4件省政府规章的决定\n一、废止4件省政府规章\n"
            "（一）江西省行政事业性收费票据管理规定（1997年6月28日江西省人民政府令第55号公布，2004年6月30日江西省人民政府令第134号修正）。\n"
            "（二）江西省人事争议处理办法（2006年11月16日江西省人民政府令第153号公布）。\n"
            "（三）《黑龙江省乡镇船舶和渡口安全管理办法》（1989年省政府令第4号，1998年省政府令第11号修正）。\n"
            "（四）《黑龙江省犬类管理规定》（1987年10月13日公布，2006年省政府令第11号修正）。\n"
            "二、对16件省政府规章的部分条款予以修改\n（一）江西省行政执法监督实施办法。\n")
    got = [(r.title, r.doc_number.normalized if r.doc_number else None, r.verb) for r in parse_text(text).repeals]
    assert got == [
        ("江西省行政事业性收费票据管理规定", "江西省人民政府令第55号", "废止"),
        ("江西省人事争议处理办法", "江西省人民政府令第153号", "废止"),
        ("黑龙江省乡镇船舶和渡口安全管理办法", "省政府令第4号", "废止"),
        ("黑龙江省犬类管理规定", None, "废止"),  # only its amendment is numbered
    ]  # the amended rules of item 二 are no repeals


@pytest.mark.parametrize("clause", ["原《某区产业提质增效三年行动方案》（某政办发〔2022〕73号）同时废止",
                                    "现将《某区产业提质增效三年行动方案》（某政办发〔2022〕73号）废止",
                                    "同时将《某区产业提质增效三年行动方案》（某政办发〔2022〕73号）废止"])
def test_a_repealing_clause_opened_by_its_lead_word_after_another_sentence_names_its_target(clause):
    # 洞头 (corpora/genre/heldout242/p02): …现印发给你们，请认真贯彻落实。原《…》（洞政办发〔2022〕73号）同时废止。
    text = "现将《某区产业全链提升实施方案》印发给你们，请认真贯彻落实。" + clause + "。"
    [r] = find_repeals(text, 0, len(text), doc_date=None).repeals
    assert (r.title, r.doc_number.normalized) == ("某区产业提质增效三年行动方案", "某政办发〔2022〕73号")
