"""The words of 公文 live once, in data/vocabulary.json, and every stage asks policyparse.vocabulary."""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest

from policyparse import vocabulary
from policyparse.structure.envelope import doc_type_of

PKG = Path(__file__).resolve().parents[2] / "src" / "policyparse"
DATA = json.loads((PKG / "data" / "vocabulary.json").read_text(encoding="utf-8"))


def test_it_is_versioned_and_defines_each_kind_once_in_a_known_family():
    assert re.fullmatch(r"[0-9]+\.[0-9]+\.[0-9]+", vocabulary.VERSION)
    words = [k["word"] for k in DATA["document_kinds"]]
    assert len(words) == len(set(words))
    assert {k["family"] for k in DATA["document_kinds"]} <= set(DATA["families"])
    assert all(vocabulary.kind_of(k["kind"]) == k["kind"] for k in DATA["document_kinds"] if "kind" in k)


def test_it_holds_the_fifteen_kinds_of_the_2012_regulation():
    fifteen = "决议 决定 命令 公报 公告 通告 意见 通知 通报 报告 请示 批复 议案 函 纪要".split()
    assert all(vocabulary.kind_family(w) == "gongwen" for w in fifteen)
    assert all(w in vocabulary.TITLE_KIND_WORDS for w in fifteen)


def test_alternations_put_the_longer_word_first():
    alt = re.compile(vocabulary.alternation(vocabulary.TITLE_KIND_WORDS) + "$")
    assert alt.search("市场主体登记管理条例实施细则").group(0) == "实施细则"
    assert vocabulary.kind_of("实施细则") == "细则" and vocabulary.kind_of("工作方案") == "方案"


@pytest.mark.parametrize(
    ("title", "kind"),
    [("关于印发湖南省工作方案的通知", "通知"), ("企业法人登记管理条例施行细则", "细则"),
     ("广州市临时救助办法（试行）", "办法"), ("关于开展试点的实施方案", "方案"), ("关于同意设立的批复", "批复"),
     ("年度工作要点", "要点"), ("没有文种的标题", None)],
)  # fmt: skip
def test_the_envelope_names_the_kind_from_the_vocabulary(title, kind):
    assert doc_type_of(title) == kind


def test_it_defines_each_organ_ending_once_with_documented_uses():
    words = [r["word"] for r in DATA["organ_endings"]["words"]]
    assert len(words) == len(set(words)) and set(words) == set(vocabulary.ORGAN_ENDINGS)
    doc = (PKG.parents[1] / "docs" / "vocabulary.md").read_text(encoding="utf-8")
    for use in vocabulary.ORGAN_ENDING_USES:
        assert vocabulary.organ_endings(use), f"use {use} has no ending"
        assert f"`{use}`" in doc, f"docs/vocabulary.md does not describe the organ-ending use {use}"
    with pytest.raises(ValueError, match="unknown organ-ending use"):
        vocabulary.organ_endings("no-such-use")


@pytest.mark.parametrize(
    ("use", "name", "ends"),
    [("signing", "湖南省人民政府办公厅", True), ("signing", "中国人民银行长沙中心支行", True),
     ("cited", "全国人大", True), ("cited", "加快推进", False), ("task_unit", "省发展改革委", True),
     ("task_unit", "各市州人民政府（管委会）", True), ("task_unit", "中国（湖南）自由贸易试验区", False),
     ("task_unit", "芙蓉区", True), ("regional", "市卫生健康委员会", True), ("office", "机关党委", True),
     ("unit_name", "省红十字会", True), ("recipient", "各有关企业", True), ("listed", "加强管理", False)],
)  # fmt: skip
def test_an_organ_ending_alternation_ends_the_names_of_its_use(use, name, ends):
    pattern = re.compile(vocabulary.organ_ending_alternation(use) + r"(?:（[^（）]*）)?$")
    assert bool(pattern.search(name)) is ends


def test_a_use_of_organ_endings_lists_them_longest_first():
    for use in vocabulary.ORGAN_ENDING_USES:
        lengths = [len(w) for w in vocabulary.organ_endings(use)]
        assert lengths == sorted(lengths, reverse=True)


def _string_constants(path: Path):
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            yield node.lineno, node.value


VOCAB_LISTS = {
    "document kinds": set(vocabulary.TITLE_KIND_WORDS) | set(vocabulary.SELF_REFERENCE_WORDS),
    "repeal verbs": set(vocabulary.REPEAL_VERBS) | set(vocabulary.SUSPENSION_VERBS),
    "transmittal verbs": set(vocabulary.TRANSMITTAL_VERBS),
    "organ endings": set(vocabulary.ORGAN_ENDINGS),
    "administrative levels": set(vocabulary.LEVEL_WORDS),
}


def test_it_defines_each_administrative_level_once_with_documented_uses():
    words = [r["word"] for r in DATA["administrative_levels"]["words"]]
    assert len(words) == len(set(words))
    doc = (PKG.parents[1] / "docs" / "vocabulary.md").read_text(encoding="utf-8")
    for use in vocabulary.LEVEL_USES:
        assert vocabulary.level_words(use), f"use {use} has no word"
        assert f"`{use}`" in doc, f"docs/vocabulary.md does not describe the level-word use {use}"
    assert all(len(w) == 1 for w in vocabulary.level_words("opening")) and "县级市" in vocabulary.level_words("level")
    with pytest.raises(ValueError):
        vocabulary.level_words("nonsense")


@pytest.mark.parametrize("path", sorted(PKG.rglob("*.py")), ids=lambda p: str(p.relative_to(PKG)))
def test_no_module_spells_a_vocabulary_list_again(path):
    """A regex alternation or a tuple written in code whose alternatives are mostly (half or more, and
    at least three) words of one vocabulary list is a second copy that will drift: the module must
    ask policyparse.vocabulary instead."""
    found = []
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            pieces = [re.sub(r"[()?:^$\\s*]", "", p) for p in re.split(r"\|", node.value)]
            groups = [pieces]
        elif isinstance(node, (ast.Tuple, ast.List, ast.Set)):
            groups = [[e.value for e in node.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)]]
        else:
            continue
        for pieces in groups:
            for name, words in VOCAB_LISTS.items():
                hits = sorted({p for p in pieces if p in words})
                words_in = [p for p in pieces if p]
                if len(hits) >= 3 and len(hits) * 2 >= len(words_in):
                    found.append(f"line {node.lineno}: {name} {hits}")
    assert not found, f"{path.relative_to(PKG)} spells vocabulary words itself: {found}"
