"""The grammar of lead rules: ``data/lead_rules.jsonl`` read into patterns, and the search for a rule in a text.

Each rule is a small pattern over word classes (ranking verbs 排/列/名列, first positions 第一/首位, unit nouns, copulas,
lead nouns 牵头单位/主办单位), with the examples it must match; ``data/lead_rule_near_misses.txt`` lists phrases no rule
may match. :func:`match_rule` finds the first rule in a text with one scan for all of them. Split from :mod:`.lead_rules`,
which decides what each declared rule covers and applies it, so that each module stays one reader.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from ..model import LeadRule, Span
from ..normalize.numerals import cn_to_int
from ..vocabulary import SELF_REFERENCE_WORDS, alternation, lead_rule_cues

__all__ = ["RuleSpec", "expand", "rule_file", "match_rule", "near_misses", "rule_specs", "scope_around", "scope_before", "scope_patterns"]


@dataclass(frozen=True)
class RuleSpec:
    id: str
    kind: str
    position: int
    pattern: re.Pattern[str]
    examples: tuple[str, ...]
    partners: bool = False  # names the partners by position (排名第二及以后的为配合单位), the lead left first

    def rule(self, m: re.Match[str], scope: str, scope_text: str | None, declared_in: str | None) -> LeadRule:
        """The rule the match ``m`` of this spec declares, holding over ``scope`` (``scope_text``: its words for it, as
        written; ``declared_in``: the outline path or annex label where it stands)."""
        return LeadRule(kind=self.kind, text=m.group(0), position=self.position, count=self.count(m),
                        scope=scope, scope_text=scope_text, declared_in=declared_in, span=Span(start=m.start(), end=m.end()))

    def count(self, m: re.Match[str]) -> int:
        """How many units from ``position`` on lead: the number its group ``n`` names (排在前两位的: 2), else 1."""
        n = m.group("n") if "n" in self.pattern.groupindex else None
        return (cn_to_int(n) or 1) if n else 1


@lru_cache(maxsize=1)
def rule_file() -> tuple[dict, list[dict]]:
    """The header (``_meta``: word classes, cue words, scope words) and the rules of ``data/lead_rules.jsonl``."""
    text = (resources.files("policyparse") / "data" / "lead_rules.jsonl").read_text(encoding="utf-8")
    rows = [json.loads(line) for line in text.splitlines() if line.strip()]
    if not rows or "_meta" not in rows[0]:
        raise ValueError("lead_rules.jsonl: the first line must be the _meta header with the word classes")
    return rows[0]["_meta"], rows[1:]


def _classes() -> dict[str, str]:
    """Each word class of the header as one group-free alternation, longest entry first."""
    meta = rule_file()[0]
    return {name: "|".join(sorted(words, key=len, reverse=True)) for name, words in meta["classes"].items()}


def expand(pattern: str) -> str:
    """``pattern`` with every ``{CLASS}`` replaced by that word class of the header."""
    classes = _classes()

    def one(m: re.Match[str]) -> str:
        if m.group(1) not in classes:
            raise ValueError(f"lead_rules.jsonl: unknown word class {{{m.group(1)}}}")
        return f"(?:{classes[m.group(1)]})"

    return re.sub(r"\{([A-Z_]+)\}", one, pattern)


@lru_cache(maxsize=1)
def rule_specs() -> tuple[RuleSpec, ...]:
    """The rules of ``data/lead_rules.jsonl`` in file order, their word classes expanded."""
    out = []
    for r in rule_file()[1]:
        if r["kind"] != "none" and not re.search(r"\{(?:LEAD_[A-Z]+|PARTNER_NOUN)\}", r["pattern"]):
            raise ValueError(f"lead_rules.jsonl: rule {r['id']!r} names no LEAD class (nor PARTNER_NOUN)")
        out.append(RuleSpec(r["id"], r["kind"], int(r.get("position", 1)), re.compile(expand(r["pattern"])),
                            tuple(r["examples"]), partners=not re.search(r"\{LEAD_[A-Z]+\}", r["pattern"])))
    return tuple(out)


@lru_cache(maxsize=1)
def _cues() -> re.Pattern[str]:
    return re.compile("|".join(map(re.escape, lead_rule_cues())))


@lru_cache(maxsize=1)
def scope_patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """Scope words after a rule or a standing list, from the header's ``scope``:

    * ``after`` — matched at the end of a rule (``pattern.match(text, pos)``): separators, an optional
      section word (group ``sect``: 本部分下同 covers that part only) or body word (group ``body``: 正文下同
      covers the body, not the annexes) and the rest-of-file words (group ``words``: 下同, 以下同 …);
    * ``whole`` — a clause that is nothing but those words (``^本部分下同$``);
    * ``section`` — a section word anywhere (本部分, 本章 …).
    """
    rest, sect, body = _scope_words()
    # 本方案以下各项任务同: the document naming itself (本方案, 本意见 …) before the words widens nothing
    whole_doc = "本" + alternation(SELF_REFERENCE_WORDS)
    after = re.compile(rf"[，,；;。\s]*(?:(?P<sect>{sect})|(?P<body>{body})|{whole_doc})?(?P<words>{rest})(?![\u4e00-\u9fff])")
    whole = re.compile(rf"^(?:{sect}|{body})?(?:{rest})$")
    return after, whole, re.compile(sect)


def _scope_words() -> tuple[str, str, str]:
    """The header's ``scope`` words as alternations, longest first: rest-of-file (regex fragments), section, body."""
    scope = rule_file()[0]["scope"]
    rest = "|".join(sorted(scope["rest_of_file"], key=len, reverse=True))
    sect = "|".join(sorted(map(re.escape, scope["section"]), key=len, reverse=True))
    body = "|".join(sorted(map(re.escape, scope["body"]), key=len, reverse=True))
    return rest, sect, body


@lru_cache(maxsize=1)
def scope_before() -> re.Pattern[str]:
    """The rest-of-file words printed before their rule (…，以下同，均以列第一位的单位为牵头单位): searched with the rule's
    start as ``endpos``; the same groups as :func:`scope_patterns`' ``after``."""
    rest, sect, body = _scope_words()
    return re.compile(rf"(?:(?P<sect>{sect})|(?P<body>{body}))?(?P<words>{rest})[，,]\s*(?:均|都|一律)?(?:以|由)?$")


def scope_around(text: str, m: re.Match[str], lo: int, hi: int) -> re.Match[str] | None:
    """The rest-of-file words of the rule matched at ``m`` within ``text[lo:hi]``: after it (…为牵头单位，下同) or
    printed before it (…，以下同，均以列第一位的单位为牵头单位); groups ``sect``, ``body`` and ``words``."""
    return scope_patterns()[0].match(text, m.end(), hi) or scope_before().search(text, max(lo, m.start() - 24), m.start())


@lru_cache(maxsize=1)
def near_misses() -> tuple[str, ...]:
    """Phrases of ``data/lead_rule_near_misses.txt`` that no rule may match."""
    text = (resources.files("policyparse") / "data" / "lead_rule_near_misses.txt").read_text(encoding="utf-8")
    return tuple(s.strip() for s in text.splitlines() if s.strip() and not s.startswith("#"))


@lru_cache(maxsize=1)
def _any_rule() -> re.Pattern[str]:
    """Every rule's pattern as one alternation in file order, each in a group of its own (``r0``, ``r1`` …): its leftmost
    match is the leftmost of all the rules, and at that place the first rule in file order that matches there."""
    return re.compile("|".join(f"(?P<r{i}>{spec.pattern.pattern})" for i, spec in enumerate(rule_specs())))


def match_rule(text: str, start: int = 0, end: int | None = None) -> tuple[RuleSpec, re.Match[str]] | None:
    """The first rule (in text order, then file order) that matches ``text[start:end]``."""
    end = len(text) if end is None else end
    if _cues().search(text, start, end) is None:
        return None  # every rule names the lead with a cue word (牵头, 主办 …)
    m = _any_rule().search(text, start, end)  # one scan for all the rules, not one per rule
    if m is None:
        return None
    spec = rule_specs()[int(m.lastgroup[1:])]  # type: ignore[index]
    own = spec.pattern.match(text, m.start(), end)  # the rule's own match there (the same text), for its callers
    if own is not None and spec.partners and _after_a_rule(text, m.start()):
        return match_rule(text, own.end(), end)  # …排在第一位的单位负责牵头抓总，排在第二位及以后的单位为配合单位: one rule
    return (spec, own) if own is not None else None


def _after_a_rule(text: str, at: int) -> bool:
    """Whether a rule naming the lead ends just before ``at`` in its sentence (only a comma between), wherever the
    caller's search began: the partners' clause then completes that rule and declares none of its own."""
    lo = max(text.rfind(x, 0, at) + 1 for x in "。；;\n")
    return any(not sp.partners and (mm := sp.pattern.search(text, lo, at)) is not None and not text[mm.end() : at].strip("，, ")
               for sp in rule_specs())
