"""What changed between two documents: units aligned, character edits, envelope facts.

    >>> import policyparse
    >>> d = policyparse.diff(policyparse.parse("law(2017).txt"), policyparse.parse("law(2023).txt"))
    >>> d.summary.amended, [c.new_label for c in d.changes if c.status == "inserted"]
    >>> from policyparse.diff import apply_diff, document_to_units
    >>> apply_diff(document_to_units(old), d) == document_to_units(new)   # the diff's proof

The stage runs ``document_to_units`` (:mod:`.units`) → ``align_texts`` (:mod:`.align`) →
``units_to_changes`` (:mod:`.build`); :mod:`.render` turns a diff into Markdown or an HTML page
with both documents side by side; :mod:`.history` puts diff summaries on the edges of a history.
The model of a diff is :mod:`policyparse.model.diff`.

``policyparse.diff`` is this module and is callable: ``policyparse.diff(old, new)`` is
:func:`diff_documents`.
"""

from __future__ import annotations

import sys
import types

from ..model import PolicyDocument
from ..model.diff import (
    DiffSummary,
    DiffUnit,
    DocumentDiff,
    FieldChange,
    TextEdit,
    UnitChange,
)
from .build import (
    apply_diff,
    apply_edits,
    diff_documents,
    diff_units,
    envelope_changes,
    text_to_edits,
)
from .units import document_to_units

__all__ = [
    "DiffSummary",
    "DiffUnit",
    "DocumentDiff",
    "FieldChange",
    "TextEdit",
    "UnitChange",
    "apply_diff",
    "apply_edits",
    "diff_documents",
    "diff_units",
    "document_to_units",
    "envelope_changes",
    "text_to_edits",
]


class _CallableModule(types.ModuleType):
    """Lets ``policyparse.diff(old, new)`` call :func:`diff_documents` while ``policyparse.diff`` stays this module."""

    def __call__(self, old_doc: PolicyDocument, new_doc: PolicyDocument) -> DocumentDiff:
        return diff_documents(old_doc, new_doc)


sys.modules[__name__].__class__ = _CallableModule
