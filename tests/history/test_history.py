"""The supersession history: resolution by number then title, chains, in-force answers, conflicts, exports."""

from __future__ import annotations

import json
import random
from pathlib import Path

import networkx as nx
import pytest

from policyparse.batch import parse_many
from policyparse.errors import UsageError
from policyparse.extract.effective import find_effective
from policyparse.extract.repeals import find_repeals
from policyparse.history import build_history, history_from_records, render
from policyparse.model import CitedDocument, Effective, Organ, PolicyDocument, Repeal, SourceRef, Span, Suspension
from policyparse.normalize import fold, parse_doc_number

from conftest import DEV

_pos = iter(range(0, 10**9, 10))


def _span() -> Span:
    s = next(_pos)
    return Span(start=s, end=s + 5)


def rep(title=None, number=None, date=None, issuers=(), verb="同时废止", eff=None) -> Repeal:
    return Repeal(title=title, doc_number=parse_doc_number(number) if number else None, date=date,
                  issuers=list(issuers), verb=verb, effective_date=eff, span=_span())


def doc(number=None, title=None, date=None, *, repeals=(), suspensions=(), cites=(), start=None, expires=None,
        issuers=(), enclosed=(), path=None) -> PolicyDocument:
    eff = Effective(text="…", date=start, expires=expires, span=_span()) if (start or expires) else None
    return PolicyDocument(
        source=SourceRef(path=path or f"{number or title}.txt", sha256="0" * 64), title=title,
        doc_number=parse_doc_number(number) if number else None, date=date,
        issuers=[Organ(name=x, span=_span()) for x in issuers], repeals=list(repeals), suspensions=list(suspensions),
        cited_documents=list(cites), effective=eff, enclosed=list(enclosed),
    )


# ------------------------------------------------------------------------------ chains, in force


def _abc():
    a = doc("国务院令第1号", "甲条例", "2001-05-01")
    b = doc("国务院令第2号", "甲条例（修订）", "2010-03-01", start="2010-06-01", repeals=[rep(number="国务院令第1号")])
    c = doc("国务院令第3号", "乙条例", "2020-01-01", start="2020-03-01", repeals=[rep(title="《甲条例（修订）》")])
    return build_history([c, a, b])


def test_a_chain_lists_predecessors_and_successors_oldest_first():
    h = _abc()
    want = ["doc:国务院令第1号", "doc:国务院令第2号", "doc:国务院令第3号"]
    assert h.chain("doc:国务院令第1号") == h.chain("doc:国务院令第2号") == h.chain("doc:国务院令第3号") == want


def test_in_force_honours_start_and_repeal_dates():
    h = _abc()
    b = "doc:国务院令第2号"
    assert not h.in_force(b, "2010-05-31")  # issued, not yet effective
    assert h.in_force(b, "2010-06-01")
    assert h.in_force(b, "2020-02-29")
    assert not h.in_force(b, "2020-03-01")  # 同时废止 with 乙条例, effective that day
    assert h.in_force("doc:国务院令第1号", "2010-05-31") and not h.in_force("doc:国务院令第1号", "2010-06-01")


def test_in_force_honours_expiry():
    h = build_history([doc("穗府办规〔2021〕7号", "某通知", "2021-04-16", start="2021-04-16", expires="2026-04-15")])
    assert h.in_force("doc:穗府办规〔2021〕7号", "2026-04-15")
    assert not h.in_force("doc:穗府办规〔2021〕7号", "2026-04-16")


def test_a_repeal_without_a_known_date_still_ends_the_document():
    h = build_history([doc(None, "新办法", None, repeals=[rep(title="旧办法")]), doc(None, "旧办法", None)])
    assert not h.in_force("doc:旧办法", "1990-01-01")


def test_a_suspended_provision_does_not_end_the_document():
    s = Suspension(title="外商投资建筑业企业管理规定", provision="关于工程承包范围的限制性规定", verb="不再执行", span=_span())
    h = build_history([doc("国发〔2018〕38号", "通知", "2018-11-07", suspensions=[s]),
                       doc("建设部令第113号", "外商投资建筑业企业管理规定", "2002-09-27")])
    [(u, v, d)] = [(u, v, d) for u, v, d in h.graph.edges(data=True)]
    assert (u, v, d["kind"], d["provision"]) == ("doc:国发〔2018〕38号", "doc:建设部令第113号", "suspends", "关于工程承包范围的限制性规定")
    assert h.in_force("doc:建设部令第113号", "2019-01-01")


def test_unrepealed_lists_parsed_documents_nobody_repeals():
    assert _abc().unrepealed() == ["doc:国务院令第3号"]


def test_an_unknown_id_is_a_usage_error():
    with pytest.raises(UsageError):
        _abc().in_force("doc:nothing", "2020-01-01")


# --------------------------------------------------------------------------------- resolution


def _same_title_pair(extra=()):
    old = doc("劳社部发〔2001〕5号", "关于某某问题的通知", "2001-03-01", issuers=["劳动和社会保障部"])
    new = doc("劳社部发〔2008〕3号", "关于某某问题的通知", "2008-01-10", issuers=["劳动和社会保障部"],
              repeals=[rep(title="关于某某问题的通知", number="劳社部发〔2001〕5号")])
    return build_history([new, old, *extra])


def test_a_same_title_pair_resolves_by_number():
    h = _same_title_pair()
    assert [(u, v) for u, v in h.graph.edges()] == [("doc:劳社部发〔2008〕3号", "doc:劳社部发〔2001〕5号")]
    assert h.in_force("doc:劳社部发〔2001〕5号", "2007-12-31") and not h.in_force("doc:劳社部发〔2001〕5号", "2008-01-10")
    assert h.in_force("doc:劳社部发〔2008〕3号", "2020-01-01")


def test_a_number_that_matches_nothing_stays_a_candidate_even_if_the_title_matches():
    x = doc("劳社部发〔2009〕9号", "另一通知", "2009-05-01", repeals=[rep(title="关于某某问题的通知", number="劳社部发〔1999〕1号")])
    h = _same_title_pair([x])
    [(u, v)] = [(u, v) for u, v, d in h.graph.edges(data=True) if u == "doc:劳社部发〔2009〕9号"]
    assert v == "ref:劳社部发〔1999〕1号" and h.graph.nodes[v]["kind"] == "candidate"


def test_a_title_shared_by_two_documents_is_ambiguous_without_a_date():
    x = doc("劳社部发〔2009〕9号", "另一通知", "2009-05-01", repeals=[rep(title="关于某某问题的通知")])
    h = _same_title_pair([x])
    [(u, v)] = [(u, v) for u, v, d in h.graph.edges(data=True) if u == "doc:劳社部发〔2009〕9号"]
    assert h.graph.nodes[v]["kind"] == "candidate"
    assert any(c["kind"] == "ambiguous_reference" for c in h.conflicts())


def test_a_date_picks_one_of_two_same_title_documents():
    x = doc("劳社部发〔2009〕9号", "另一通知", "2009-05-01", repeals=[rep(title="关于某某问题的通知", date="2001-03-05")])
    h = _same_title_pair([x])
    assert "doc:劳社部发〔2001〕5号" in h.graph.successors("doc:劳社部发〔2009〕9号")


def test_disagreeing_issuers_prevent_a_title_link():
    h = build_history([doc(None, "某办法", "2001-01-01", issuers=["甲省人民政府"]),
                       doc("乙府发〔2010〕1号", "新办法", "2010-01-01", repeals=[rep(title="某办法", issuers=["乙省人民政府"])])])
    assert h.graph.nodes["ref:某办法"]["kind"] == "candidate"
    assert h.in_force("doc:某办法@2001-01-01", "2020-01-01")


def test_titles_compare_without_brackets_spaces_or_widths():
    h = build_history([doc(None, "广州市民政局  广州市财政局关于提高标准的通知", "2024-01-01"),
                       doc("穗民规字〔2025〕2号", "新通知", "2025-05-30", repeals=[rep(title="《广州市民政局 广州市财政局关于提高标准的通知》")])])
    assert list(h.graph.successors("doc:穗民规字〔2025〕2号")) == ["doc:广州市民政局广州市财政局关于提高标准的通知@2024-01-01"]


def test_an_enclosed_documents_title_resolves_to_its_archived_notice():
    inner = PolicyDocument(title="广州市临时救助办法")
    old = doc("穗府办规〔2019〕13号", "广州市人民政府办公厅关于印发广州市临时救助办法的通知", "2019-07-01", enclosed=[inner])
    new = doc("穗府办规〔2021〕19号", "关于印发实施细则的通知", "2021-12-01", repeals=[rep(title="广州市临时救助办法")])
    assert build_history([new, old]).chain("doc:穗府办规〔2021〕19号") == ["doc:穗府办规〔2019〕13号", "doc:穗府办规〔2021〕19号"]


def test_a_republishing_document_repeals_the_earlier_edition_not_itself():
    # g005: 穗府办规〔2025〕8号 re-issues 〔2023〕1号 and, in its 办法, repeals 〔2023〕1号
    inner = PolicyDocument(title="广州市积分制入户管理办法", repeals=[
        rep(title="广州市人民政府办公厅关于印发广州市积分制入户管理办法的通知", number="穗府办规〔2023〕1号")])
    new = doc("穗府办规〔2025〕8号", "广州市人民政府办公厅关于重新发布广州市积分制入户管理办法的通知", "2025-06-30",
              start="2025-07-04", expires="2026-12-31", enclosed=[inner])
    old = doc("穗府办规〔2023〕1号", "广州市人民政府办公厅关于印发广州市积分制入户管理办法的通知", "2023-01-20")
    for h in (build_history([new]), build_history([new, old])):
        assert not any(u == v for u, v in h.graph.edges())
        assert h.in_force("doc:穗府办规〔2025〕8号", "2025-07-04")
        assert not h.in_force("doc:穗府办规〔2025〕8号", "2027-01-01")  # expired
    h = build_history([new, old])
    assert h.in_force("doc:穗府办规〔2023〕1号", "2025-07-03") and not h.in_force("doc:穗府办规〔2023〕1号", "2025-07-04")


def test_a_reference_that_only_matches_its_own_document_is_a_separate_candidate():
    d = doc(None, "某某管理办法", "2025-01-01", repeals=[rep(title="某某管理办法")])
    h = build_history([d])
    assert list(h.graph.edges()) == [("doc:某某管理办法@2025-01-01", "ref:某某管理办法")]
    assert [c["kind"] for c in h.conflicts()] == ["self_reference"]
    assert h.in_force("doc:某某管理办法@2025-01-01", "2025-06-01")


def test_a_second_copy_of_a_document_is_merged_not_made_ambiguous():
    a1 = doc("国办发〔2016〕82号", "某通知", "2016-08-01", path="a.txt")
    a2 = doc("国办发〔2016〕82号", "某通知", "2016-08-01", path="html/a.html")
    b = doc("国办发〔2018〕117号", "新通知", "2018-12-06", repeals=[rep(title="某通知", number="国办发〔2016〕82号")])
    h = build_history([a2, b, a1])
    assert h.documents() == ["doc:国办发〔2016〕82号", "doc:国办发〔2018〕117号"]
    assert h.graph.nodes["doc:国办发〔2016〕82号"]["copies"] == ["html/a.html"]
    assert [c["kind"] for c in h.conflicts()] == ["duplicate_document"]


# --------------------------------------------------------------------------------- conflicts, cites


def test_it_reports_two_repealers_a_repeal_of_a_later_document_and_cycles():
    x = doc("甲发〔2010〕1号", "X", "2010-01-01", repeals=[rep(number="甲发〔2012〕2号")])
    y = doc("甲发〔2012〕2号", "Y", "2012-01-01", repeals=[rep(number="甲发〔2010〕1号")])
    z = doc("甲发〔2015〕3号", "Z", "2015-01-01", repeals=[rep(number="甲发〔2010〕1号")])
    kinds = sorted(c["kind"] for c in build_history([x, y, z]).conflicts())
    assert kinds == ["cycle", "multiple_repealers", "repeal_of_later_document"]


def test_cites_edges_answer_what_cites_a_plan():
    plan = doc("湘政发〔2021〕1号", "湖南省“十四五”发展规划", "2021-03-01")
    notice = doc("湘办发〔2021〕9号", "关于印发工作方案的通知", "2021-08-17", cites=[
        CitedDocument(title="湖南省“十四五”发展规划", role="basis", span=_span()),
        CitedDocument(title="关于印发工作方案的通知", role="transmitted", span=_span()),  # itself: no edge
    ])
    h = build_history([plan, notice])
    assert h.cited_by("doc:湘政发〔2021〕1号") == ["doc:湘办发〔2021〕9号"]
    assert [d["role"] for _u, _v, d in h.graph.edges(data=True)] == ["basis"]
    assert h.in_force("doc:湘政发〔2021〕1号", "2022-01-01")  # citing is not repealing


# ----------------------------------------------------------------------------------- exports


def test_exports_do_not_depend_on_input_order():
    a = doc("国务院令第1号", "甲条例", "2001-05-01")
    b = doc("国务院令第2号", "乙条例", "2010-03-01", repeals=[rep(number="国务院令第1号"), rep(title="丙条例", date="1999-01-01")])
    docs = [a, b]
    one = build_history(docs)
    two = build_history(list(reversed(docs)))
    assert json.dumps(one.to_json(), ensure_ascii=False, sort_keys=True) == json.dumps(two.to_json(), ensure_ascii=False, sort_keys=True)
    assert one.to_mermaid() == two.to_mermaid() and one.graphml_string() == two.graphml_string()


def test_json_nodes_and_edges_carry_their_evidence():
    text = "本条例自2020年1月1日起施行。《旧条例》（国务院令第9号）同时废止。"
    reps, _ = find_repeals(fold(text), 0, len(text), doc_date=None)
    d = PolicyDocument(source=SourceRef(path="new.txt", sha256="0" * 64), title="新条例", date="2019-12-01", repeals=reps, text=text)
    out = build_history([d]).to_json()
    [edge] = out["edges"]
    assert edge["kind"] == "repeals" and edge["target"] == "ref:国务院令第9号" and edge["date"] == "2020-01-01"
    assert edge["evidence"] == {"path": "new.txt", "span": [reps[0].span.start, reps[0].span.end], "text": "《旧条例》（国务院令第9号）"}
    assert [n["kind"] for n in out["nodes"]] == ["document", "candidate"]
    assert out["unrepealed"] == ["doc:新条例@2019-12-01"]


def test_graphml_and_mermaid_exports(tmp_path):
    h = _abc()
    p = tmp_path / "h.graphml"
    h.to_graphml(p)
    g = nx.read_graphml(p)
    assert sorted(g.nodes) == sorted(h.graph.nodes) and g.number_of_edges() == h.graph.number_of_edges()
    mm = build_history([doc("国务院令第2号", "乙", "2010-01-01", repeals=[rep(title="甲\"条例\"")])]).to_mermaid()
    assert mm.startswith("flowchart TD\n")
    assert '-->|"同时废止 2010-01-01"|' in mm and "class n2 candidate" in mm
    assert 'n2["甲#quot;条例#quot;"]' in mm  # quotes in a title cannot end the label


# ----------------------------------------------------------------------------- the dev corpus

INDEX = [json.loads(x) for x in (DEV / "index.jsonl").read_text(encoding="utf-8").splitlines()]


def _dev_docs() -> list[PolicyDocument]:
    docs = []
    for m in INDEX:
        raw = (DEV / m["file"]).read_text(encoding="utf-8")
        t = fold(raw)
        reps, sus = find_repeals(t, 0, len(t), doc_date=m["date"])
        docs.append(PolicyDocument(
            source=SourceRef(path=m["file"], sha256="0" * 64), title=m["title"], date=m["date"],
            doc_number=parse_doc_number(m["doc_number"]) if m["doc_number"] else None,
            repeals=reps, suspensions=sus, effective=find_effective(t, 0, len(t), doc_date=m["date"], title=None), text=raw))
    return docs


@pytest.fixture(scope="module")
def dev_history():
    docs = _dev_docs()
    random.Random(7).shuffle(docs)
    return build_history(docs)


def test_the_dev_corpus_resolves_its_chains(dev_history):
    h = dev_history
    n019, n020 = h.find(title="法规规章备案审查条例"), h.find(title="法规规章备案条例")
    n023, n024 = h.find(title="中华人民共和国市场主体登记管理条例"), h.find(title="中华人民共和国企业法人登记管理条例")
    n027, n028 = h.find(title="浙江省数字经济促进条例"), h.find(title="浙江省信息化促进条例")
    assert h.repealed_by(n020) == [n019] and h.repealed_by(n024) == [n023] and h.repealed_by(n028) == [n027]
    assert h.chain(n020) == [h.find(title="法规、规章备案规定"), n020, n019]
    n030 = h.find(doc_number="国家市场监督管理总局令第52号")
    xize = h.find(doc_number="原国家工商行政管理局令第1号")
    assert h.graph.nodes[xize]["title"] == "中华人民共和国企业法人登记管理条例施行细则"
    assert h.graph.nodes[xize]["kind"] == "candidate" and h.repealed_by(xize) == [n030]
    assert h.conflicts() == []


def test_the_dev_corpus_answers_in_force(dev_history):
    h = dev_history
    n020, n024 = h.find(title="法规规章备案条例"), h.find(title="中华人民共和国企业法人登记管理条例")
    assert h.in_force(n020, "2024-10-31") and not h.in_force(n020, "2024-11-01")
    assert h.in_force(n024, "2022-02-28") and not h.in_force(n024, "2022-03-01")
    n019 = h.find(title="法规规章备案审查条例")
    assert not h.in_force(n019, "2024-10-31") and h.in_force(n019, "2024-11-01")
    g005 = h.find(doc_number="穗府办规〔2025〕8号")
    assert h.in_force(g005, "2025-07-01") and not h.in_force(g005, "2027-01-01")


# ------------------------------------------------------------------------------------ the CLI call


def extracting_parse(source, *, format=None, path=None):
    """A stand-in parser: line 1 is ``number|title|date``; the rest is the body."""
    raw = Path(source).read_text(encoding="utf-8")
    head, body = raw.split("\n", 1)
    number, title, date = head.split("|")
    t = fold(raw)
    reps, sus = find_repeals(t, len(head) + 1, len(t), doc_date=date)
    return PolicyDocument(source=SourceRef(path=str(source), sha256="0" * 64), title=title, date=date,
                          doc_number=parse_doc_number(number) if number else None, repeals=reps, suspensions=sus,
                          effective=find_effective(t, len(head) + 1, len(t), doc_date=date, title=title), text=raw)


def test_cli_history_renders_each_format(tmp_path):
    (tmp_path / "a.txt").write_text("国办发〔2016〕82号|旧通知|2016-08-01\n本通知自印发之日起施行。\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("国办发〔2018〕117号|新通知|2018-12-06\n自本通知印发之日起，《旧通知》（国办发〔2016〕82号）停止执行。\n",
                                    encoding="utf-8")
    (tmp_path / "broken.txt").write_text("no header line", encoding="utf-8")
    def cli_history(path, fmt, **kw):
        return render(history_from_records(parse_many(path, **kw)), fmt)

    out = json.loads(cli_history(tmp_path, "json", workers=0, parse_fn=extracting_parse))
    assert [(e["source"], e["target"], e["verb"], e["date"]) for e in out["edges"]] == [
        ("doc:国办发〔2018〕117号", "doc:国办发〔2016〕82号", "停止执行", "2018-12-06")]
    assert [s["path"] for s in out["skipped"]] == [str(tmp_path / "broken.txt")]
    assert cli_history(tmp_path, "mermaid", workers=0, parse_fn=extracting_parse).startswith("flowchart TD")
    assert "<graphml" in cli_history(tmp_path, "graphml", workers=0, parse_fn=extracting_parse)
    with pytest.raises(UsageError):
        cli_history(tmp_path, "dot", workers=0, parse_fn=extracting_parse)


def test_a_history_can_be_built_from_batch_records():
    good = {"path": "a.txt", "ok": True, "document": doc("国办发〔2016〕82号", "旧通知", "2016-08-01").model_dump(mode="json")}
    bad = {"path": "b.pdf", "ok": False, "error": "CorruptDocument", "code": "E004", "message": "bad xref"}
    h = history_from_records([good, bad])
    assert h.documents() == ["doc:国办发〔2016〕82号"] and h.skipped == [{k: bad[k] for k in ("path", "error", "code", "message")}]
