"""A document copied with the web page around it: where the document starts among the page's furniture and where it
ends before the page's downloads, links and footer.

A page copy opens with the browser title, navigation, breadcrumbs, the portal's metadata block and even the site's
footer, then the title again (:func:`document_start`); after the document it prints the files it offers (附件下载：,
….pdf), links to other notices (相关文章, then their titles) and its footer (:func:`after_the_document`). Split from
:mod:`.segment`, which reads the document between them.
"""

from __future__ import annotations

import re

from ..normalize import find_doc_numbers, squeeze
from ..normalize.numerals import is_date_line
from .envelope import (
    _MARK,
    _ORDER_NO,
    _TITLE_NUMBER,
    find_title,
    looks_like_organs,
    meta_lines,
)
from .events import header_block_end
from .furniture import BULLET, is_chrome_line
from .lines import Line

#: the extension of a file a portal offers for download, closing its name (…协议.doc)
FILE_EXT = re.compile(r"\.(?:docx?|wps|pdf|xlsx?|et|ofd|zip|rar)$", re.IGNORECASE)


#: the label a portal prints over the files it offers for download
DOWNLOADS = re.compile(r"^(?:附件下载|下载附件|相关附件|附件列表|相关下载)\s*[：:]?$")


CHROME_SCAN = 80


def document_start(lines: list[Line], hi: int) -> int:
    """Where the document begins in text copied from a web page.

    A page copy often opens with the browser title (``标题_网站名``, ``栏目丨标题``), navigation, breadcrumbs,
    the portal's metadata block (``文件标题：…``, or its values as a bullet list) and even the site's footer,
    then the title again: the document starts at the last repeat of a title seen in the first lines (a title
    over two lines is compared joined). Without such a repeat, the first title after page furniture starts
    it when its 发文字号 or 主送 line follows within three lines (furniture between them not counted), or when
    three or more furniture lines stand before it. Text without either starts where it starts.
    """
    seen: dict[str, int] = {}
    by_opening: dict[str, list[str]] = {}  # the keys seen, by their first two characters
    start = 0
    for i in range(min(hi, CHROME_SCAN)):
        t = lines[i].text
        head = squeeze(t)
        # a repeat opens with what an earlier line held (the whole title, or its first line)
        # (not a date: 成文日期 / 2025年3月28日 in the metadata block, then the signature's date)
        could_repeat = len(head) >= 2 and any(key.startswith(head) for key in by_opening.get(head[:2], ())) \
            and not is_date_line(t)
        for key in _title_keys(t, first=i < 3):
            if key not in seen:
                seen[key] = i
                by_opening.setdefault(key[:2], []).append(key)
        tt = find_title(lines, i, hi) if could_repeat else None
        if tt is None:
            continue
        joined = squeeze("".join(lines[k].text for k in range(tt[0], tt[1])))
        earlier = [seen[k] for k in {squeeze(t), joined} if len(k) >= 6 and seen.get(k, i) < i
                   and not _inside_title(lines, seen[k], hi)]
        if earlier and not _under_own_header(lines, min(earlier), i, hi):
            # a page title, then the order that promulgates the document (江西省人民政府令 / 第250号 / …现予公布 / 省长
            # 签名 / 日期), then the document's title again: the order is the document, the repeat is what it encloses
            order = _order_heading(lines, min(earlier) + 1, i)
            start = order if order is not None else i
    if start:
        return start
    furniture = 0
    meta_end = 0  # the lines of a metadata block's entries (索引号 / 003627415/2025-00213: a label over its value)
    for i in range(min(hi, CHROME_SCAN)):
        t = lines[i].text
        if _is_furniture(t) or i < meta_end:
            furniture += 1
            continue
        if (n := meta_lines(lines, i, hi)) and furniture:
            if i > meta_end and (above := _title_above(lines, i, hi)) is not None:
                return above  # a page's title, then its metadata block (索引号 …): the title opens the document
            furniture, meta_end = furniture + 1, i + n
            continue
        if t.strip().endswith("：") and t.count("：") == 1 and len(t) > 8 or "。" in t and len(t) > 30:
            break  # the text has begun (a 主送 line, a sentence): no title after it starts the document
        tt = find_title(lines, i, hi) if i and furniture >= 2 else None
        if tt is None:
            continue
        after = [k for k in range(tt[1], min(hi, tt[1] + 8)) if not _is_furniture(lines[k].text)][:3]
        follow = [lines[k].text for k in after]
        if furniture >= 3 or any(find_doc_numbers(f) and len(f) <= 30 for f in follow) or any(
                f.endswith("：") and len(f) < 300 for f in follow) or any(meta_lines(lines, k, hi) for k in after):
            return _own_title_below(lines, i, tt, hi)
    return 0


def _title_above(lines: list[Line], i: int, hi: int) -> int | None:
    """The first line of a title that ends just above line ``i`` (page furniture between them aside), after a line of
    the page's furniture; None when none does."""
    k = i - 1
    while k > 0 and _is_furniture(lines[k].text):
        k -= 1
    for a in range(max(1, k - 3), k + 1):
        if _is_furniture(lines[a - 1].text) and (tt := find_title(lines, a, hi)) is not None and tt[1] == k + 1:
            return a
    return None


def _inside_title(lines: list[Line], k: int, hi: int) -> bool:
    """Whether line ``k`` is a middle or last line of a ``关于…`` title that opens on one of the three lines above it
    (某市人民政府办公室关于印发 / 某某行动计划 / （2025—2027年）的通知: the plan's name inside the notice's title is no page
    title of its own; a page's label line, 标题 over its value, opens no such title)."""
    return "关于" not in lines[k].text and any(
        "关于" in lines[a].text and (tt := find_title(lines, a, hi)) is not None and tt[0] < k < tt[1]
        for a in range(max(0, k - 3), k))


def _order_heading(lines: list[Line], lo: int, hi: int) -> int | None:
    """The line of an order's heading (``…令`` over ``第N号``) in ``[lo, hi)``, if one stands there."""
    for k in range(lo, hi - 1):
        m = _MARK.match(lines[k].text.strip())
        if m and m.group(2) == "令" and _ORDER_NO.match(lines[k + 1].text.strip()):
            return k
    return None


def _own_title_below(lines: list[Line], i: int, tt: tuple[int, int], hi: int) -> int:
    """A page's heading printed with the number in brackets (关于…的通知(发改能源规〔2020〕816号)) may stand above the
    document's own title (国家发展改革委 国家能源局关于…的通知): the document starts at that title when one follows."""
    joined = squeeze("".join(lines[k].text for k in range(tt[0], tt[1])))
    nm = _TITLE_NUMBER.search(joined)
    if nm is None:
        return i
    key = joined[: nm.start()]
    for k in range(tt[1], min(hi, tt[1] + 12)):
        own = find_title(lines, k, hi)
        if own is not None and squeeze("".join(lines[x].text for x in range(own[0], own[1]))).endswith(key):
            return k
    return i


#: the browser title's separators (标题_网站名, 政务服务丨标题), bullets of a metadata list, a metadata label
_TITLE_SEPARATORS = re.compile(r"[_丨｜|]")
_META_TITLE = re.compile(r"^(?:文件标题|标\s*题|名\s*称)\s*[：]\s*")
#: a site's footer or navigation copied with the page
#: a site's registration or copyright line, the last lines of a page copied whole
SITE_FOOTER = re.compile(r"ICP备|公网安备|网站标识码|版权所有")
_FOOTER = re.compile(SITE_FOOTER.pattern + r"|^(?:主办|承办|协办)单位\s*[：]|技术支持\s*[：]|^(?:\S{2,8}网\s+){2,}")
_BREADCRUMB = re.compile(r"^[^。，；]{0,40}(?:>|»|›|＞)")


_QUOTED_TITLE = re.compile(r"《(?P<t>[^《》]{6,})》\s*$")
_TRAILING_BRACKET = re.compile(r"\s*[（(][^（）()]{1,12}[）)]\s*$")


def _title_keys(text: str, first: bool) -> list[str]:
    """What a line may print of a title a page repeats: the line, without a metadata label or a bullet, and
    (on the first lines) each part of a browser title."""
    t = _META_TITLE.sub("", BULLET.sub("", text.strip()))
    keys = [squeeze(t)]
    if first:
        keys += [squeeze(x) for x in _TITLE_SEPARATORS.split(t) if x.strip()]
        # 浙政发〔2021〕22号《…的通知》 / …的通知(2017): a page heading that wraps the title or dates it
        keys += [squeeze(m["t"]) for m in _QUOTED_TITLE.finditer(t)] + [squeeze(_TRAILING_BRACKET.sub("", t))]
        words = t.split()
        if len(words) > 1 and not looks_like_organs(" ".join(words[:-1])):
            keys.append(squeeze(words[-1]))  # EHS中国 法规首页 <title>: the title after the site's words (not its issuer's name)
    if "|" in t:  # | 信息名称: | 玄武区人民政府关于…的通知 |: the cells of a metadata table
        keys += [squeeze(x) for x in t.split("|") if x.strip()]
    return [k for k in keys if len(k) >= 6]


def _is_furniture(text: str) -> bool:
    t = text.strip()
    return bool(is_chrome_line(t) or t.startswith(("/", "【", "当前位置", "首页")) or t == "政务公开" or _FOOTER.search(t)
                or _BREADCRUMB.match(t) or BULLET.match(t) and len(t) < 80)


def _under_own_header(lines: list[Line], first: int, again: int, hi: int) -> bool:
    """Whether the title at ``first`` is followed by its header events (dated 通过/公布/修正 lines): a
    statute printing its title again (under the header, or after the decision that amends it) is one
    document, not a page with navigation before it."""
    tt = find_title(lines, first, hi)
    if tt is None or tt[1] >= again:
        return False
    # its header events follow it: the repeat is the statute's own (under the header, or a consolidated text
    # printed after the decision that amends it), not a page's title seen again after navigation
    return header_block_end(lines, tt[1], hi) > tt[1]


def after_the_document(text: str) -> bool:
    """A line a portal prints after a document: its furniture and footer, the files it offers (附件下载： / ….docx), its
    links (相关链接：, 【政策解读】…)."""
    t = text.strip()
    if _is_furniture(t) or DOWNLOADS.match(t) or FILE_EXT.search(t) or LINKS.match(t):
        return True
    # 网站地图 | 联系我们 | 网站声明: a row of the site's short links, one of them furniture
    items = [x.strip() for x in re.split(r"[|｜]", t) if x.strip()]
    return len(items) >= 2 and all(len(x) <= 6 for x in items) and any(is_chrome_line(x) for x in items)


#: the label of the links a portal prints after a document
LINKS = re.compile(r"^(?:相关链接|相关文件|相关文章|相关解读|相关阅读|相关新闻|相关信息|政策解读)\s*[：:]?$")
#: how many lines a portal's list of related notices may run after its label (相关文章, then their titles)
LINKED_TITLES = 12
