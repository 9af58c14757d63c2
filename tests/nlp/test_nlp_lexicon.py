"""The unit lexicon and canonicalization: data integrity, the seed's units, rules, regions."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter

import pytest

from policyparse.nlp import canonicalize, is_collective, is_unit, load_lexicon, region_of
from policyparse.nlp.lexicon import LEVELS

from conftest import ROOT

DATA = ROOT / "src" / "policyparse" / "data"
SEED_ISSUERS = ["中共湖南省委办公厅", "湖南省人民政府办公厅"]

# The seed's 22 units (its six tasks and Annex 1), checked by hand against the names the
# Hunan organs use on their seals and web sites.
SEED_UNITS = {
    "省工业和信息化厅": "湖南省工业和信息化厅",
    "省发展改革委": "湖南省发展和改革委员会",
    "省国资委": "湖南省人民政府国有资产监督管理委员会",
    "省科技厅": "湖南省科学技术厅",
    "省教育厅": "湖南省教育厅",
    "省市场监管局": "湖南省市场监督管理局",
    "省商务厅": "湖南省商务厅",
    "省贸促会": "中国国际贸易促进委员会湖南省委员会",
    "省委组织部": "中共湖南省委组织部",
    "省自然资源厅": "湖南省自然资源厅",
    "省人力资源社会保障厅": "湖南省人力资源和社会保障厅",
    "省地方金融监管局": "湖南省地方金融监督管理局",
    "省税务局": "国家税务总局湖南省税务局",
    "人民银行长沙中心支行": "中国人民银行长沙中心支行",
    "省委宣传部": "中共湖南省委宣传部",
    "省委军民融合办": "中共湖南省委军民融合发展委员会办公室",
    "省财政厅": "湖南省财政厅",
    "省生态环境厅": "湖南省生态环境厅",
    "省交通运输厅": "湖南省交通运输厅",
    "省公安厅": "湖南省公安厅",
    "省卫生健康委": "湖南省卫生健康委员会",
    "省统计局": "湖南省统计局",
}


def _records():
    lines = (DATA / "units.jsonl").read_text(encoding="utf-8").splitlines()
    return json.loads(lines[0]), [json.loads(ln) for ln in lines[1:] if ln.strip()]


# --------------------------------------------------------------------------- the data


def test_the_lexicon_file_is_versioned_and_every_record_is_complete():
    meta, records = _records()
    assert meta["_meta"]["version"] == load_lexicon().version
    assert meta["_meta"]["records"] == len(records)
    for r in records:
        assert r["canonical"] and r["level"] in LEVELS, r
        assert r["source"], f"{r['canonical']} has no source"
        assert isinstance(r["short_forms"], list)


def test_no_form_names_two_organs_in_the_same_scope():
    _, records = _records()
    lex = load_lexicon()
    owner: dict[tuple[str, str], str] = {}
    for r in records:
        for form in [r["canonical"], *r["short_forms"]]:
            split = lex.rules.split_prefix(form)
            scoped = split is not None and (r.get("province") or r.get("city")) and form != r["canonical"]
            key = (r.get("city") or r.get("province") or "", form) if scoped else ("", form)
            assert owner.setdefault(key, r["canonical"]) == r["canonical"], f"{form} is ambiguous"


def test_it_lists_every_state_council_ministry_and_commission():
    kinds = Counter(r.kind for r in load_lexicon().records)
    assert kinds["国务院组成部门"] == 26
    assert kinds["国务院直属机构"] >= 13


@pytest.mark.parametrize(
    "short, full",
    [
        ("发展改革委", "国家发展和改革委员会"),
        ("国家发展改革委", "国家发展和改革委员会"),
        ("人力资源社会保障部", "人力资源和社会保障部"),
        ("人民银行", "中国人民银行"),
        ("市场监管总局", "国家市场监督管理总局"),
        ("税务总局", "国家税务总局"),
        ("银保监会", "中国银行保险监督管理委员会"),
        ("住房城乡建设部", "住房和城乡建设部"),
        ("粮食和储备局", "国家粮食和物资储备局"),
        ("空管委办公室", "国务院、中央军委空中交通管制委员会办公室"),
        ("国家教委", "国家教育委员会"),
        ("中华人民共和国教育部", "教育部"),
    ],
)
def test_it_resolves_the_short_forms_of_state_council_documents(short, full):
    assert canonicalize(short) == (full, "lexicon")


@pytest.mark.parametrize(
    "name, successor",
    [
        ("国家发展计划委员会", "国家发展和改革委员会"),  # 1998-2003
        ("铁道部", "交通运输部"),  # -2013
        ("国家林业局", "国家林业和草原局"),  # 1998-2018
        ("外经贸部", "商务部"),  # 对外贸易经济合作部, 1993-2003
        ("国家科委", "科学技术部"),  # -1998
        ("国家体委", "国家体育总局"),
        ("电监会", "国家能源局"),  # 2003-2013
    ],
)
def test_it_knows_the_organs_of_earlier_state_councils_and_who_took_over(name, successor):
    # laws, regulations and notices of 1982-2018 name the ministries of their day; each is an organ, with its successor
    canonical, how = canonicalize(name)
    assert how == "lexicon"
    record = next(r for r in load_lexicon().records if r.canonical == canonical)
    assert record.successor == successor and record.valid


# --------------------------------------------------------------------------- the seed


def test_the_seed_issuers_give_hunan():
    assert region_of(SEED_ISSUERS) == ("湖南省", None)


@pytest.mark.parametrize("short", sorted(SEED_UNITS))
def test_it_canonicalizes_every_unit_of_the_seed(short):
    province, city = region_of(SEED_ISSUERS)
    assert canonicalize(short, province=province, city=city) == (SEED_UNITS[short], "lexicon")


def test_regional_short_forms_stay_unknown_without_a_region():
    assert canonicalize("省发展改革委") == (None, "unknown")
    assert canonicalize("市财政局") == (None, "unknown")


def test_a_national_branch_needs_a_place_before_its_ending():
    """省地方金融监管局 ends like a branch of the national regulator (湖南金融监管局), but 省地方 is no
    place: without a region it stays unknown instead of becoming a branch of a national organ."""
    assert canonicalize("省地方金融监管局") == (None, "unknown")


# --------------------------------------------------------------------------- rules


@pytest.mark.parametrize(
    "name, province, city, full",
    [
        ("省发展改革委", "广东", None, "广东省发展和改革委员会"),
        ("省林业局", "湖南省", None, "湖南省林业局"),
        ("省委政法委", "湖南", None, "中共湖南省委政法委员会"),
        ("省税务局", "江西省", None, "国家税务总局江西省税务局"),
        ("市人社局", None, "长沙市", "长沙市人力资源和社会保障局"),
        ("市发展改革委", None, "长沙", "长沙市发展和改革委员会"),
        ("市卫生健康委", "北京市", None, "北京市卫生健康委员会"),
        ("自治区发展改革委", "广西", None, "广西壮族自治区发展和改革委员会"),
        ("河南省科技厅", None, None, "河南省科学技术厅"),
        ("江苏省人民政府办公厅", None, None, "江苏省人民政府办公厅"),
        ("中共浙江省委宣传部", None, None, "中共浙江省委宣传部"),
        ("人民银行南昌中心支行", None, None, "中国人民银行南昌中心支行"),
        ("湖南银保监局", None, None, "中国银行保险监督管理委员会湖南监管局"),
        ("深圳证监局", None, None, "中国证券监督管理委员会深圳监管局"),
        ("青岛金融监管局", None, None, "国家金融监督管理总局青岛监管局"),
        ("省地方金融监管局", "广东", None, "广东省地方金融监督管理局"),
        ("中国人民银行大连市分行", None, None, "中国人民银行大连市分行"),
        ("中国证券监督管理委员会深圳监管局", None, None, "中国证券监督管理委员会深圳监管局"),
    ],
)
def test_regular_short_forms_are_resolved_by_rule(name, province, city, full):
    assert canonicalize(name, province=province, city=city) == (full, "rule")


def test_guangzhou_units_resolve_with_the_city_of_the_issuer():
    province, city = region_of(["广州市人民政府办公厅"])
    assert (province, city) == ("广东省", "广州市")
    assert canonicalize("市卫健委", province=province, city=city) == ("广州市卫生健康委员会", "lexicon")
    assert canonicalize("市医保局", city=city) == ("广州市医疗保障局", "lexicon")
    assert canonicalize("省卫生健康委", province=province, city=city) == ("广东省卫生健康委员会", "rule")


@pytest.mark.parametrize("name", ["市医保中心", "湖南制造强省建设领导小组", "有关部门", "市场", "陈飞", ""])
def test_unknown_names_are_kept_unknown_never_guessed(name):
    assert canonicalize(name, province="湖南省", city="长沙市") == (None, "unknown")


def test_region_of_national_organs_is_none_and_a_plain_string_is_accepted():
    assert region_of(["国务院办公厅"]) == (None, None)
    assert region_of("北京市人民政府") == ("北京市", "北京市")
    assert region_of(["中共长沙市委办公厅"]) == ("湖南省", "长沙市")


# --------------------------------------------------------------------------- unit tests


@pytest.mark.parametrize(
    "name",
    ["工业和信息化部", "省科技厅", "人民银行长沙中心支行", "XX市自然资源和规划局", "市疾控中心", "国务院", "省委", "市民政部门"],
)
def test_it_knows_a_unit_by_the_lexicon_or_its_organ_suffix(name):
    assert is_unit(name)


@pytest.mark.parametrize(
    "name", ["全部", "干部", "工作格局", "社会", "各省级人民政府", "有关部门和单位", "股份有限公司", "第五条 市民政部门", "银行", "陈飞"]
)
def test_words_ending_like_organs_and_collectives_are_not_units(name):
    assert not is_unit(name)


@pytest.mark.parametrize("name", ["各省级人民政府", "有关部门和单位", "各有关部门", "市政府各部门", "各区政府", "县市区委"])
def test_it_knows_collective_references(name):
    assert is_collective(name)


def test_importing_the_nlp_layer_imports_no_nlp_package():
    code = (
        "import sys; import policyparse.nlp as n; n.canonicalize('省科技厅', province='湖南');"
        "n.split_units('省科技厅、省教育厅'); print(sorted(m for m in ('jieba', 'pkuseg', 'spacy') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
