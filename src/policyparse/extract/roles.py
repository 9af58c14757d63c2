"""Annex-1-style responsibility lists -> roles, and the task/annex consistency report.

A responsibility list is an annex whose lines read ``单位：职责…；牵头实施A行动，参与实施B、C和D行动。``.
Only the verbs that name an action's role count (``牵头(负责)?实施|推进|落实|开展`` → lead,
``参与|配合(实施|推进|落实|开展)`` → participant); prose such as ``负责牵头组织…`` or ``参与产业集群协同创新``
names no action and is not a role. Each action is linked to the task whose title it names, even
when the wording differs (产业集群协同创新行动 ↔ 实施产业链协同创新提升行动), by character-bigram
similarity with a margin over the runner-up; an action that matches no task stays unlinked.
"""

from __future__ import annotations

import re

from ..model import Finding, Role, Span, Task
from ..normalize import squeeze
from .unit_lists import looks_like_unit

_UNIT_LINE = re.compile(r"^(?P<unit>[^：，。；]{2,30})：")
_ROLE = re.compile(
    r"(?P<verb>牵头(?:负责)?(?:组织)?(?:实施|推进|落实|开展)|(?:参与|配合)(?:实施|推进|落实|开展))"
    r"(?P<actions>[^，。；]+?)(?=[，。；]|$)"
)
_ACTION_SPLIT = re.compile(r"[、]|和(?=[^和]*(?:行动|工程|计划|任务|项目|专项))")
MIN_LINES = 3
MATCH_THRESHOLD = 0.5
MARGIN = 0.08


def _bigrams(s: str) -> set[str]:
    s = re.sub(r"^(?:实施|开展|推进|落实)", "", s)
    return {s[i : i + 2] for i in range(len(s) - 1)} or {s}


def similarity(a: str, b: str) -> float:
    """Dice coefficient over character bigrams, ignoring a leading 实施/开展/推进/落实."""
    x, y = _bigrams(a), _bigrams(b)
    return 2 * len(x & y) / (len(x) + len(y))


def link_action(action: str, tasks: list[Task]) -> Task | None:
    """The task an action names, or ``None`` when no title is close enough or two are equally close."""
    scored = sorted(((similarity(action, t.title), i) for i, t in enumerate(tasks) if t.title), reverse=True)
    if not scored or scored[0][0] < MATCH_THRESHOLD:
        return None
    if len(scored) > 1 and scored[0][0] - scored[1][0] < MARGIN and tasks[scored[0][1]].title != tasks[scored[1][1]].title:
        return None
    return tasks[scored[0][1]]


def find_roles(ft: str, start: int, end: int, tasks: list[Task]) -> list[Role]:
    """Roles of the responsibility list in ``ft[start:end]``; ``[]`` when the annex is not one."""
    lines = []
    pos = start
    for raw in ft[start:end].split("\n"):
        lines.append((pos, raw))
        pos += len(raw) + 1
    unit_lines = [(p, t) for p, t in lines if (m := _UNIT_LINE.match(t.strip())) and looks_like_unit(squeeze(m["unit"]))]
    if len(unit_lines) < MIN_LINES:
        return []
    roles: list[Role] = []
    for p, t in unit_lines:
        lead_ws = len(t) - len(t.lstrip())
        t = t.strip()
        m = _UNIT_LINE.match(t)
        assert m is not None
        unit = squeeze(m["unit"])
        for rm in _ROLE.finditer(t, m.end()):
            role = "lead" if rm["verb"].startswith("牵头") else "participant"
            a0 = rm.start("actions")
            k = 0
            for piece in _ACTION_SPLIT.split(rm["actions"]):
                off = rm["actions"].find(piece, k)
                k = off + len(piece)
                action = squeeze(piece)
                if len(action) < 2:
                    continue
                task = link_action(action, tasks)
                s = p + lead_ws + a0 + off
                roles.append(Role(unit=unit, action=action, role=role, task_id=task.id if task else None,
                                  span=Span(start=s, end=s + len(piece))))
    return roles


def consistency(tasks: list[Task], roles: list[Role]) -> list[Finding]:
    """Every disagreement between the tasks and the responsibility list, as findings."""
    if not roles:
        return []
    findings: list[Finding] = []
    by_task: dict[str | None, dict[str, Role]] = {}
    for role in roles:
        by_task.setdefault(role.task_id, {})[role.unit] = role
    for t in tasks:
        listed = by_task.get(t.id, {})
        if not listed and t.id not in by_task:
            continue  # the list does not cover this task at all
        for u in t.units:
            r = listed.get(u.name)
            if r is None:
                findings.append(Finding(kind="unit_without_annex_role", task_id=t.id, unit=u.name,
                                        message=f"{u.name} is listed in task {t.path} 《{t.title}》 but the responsibility list gives it no role in this action",
                                        spans=[u.span]))
            elif (u.role == "lead") != (r.role == "lead") and t.lead_basis != "none":
                findings.append(Finding(kind="role_mismatch", task_id=t.id, unit=u.name,
                                        message=f"{u.name} is {u.role} in task {t.path} but {r.role} in the responsibility list",
                                        spans=[u.span, r.span]))
        names = {u.name for u in t.units}
        for unit, r in listed.items():
            if unit not in names:
                findings.append(Finding(kind="annex_unit_not_in_task", task_id=t.id, unit=unit,
                                        message=f"the responsibility list gives {unit} a {r.role} role in 《{r.action}》, which task {t.path} does not list",
                                        spans=[r.span]))
    for r in by_task.get(None, {}).values():
        findings.append(Finding(kind="annex_role_without_task", unit=r.unit,
                                message=f"the responsibility list names the action 《{r.action}》, which matches no task",
                                spans=[r.span]))
    return findings


_BODY_REF = re.compile(r"对应(?:正文|文件)?第?\s*(?P<n>（[一二三四五六七八九十百]+）|[一二三四五六七八九十百]+)\s*(?:项|条|部分)")


def link_table_rows(rows: list[Task], body: list[Task]) -> list[Finding]:
    """Link table tasks to the body tasks they restate, and report leads that disagree."""
    findings: list[Finding] = []
    for r in rows:
        target = None
        m = _BODY_REF.search(r.text + r.title)
        if m:
            n = m["n"].strip("（）")
            target = next((b for b in body if b.path.endswith(f"({n})") or b.path == n), None)
        if target is None:
            target = link_action(r.title, body)
        if target is None:
            continue
        r.refers_to = target.id
        if r.lead_units and target.lead_units and r.lead_units != target.lead_units:
            findings.append(Finding(kind="table_body_lead_mismatch", task_id=r.id,
                                    message=f"table row {r.path} leads with {'、'.join(r.lead_units)} but body task {target.path} with {'、'.join(target.lead_units)}",
                                    spans=[r.span, target.span]))
    return findings
