"""What changed between two documents: units aligned whatever their numbers, character edits,
a diff that applies, envelope and lead changes, and the diff's JSON, Markdown and HTML.

Edition pairs are the copies in ``corpora/editions`` (national laws and rules, see its
``index.jsonl``); notice pairs come from ``corpora/dev``.
"""

from __future__ import annotations

import json
import os
import re
from itertools import pairwise
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import html as lhtml

import policyparse
from policyparse.cli import main
from policyparse.diff import (
    DocumentDiff,
    apply_diff,
    apply_edits,
    diff_documents,
    document_to_units,
    text_to_edits,
)
from policyparse.diff.align import align_texts
from policyparse.diff.render import diff_to_json, render_html, render_markdown
from policyparse.errors import DiffDoesNotApply
from policyparse.pipeline import parse_text

from conftest import CORPORA, DEV, parsed

EDITIONS = CORPORA / "editions"
_DIGITS = "零一二三四五六七八九"


def cn(n: int) -> str:
    """1..99 as a Chinese numeral, the way articles are numbered (十一, 二十, 二十三)."""
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else _DIGITS[tens] + "十")
    return head + (_DIGITS[ones] if ones else "")


def statute(bodies: list[str], title: str = "某某管理条例") -> str:
    return title + "\n" + "".join(f"第{cn(i)}条 {b}\n" for i, b in enumerate(bodies, start=1))


BODIES = [f"本条例第{k}项规定：有关部门应当依照本条例对第{k}类事项履行{'监督管理检查评估指导协调'[k % 6:k % 6 + 2]}职责。"
          for k in range(1, 26)]


def units_of(doc):
    return document_to_units(doc, articles=True)


def change_of(d: DocumentDiff, old_label: str):
    return next(c for c in d.changes if c.old_label == old_label)


def edition_pairs() -> list[tuple[Path, Path]]:
    rows = [json.loads(line) for line in (EDITIONS / "index.jsonl").read_text(encoding="utf-8").splitlines()]
    by_law: dict[str, list[dict]] = {}
    for r in rows:
        by_law.setdefault(r["law"], []).append(r)
    out = []
    for rs in by_law.values():
        rs.sort(key=lambda r: r["publish"])
        out += [(EDITIONS / a["file"], EDITIONS / b["file"]) for a, b in pairwise(rs)]
    return out


# ------------------------------------------------------------------------------- alignment


def test_it_aligns_an_unchanged_article_under_its_new_number_after_two_insertions():
    new_bodies = BODIES[:2] + ["新增的第一项制度安排由国务院另行规定。", "新增的第二项保障措施依照有关法律执行。"] + BODIES[2:]
    old, new = parse_text(statute(BODIES)), parse_text(statute(new_bodies))
    d = policyparse.diff(old, new)
    c = change_of(d, "第二十一条")
    assert (c.status, c.new_label, c.renumbered, c.moved) == ("unchanged", "第二十三条", True, False)
    assert d.summary.unchanged == 25 and d.summary.inserted == 2 and d.summary.amended == d.summary.deleted == 0
    assert [c.new_label for c in d.changes if c.status == "inserted"] == ["第三条", "第四条"]
    assert d.summary.renumbered == 23


def test_it_gives_an_amended_article_its_character_edits_and_they_apply():
    new_bodies = list(BODIES)
    new_bodies[6] = new_bodies[6].replace("有关部门", "县级以上人民政府有关部门")
    d = diff_documents(parse_text(statute(BODIES)), parse_text(statute(new_bodies)))
    c = change_of(d, "第七条")
    assert c.status == "amended" and not c.renumbered and 0.5 < c.similarity < 1
    assert [(e.op, e.old, e.new) for e in c.edits] == [("insert", "", "县级以上人民政府")]
    assert apply_edits(BODIES[6], c.edits) == new_bodies[6]
    assert d.summary.amended == 1 and d.summary.unchanged == 24


def test_it_reports_a_moved_article_and_keeps_the_rest_in_place():
    new_bodies = BODIES[:3] + BODIES[4:20] + [BODIES[3]] + BODIES[20:]
    d = diff_documents(parse_text(statute(BODIES)), parse_text(statute(new_bodies)))
    c = change_of(d, "第四条")
    assert (c.status, c.moved, c.new_label) == ("unchanged", True, "第二十条")
    assert d.summary.moved == 1 and d.summary.unchanged == 25


def test_an_article_zhiyi_is_a_unit_of_its_own():
    text = statute(BODIES[:5]).replace("第四条 ", "第三条之一 这是插入在第三条之后的新条文。\n第四条 ")
    new = parse_text(text)
    labels = [u.label for u in units_of(new)]
    assert labels == ["第一条", "第二条", "第三条", "第三条之一", "第四条", "第五条"]
    d = diff_documents(parse_text(statute(BODIES[:5])), new)
    assert [(c.status, c.new_label) for c in d.changes if c.status != "unchanged"] == [("inserted", "第三条之一")]
    assert change_of(d, "第三条").status == "unchanged"


def test_equal_texts_pair_up_in_order_and_dissimilar_texts_stay_unpaired():
    pairs, moved = align_texts(["甲乙丙丁", "戊己庚辛", "完全不同的一段文字"], ["戊己庚辛", "甲乙丙丁", "另外一件事情的规定"])
    assert sorted(pairs) == [(0, 1), (1, 0)] and len(moved) == 1


def test_text_edits_turn_the_old_text_into_the_new_one():
    old, new = "国务院有关部门应当加强监督。", "国务院交通运输主管部门应当加强监督管理。"
    assert apply_edits(old, text_to_edits(old, new)) == new
    assert text_to_edits(old, old) == []


# ------------------------------------------------------------------------------- the proof


@pytest.mark.parametrize("old_path,new_path", edition_pairs(), ids=lambda p: p.stem)
def test_applying_the_diff_to_the_old_edition_gives_the_new_one_exactly(old_path, new_path):
    old, new = parsed(str(old_path)), parsed(str(new_path))
    d = diff_documents(old, new)
    ou, nu = units_of(old), units_of(new)
    assert d.unit_kind == "article" and len(ou) > 5
    assert apply_diff(ou, d) == nu
    back = DocumentDiff.model_validate_json(diff_to_json(d))  # the JSON is the patch
    assert apply_diff(ou, back) == nu
    # every article whose text the other edition has exactly (once in each) is aligned unchanged with it
    once_old = {u.text for u in ou if [v.text for v in ou].count(u.text) == 1}
    once_new = {u.text for u in nu if [v.text for v in nu].count(u.text) == 1}
    partner = {c.old_index: c for c in d.changes if c.old_index is not None}
    for i, u in enumerate(ou):
        if u.text in once_old & once_new:
            c = partner[i]
            assert c.status == "unchanged" and nu[c.new_index].text == u.text, (u.label, c)


def test_the_womens_rights_law_of_2022_moves_chapters_and_renumbers_what_it_keeps():
    old = parsed(str(EDITIONS / "funv_quanyi_baozhang_fa_2018-10-26.txt"))
    new = parsed(str(EDITIONS / "funv_quanyi_baozhang_fa_2022-10-30.txt"))
    d = diff_documents(old, new)
    c = change_of(d, "第三十七条")  # 禁止歧视、虐待、遗弃、残害妇女 … kept word for word
    assert (c.status, c.new_label, c.moved) == ("unchanged", "第十九条", True)
    assert d.summary.moved >= 5 and d.summary.inserted >= 20 and d.summary.renumbered >= 40


def test_the_diff_is_deterministic():
    old = parsed(str(EDITIONS / "daolu_yunshu_tiaoli_2019-03-02.txt"))
    new = parsed(str(EDITIONS / "daolu_yunshu_tiaoli_2022-03-29.txt"))
    assert diff_to_json(diff_documents(old, new)) == diff_to_json(diff_documents(old, new))


def test_a_diff_refuses_units_it_was_not_made_from():
    d = diff_documents(parse_text(statute(BODIES)), parse_text(statute(BODIES[:24] + ["最后一条改写。"])))
    other = units_of(parse_text(statute(BODIES[:24] + ["另一条内容。"])))
    with pytest.raises(DiffDoesNotApply) as e:
        apply_diff(other, d)
    assert e.value.code == "E021"
    with pytest.raises(DiffDoesNotApply):
        apply_diff(units_of(parse_text(statute(BODIES[:10]))), d)


# ------------------------------------------------------------------------------- dev pairs


def test_the_2024_review_regulation_keeps_the_2001_articles_it_rewrites():
    old, new = parsed(str(DEV / "020_fagui_guizhang_beian_tiaoli_2001.txt")), parsed(str(DEV / "019_fagui_guizhang_beian_shencha_tiaoli_2024.txt"))
    d = diff_documents(old, new)
    assert apply_diff(units_of(old), d) == units_of(new)
    title = next(f for f in d.envelope if f.field == "title")
    assert (title.old, title.new) == ("法规规章备案条例", "法规规章备案审查条例")
    c = change_of(d, "第三条")
    assert c.status == "amended" and c.new_label == "第四条"
    assert d.summary.amended + d.summary.unchanged >= 15


def test_a_law_that_replaces_another_in_new_words_shares_no_article_with_it():
    """023 (市场主体登记管理条例, 2021) repeals 024 (企业法人登记管理条例) and says everything anew: no
    article pair is even half alike (the closest share 41 % of their bigrams), so nothing is aligned."""
    old, new = parsed(str(DEV / "024_qiye_faren_dengji_guanli_tiaoli_2019rev.txt")), parsed(str(DEV / "023_shichang_zhuti_dengji_guanli_tiaoli_2021.txt"))
    d = diff_documents(old, new)
    ou, nu = units_of(old), units_of(new)
    assert apply_diff(ou, d) == nu
    assert (d.summary.unchanged, d.summary.amended, d.summary.deleted, d.summary.inserted) == (0, 0, len(ou), len(nu))
    assert {f.field for f in d.envelope} >= {"title"}


def _renumbered_items(text: str, start: int) -> str:
    """（N） → （N+1） for every item N >= start that opens a line."""
    def bump(m: re.Match[str]) -> str:
        n = _CN_VALUES.index(m.group(1)) + 1
        return f"（{_CN_VALUES[n]}）" if n - 1 >= start else m.group(0)
    return re.sub(r"(?m)^（([一二三四五六七八九十]+)）", bump, text)


_CN_VALUES = [""] + [cn(i) for i in range(1, 40)]


def test_tasks_carried_over_a_new_edition_of_a_notice_are_aligned_and_a_changed_lead_is_reported():
    """002 (国发〔2018〕39号, 列第一位者为牵头单位) and an edition of it made by editing its text: a
    measure inserted as （三） (later items renumbered), the units of （六） reordered so that
    财政部 leads, item （十） (now （十一）) deleted."""
    src = (DEV / "002_guofa_2018_39.txt").read_text(encoding="utf-8")
    text = _renumbered_items(src, 3)
    text = text.replace("\n（四）加大创业担保贷款", "\n（三）支持返乡入乡创业。对返乡入乡创业人员给予场地和融资支持。（农业农村部、人力资源社会保障部负责）\n（四）加大创业担保贷款", 1)
    six = re.search(r"(?m)^（七）支持困难企业开展职工在岗培训.*$", text)
    assert six is not None
    text = text[:six.start()] + six.group(0).replace("（人力资源社会保障部、财政部负责）", "（财政部、人力资源社会保障部负责）") + text[six.end():]
    ten = re.search(r"(?m)^（十一）落实失业保险待遇.*\n", text)
    assert ten is not None
    text = text[:ten.start()] + text[ten.end():]
    old, new = parsed(str(DEV / "002_guofa_2018_39.txt")), parse_text(text)
    d = diff_documents(old, new)
    ou, nu = document_to_units(old), document_to_units(new)
    assert apply_diff(ou, d) == nu
    tasks = [c for c in d.changes if c.kind == "task"]
    assert d.by_kind["task"].deleted == 1 and d.by_kind["task"].inserted == 1
    assert sum(1 for c in tasks if c.status != "deleted" and c.old_index is not None) == len(old.tasks) - 1
    for c in tasks:
        if c.old_index is not None and c.new_index is not None:
            assert ou[c.old_index].text == nu[c.new_index].text, c
    lead = [c for c in tasks if any(f.field == "leads" for f in c.fields)]
    assert len(lead) == 1 and d.summary.leads_changed == 1
    f = next(f for f in lead[0].fields if f.field == "leads")
    assert (lead[0].old_label, lead[0].new_label, f.old, f.new) == ("三(六)", "三(七)", ["人力资源社会保障部"], ["财政部"])
    assert lead[0].status == "amended"
    page = lhtml.fromstring(render_html(d, ou, nu).encode("utf-8"))
    row = page.xpath('//tr[@data-kind="task"][.//ul[@class="fields"]]')
    assert len(row) == 1 and "财政部" in row[0].xpath('string(.//ul[@class="fields"]//ins)')
    carried = change_of(d, "五(十五)")
    assert (carried.status, carried.new_label, carried.renumbered) == ("unchanged", "五(十六)", True)


# ------------------------------------------------------------------------------- output


def _small_pair():
    return (parsed(str(EDITIONS / "nianjie_jinianri_fangjia_banfa_2013-12-11.txt")),
            parsed(str(EDITIONS / "nianjie_jinianri_fangjia_banfa_2024-11-10.txt")))


def test_the_html_page_sets_both_editions_side_by_side_with_edits_marked():
    old, new = _small_pair()
    d = diff_documents(old, new)
    page = render_html(d, units_of(old))
    assert page == render_html(d, units_of(old), units_of(new))
    tree = lhtml.fromstring(page.encode("utf-8"))
    rows = tree.xpath('//table[@class="diff"]/tr[contains(@class, "change")]')
    assert [r.get("data-status") for r in rows] == [c.status for c in d.changes]
    amended = tree.xpath('//tr[@data-status="amended"]')
    assert amended and all(r.xpath('.//td[@class="old"]//del') or r.xpath('.//td[@class="new"]//ins') for r in amended)
    for r in tree.xpath('//tr[@data-status="inserted"]'):
        assert r.xpath('./td[@class="old none"]') and r.xpath('./td[@class="new"]')
    assert "<script" not in page and "http" not in page.replace("http-equiv", "")
    assert tree.xpath('//li[@data-count="amended"]/b/text()') == [str(d.summary.amended)]


def test_the_markdown_lists_what_changed_with_inline_edits():
    old, new = _small_pair()
    d = diff_documents(old, new)
    md = render_markdown(d, units_of(old))
    assert md.startswith("# ") and "[-" in md and "{+" in md
    assert md.count("\n- **") == sum(1 for c in d.changes if c.status != "unchanged" or c.moved)


def test_the_diff_command_writes_json_markdown_and_html(tmp_path):
    a, b = (str(EDITIONS / f"zhishi_chanquan_fating_guiding_{x}.txt") for x in ("2018-12-28", "2023-10-21"))
    r = CliRunner().invoke(main, ["diff", a, b])
    assert r.exit_code == 0
    d = DocumentDiff.model_validate_json(r.output)
    assert apply_diff(units_of(parsed(a)), d) == units_of(parsed(b))
    for fmt, marker in (("md", "# "), ("html", "<!DOCTYPE html>")):
        out = tmp_path / f"d.{fmt}"
        r = CliRunner().invoke(main, ["diff", a, b, "--format", fmt, "-o", str(out)])
        assert r.exit_code == 0 and out.read_text(encoding="utf-8").startswith(marker)
    r = CliRunner().invoke(main, ["diff", a, str(tmp_path / "none.txt")])
    assert r.exit_code == 1 and "FileNotFound" in r.stderr


# ------------------------------------------------------------------------------- in a browser

FIGURES = Path(__file__).resolve().parents[2] / "notebooks" / "figures"
WRITE_FIGURES = "POLICYPARSE_UPDATE_NOTEBOOKS"  # =1: the screenshot goes to notebooks/figures/, else to a temp folder


_ROW_GEOMETRY = """
const rows = [...document.querySelectorAll('table.diff tr.change')];
return rows.map(r => {
  const o = r.querySelector('td.old').getBoundingClientRect(), n = r.querySelector('td.new').getBoundingClientRect();
  return {status: r.dataset.status, oldLeft: o.left, oldWidth: o.width, newLeft: n.left, newWidth: n.width,
          oldTop: o.top, newTop: n.top, height: r.getBoundingClientRect().height};
});
"""


def test_the_diff_page_renders_both_editions_side_by_side_in_chromium(browser, tmp_path):
    old, new = _small_pair()
    d = diff_documents(old, new)
    page = tmp_path / "diff_editions.html"
    page.write_text(render_html(d, units_of(old)), encoding="utf-8")
    browser.set_window_size(1400, 900)
    browser.get(page.as_uri())
    rows = browser.execute_script(_ROW_GEOMETRY)
    assert [r["status"] for r in rows] == [c.status for c in d.changes]
    for r in rows:  # the two editions are two columns of one row: same top, old left of new, both readable
        assert abs(r["oldTop"] - r["newTop"]) < 1 and r["oldLeft"] + r["oldWidth"] <= r["newLeft"] + 1
        assert r["oldWidth"] > 300 and r["newWidth"] > 300 and r["height"] > 10
    ins = browser.execute_script("return getComputedStyle(document.querySelector('ins')).backgroundColor;")
    dele = browser.execute_script("return getComputedStyle(document.querySelector('del')).backgroundColor;")
    assert ins != dele and "rgba(0, 0, 0, 0)" not in (ins, dele)
    height = browser.execute_script("return document.documentElement.scrollHeight;")
    browser.set_window_size(1400, min(int(height) + 40, 16000))
    out = FIGURES if os.environ.get(WRITE_FIGURES) == "1" else tmp_path
    out.mkdir(parents=True, exist_ok=True)
    shot = out / "diff_editions.png"
    assert browser.save_screenshot(str(shot)) and shot.stat().st_size > 10_000


def test_a_diff_edited_by_hand_into_nonsense_is_refused_with_a_typed_error():
    old, new = _small_pair()
    d = diff_documents(old, new)
    broken = d.model_copy(update={"changes": [c.model_copy(update={"old_index": None}) if c.status == "unchanged" else c
                                              for c in d.changes]})
    with pytest.raises(DiffDoesNotApply):
        apply_diff(units_of(old), broken)
    twice = d.model_copy(update={"changes": [*d.changes, d.changes[0]]})
    with pytest.raises(DiffDoesNotApply):
        apply_diff(units_of(old), twice)
