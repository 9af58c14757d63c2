"""OFD (GB/T 33190) package -> pages: the first two stages of :mod:`policyparse.io.ofd`.

Input: the bytes of an OFD file and the :class:`~policyparse.io.limits.ReadLimits` in force.
Output: an :class:`OfdPackage` (the zip's parts, each parsed once and safely) and an
:class:`OfdDocument` (the first ``DocBody``'s pages in document order, 1-based, each with its
physical box in millimetres and its content parts, template pages first; the ``DocInfo``
element; the signature list's part, or None).

The XML helpers :func:`kids`, :func:`kid` and :func:`child_text` find children by local name
whatever their namespace (producers differ in prefixes and URIs). Errors: not a zip, a missing
or broken part, a DTD or entity declaration -> CorruptDocument; an encrypted member ->
EncryptedDocument; zip bombs and too many pages -> InputTooLarge; no pages -> EmptyDocument.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from dataclasses import dataclass, field
from typing import Any

from ..errors import CorruptDocument, EmptyDocument, EncryptedDocument, InputTooLarge, UnsupportedFormat
from .limits import ZIP_ERRORS, ReadLimits

__all__ = [
    "A4_MM", "OfdDocument", "OfdPackage", "OfdPage", "child_text", "kid", "kids", "local_name", "open_package",
    "package_to_pages", "parse_part",
]  # fmt: skip

A4_MM = (210.0, 297.0)
_DTD = re.compile(rb"<!\s*(?:DOCTYPE|ENTITY)", re.IGNORECASE)


# --------------------------------------------------------------------------- 1. package


class OfdPackage:
    """The zip members of an OFD file, looked up by normalized name (case-insensitive fallback)."""

    def __init__(self, archive: zipfile.ZipFile, *, path: str | None) -> None:
        self.archive = archive
        self.path = path
        self._names: dict[str, str] = {}
        self._lower: dict[str, str] = {}
        self._parsed: dict[str, Any] = {}  # member -> parsed root: a part is parsed once, then shared
        for info in archive.infolist():
            key = info.filename.replace("\\", "/").lstrip("/")
            self._names.setdefault(key, info.filename)
            self._lower.setdefault(key.lower(), info.filename)

    def resolve(self, loc: str, base_dir: str = "") -> str | None:
        """The member a location names: absolute (``/Doc_0/…``) from the package root, relative
        from ``base_dir``; a relative location that is only found from the root is accepted too."""
        loc = (loc or "").strip().replace("\\", "/")
        if not loc:
            return None
        candidates = [loc.lstrip("/")] if loc.startswith("/") else [posixpath.join(base_dir, loc), loc]
        for cand in candidates:
            norm = posixpath.normpath(cand)
            if norm.startswith("../") or norm == "..":
                continue
            if norm in self._names:
                return norm
            if norm.lower() in self._lower:
                return self._lower[norm.lower()].replace("\\", "/").lstrip("/")
        return None

    def read(self, member: str) -> bytes:
        name = self._names.get(member) or self._lower.get(member.lower())
        if name is None:
            raise CorruptDocument(f"the OFD package has no part {member!r}", path=self.path)
        try:
            return self.archive.read(name)
        except RuntimeError as exc:  # an encrypted zip member
            raise EncryptedDocument(f"part {member!r} is encrypted", path=self.path) from exc
        except ZIP_ERRORS as exc:
            raise CorruptDocument(f"broken zip member {member!r}: {exc}", path=self.path) from exc

    def xml(self, member: str) -> Any:
        """The parsed part, parsed once: pages that point at the same content part share one tree."""
        from ..budget import check

        if member not in self._parsed:
            check("OFD parts", path=self.path)
            self._parsed[member] = parse_part(self.read(member), part=member, path=self.path)
        return self._parsed[member]


def open_package(data: bytes, *, path: str | None, limits: ReadLimits) -> OfdPackage:
    """Open the zip and check it against ``limits`` (entries, declared size, ratio) first."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except ZIP_ERRORS as exc:
        raise CorruptDocument(f"not a readable OFD (zip) package: {exc}", path=path) from exc
    try:
        limits.check_zip(archive, path=path)
    except BaseException:
        archive.close()
        raise
    return OfdPackage(archive, path=path)


def parse_part(raw: bytes, *, part: str, path: str | None) -> Any:
    """Parse one XML part safely: a part declaring a DTD or entities is refused
    (CorruptDocument); entities are never resolved, nothing is fetched from the network."""
    try:
        from lxml import etree
    except ImportError as exc:  # pragma: no cover - a declared dependency
        raise UnsupportedFormat("reading OFD needs lxml", path=path, hint="pip install lxml") from exc
    if _DTD.search(raw.replace(b"\x00", b"")):  # NULs removed: UTF-16/32 parts are checked too
        raise CorruptDocument(f"part {part} declares a DTD or entities; refused (OFD parts never need one)", path=path)
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False,
                             dtd_validation=False, remove_comments=True, remove_pis=True)  # fmt: skip
    try:
        root = etree.fromstring(raw, parser)
    except (etree.XMLSyntaxError, ValueError) as exc:
        raise CorruptDocument(f"part {part} is not well-formed XML: {exc}", path=path) from exc
    if root is None or root.getroottree().docinfo.doctype:
        raise CorruptDocument(f"part {part} declares a DTD; refused", path=path)
    return root


def local_name(el: Any) -> str:
    tag = el.tag
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def kids(el: Any, name: str) -> list[Any]:
    """Children named ``name`` whatever their namespace (producers differ in prefixes and URIs)."""
    return [c for c in el if local_name(c) == name] if el is not None else []


def kid(el: Any, *names: str) -> Any:
    for name in names:
        found = kids(el, name)
        if not found:
            return None
        el = found[0]
    return el


def child_text(el: Any, *names: str) -> str:
    found = kid(el, *names)
    return (found.text or "").strip() if found is not None else ""


# --------------------------------------------------------------------------- 2. pages


@dataclass
class OfdPage:
    number: int
    page_id: str
    width_mm: float
    height_mm: float
    contents: list[tuple[str, Any]] = field(default_factory=list)  # (part name, Page element): templates first


@dataclass
class OfdDocument:
    pages: list[OfdPage]
    doc_info: Any
    signatures_part: str | None
    warnings: list[str] = field(default_factory=list)


def _box(value: str | None) -> tuple[float, float] | None:
    """Width and height of an ``x y w h`` box, or None when absent or malformed."""
    try:
        nums = [float(v) for v in (value or "").split()]
    except ValueError:
        return None
    return (nums[2], nums[3]) if len(nums) == 4 and nums[2] > 0 and nums[3] > 0 else None


def package_to_pages(pkg: OfdPackage, limits: ReadLimits) -> OfdDocument:
    """The first document's pages (1-based, document order) with their content and template parts."""
    root_part = pkg.resolve("OFD.xml")
    if root_part is None:
        raise CorruptDocument("the package has no OFD.xml", path=pkg.path)
    ofd = pkg.xml(root_part)
    bodies = kids(ofd, "DocBody")
    if not bodies:
        raise CorruptDocument("OFD.xml has no DocBody", path=pkg.path)
    warnings = [f"the package holds {len(bodies)} documents; only the first is read"] if len(bodies) > 1 else []
    body = bodies[0]
    doc_part = pkg.resolve(child_text(body, "DocRoot"))
    if doc_part is None:
        raise CorruptDocument(f"DocRoot {child_text(body, 'DocRoot')!r} names no part of the package", path=pkg.path)
    document = pkg.xml(doc_part)
    doc_dir = posixpath.dirname(doc_part)
    default = _box(child_text(document, "CommonData", "PageArea", "PhysicalBox")) or A4_MM
    templates: dict[str, str] = {}
    for tpl in kids(kid(document, "CommonData"), "TemplatePage"):
        member = pkg.resolve(tpl.get("BaseLoc", ""), doc_dir)
        if member is not None and tpl.get("ID"):
            templates[tpl.get("ID")] = member
    refs = kids(kid(document, "Pages"), "Page")
    if len(refs) > limits.max_pdf_pages:
        raise InputTooLarge(f"OFD has {len(refs)} pages, above max_pdf_pages={limits.max_pdf_pages}", path=pkg.path,
                            hint="pass limits={'max_pdf_pages': N} to accept longer documents",
                            budget="max_pdf_pages")  # fmt: skip
    pages: list[OfdPage] = []
    for number, ref in enumerate(refs, 1):
        member = pkg.resolve(ref.get("BaseLoc", ""), doc_dir)
        page = OfdPage(number, ref.get("ID", ""), *default)
        pages.append(page)
        if member is None:
            warnings.append(f"page {number}: content {ref.get('BaseLoc')!r} is missing; the page is empty")
            continue
        content = pkg.xml(member)
        size = _box(child_text(content, "Area", "PhysicalBox"))
        if size:
            page.width_mm, page.height_mm = size
        for use in kids(content, "Template"):
            tpl_member = templates.get(use.get("TemplateID", ""))
            if tpl_member is None:
                continue
            page.contents.append((tpl_member, pkg.xml(tpl_member)))
        page.contents.append((member, content))
    if not pages:
        raise EmptyDocument("the OFD document has no pages", path=pkg.path)
    signatures = pkg.resolve(child_text(body, "Signatures"), posixpath.dirname(root_part))
    return OfdDocument(pages, kid(body, "DocInfo"), signatures, warnings)
