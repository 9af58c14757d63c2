"""The supersession history of the real dev corpus, parsed end to end (not from metadata)."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from policyparse.cli import main
from policyparse.history import build_history

from conftest import DEV, parsed


@pytest.fixture(scope="module")
def history():
    return build_history(parsed(str(p)) for p in sorted(DEV.glob("*.txt")))


def test_019_repeals_020_and_020_is_out_of_force_once_019_takes_effect(history):
    old, new = history.find(title="法规规章备案条例"), history.find(title="法规规章备案审查条例")
    assert history.repealed_by(old) == [new]
    assert history.chain(old)[-2:] == [old, new]
    assert history.in_force(old, "2024-10-31") and not history.in_force(old, "2024-11-01")
    assert history.in_force(new, "2024-11-01")


def test_023_repeals_024(history):
    old, new = history.find(title="中华人民共和国企业法人登记管理条例"), history.find(title="中华人民共和国市场主体登记管理条例")
    assert history.repealed_by(old) == [new]
    assert history.in_force(old, "2022-02-28") and not history.in_force(old, "2022-03-01")


def test_030_links_to_its_predecessors_rules_by_number_as_candidates(history):
    xize = history.find(title="中华人民共和国市场主体登记管理条例实施细则")
    preds = history.chain(xize)[:-1]
    assert "ref:国家工商行政管理局令第1号" in preds  # the 施行细则 of 024, not in the corpus: a candidate, not a wrong link
    assert all(p.startswith("ref:") for p in preds)


def test_expiry_counts_for_the_in_force_query(history):
    g003 = history.find(doc_number="穗府办规〔2021〕7号")  # 有效期5年 from its 印发 date 2021-04-16
    assert history.in_force(g003, "2026-04-15") and not history.in_force(g003, "2026-04-16")


def test_the_graph_carries_cites_edges_and_answers_what_cites_x(history):
    tiaoli = history.find(title="中华人民共和国市场主体登记管理条例")
    assert history.find(title="中华人民共和国市场主体登记管理条例实施细则") in history.cited_by(tiaoli)


def test_the_corpus_has_no_conflicts(history):
    assert history.conflicts() == []


def test_the_cli_prints_the_history_as_json_and_mermaid():
    files = [str(DEV / n) for n in ("019_fagui_guizhang_beian_shencha_tiaoli_2024.txt", "020_fagui_guizhang_beian_tiaoli_2001.txt")]
    r = CliRunner().invoke(main, ["history", *files, "--workers", "0"])
    assert r.exit_code == 0, r.output
    data = json.loads(r.output)
    assert any(e.get("kind") == "repeals" for e in data["edges"]), data["edges"]
    r = CliRunner().invoke(main, ["history", *files, "--workers", "0", "--format", "mermaid"])
    assert r.exit_code == 0 and r.output.startswith("flowchart")
