"""The parsed document: envelope, outline, findings.

Conventions of the JSON this model produces:

* Scalar values (``title``, ``doc_type``, ``date`` …) are plain; their evidence is in
  ``evidence[<field name>]``. Items of lists (issuers, recipients, tasks, repeals …) carry
  their own ``span``.
* Spans are half-open character offsets into ``text`` of the root document (the reader's
  text); documents in ``enclosed`` share the root's text and carry no ``text`` of their own.
* ``None`` means "the document does not say"; an empty list means "looked, found none".
* Dates are ISO 8601 strings (``YYYY-MM-DD``).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

from pydantic import Field

from .base import Evidence, Model, Span
from .table import Table

SCHEMA_VERSION = "1.1.0"


class DocNumber(Model):
    """发文字号: ``湘办发〔2020〕7号`` → issuer_code 湘办发, year 2020, serial 7; ``国务院令第707号`` → issuer_code 国务院令, serial 707."""

    raw: str = Field(description="as written")
    normalized: str = Field(description="canonical form with 〔〕 brackets and no spaces")
    issuer_code: str
    year: int | None = None
    serial: int | None = None
    span: Span | None = None


class Organ(Model):
    name: str = Field(description="as written, padding removed")
    span: Span


class Attachment(Model):
    index: int | None = Field(description="1-based number in the 附件说明, None when there is a single unnumbered attachment")
    title: str
    span: Span


class Signature(Model):
    issuers: list[Organ] = Field(default_factory=list)
    date: str | None = None
    span: Span


class OutlineNode(Model):
    number: str = Field(description="the numeral as printed, without its delimiters: 一, 1, 第三条 → 三")
    marker: str = Field(description="the marker as printed: '一、', '（一）', '1.', '第三条'")
    level: int = Field(ge=1, description="depth in this document's tree, 1 = top")
    style: str = Field(description="numbering family: part (第一部分), han-dun (一、), han-paren (（一）), arabic-dot (1.), arabic-paren (（1）), circled (①), bian, zhang, jie, tiao, decimal-1 (1 总则), decimal-2 (1.1), decimal-3 (1.1.1)")
    title: str = Field(description="heading text up to the first 。 (empty for 第X条 articles without title)")
    text: str = Field(description="the full text of the node, heading included, children excluded")
    span: Span = Field(description="from the marker to the end of the node, children included")
    children: list[OutlineNode] = Field(default_factory=list)


class UnitRef(Model):
    name: str = Field(description="as written")
    canonical: str | None = Field(default=None, description="full name from the unit lexicon, None when unknown")
    role: Literal["lead", "participant", "responsible", "guide", "supervise", "implement", "other"] = Field(
        description="the role the document gives the unit: lead / participant when the document decides it; responsible "
        "when no rule says who leads; guide (指导, 督导), supervise (监督), implement (负责落实, 组织实施, 承担); other: "
        "a unit list followed by a verb the role vocabulary does not know (the verb is in `verb`)"
    )
    verb: str | None = Field(default=None, description="the word that gave the role, as written (指导, 负责落实, 推动 …)")
    basis: Literal["stated", "standing"] = Field(
        default="stated", description="stated: named by this task; standing: joined from a standing assignment that covers it"
    )
    sub_role: str | None = Field(default=None, description="e.g. an office inside the lead unit (内牵头处室)")
    span: Span = Field(description="where the unit is named (for a standing unit: in the standing assignment)")


class LeadRule(Model):
    kind: Literal["positional", "explicit", "separator", "none"] = Field(
        default="positional",
        description="positional: the unit at ``position`` of a list leads (排第一的为牵头单位); separator: the units "
        "before the list's first ； lead (分号前的单位为牵头单位); none: the lists in its scope have no lead "
        "(排名不分先后, 不区分牵头单位和配合单位), so no wider rule gives them one")
    text: str = Field(description="the declaring phrase, e.g. 排第一的为牵头单位")
    position: int = Field(default=1, description="1-based list position of the lead for positional rules")
    count: int = Field(default=1, description="how many units from ``position`` on lead (排在前两位的单位为牵头单位: 2)")
    scope: Literal["task", "table", "annex", "section", "document"] = Field(
        description="what the rule covers: its own task; the tables of an annex (a note under a table); an annex (its heading); "
        "the level-1 part that declares it (本部分); the rest of the file (下同, or a sentence of the body)"
    )
    scope_text: str | None = Field(default=None, description="下同 or similar, as written")
    declared_in: str | None = Field(default=None, description="outline path (e.g. 二(一)) or annex label where it is declared")
    span: Span


class StandingAssignment(Model):
    """A unit list the document assigns to every later task in scope: ``以下均需试点城市政府落实，不再列出``,
    ``各地区各部门按职责分工负责``; its units join each covered task with ``basis: standing``."""

    text: str = Field(description="the declaring phrase as written")
    units: list[UnitRef] = Field(default_factory=list, description="the units it assigns, with their role")
    scope: Literal["task", "section", "document"] = Field(
        description="document: every later task of the file (以下均需…, 下同, or a sentence of the body); section: the "
        "level-1 part that declares it (本部分); task: only the task that declares it"
    )
    scope_text: str | None = Field(default=None, description="以下, 下同 or 本部分, as written")
    declared_in: str | None = Field(default=None, description="outline path where it is declared")
    span: Span


class Deadline(Model):
    text: str
    date: str | None = Field(default=None, description="last day of the named period, ISO 8601")
    kind: Literal["date", "ongoing", "phased", "other"] = "date"
    span: Span


class Task(Model):
    id: str = Field(description="stable id derived from position: t<n>")
    form: Literal["parenthetical", "table", "field", "running_text"] = "parenthetical"
    path: str = Field(description="outline path of the item it belongs to, e.g. 二(一)")
    title: str = Field(description="title of that outline item")
    text: str = Field(description="the task text the assignment closes")
    assignment_text: str = Field(description="the assignment as written, e.g. 省工业和信息化厅、省发展改革委负责")
    units: list[UnitRef] = Field(default_factory=list)
    lead_units: list[str] = Field(default_factory=list, description="names as written, in order; empty when nothing decides")
    lead_rule: Span | None = Field(default=None, description="span of the rule or wording that decided the leads")
    lead_basis: Literal["positional", "explicit", "table_column", "none"] = "none"
    non_exhaustive: bool = Field(default=False, description="the list ends in 等")
    role_words: list[str] = Field(default_factory=list, description="trailing words such as 负责, 牵头负责, 按职责分工负责")
    deadline: Deadline | None = None
    refers_to: str | None = Field(default=None, description="id of the body task a table row restates (same title or 对应正文第（三）项)")
    span: Span = Field(description="the assignment's span")
    text_span: Span | None = None


class Role(Model):
    """One unit's role in one action, from an Annex-1-style responsibility list."""

    unit: str
    action: str = Field(description="action as written in the annex")
    role: Literal["lead", "participant"]
    task_id: str | None = Field(default=None, description="the task this action names, when one matches")
    span: Span


class Finding(Model):
    """A disagreement or observation worth a user's attention; never an exception."""

    kind: str
    message: str
    task_id: str | None = None
    unit: str | None = None
    spans: list[Span] = Field(default_factory=list)


class Repeal(Model):
    title: str | None = None
    doc_number: DocNumber | None = None
    date: str | None = None
    issuers: list[str] = Field(default_factory=list)
    verb: str
    blanket: bool = False
    effective_date: str | None = Field(default=None, description="when the repeal takes effect, if stated")
    span: Span


class Suspension(Model):
    """A provision switched off (``不再执行《X》中关于…的规定``): not a repeal of the document."""

    title: str | None = None
    doc_number: DocNumber | None = None
    provision: str | None = None
    verb: str
    span: Span


#: header events that make an edition of a text (an approval completes a local regulation's adoption)
EDITION_EVENT_KINDS = ("adopted", "approved", "amended", "revised", "published")


class HeaderEvent(Model):
    """A dated header line of a statute: ``2000年3月15日 第九届全国人民代表大会第三次会议通过``,
    ``（…《关于修改〈X〉的决定》第一次修正）``, ``国务院令第337号公布``, ``2021年1月1日 施行``."""

    kind: Literal["adopted", "approved", "published", "amended", "revised", "effective", "repealed"] = Field(
        description="通过 adopted; 批准 approved; 公布/发布 published; 修正/修改 (or 通过的《…修正案》) amended; 修订 revised; 施行 effective; 废止 repealed")
    date: str | None = Field(default=None, description="the line's date, ISO 8601; None when the line prints none (发布之日施行)")
    by: str | None = Field(default=None, description="the organ or meeting that acted, as written (第九届全国人民代表大会第三次会议)")
    instrument: str | None = Field(default=None, description="the decision or order that made the event: 关于修改〈X〉的决定, 国务院令第337号")
    text: str = Field(description="the event as written, without brackets")
    span: Span


class Effective(Model):
    """When this document (this edition of a statute) takes effect; ``basis`` says how it was decided."""

    text: str
    date: str | None = None
    basis: Literal["stated", "issue_day", "header", "decision_date"] | None = Field(
        default=None,
        description="stated: a clause of this edition prints the date; issue_day: 自发布之日起施行 read with the "
                    "issue date; header: a header line (2021年1月1日 施行); decision_date: this edition was made by an "
                    "amending decision whose own effective date the text does not print, so the decision's date is "
                    "taken (the 施行 clause of the body belongs to the first edition); None for validity or "
                    "暂行/试行 alone")
    expires: str | None = None
    validity: str | None = Field(default=None, description="e.g. 有效期5年, as written")
    provisional: str | None = Field(default=None, description="暂行 / 试行 when the title says so")
    span: Span


class TargetItem(Model):
    text: str
    metric: str | None = None
    value: float | None = None
    unit: str | None = None
    comparator: str | None = Field(default=None, description="以上 / 以内 / 突破 / 达到 …")
    span: Span


class Target(Model):
    name: str | None = None
    year: int | None = None
    recurring: bool = False
    items: list[TargetItem] = Field(default_factory=list)
    span: Span


class CitedDocument(Model):
    """One cited document, however often it is cited: ``span`` is its first mention, ``mentions`` all of them."""

    title: str
    doc_number: DocNumber | None = None
    role: Literal["basis", "transmitted", "repealed", "suspended", "other"] = Field(
        default="other", description="the strongest of its mentions: repealed > suspended > transmitted > basis > other"
    )
    span: Span
    mentions: list[Span] = Field(default_factory=list, description="every 《…》 naming it, in text order (the first is span)")


class Annex(Model):
    index: int | None = None
    label: str = Field(description="as written: 附件1, 附件 2, 附件")
    title: str | None = None
    span: Span
    tables: list[Table] = Field(default_factory=list)


class SourceRef(Model):
    path: str | None = None
    format: str = "txt"
    sha256: str


class Metadata(Model):
    encoding: str | None = None
    pages: int | None = None
    container: dict[str, str] = Field(default_factory=dict, description="fields the container states (HTML portal block, docx properties)")


class PolicyDocument(Model):
    schema_version: str = SCHEMA_VERSION
    source: SourceRef | None = Field(default=None, description="None on enclosed documents")
    doc_type: str | None = Field(default=None, description="文种: 通知, 意见, 方案, 办法 …")
    title: str | None = None
    doc_number: DocNumber | None = None
    issuers: list[Organ] = Field(default_factory=list)
    recipients: list[Organ] = Field(default_factory=list)
    date: str | None = Field(
        default=None,
        description="a 公文: its 成文日期 (signature date), else its publication line's date; a statute text "
                    "(header events): the date of this edition, its latest adopted/approved/amended/revised/published event; ISO 8601")
    events: list[HeaderEvent] = Field(default_factory=list, description="the dated header lines of a statute, in text order")
    signature: Signature | None = None
    signer: str | None = Field(default=None, description="签发人")
    classification: str | None = Field(default=None, description="密级")
    urgency: str | None = Field(default=None, description="紧急程度")
    attachments: list[Attachment] = Field(default_factory=list)
    cc: list[Organ] = Field(default_factory=list, description="抄送")
    printed_by: str | None = Field(default=None, description="印发机关")
    printed_date: str | None = Field(default=None, description="印发日期")
    note: str | None = Field(default=None, description="附注")
    outline: list[OutlineNode] = Field(default_factory=list)
    enclosed: list[PolicyDocument] = Field(default_factory=list, description="documents a transmittal notice 印发/转发")
    tasks: list[Task] = Field(default_factory=list)
    lead_rules: list[LeadRule] = Field(default_factory=list)
    standing_assignments: list[StandingAssignment] = Field(
        default_factory=list, description="unit lists assigned to every later task in scope (以下均需X落实，不再列出)"
    )
    roles: list[Role] = Field(default_factory=list, description="Annex-1-style responsibility lists")
    findings: list[Finding] = Field(default_factory=list, description="task / annex consistency report")
    repeals: list[Repeal] = Field(default_factory=list)
    suspensions: list[Suspension] = Field(default_factory=list)
    effective: Effective | None = None
    targets: list[Target] = Field(default_factory=list)
    cited_documents: list[CitedDocument] = Field(default_factory=list)
    annexes: list[Annex] = Field(default_factory=list)
    tables: list[Table] = Field(
        default_factory=list,
        description="tables of the body (outside the annexes, whose tables are in annexes[].tables), in text order, "
        "each anchored by outline_path and span",
    )
    span: Span | None = Field(default=None, description="the part of the text this document occupies")
    evidence: dict[str, Evidence] = Field(default_factory=dict, description="span and raw text of each scalar field")
    metadata: Metadata | None = None
    warnings: list[str] = Field(default_factory=list)
    text: str | None = Field(default=None, description="the reader's text (root document only); every span points into it")

    def every_table(self) -> list[Table]:
        """Every table of this document, body and annexes, in text order (enclosed documents excluded)."""
        found = list(self.tables) + [t for ax in self.annexes for t in ax.tables]
        return sorted(found, key=lambda t: t.span.start if t.span is not None else -1)

    def walk(self) -> Iterator[PolicyDocument]:
        """This document and every enclosed one, depth first."""
        yield self
        for e in self.enclosed:
            yield from e.walk()
