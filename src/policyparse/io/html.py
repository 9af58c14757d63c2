"""Portal web pages (HTML) -> SourceText with lxml.html.

Contract:

* The page is parsed with lxml's HTML parser (comments and processing instructions
  dropped, no network); markup is never matched with regular expressions.
* Invisible and non-content elements (script, style, forms controls, ``display:none`` …)
  are dropped. The portal's metadata block (索引号, 发文机关, 成文日期, 发文字号, 主题分类,
  发布日期 … usually a table or list above the article) goes to ``SourceText.metadata``
  keyed by its label and is removed from the text; ``<title>`` and the gov.cn ``<meta>``
  fields (ArticleTitle, PubDate, ContentSource) are kept there as well.
* The article body is the content container: an element with a known id/class
  (UCAP-CONTENT, article-content, info_cont, zoomcon, pages_content, TRS_Editor …), else
  the element holding most paragraph text with few links (text density). Navigation
  chrome outside it is ignored; share/print bars inside it are dropped.
* One paragraph block per ``<p>``/``<div>``/heading/list item and per ``<br>``-separated
  line; runs of ASCII whitespace collapse to one space as a browser does, each NBSP then
  becomes one space (not collapsed), line ends are stripped of ASCII blanks (an
  ideographic-space indent is kept). Images are dropped.
* A ``<table>`` with at least two rows and two columns becomes a table block with
  rowspan/colspan as the markup states them (header: ``<thead>`` rows or leading rows of
  ``<th>``, else inferred); a one-row/one-column or nesting table is layout and its cells are
  read as paragraphs.
* Locators: ``'p[12]'`` = the 12th ``<p>`` inside the content container (document order),
  with ``' line k'`` for the k-th ``<br>``-separated line after the first; tables ``'table[n]'``
  and cells ``'table[n] cell (r,c)'`` with 0-based grid row and column.
"""

from __future__ import annotations

import re
from typing import Any

from ..budget import check
from ..errors import EmptyDocument, InputTooLarge, UnsupportedFormat
from ..model import SourceText
from .assemble import RawCell, RawTable, TextAssembler, cell_text, make_source
from .limits import ReadLimits

KNOWN_CONTAINERS = (
    "ucap-content", "article-content", "article_content", "articlecontent", "info_cont", "zoomcon", "pages_content",
    "trs_editor", "trs_ueditor", "detailcon", "content_article", "custom_unionstyle", "con_text", "zw", "maintext",
    "main-text", "article-body", "artibody", "news_content", "newscontent", "xl_content", "details-content", "view_cont",
)  # fmt: skip
METADATA_LABELS = (
    "索引号", "主题分类", "发文机关", "成文日期", "标题", "发文字号", "发布日期", "文号", "发布机构", "发文单位",
    "公开方式", "有效性", "效力状态", "生效日期", "失效日期", "体裁分类", "组配分类", "主题词", "公开范围", "统一编号",
)  # fmt: skip
CORE_LABELS = frozenset({"索引号", "主题分类", "发文机关", "成文日期", "发文字号", "发布日期", "文号", "发布机构"})
META_FIELDS = ("ArticleTitle", "PubDate", "ContentSource", "ColumnName")

_DROP_TAGS = frozenset(
    "script style noscript template iframe frame object embed svg canvas button select input textarea option "
    "map area audio video source head title meta link img".split()
)
_BLOCK_TAGS = frozenset(
    "p div h1 h2 h3 h4 h5 h6 li ul ol dl dt dd blockquote pre section article header footer nav aside main center "
    "address figure figcaption hr form fieldset legend tr td th caption tbody thead tfoot body html".split()
)
_CHROME = re.compile(
    r"(?:^|[-_])(?:share|bdshare|print|toolbar|tool-bar|breadcrumb|crumb|pagination|pager|related|nav|navbar|"
    r"footer|copyright|qrcode|ewm)(?:$|[-_])",
    re.IGNORECASE,
)
_SPACES = re.compile(r"[ \t\n\r\f]+")
_HIDDEN = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_LABEL_RE = re.compile(
    r"(?:^|\x01)\s*(" + "|".join(r"\s*".join(label) for label in METADATA_LABELS) + r")\s*[:：]?",
)
# any short CJK label ending in a colon at the start of a piece ends the value before it
_ANY_LABEL_RE = re.compile(r"(?:^|\x01)\s*[\u4e00-\u9fff][\u4e00-\u9fff\s\u3000]{0,7}[:：]")


def read_html(data: bytes | str, *, path: str | None = None, limits: ReadLimits | None = None) -> SourceText:
    """Read one HTML page or body fragment (bytes in any declared/detectable encoding, or str)."""
    lim = ReadLimits.resolve(limits)
    if isinstance(data, bytes):
        lim.check_input_bytes(len(data), path=path)
        text, encoding, decode_warnings = _decode(data, path)
        raw = data
    else:
        text, encoding, raw, decode_warnings = data, None, data.encode("utf-8"), []
    lim.check_html_chars(len(text), path=path)
    try:
        import lxml.html
    except ImportError as exc:  # pragma: no cover - a declared dependency
        raise UnsupportedFormat("reading HTML needs lxml", path=path, hint="pip install lxml") from exc
    if not text.strip():
        raise EmptyDocument("the page is empty", path=path)
    parser = lxml.html.HTMLParser(remove_comments=True, remove_pis=True, no_network=True, default_doctype=False)
    markup = text.lstrip("\ufeff \t\r\n")
    if markup.startswith("<?xml"):  # lxml refuses a str that declares an encoding (XHTML prolog)
        markup = markup[markup.find("?>") + 2 :]
    try:
        root = lxml.html.document_fromstring(markup, parser=parser)
    except Exception as exc:  # lxml raises ParserError("Document is empty") and XMLSyntaxError
        _check_depth(parser, path, empty=True)
        raise EmptyDocument(f"no HTML content: {exc}", path=path) from exc
    depth_warning = _check_depth(parser, path, empty=False)

    metadata = _head_metadata(root)
    _drop_invisible(root)
    block, fields = find_metadata_block(root)
    metadata.update(fields)
    if block is not None:
        _remove(block)
    container = find_content_container(root)
    _drop_chrome(container)
    out = TextAssembler(lim, path=path)
    _Walker(container, out).run()
    if not out.text.strip():
        _check_depth(parser, path, empty=True)
    return make_source(out, data=raw, fmt="html", path=path, encoding=encoding, metadata=metadata,
                       warnings=decode_warnings + depth_warning)  # fmt: skip


def _check_depth(parser: Any, path: str | None, *, empty: bool) -> list[str]:
    """libxml2 stops parsing at its nesting limit (256 elements) and keeps what came before.
    With nothing read that is :class:`InputTooLarge` (not an empty page); otherwise a warning."""
    if not any("Excessive depth" in entry.message for entry in parser.error_log):
        return []
    if empty:
        raise InputTooLarge("the page nests elements more than 256 deep; the HTML parser stops there and no text "
                            "came before that point", path=path, budget="html_depth")  # fmt: skip
    return ["the page nests elements more than 256 deep; the text after that point is missing"]


def _decode(data: bytes, path: str | None) -> tuple[str, str, list[str]]:
    """BOM, then the charset the page declares in its first bytes, then the text reader's guesses.
    Returns ``(text, encoding, warnings)``; a warning says how many broken UTF-8 sequences became U+FFFD."""
    from .text import decode_text

    if data.startswith(b"\xef\xbb\xbf"):
        text = data[3:].decode("utf-8", "replace")
        broken = text.count("\ufffd") - data.count("\ufffd".encode())
        notes = [f"{broken} byte sequence(s) are not valid UTF-8 and were replaced by U+FFFD: a damaged file?"] if broken else []
        return text, "utf-8", notes
    declared = re.search(rb"""charset\s*=\s*["']?([A-Za-z0-9_\-]+)""", data[:4096])
    if declared:
        name = declared.group(1).decode("ascii").lower()
        name = "gb18030" if name in ("gb2312", "gbk", "gb_2312-80", "x-gbk") else name
        try:
            return data.decode(name), name, []
        except (LookupError, UnicodeDecodeError):
            pass
    return decode_text(data, path=path)


def _head_metadata(root: Any) -> dict[str, str]:
    meta: dict[str, str] = {}
    title = root.find(".//title")
    if title is not None and (title.text_content() or "").strip():
        meta["page_title"] = cell_text(title.text_content())
    for el in root.iter("meta"):
        name = el.get("name") or ""
        if name in META_FIELDS and (el.get("content") or "").strip():
            meta[name] = cell_text(el.get("content"))
    return meta


def _remove(el: Any) -> None:
    """Remove an element but keep its tail text in the tree."""
    if el.getparent() is not None:
        el.drop_tree()


def _drop_invisible(root: Any) -> None:
    doomed = [el for el in root.iter() if isinstance(el.tag, str) and (
        el.tag.lower() in _DROP_TAGS or el.get("hidden") is not None or _HIDDEN.search(el.get("style") or ""))]  # fmt: skip
    for el in doomed:
        if el.getparent() is not None and el.tag.lower() not in ("html", "body"):
            _remove(el)


def _drop_chrome(container: Any) -> None:
    doomed = []
    for el in container.iter():
        if el is container or not isinstance(el.tag, str):
            continue
        names = " ".join(filter(None, (el.get("id"), el.get("class"))))
        if el.tag.lower() in ("nav",) or any(_CHROME.search(token) for token in names.split()):
            doomed.append(el)
    for el in doomed:
        _remove(el)


# --------------------------------------------------------------------------- metadata


def _tokens(el: Any) -> list[str]:
    return [t.replace("\xa0", " ").strip() for t in el.itertext() if t.strip()]


def parse_metadata_tokens(tokens: list[str]) -> dict[str, str]:
    """Label/value pairs from the text pieces of a metadata block, in order: a known label starts a
    piece (``索 引 号：``) and its value is the rest of that piece or the pieces up to the next
    piece that starts with a label (known or not, e.g. ``分类：``); unknown labels are not kept."""
    stream = "\x01" + "\x01".join(tokens)
    found = list(_LABEL_RE.finditer(stream))
    bounds = sorted({m.start() for m in found} | {m.start() for m in _ANY_LABEL_RE.finditer(stream)})
    fields: dict[str, str] = {}
    for match in found:
        label = re.sub(r"\s+", "", match.group(1))
        end = next((b for b in bounds if b >= match.end()), len(stream))
        value = cell_text(stream[match.end() : end].replace("\x01", " ")).strip(":： ")
        if value and label not in fields:
            fields[label] = value
    return fields


def find_metadata_block(root: Any) -> tuple[Any | None, dict[str, str]]:
    """The smallest table/list/div holding at least two of the core portal labels, and its fields."""
    best: tuple[int, int, Any, dict[str, str]] | None = None
    for el in root.iter("table", "ul", "ol", "dl", "div", "section"):
        text = el.text_content()
        if len(text) > 3000:
            continue
        fields = parse_metadata_tokens(_tokens(el))
        core = len(CORE_LABELS & set(fields))
        if core >= 2:
            key = (core, -len(text))
            if best is None or key > (best[0], best[1]):
                best = (key[0], key[1], el, fields)
    if best is None:
        return None, {}
    return best[2], best[3]


# --------------------------------------------------------------------------- content container


def _names(el: Any) -> list[str]:
    return " ".join(filter(None, (el.get("id"), el.get("class")))).lower().split()


def find_content_container(root: Any) -> Any:
    """The element holding the article body (see the module docstring)."""
    known = [el for el in root.iter() if isinstance(el.tag, str) and any(n in KNOWN_CONTAINERS for n in _names(el))]
    known = [el for el in known if _text_len(el) > 0]
    if known:
        return max(known, key=_text_len)  # ties: the first (outermost) one
    scores: dict[Any, float] = {}
    for el in root.iter("p", "div", "td", "li", "section", "article", "h1", "h2", "h3"):
        own = _direct_text_len(el)
        if own < 10:
            continue
        parent = el.getparent()
        if parent is not None:
            scores[parent] = scores.get(parent, 0.0) + own
            grand = parent.getparent()
            if grand is not None:
                scores[grand] = scores.get(grand, 0.0) + own / 2
    body = root.find("body")
    fallback = body if body is not None else root
    if not scores:
        return fallback
    for el in list(scores):
        scores[el] *= 1.0 - _link_density(el)
    best = max(scores, key=lambda el: scores[el])
    return best if scores[best] > 0 else fallback


def _text_len(el: Any) -> int:
    return len("".join(el.text_content().split()))


def _direct_text_len(el: Any) -> int:
    parts = [el.text or ""] + [child.tail or "" for child in el if isinstance(child.tag, str)]
    parts += [child.text_content() for child in el if isinstance(child.tag, str) and child.tag.lower() in
              ("span", "strong", "b", "font", "em", "i", "u", "a")]  # fmt: skip
    return len("".join("".join(parts).split()))


def _link_density(el: Any) -> float:
    total = _text_len(el)
    if not total:
        return 1.0
    links = sum(_text_len(a) for a in el.iter("a"))
    return min(1.0, links / total)


# --------------------------------------------------------------------------- walking


class _Walker:
    """Turns the container's element tree into paragraph and table blocks."""

    def __init__(self, container: Any, out: TextAssembler) -> None:
        self.container = container
        self.out = out
        self.ordinals: dict[Any, str] = {}
        counts: dict[str, int] = {}
        for el in container.iter():
            if isinstance(el.tag, str):
                tag = el.tag.lower()
                counts[tag] = counts.get(tag, 0) + 1
                self.ordinals[el] = f"{tag}[{counts[tag]}]"
        self.buffer: list[str] = []
        self.owner: list[Any] = [container]
        self.lines_of: dict[Any, int] = {}
        self.pre = 0

    def run(self) -> None:
        self.add_text(self.container.text)
        self.walk(self.container)
        self.flush()

    def add_text(self, text: str | None) -> None:
        if not text:
            return
        if self.pre:
            lines = text.split("\n")
            for i, line in enumerate(lines):
                if i:
                    self.flush()
                self.buffer.append(line)
        else:
            self.buffer.append(_SPACES.sub(" ", text))

    def flush(self) -> None:
        line = _SPACES.sub(" ", "".join(self.buffer)).replace("\xa0", " ").strip(" ")
        self.buffer.clear()
        if not line.strip():
            return
        owner = self.owner[-1]
        n = self.lines_of.get(owner, 0) + 1
        self.lines_of[owner] = n
        locator = self.ordinals.get(owner, owner.tag)
        self.out.add_paragraph(line, locator=locator if n == 1 else f"{locator} line {n}", style=owner.tag.lower())

    def walk(self, el: Any) -> None:
        for child in el:
            if isinstance(child.tag, str):
                self.element(child)
            self.add_text(child.tail)

    def element(self, el: Any) -> None:
        tag = el.tag.lower()
        if tag == "br":
            self.flush()
            return
        if tag == "table":
            self.flush()
            check("HTML tables", path=self.out.path)
            raw = table_to_raw(el, self.out.limits, path=self.out.path)
            if raw is None:
                self.block(el)
            else:
                loc = self.ordinals.get(el, "table")
                self.out.add_table(raw, locator=loc, cell_locator=lambda r, c: f"{loc} cell ({r},{c})")
            return
        if tag in _BLOCK_TAGS:
            self.block(el)
            return
        self.add_text(el.text)  # inline element
        self.walk(el)

    def block(self, el: Any) -> None:
        self.flush()
        self.owner.append(el)
        if el.tag.lower() == "pre":
            self.pre += 1
        self.add_text(el.text)
        self.walk(el)
        self.flush()
        if el.tag.lower() == "pre":
            self.pre -= 1
        self.owner.pop()


def _cell_text(el: Any) -> str:
    """A cell's text with block and line breaks as single spaces (nested tables flattened)."""
    parts: list[str] = []

    def walk(node: Any) -> None:
        if node.text:
            parts.append(node.text)
        for child in node:
            if isinstance(child.tag, str):
                tag = child.tag.lower()
                if tag in _BLOCK_TAGS or tag == "br":
                    parts.append(" ")
                walk(child)
                if tag in _BLOCK_TAGS:
                    parts.append(" ")
            if child.tail:
                parts.append(child.tail)

    walk(el)
    return _SPACES.sub(" ", "".join(parts).replace("\xa0", " ")).strip()


def _span(value: str | None, limit: int) -> int:
    try:
        n = int((value or "1").strip())
    except ValueError:
        return 1
    return limit if n == 0 else max(1, min(n, limit))


def table_to_raw(table: Any, limits: ReadLimits | None = None, *, path: str | None = None) -> RawTable | None:
    """A data table's grid with rowspan/colspan from the markup, or None for a layout table.

    Spans are clamped as browsers do (rowspan to the rows left, colspan to 1000); the grid is
    checked against ``limits.max_table_cells`` before each cell marks the positions it covers,
    so the occupied set never outgrows the budget (TableTooLarge)."""
    lim = limits or ReadLimits()
    if table.find(".//table") is not None:
        return None
    rows = table.xpath("./tr|./thead/tr|./tbody/tr|./tfoot/tr")
    n_rows = len(rows)
    occupied: set[tuple[int, int]] = set()
    cells: list[RawCell] = []
    header_rows = 0
    counting = True
    for r, tr in enumerate(rows):
        tds = tr.xpath("./td|./th")
        in_head = tr.getparent().tag.lower() == "thead" or (tds and all(td.tag.lower() == "th" for td in tds))
        if counting and in_head:
            header_rows += 1
        else:
            counting = False
        c = 0
        for td in tds:
            while (r, c) in occupied:
                c += 1
            rs = _span(td.get("rowspan"), n_rows - r)
            cs = _span(td.get("colspan"), 1000)
            lim.check_table(n_rows, c + cs, path=path)
            cells.append(RawCell(row=r, col=c, raw=_cell_text(td), row_span=rs, col_span=cs))
            for rr in range(r, r + rs):
                for cc in range(c, c + cs):
                    occupied.add((rr, cc))
            c += cs
    n_cols = max((c for _, c in occupied), default=-1) + 1
    if n_rows < 2 or n_cols < 2:
        return None
    return RawTable(n_rows=n_rows, n_cols=n_cols, cells=cells, source="html", n_header_rows=header_rows or None)


__all__ = ["find_content_container", "find_metadata_block", "parse_metadata_tokens", "read_html", "table_to_raw"]
