"""Segmenters: jieba (default) and pkuseg keep domain names whole; loading and errors."""

from __future__ import annotations

import importlib.util

import pytest

from policyparse.errors import UsageError
from policyparse.nlp import get_segmenter
from policyparse.nlp.segment import JiebaSegmenter, PkusegSegmenter, Segmenter, domain_words

from conftest import SEED

SEED_TEXT = SEED.read_text(encoding="utf-8")
ASSIGNMENT = (
    "省发展改革委、省委组织部、省自然资源厅、省教育厅、省人力资源社会保障厅、"
    "省地方金融监管局、省税务局、省工业和信息化厅、人民银行长沙中心支行负责"
)
WHOLE = [
    "省发展改革委",
    "省委组织部",
    "省人力资源社会保障厅",
    "省地方金融监管局",
    "省工业和信息化厅",
    "人民银行长沙中心支行",
]

SEGMENTERS = ["jieba", pytest.param("pkuseg", marks=pytest.mark.slow)]


@pytest.fixture(scope="module", params=SEGMENTERS)
def segmenter(request):
    if request.param == "pkuseg" and importlib.util.find_spec("pkuseg") is None:
        pytest.skip("pkuseg is not installed (pip install --no-build-isolation pkuseg==0.0.25)")
    return get_segmenter(request.param)


def test_it_keeps_unit_names_whole(segmenter):
    tokens = segmenter.cut(ASSIGNMENT)
    for name in WHOLE:
        assert name in tokens, (segmenter.name, tokens)


def test_it_keeps_a_leaders_name_whole(segmenter):
    assert "许达哲" in segmenter.cut("联系省领导许达哲同志")


def test_it_keeps_he_inside_a_ministry_name_and_splits_it_between_units(segmenter):
    tokens = segmenter.cut("省工业和信息化厅、省发展改革委和省国资委，工业和信息化部")
    assert "省工业和信息化厅" in tokens and "工业和信息化部" in tokens
    assert tokens[tokens.index("省发展改革委") + 1] == "和"


def test_tokens_give_back_the_text_exactly(segmenter):
    text = SEED_TEXT[:3000] + "  陈 飞\n\u3000乌 兰 |"
    assert "".join(segmenter.cut(text)) == text


def test_segmenters_are_loaded_once_per_process(segmenter):
    assert get_segmenter(segmenter.name) is segmenter
    assert isinstance(segmenter, Segmenter)


def test_jieba_is_the_default_and_none_means_no_segmenter():
    assert get_segmenter(None) is get_segmenter("jieba")
    assert get_segmenter("none") is None


def test_an_unknown_segmenter_name_is_a_usage_error():
    with pytest.raises(UsageError, match="unknown segmenter"):
        get_segmenter("thulac")


def test_missing_pkuseg_is_reported_with_an_install_hint(monkeypatch):
    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "pkuseg" else real(name, *a))
    with pytest.raises(UsageError) as err:
        PkusegSegmenter()
    assert "pip install" in str(err.value) and "pkuseg==0.0.25" in str(err.value)


def test_the_domain_dictionary_does_not_leak_into_the_callers_jieba():
    seg = get_segmenter("jieba")
    assert isinstance(seg, JiebaSegmenter)
    seg.cut("人民银行长沙中心支行")
    import jieba

    assert seg.tokenizer is not jieba.dt
    assert "人民银行长沙中心支行" in seg.tokenizer.user_word_tag_tab
    assert "人民银行长沙中心支行" not in jieba.dt.user_word_tag_tab


def test_the_domain_dictionary_holds_lexicon_forms_but_no_two_character_forms():
    words = dict(domain_words())
    assert words["省人力资源社会保障厅"] == "nt"
    assert "人民银行长沙中心支行" in words and "牵头单位" in words
    assert all(len(w) >= 3 for w, tag in words.items() if tag == "nt")


@pytest.mark.parametrize("name", ["jieba", "none", pytest.param("pkuseg", marks=pytest.mark.slow)])
def test_the_seed_tasks_and_leads_are_identical_with_each_segmenter(name):
    if importlib.util.find_spec("policyparse.pipeline") is None:
        pytest.skip("policyparse.pipeline is not present")
    if name == "pkuseg" and importlib.util.find_spec("pkuseg") is None:
        pytest.skip("pkuseg is not installed")
    from policyparse.pipeline import parse

    def tasks(segmenter):
        doc = parse(SEED, segmenter=segmenter)
        return [(t.path, [u.name for u in t.units], t.lead_units) for d in doc.walk() for t in d.tasks]

    assert tasks(name) == tasks(None)
