"""The words of 公文 live once, in data/vocabulary.json, and every stage asks policyparse.vocabulary."""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest

from policyparse import vocabulary
from policyparse.structure.envelope import doc_type_of

PKG = Path(__file__).resolve().parents[1] / "src" / "policyparse"
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


def _string_constants(path: Path):
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            yield node.lineno, node.value


VOCAB_LISTS = {
    "document kinds": set(vocabulary.TITLE_KIND_WORDS) | set(vocabulary.SELF_REFERENCE_WORDS),
    "repeal verbs": set(vocabulary.REPEAL_VERBS) | set(vocabulary.SUSPENSION_VERBS),
    "transmittal verbs": set(vocabulary.TRANSMITTAL_VERBS),
}


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
