"""Budgets on form XObjects, checked from the PDF's structure before any page is rendered.

Input: the PDF's bytes and the :class:`ReadLimits`. Output: nothing, or
:class:`~policyparse.errors.NestingTooDeep` (E016) naming the budget that tripped.

Why before: a few kilobytes can draw a form XObject that draws another ten times, that one ten
times, and so on (10 levels: 10^10 drawings). pdfium expands every drawing when it loads the
page, so the only safe moment to count is before it does. The count is done on the object
graph, not by drawing: for every form, ``drawn(F)`` = the sum over the ``/Name Do`` operators of
its content stream of ``1 + drawn(target)``, memoized per object, so a page of N forms costs
O(N) whatever the fan-out. A page draws ``drawn(page)`` forms; past ``max_pdf_xobjects`` (per
page) or ``max_pdf_xobject_depth`` (nesting) the document is refused. A form that draws itself
(a cycle) counts as too deep. pdfminer (shipped with pdfplumber) reads the objects; a PDF
without any form XObject costs one pass over its pages' resource dictionaries.
"""

from __future__ import annotations

import io
import re
from typing import Any

from ..errors import NestingTooDeep
from .limits import ReadLimits

_DO = re.compile(rb"/([^\s/\[\]()<>{}%]+)\s*Do\b")


class _Count:
    def __init__(self, limits: ReadLimits, path: str | None) -> None:
        self.limits = limits
        self.path = path
        self.memo: dict[int, tuple[int, int]] = {}  # objid -> (forms drawn, depth)
        self.active: set[int] = set()

    def too_deep(self) -> NestingTooDeep:
        lim = self.limits.max_pdf_xobject_depth
        return NestingTooDeep(f"form XObjects nest deeper than max_pdf_xobject_depth={lim} (or draw themselves)",
                              path=self.path, budget="max_pdf_xobject_depth")  # fmt: skip

    def too_many(self) -> NestingTooDeep:
        lim = self.limits.max_pdf_xobjects
        return NestingTooDeep(f"a page draws more than max_pdf_xobjects={lim} XObjects (forms drawing forms)",
                              path=self.path, hint="pass limits={'max_pdf_xobjects': N} to accept it")  # fmt: skip

    def drawn(self, content: bytes, xobjects: dict[str, Any], depth: int) -> tuple[int, int]:
        """(forms drawn, deepest nesting) by a content stream whose resources name ``xobjects``."""
        from pdfminer.pdftypes import PDFObjRef, PDFStream, resolve1

        if depth > self.limits.max_pdf_xobject_depth:
            raise self.too_deep()
        total, deepest = 0, depth
        for m in _DO.finditer(content):
            ref = xobjects.get(m.group(1).decode("latin-1"))
            target = resolve1(ref)
            if not isinstance(target, PDFStream) or resolve1(target.attrs.get("Subtype")) is None:
                continue
            if getattr(resolve1(target.attrs.get("Subtype")), "name", None) != "Form":
                continue
            key = ref.objid if isinstance(ref, PDFObjRef) else id(target)
            if key in self.active:
                raise self.too_deep()
            if key not in self.memo:
                self.active.add(key)
                try:
                    inner = resolve1((resolve1(target.attrs.get("Resources")) or {}).get("XObject")) or {}
                    self.memo[key] = self.drawn(target.get_data(), inner, depth + 1)
                finally:
                    self.active.discard(key)
            n, d = self.memo[key]
            total += 1 + n
            deepest = max(deepest, d + 1)
            if total > self.limits.max_pdf_xobjects:
                raise self.too_many()
        return total, deepest


def _has_forms(data: bytes) -> bool:
    return re.search(rb"/Subtype\s*/Form\b", data) is not None


def check_form_xobjects(data: bytes, limits: ReadLimits, path: str | None) -> None:
    """Refuse a PDF whose pages draw more form XObjects, or nest them deeper, than ``limits`` allow.

    Damage the counting cannot read is left to the reader (which reports it as it does today);
    object streams that hide the word ``/Form`` from the byte scan are still counted, since the
    scan is only a shortcut for the common PDF that has no form at all (then nothing is parsed).
    """
    if not _has_forms(data) and b"/ObjStm" not in data:
        return
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser
    from pdfminer.pdftypes import PDFStream, resolve1

    from ..budget import check

    try:
        document = PDFDocument(PDFParser(io.BytesIO(data)))
        pages = PDFPage.create_pages(document)
    except Exception:  # noqa: BLE001 - unreadable structure: the reader's own error says why
        return
    count = _Count(limits, path)
    try:
        for page in pages:
            check("PDF content", path=path)
            xobjects = resolve1((resolve1(page.resources) or {}).get("XObject")) or {}
            if not xobjects:
                continue
            contents = page.contents if isinstance(page.contents, list) else [page.contents]
            data_ = b"\n".join(s.get_data() for s in (resolve1(c) for c in contents) if isinstance(s, PDFStream))
            count.drawn(data_, xobjects, 0)
    except NestingTooDeep:
        raise
    except Exception:  # noqa: BLE001 - see the docstring
        return


__all__ = ["check_form_xobjects"]
