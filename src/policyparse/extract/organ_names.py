"""Which names in a list are organs: the tests a running-text assignment or a duty line asks of the units it opens with.

* :func:`specific_organ` — a named organ: in the unit lexicon, named by a regular rule, a regional short form, a named
  place's government or a body named by a stem of its own (the ``named`` endings of ``data/vocabulary.json``), or an
  organ of the document's own government named without its region;
* :func:`sector_department` — a department named by its sector (公安部门), or several sectors named together;
* :func:`names_organs` — a list whose first name is such an organ and whose later names are organs too, or organs and
  classes the first one's level word serves (市建委、交委、各区外经贸局).

Kept apart from :mod:`.assignments` (the sentences) so that :mod:`.heading_units` (the duty lines) asks the same
tests without importing the sentence reader.
"""

from __future__ import annotations

import re

from ..nlp import is_collective as nlp_collective
from ..vocabulary import level_words, organ_ending_alternation
from .unit_lists import LEVEL_OPENINGS, _role_table, level_served, regular_name

__all__ = ["ALIAS", "LEVEL_ENDS", "names_organs", "sector_department", "specific_organ"]

#: an organ's other name in brackets after it (市发展改革委（市能源局）)
ALIAS = re.compile(r"（[^（）]{2,12}）$")
LEVEL_ENDS = "".join(level_words("place_end"))  # a collective of places (各县、区) ends in a level word

#: a named place's government (…区人民政府, not 地方人民政府 / 上级人民政府), or a body named by a stem of its own (a zone's
#: 管委会, a company, a college: the ``named`` endings of ``data/vocabulary.json``)
_NAMED_LOCAL = re.compile(rf"(?![这那是也都就要在对为由将把被该其])(?:[\u4e00-\u9fff]{{2,8}}[{LEVEL_ENDS}镇乡](?:人民)?政府|"
                          r"[\u4e00-\u9fff]{2,16}" + organ_ending_alternation("named") + ")")
_UNPREFIXED = re.compile(r"[\u4e00-\u9fff]{1,14}" + organ_ending_alternation("unprefixed"))


def specific_organ(name: str, region: tuple[str | None, str | None] = (None, None)) -> bool:
    """A named organ: in the unit lexicon, named by a regular organ-name rule (人民银行福建省分行), or a
    regional short form (省财政厅, 市金融办; 省供销社 in a document of a province's issuer)."""
    from ..nlp import is_collective, load_lexicon

    if (alias := ALIAS.search(name)) is not None and alias.start() > 0:
        name = name[: alias.start()]  # 县住建局（城管局）, 市发展改革委（市能源局）: the organ before its other name
    if regular_name(name, region):
        return True
    if _NAMED_LOCAL.fullmatch(name) and not name.startswith(("有关", "相关", "所在", "属地")) and "各" not in name:
        return True  # 泉港区人民政府, 武进国家高新区管委会, 国网泉州供电公司: a place's own government, body or company
    # an organ of the document's own government named without its region (政府督查室, 监察局): a strong organ
    # ending after a stem of its own, not a collective (各…) nor a generic word (有关部门, 审核机构)
    return (bool(_UNPREFIXED.fullmatch(name)) and name not in _role_table()[1] and not is_collective(name)
            and not name.startswith(("各", "有关", "相关")) and not name.endswith(load_lexicon().rules.non_unit_endings))


#: a department named by its sector (公安部门, 城市市容和环境卫生行政管理部门): in a duty list of a 通告 or a 职责分工 it
#: names the local organ of that sector; not a class of every or some department (各部门, 有关部门, 主管部门), nor
#: one named with a level (区民政部门 in a city's document: every district's; 市政部门 is the municipal-works sector)
_SECTOR_CLASS = re.compile(r"^(?!其他|其它|职能|责任|牵头|配合|主管|业务|行业|属地|上级|下级|同级|本级|地方|所在|成员|涉及|部分|条线|条块|综合|"
                           r"行政部门|政府部门|管理部门|负责|[省区县州镇乡]|市(?!场|容|政(?!府)))"
                           r"[\u4e00-\u9fff]{2,16}(?:（[\u4e00-\u9fff]{1,6}）)?部门$")  # 交通（车管）部门: the sector's office in brackets
_CLASS_WORDS = re.compile(r"各|有关|相关|级")  # 各部门, 区级有关部门: a class of departments, not one sector's


#: 公安、应急、市场监管等部门 / 商务、供销、市场监管部门: the sectors listed, one department each, named together
_SECTOR_LIST = re.compile(r"^(?:[\u4e00-\u9fff]{2,8}[、和])+[\u4e00-\u9fff]{2,8}等?部门$")


def sector_department(name: str, region: tuple[str | None, str | None] = (None, None)) -> bool:
    """A department named by its sector (``_SECTOR_CLASS``, ``_SECTOR_LIST``); with 市 before it (市交通部门) only where
    the city is the document's own level: a city's document, or one whose issuer names no region (a city's news). In a
    province's document 市交通部门 is every city's."""
    if _SECTOR_LIST.match(name):
        return not _CLASS_WORDS.search(name) and all(_SECTOR_CLASS.match(part + "部门") for part in re.split("[、和]", name[:-2].rstrip("等")))
    if name.startswith("市") and not _SECTOR_CLASS.match(name) and (region[1] is not None or region[0] is None):
        name = name[1:]  # 市文物旅游部门 in 邹城's report: the city's own
    return bool(_SECTOR_CLASS.match(name)) and not _CLASS_WORDS.search(name) and name not in _role_table()[1]


def names_organs(names: list[str], region: tuple[str | None, str | None], sectors: bool) -> bool:
    """Whether a list opening a sentence names organs: each a named organ (or, with ``sectors``, a department named by
    its sector); after a first organ written with its level (市建委、交委、经贸委…) the organs the level word serves too
    (unit-like names without one) and classes of governments or organs (各区、县级市外经贸局) that the list adds."""
    def named(n: str) -> bool:
        return specific_organ(n, region) or sectors and sector_department(n, region)

    if not names or not named(names[0]):
        return False
    return all(named(n) or level_served(names[0], n) or names[0].startswith(LEVEL_OPENINGS) and nlp_collective(n)
               for n in names[1:])
