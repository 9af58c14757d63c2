"""Partial results: an extractor that fails leaves a warning saying what was skipped, and the rest of the document."""

from __future__ import annotations

from policyparse import extract
from policyparse.pipeline import parse

from conftest import SEED


def test_a_failing_table_rebuild_keeps_the_envelope_and_tasks_with_a_warning(monkeypatch):
    monkeypatch.setenv("POLICYPARSE_STRICT", "0")

    def broken(*args, **kwargs):
        raise ValueError("layout rule exploded")

    monkeypatch.setattr(extract, "find_tables", broken)
    doc = parse(SEED)
    plan = doc.enclosed[0]
    assert doc.title and plan.outline and len(plan.tasks) == 6 and plan.repeals
    assert any("tables of 附件2 skipped" in w and "layout rule exploded" in w for w in plan.warnings)


def test_strict_mode_re_raises_for_developers(monkeypatch):
    monkeypatch.setenv("POLICYPARSE_STRICT", "1")
    monkeypatch.setattr(extract, "find_targets", lambda *a, **k: 1 / 0)
    try:
        parse(SEED)
    except ZeroDivisionError:
        return
    raise AssertionError("strict mode swallowed the error")
