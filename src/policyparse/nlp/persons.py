"""Person names: normalization (``陈 飞`` → ``陈飞``) and a conservative person test.

``looks_like_person`` is meant for short standalone strings (table cells, the value after
``联系人：``), not for finding names in running text. It accepts 2–4 CJK characters that begin
with a surname of ``data/surnames.txt`` (4 characters only with a compound surname), are not a
unit name, hold none of the function characters and organ words listed below, and are not a
common word of jieba's bundled dictionary (a word there with a non-person tag and a frequency
of at least ``COMMON_WORD_MIN_FREQ``: 金额, 时间, 单位 …). Without jieba the last check is skipped.
"""

from __future__ import annotations

import os
import re
import threading
from functools import lru_cache

from ..normalize import squeeze
from .lexicon import data_path

__all__ = ["COMMON_WORD_MIN_FREQ", "looks_like_person", "normalize_person", "surnames"]

COMMON_WORD_MIN_FREQ = 20
_CJK_NAME = re.compile(r"^[\u3400-\u9fff·]{2,6}$")
# characters that do not occur in personal names of the documents we read, but do in table words
_NOT_IN_NAMES = set("的与及等是在了对将把被从者所而并或个年日号省市县区镇乡部委局厅处室司办病症癌瘤")
_PERSON_TAGS = {"nr", "nrfg", "nrt"}


def normalize_person(s: str) -> str:
    """``陈 飞`` → ``陈飞``: padding between CJK characters and enclosing whitespace removed, widths folded."""
    value = squeeze(s)
    joined = value.replace(" ", "")
    return joined if _cjk_only(joined) else value


def _cjk_only(s: str) -> bool:
    return bool(s) and all("\u3400" <= ch <= "\u9fff" or ch == "·" for ch in s)


@lru_cache(maxsize=1)
def surnames() -> tuple[frozenset[str], frozenset[str]]:
    """``(single-character surnames, compound surnames)`` from ``data/surnames.txt``."""
    single: set[str] = set()
    compound: set[str] = set()
    for line in data_path("surnames.txt").read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        (single if len(line) == 1 else compound).add(line)
    return frozenset(single), frozenset(compound)


_COMMON: dict[str, frozenset[str]] = {}
_LOCK = threading.Lock()


def _common_words() -> frozenset[str]:
    """2–4 character words of jieba's dictionary that are not person names (empty without jieba)."""
    words = _COMMON.get("jieba")
    if words is not None:
        return words
    with _LOCK:
        words = _COMMON.get("jieba")
        if words is None:
            words = frozenset(_read_jieba_common())
            _COMMON["jieba"] = words
    return words


def _read_jieba_common() -> set[str]:
    import importlib.util

    spec = importlib.util.find_spec("jieba")
    if spec is None or not spec.submodule_search_locations:
        return set()
    path = os.path.join(list(spec.submodule_search_locations)[0], "dict.txt")
    if not os.path.exists(path):
        return set()
    single, compound = surnames()
    with open(path, encoding="utf-8") as fh:
        text = fh.read()
    # one regex pass over the file (a line is ``word freq tag``) keeps the 2-4 character words that open with a
    # surname, are frequent enough and are not tagged as names, in a third of the time of a loop over its lines
    firsts = "".join(sorted(single | {c[0] for c in compound}))
    tags = "|".join(sorted(_PERSON_TAGS, key=len, reverse=True))
    line = re.compile(rf"^([{re.escape(firsts)}]\S{{1,3}}) (\d+) (?!(?:{tags})$)\S+$", re.M)
    return {w for w, freq in line.findall(text)
            if (w[0] in single or w[:2] in compound) and int(freq) >= COMMON_WORD_MIN_FREQ}


def looks_like_person(s: str) -> bool:
    """True when ``s`` (after :func:`normalize_person`) can be a personal name; see the module docstring."""
    name = normalize_person(s)
    if not _CJK_NAME.match(name) or "·" in name:
        return False
    if not 2 <= len(name) <= 4:
        return False
    single, compound = surnames()
    has_compound = name[:2] in compound and len(name) >= 3
    if len(name) == 4 and not has_compound:
        return False
    if not has_compound and name[0] not in single:
        return False
    if any(ch in _NOT_IN_NAMES for ch in name[1:]):
        return False
    from .units import is_collective, is_unit

    if is_unit(name) or is_collective(name):
        return False
    return name not in _common_words()
