"""Entities from rules and the lexicon, and the share of the dev corpus's unit mentions canonicalized."""

from __future__ import annotations

import json

import pytest

from policyparse.nlp import canonicalize, find_entities, find_units, guess_region, is_collective, is_unit, split_units
from policyparse.nlp.entities import load_entity_rules
from policyparse.normalize import fold

from conftest import FIXTURES, ROOT, SEED, dev_files

SEED_TEXT = SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def seed_entities():
    return find_entities(SEED_TEXT)


def _by_label(ents, label):
    return [e for e in ents if e.label == label]


def test_entities_are_ordered_do_not_overlap_and_point_into_the_text(seed_entities):
    last_end = 0
    for e in seed_entities:
        assert e.start >= last_end and SEED_TEXT[e.start:e.end] == e.text
        last_end = e.end


def test_the_seed_region_is_guessed_from_its_issuers():
    assert guess_region(SEED_TEXT) == ("湖南省", None)


def test_every_unit_of_the_seed_is_an_org_with_its_canonical_name(seed_entities):
    orgs = {(e.text, e.value) for e in _by_label(seed_entities, "ORG")}
    assert ("中共湖南省委办公厅", "中共湖南省委办公厅") in orgs
    assert ("湖南省人民政府办公厅", "湖南省人民政府办公厅") in orgs
    assert ("省发展改革委", "湖南省发展和改革委员会") in orgs
    assert ("人民银行长沙中心支行", "中国人民银行长沙中心支行") in orgs
    assert ("省委军民融合办", "中共湖南省委军民融合发展委员会办公室") in orgs
    assert all(value is not None for _, value in orgs)
    assert len({text for text, _ in orgs if text.startswith("省") or text.startswith("人民银行")}) >= 24


def test_the_leaders_of_annex_2_are_persons_with_normalized_names(seed_entities):
    truth = json.loads((FIXTURES / "annex2_truth.json").read_text(encoding="utf-8"))
    leaders = {r["联系省领导"] for r in truth["rows"] if r["联系省领导"]}
    persons = _by_label(seed_entities, "PERSON")
    assert {e.value for e in persons} == leaders
    assert any(e.text == "陈 飞" and e.value == "陈飞" for e in persons)


def test_doc_numbers_dates_and_titles(seed_entities):
    assert [(e.text, e.value) for e in _by_label(seed_entities, "DOCNO")] == [("湘办发〔2020〕7号", "湘办发〔2020〕7号")]
    assert {e.value for e in _by_label(seed_entities, "DATE")} == {"2021-08-17", "2020-05-16"}
    titles = [e.text for e in _by_label(seed_entities, "LAW")]
    assert titles[0].startswith("关于省领导联系产业集群(产业链)") and titles[0].endswith("工作方案")
    assert "关于进一步提升工业新兴优势产业链现代化水平的意见" in titles


def test_units_are_not_found_inside_longer_words():
    assert find_units("各地财政部门和全国办理、集中办理的事项") == []
    assert [u[2] for u in find_units("（财政部、国办负责）")] == ["财政部", "国办"]


def test_a_custom_rules_file_changes_the_labels(tmp_path):
    data = json.loads((ROOT / "src" / "policyparse" / "data" / "entity_rules.json").read_text(encoding="utf-8"))
    data["labels"]["unit"] = "UNIT"
    path = tmp_path / "rules.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    ents = find_entities("（省科技厅、省教育厅负责）", province="湖南", rules=load_entity_rules(str(path)))
    assert [(e.label, e.value) for e in ents] == [("UNIT", "湖南省科学技术厅"), ("UNIT", "湖南省教育厅")]


# --------------------------------------------------------------------------- the dev corpus


def _mentions():
    """(file, name, province, city) of every unit named in a responsibility parenthetical of the dev corpus."""
    rules = load_entity_rules()
    out = []
    for path in dev_files():
        text = path.read_text(encoding="utf-8")
        province, city = guess_region(text)
        for m in rules.responsibility.finditer(fold(text)):
            group = "body" if m.group("body") is not None else "field"
            for name, _, _ in split_units(m.group(group)):
                out.append((path.name, name, province, city))
    return out


def test_the_share_of_dev_corpus_unit_mentions_canonicalized():
    mentions = _mentions()
    units = [m for m in mentions if not is_collective(m[1])]
    done = [m for m in units if canonicalize(m[1], province=m[2], city=m[3])[0] is not None]
    share = len(done) / len(units)
    print(f"\ndev corpus: {len(done)}/{len(units)} unit mentions canonicalized ({share:.1%}); "
          f"{len(mentions) - len(units)} collective references left out")
    assert len(units) >= 320
    assert share >= 0.99
    missed = {m[1] for m in units if m not in done}
    assert missed <= {"技工院校内由人力资源社会保障行政部门"}  # 008's negative example: a generic phrase


def test_dev_documents_get_the_region_of_their_issuer():
    regions = {p.name[:4]: guess_region(p.read_text(encoding="utf-8")) for p in dev_files()}
    assert regions["001_"] == (None, None) and regions["013_"] == (None, None)
    assert all(regions[k] == ("广东省", "广州市") for k in ("g001", "g003", "g004", "g005", "g008", "g009", "g010"))
    assert regions["025_"] == ("贵州省", "安顺市")  # no line breaks: 安顺市人民政府2023年9月5日
    assert regions["g013"] == (None, None)  # a repost without issuer: not guessed


def test_the_task_table_units_of_g001_are_canonicalized():
    path = next(p for p in dev_files() if p.name.startswith("g001"))
    text = path.read_text(encoding="utf-8")
    province, city = guess_region(text)
    names = set()
    for line in fold(text).split("\n"):
        if line.rstrip().endswith("："):  # the recipients (各区卫生健康局、财政局…：), not the table
            continue
        items = split_units(line.strip())
        if items and all(is_unit(n) or is_collective(n) for n, _, _ in items) and len(line) < 60:
            names.update(n for n, _, _ in items if is_unit(n))
    got = {n: canonicalize(n, province=province, city=city)[0] for n in names}
    assert got["市卫生健康委"] == "广州市卫生健康委员会"
    assert got["市人社局"] == "广州市人力资源和社会保障局"
    assert got["市医保局"] == "广州市医疗保障局"
    assert got["市疾控中心"] == "广州市疾病预防控制中心"
    assert [n for n, c in got.items() if c is None] == []
