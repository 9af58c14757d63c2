"""Person names: normalization and the person test."""

from __future__ import annotations

import json

import pytest

from policyparse.nlp import looks_like_person, normalize_person

from conftest import FIXTURES


def test_it_removes_the_padding_between_the_characters_of_a_name():
    assert normalize_person("陈 飞") == "陈飞"
    assert normalize_person(" 乌\u3000兰 ") == "乌兰"
    assert normalize_person("王  成") == "王成"


def test_it_leaves_mixed_text_readable():
    assert normalize_person("5G 应用") == "5G 应用"


def test_every_leader_of_the_seed_annex_normalizes_to_the_truth_and_looks_like_a_person():
    truth = json.loads((FIXTURES / "annex2_truth.json").read_text(encoding="utf-8"))
    col = truth["grid_raw"][0].index("联系省领导")
    raw = [row[col] for row in truth["grid_raw"][1:] if row[col]]
    assert len(raw) >= 15 and any(" " in name for name in raw)
    assert {normalize_person(name) for name in raw} == {r["联系省领导"] for r in truth["rows"] if r["联系省领导"]}
    assert [name for name in raw if not looks_like_person(name)] == []


@pytest.mark.parametrize("s", ["许达哲", "陈 飞", "乌 兰", "曾万明", "欧阳明", "上官婉儿"])
def test_names_with_a_known_surname_look_like_persons(s):
    assert looks_like_person(s)


@pytest.mark.parametrize(
    "s",
    ["金额", "时间", "单位", "合计", "农业机械", "材 料", "碳基材料", "5G应用", "省发展改革委", "国资委", "江苏省", "张", "王某某某某"],
)
def test_table_words_and_units_do_not_look_like_persons(s):
    assert not looks_like_person(s)


def test_common_words_of_jiebas_dictionary_are_the_frequent_non_name_words_that_open_with_a_surname():
    pytest.importorskip("jieba")
    from policyparse.nlp import persons

    common = persons._read_jieba_common()
    # 时间 and 金额 open with surnames (时, 金) and are frequent common nouns (王牌: 194 n); 习近平 is tagged nrfg,
    # 王府 nr, and 张唱片 (3 n) is too rare
    assert {"时间", "金额", "单位", "王牌"} <= common
    assert not {"习近平", "王府", "张唱片"} & common
    assert all(2 <= len(w) <= 4 for w in common)
    single, compound = persons.surnames()
    assert all(w[0] in single or w[:2] in compound for w in common)
