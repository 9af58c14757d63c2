"""The same document from every format: seed.docx and seed.pdf give the seed .txt's facts (not its offsets)."""

from __future__ import annotations

import json

import pytest

from policyparse.evaluate import norm

from conftest import DEV, FIXTURES, SEED, parsed


def facts(doc) -> dict:
    plan = doc.enclosed[0]
    return {
        "envelope": (norm(doc.title), doc.doc_type, [o.name for o in doc.issuers], [norm(o.name) for o in doc.recipients], doc.date),
        "plan": (norm(plan.title), plan.doc_type, plan.date, [(a.index, norm(a.title)) for a in plan.attachments]),
        "outline": [(n.marker, n.title, [(c.marker, c.title) for c in n.children]) for n in plan.outline],
        "tasks": [(t.path, t.title, [u.name for u in t.units], t.lead_units, t.lead_basis) for t in plan.tasks],
        "rules": [(r.text, r.scope, r.declared_in) for r in plan.lead_rules],
        "repeals": [(r.title, r.doc_number.normalized if r.doc_number else None, r.date, r.issuers, r.verb) for r in plan.repeals],
        "effective": (plan.effective.date if plan.effective else None),
        "roles": sorted((r.unit, r.action, r.role) for r in plan.roles),
        "findings": sorted((f.kind, f.unit) for f in plan.findings),
        "annex2": [[norm(c) for c in row] for row in plan.annexes[1].tables[0].rows] if plan.annexes[1].tables else None,
    }


@pytest.fixture(scope="module")
def txt_facts():
    return facts(parsed(str(SEED)))


@pytest.mark.parametrize("name", ["seed.docx", "seed.pdf"])
def test_each_format_gives_the_txt_facts(name, txt_facts):
    assert facts(parsed(str(FIXTURES / name))) == txt_facts


@pytest.mark.parametrize("name", ["seed.docx", "seed.pdf"])
def test_annex2_equals_the_truth_with_its_spans(name):
    truth = json.loads((FIXTURES / "annex2_truth.json").read_text(encoding="utf-8"))
    t = parsed(str(FIXTURES / name)).enclosed[0].annexes[1].tables[0]
    assert [[norm(c) for c in r] for r in t.rows] == [[norm(v) for v in r.values()] for r in truth["rows"]]
    merged = sorted((c.row, c.col, c.row_span) for c in t.cells if c.row_span > 1)
    assert merged == sorted((m["row"], m["col"], m["rowspan"]) for m in truth["merged_regions"])


def test_pdf_findings_name_their_page_and_docx_findings_their_paragraph():
    pdf = parsed(str(FIXTURES / "seed.pdf"))
    t = pdf.enclosed[0].tasks[0]
    assert t.span.page is not None and t.units[0].span.page == t.span.page
    assert pdf.enclosed[0].annexes[1].tables[0].cells[0].span.page == 12
    docx = parsed(str(FIXTURES / "seed.docx"))
    cell = docx.enclosed[0].annexes[1].tables[0].cells[0]
    assert cell.provenance and cell.provenance.startswith("table ")
    assert docx.enclosed[0].tasks[0].span.locator.startswith("paragraph ")
    assert pdf.enclosed[0].tasks[0].span.locator.startswith(f"page {t.span.page}")


HTML_TWINS = sorted((DEV / "html").glob("*.html"))


@pytest.mark.parametrize("html", HTML_TWINS, ids=lambda p: p.stem[:12])
def test_every_html_page_parses_to_the_title_number_and_outline_of_its_text_twin(html):
    def key(doc):
        content = doc.enclosed or [doc]
        return (norm(doc.title), doc.doc_number.normalized if doc.doc_number else None,
                [(n.marker, n.title) for d in content for n in d.outline],
                [(t.path, [u.name for u in t.units], t.lead_units) for d in doc.walk() for t in d.tasks])

    assert key(parsed(str(html))) == key(parsed(str(DEV / f"{html.stem}.txt")))
