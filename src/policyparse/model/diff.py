"""What changed between two documents: units, their alignment, character edits, envelope changes.

A *unit* is what a reader compares: an article (第X条, 第X条之一) of a statute, an outline item
(一、 （一） 1. …) of a plan or notice, or a task. A :class:`DocumentDiff` lists one
:class:`UnitChange` per unit of either side, in reading order of the new document (a deleted
unit sits after the unit that preceded it in the old one), and is a patch: applying it to the
old document's units gives the new document's units exactly (``policyparse.diff.apply_diff``).

Contract of a :class:`UnitChange`:

* ``status``: ``unchanged`` (same text, same leads and units; the number or the section may
  differ: see ``renumbered`` and ``fields``), ``amended`` (the text, leads or units differ),
  ``inserted`` (only in the new document) or ``deleted`` (only in the old one).
* ``moved``: an aligned unit whose order relative to the other aligned units changed (it is not
  on the longest run of aligned units kept in order).
* ``edits``: character edits turning the old text into the new one, non-overlapping and in
  increasing order of ``start``; ``[start, end)`` is a half-open range of the *old* unit's text.
* ``fields``: every other attribute that changed (``label``, ``section``, ``leads``, ``units``).
* ``unit``: the whole unit for ``inserted`` (the new one) and ``deleted`` (the old one).

This module is a leaf: it imports only pydantic and the standard library.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from .base import Model

DIFF_SCHEMA = "policyparse.diff/1"

UnitKind = Literal["article", "item", "task"]
FieldValue = str | list[str] | None


class DiffUnit(Model):
    """One comparable unit of a document."""

    kind: UnitKind
    label: str = Field(description="the number as printed: 第二十一条, 第二十一条之一, （一）, or a task's outline path 二(一)")
    section: str = Field(default="", description="the headings it sits under (第一章 总则 > 第一节 …); a task's item title")
    text: str = Field(description="the unit's text without its label, surrounding whitespace removed")
    leads: list[str] = Field(default_factory=list, description="tasks: lead units as written, in order")
    units: list[str] = Field(default_factory=list, description="tasks: every unit named, as written, in order")


class TextEdit(Model):
    """Replace ``old[start:end]`` (the text ``old``) by ``new``; insert when start == end, delete when new == ''."""

    op: Literal["insert", "delete", "replace"]
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    old: str = ""
    new: str = ""


class FieldChange(Model):
    field: str
    old: FieldValue = None
    new: FieldValue = None


class UnitChange(Model):
    status: Literal["unchanged", "amended", "inserted", "deleted"]
    kind: UnitKind
    moved: bool = False
    renumbered: bool = Field(default=False, description="aligned, and the label differs")
    old_index: int | None = Field(default=None, description="0-based position among the old document's units")
    new_index: int | None = Field(default=None, description="0-based position among the new document's units")
    old_label: str | None = None
    new_label: str | None = None
    similarity: float | None = Field(default=None, description="character bigram similarity of an amended pair, 0..1")
    edits: list[TextEdit] = Field(default_factory=list)
    fields: list[FieldChange] = Field(default_factory=list)
    unit: DiffUnit | None = None


class DiffSummary(Model):
    unchanged: int = 0
    amended: int = 0
    inserted: int = 0
    deleted: int = 0
    moved: int = 0
    renumbered: int = 0
    leads_changed: int = Field(default=0, description="aligned tasks whose lead units differ")


class DiffSide(Model):
    """Which document a side of the diff is."""

    title: str | None = None
    doc_number: str | None = None
    date: str | None = None
    path: str | None = None
    sha256: str | None = None
    n_units: int = 0


class DocumentDiff(Model):
    version: str = Field(default=DIFF_SCHEMA, description="format of this diff")
    unit_kind: Literal["article", "outline"] = Field(description="article: statutes compared 第X条 by 第X条; outline: items and tasks")
    old: DiffSide
    new: DiffSide
    summary: DiffSummary
    by_kind: dict[str, DiffSummary] = Field(default_factory=dict)
    envelope: list[FieldChange] = Field(default_factory=list, description="title, doc_type, doc_number, date, effective, issuers")
    changes: list[UnitChange] = Field(default_factory=list)
