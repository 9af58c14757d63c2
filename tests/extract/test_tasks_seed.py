"""The seed's tasks, its lead rule, Annex 1 roles and the task/annex consistency report."""

from __future__ import annotations

import json

import pytest

from policyparse.evaluate import norm
from policyparse.pipeline import parse, parse_text

from conftest import FIXTURES, SEED, fullwidth, gold

G = gold("000_f2a56335dda66f79")


@pytest.fixture(scope="module")
def plan():
    return parse(SEED).enclosed[0]


def test_it_finds_all_six_tasks_with_units_in_order_and_the_right_lead(plan):
    got = [(t.path, [u.name for u in t.units], t.lead_units) for t in plan.tasks]
    want = [(t["path"], t["units"], t["lead_units"]) for t in G["tasks"]]
    assert got == want


def test_each_task_knows_its_item_title_and_the_text_it_closes(plan):
    t = plan.tasks[0]
    assert t.title == "实施产业链优质企业培育行动"
    assert t.text.startswith("（一）实施产业链优质企业培育行动。建立优质企业梯队培育机制")
    assert t.text.endswith("营造大中小企业融通发展生态。")
    assert norm(t.assignment_text) == norm(G["tasks"][0]["assignment_text"])


def test_the_lead_rule_is_declared_in_the_first_task_and_extends_to_all_six(plan):
    assert [(r.text, r.scope, r.scope_text, r.declared_in) for r in plan.lead_rules] == [("排第一的为牵头单位", "document", "下同", "二(一)")]
    rule_span = plan.lead_rules[0].span
    assert all(t.lead_basis == "positional" and t.lead_rule == rule_span for t in plan.tasks)


def test_units_other_than_the_lead_are_participants(plan):
    t = plan.tasks[5]
    assert [u.role for u in t.units] == ["lead"] + ["participant"] * 8


def test_full_width_and_half_width_give_the_same_tasks(plan):
    fw = parse_text(fullwidth(SEED.read_text(encoding="utf-8"))).enclosed[0]
    strip = lambda ts: [(t.path, t.title, [u.name for u in t.units], t.lead_units, t.lead_basis) for t in ts]  # noqa: E731
    assert strip(fw.tasks) == strip(plan.tasks)


def test_annex1_gives_every_unit_its_lead_and_participant_actions():
    facts = json.loads((FIXTURES / "seed_facts.json").read_text(encoding="utf-8"))
    plan = parse(SEED).enclosed[0]
    got: dict[str, dict[str, list[str]]] = {}
    for r in plan.roles:
        got.setdefault(r.unit, {"leads": [], "participates": []})["leads" if r.role == "lead" else "participates"].append(r.action)
    assert got == facts["annex1"]["roles"]


def test_annex1_traps_are_not_roles(plan):
    # 省国资委 "负责牵头组织所监管的…" leads nothing; 省教育厅 "调动高校资源参与产业集群协同创新" is prose
    assert [r.role for r in plan.roles if r.unit == "省国资委"] == ["participant"]
    assert [r.action for r in plan.roles if r.unit == "省教育厅"] == ["产业集群协同创新提升行动", "要素保障行动"]


def test_annex1_actions_link_to_the_tasks_they_name_despite_different_wording(plan):
    by_action = {r.action: r.task_id for r in plan.roles}
    assert by_action["产业集群协同创新行动"] == by_action["产业集群协同创新提升行动"] == plan.tasks[1].id


def test_the_consistency_report_has_exactly_the_two_known_discrepancies(plan):
    got = sorted((f.kind, f.unit, f.task_id) for f in plan.findings)
    assert got == [("unit_without_annex_role", "省商务厅", plan.tasks[3].id), ("unit_without_annex_role", "省科技厅", plan.tasks[3].id)]
    assert all(f.spans for f in plan.findings)
