"""The DTD check of XML parts reads the prolog itself, so no libxml2 upgrade changes the refusal."""

from __future__ import annotations

import io

import pytest

from policyparse.io.xml_prolog import declares_dtd


def _dtd(body: bytes) -> bool:
    return declares_dtd(io.BytesIO(body))


@pytest.mark.parametrize(
    "part",
    [
        b'<?xml version="1.0"?>\n<!DOCTYPE w:document [<!ENTITY a "b">]><w:document/>',
        b'<!DOCTYPE x SYSTEM "file:///etc/passwd"><x/>',
        b"\xef\xbb\xbf<!doctype x><x/>",
        b"<!--" + b" " * 300_000 + b"--><!DOCTYPE x><x/>",  # a comment longer than one read
        b'<?xml version="1.0"?><?pi x?>\r\n\t<!DOCTYPE x><x/>',
        '<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE x><x/>'.encode("utf-16"),  # with BOM
        '<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE x><x/>'.encode("utf-16-be"),  # without
    ],
    ids=["internal-subset", "external-id", "bom-lowercase", "long-comment", "pi-and-space", "utf16-bom",
         "utf16be-no-bom"],
)
def test_it_finds_a_doctype_before_the_root_element(part: bytes) -> None:
    assert _dtd(part)


@pytest.mark.parametrize(
    "part",
    [
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document/>',
        b"<!-- <!DOCTYPE x> inside a comment --><x/>",
        b"<x><![CDATA[<!DOCTYPE x>]]></x>",
        b"<!--" + b" " * 300_000 + b"--><x/>",
        b"",
        b"not xml at all",
        b"<!DOC",
    ],
    ids=["plain-part", "doctype-in-comment", "doctype-after-root", "long-comment", "empty", "text", "cut"],
)
def test_it_passes_parts_without_a_doctype(part: bytes) -> None:
    assert not _dtd(part)


def test_it_reads_only_the_prolog() -> None:
    class Counting(io.BytesIO):
        read_bytes = 0

        def read(self, n: int | None = -1) -> bytes:
            out = super().read(n)
            self.read_bytes += len(out)
            return out

    stream = Counting(b"<x>" + b"a" * 10_000_000 + b"</x>")
    assert not declares_dtd(stream)
    assert stream.read_bytes < 100_000
