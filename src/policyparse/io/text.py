"""Plain text: bytes -> decoded text -> one block per non-empty line.

Decoding: BOMs (UTF-8, UTF-16 LE/BE) first, then strict UTF-8, then charset-normalizer's
best guess among the Chinese encodings it knows (GB18030 family, Big5, UTF-16 without BOM).
A UTF-8 text with a few broken byte sequences (a flipped byte, a file cut inside a character)
stays UTF-8: each broken sequence becomes U+FFFD and the reader warns, instead of losing the
document or decoding all of it as another encoding (see :func:`decode_text`).
The reader's ``text`` is the decoded string with line breaks kept as they were, except that
``\\r\\n`` and lone ``\\r`` are mapped to ``\\n`` (and for ``\\r\\n`` the ``\\r`` is dropped).
"""

from __future__ import annotations

import codecs
import hashlib
import re
from functools import cache
from typing import TYPE_CHECKING

from ..errors import DecodingError, EmptyDocument
from ..model import Block, SourceInfo, SourceText
from .marks import unmark
from .reflow import Paragraph, reflow

if TYPE_CHECKING:
    from pydantic import TypeAdapter

_CHINESE_ENCODINGS = ("gb18030", "big5", "utf_16", "utf_16_le", "utf_16_be")


#: bytes with broken sequences are still text in an encoding when they hold at least this many
#: validly encoded non-ASCII characters per broken sequence (another encoding holds almost none)
VALID_PER_BROKEN = 20


def decode_bytes(data: bytes, *, path: str | None = None) -> tuple[str, str]:
    """Return ``(text, encoding)`` or raise :class:`DecodingError` (see :func:`decode_text`)."""
    text, encoding, _ = decode_text(data, path=path)
    return text, encoding


def decode_text(data: bytes, *, path: str | None = None) -> tuple[str, str, list[str]]:
    """Return ``(text, encoding, warnings)`` or raise :class:`DecodingError`.

    Each encoding is tried strictly first; only then, in the same order, with a few broken
    sequences tolerated (:func:`lossy_decode`: a flipped byte, a file cut inside a character),
    each replaced by U+FFFD and reported in ``warnings`` (otherwise empty)."""
    for bom, enc in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(enc), enc, []
            except UnicodeDecodeError as exc:
                lossy = lossy_decode(data, enc)
                if lossy is not None:
                    return lossy[0], enc, [lossy[1]]
                mislabelled = _gb18030_behind_utf8_bom(data) if enc == "utf-8-sig" else None
                if mislabelled is not None:
                    note = "the file starts with a UTF-8 byte-order mark but its content is GB18030 (GBK); read as GB18030"
                    return mislabelled[0], "gb18030", [note, *mislabelled[1]]
                raise DecodingError(f"starts with a {enc} byte-order mark but does not decode", path=path) from exc
    try:
        return data.decode("utf-8"), "utf-8", []
    except UnicodeDecodeError:
        pass
    # UTF-16 without a BOM: many NULs at odd or even positions.
    utf16 = ("utf-16-le", "utf-16-be") if len(data) >= 4 and data.count(0) > len(data) // 4 else ()
    for enc in utf16:
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        if _cjk_share(text) > 0.2:
            return text, enc, []
    for enc in (*utf16, "utf-8"):
        lossy = lossy_decode(data, enc)
        if lossy is not None and (enc == "utf-8" or _cjk_share(lossy[0]) > 0.2):
            return lossy[0], enc, [lossy[1]]
    try:
        text = data.decode("gb18030")
        if _cjk_share(text) > 0.2 or "\ufffd" not in text:
            return text, "gb18030", []
    except UnicodeDecodeError:
        lossy = lossy_decode(data, "gb18030")
        if lossy is not None and _cjk_share(lossy[0]) > 0.2:
            return lossy[0], "gb18030", [lossy[1]]
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=list(_CHINESE_ENCODINGS) + ["utf_8"]).best()
    if best is None:
        raise DecodingError(
            "bytes decode as none of UTF-8, UTF-16, GB18030 or Big5", path=path, hint="re-save the file as UTF-8"
        )
    return str(best), best.encoding, []


def _gb18030_behind_utf8_bom(data: bytes) -> tuple[str, list[str]] | None:
    """The text after a UTF-8 BOM when it is GB18030 Chinese text (a mislabelled GBK file),
    possibly with a few broken sequences (then with their warning); else None."""
    rest = data[len(codecs.BOM_UTF8) :]
    try:
        text, notes = rest.decode("gb18030"), []
    except UnicodeDecodeError:
        lossy = lossy_decode(rest, "gb18030")
        if lossy is None:
            return None
        text, notes = lossy[0], [lossy[1]]
    return (text, notes) if _cjk_share(text) > 0.2 else None


def lossy_decode(data: bytes, encoding: str) -> tuple[str, str] | None:
    """``(text, warning)`` when ``data`` is ``encoding`` apart from a few broken sequences (each
    one U+FFFD in ``text``): it holds :data:`VALID_PER_BROKEN` validly encoded non-ASCII
    characters per broken sequence. None otherwise (another encoding, or too damaged)."""
    text = data.decode(encoding, "replace")
    broken = text.count("\ufffd") - data.decode(encoding, "ignore").count("\ufffd")
    if broken <= 0:
        return None
    valid = sum(1 for ch in text if ch > "\x7f") - text.count("\ufffd")
    if valid < VALID_PER_BROKEN * broken:
        return None
    text = text.lstrip("\ufeff")
    first = text.index("\ufffd")
    where = "at the end (the file is cut inside a character)" if first == len(text) - 1 else f"the first near character {first}"
    name = "UTF-8" if encoding.startswith("utf-8") else encoding.upper()
    return text, f"{broken} byte sequence(s) are not valid {name} and were replaced by U+FFFD, {where}: a damaged file?"


def _cjk_share(text: str) -> float:
    if not text:
        return 0.0
    sample = text[:4000]
    cjk = sum(1 for ch in sample if "\u4e00" <= ch <= "\u9fff")
    return cjk / max(1, sum(1 for ch in sample if not ch.isspace()))


@cache
def _blocks_adapter() -> TypeAdapter[list[Block]]:
    from pydantic import TypeAdapter

    return TypeAdapter(list[Block])


def text_to_blocks(text: str) -> list[Block]:
    """One paragraph block per non-blank line; spans exclude the line break."""
    fields: list[dict] = []  # validated into Blocks in one call, cheaper than a constructor call per line
    pos = 0
    n = len(text)
    i = 0
    while pos <= n:
        nl = text.find("\n", pos)
        end = n if nl < 0 else nl
        line = text[pos:end]
        if line and not line.isspace():
            fields.append({"span": {"start": pos, "end": end}, "text": line, "locator": f"line {i + 1}"})
        i += 1
        if nl < 0:
            break
        pos = nl + 1
    return _blocks_adapter().validate_python(fields)


def normalize_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


_BINARY = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
#: share of control characters (NUL, ESC …) among the non-blank characters above which decoded
#: "text" is binary data: real documents hold none or a stray one
BINARY_SHARE = 0.05


def check_not_binary(text: str, *, path: str | None = None) -> None:
    """Text of only NUL/control characters is EmptyDocument; text with more than :data:`BINARY_SHARE`
    of them is binary data (DecodingError), never a document."""
    if _BINARY.search(text) is None:
        return  # the usual text: no control character at all
    rest = _BINARY.sub("", text)
    n_control = len(text) - len(rest)
    if not n_control:
        return
    if not rest.strip():
        raise EmptyDocument(f"the content is {n_control} NUL or control characters and no text", path=path)
    visible = len(text) - sum(1 for ch in rest if ch.isspace())
    if n_control > BINARY_SHARE * visible:
        raise DecodingError(f"binary data, not text: {n_control} of {visible} characters are NUL or control "
                            "characters", path=path)  # fmt: skip


def read_text(data: bytes | str, *, path: str | None = None) -> SourceText:
    """Read plain text (bytes of any supported encoding, or an already decoded ``str``)."""
    if isinstance(data, str):
        raw = data.encode("utf-8")
        text, encoding, warnings = data, None, list[str]()
    else:
        raw = data
        text, encoding, warnings = decode_text(data, path=path)
    text = normalize_newlines(text).lstrip("\ufeff")
    if not text.strip():
        raise EmptyDocument("the document holds no text", path=path)
    check_not_binary(text, path=path)
    text, marked = unmark(text)  # 001 before each line, Markdown, a table saved as CSV: the copy's marks, not its words
    warnings += marked
    info = SourceInfo(path=path, format="txt", sha256=hashlib.sha256(raw).hexdigest(), encoding=encoding)
    wrapped = reflow(text)
    if wrapped is None:
        return SourceText(source=info, text=text, blocks=text_to_blocks(text), warnings=warnings)
    spans = "; spans index the joined text, and each block's locator names its lines in the file"
    if not wrapped.width:
        warnings.append(f"{wrapped.joined} line breaks inside brackets were joined (soft line breaks of a copy){spans}")
    else:
        warnings.append(f"the lines were broken at a width of {wrapped.width} columns (text copied out of a PDF or a "
                        f"fixed-width page): {wrapped.joined} line breaks inside paragraphs were joined and "
                        f"{wrapped.page_numbers} page-number lines left out"
                        + (f" ({wrapped.running_heads} lines printed again at the top of a page too)" if wrapped.running_heads else "")
                        + spans)
    text = "\n".join(p.text for p in wrapped.paragraphs)
    return SourceText(source=info, text=text, blocks=_paragraph_blocks(wrapped.paragraphs), warnings=warnings)


def _paragraph_blocks(paragraphs: list[Paragraph]) -> list[Block]:
    """One block per non-blank paragraph of a reflowed text (:mod:`.reflow`), its locator the file's lines."""
    fields: list[dict] = []
    pos = 0
    for p in paragraphs:
        if p.text and not p.text.isspace():
            where = f"line {p.first + 1}" if p.first == p.last else f"lines {p.first + 1}-{p.last + 1}"
            fields.append({"span": {"start": pos, "end": pos + len(p.text)}, "text": p.text, "locator": where})
        pos += len(p.text) + 1
    return _blocks_adapter().validate_python(fields)
