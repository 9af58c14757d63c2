"""Units and an alignment -> a :class:`DocumentDiff`; and back: a diff applied to the old units.

* :func:`text_to_edits` — the character edits between two texts (``difflib`` opcodes on
  characters, equal stretches left out);
* :func:`pair_to_change` — one aligned pair -> its :class:`UnitChange`;
* :func:`units_to_changes` — both unit lists -> every change, in reading order of the new
  document with each deleted unit after its old predecessor;
* :func:`envelope_changes` — title, 文种, 发文字号, date, 施行 date, issuers that differ;
* :func:`diff_documents` — the whole diff of two parsed documents;
* :func:`apply_diff` — the old units and a diff -> the new units (the diff's proof: it equals
  :func:`~policyparse.diff.units.document_to_units` of the new document).
"""

from __future__ import annotations

from difflib import SequenceMatcher

from ..errors import DiffDoesNotApply
from ..model import PolicyDocument
from ..model.diff import (
    DiffSide,
    DiffSummary,
    DiffUnit,
    DocumentDiff,
    FieldChange,
    TextEdit,
    UnitChange,
)
from .align import align_texts, bigrams, similarity
from .units import document_to_units, has_articles

__all__ = [
    "apply_diff",
    "apply_edits",
    "diff_documents",
    "diff_units",
    "envelope_changes",
    "pair_to_change",
    "summarize",
    "text_to_edits",
    "units_to_changes",
]

_FIELDS = ("label", "section", "leads", "units")
_SUBSTANTIVE = ("leads", "units")  # a change of these makes an aligned unit amended


def text_to_edits(old: str, new: str) -> list[TextEdit]:
    """Character edits turning ``old`` into ``new``, in increasing order of ``start``."""
    if old == new:
        return []
    sm = SequenceMatcher(None, old, new, autojunk=False)
    return [TextEdit(op=tag, start=i1, end=i2, old=old[i1:i2], new=new[j1:j2])
            for tag, i1, i2, j1, j2 in sm.get_opcodes() if tag != "equal"]


def apply_edits(text: str, edits: list[TextEdit]) -> str:
    """``text`` with ``edits`` applied; :class:`DiffDoesNotApply` when an edit's ``old`` is not at its place."""
    out: list[str] = []
    pos = 0
    for e in edits:
        if e.start < pos or text[e.start:e.end] != e.old:
            raise DiffDoesNotApply(f"edit {e.op} [{e.start}, {e.end}) expects {e.old!r}, the text has {text[e.start:e.end]!r}")
        out.append(text[pos:e.start])
        out.append(e.new)
        pos = e.end
    out.append(text[pos:])
    return "".join(out)


def pair_to_change(old: DiffUnit, new: DiffUnit, i: int, j: int, moved: bool) -> UnitChange:
    edits = text_to_edits(old.text, new.text)
    fields = [FieldChange(field=f, old=getattr(old, f), new=getattr(new, f)) for f in _FIELDS
              if getattr(old, f) != getattr(new, f)]
    amended = bool(edits) or any(f.field in _SUBSTANTIVE for f in fields)
    sim = round(similarity(bigrams(old.text), bigrams(new.text)), 3) if amended else None
    return UnitChange(status="amended" if amended else "unchanged", kind=new.kind, moved=moved,
                      renumbered=old.label != new.label, old_index=i, new_index=j, old_label=old.label,
                      new_label=new.label, similarity=sim, edits=edits, fields=fields)


def units_to_changes(old: list[DiffUnit], new: list[DiffUnit]) -> list[UnitChange]:
    """Align units of the same kind, then list every unit's change (see the module doc for the order)."""
    pairs: list[tuple[int, int]] = []
    moved: set[tuple[int, int]] = set()
    for kind in sorted({u.kind for u in old} | {u.kind for u in new}):
        oi = [i for i, u in enumerate(old) if u.kind == kind]
        ni = [j for j, u in enumerate(new) if u.kind == kind]
        got, mv = align_texts([old[i].text for i in oi], [new[j].text for j in ni])
        pairs += [(oi[a], ni[b]) for a, b in got]
        moved |= {(oi[a], ni[b]) for a, b in mv}
    partner = {j: i for i, j in pairs}
    aligned_old = set(partner.values())
    deleted_after: dict[int, list[int]] = {}  # new index after which each deleted old unit is listed (-1: first)
    anchor = -1
    by_old = {i: j for i, j in pairs if (i, j) not in moved}
    for i in range(len(old)):
        if i in by_old:
            anchor = by_old[i]
        elif i not in aligned_old:
            deleted_after.setdefault(anchor, []).append(i)

    def deleted(ks: list[int]) -> list[UnitChange]:
        return [UnitChange(status="deleted", kind=old[i].kind, old_index=i, old_label=old[i].label, unit=old[i]) for i in ks]

    out = deleted(deleted_after.get(-1, []))
    for j, u in enumerate(new):
        if j in partner:
            i = partner[j]
            out.append(pair_to_change(old[i], u, i, j, (i, j) in moved))
        else:
            out.append(UnitChange(status="inserted", kind=u.kind, new_index=j, new_label=u.label, unit=u))
        out += deleted(deleted_after.get(j, []))
    return out


def summarize(changes: list[UnitChange]) -> DiffSummary:
    s = DiffSummary()
    for c in changes:
        setattr(s, c.status, getattr(s, c.status) + 1)
        s.moved += c.moved
        s.renumbered += c.renumbered
        s.leads_changed += any(f.field == "leads" for f in c.fields)
    return s


def _envelope(doc: PolicyDocument) -> dict[str, str | list[str] | None]:
    eff = next((d.effective.date for d in doc.walk() if d.effective is not None and d.effective.date), None)
    return {"title": doc.title, "doc_type": doc.doc_type,
            "doc_number": doc.doc_number.normalized if doc.doc_number else None,
            "date": doc.date, "effective": eff, "issuers": [o.name for o in doc.issuers]}


def envelope_changes(old: PolicyDocument, new: PolicyDocument) -> list[FieldChange]:
    """Envelope facts that differ: title, doc_type, doc_number, date, effective (施行 date), issuers."""
    a, b = _envelope(old), _envelope(new)
    return [FieldChange(field=k, old=a[k], new=b[k]) for k in a if a[k] != b[k]]


def _side(doc: PolicyDocument, n: int) -> DiffSide:
    return DiffSide(title=doc.title, doc_number=doc.doc_number.normalized if doc.doc_number else None, date=doc.date,
                    path=doc.source.path if doc.source else None, sha256=doc.source.sha256 if doc.source else None,
                    n_units=n)


def diff_units(old: list[DiffUnit], new: list[DiffUnit], *, unit_kind: str = "outline",
               old_side: DiffSide | None = None, new_side: DiffSide | None = None,
               envelope: list[FieldChange] | None = None) -> DocumentDiff:
    """The diff of two unit lists (what :func:`diff_documents` does once it has the units)."""
    changes = units_to_changes(old, new)
    kinds = sorted({c.kind for c in changes})
    return DocumentDiff(unit_kind=unit_kind, old=old_side or DiffSide(n_units=len(old)),
                        new=new_side or DiffSide(n_units=len(new)), summary=summarize(changes),
                        by_kind={k: summarize([c for c in changes if c.kind == k]) for k in kinds},
                        envelope=envelope or [], changes=changes)


def diff_documents(old: PolicyDocument, new: PolicyDocument) -> DocumentDiff:
    """What changed from ``old`` to ``new``: units aligned, text edits, envelope facts.

    Both documents are cut into units the same way: articles when either has 第X条 articles,
    else outline items; tasks always (see :mod:`policyparse.diff.units`).
    """
    articles = has_articles(old) or has_articles(new)
    ou = document_to_units(old, articles=articles)
    nu = document_to_units(new, articles=articles)
    return diff_units(ou, nu, unit_kind="article" if articles else "outline", old_side=_side(old, len(ou)),
                      new_side=_side(new, len(nu)), envelope=envelope_changes(old, new))


def apply_diff(old_units: list[DiffUnit], diff: DocumentDiff) -> list[DiffUnit]:
    """The new units, rebuilt from ``old_units`` and the changes of ``diff`` only.

    Raises :class:`~policyparse.errors.DiffDoesNotApply` when ``old_units`` are not the units the
    diff was made from (another number of units; a deleted unit, a label, an edit or a field
    whose old value is not there; an old unit used twice or never; new positions with a hole).
    """
    if len(old_units) != diff.old.n_units:
        raise DiffDoesNotApply(f"the diff was made from {diff.old.n_units} units, {len(old_units)} given")
    built: dict[int, DiffUnit] = {}
    seen_old: set[int] = set()
    for c in diff.changes:
        if c.old_index is not None:
            if c.old_index in seen_old or not 0 <= c.old_index < len(old_units):
                raise DiffDoesNotApply(f"old unit {c.old_index} is used twice or does not exist")
            seen_old.add(c.old_index)
        if c.status == "deleted":
            if c.unit is not None and old_units[c.old_index] != c.unit:  # type: ignore[index]
                raise DiffDoesNotApply(f"deleted unit {c.old_index} is not {c.unit.label} of the diff")
            continue
        if c.new_index is None or c.new_index in built:
            raise DiffDoesNotApply(f"a {c.status} change has no free new position ({c.new_index})")
        if c.status == "inserted":
            if c.unit is None:
                raise DiffDoesNotApply(f"inserted unit {c.new_index} carries no unit")
            built[c.new_index] = c.unit
            continue
        if c.old_index is None:
            raise DiffDoesNotApply(f"a {c.status} change at new position {c.new_index} names no old unit")
        base = old_units[c.old_index]
        if base.label != c.old_label or base.kind != c.kind:
            raise DiffDoesNotApply(f"unit {c.old_index} is {base.kind} {base.label}, the diff expects {c.kind} {c.old_label}")
        values = base.model_dump()
        for f in c.fields:
            if values[f.field] != f.old:
                raise DiffDoesNotApply(f"unit {c.old_index}: {f.field} is {values[f.field]!r}, the diff expects {f.old!r}")
            values[f.field] = f.new
        values["text"] = apply_edits(base.text, c.edits)
        built[c.new_index] = DiffUnit.model_validate(values)
    if seen_old != set(range(len(old_units))):
        raise DiffDoesNotApply(f"{len(old_units) - len(seen_old)} old units are neither aligned nor deleted")
    if sorted(built) != list(range(diff.new.n_units)):
        raise DiffDoesNotApply("the new positions of the diff have holes")
    return [built[j] for j in range(diff.new.n_units)]
