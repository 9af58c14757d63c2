"""split_units: how a written unit list becomes unit names with offsets."""

from __future__ import annotations

import pytest

from policyparse.nlp import split_units


def names(text, **kw):
    return [n for n, _, _ in split_units(text, **kw)]


def test_offsets_point_into_the_text_given():
    text = "省工业和信息化厅、省发展改革委和省国资委"
    items = split_units(text)
    assert [(n, s, e) for n, s, e in items] == [
        ("省工业和信息化厅", 0, 8),
        ("省发展改革委", 9, 15),
        ("省国资委", 16, 20),
    ]
    assert all(text[s:e] == n for n, s, e in items)


def test_it_splits_on_he_where_it_joins_two_units():
    assert names("省发展改革委和省国资委") == ["省发展改革委", "省国资委"]
    assert names("公安部及交通运输部") == ["公安部", "交通运输部"]
    assert names("教育部与人力资源社会保障部") == ["教育部", "人力资源社会保障部"]


@pytest.mark.parametrize(
    "name", ["工业和信息化部", "人力资源和社会保障局", "住房和城乡建设部", "文化和旅游部", "中央和国家机关工委", "粮食和储备局"]
)
def test_it_never_splits_he_inside_a_name(name):
    assert names(name) == [name]
    assert names(f"财政部、{name}和商务部") == ["财政部", name, "商务部"]


def test_a_name_unknown_to_the_lexicon_keeps_its_he_when_the_left_side_is_no_unit():
    assert names("市自然资源和规划局、市财政局") == ["市自然资源和规划局", "市财政局"]


def test_a_trailing_deng_is_dropped():
    assert names("人民银行、外汇局等") == ["人民银行", "外汇局"]
    assert names("人民银行等部门") == ["人民银行"]
    assert names("农业农村部、文化和旅游部等和各有关省级人民政府负责") == [
        "农业农村部",
        "文化和旅游部",
        "各有关省级人民政府",
    ]


def test_deng_before_a_collective_splits_and_keeps_the_collective():
    assert names("人力资源社会保障部等有关部门和单位负责") == ["人力资源社会保障部", "有关部门和单位"]


def test_role_words_and_what_follows_them_are_not_units():
    assert names("省工业和信息化厅、省发展改革委、省国资委负责,排第一的为牵头单位,下同") == [
        "省工业和信息化厅",
        "省发展改革委",
        "省国资委",
    ]
    assert names("市场监管总局，各省级人民政府按职责分工负责") == ["市场监管总局", "各省级人民政府"]
    assert names("国家发展改革委会同有关部门负责") == ["国家发展改革委"]


def test_a_labelled_field_gives_the_units_after_its_colon():
    assert names("负责部门：发展改革委、粮食和储备局，适用范围：浙江自贸试验区") == ["发展改革委", "粮食和储备局"]


def test_whitespace_separates_units_but_not_a_padded_name():
    assert names("广州市民政局  广州市财政局") == ["广州市民政局", "广州市财政局"]
    assert names("陈 飞") == ["陈 飞"]


def test_a_separator_inside_a_known_name_does_not_split():
    assert names("国务院、中央军委空中交通管制委员会办公室、民航局") == [
        "国务院、中央军委空中交通管制委员会办公室",
        "民航局",
    ]


def test_half_width_punctuation_works_like_full_width():
    assert names("省科技厅,省教育厅;省财政厅") == ["省科技厅", "省教育厅", "省财政厅"]


def test_the_segmenter_guard_gives_the_same_split(jieba_segmenter):
    text = "省工业和信息化厅、省发展改革委和省国资委、工业和信息化部"
    assert split_units(text, segmenter=jieba_segmenter) == split_units(text)


@pytest.fixture(scope="module")
def jieba_segmenter():
    from policyparse.nlp import get_segmenter

    return get_segmenter("jieba")

def test_a_separator_inside_brackets_separates_no_units():
    from policyparse.nlp import split_units

    assert [n for n, _, _ in split_units("市发展改革委，各县〔市、区〕政府")] == ["市发展改革委", "各县〔市、区〕政府"]


def test_a_place_name_holding_a_joiner_keeps_its_branch_whole():
    # 和龙 (corpora/genre/heldout249/p01): 延边州生态环境局和龙分局 is one branch; 龙分局 after 和 is no unit of its own
    assert names("延边州生态环境局和龙分局、市农业农村局") == ["延边州生态环境局和龙分局", "市农业农村局"]
    # a level opening the name after the joiner is a unit of its own (省政府), as a full name is
    assert names("省委和省政府") == ["省委", "省政府"]
    assert names("市发展改革委和市财政局") == ["市发展改革委", "市财政局"]
