""".doc and .wps: read through LibreOffice when it is installed, refused with a typed error when it is not."""

from __future__ import annotations

import pytest

from policyparse.errors import UnsupportedFormat
from policyparse.io import convert, read
from policyparse.pipeline import parse

from conftest import CORPORA

REAL = CORPORA / "realfiles"
LEGACY = [("07_synthetic_notice_kingsoft.wps", "wps"), ("08_synthetic_notice_word97.doc", "doc")]


@pytest.mark.parametrize(("name", "fmt"), LEGACY)
def test_without_libreoffice_a_legacy_file_is_refused_with_the_command_to_convert_it(monkeypatch, name, fmt):
    monkeypatch.setattr(convert, "find_converter", lambda: None)
    with pytest.raises(UnsupportedFormat) as err:
        read(REAL / name)
    assert "--convert-to docx" in str(err.value) and name in str(err.value)


@pytest.mark.parametrize(("name", "fmt"), LEGACY)
def test_with_libreoffice_a_legacy_file_is_converted_and_parsed(name, fmt):
    if convert.find_converter() is None:
        pytest.skip("LibreOffice (soffice) is not installed: the conversion path cannot run here")
    st = read(REAL / name)
    assert st.source.format == fmt and "converted from" in st.warnings[0]
    doc = parse(REAL / name)
    assert doc.doc_number is not None and doc.doc_number.issuer_code == "国防部发"
    assert doc.title and doc.title.endswith("通知") and doc.date
    assert doc.cc and doc.printed_by


@pytest.mark.parametrize(("name", "fmt"), LEGACY)
def test_a_converted_file_reads_the_same_twice_without_the_conversion_time(name, fmt):
    if convert.find_converter() is None:
        pytest.skip("LibreOffice (soffice) is not installed: the conversion path cannot run here")
    first, second = read(REAL / name), read(REAL / name)
    assert first == second
    assert not {"created", "modified"} & set(first.metadata)  # these two files carry no dates of their own


def test_conversion_can_be_switched_off():
    with pytest.raises(UnsupportedFormat):
        read(REAL / "08_synthetic_notice_word97.doc", limits={"convert_legacy": False})
