"""Unit names: canonicalization, regions, unit tests and unit-list splitting.

All functions are pure and need no NLP package; ``split_units`` can take a segmenter as an
extra guard. Offsets are half-open ``[start, end)`` character offsets into the string passed
in (folding is length-preserving, so they are offsets into the caller's text).

How a name is canonicalized (``canonicalize``), first match wins:

1. ``lexicon``: the name is a canonical name or a global short form in ``units.jsonl``, or a
   short form scoped to the document's region (``省发展改革委`` in a Hunan document);
2. ``rule``: a regular regional form, either written with its region (``湖南省科技厅``,
   ``中共湖南省委宣传部``) or with a bare prefix resolved from the issuer's region (``省X厅`` →
   ``湖南省X厅``, ``市X局`` → ``广州市X局``; the stem table expands ``科技厅`` → ``科学技术厅`` …),
   or a branch of a national organ (``人民银行X中心支行`` → ``中国人民银行X中心支行``);
3. ``unknown``: anything else, including a prefixed form whose region is not known. The name
   is never guessed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from typing import TYPE_CHECKING, Literal

from ..caches import text_cache
from ..normalize import fold, is_cjk, squeeze
from ..vocabulary import ORGAN_ENDINGS, level_words
from .lexicon import Lexicon, load_lexicon

if TYPE_CHECKING:  # pragma: no cover
    from .segment import Segmenter

__all__ = ["canonicalize", "find_units", "is_collective", "is_unit", "region_of", "split_units"]

How = Literal["lexicon", "rule", "unknown"]

_CJK = "\u3400-\u9fff\uf900-\ufaff"
_NAME_OK = re.compile(rf"^[{_CJK}0-9A-Za-z（）()、·]+$")
_PARTY = re.compile(r"^(?:中共|中国共产党)")


def clean_name(name: str) -> str:
    """The name as compared: folded, padding removed, ``等`` and enclosing whitespace dropped."""
    n = squeeze(name).replace(" ", "")
    n = re.sub(r"等$", "", n)
    return n


# --------------------------------------------------------------------------- canonicalize


def _expand(rest: str, region: str, lex: Lexicon) -> str | None:
    """The full name of regional stem ``rest`` in ``region`` (a full province or city name)."""
    r = lex.rules
    if rest in r.templates:
        return r.templates[rest].format(region=region)
    if r.party_generic.match(rest):
        return r.party_generic_template.format(region=region, rest=rest)
    if rest in r.stems:
        return region + r.stems[rest]
    if rest in r.identity_stems or rest in r.stems.values():
        return region + rest
    if r.generic_regional.match(rest) and not (set(rest) & r.generic_forbidden) and not _is_non_unit(rest, lex):
        return region + rest
    return None


def _prefix_for(region: str, lex: Lexicon) -> str:
    """The bare prefix a document of ``region`` writes: 省 / 自治区 / 市."""
    prov = lex.regions.provinces.get(region)
    if prov is None:
        return "市"
    return {"province": "省", "autonomous-region": "自治区", "municipality": "市"}.get(prov.kind, "省")


def _explicit(n: str, lex: Lexicon) -> tuple[str | None, How] | None:
    """Names that carry their region: 湖南省科技厅, 中共湖南省委组织部, 广州市卫生健康委."""
    body = _PARTY.sub("", n)
    region = lex.regions.match_prefix(body)
    if region is None:
        return None
    rest = body[len(region):]
    if not rest:
        return None
    rec = lex.scoped_forms.get((region, _prefix_for(region, lex) + rest))
    if rec is not None:
        return rec.canonical, "lexicon"
    full = _expand(rest, region, lex)
    if full is None:
        return None
    return full, "rule"


def _branch(n: str, lex: Lexicon) -> str | None:
    """The full name of a national organ's local branch (湖南银保监局, 深圳证监局), also when written in
    full already (中国人民银行大连市分行); its place must be a region (province or city, short or full),
    so 省地方金融监管局 is no branch."""
    for (rx, template, _parent), full in zip(lex.rules.national_branches, _full_branch_forms(lex.rules.national_branches), strict=True):
        m = rx.match(n) or full.match(n)
        if m and _is_place(m.groupdict().get("place"), lex):
            return template.format(**m.groupdict())
    return None


@lru_cache(maxsize=4)
def _full_branch_forms(branches: tuple[tuple[re.Pattern[str], str, str], ...]) -> tuple[re.Pattern[str], ...]:
    """Each branch rule's template as a pattern (中国人民银行{place}{kind} with the rule's own groups)."""
    out = []
    for rx, template, _parent in branches:
        groups = dict(re.findall(r"\(\?P<(\w+)>((?:[^()]|\[[^\]]*\])*)\)", rx.pattern))
        parts = re.split(r"\{(\w+)\}", template)
        body = "".join(re.escape(x) if i % 2 == 0 else f"(?P<{x}>{groups.get(x, '.+?')})" for i, x in enumerate(parts))
        out.append(re.compile(f"^{body}$"))
    return tuple(out)


def _is_place(place: str | None, lex: Lexicon) -> bool:
    if place is None:
        return True
    return lex.regions.province(place) is not None or lex.regions.city(place) is not None


def canonicalize(name: str, *, province: str | None = None, city: str | None = None) -> tuple[str | None, How]:
    """``(canonical full name or None, how)`` for a unit name as written.

    ``province`` / ``city`` are the document's region (from :func:`region_of` on its issuers);
    short or full names are accepted (湖南 / 湖南省, 广州 / 广州市). ``how`` is ``'lexicon'``,
    ``'rule'`` or ``'unknown'`` (then the canonical name is None: the caller keeps the name as written).
    """
    lex = load_lexicon()
    n = clean_name(name)
    if not n:
        return None, "unknown"
    rec = lex.global_forms.get(n)
    if rec is not None:
        return rec.canonical, "lexicon"
    prov, cty = lex.regions.resolve(province, city)
    for region in (cty, prov):
        if region is not None:
            rec = lex.scoped_forms.get((region, n))
            if rec is not None:
                return rec.canonical, "lexicon"
    explicit = _explicit(n, lex)
    if explicit is not None:
        return explicit
    branch = _branch(n, lex)
    if branch is not None:
        return branch, "rule"
    split = lex.rules.split_prefix(n)
    if split is not None:
        prefix, rest = split
        kind = lex.rules.regional_prefixes[prefix]
        if kind == "province":
            region = prov
        elif kind == "prefecture":
            region = cty if cty and cty.endswith("自治州") else None
        else:
            region = cty
        if region is not None and not (rest.startswith("委") and rest not in lex.rules.templates
                                       and not lex.rules.party_generic.match(rest)):
            full = _expand(rest, region, lex)
            if full is not None:
                return full, "rule"
    return None, "unknown"


# --------------------------------------------------------------------------- regions


def region_of(issuer_names: Iterable[str] | str) -> tuple[str | None, str | None]:
    """``(province, city)`` full names from a document's issuers; ``(None, None)`` for national organs.

    The first issuer that names a region decides; a city also gives its province and a
    municipality (北京市) is both. ``['中共湖南省委办公厅', '湖南省人民政府办公厅']`` →
    ``('湖南省', None)``; ``['广州市人民政府办公厅']`` → ``('广东省', '广州市')``.
    """
    lex = load_lexicon()
    if isinstance(issuer_names, str):
        issuer_names = [issuer_names]
    for raw in issuer_names:
        body = _PARTY.sub("", clean_name(raw))
        region = lex.regions.match_prefix(body)
        if region is None:
            continue
        if region in lex.regions.provinces:
            return lex.regions.resolve(region, None)
        return lex.regions.resolve(None, region)
    return None, None


# --------------------------------------------------------------------------- unit tests


def _is_non_unit(n: str, lex: Lexicon) -> bool:
    return any(n.endswith(w) for w in lex.rules.non_unit_endings)


@text_cache(16384)  # the lexicon is the process's own: a name's answer never changes
def is_collective(name: str) -> bool:
    """True for references to a class of units rather than one unit: 各省级人民政府, 有关部门和单位."""
    n = clean_name(name)
    return bool(n) and any(rx.search(n) for rx in load_lexicon().rules.collective)


#: an organ's name with its other name in brackets after it (one organ under two names)
_WITH_ALIAS = re.compile(r"^(?P<name>[^（）()]{3,30})[（(](?P<alias>[^（）()、，]{3,30})[）)]$")


@text_cache(16384)
def is_unit(name: str) -> bool:
    """True when ``name`` names an organ: a lexicon form, a regular regional form, or a name with an
    organ suffix (部/委/厅/局/办/署/行/会/院/政府/中心 …) and a stem before it. Collectives are not units."""
    lex = load_lexicon()
    n = clean_name(name)
    if (al := _WITH_ALIAS.match(n)) is not None:
        return is_unit(al["name"]) and is_unit(al["alias"])  # 市农业农村局（市乡村振兴局）: an organ and its other name
    if len(n) < 2 or len(n) > 40 or not _NAME_OK.match(n):
        return False
    if n in lex.global_forms or n in lex.scoped_form_set:
        return True
    if is_collective(n) or n in lex.rules.generic_names or lex.rules.not_in_names.search(n):
        return False
    body = _PARTY.sub("", n)
    region = lex.regions.match_prefix(body)
    if region is not None:
        body = body[len(region):]
    else:
        split = lex.rules.split_prefix(body)
        if split is not None:
            body = split[1]
    if body in lex.rules.regional_stems or _branch(n, lex) is not None:
        return True
    if _is_non_unit(n, lex):
        return False
    if len(body) > 24:
        return False
    for suffix in lex.rules.organ_suffixes:
        if body.endswith(suffix):
            return len(body) > len(suffix)
    return False


def _unitish(name: str) -> bool:
    return is_unit(name) or is_collective(name)


# --------------------------------------------------------------------------- splitting


def _protected(t: str, lex: Lexicon) -> list[tuple[int, int]]:
    """Leftmost-longest occurrences of known forms (lexicon forms, prefixed stems, region + stem)."""
    spans = []
    i = 0
    n = len(t)
    while i < n:
        end = lex.trie.longest_at(t, i)
        region = lex.regions.match_prefix(t[i:i + 12])
        if region is not None:
            k = i + len(region)
            stem_end = lex.stem_trie.longest_at(t, k)
            end = max(end, stem_end if stem_end > k else end)
        if end > i:
            spans.append((i, end))
            i = end
        else:
            i += 1
    return spans


_BRACKETED = re.compile(r"[（(〔【\[][^（()）〔〕【】\[\]]{1,12}[）)〕】\]]")


def _bracketed(t: str) -> list[tuple[int, int]]:
    """The spans of short bracketed parts (（市、区）, 〔市、区〕) of ``t``."""
    return [(m.start(), m.end()) for m in _BRACKETED.finditer(t)]


def _inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    return any(s < pos < e for s, e in spans)


def _trim(t: str, s: int, e: int) -> tuple[int, int]:
    while s < e and t[s].isspace():
        s += 1
    while e > s and t[e - 1].isspace():
        e -= 1
    return s, e


def _strip_piece(t: str, s: int, e: int, lex: Lexicon) -> tuple[int, int]:
    """Drop leading noise (由, 负责部门：) and trailing role words / 等 from ``t[s:e]``."""
    r = lex.rules
    s, e = _trim(t, s, e)
    m = r.leading_noise.match(t, s, e)
    if m and m.end() < e:
        s, e = _trim(t, m.end(), e)
    changed = True
    while changed and e > s:
        changed = False
        for rx in (r.role_tail, r.etc_tail):
            m = rx.search(t, s, e)
            if m and m.start() > s and m.end() == e:
                s, e = _trim(t, s, m.start())
                changed = True
    return s, e


@lru_cache(maxsize=4)
def _joiner_firsts(joiners: tuple[str, ...]) -> frozenset[str]:
    return frozenset(j[0] for j in joiners)


def _headless(name: str) -> bool:
    """One character and an organ's ending, the character no level (龙分局 of 延边州生态环境局和龙分局, whose place 和龙 holds
    the joiner): the tail of a name, not a unit after a joiner (省政府 of 省委和省政府 opens with its level and is one)."""
    tail = name[2:] if name[1:2] == "分" else name[1:]  # 分局, 分公司: a branch's ending
    return len(name) >= 2 and tail in ORGAN_ENDINGS and name[0] not in level_words("opening")


def _split_joiners(t: str, s: int, e: int, lex: Lexicon, guards: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Split ``t[s:e]`` on 和/及/与/会同 … where both sides are units (or collectives)."""
    piece = t[s:e]
    if is_unit(piece) and any(ps <= s and e <= pe for ps, pe in guards):
        return [(s, e)]
    firsts = _joiner_firsts(lex.rules.joiners)
    for j in range(s + 1, e - 1):
        if t[j] not in firsts:
            continue  # no joiner starts here: the common case, checked at one lookup
        for joiner in lex.rules.joiners:
            if not t.startswith(joiner, j) or j + len(joiner) >= e:
                continue
            if _inside(j, guards) or _inside(j + len(joiner) - 1, guards):
                continue
            ls, le = _strip_piece(t, s, j, lex)
            rs, re_ = _trim(t, j + len(joiner), e)
            if ls < le and rs < re_ and _unitish(t[ls:le]) and _unitish(t[rs:re_]) and t[rs:re_] not in ORGAN_ENDINGS \
                    and not _headless(t[rs:re_]):
                # 各县（市、区）党委和人民政府: a bare ending after the joiner shares the name before it, no unit of its own
                return [(ls, le), *_split_joiners(t, rs, re_, lex, guards)]
    return [(s, e)]


def split_units(text: str, *, segmenter: Segmenter | None = None) -> list[tuple[str, int, int]]:
    """Split a unit list into ``(name as written, start, end)`` items, offsets into ``text``.

    * separators: ``、，,；;/`` always; whitespace only where every part is a unit
      (``广州市民政局 广州市财政局``, not ``陈 飞``);
    * joiners ``和 及 与 以及 会同 联合`` split only where both sides are units or collectives
      (``省发展改革委和省国资委``), never inside a known name (``工业和信息化部``,
      ``人力资源和社会保障局``, ``住房和城乡建设部``) nor inside a token of ``segmenter`` that
      keeps at least two characters on each side of the joiner;
    * a trailing ``等`` (``等部门``) is dropped; ``等`` before a collective splits
      (``人力资源社会保障部等有关部门和单位`` → 人力资源社会保障部 | 有关部门和单位);
    * leading ``由`` / ``负责部门：`` and trailing role words (``负责``, ``按职责分工负责``,
      ``牵头``) are dropped; the list ends at the first ``负责`` or ``：`` after it.

    Items that are collectives are kept (test them with :func:`is_collective`).
    """
    lex = load_lexicon()
    r = lex.rules
    t = fold(text)
    guards = _protected(t, lex) + _bracketed(t)  # 各县〔市、区〕政府: a 、 inside brackets separates no units
    if segmenter is not None:
        pos = 0
        for tok in segmenter.cut(t):
            start, pos = pos, pos + len(tok)
            if any(tok.find(j, 2, len(tok) - 2) >= 0 for j in r.joiners) and len(tok) >= 5:
                guards.append((start, pos))
    # the list ends at the role word that closes it
    m = r.leading_noise.match(t)
    begin = m.end() if m and "：" in m.group(0) else 0
    end = len(t)
    for mm in re.finditer("负责", t):
        if mm.start() > begin and not _inside(mm.start(), guards):
            end = mm.end()
            break
    # hard separators
    cuts = [begin]
    for i in range(begin, end):
        if t[i] in r.separators and not _inside(i, guards):
            cuts.append(i)
            cuts.append(i + 1)
    cuts.append(end)
    raw = [(cuts[k], cuts[k + 1]) for k in range(0, len(cuts), 2)]
    out: list[tuple[int, int]] = []
    for s, e in raw:
        s, e = _trim(t, s, e)
        if s >= e:
            continue
        if r.list_end.search(t, s, e) and out:
            break
        # 等 before a collective
        parts = []
        m = r.etc_before_collective.search(t, s, e)
        if m and m.start() > s:
            parts = [(s, m.start()), (m.end(), e)]
        else:
            parts = [(s, e)]
        for ps, pe in parts:
            ps, pe = _strip_piece(t, ps, pe, lex)
            if ps >= pe:
                continue
            for ws, we in _split_whitespace(t, ps, pe):
                out.extend(_split_joiners(t, ws, we, lex, guards))
    items = []
    for s, e in out:
        s, e = _strip_piece(t, s, e, lex)
        if s < e:
            items.append((text[s:e], s, e))
    return items


def _split_whitespace(t: str, s: int, e: int) -> list[tuple[int, int]]:
    parts = [(m.start(), m.end()) for m in re.finditer(r"\S+", t[s:e])]
    parts = [(s + a, s + b) for a, b in parts]
    # 县教体局 各相关乡镇政府: organs, or a collective among them, written with a space between
    if len(parts) > 1 and all(is_unit(t[a:b]) or is_collective(t[a:b]) for a, b in parts) and any(
            is_unit(t[a:b]) for a, b in parts):
        return parts
    return [(s, e)]


# --------------------------------------------------------------------------- scanning


_BAD_NEXT = {"部": "门署"}
# two-character forms (国办, 中办, 省委) only stand alone: 全国办理 and 集中办理 hold no organ
_SHORT_OK_PREV = set("、，,；;和及与由同经请（(“ \n\t")
_SHORT_OK_NEXT = set("、，,；;和及与负等牵会印关同联：:）)”。 \n\t")
# a bare regional prefix after these characters is a collective (各市人民政府) or prose (全省, 本市)
_BAD_PREV_FOR_PREFIX = set("各全本该每我其两外分县区乡镇村跨")


@text_cache(4096)
def _canonical_cached(name: str, province: str | None, city: str | None) -> str | None:
    return canonicalize(name, province=province, city=city)[0]


def find_units(text: str, *, province: str | None = None, city: str | None = None) -> list[tuple[int, int, str, str | None]]:
    """Known unit names in running text: ``(start, end, name as written, canonical or None)``.

    Finds lexicon forms, bare-prefixed regional forms (``省发展改革委``) and region-prefixed
    names (``湖南省人民政府办公厅``, ``中共湖南省委办公厅``), leftmost-longest, never inside a
    longer word (``财政部门`` is not 财政部; ``各市人民政府`` is a collective). Organs the
    lexicon and the rules do not know are not found here.
    """
    lex = load_lexicon()
    t = fold(text)
    found = []
    i = 0
    n = len(t)
    while i < n:
        k = i + 2 if t.startswith("中共", i) else i
        end = lex.trie.longest_at(t, i)
        region = lex.regions.match_prefix(t[k:k + 12])
        if region is not None:
            stem_end = lex.stem_trie.longest_at(t, k + len(region))
            if stem_end > k + len(region):
                end = max(end, stem_end)
        if end <= i:
            i += 1
            continue
        nxt = t[end:end + 1]
        bad_next = bool(nxt) and nxt in _BAD_NEXT.get(t[end - 1], "")
        bad_prev = (region is None and i > 0 and t[i - 1] in _BAD_PREV_FOR_PREFIX
                    and lex.rules.split_prefix(t[i:end]) is not None)
        if end - i <= 2:
            p, q = t[i - 1:i], t[end:end + 1]
            if (p and is_cjk(p) and p not in _SHORT_OK_PREV) or (q and is_cjk(q) and q not in _SHORT_OK_NEXT):
                bad_next = True
        if bad_next or bad_prev:
            i += 1
            continue
        name = text[i:end]
        found.append((i, end, name, _canonical_cached(clean_name(name), province, city)))
        i = end
    return found
