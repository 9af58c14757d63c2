"""Budgets inside pdfminer's content interpreter: form XObjects drawn per page, and how deep.

pdfminer refuses a form that draws itself (a cycle) but not a fan-out: a form drawing another
ten times, that one ten times, and so on, is a few kilobytes that expand exponentially
(10 levels: 10^10 drawings). :func:`guarded` makes every ``Do`` operator run by pdfminer in
this context count against ``max_pdf_xobjects`` (drawings on one page; :func:`new_page` starts
the count again) and ``max_pdf_xobject_depth``, and check the wall-time budget; past either
limit it raises :class:`~policyparse.errors.NestingTooDeep` (E016) before the drawing is
interpreted. Outside :func:`guarded` pdfminer behaves as shipped. The hook is installed once,
on first use, on ``PDFPageInterpreter.do_Do`` (pdfplumber builds its interpreters itself).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from ..errors import NestingTooDeep
from .limits import ReadLimits


@dataclass
class _Guard:
    limits: ReadLimits
    path: str | None
    drawn: int = 0
    depth: int = 0


_GUARD: ContextVar[_Guard | None] = ContextVar("policyparse_pdf_guard", default=None)
_installed = False


def _install() -> None:
    global _installed
    if _installed:
        return
    from pdfminer.pdfinterp import PDFPageInterpreter

    original = PDFPageInterpreter.do_Do

    def do_Do(self: Any, xobjid_arg: Any) -> None:  # noqa: N802 - pdfminer's operator name
        guard = _GUARD.get()
        if guard is None:
            return original(self, xobjid_arg)
        from ..budget import check

        check("PDF content", path=guard.path)
        guard.drawn += 1
        lim = guard.limits
        if guard.drawn > lim.max_pdf_xobjects:
            raise NestingTooDeep(f"a page draws more than max_pdf_xobjects={lim.max_pdf_xobjects} XObjects "
                                 "(forms drawing forms)", path=guard.path,
                                 hint="pass limits={'max_pdf_xobjects': N} to accept it")  # fmt: skip
        if guard.depth >= lim.max_pdf_xobject_depth:
            raise NestingTooDeep(f"form XObjects nest deeper than max_pdf_xobject_depth={lim.max_pdf_xobject_depth}",
                                 path=guard.path, budget="max_pdf_xobject_depth")  # fmt: skip
        guard.depth += 1
        try:
            return original(self, xobjid_arg)
        finally:
            guard.depth -= 1

    PDFPageInterpreter.do_Do = do_Do  # type: ignore[method-assign]
    _installed = True


@contextmanager
def guarded(limits: ReadLimits, path: str | None) -> Iterator[None]:
    """Count XObject drawings of pdfminer's interpreters run inside the block against ``limits``."""
    _install()
    token = _GUARD.set(_Guard(limits, path))
    try:
        yield
    finally:
        _GUARD.reset(token)


def new_page() -> None:
    """Start the per-page drawing count again."""
    guard = _GUARD.get()
    if guard is not None:
        guard.drawn = 0


__all__ = ["guarded", "new_page"]
