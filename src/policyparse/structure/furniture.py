"""Web-page furniture copied along with a document's text: font-size switches, share bars, times, breadcrumbs, a site's
banner and address, a public account's name and its 编辑：/审核： lines.

Split from :mod:`.envelope` (which passes over such lines above the title) so that :mod:`.page` (where a page copy's
document starts and ends), :mod:`.segment` and the field-line reader ask one place whether a line is the page's own.
"""

from __future__ import annotations

import re

from ..vocabulary import organ_ending_alternation

#: an organ's name as it signs, by its ending (市人民政府, 县政府办公室): a line so ending is no account's name
SIGNING_ORGAN_END = re.compile(organ_ending_alternation("signing") + "$")
#: the bullet of a list a page prints its metadata or navigation as (• 五政办规〔2024〕1号, - 发文字号:…)
BULLET = re.compile(r"^\s*[•·●▪■◆\-*]\s*")
# web-page furniture copied along with a document's text (font-size switches, share bars, times)
CHROME = re.compile(
    r"^(?:[|｜>›»/]|Aa|[小中大]|(?:文章)?字[体号]\s*[：].*|(?:信息)?来源\s*[：].*|(?:发布|归档)(?:时间|日期)\s*[：].*|浏览(?:次数|量)?\s*[：].*|"
    r"视力保护色\s*[：].*|页面宽度.*|"
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}(?:\s+[0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?)?|【[^】]{1,6}】.*|【字[体号]\s*[：][^】]*】.*|[\[［]\s*[^\]］]{1,6}\s*[\]］]|"
    r"打印(?:本页)?|关闭(?:窗口)?|"
    r"分享到.*|扫一扫.*|设为首页|工作邮箱|搜索|首页|网站地图|联系我们|简体|繁体|无障碍|长者模式|返回顶部|"
    r"登录|注册|收藏(?:本页)?|下载(?:法规|文件|全文)?|(?:我要|网站)?纠错|条款摘要|欢迎(?:来到|访问).*|热搜\s*[：].*|"
    # a public account's repost: 点击蓝字 关注我们, the account (柏乡发布), 编辑：… 审核：…, 阅读原文
    r"点击(?:蓝字|上方).*|关注我们|阅读原文|(?:责任)?编辑\s*[：].*|审核\s*[：].*|校对\s*[：].*|"
    r"(?:编辑|更新|录入|发稿)?时间\s*[：].*|作者\s*[：].*|当前位置\s*[：].*|[0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?|"
    r"[—－–-]\s*[0-9]{1,4}\s*[—－–-]|"  # —1—: a page number copied from a PDF
    r"[0-9]{1,2}\.\s*(?:首页|信息公开|政务公开|政府信息公开|政策法规|政策文件|通知公告|[^\s]{1,12}\.{3})|"  # 1. 首页: a breadcrumb list
    r"(?:您?当前的?位置|您的位置|首页)\s*[：>»›＞|｜][^。；]{0,100})$"  # 首页> | 政务公开> | …: a breadcrumb
)
#: a site's address or name as a page prints it beside its furniture
_SITE = re.compile(r"(?:https?://)?(?:www\.)?[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/?|[\u4e00-\u9fff]{2,20}(?:门户网站|政府网|网站)")
#: a site's banner on a line of its own: 法搜网--中国法律信息搜索网, 某某市人民政府门户网站, 峨眉山市人民政府网 (a government's
#: site named by its place and organ: 关于加强政府网站 is no banner)
_SITE_BANNER = re.compile(r"[\u4e00-\u9fff]{1,12}网\s*[-—–]{1,2}\s*[\u4e00-\u9fff]{2,20}网|[\u4e00-\u9fff]{2,20}门户网站"
                          r"|[\u4e00-\u9fff]{1,12}?[省市区县州盟旗]人民政府网站?|中国政府网")
#: a public account's name on a line of its own (柏乡发布, 某某融媒): a place, then what the account does
_ACCOUNT = re.compile(r"(?P<place>[\u4e00-\u9fff]{2,6}?)(?:发布|融媒|微讯)")
#: a site's address on a line of its own (www.jinxi.gov.cn, https://…): never a word of the document
_SITE_ADDRESS = re.compile(r"(?:https?://\S+|www\.[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/?\S*)")
_ITEM_DATE = re.compile(r"[0-9]{4}年[0-9]{1,2}月[0-9]{1,2}日|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}")
#: a line of several furniture items side by side (时间：2024-08-27      来源：, 登录 | 注册)
_CHROME_SPLIT = re.compile(r"\s+|\s*[|｜]\s*")


def is_chrome_line(text: str) -> bool:
    """A line of web-page furniture: one item (:data:`CHROME`) or several side by side, each one an item."""
    t = text.strip()
    if CHROME.match(t) or _SITE_BANNER.fullmatch(t) or _SITE_ADDRESS.fullmatch(t):
        return True
    if (account := _ACCOUNT.fullmatch(t)) is not None and not SIGNING_ORGAN_END.search(account["place"]):
        return True  # 柏乡发布 on a line of its own: a public account's name (政务院发布 is an organ's act)
    if " " not in t and "|" not in t and "｜" not in t:
        return False
    items = [x for x in _CHROME_SPLIT.split(t) if x]
    if not items or items == [t]:
        return False
    # 河南省人民政府门户网站 www.henan.gov.cn 2017年09月29日 来源：…: a site's name, address and date beside an item
    strong = [bool(CHROME.match(x) or _SITE.fullmatch(x)) for x in items]
    return any(strong) and all(st or _ITEM_DATE.fullmatch(x) for st, x in zip(strong, items, strict=True))
