"""Effective dates and validity: 施行 rules, 有效期, 执行期限, 至…止, 暂行/试行, each with its evidence."""

from __future__ import annotations

import json
import re

import pytest

from policyparse.extract.effective import add_period, find_effective
from policyparse.normalize import fold, parse_date

from conftest import DEV, GOLD, SEED

INDEX = {json.loads(line)["file"]: json.loads(line) for line in (DEV / "index.jsonl").read_text(encoding="utf-8").splitlines()}


def _source(stem: str) -> str:
    path = SEED if stem == SEED.stem else DEV / f"{stem}.txt"
    return fold(path.read_text(encoding="utf-8"))


def _issue_date(stem: str, text: str) -> str | None:
    """The date 印发之日 refers to: the 版记's ``…年…月…日印发`` line, else the 成文日期."""
    m = re.search(r"(\d{4}年\d{1,2}月\d{1,2}日)印发\s*$", text, re.M)
    if m:
        return parse_date(m[1])
    if stem == SEED.stem:
        return "2021-08-17"
    return INDEX.get(f"{stem}.txt", {}).get("date")


def _sentence_around(text: str, a: int, b: int) -> tuple[int, int]:
    """The sentence (between 。 or line breaks) that holds ``text[a:b]``."""
    s = max(text.rfind("。", 0, a), text.rfind("\n", 0, a)) + 1
    ends = [i for i in (text.find("。", b), text.find("\n", b)) if i >= 0]
    return s, (min(ends) + 1 if ends else len(text))


def _gold_cases():
    for gf in sorted(GOLD.glob("*.facts.json")):
        g = json.loads(gf.read_text(encoding="utf-8"))
        # a statute edition made by an amending decision takes the decision's date (basis decision_date):
        # a header event, not a clause find_effective reads (see test_statute_editions)
        clauses = [s for s in g.get("effective") or [] if s.get("basis") != "decision_date"]
        if g.get("effective") and not clauses:
            continue
        yield pytest.param(gf.name.split(".")[0], clauses, id=gf.name.split(".")[0])


GOLD_CASES = list(_gold_cases())


@pytest.mark.parametrize("stem, statements", [c for c in GOLD_CASES if c.values[1]])
def test_every_gold_effective_statement_is_found_and_normalized(stem, statements):
    text = _source(stem)
    for want in statements:
        phrase = fold(want["text"])
        pos = text.index(phrase)
        s, e = _sentence_around(text, pos, pos + len(phrase))
        eff = find_effective(text, s, e, doc_date=_issue_date(stem, text), title=None)
        assert eff is not None, want["text"]
        assert (eff.text, eff.date, eff.expires) == (phrase, want["date"], want["expires"])
        assert eff.span.slice(text) == eff.text


@pytest.mark.parametrize("stem, statements", [c for c in GOLD_CASES if c.values[1]])
def test_over_the_whole_document_it_returns_the_governing_rule(stem, statements):
    text = _source(stem)
    eff = find_effective(text, 0, len(text), doc_date=_issue_date(stem, text), title=None)
    last = statements[-1]
    assert (eff.date, eff.expires) == (last["date"], last["expires"])
    assert eff.text in [fold(s["text"]) for s in statements]


@pytest.mark.parametrize("stem", [c.values[0] for c in GOLD_CASES if not c.values[1]])
def test_documents_that_state_no_validity_get_none(stem):
    text = _source(stem)
    assert find_effective(text, 0, len(text), doc_date=_issue_date(stem, text), title=None) is None


def test_the_seed_takes_effect_on_issue():
    text = _source(SEED.stem)
    eff = find_effective(text, 0, len(text), doc_date="2021-08-17", title="关于省领导联系产业集群（产业链）推动打造国家重要先进制造业高地的工作方案")
    assert (eff.text, eff.date, eff.expires, eff.provisional) == ("本工作方案自发布之日起施行", "2021-08-17", None, None)


def test_a_repost_without_a_date_keeps_the_period_but_no_expiry():
    text = _source("g013_guangzhou_canjiren_liangxiang_butie_banfa_zengcheng_repost")
    eff = find_effective(text, 0, len(text), doc_date=None, title=None)
    assert (eff.date, eff.expires, eff.validity) == (None, None, "有效期5年")


# ------------------------------------------------------------------------------------ traps


def test_a_repeal_dated_from_issue_is_not_the_documents_own_rule():
    text = _source("001_guobanfa_2018_117")  # 自本通知印发之日起，《…》停止执行
    assert find_effective(text, 0, len(text), doc_date="2018-12-06", title=None) is None


@pytest.mark.parametrize(
    "sentence",
    [
        "2019年1月1日至2020年12月31日，对其中就业困难人员给予补贴。",
        "上述标准均从2025年1月1日起执行。",
        "本通知规定的最低生活保障标准从2025年1月1日起执行。",
        "服务协议有效期可为1年、2年或3年。",
        "应当在批准文件有效期内向登记机关申请登记。",
        "应当自公布之日起30日内报送备案。",
    ],
)
def test_periods_of_other_things_are_not_the_documents_validity(sentence):
    t = fold(sentence)
    assert find_effective(t, 0, len(t), doc_date="2020-06-01", title=None) is None


# -------------------------------------------------------------------------------- phrasings


@pytest.mark.parametrize(
    "sentence, date, expires, validity",
    [
        ("本办法自2022年3月1日起施行。", "2022-03-01", None, None),
        ("本通知自印发之日起施行，有效期5年。", "2020-06-01", "2025-05-31", "有效期5年"),
        ("本办法自印发之日起试行，有效期两年。", "2020-06-01", "2022-05-31", "有效期两年"),
        ("本规定自2020年2月29日起施行，有效期1年。", "2020-02-29", "2021-02-28", "有效期1年"),
        ("本办法自2020年1月1日起施行，有效期6个月。", "2020-01-01", "2020-06-30", "有效期6个月"),
        ("本办法自2020年1月1日起施行，至2022年12月31日止。", "2020-01-01", "2022-12-31", "至2022年12月31日止"),
        ("本通知自印发之日起施行。有效期5年。", "2020-06-01", "2025-05-31", "有效期5年"),
        ("本办法经市政府同意，自二〇二一年三月一日起施行。", "2021-03-01", None, None),
        ("本通知有效期3年。", None, None, "有效期3年"),
        ("本办法有效期至2026年12月31日。", None, "2026-12-31", "有效期至2026年12月31日"),
    ],
)
def test_it_reads_each_phrasing_of_start_and_validity(sentence, date, expires, validity):
    t = fold(sentence)
    eff = find_effective(t, 0, len(t), doc_date="2020-06-01", title=None)
    assert (eff.date, eff.expires, eff.validity) == (date, expires, validity)
    assert eff.span.slice(t) == eff.text and not eff.text.endswith("。")


def test_a_header_line_counts_only_when_no_article_says_it():
    t = fold("2002年1月1日 施行\n第一条 为了……，制定本条例。")
    eff = find_effective(t, 0, len(t), doc_date=None, title=None)
    assert (eff.text, eff.date) == ("2002年1月1日 施行", "2002-01-01")
    t = fold("2002年1月1日 施行\n第二十二条 本条例自2002年1月1日起施行。")
    assert find_effective(t, 0, len(t), doc_date=None, title=None).text == "本条例自2002年1月1日起施行"


@pytest.mark.parametrize("title, word", [("个人所得税专项附加扣除暂行办法", "暂行"), ("某某管理办法（试行）", "试行"), ("某某管理办法", None)])
def test_the_title_marks_a_provisional_document(title, word):
    t = fold(f"{title}\n第三十二条 本办法自2019年1月1日起施行。")
    assert find_effective(t, 0, len(t), doc_date=None, title=title).provisional == word


def test_a_provisional_title_alone_is_evidence_enough():
    t = fold("个人所得税专项附加扣除暂行办法\n第一条 为了……，制定本办法。")
    eff = find_effective(t, 0, len(t), doc_date=None, title="个人所得税专项附加扣除暂行办法")
    assert (eff.provisional, eff.date, eff.span.slice(t)) == ("暂行", None, "个人所得税专项附加扣除暂行办法")


def test_the_verb_shixing_marks_a_trial_too():
    t = fold("本办法自2020年1月1日起试行。")
    assert find_effective(t, 0, len(t), doc_date=None, title=None).provisional == "试行"


def test_spans_are_absolute_offsets_into_the_whole_text():
    t = fold("前言。\n第九条 本办法自2020年1月1日起施行，有效期3年。")
    eff = find_effective(t, 4, len(t), doc_date=None, title=None)
    assert t[eff.span.start : eff.span.end] == "本办法自2020年1月1日起施行，有效期3年"


@pytest.mark.parametrize(
    "start, n, unit, end",
    [("2021-04-16", 5, "年", "2026-04-15"), ("2020-02-29", 1, "年", "2021-02-28"), ("2020-01-31", 1, "个月", "2020-02-29"),
     ("2019-07-01", 5, "年", "2024-06-30"), ("2020-12-01", 1, "个月", "2020-12-31")],
)
def test_a_period_ends_the_day_before_its_anniversary(start, n, unit, end):
    assert add_period(start, n, unit) == end


def test_an_article_that_names_who_interprets_the_document_before_its_start_date_gives_that_date():
    from policyparse.pipeline import parse_text

    text = ("某市若干措施\n第一条　为了发展，制定本措施。\n"
            "第十九条　本措施由市文化和旅游局负责解释，自2025年8月1日起施行，有效期至2027年12月31日。\n")
    eff = parse_text(text).effective
    assert (eff.date, eff.expires) == ("2025-08-01", "2027-12-31")


def test_a_policy_measures_document_names_itself_in_its_effective_clause():
    # 北仑 (corpora/genre/heldout218/p03): 第十七条　本政策措施自印发之日起施行，有效期至2027年12月31日。
    from policyparse.pipeline import parse_text

    doc = parse_text("北仑区加快集成电路产业发展若干政策措施\n第一条　支持重点企业落户。\n"
                     "第二条　本政策措施自2025年10月1日起施行，有效期至2027年12月31日。\n")
    assert doc.doc_type == "措施"
    assert doc.effective is not None and (str(doc.effective.date), str(doc.effective.expires)) == ("2025-10-01", "2027-12-31")
