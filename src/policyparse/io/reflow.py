"""Plain text whose lines were broken at a fixed width: the lines of each paragraph joined again.

Text copied out of a PDF, or saved from a page of fixed width, breaks every line of a paragraph at the
same width, wherever the page broke it: inside a sentence, a unit's name (``市住房和城乡建设\\n局``) or a
parenthetical. The plain-text reader gives the rules one line per paragraph, as the PDF reader does with
a page's lines (:func:`policyparse.io.pdf._continues`), by the same decisions read from widths instead of
coordinates:

* :func:`wrap_width` — the text is hard-wrapped when many of its lines share one display width (a CJK
  character counts two columns, as a Chinese page shows it) within a few columns (:func:`_slack`), and next to none is
  wider, and most of those full lines end inside a sentence: a text of one line per paragraph has lines of
  every length, and articles of like length each end one. Page-number lines (``—2—``) and a table's rows (bars,
  tabs, or blanks between cells) are left out of the count.
* :func:`reflow` — a line joins the line before it when that line runs to the wrap width, it is not
  indented, and it does not open an item (``五、`` / ``（二）`` / ``3.`` / ``第五条``) after a sentence end. Lines with a
  table's bars, tabs or blanks between cells (two blanks, or one between Chinese cells twice), a line laid out in
  parts (``机关　　　　2025年6月10日印发``), a signature over its date line, the recipients under a title that ends at
  its kind (``…的通知`` above the first indented paragraph), and blank lines are never joined. Page-number lines are left out, as the PDF reader
  leaves out a page's furniture (the reader's warning counts them), so a paragraph reads on across the page break.

The reader's text is then the joined text (evidence spans index it, as they index the PDF reader's text);
each block's ``locator`` names the lines of the file it joins (``lines 12-15``), and the reader warns that it
joined them.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

from ..normalize import parse_doc_number
from ..normalize.numerals import is_date_line
from ..vocabulary import TITLE_KIND_WORDS
from .pdf_lines import HEADING_START, SENTENCE_END, is_page_number, join_lines

#: columns a full line may fall short of the wrap width, at least (:func:`_slack`)
SLACK = 4
#: the narrowest and the widest wrap width read as one (columns): 18 and 50 CJK characters (a 公文 page holds 28 a
#: line, GB/T 9704-2012); a text whose lines cluster at a wider width is one of long paragraphs of like length
MIN_WIDTH, MAX_WIDTH = 36, 100
#: a hard-wrapped text has at least this many content lines, this share of them full, and almost none wider
MIN_LINES, FULL_SHARE, WIDER_SHARE = 8, 0.25, 0.03
#: and at least this share of its full lines end inside a sentence
MID_SENTENCE_SHARE = 0.5
_TABLE_MARKS = ("|", "｜", "\t")
#: a cell, two blanks or more, a cell: a table's row printed with blanks between its cells
_CELL_GAP = re.compile(r"\S[ \u3000]{2,}(?=\S)")
#: three blanks or more inside a line: parts of a line set apart (an imprint's 印发 line, 机关　　　　2025年6月10日印发),
#: wider than a paragraph's indentation of two
_LAID_OUT = re.compile(r"\S[ \u3000]{3,}(?=\S)")
#: one blank between two Chinese cells (柑橘精深加工扩能项目 市农业农村局 市经信局): Chinese prose has none, so two of
#: them make a row of a table printed with single blanks
_CJK_GAP = re.compile(r"(?<=[\u4e00-\u9fff\d）)])[ \u3000](?=[\u4e00-\u9fff\d（(])")
#: an annex's label on a line of its own (附件, 附件2, 附件 3)
_ANNEX_LABEL = re.compile(r"\s*附件\s*[0-9一二三四五六七八九十]*\s*")
#: 第五条 / 第二章 opening a line after a sentence end: a unit of a statute of its own
_ARTICLE = re.compile(r"第[一二三四五六七八九十百零〇\d]{1,6}[条章节编]")


#: a line that is a field of its own (责任单位：…, 牵头单位：…): it closes the item above it
_FIELD_LINE = re.compile(r"[\u4e00-\u9fff]{2,6}(?:单位|部门)[：:]")
#: the most characters the tail of a recipients line broken before its colon holds (…县直各有关单 / 位：)
_RECIPIENTS_TAIL = 12
#: a part's heading (一、…) with no punctuation in it, and the short tail of it a page may break onto the next line
_HEADING_RUN_ON = re.compile(r"[一二三四五六七八九十]+、[^。；：，、,;:]{4,}")
_HEADING_TAIL = re.compile(r"[\u4e00-\u9fff]{1,10}")
#: words that open what follows them and never end a paragraph: a line stopping on one goes on (…市自然资源和规划局要会同 /
#: 市发展和改革委员会将…: a copy that breaks short before a unit's name)
OPENING_WORDS = ("会同", "由", "和", "及", "与", "向", "对", "将", "把", "按照", "根据", "围绕")


def _page_number(line: str) -> bool:
    """A page-number line as the PDF reader knows them (—2—, - 3 -, 第3页, 第 3 页 共 12 页), with its decoration: a
    bare number on a line of its own is a table's serial number as often, and stays."""
    text = line.strip()
    if any(m in text for m in _TABLE_MARKS):
        return False  # 3 | : a bar table's serial cell
    return bool(text) and not text.isdigit() and not (text.isascii() and text.isalpha()) and is_page_number(text)


def columns(line: str) -> int:
    """Display width as a Chinese page shows it: two columns for a wide, full-width or ambiguous character (“ ” — …),
    one for any other."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WFA" else 1 for ch in line)


def _slack(width: int) -> int:
    """Columns a full line may fall short of ``width``: a line of half-width commas, or one that ended before a
    character too wide for what was left of it, is shorter by a few."""
    return max(SLACK, width // 8)  # at most 12 columns, MAX_WIDTH // 8


def _wider(w: int, width: int) -> bool:
    """Whether a line of ``w`` columns is wider than a wrap at ``width``: past it by more than a full line may fall
    short of it (a copy that keeps a name whole runs a line on by a few columns: …东兴边境经济合作区管委会、)."""
    return w > width + _slack(width)


def wrap_width(lines: list[str]) -> int | None:
    """The width the text's lines were broken at, or None when they were not broken at one."""
    content = [line.rstrip() for line in lines if line.strip() and not _page_number(line) and not _table_row(line)]
    if len(content) < MIN_LINES:
        return None
    # a line of more characters than MAX_WIDTH + 1 is wider than any wrap width (a character is a column at least): a
    # text of one line per paragraph has many, and is told by len() alone, before any line's columns are counted
    if sum(1 for line in content if len(line) > MAX_WIDTH + 1) > WIDER_SHARE * len(content):
        return None
    widths = [columns(line) for line in content]
    counts = Counter(w for w in widths if MIN_WIDTH <= w <= MAX_WIDTH)
    if not counts:
        return None
    width = max(counts, key=lambda w: (sum(n for x, n in counts.items() if w - _slack(w) < x <= w), w))
    full_lines = [line for line, w in zip(content, widths, strict=True) if width - _slack(width) < w <= width]
    wider = sum(1 for w in widths if _wider(w, width))
    # the share of full lines among the lines longer than half the width: a notice of short field lines (责任单位：…,
    # 完成时限：…) and headings has few long lines, most of them full
    long_lines = sum(1 for w in widths if w > width // 2)
    if len(full_lines) < max(5, FULL_SHARE * long_lines) or wider > WIDER_SHARE * len(widths):
        return None
    # a page breaks sentences where it must: most of its full lines end inside one (articles of like length all end one)
    # (a closing bracket ends a paragraph as often: an assignment's parenthetical, （市商务局牵头）)
    broken = sum(1 for line in full_lines if line[-1] not in SENTENCE_END and line[-1] not in "）)")
    return width if broken >= MID_SENTENCE_SHARE * len(full_lines) else None


@dataclass(frozen=True)
class Paragraph:
    """The joined text of lines ``first`` … ``last`` (0-based line numbers of the file)."""

    text: str
    first: int
    last: int


def _table_row(line: str) -> bool:
    """A row of a table: cells between bars or tabs, or two gaps of blanks between cells or more."""
    text = line.strip()
    return any(m in line for m in _TABLE_MARKS) or len(_CELL_GAP.findall(text)) >= 2 or len(_CJK_GAP.findall(text)) >= 2


def _joins(prev: str, line: str, width: int, header: bool = False, after: str = "") -> bool:
    """Whether ``line`` goes on with the paragraph that ``prev`` (a line of it) ends; ``header``: the lines are above
    the first indented paragraph (the notice's title, its 发文字号 and recipients); ``after``: the line after ``line``."""
    if not prev.strip() or not line.strip() or _table_row(prev) or _table_row(line):
        return False
    if _LAID_OUT.search(line.strip()) or _LAID_OUT.search(prev.strip()):
        return False  # 井冈山市人民政府办公室　　　　2025年6月10日印发: a line laid out in parts, never prose going on (nor
        # prose it goes on into: 养　　　　前 wrapping a laid-out table's last row, then 抄送：…)
    if is_date_line(after.strip()) and not re.search(r"[，。；：、,.;:]", line):
        return False  # 附件：…分工表 / 枝江市人民政府 / 2025年7月3日: the signature over its date
    if header and prev.rstrip().endswith(TITLE_KIND_WORDS):
        return False  # …行动方案（2025—2027年）的通知 / 各乡镇人民政府，…：: the title ends at its kind, the recipients follow
    opened = prev.count("（") + prev.count("(") > prev.count("）") + prev.count(")")
    if header and prev.rstrip().endswith(("：", ":")) and not opened:
        return False  # 各乡镇人民政府，…各直属机构：: the recipients end their line, the body follows
    if _HEADING_RUN_ON.match(prev.strip()) and _HEADING_TAIL.fullmatch(line.strip()) and HEADING_START.match(after.strip()):
        return True  # 三、实施绿色低碳改造和智能化 / 升级行动 / （一）…: a heading the page broke, its tail before the first item
    # a line that stops inside a sentence (…中心。（县商务局、 / 县交通运输局…）, …业态。（县商务局会同): a copy that keeps a
    # name whole breaks short of the width, or runs past it; a paragraph never ends at 、 or ， or inside a bracket
    if is_date_line(prev.strip()):
        return False  # 　　　　2025年9月22日 right-aligned under the signature (its full-width blanks fill the line): the
        # date closes the signature block, never runs on into the next page's title
    if "，" in prev and "\u4e00" <= prev.rstrip()[-1] <= "\u9fff" and line.rstrip().endswith(("：", ":")) \
            and len(line.strip()) <= _RECIPIENTS_TAIL and "，" not in line and not line[0].isspace():
        return True  # 各乡（镇）人民政府，…，县直各有关单 / 位：: the recipients broken short of the width before their colon
    inside = prev.rstrip()[-1] in "、，," or opened or prev.rstrip().endswith(OPENING_WORDS)
    if not inside and max(columns(prev.rstrip()), 2 * len(prev.strip(" "))) <= width - _slack(width):
        return False  # ends short of the wrap width (in columns, or in characters where a copy counts digits as wide; a
        # right-aligned line's half-width blanks are no characters of it: the signature's date over the next page's title)
    if not inside and _wider(columns(prev.rstrip()), width):
        return False  # wider than the wrap: a line of another layout, not one the page broke
    if line[0].isspace():
        return False  # indented: a paragraph of its own
    if parse_doc_number(line.strip()) is not None:
        return False  # 宿政〔2025〕15号 under a title that filled its line: the header's next field
    # a heading after a sentence's end, or after the parenthetical that closes a task (…余井镇人民政府） / 三、推进…), or after
    # a field line (责任单位：X牵头，Y配合 / 2.建设…: the field closes its item)
    heading = HEADING_START.match(line) or _ARTICLE.match(line)
    return not (heading and (prev.rstrip()[-1] in SENTENCE_END + "）)" or _FIELD_LINE.match(prev.strip())))


@dataclass(frozen=True)
class Reflowed:
    paragraphs: list[Paragraph]
    width: int  # the wrap width, in columns
    joined: int  # line breaks joined
    page_numbers: int  # page-number lines left out
    running_heads: int = 0  # lines printed again at the top of each page, left out (:func:`_running_heads`)


def _unwrapped_annexes(lines: list[str], labels: list[int], width: int, page: list[bool]) -> set[int]:
    """The lines of each annex (from its label line to the next) that holds a line wider than the wrap: an annex of
    another layout (a duty list or a table pasted unbroken), whose lines stay as they are. ``page``: each line's
    page-number flag. Any line past the width counts here, not only one past it by more than the slack (:func:`_wider`):
    an annex whose whole lines run a few columns over the notice's wrap is one pasted from elsewhere."""
    kept: set[int] = set()
    bounds = [*labels, len(lines)]
    for a, b in zip(bounds, bounds[1:], strict=False):
        rows = [x for x in range(a + 1, b) if _table_row(lines[x])]
        widths = [columns(lines[x].rstrip()) for x in range(a + 1, b) if lines[x].strip() and not page[x] and x not in rows]
        over = sum(w > width + 1 for w in widths)
        # …but in an annex of prose (most lines long, no table's rows), one or two lines a column over among many full ones
        # are the same wrap keeping a name whole (…每亩补助。（); not so in a table one cell a line
        long = sum(w > width // 2 for w in widths)
        prose = long >= 0.6 * len(widths) and not rows
        if any(_wider(w, width) for w in widths) or over > (max(2, long // 10) if prose else 0):
            kept.update(range(a, b))
    return kept


def reflow(text: str) -> Reflowed | None:
    """The paragraphs of a hard-wrapped ``text`` (lines separated by ``\\n``), blank lines kept as empty
    paragraphs and page-number lines left out, as the PDF reader leaves out a page's furniture (a paragraph reads on
    across the page break; an annex heading meets its title); None when the text is not hard-wrapped or no line
    joins another."""
    lines = text.split("\n")
    labels = [k for k, line in enumerate(lines) if _ANNEX_LABEL.fullmatch(line)]
    width = wrap_width(lines)
    if width is None and labels:
        # the notice and its plan copied out of a PDF, the annexes pasted from another source (附件1's duty lines and
        # 附件2's table unbroken): the lines before the first annex label alone
        width = wrap_width(lines[: labels[0]])
    if width is None:
        return _bracket_breaks(lines)
    page = [_page_number(line) for line in lines]
    double = _double_spaced(lines)
    heads = _running_heads(lines, page)
    kept = _unwrapped_annexes(lines, labels, width, page)
    page = [p or k in heads for k, p in enumerate(page)]
    out: list[Paragraph] = []
    i, joined, pages = 0, 0, 0
    body = next((k for k, line in enumerate(lines) if line[:1].isspace() and line.strip()), len(lines))
    while i < len(lines):
        if page[i]:  # a page number, in an annex of another layout too (a table laid out over two pages)
            pages, i = pages + 1, i + 1
            continue
        if i in kept:  # an annex of another layout: its lines as they are
            out.append(Paragraph(lines[i], i, i))
            i += 1
            continue
        parts, last = [lines[i]], i
        while last + 1 < len(lines):
            k = last + 1
            while k < len(lines) and (page[k] or not lines[k].strip()):
                k += 1  # a page break inside the paragraph, with the blank lines around its page number
            turned = sum(page[last + 1 : k])
            if not turned and not (double and k == last + 2):
                k = last + 1  # blank lines alone: a paragraph break (in a double-spaced copy, two blank lines or more)
            after = next((x for x in lines[k + 1 : k + 3] if x.strip()), "") if double else (lines[k + 1] if k + 1 < len(lines) else "")
            if k >= len(lines) or k in kept or _ANNEX_LABEL.fullmatch(lines[k]) or not _joins(lines[last], lines[k], width, header=k <= body,
                                                                                         after=after):
                break
            pages += turned
            parts.append(lines[k])
            last = k
        lead = lines[i][: len(lines[i]) - len(lines[i].lstrip())]  # the first line's indentation stays
        out.append(Paragraph(lead + join_lines(parts) if len(parts) > 1 else lines[i], i, last))
        joined += len(parts) - 1
        i = last + 1
    return Reflowed(out, width, joined, pages - len(heads), len(heads)) if joined else None


#: how near its line's end a bracket opens, and how near the next line's start it closes, for a soft line break inside it
_BRACKET_REACH = 40


def _bracket_breaks(lines: list[str]) -> Reflowed | None:
    """The paragraphs of a text that is not hard-wrapped but breaks some lines inside a bracket (a Word copy's soft line
    break: …运输车辆专用停车场和通行路线。（ / 县交通运输局、县公安局）): a line whose last bracket opens near its end and
    stays open goes on with the next line when that line closes it near its start; None when no line so joins. The
    result's ``width`` is 0 (no wrap width)."""
    out: list[Paragraph] = []
    i, joined = 0, 0
    while i < len(lines):
        parts, last = [lines[i]], i
        while last + 1 < len(lines) and _opens_at_end(lines[last]) and _closes_at_start(lines[last + 1]):
            parts.append(lines[last + 1])
            last += 1
        lead = lines[i][: len(lines[i]) - len(lines[i].lstrip())]
        out.append(Paragraph(lead + join_lines(parts) if len(parts) > 1 else lines[i], i, last))
        joined += len(parts) - 1
        i = last + 1
    return Reflowed(out, 0, joined, 0) if joined else None


def _opens_at_end(line: str) -> bool:
    text = line.rstrip()
    at = max(text.rfind("（"), text.rfind("("))
    return at >= 0 and len(text) - at <= _BRACKET_REACH and not re.search(r"[）)]", text[at:])


def _closes_at_start(line: str) -> bool:
    text = line.strip()
    at = min((k for k in (text.find("）"), text.find(")")) if k >= 0), default=-1)
    # not a field of its own (（发布日期：2019年05月31日 / 文号：沪发改规范〔2019〕7号）: a metadata block's next label)
    return (0 <= at <= _BRACKET_REACH and not re.search(r"[（(]", text[:at]) and not HEADING_START.match(text)
            and not re.match(r"[\u4e00-\u9fff]{2,6}[：:]", text))


#: a double-spaced copy: at least this many lines, and this share of them followed by one blank line, then text
DOUBLE_MIN_LINES = 20
DOUBLE_SHARE = 0.9


def _double_spaced(lines: list[str]) -> bool:
    """Whether ``lines`` were copied double-spaced (a blank line after every line, the page's lines wrapped at its width
    all the same): then one blank line is no paragraph break, and the width alone tells where a paragraph ends."""
    content = [k for k, line in enumerate(lines) if line.strip()]
    if len(content) < DOUBLE_MIN_LINES:
        return False
    gaps = [b - a for a, b in zip(content, content[1:], strict=False)]
    return sum(g == 2 for g in gaps) >= DOUBLE_SHARE * len(gaps)


#: an issue of a gazette or a compilation (2025年第3期, 第 12 期)
_ISSUE = re.compile(r"第\s*[0-9一二三四五六七八九十]+\s*期")
#: a head laid out in two parts with blanks between (中阳县人民政府办公室　　中政办发〔2025〕31号): a page's header bar, which
#: a 版头 line (one organ's mark, or the number alone) never is
_LAID_OUT_HEAD = re.compile(r"\S[ \u3000]{2,}\S")


def _running_heads(lines: list[str], page: list[bool]) -> set[int]:
    """The lines a page prints above its text again on every page (彭州市人民政府办公室文件, the 版头 of page 1): a line
    that follows a page-number line and is the text's first line or follows two page-number lines or more. Left out
    as the page numbers are; the first page's own 版头 stays, unless the line names an issue (a compilation's or a
    gazette's 2025年第3期, which no 版头 prints) or is laid out in two parts (an organ and its number, blanks between)."""
    after: dict[str, list[int]] = {}
    for k in range(len(lines)):
        if page[k]:
            j = next((x for x in range(k + 1, len(lines)) if lines[x].strip()), None)
            if j is not None and not page[j]:
                after.setdefault(lines[j].strip(), []).append(j)
    first = next((line.strip() for line in lines if line.strip()), "")
    heads = {j for text, at in after.items() if len(at) >= 2 or text == first and len(text) <= 30 for j in at}
    # 五寨县人民政府办公室文件汇编　　2025年第3期, 某某市人民政府公报 2025年第3期: a head naming a gazette's or a
    # compilation's issue, or laid out in two parts, is no 版头, on the first page either (a 发文字号 printed again on
    # every page stays there)
    bars = {text for text, at in after.items() if len(at) >= 2 and (_ISSUE.search(text) or _LAID_OUT_HEAD.search(text))}
    return heads | {k for k, line in enumerate(lines) if not page[k] and line.strip() in bars} if bars else heads
