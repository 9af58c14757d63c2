"""The shared words of 公文, read once from ``data/vocabulary.json``.

Input: nothing (the versioned data file shipped in the package). Output: frozen word lists and
ready-made regular-expression alternations that every stage asks instead of spelling the words
again. Knowledge of the language of 公文 lives in the data file; this module only loads and
shapes it. A word added there reaches the envelope, the transmittal detection, the repeal and
effective-date clauses at once.

The module is a leaf like :mod:`policyparse.model`: it imports only the standard library, so
every layer may use it.

Contracts:

* ``KINDS``: every kind word with its ``family`` (``gongwen`` | ``plan`` | ``rule`` | …), whether
  it can end a title and name the document's 文种 (``title_end``), whether a document calls
  itself ``本<word>`` (``self_reference``), and the kind it reports (``kind``: ``实施方案`` is a
  ``方案``).
* ``ORGAN_ENDINGS``: every ending of an organ or unit name, each once; :func:`organ_endings`
  gives the endings of one use (``signing``, ``cited``, ``listed``, ``recipient``, ``task_unit``,
  ``regional``, ``unit_name``: ``ORGAN_ENDING_USES``) and :func:`organ_ending_alternation` the
  same as a regex alternation that honours each word's ``not_after`` (``(?<!试验)区``).
* :func:`alternation` joins words longest first, so a regex alternative never stops at a
  shorter word that begins a longer one (``实施细则`` before ``细则``).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

__all__ = [
    "HEADER_EVENT_VERBS", "ISSUE_DAY_VERBS", "KINDS", "Kind", "LEVEL_USES", "LEVEL_WORDS", "MEETING", "MEETING_KINDS", "MEETING_NUMBER", "MEETING_SUFFIX", "ORGAN_ENDINGS", "ORGAN_ENDING_USES", "PERSON_POSTS", "PUBLICATION_VERBS", "REPEAL_VERBS", "SELF_REFERENCE_WORDS", "SUSPENSION_VERBS",
    "TITLE_KIND_WORDS", "TRANSMITTAL_COVER_KINDS", "TRANSMITTAL_VERBS", "VERSION", "alternation", "kind_of",
    "kind_family", "level_words", "organ_ending_alternation", "organ_endings",
]  # fmt: skip


@dataclass(frozen=True)
class Kind:
    word: str
    family: str
    title_end: bool
    self_reference: bool
    kind: str  # the kind reported for a title ending in ``word``


@cache
def _data() -> dict[str, Any]:
    text = resources.files("policyparse").joinpath("data", "vocabulary.json").read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    families = set(data["families"])
    seen: set[str] = set()
    for rec in data["document_kinds"]:
        if rec["word"] in seen:
            raise ValueError(f"vocabulary.json: kind {rec['word']!r} is defined twice")
        if rec["family"] not in families:
            raise ValueError(f"vocabulary.json: kind {rec['word']!r} has unknown family {rec['family']!r}")
        seen.add(rec["word"])
    uses = {u for u in data["organ_endings"]["uses"] if not u.startswith("_")}
    endings: set[str] = set()
    for rec in data["organ_endings"]["words"]:
        if rec["word"] in endings:
            raise ValueError(f"vocabulary.json: organ ending {rec['word']!r} is defined twice")
        if not rec["uses"] or not set(rec["uses"]) <= uses:
            raise ValueError(f"vocabulary.json: organ ending {rec['word']!r} has no use or an unknown one: {rec['uses']}")
        endings.add(rec["word"])
    return data


@cache
def lead_rule_cues() -> tuple[str, ...]:
    """The cue words of ``data/lead_rules.jsonl`` (牵头, 主办, 不分先后 …): a text without one declares no lead rule and
    names no lead. Read here, beside the vocabulary, because the outline (a heading's bracketed note) and the lead
    rules both test for them."""
    head = resources.files("policyparse").joinpath("data", "lead_rules.jsonl").read_text(encoding="utf-8").split("\n", 1)[0]
    return tuple(json.loads(head)["_meta"]["cues"])


def alternation(words: tuple[str, ...] | list[str] | frozenset[str]) -> str:
    """A non-capturing regex alternation of ``words``, longest first (ties in a stable order)."""
    ordered = sorted(set(words), key=lambda w: (-len(w), w))
    return "(?:" + "|".join(re.escape(w) for w in ordered) + ")"


VERSION: str = _data()["_meta"]["version"]
KINDS: tuple[Kind, ...] = tuple(
    Kind(word=r["word"], family=r["family"], title_end=r["title_end"], self_reference=r["self_reference"],
         kind=r.get("kind", r["word"]))  # fmt: skip
    for r in _data()["document_kinds"]
)
_BY_WORD = {k.word: k for k in KINDS}
#: words that can end a title and name its 文种
TITLE_KIND_WORDS: tuple[str, ...] = tuple(k.word for k in KINDS if k.title_end)
#: words a document uses to name itself after 本 (本通知, 本办法 …)
SELF_REFERENCE_WORDS: tuple[str, ...] = tuple(k.word for k in KINDS if k.self_reference)
PUBLICATION_VERBS: tuple[str, ...] = tuple(_data()["publication_verbs"])
TRANSMITTAL_VERBS: tuple[str, ...] = tuple(_data()["transmittal_verbs"])
#: posts of persons (省长, 副秘书长, 局长): a person's post, never a unit, whether a name follows or not
PERSON_POSTS: tuple[str, ...] = tuple(_data()["person_posts"])
#: what a meeting of an organ is called before 会议 (常务, 专题 …): a statute adopted at one, a 纪要 recording one
MEETING_KINDS: tuple[str, ...] = tuple(_data()["meeting_kinds"])
#: regex sources: a meeting (常务会议, 会议) after its organ's name; 第三十次常务会议 closing an organ's name in a header
#: event or a citation, the meeting, not the organ
MEETING: str = "(?:" + "|".join(map(re.escape, MEETING_KINDS)) + ")?会议"
MEETING_NUMBER: str = "第[一二三四五六七八九十百0-9]+次"
MEETING_SUFFIX: str = MEETING_NUMBER + MEETING + "$"
#: verbs of the day a document is issued: 自印发之日起, 发布之日
ISSUE_DAY_VERBS: tuple[str, ...] = tuple(_data()["issue_day_verbs"])
TRANSMITTAL_COVER_KINDS: tuple[str, ...] = tuple(_data()["transmittal_cover_kinds"])
REPEAL_VERBS: tuple[str, ...] = tuple(_data()["repeal_verbs"])
SUSPENSION_VERBS: tuple[str, ...] = tuple(_data()["suspension_verbs"])
#: verb -> kind of header event (通过 -> adopted, 第一次修正 -> amended, 施行 -> effective …)
HEADER_EVENT_VERBS: dict[str, str] = {
    verb: kind for kind, verbs in _data()["header_events"].items() if not kind.startswith("_") for verb in verbs
}

#: every ending of an organ or unit name (办公厅, 人民政府, 委, 局 …), longest first
ORGAN_ENDINGS: tuple[str, ...] = tuple(
    sorted((r["word"] for r in _data()["organ_endings"]["words"]), key=lambda w: (-len(w), w))
)
#: the stages' uses of organ endings, each documented in vocabulary.json and docs/vocabulary.md
ORGAN_ENDING_USES: tuple[str, ...] = tuple(u for u in _data()["organ_endings"]["uses"] if not u.startswith("_"))
_ENDING_USES: dict[str, frozenset[str]] = {r["word"]: frozenset(r["uses"]) for r in _data()["organ_endings"]["words"]}
_NOT_AFTER: dict[str, tuple[str, ...]] = {
    r["word"]: tuple(r["not_after"]) for r in _data()["organ_endings"]["words"] if r.get("not_after")
}


def organ_endings(use: str) -> tuple[str, ...]:
    """The organ-name endings of one use, longest first; ``ValueError`` for a use the data lacks."""
    if use not in ORGAN_ENDING_USES:
        raise ValueError(f"unknown organ-ending use {use!r}; known: {', '.join(ORGAN_ENDING_USES)}")
    return tuple(w for w in ORGAN_ENDINGS if use in _ENDING_USES[w])



#: the uses of the words of administrative levels, each documented in vocabulary.json and docs/vocabulary.md
LEVEL_USES: tuple[str, ...] = tuple(u for u in _data()["administrative_levels"]["uses"] if not u.startswith("_"))
#: every word of an administrative level (省, 自治区, 县级市, 街道 …, and classes: 乡镇, 县区), longest first
LEVEL_WORDS: tuple[str, ...] = tuple(
    sorted((r["word"] for r in _data()["administrative_levels"]["words"]), key=lambda w: (-len(w), w))
)
_LEVEL_USES_OF: dict[str, frozenset[str]] = {r["word"]: frozenset(r["uses"]) for r in _data()["administrative_levels"]["words"]}


def level_words(use: str) -> tuple[str, ...]:
    """The administrative-level words of one use, longest first; ``ValueError`` for a use the data lacks."""
    if use not in LEVEL_USES:
        raise ValueError(f"unknown level-word use {use!r}; known: {', '.join(LEVEL_USES)}")
    return tuple(w for w in LEVEL_WORDS if use in _LEVEL_USES_OF[w])


def organ_ending_alternation(use: str) -> str:
    """:func:`alternation` of the endings of ``use``, each word with a negative lookbehind for the
    words it must not follow (``(?<!试验)区``). Not anchored: callers add ``$`` or ``^…$``."""
    words = organ_endings(use)
    parts = []
    for w in words:  # already longest first
        guard = "".join(f"(?<!{re.escape(x)})" for x in _NOT_AFTER.get(w, ()))
        parts.append(guard + re.escape(w))
    return "(?:" + "|".join(parts) + ")"


def kind_of(word: str) -> str | None:
    """The kind reported for a title ending in ``word`` (``实施细则`` → ``细则``), or None."""
    k = _BY_WORD.get(word)
    return k.kind if k else None


def kind_family(word: str | None) -> str | None:
    """The family of a kind word (``通知`` → ``gongwen``), or None for an unknown word."""
    k = _BY_WORD.get(word or "")
    return k.family if k else None
