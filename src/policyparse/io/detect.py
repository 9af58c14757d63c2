"""Format detection by content, and the refusal of formats policyparse does not read.

:func:`detect_format` looks at the bytes first (magic numbers, the members of a zip, the
stream names of an OLE2 compound file, the first tag of markup) and uses the file name's
suffix only to break a tie between plain text and HTML. It returns one of the names in
:data:`READABLE` or :data:`UNSUPPORTED`; :func:`ensure_readable` turns an unsupported
name into :class:`~policyparse.errors.UnsupportedFormat` (or ``EncryptedDocument``) whose
message names the format and says what to do with the file.
"""

from __future__ import annotations

import io
import struct
import zipfile
from pathlib import PurePath

from ..errors import EncryptedDocument, UnsupportedFormat
from .limits import ZIP_ERRORS

READABLE = ("txt", "html", "docx", "pdf", "ofd")
UNSUPPORTED = (
    "doc", "wps", "rtf", "xls", "xlsx", "ppt", "pptx", "odt", "zip", "ole2", "encrypted-ooxml",
    "png", "jpeg", "gif", "tiff", "bmp", "webp",
)  # fmt: skip

_CONVERT = "libreoffice --headless --convert-to docx FILE"
_HINTS = {
    "doc": f"Word 97-2003 .doc is not read; convert it first: `{_CONVERT}`",
    "wps": f"Kingsoft WPS .wps is not read; save it as .docx in WPS Office or convert it: `{_CONVERT}`",
    "rtf": f"RTF is not read; convert it first: `{_CONVERT}`",
    "odt": f"OpenDocument text is not read; convert it first: `{_CONVERT}`",
    "xls": "spreadsheets are not policy documents policyparse reads; export the sheet as PDF or HTML",
    "xlsx": "spreadsheets are not policy documents policyparse reads; export the sheet as PDF or HTML",
    "ppt": "presentations are not read; export them as PDF",
    "pptx": "presentations are not read; export them as PDF",
    "zip": "a zip archive that is neither .docx nor .ofd; unpack it and parse the documents inside",
    "ole2": f"an OLE2 compound file of unknown kind; if it is a Word/WPS file convert it: `{_CONVERT}`",
    "encrypted-ooxml": "a password-protected Office document; remove the password in Word/WPS and save again",
}
_IMAGE_HINT = "an image has no text layer; run OCR first (e.g. `ocrmypdf -l chi_sim FILE out.pdf`) and parse the PDF"

_NAMES = {
    "doc": "Word 97-2003 document (.doc)",
    "wps": "Kingsoft WPS document (.wps)",
    "ofd": "OFD document (GB/T 33190)",
    "rtf": "RTF document",
    "odt": "OpenDocument text (.odt)",
    "xls": "Excel 97-2003 workbook (.xls)",
    "xlsx": "Excel workbook (.xlsx)",
    "ppt": "PowerPoint 97-2003 presentation (.ppt)",
    "pptx": "PowerPoint presentation (.pptx)",
    "zip": "zip archive",
    "ole2": "OLE2 compound file",
    "encrypted-ooxml": "encrypted Office document",
}

_HTML_TAGS = frozenset(
    "html head body div p table tbody thead tr td th span section article main header nav meta title "
    "h1 h2 h3 h4 h5 h6 ul ol li center font strong b a br link style script form".split()
)
_HTML_SUFFIXES = frozenset({".html", ".htm", ".shtml", ".xhtml", ".jsp", ".asp", ".aspx", ".php"})
_OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def detect_format(data: bytes, *, path: str | None = None) -> str:
    """Name the format of ``data`` ('pdf', 'docx', 'html', 'txt', 'doc', 'wps', 'ofd', 'png' …).

    Magic bytes decide binary formats whatever the suffix says; between 'txt' and 'html' the
    first markup tag decides and the suffix (.html, .htm …) only settles text without one.
    """
    head = data[:2048]
    if b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return _zip_kind(data)
    if head.startswith(_OLE2_MAGIC):
        return _ole2_kind(data)
    image = _image_kind(head)
    if image:
        return image
    if head.startswith(b"{\\rtf"):
        return "rtf"
    if _looks_like_html(head):
        return "html"
    if path and PurePath(path).suffix.lower() in _HTML_SUFFIXES and b"<" in head:
        return "html"
    return "txt"


def looks_like_html_text(text: str) -> bool:
    """The same markup test as :func:`detect_format`, for an already decoded string."""
    return _looks_like_html(text[:2048].encode("utf-8", "replace"))


def ensure_readable(fmt: str, *, path: str | None = None) -> None:
    """Raise a typed error for a format policyparse does not read; return for a readable one."""
    if fmt in READABLE:
        return
    if fmt == "encrypted-ooxml":
        raise EncryptedDocument("password-protected Office document (encrypted OOXML package)", path=path, hint=_HINTS[fmt])
    if fmt in ("png", "jpeg", "gif", "tiff", "bmp", "webp"):
        raise UnsupportedFormat(f"{fmt.upper()} image, not a text document", path=path, hint=_IMAGE_HINT)
    name = _NAMES.get(fmt, fmt)
    raise UnsupportedFormat(f"{name} is not a supported input", path=path, hint=_HINTS.get(fmt))


def suffix_format(path: str | None) -> str | None:
    """The format a file name's suffix promises, or None when it promises nothing we know."""
    if not path:
        return None
    suffix = PurePath(path).suffix.lower()
    if suffix in _HTML_SUFFIXES:
        return "html"
    table = {".txt": "txt", ".text": "txt", ".docx": "docx", ".pdf": "pdf", ".doc": "doc", ".wps": "wps",
             ".ofd": "ofd", ".rtf": "rtf", ".png": "png", ".jpg": "jpeg", ".jpeg": "jpeg", ".gif": "gif",
             ".tif": "tiff", ".tiff": "tiff"}  # fmt: skip
    return table.get(suffix)


def _zip_kind(data: bytes) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            content_types = b""
            if "[Content_Types].xml" in names and archive.getinfo("[Content_Types].xml").file_size < 1_000_000:
                content_types = archive.read("[Content_Types].xml")
    except ZIP_ERRORS:
        return "docx" if b"word/" in data[:4096] else "zip"
    if "word/document.xml" in names or b"wordprocessingml.document" in content_types:
        return "docx"
    if "OFD.xml" in names or any(n.lower() == "ofd.xml" for n in names):
        return "ofd"
    if "xl/workbook.xml" in names:
        return "xlsx"
    if "ppt/presentation.xml" in names:
        return "pptx"
    if "mimetype" in names and "content.xml" in names:
        return "odt"
    return "zip"


def _ole2_kind(data: bytes) -> str:
    names = ole2_stream_names(data)
    lowered = {n.lower() for n in names}
    if {"encryptedpackage", "encryptioninfo"} & lowered:
        return "encrypted-ooxml"
    if "wpscustomdata" in lowered or "wpsdocument" in lowered:
        return "wps"
    if "worddocument" in lowered:
        return "doc"
    if "workbook" in lowered or "book" in lowered:
        return "xls"
    if "powerpoint document" in lowered:
        return "ppt"
    return "ole2"


def ole2_stream_names(data: bytes) -> list[str]:
    """Names in the directory of an OLE2 (Compound File Binary) container, in directory order.

    Reads the header, follows the FAT chain of the directory stream and decodes each
    128-byte entry's UTF-16LE name. A damaged container falls back to a scan of the bytes
    for the stream names this module looks for.
    """
    try:
        return _cfb_directory(data)
    except (struct.error, ValueError, IndexError):
        wanted = ("WordDocument", "WpsCustomData", "EncryptedPackage", "EncryptionInfo", "Workbook", "PowerPoint Document")
        return [n for n in wanted if n.encode("utf-16-le") in data]


def _cfb_directory(data: bytes) -> list[str]:
    if not data.startswith(_OLE2_MAGIC) or len(data) < 512:
        raise ValueError("not an OLE2 container")
    shift = struct.unpack_from("<H", data, 0x1E)[0]
    if shift not in (9, 12):
        raise ValueError("bad sector shift")
    size = 1 << shift
    n_fat = struct.unpack_from("<I", data, 0x2C)[0]
    dir_start = struct.unpack_from("<I", data, 0x30)[0]
    fat_sectors = [s for s in struct.unpack_from("<109I", data, 0x4C)[: min(n_fat, 109)]]
    fat: list[int] = []
    for sid in fat_sectors:
        offset = (sid + 1) * size
        if offset + size > len(data):
            raise ValueError("FAT sector outside the file")
        fat.extend(struct.unpack_from(f"<{size // 4}I", data, offset))
    names: list[str] = []
    sid = dir_start
    seen: set[int] = set()
    while sid < 0xFFFFFFFA and sid not in seen and len(seen) < 10_000:
        seen.add(sid)
        offset = (sid + 1) * size
        if offset + size > len(data):
            raise ValueError("directory sector outside the file")
        for entry in range(offset, offset + size, 128):
            length = struct.unpack_from("<H", data, entry + 0x40)[0]
            kind = data[entry + 0x42]
            if kind in (1, 2, 5) and 2 <= length <= 64:
                names.append(data[entry : entry + length - 2].decode("utf-16-le", "replace"))
        sid = fat[sid]
    if not names:
        raise ValueError("empty directory")
    return names


def _image_kind(head: bytes) -> str | None:
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith((b"GIF87a", b"GIF89a")):
        return "gif"
    if head.startswith((b"II*\x00", b"MM\x00*")):
        return "tiff"
    if head.startswith(b"RIFF") and head[8:12] == b"WEBP":
        return "webp"
    if head.startswith(b"BM") and len(head) >= 26 and head[6:10] == b"\x00\x00\x00\x00" and head[14] in (12, 40, 108, 124):
        return "bmp"
    return None


def _looks_like_html(head: bytes) -> bool:
    """True when the first non-blank content is a markup tag that HTML knows (or a doctype)."""
    text = head.lstrip(b"\xef\xbb\xbf").lstrip()
    lowered = text[:1024].lower()
    if lowered.startswith(b"<!doctype html") or lowered.startswith(b"<html"):
        return True
    if lowered.startswith(b"<?xml"):
        return b"<html" in lowered
    # skip leading comments (<!-- … -->) before the first tag
    while lowered.startswith(b"<!--"):
        end = lowered.find(b"-->")
        if end < 0:
            return False
        lowered = lowered[end + 3 :].lstrip()
    if not lowered.startswith(b"<"):
        return False
    name = bytearray()
    for byte in lowered[1:20]:
        if chr(byte).isalnum():
            name.append(byte)
        else:
            break
    return name.decode("ascii", "replace") in _HTML_TAGS


__all__ = ["READABLE", "UNSUPPORTED", "detect_format", "ensure_readable", "looks_like_html_text", "ole2_stream_names",
           "suffix_format"]  # fmt: skip
