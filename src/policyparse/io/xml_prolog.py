"""Does an XML part declare a DTD? Answered from the prolog's bytes, by no XML library.

Input: a binary stream positioned at the start of an XML part. Output: ``True`` when a
``<!DOCTYPE`` stands before the root element, ``False`` otherwise (including for a part that
is not XML at all: the parser that needs it reports that).

Why not ask the parser: whether lxml reports a DOCTYPE, or first stops on its own entity
amplification guard, depends on the libxml2 version, so the refusal would change wording (or
kind) with an upgrade. The prolog grammar is small: an optional BOM, an XML declaration,
comments, processing instructions and white space, then either ``<!DOCTYPE`` or the root tag.
Comments and processing instructions of any length are skipped chunk by chunk, so memory stays
bounded whatever the part holds. UTF-16 and UTF-32 parts are decoded incrementally.
"""

from __future__ import annotations

import codecs
from typing import IO

_CHUNK = 64 * 1024
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"),
)  # fmt: skip
#: first bytes of ``<`` in an XML part written without a BOM (XML 1.0, appendix F)
_NO_BOM = ((b"<\x00\x00\x00", "utf-32-le"), (b"\x00\x00\x00<", "utf-32-be"), (b"<\x00", "utf-16-le"),
           (b"\x00<", "utf-16-be"))  # fmt: skip


def _encoding(head: bytes) -> tuple[str, int]:
    for bom, name in _BOMS:
        if head.startswith(bom):
            return name, len(bom)
    for start, name in _NO_BOM:
        if head.startswith(start):
            return name, 0
    return "utf-8", 0


def declares_dtd(stream: IO[bytes]) -> bool:
    """True when the part read from ``stream`` declares a document type before its root element."""
    head = stream.read(4)
    name, skip = _encoding(head)
    decoder = codecs.getincrementaldecoder(name)(errors="replace")
    text = decoder.decode(head[skip:])
    closing: str | None = None  # what ends the construct being skipped (comment or PI)
    while True:
        if closing is not None:
            end = text.find(closing)
            if end < 0:
                text = text[-(len(closing) - 1):]  # keep a possible partial terminator
            else:
                text, closing = text[end + len(closing):], None
                continue
        else:
            stripped = text.lstrip(" \t\r\n")
            if stripped.startswith("<!--"):
                text, closing = stripped[4:], "-->"
                continue
            if stripped.startswith("<?"):
                text, closing = stripped[2:], "?>"
                continue
            if len(stripped) >= 9 or (stripped and not "<!DOCTYPE".startswith(stripped[:9].upper())
                                      and not "<!--".startswith(stripped[:4])):  # fmt: skip
                return stripped[:9].upper() == "<!DOCTYPE"
            text = stripped
        chunk = stream.read(_CHUNK)
        if not chunk:
            return text.lstrip(" \t\r\n")[:9].upper() == "<!DOCTYPE"
        text += decoder.decode(chunk)
