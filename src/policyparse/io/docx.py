"""Word .docx -> SourceText, from the body XML (python-docx opens the package).

Contract:

* Body order: the children of ``w:body`` (through content controls ``w:sdt`` and
  ``w:customXml``) give paragraphs and tables in the order Word shows them. Headers,
  footers (page numbers such as ``— 3 —``), footnotes and comments are not part of the text.
* A paragraph's text is its visible runs: ``w:t``, tabs, symbols-as-text; deleted runs
  (``w:del``), field instructions (``w:instrText``) and the ``mc:Fallback`` copy of drawings
  are skipped. A soft line break (``w:br``/``w:cr``) ends a block, so one Word paragraph may
  give several blocks; page and column breaks are ignored. Text boxes inside a paragraph
  become blocks of their own, placed before the anchoring paragraph's text.
* Automatic numbering (``w:numPr`` on the paragraph or its style) is materialized as the
  label Word would show (``一、``, ``（一）``, ``1.``, ``①`` …) in front of the paragraph text.
* Tables: grid positions from ``w:gridBefore``/``w:gridSpan``; vertical merges from
  ``w:vMerge`` (restart/continue) and legacy ``w:hMerge`` give true ``row_span``/``col_span``;
  leading rows marked ``w:tblHeader`` are the header, otherwise the first row (grown by
  header cells that span down). Nested tables are flattened into their cell's text.
* Provenance: paragraph blocks carry ``locator='paragraph N'`` (N = 1-based index of the
  ``w:p`` among the body's paragraphs, empty ones included), table blocks ``'table N'``
  and cells ``'table N cell (r,c)'`` with 0-based grid row and column.
* Safety: the zip is checked against :class:`ReadLimits` before anything is inflated, and
  parts declaring a DTD are refused; python-docx parses with entity resolution off.
"""

from __future__ import annotations

import io
import zipfile
from typing import Any

from ..errors import CorruptDocument, EncryptedDocument, UnsupportedFormat
from ..model import SourceText
from .assemble import RawCell, RawTable, TextAssembler, make_source
from .limits import ZIP_ERRORS, ReadLimits
from .xml_prolog import declares_dtd

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_T, _TAB, _PTAB, _BR, _CR = W + "t", W + "tab", W + "ptab", W + "br", W + "cr"
_P, _TBL, _TR, _TC, _SDT, _SDTCONTENT, _CUSTOMXML = W + "p", W + "tbl", W + "tr", W + "tc", W + "sdt", W + "sdtContent", W + "customXml"  # fmt: skip
_TXBX = W + "txbxContent"
_VAL = W + "val"
_SKIP = frozenset(W + n for n in ("pPr", "rPr", "del", "moveFrom", "instrText", "delText", "footnoteReference",
                                  "endnoteReference", "commentReference", "annotationRef", "fldData")) | {MC + "Fallback"}  # fmt: skip

# what python-docx raises on a broken package (a missing part, bad XML, a bad zip)
_PACKAGE_ERRORS: tuple[type[BaseException], ...] = (KeyError, SyntaxError, *ZIP_ERRORS)


def read_docx(data: bytes, *, path: str | None = None, limits: ReadLimits | None = None) -> SourceText:
    """Read a .docx (bytes). Raises CorruptDocument, EncryptedDocument, UnsupportedFormat, InputTooLarge."""
    lim = ReadLimits.resolve(limits)
    lim.check_input_bytes(len(data), path=path)
    if data.startswith(b"\xd0\xcf\x11\xe0"):  # OLE2: an encrypted OOXML package or a legacy .doc/.wps
        from .detect import detect_format, ensure_readable

        ensure_readable(detect_format(data, path=path), path=path)
        raise EncryptedDocument("an OLE2 container, not a .docx package", path=path)
    _check_package(data, path=path, limits=lim)
    try:
        import docx  # python-docx
    except ImportError as exc:  # pragma: no cover - a declared dependency
        raise UnsupportedFormat("reading .docx needs python-docx", path=path, hint="pip install python-docx") from exc
    try:
        document = docx.Document(io.BytesIO(data))
    except ValueError as exc:
        raise UnsupportedFormat(f"not a Word document package: {exc}", path=path, hint="save the file as .docx") from exc
    except _PACKAGE_ERRORS as exc:
        raise CorruptDocument(f"broken .docx package: {exc}", path=path) from exc

    part = document.part
    styles = _related_element(part, "styles")
    numbering_el = _related_element(part, "numbering")
    reader = _BodyReader(_Numbering(numbering_el, styles), _style_names(styles), lim, path)
    reader.read_body(document.element.body)
    return make_source(reader.out, data=data, fmt="docx", path=path, metadata=_core_metadata(document))


def _related_element(part: Any, kind: str) -> Any:
    """The root element of the main part's styles/numbering part, or None when there is none."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    try:
        related = part.part_related_by(RT.STYLES if kind == "styles" else RT.NUMBERING)
    except KeyError:
        return None
    return getattr(related, "element", None)


def _check_package(data: bytes, *, path: str | None, limits: ReadLimits) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            limits.check_zip(archive, path=path)
            for info in archive.infolist():
                if info.filename.endswith((".xml", ".rels")) or _looks_like_xml(archive, info):
                    with archive.open(info) as member:
                        refused = declares_dtd(member)
                    if refused:
                        raise CorruptDocument(f"part {info.filename} declares a DTD; refused (OOXML parts never need one)",
                                              path=path)  # fmt: skip
    except zipfile.BadZipFile as exc:
        raise CorruptDocument(f"not a readable zip package: {exc}", path=path) from exc
    except ZIP_ERRORS as exc:  # truncated member, corrupt deflate stream, encrypted zip member
        raise CorruptDocument(f"broken zip member: {exc}", path=path) from exc


def _looks_like_xml(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bool:
    """A member under another name that starts like markup (a part may be named anything its
    relationship points at, e.g. ``word/main.dat``); media and other binaries do not."""
    if info.is_dir() or info.file_size == 0:
        return False
    with archive.open(info) as member:
        head = member.read(64)
    return head.lstrip(b"\xef\xbb\xbf\xff\xfe \t\r\n").startswith(b"<")


def _core_metadata(document: Any) -> dict[str, str]:
    """Title-like core properties only; personal names (author, last editor) are left out."""
    props = document.core_properties
    meta: dict[str, str] = {}
    for key in ("title", "subject", "keywords", "category"):
        value = (getattr(props, key, None) or "").strip()
        if value:
            meta[key] = value
    for key in ("created", "modified"):
        value = getattr(props, key, None)
        if value is not None:
            meta[key] = value.isoformat()
    return meta


def _style_names(styles: Any) -> dict[str, str]:
    names: dict[str, str] = {}
    if styles is None:
        return names
    for style in styles.iter(W + "style"):
        name = style.find(W + "name")
        if name is not None and style.get(W + "styleId"):
            names[style.get(W + "styleId")] = name.get(_VAL, "")
        if style.get(W + "type") == "paragraph" and style.get(W + "default") in ("1", "true"):
            names.setdefault("", name.get(_VAL, "") if name is not None else "")
    return names


class _BodyReader:
    """Walks the body once, feeding a TextAssembler and keeping paragraph/table counters."""

    def __init__(self, numbering: _Numbering, style_names: dict[str, str], limits: ReadLimits | None = None,
                 path: str | None = None) -> None:
        self.numbering = numbering
        self.style_names = style_names
        self.limits = limits or ReadLimits()
        self.path = path
        self.out = TextAssembler(self.limits, path=path)
        self.n_paragraphs = 0
        self.n_tables = 0

    def read_body(self, container: Any) -> None:
        from ..budget import check

        for child in container:
            check(".docx body", path=self.path)
            tag = child.tag
            if tag == _P:
                self.n_paragraphs += 1
                self.paragraph(child, f"paragraph {self.n_paragraphs}")
            elif tag == _TBL:
                self.n_tables += 1
                self.table(child, self.n_tables)
            elif tag == _SDT:
                content = child.find(_SDTCONTENT)
                if content is not None:
                    self.read_body(content)
            elif tag == _CUSTOMXML:
                self.read_body(child)

    def paragraph(self, p: Any, locator: str) -> None:
        lines, boxes = _paragraph_lines(p)
        for box in boxes:  # text boxes anchored here come first
            for child in box:
                if child.tag == _P:
                    sub, _ = _paragraph_lines(child)
                    label = self.numbering.label(child)
                    self._emit(label, sub, child, f"{locator} textbox")
        label = self.numbering.label(p)
        self._emit(label, lines, p, locator)

    def _emit(self, label: str, lines: list[str], p: Any, locator: str) -> None:
        if label and lines and lines[0].strip():
            lines = [_prefix(label, lines[0])] + lines[1:]
        style = self.style_names.get(_pstyle(p) or "", None)
        for line in lines:
            self.out.add_paragraph(line, locator=locator, style=style)

    def table(self, tbl: Any, number: int) -> None:
        raw = self.table_grid(tbl)
        self.out.add_table(raw, locator=f"table {number}", cell_locator=lambda r, c: f"table {number} cell ({r},{c})")

    def table_grid(self, tbl: Any) -> RawTable:
        rows = list(_iter_rows(tbl))
        cover: dict[tuple[int, int], RawCell] = {}
        cells: list[RawCell] = []
        n_cols = len(tbl.findall(f"{W}tblGrid/{W}gridCol"))
        declared = 0
        counting_header = True
        for r, tr in enumerate(rows):
            tr_pr = tr.find(W + "trPr")
            if counting_header and tr_pr is not None and _on(tr_pr.find(W + "tblHeader")):
                declared += 1
            else:
                counting_header = False
            col = self._grid_count(tr_pr, "gridBefore", 0)
            for tc in _iter_cells(tr):
                tc_pr = tc.find(W + "tcPr")
                span = max(1, self._grid_count(tc_pr, "gridSpan", 1))
                self.limits.check_table(len(rows), col + span, path=self.path)  # before covering
                v_merge = tc_pr.find(W + "vMerge") if tc_pr is not None else None
                h_merge = tc_pr.find(W + "hMerge") if tc_pr is not None else None
                text = self.cell_text(tc)
                if h_merge is not None and h_merge.get(_VAL, "continue") == "continue" and (r, col - 1) in cover:
                    origin = cover[(r, col - 1)]
                    origin.col_span = col + span - origin.col
                    target = origin
                elif v_merge is not None and v_merge.get(_VAL, "continue") == "continue" and (r - 1, col) in cover \
                        and cover[(r - 1, col)].col == col:  # fmt: skip
                    target = cover[(r - 1, col)]
                    target.row_span = r - target.row + 1
                else:
                    target = RawCell(row=r, col=col, raw=text, col_span=span)
                    cells.append(target)
                for k in range(col, col + span):
                    cover[(r, k)] = target
                col += span
            n_cols = max(n_cols, col + self._grid_count(tr_pr, "gridAfter", 0))
            self.limits.check_table(len(rows), n_cols, path=self.path)
        return RawTable(n_rows=len(rows), n_cols=n_cols, cells=cells, source="docx", n_header_rows=declared or None)

    def _grid_count(self, parent: Any, name: str, default: int) -> int:
        """``w:gridSpan``/``w:gridBefore``/``w:gridAfter``, checked against ``max_table_span`` before use."""
        n = _int_val(parent, name, default)
        self.limits.check_span(n, what=f"grid columns (w:{name})", path=self.path)
        return n

    def cell_text(self, tc: Any) -> str:
        """All paragraphs of a cell (nested tables included) joined by one space."""
        parts: list[str] = []
        for p in _iter_paragraphs(tc):
            lines, _ = _paragraph_lines(p)
            label = self.numbering.label(p)
            text = " ".join(x.strip(" \t") for x in lines if x.strip())
            if text:
                parts.append(_prefix(label, text) if label else text)
        return " ".join(parts)


def _prefix(label: str, text: str) -> str:
    """Label + text as a typist would write them: ``一、总体要求``, ``1.有序扩大``, ``1. Scope``."""
    text = text.lstrip(" \t")
    if label.endswith(" "):
        label = label.rstrip(" ")
        if text[:1].isascii() and text[:1].isalnum():
            label += " "
    return label + text


def _children(el: Any, tag: str) -> Any:
    """The ``tag`` children of ``el``, looking through content controls (w:sdt, w:customXml)."""
    for child in el:
        if child.tag == tag:
            yield child
        elif child.tag in (_SDT, _CUSTOMXML):
            inner = child.find(_SDTCONTENT) if child.tag == _SDT else child
            if inner is not None:
                yield from (x for x in inner if x.tag == tag)


def _iter_rows(tbl: Any) -> Any:
    return _children(tbl, _TR)


def _iter_cells(tr: Any) -> Any:
    return _children(tr, _TC)


def _iter_paragraphs(container: Any) -> Any:
    """Paragraphs of a cell in order, descending into nested tables and content controls."""
    for child in container:
        if child.tag == _P:
            yield child
        elif child.tag in (_TBL, _TR, _TC, _CUSTOMXML):
            yield from _iter_paragraphs(child)
        elif child.tag == _SDT:
            inner = child.find(_SDTCONTENT)
            if inner is not None:
                yield from _iter_paragraphs(inner)


def _paragraph_lines(p: Any) -> tuple[list[str], list[Any]]:
    """The visible text of a paragraph split at soft line breaks, and its text-box contents."""
    lines: list[list[str]] = [[]]
    boxes: list[Any] = []

    def walk(el: Any) -> None:
        for child in el:
            tag = child.tag
            if not isinstance(tag, str) or tag in _SKIP:
                continue
            if tag == _T:
                lines[-1].append(child.text or "")
            elif tag in (_TAB, _PTAB):
                lines[-1].append("\t")
            elif tag == _BR:
                if child.get(W + "type") in (None, "textWrapping"):
                    lines.append([])
            elif tag == _CR:
                lines.append([])
            elif tag == W + "noBreakHyphen":
                lines[-1].append("-")
            elif tag == _TXBX:
                boxes.append(child)
            else:
                walk(child)

    walk(p)
    return ["".join(parts) for parts in lines], boxes


def _pstyle(p: Any) -> str | None:
    ppr = p.find(W + "pPr")
    if ppr is None:
        return None
    style = ppr.find(W + "pStyle")
    return style.get(_VAL) if style is not None else None


def _on(el: Any) -> bool:
    return el is not None and el.get(_VAL, "true") not in ("0", "false", "off")


def _int_val(parent: Any, name: str, default: int) -> int:
    if parent is None:
        return default
    el = parent.find(W + name)
    if el is None:
        return default
    try:
        return int(el.get(_VAL, default))
    except (TypeError, ValueError):
        return default


# --------------------------------------------------------------------------- numbering

_CN_DIGITS = "零一二三四五六七八九"
_CN_LEGAL = "零壹贰叁肆伍陆柒捌玖"
_TIANGAN = "甲乙丙丁戊己庚辛壬癸"
_DIZHI = "子丑寅卯辰巳午未申酉戌亥"


def chinese_counting(n: int, digits: str = _CN_DIGITS, units: str = "十百千") -> str:
    """1 -> 一, 10 -> 十, 11 -> 十一, 20 -> 二十, 105 -> 一百零五 (numbers up to 9999; larger stay Arabic)."""
    if n <= 0 or n > 9999:
        return str(n)
    parts: list[str] = []
    values = [(1000, units[2]), (100, units[1]), (10, units[0]), (1, "")]
    zero = False
    for value, unit in values:
        d = n // value % 10
        if d == 0:
            zero = bool(parts)
            continue
        if zero:
            parts.append(digits[0])
            zero = False
        if not (value == 10 and d == 1 and not parts):
            parts.append(digits[d])
        parts.append(unit)
    return "".join(parts)


def _roman(n: int) -> str:
    out = []
    for value, sym in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"),
                       (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):  # fmt: skip
        while n >= value:
            out.append(sym)
            n -= value
    return "".join(out)


def format_number(n: int, fmt: str) -> str:
    """A counter value in a ``w:numFmt`` format (decimal, chineseCounting, ideographTraditional …)."""
    if fmt in ("chineseCounting", "chineseCountingThousand", "japaneseCounting", "taiwanCounting",
               "taiwanCountingThousand", "koreanCounting", "ideographLegalTraditional"):  # fmt: skip
        return chinese_counting(n)
    if fmt == "chineseLegalSimplified":
        return chinese_counting(n, _CN_LEGAL, "拾佰仟")
    if fmt in ("ideographDigital", "taiwanDigital", "japaneseDigitalTenThousand"):
        return "".join("〇一二三四五六七八九"[int(d)] for d in str(n))
    if fmt == "ideographTraditional":
        return _TIANGAN[(n - 1) % 10]
    if fmt == "ideographZodiac":
        return _DIZHI[(n - 1) % 12]
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese", "ideographEnclosedCircle"):
        return chr(0x2460 + n - 1) if 1 <= n <= 20 else str(n)
    if fmt == "decimalEnclosedParen":
        return chr(0x2474 + n - 1) if 1 <= n <= 20 else f"({n})"
    if fmt == "decimalEnclosedFullstop":
        return chr(0x2488 + n - 1) if 1 <= n <= 20 else f"{n}."
    if fmt in ("decimalFullWidth", "decimalFullWidth2"):
        return "".join(chr(0xFF10 + int(d)) for d in str(n))
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt in ("lowerLetter", "upperLetter"):
        letter = chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)
        return letter if fmt == "lowerLetter" else letter.upper()
    if fmt in ("lowerRoman", "upperRoman"):
        roman = _roman(n)
        return roman.lower() if fmt == "lowerRoman" else roman
    if fmt == "none":
        return ""
    return str(n)


class _Numbering:
    """Resolves ``w:numPr`` to labels, keeping Word's counters per abstract numbering."""

    def __init__(self, numbering: Any, styles: Any) -> None:
        self.abstract_levels: dict[str, dict[int, Any]] = {}
        self.nums: dict[str, tuple[str, dict[int, int], dict[int, Any]]] = {}
        self.counters: dict[str, list[int | None]] = {}
        self.seen_nums: set[str] = set()
        self.style_numpr: dict[str, tuple[str | None, int | None]] = {}
        if numbering is not None:
            for abstract in numbering.iter(W + "abstractNum"):
                levels = {int(lvl.get(W + "ilvl", "0")): lvl for lvl in abstract.findall(W + "lvl")}
                self.abstract_levels[abstract.get(W + "abstractNumId", "")] = levels
            for num in numbering.iter(W + "num"):
                ref = num.find(W + "abstractNumId")
                starts: dict[int, int] = {}
                lvls: dict[int, Any] = {}
                for override in num.findall(W + "lvlOverride"):
                    ilvl = int(override.get(W + "ilvl", "0"))
                    start = override.find(W + "startOverride")
                    if start is not None:
                        starts[ilvl] = int(start.get(_VAL, "1"))
                    lvl = override.find(W + "lvl")
                    if lvl is not None:
                        lvls[ilvl] = lvl
                self.nums[num.get(W + "numId", "")] = (ref.get(_VAL, "") if ref is not None else "", starts, lvls)
        if styles is not None:
            self._read_style_numbering(styles)

    def _read_style_numbering(self, styles: Any) -> None:
        own: dict[str, tuple[str | None, int | None]] = {}
        based: dict[str, str] = {}
        for style in styles.iter(W + "style"):
            sid = style.get(W + "styleId", "")
            parent = style.find(W + "basedOn")
            if parent is not None:
                based[sid] = parent.get(_VAL, "")
            num_pr = style.find(f"{W}pPr/{W}numPr")
            if num_pr is not None:
                own[sid] = _num_pr(num_pr)
        for sid in set(own) | set(based):
            cur: str | None = sid
            hops = 0
            while cur is not None and hops < 20:
                if cur in own:
                    self.style_numpr[sid] = own[cur]
                    break
                cur = based.get(cur)
                hops += 1

    def label(self, p: Any) -> str:
        """The label Word shows for paragraph ``p`` ('' when it is not numbered); advances counters."""
        if not self.nums:
            return ""
        style = _pstyle(p)
        num_id, ilvl = None, None
        num_pr = p.find(f"{W}pPr/{W}numPr")
        if num_pr is not None:
            num_id, ilvl = _num_pr(num_pr)
        if style and (num_id is None or ilvl is None) and style in self.style_numpr:
            s_num, s_lvl = self.style_numpr[style]
            num_id = num_id if num_id is not None else s_num
            ilvl = ilvl if ilvl is not None else s_lvl
        if num_id is None or num_id == "0" or num_id not in self.nums:
            return ""
        abstract_id, starts, lvl_overrides = self.nums[num_id]
        levels = dict(self.abstract_levels.get(abstract_id, {}))
        levels.update(lvl_overrides)
        if ilvl is None:
            ilvl = next((k for k, lvl in sorted(levels.items()) if style and _child_val(lvl, "pStyle") == style), 0)
        if ilvl not in levels:
            return ""
        counters = self.counters.setdefault(abstract_id, [None] * 10)
        if num_id not in self.seen_nums:
            self.seen_nums.add(num_id)
            for k in starts:
                if 0 <= k < len(counters):
                    counters[k] = None

        def start_of(k: int) -> int:
            if k in starts:
                return starts[k]
            return int(_child_val(levels.get(k), "start") or 0)

        counters[ilvl] = start_of(ilvl) if counters[ilvl] is None else counters[ilvl] + 1  # type: ignore[operator]
        for k in range(ilvl + 1, len(counters)):
            counters[k] = None
        lvl = levels[ilvl]
        fmt = _child_val(lvl, "numFmt") or "decimal"
        text = _child_val(lvl, "lvlText")
        if text is None:
            return ""
        legal = _on(lvl.find(W + "isLgl"))
        for k in range(ilvl, -1, -1):
            marker = f"%{k + 1}"
            if marker in text:
                value = counters[k] if counters[k] is not None else start_of(k)
                k_fmt = "decimal" if legal and k != ilvl else (_child_val(levels.get(k), "numFmt") or "decimal")
                text = text.replace(marker, format_number(value or 0, k_fmt))
        if fmt == "bullet":
            return "" if not text or any(0xE000 <= ord(ch) <= 0xF8FF for ch in text) else text
        suffix = _child_val(lvl, "suff") or "tab"
        if not text or suffix == "nothing" or ord(text[-1]) > 0x7F:
            return text
        return text + " "  # a tab/space separator: kept before Latin text only (see _prefix)


def _num_pr(num_pr: Any) -> tuple[str | None, int | None]:
    num_id = _child_val(num_pr, "numId")
    ilvl = _child_val(num_pr, "ilvl")
    return num_id, (int(ilvl) if ilvl is not None and ilvl.isdigit() else None)


def _child_val(el: Any, name: str) -> str | None:
    if el is None:
        return None
    child = el.find(W + name)
    return child.get(_VAL) if child is not None else None


__all__ = ["chinese_counting", "format_number", "read_docx"]
