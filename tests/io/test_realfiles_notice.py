"""The WPS-made notice as published: the .pdf, the .docx (and the .doc/.wps when LibreOffice converts them) give one envelope."""

from __future__ import annotations

import pytest

from policyparse.pipeline import parse

from conftest import CORPORA

REAL = CORPORA / "realfiles"


def _envelope(doc):
    return {
        "doc_number": doc.doc_number.normalized if doc.doc_number else None,
        "title": doc.title,
        "recipients": [o.name for o in doc.recipients],
        "signature": ([o.name for o in doc.signature.issuers], doc.signature.date) if doc.signature else None,
        "date": doc.date,
        "note": doc.note,
        "cc": [o.name for o in doc.cc],
        "printed": (doc.printed_by, doc.printed_date),
    }


@pytest.fixture(scope="module")
def docx_envelope():
    return _envelope(parse(REAL / "10_synthetic_notice_wps.docx"))


def test_the_docx_envelope_is_read_in_full(docx_envelope):
    assert docx_envelope == {
        "doc_number": "国防部发〔2012〕21号",
        "title": "国防部关于放假的通知",
        "recipients": ["各有关单位"],
        "signature": (["Xxxxxxxxxxxxx"], "2012-12-12"),  # the template's placeholder signing organ, as printed
        "date": "2012-12-12",
        "note": "联系人：xxxxx；电话：123456578",
        "cc": ["教育局", "教育局", "教育局", "教育局"],
        "printed": ("国防部", "2012-12-12"),
    }


def test_the_pdf_gives_the_same_envelope_with_page_numbers_removed(docx_envelope):
    doc = parse(REAL / "09_synthetic_notice_wps.pdf")
    assert _envelope(doc) == docx_envelope
    assert "1 —" not in doc.text and "–– 1" not in doc.text
    assert doc.doc_number.span.page == 1 and doc.recipients[0].span.page == 1  # PDF evidence names its page
