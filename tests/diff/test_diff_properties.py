"""Property: for any two unit lists, the diff applies — ``apply_diff(old, diff_units(old, new)) == new`` —
every old unit is accounted for exactly once, and units of equal text that keep their order stay unchanged.

Units are drawn from a small alphabet so that equal, similar and duplicate texts are common; the new
list is the old one edited by insertions, deletions, swaps, text edits, lead changes and renumbering.
"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from policyparse.diff import apply_diff, diff_units
from policyparse.model.diff import DiffUnit

from conftest_hypothesis import profile

_WORDS = ["国务院", "有关部门", "应当", "加强", "监督管理", "依法", "处罚", "县级以上", "人民政府", "组织实施", "。", "，"]
texts = st.lists(st.sampled_from(_WORDS), min_size=0, max_size=8).map("".join)
units = st.builds(lambda kind, label, text, leads: DiffUnit(kind=kind, label=label, text=text, leads=leads),
                  st.sampled_from(["article", "task"]), st.sampled_from(["第一条", "第二条", "一(一)", "二(三)"]),
                  texts, st.lists(st.sampled_from(["财政部", "教育部"]), max_size=2))


@st.composite
def edited(draw):
    old = draw(st.lists(units, max_size=14))
    new = list(old)
    for _ in range(draw(st.integers(0, 6))):
        op = draw(st.sampled_from(["insert", "delete", "swap", "text", "leads", "label"]))
        if op == "insert" or not new:
            new.insert(draw(st.integers(0, len(new))), draw(units))
            continue
        i = draw(st.integers(0, len(new) - 1))
        if op == "delete":
            new.pop(i)
        elif op == "swap":
            j = draw(st.integers(0, len(new) - 1))
            new[i], new[j] = new[j], new[i]
        elif op == "text":
            new[i] = new[i].model_copy(update={"text": new[i].text + draw(texts)})
        elif op == "leads":
            new[i] = new[i].model_copy(update={"leads": draw(st.lists(st.sampled_from(["财政部", "教育部", "商务部"]), max_size=2))})
        else:
            new[i] = new[i].model_copy(update={"label": draw(st.sampled_from(["第三条", "第三条之一", "三(四)"]))})
    return old, new


@profile()
@given(edited())
def test_any_diff_applies_to_the_units_it_was_made_from(case):
    old, new = case
    d = diff_units(old, new)
    assert apply_diff(old, d) == new
    olds = sorted(c.old_index for c in d.changes if c.old_index is not None)
    assert olds == list(range(len(old)))
    assert sorted(c.new_index for c in d.changes if c.new_index is not None) == list(range(len(new)))
    for c in d.changes:
        if c.status == "unchanged":
            assert old[c.old_index].text == new[c.new_index].text and old[c.old_index].leads == new[c.new_index].leads
        if c.old_index is not None and c.new_index is not None:
            assert old[c.old_index].kind == new[c.new_index].kind
    assert d.model_dump() == diff_units(old, new).model_dump()


@profile()
@given(st.lists(units, max_size=14))
def test_a_list_diffed_with_itself_is_all_unchanged(old):
    d = diff_units(old, list(old))
    assert all(c.status == "unchanged" and not c.moved and c.old_index == c.new_index for c in d.changes)
