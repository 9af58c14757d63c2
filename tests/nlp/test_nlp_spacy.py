"""The spaCy component "policyparse" on the seed: entities, their values, segmenters, doc._.policy."""

from __future__ import annotations

import importlib.util
import json

import pytest

from policyparse.errors import UsageError
from policyparse.nlp import find_entities

from conftest import FIXTURES, SEED

spacy = pytest.importorskip("spacy", reason="the spaCy integration needs spaCy (pip install policyparse[spacy])")

SEED_TEXT = SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def nlp():
    # spaCy's own jieba segmentation (the global jieba, without the domain dictionary)
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
    nlp.add_pipe("policyparse")
    nlp.initialize()
    return nlp


@pytest.fixture(scope="module")
def doc(nlp):
    return nlp(SEED_TEXT)


def ents(doc, label=None):
    return [(e.text, e.label_, e._.canonical) for e in doc.ents if label is None or e.label_ == label]


def test_the_component_is_registered_through_the_entry_point(nlp):
    assert "policyparse" in nlp.pipe_names
    assert "policyparse" in spacy.registry.factories


def test_it_sets_the_units_of_the_seed_as_orgs_with_canonical_names(doc):
    orgs = ents(doc, "ORG")
    assert orgs[:2] == [
        ("中共湖南省委办公厅", "ORG", "中共湖南省委办公厅"),
        ("湖南省人民政府办公厅", "ORG", "湖南省人民政府办公厅"),
    ]
    assert ("省发展改革委", "ORG", "湖南省发展和改革委员会") in orgs
    assert ("省人力资源社会保障厅", "ORG", "湖南省人力资源和社会保障厅") in orgs
    assert ("人民银行长沙中心支行", "ORG", "中国人民银行长沙中心支行") in orgs
    assert ("省贸促会", "ORG", "中国国际贸易促进委员会湖南省委员会") in orgs


def test_it_sets_persons_doc_numbers_dates_and_titles(doc):
    truth = json.loads((FIXTURES / "annex2_truth.json").read_text(encoding="utf-8"))
    leaders = {r["联系省领导"] for r in truth["rows"] if r["联系省领导"]}
    assert {value for _, _, value in ents(doc, "PERSON")} == leaders
    assert ("陈 飞", "PERSON", "陈飞") in ents(doc, "PERSON")
    assert ents(doc, "DOCNO") == [("湘办发〔2020〕7号", "DOCNO", "湘办发〔2020〕7号")]
    assert ("2021年8月17日", "DATE", "2021-08-17") in ents(doc, "DATE")
    assert "关于进一步提升工业新兴优势产业链现代化水平的意见" in [t for t, _, _ in ents(doc, "LAW")]


def test_its_entities_are_those_of_the_plain_api(doc):
    plain = [(e.start, e.end, e.label) for e in find_entities(SEED_TEXT)]
    assert [(e.start_char, e.end_char, e.label_) for e in doc.ents] == plain


def test_tokens_are_split_at_entity_boundaries_and_the_text_is_kept(nlp):
    text = "省工业和信息化厅、省发展改革委和省国资委负责"
    assert "委和省" in [t.text for t in nlp.make_doc(text)]  # spaCy's jieba joins the two names
    doc = nlp(text)
    assert doc.text == text
    assert [e.text for e in doc.ents] == ["省工业和信息化厅", "省发展改革委", "省国资委"]
    assert "委和省" not in [t.text for t in doc]
    assert ents(doc)[0][2] is None  # no issuer in the text: the region is unknown, the name is kept


def test_a_configured_region_resolves_bare_regional_forms():
    nlp = spacy.blank("zh")  # character segmentation, spaCy's default
    nlp.add_pipe("policyparse", config={"province": "湖南"})
    doc = nlp("（省科技厅、省教育厅负责）")
    assert [e._.canonical for e in doc.ents] == ["湖南省科学技术厅", "湖南省教育厅"]


@pytest.mark.parametrize("segmenter", ["jieba", "none", pytest.param("pkuseg", marks=pytest.mark.slow)])
def test_make_nlp_gives_the_same_entities_with_each_segmenter(segmenter, doc):
    if segmenter == "pkuseg" and importlib.util.find_spec("pkuseg") is None:
        pytest.skip("pkuseg is not installed")
    from policyparse.spacy_component import make_nlp

    other = make_nlp(segmenter)(SEED_TEXT)
    assert ents(other) == ents(doc)
    if segmenter != "none":
        assert "人民银行长沙中心支行" in [t.text for t in other]


def test_doc_policy_is_the_parsed_document_or_a_clear_error(doc):
    if importlib.util.find_spec("policyparse.pipeline") is None:
        with pytest.raises(UsageError, match="policyparse.pipeline"):
            _ = doc._.policy
        return
    from policyparse.model import PolicyDocument

    policy = doc._.policy
    assert isinstance(policy, PolicyDocument)
    assert doc._.policy is policy  # parsed once per Doc
    assert policy.enclosed and policy.enclosed[0].tasks
