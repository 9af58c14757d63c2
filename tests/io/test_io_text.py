"""The plain-text reader: encodings, line endings, blocks with offsets."""

from __future__ import annotations

import codecs

import pytest

from policyparse.errors import EmptyDocument
from policyparse.io.text import read_text

SAMPLE = "中共湖南省委办公厅 湖南省人民政府办公厅印发《工作方案》的通知\r\n各市州人民政府：\r\n现印发给你们，请认真贯彻执行。\r\n"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "gbk", "utf-16"])
def test_it_decodes_every_supported_encoding_to_the_same_text(encoding):
    st = read_text(SAMPLE.encode(encoding))
    assert st.text == SAMPLE.replace("\r\n", "\n")


def test_it_decodes_utf16_without_a_bom():
    st = read_text(SAMPLE.encode("utf-16-le"))
    assert "各市州人民政府" in st.text


def test_it_maps_crlf_and_cr_to_lf():
    st = read_text("一行\r二行\r\n三行".encode())
    assert st.text == "一行\n二行\n三行"


def test_blocks_are_non_blank_lines_with_offsets_into_the_text():
    st = read_text("甲\n\n  乙丙\n")
    assert [(b.text, st.text[b.span.start : b.span.end]) for b in st.blocks] == [("甲", "甲"), ("  乙丙", "  乙丙")]


def test_an_empty_file_is_a_typed_error():
    with pytest.raises(EmptyDocument):
        read_text(b"  \n \r\n")


def test_the_source_hash_is_of_the_bytes():
    import hashlib

    data = SAMPLE.encode("gb18030")
    assert read_text(data).source.sha256 == hashlib.sha256(data).hexdigest()
    assert codecs.lookup(read_text(data).source.encoding).name == "gb18030"
