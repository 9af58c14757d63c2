"""OFD (GB/T 33190) -> SourceText: the zip package, its XML, text in reading order, seals as metadata.

An OFD file is a zip package. ``OFD.xml`` names, per ``DocBody``, the document root
(``DocRoot`` -> ``Document.xml``) and the signature list (``Signatures``). ``Document.xml``
lists the pages (``Pages/Page@BaseLoc`` -> ``Content.xml``), template pages and the default
page area. A page's ``Content/Layer`` (and nested ``PageBlock``) holds ``TextObject``
elements (``Boundary``, ``Font``, ``Size``, optional ``CTM``/``HScale``) whose ``TextCode``
children carry the Unicode text and the glyph positions (``X``, ``Y`` of the first glyph's
baseline, relative to the object's boundary; ``DeltaX``/``DeltaY`` the advances between
glyphs, ``g N v`` meaning N times v).

:func:`read_ofd` runs small stages in order:

1. ``open_package``: the zip checked against :class:`ReadLimits` before anything is
   inflated; parts parsed by :func:`parse_part` (lxml, entity resolution, DTD loading and
   network off, ``huge_tree`` off; a part declaring a DTD is refused).
2. ``package_to_pages``: the first ``DocBody``'s pages in document order (1-based), each
   with its physical box and the content of its template pages.
3. ``page_to_chars``: every glyph of every upright ``TextObject`` placed on the page, in
   points (1 mm = 72/25.4 pt, top-left origin as in the PDF reader), with its font size.
4. The PDF reader's stages, reused unchanged: ``chars_to_lines`` (visual lines, no space
   between CJK glyphs), ``find_furniture`` (page numbers such as ``— 1 —`` and running
   headers), ``lines_to_paragraphs`` (lines re-joined into paragraphs across line and page breaks).
5. ``signatures_to_metadata``: ``Signatures.xml`` and each ``Signature.xml`` (type, pages of
   the stamp, time, provider, method) and the seal's name read from the GM/T 0031 seal
   structure (``Seal.esl``, else the seal embedded in ``SignedValue.dat``). Seals are never text.

Provenance is the PDF reader's: ``page`` 1-based, ``bbox`` (x0, top, x1, bottom) in points
on that page, ``locator`` 'page P line L'. Not read: ruled tables (their cells come out as
lines of text), annotations, embedded attachments, outlines, any ``DocBody`` after the
first, and rotated or vertical text (counted in a warning).
Errors: not a zip / missing or broken parts -> CorruptDocument; DTD or entity declarations
-> CorruptDocument; zip bombs and too many pages -> InputTooLarge; pages that are only
images -> NoTextLayer; no text -> EmptyDocument.
"""

from __future__ import annotations

import math
import posixpath
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ..errors import EmptyDocument, NoTextLayer
from ..model import SourceText
from .assemble import TextAssembler, cell_text, make_source
from .limits import ReadLimits
from .ofd_package import (
    OfdDocument,
    OfdPackage,
    OfdPage,
    child_text,
    kid,
    kids,
    local_name,
    open_package,
    package_to_pages,
    parse_part,
)
from .pdf import chars_to_lines, find_furniture, lines_to_paragraphs
from .pdf_page import PageContent

MM_TO_PT = 72 / 25.4
ASCENT = 0.86  # share of the font size above the baseline (glyph box top)
DESCENT = 0.14
_OCR_HINT = "run OCR first (e.g. export the OFD as PDF and run `ocrmypdf -l chi_sim in.pdf out.pdf`)"


# --------------------------------------------------------------------------- 3. glyphs


def expand_deltas(spec: str | None, limit: int) -> list[float]:
    """A ``DeltaX``/``DeltaY`` list with ``g N v`` (N times v) expanded; at most ``limit`` values.
    Raises ValueError on a malformed list."""
    tokens = (spec or "").split()
    out: list[float] = []
    i = 0
    while i < len(tokens) and len(out) < limit:
        if tokens[i] == "g":
            if i + 2 >= len(tokens):
                raise ValueError(f"truncated 'g' group in {spec!r}")
            out.extend([float(tokens[i + 2])] * max(0, min(int(tokens[i + 1]), limit - len(out))))
            i += 3
        else:
            out.append(float(tokens[i]))
            i += 1
    return out


def _advance(ch: str, size: float) -> float:
    """Estimated glyph advance: full width for wide (CJK) characters, half for the rest."""
    return size if unicodedata.east_asian_width(ch) in ("W", "F", "A") else 0.5 * size


def _floats(value: str | None, n: int, default: tuple[float, ...]) -> tuple[float, ...]:
    if value is None:
        return default
    nums = tuple(float(v) for v in value.split())
    if len(nums) != n:
        raise ValueError(f"expected {n} numbers, got {value!r}")
    return nums


def text_object_to_chars(obj: Any, page: int) -> list[dict[str, Any]]:
    """The glyphs of one TextObject as character dicts in points (the PDF reader's shape:
    text, x0, x1, top, bottom, size, upright). Raises ValueError on malformed numbers."""
    bx, by, _, _ = _floats(obj.get("Boundary"), 4, (0.0, 0.0, 0.0, 0.0))
    a, b, c, d, e, f = _floats(obj.get("CTM"), 6, (1.0, 0.0, 0.0, 1.0, 0.0, 0.0))
    size = float(obj.get("Size", "0") or 0)
    hscale = float(obj.get("HScale", "1") or 1)
    scale = math.sqrt(abs(a * d - b * c)) or 1.0
    upright = abs(b) < 1e-6 and abs(c) < 1e-6 and a > 0 and d > 0
    upright = upright and obj.get("CharDirection", "0") in ("0", "") and obj.get("ReadDirection", "0") in ("0", "")
    pt_size = size * scale * MM_TO_PT
    chars: list[dict[str, Any]] = []
    x = y = 0.0
    for code in kids(obj, "TextCode"):
        text = code.text or ""
        if not text:
            continue
        x = float(code.get("X")) if code.get("X") is not None else x
        y = float(code.get("Y")) if code.get("Y") is not None else y
        dxs = expand_deltas(code.get("DeltaX"), len(text))
        dys = expand_deltas(code.get("DeltaY"), len(text))
        for i, ch in enumerate(text):
            width = _advance(ch, size) * hscale
            px, py = a * x + c * y + e + bx, b * x + d * y + f + by
            chars.append({"text": ch, "x0": px * MM_TO_PT, "x1": (px + a * width) * MM_TO_PT,
                          "top": (py - d * ASCENT * size) * MM_TO_PT, "bottom": (py + d * DESCENT * size) * MM_TO_PT,
                          "size": pt_size, "upright": upright, "page": page})  # fmt: skip
            x += dxs[i] if i < len(dxs) else (dxs[-1] if dxs else width)
            y += dys[i] if i < len(dys) else (dys[-1] if dys else 0.0)
    return chars


def _walk_objects(el: Any) -> Iterator[Any]:
    """TextObject and ImageObject elements in drawing order, through Layers and nested PageBlocks."""
    for child in el:
        name = local_name(child)
        if name in ("TextObject", "ImageObject"):
            yield child
        elif name in ("Layer", "PageBlock", "Content"):
            yield from _walk_objects(child)


@dataclass
class PageGlyphs:
    chars: list[dict[str, Any]]
    n_images: int
    skipped: int  # rotated or vertical glyphs left out
    broken: int  # text objects with malformed numbers left out


def page_to_chars(page: OfdPage) -> PageGlyphs:
    """Every upright glyph of the page (templates included) with the page's 1-based number."""
    out = PageGlyphs([], 0, 0, 0)
    for _, root in page.contents:
        for obj in _walk_objects(kid(root, "Content")):
            if local_name(obj) == "ImageObject":
                out.n_images += 1
                continue
            try:
                chars = text_object_to_chars(obj, page.number)
            except ValueError:
                out.broken += 1
                continue
            upright = [ch for ch in chars if ch["upright"]]
            out.skipped += sum(1 for ch in chars if not ch["text"].isspace()) - sum(
                1 for ch in upright if not ch["text"].isspace())
            out.chars.extend(upright)
    return out


def _all_page_chars(pages: list[OfdPage], limits: ReadLimits, path: str | None) -> list[PageGlyphs]:
    """``page_to_chars`` of every page under the budgets: the characters of every page's TextCodes
    (each part counted once, then once per page using it) stay within ``max_text_chars``, checked
    before any glyph is built (a thousand pages pointing at one large content part is TextTooLarge,
    not an exhausted memory); the time budget is checked per page."""
    from ..budget import check

    sizes: dict[int, int] = {}  # id(part root) -> characters of its TextCodes, counted once per part
    total = 0
    for page in pages:
        for _, root in page.contents:
            if id(root) not in sizes:
                sizes[id(root)] = sum(len(el.text or "") for el in root.iter() if local_name(el) == "TextCode")
            total += sizes[id(root)]
    limits.check_text_chars(total, path=path)  # before any glyph is built
    out: list[PageGlyphs] = []
    for page in pages:
        check("OFD pages", path=path)
        out.append(page_to_chars(page))
    return out


# --------------------------------------------------------------------------- 5. signatures and seals

_STRING_TAGS = {0x0C: "utf-8", 0x13: "ascii", 0x16: "ascii", 0x1E: "utf-16-be"}


def _der_children(data: bytes, start: int, end: int) -> list[tuple[int, int, int]]:
    """(tag, content start, content end) of the DER items in ``data[start:end]``; ValueError when malformed."""
    items: list[tuple[int, int, int]] = []
    pos = start
    while pos < end:
        if pos + 2 > end:
            raise ValueError("truncated DER item")
        tag, length = data[pos], data[pos + 1]
        if tag & 0x1F == 0x1F:
            raise ValueError("multi-byte DER tag")
        pos += 2
        if length & 0x80:
            n = length & 0x7F
            if n == 0 or n > 4 or pos + n > end:
                raise ValueError("bad DER length")
            length = int.from_bytes(data[pos : pos + n], "big")
            pos += n
        if pos + length > end:
            raise ValueError("DER item runs past its container")
        items.append((tag, pos, pos + length))
        pos += length
    return items


def _der_string(data: bytes, item: tuple[int, int, int]) -> str | None:
    encoding = _STRING_TAGS.get(item[0])
    return data[item[1] : item[2]].decode(encoding, "replace").strip() if encoding else None


def seal_name(data: bytes, *, max_nodes: int = 5000) -> str | None:
    """The seal's name (印章名称) from a GM/T 0031 ``SES_Seal`` or an ``SES_Signature`` that embeds one.

    Searches the DER tree breadth-first for the ``SES_SealInfo`` sequence (its first child is
    the header sequence whose first item is the IA5String ``ES``); the name is the first string
    of its third child (``SES_ESPropertyInfo``), which is where both the 2014 V1 and V4 layouts
    put it. Returns None for anything else, malformed DER included."""
    queue = [(0, len(data), 0)]
    seen = 0
    while queue and seen < max_nodes:
        start, end, depth = queue.pop(0)
        try:
            items = _der_children(data, start, end)
        except ValueError:
            continue
        for tag, cs, ce in items:
            seen += 1
            if not tag & 0x20:
                continue
            try:
                kids = _der_children(data, cs, ce)
                header = _der_children(data, kids[0][1], kids[0][2]) if kids and kids[0][0] == 0x30 else []
                if header and header[0][0] == 0x16 and data[header[0][1] : header[0][2]] == b"ES" and len(kids) >= 3:
                    prop = _der_children(data, kids[2][1], kids[2][2])
                    names = [s for s in (_der_string(data, p) for p in prop) if s]
                    return names[0] if names else None
            except ValueError:
                pass
            if depth < 6:
                queue.append((cs, ce, depth + 1))
    return None


def signatures_to_metadata(pkg: OfdPackage, doc: OfdDocument) -> dict[str, str]:
    """``signatures`` (count), ``seals`` (how many carry a seal) and per signature N (1-based,
    list order) ``signature.N.type``, ``.pages`` (pages of its stamps), ``.datetime``,
    ``.provider``, ``.method`` and ``.signer`` — the seal's name, where the seal states one."""
    meta = {"signatures": "0", "seals": "0"}
    if doc.signatures_part is None:
        return meta
    listing = pkg.xml(doc.signatures_part)
    page_of = {p.page_id: p.number for p in doc.pages if p.page_id}
    base = posixpath.dirname(doc.signatures_part)
    entries = kids(listing, "Signature")
    seals = 0
    for n, entry in enumerate(entries, 1):
        key = f"signature.{n}."
        kind = entry.get("Type") or "Seal"
        meta[key + "type"] = kind
        member = pkg.resolve(entry.get("BaseLoc", ""), base)
        if member is None:
            meta[key + "missing"] = "true"
            seals += kind == "Seal"
            continue
        sig = pkg.xml(member)
        info = kid(sig, "SignedInfo")
        provider = kid(info, "Provider")
        if provider is not None:
            name = provider.get("ProviderName") or child_text(provider, "ProviderName")
            company = provider.get("Company") or child_text(provider, "Company")
            label = " / ".join([name] + ([company] if company and company not in name else [])).strip(" /")
            if label:
                meta[key + "provider"] = cell_text(label)
        for field_name, tag in (("datetime", "SignatureDateTime"), ("method", "SignatureMethod")):
            if child_text(info, tag):
                meta[key + field_name] = child_text(info, tag)
        pages = sorted({page_of[a.get("PageRef")] for a in kids(info, "StampAnnot") if a.get("PageRef") in page_of})
        if pages:
            meta[key + "pages"] = ",".join(str(p) for p in pages)
        sig_dir = posixpath.dirname(member)
        seal_member = pkg.resolve(child_text(info, "Seal", "BaseLoc"), sig_dir)
        value_member = pkg.resolve(child_text(sig, "SignedValue"), sig_dir)
        name = None
        for part in (seal_member, value_member):
            if part is not None and name is None:
                name = seal_name(pkg.read(part))
        if name:
            meta[key + "signer"] = cell_text(name)
        seals += kind == "Seal" or seal_member is not None or name is not None
    meta["signatures"] = str(len(entries))
    meta["seals"] = str(seals)
    return meta


def _doc_info_metadata(info: Any) -> dict[str, str]:
    """Title-like DocInfo fields only; the author and custom data (often personal names) are left out."""
    meta: dict[str, str] = {}
    for key, tag in (("title", "Title"), ("subject", "Subject"), ("abstract", "Abstract"), ("keywords", "Keywords"),
                     ("created", "CreationDate"), ("modified", "ModDate"), ("creator", "Creator")):  # fmt: skip
        value = cell_text(child_text(info, tag))
        if value:
            meta[key] = value
    keywords = [cell_text(k.text or "") for k in kids(kid(info, "Keywords"), "Keyword")]
    if any(keywords):
        meta["keywords"] = "；".join(k for k in keywords if k)
    return meta


# --------------------------------------------------------------------------- the reader


def read_ofd(data: bytes, *, path: str | None = None, limits: ReadLimits | None = None) -> SourceText:
    """Read an OFD file (bytes) into blocks with page/bbox provenance; seals go to ``metadata``.

    Raises CorruptDocument (not a zip, missing or malformed parts, DTD/entity declarations),
    EncryptedDocument, InputTooLarge (zip limits, pages above ``max_pdf_pages``), NoTextLayer
    (pages that are only images), EmptyDocument.
    """
    lim = ReadLimits.resolve(limits)
    lim.check_input_bytes(len(data), path=path)
    pkg = open_package(data, path=path, limits=lim)
    with pkg.archive:
        doc = package_to_pages(pkg, lim)
        glyphs = _all_page_chars(doc.pages, lim, path)
        metadata = _doc_info_metadata(doc.doc_info)
        metadata.update(signatures_to_metadata(pkg, doc))
    warnings = list(doc.warnings)
    pages: list[PageContent] = []
    for page, found in zip(doc.pages, glyphs, strict=True):
        lines = chars_to_lines(found.chars, page.number)
        for i, line in enumerate(lines, 1):
            line.index = i
        n_text = sum(1 for ch in found.chars if not ch["text"].isspace())
        pages.append(PageContent(page.number, page.width_mm * MM_TO_PT, page.height_mm * MM_TO_PT, lines, [], n_text,
                                 found.n_images))  # fmt: skip
        if found.skipped:
            warnings.append(f"page {page.number}: {found.skipped} rotated or vertical characters left out")
        if found.broken:
            warnings.append(f"page {page.number}: {found.broken} text objects with malformed positions left out")
        if not n_text and found.n_images:
            warnings.append(f"page {page.number} has no text layer (scanned page?); its content is missing")
    if not any(p.n_chars for p in pages):
        if any(p.n_images for p in pages):
            raise NoTextLayer("scanned OFD: the pages are images without text", path=path, hint=_OCR_HINT)
        raise EmptyDocument("the OFD holds no text", path=path)
    furniture = find_furniture(pages)
    for content in pages:
        content.lines = [line for line in content.lines if (line.page, line.index) not in furniture]
    out = TextAssembler(lim, path=path)
    lines_to_paragraphs(pages, [], out)
    return make_source(out, data=data, fmt="ofd", path=path, pages=len(pages), metadata=metadata, warnings=warnings)


__all__ = ["MM_TO_PT", "expand_deltas", "open_package", "package_to_pages", "page_to_chars", "parse_part", "read_ofd",
           "seal_name", "signatures_to_metadata", "text_object_to_chars"]  # fmt: skip
