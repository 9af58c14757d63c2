"""The unit lexicon, the unit-name rules and the region table, loaded once per process.

Data files (their formats are described in ``policyparse/data/README.md``):

* ``units.jsonl``: one record per organ (canonical full name, short forms, level, parent,
  province/city, validity, sources); the first line is a ``_meta`` header with the version.
* ``unit_rules.json``: the rules for regular short forms (``省X厅`` → ``<province>X厅``),
  organ-name suffixes, collective references and list words.
* ``provinces.json``: provinces and prefecture-level cities (GB/T 2260).

Scoping of short forms: a short form that starts with a regional prefix (``省``, ``市``,
``自治区``, ``州``) and belongs to a record with a province or city is valid only in that
region (``省发展改革委`` means 湖南省发展和改革委员会 only in a Hunan document); every other
form (``发展改革委``, ``人民银行长沙中心支行``) is global.

Nothing here imports jieba, pkuseg or spaCy.
"""

from __future__ import annotations

import json
import re
import threading
from dataclasses import dataclass, field
from functools import cached_property
from importlib import resources
from typing import Any

from ..vocabulary import alternation, level_words, organ_endings

#: the level word a prefecture-level region's name ends in (怀化市, 大兴安岭地区): dropped for its short name
_PREFECTURE_END = re.compile(f"(?:{alternation(level_words('prefecture_end'))})$")

__all__ = ["FormTrie", "Lexicon", "Regions", "UnitRecord", "UnitRules", "data_path", "load_lexicon"]

LEVELS = ("national-ministry", "national-agency", "provincial-dept", "municipal-dept", "party", "other")


def data_path(name: str):
    """A traversable path to ``policyparse/data/<name>`` (works from a wheel or a source tree)."""
    return resources.files("policyparse").joinpath("data", name)


def _read_text(name: str) -> str:
    return data_path(name).read_text(encoding="utf-8")


def _role_phrases() -> dict[str, str]:
    """The basis phrases (按职责分工, 依职责 …) and manner words (分别, 共同 …) of ``data/role_words.json`` as
    alternations, longest first: the words ``role_tail`` of ``unit_rules.json`` strips from a unit list's last piece,
    written once, where the role words are."""
    data = json.loads(_read_text("role_words.json"))
    return {"basis": alternation(data["basis"]["phrases"]), "manner": alternation(data["manner_words"])}


@dataclass(frozen=True)
class UnitRecord:
    """One organ of ``units.jsonl``. ``province``/``city`` are full names (湖南省, 广州市) or None."""

    canonical: str
    short_forms: tuple[str, ...]
    level: str
    kind: str | None = None
    parent: str | None = None
    province: str | None = None
    city: str | None = None
    valid: str | None = None
    successor: str | None = None
    source: tuple[str, ...] = ()
    seen_in: tuple[str, ...] = ()

    @classmethod
    def from_json(cls, obj: dict) -> UnitRecord:
        if obj.get("level") not in LEVELS:
            raise ValueError(f"units.jsonl: {obj.get('canonical')!r} has unknown level {obj.get('level')!r}")
        return cls(
            canonical=obj["canonical"],
            short_forms=tuple(obj.get("short_forms", ())),
            level=obj["level"],
            kind=obj.get("kind"),
            parent=obj.get("parent"),
            province=obj.get("province"),
            city=obj.get("city"),
            valid=obj.get("valid"),
            successor=obj.get("successor"),
            source=tuple(obj.get("source", ())),
            seen_in=tuple(obj.get("seen_in", ())),
        )


@dataclass(frozen=True)
class Province:
    name: str
    short: str
    abbr: str
    kind: str
    code: str
    cities: tuple[str, ...]


class Regions:
    """Provinces and prefecture-level cities: name resolution and prefixes."""

    def __init__(self, data: dict) -> None:
        self.version: str = data["_meta"]["version"]
        self.provinces: dict[str, Province] = {}
        self.city_province: dict[str, str] = {}
        self._alias: dict[str, str] = {}
        for p in data["provinces"]:
            cities = tuple(c["name"] for c in p["cities"])
            prov = Province(p["name"], p["short"], p["abbr"], p["kind"], p["code"], cities)
            self.provinces[prov.name] = prov
            self._alias[prov.name] = prov.name
            self._alias[prov.short] = prov.name
            for c in cities:
                self.city_province.setdefault(c, prov.name)
        for c in self.city_province:
            short = _PREFECTURE_END.sub("", c)
            if len(short) >= 2 and short not in self._alias:
                self._alias.setdefault("city:" + short, c)
        # every full region name, longest first, for prefix matching
        names = list(self.provinces) + list(self.city_province)
        self.full_names: tuple[str, ...] = tuple(sorted(set(names), key=lambda s: (-len(s), s)))
        self._trie = FormTrie(self.full_names)

    def province(self, name: str | None) -> str | None:
        """Full province name for 湖南 / 湖南省, None when unknown or None."""
        if not name:
            return None
        return self._alias.get(name.strip())

    def city(self, name: str | None) -> str | None:
        """Full city name for 广州 / 广州市 (prefecture level), None when unknown or None."""
        if not name:
            return None
        name = name.strip()
        if name in self.city_province:
            return name
        prov = self.provinces.get(self._alias.get(name, ""))
        if prov is not None and prov.kind == "municipality":
            return prov.name
        return self._alias.get("city:" + name)

    def is_municipality(self, name: str | None) -> bool:
        p = self.provinces.get(name or "")
        return p is not None and p.kind == "municipality"

    def resolve(self, province: str | None, city: str | None) -> tuple[str | None, str | None]:
        """Normalize a (province, city) pair; fill the province from the city, the city of a municipality."""
        prov = self.province(province)
        cty = self.city(city)
        if cty is not None and prov is None:
            prov = self.city_province.get(cty) or (cty if cty in self.provinces else None)
        if cty is None and self.is_municipality(prov):
            cty = prov
        return prov, cty

    def match_prefix(self, text: str) -> str | None:
        """The full region name that ``text`` starts with (longest), or None."""
        end = self._trie.longest_at(text, 0)
        return text[:end] if end else None


@dataclass(frozen=True)
class UnitRules:
    """``unit_rules.json`` with its regular expressions compiled."""

    version: str
    regional_prefixes: dict[str, str]
    not_a_prefix: tuple[str, ...]
    stems: dict[str, str]
    identity_stems: frozenset[str]
    templates: dict[str, str]
    party_generic: re.Pattern
    party_generic_template: str
    generic_regional: re.Pattern
    generic_forbidden: frozenset[str]
    national_branches: tuple[tuple[re.Pattern, str, str], ...]
    organ_suffixes: tuple[str, ...]
    non_unit_endings: tuple[str, ...]
    generic_names: frozenset[str]
    not_in_names: re.Pattern
    collective: tuple[re.Pattern, ...]
    joiners: tuple[str, ...]
    separators: str
    leading_noise: re.Pattern
    list_end: re.Pattern
    role_tail: re.Pattern
    etc_tail: re.Pattern
    etc_before_collective: re.Pattern

    @classmethod
    def from_json(cls, d: dict) -> UnitRules:
        return cls(
            version=d["_meta"]["version"],
            regional_prefixes=dict(d["regional_prefixes"]),
            not_a_prefix=tuple(d["not_a_prefix"]),
            stems=dict(d["stems"]),
            identity_stems=frozenset(d["identity_stems"]),
            templates=dict(d["templates"]),
            party_generic=re.compile(d["party_generic"]),
            party_generic_template=d["party_generic_template"],
            generic_regional=re.compile(d["generic_regional"]),
            generic_forbidden=frozenset(d["generic_forbidden_chars"]),
            national_branches=tuple(
                (re.compile(b["pattern"]), b["template"], b["parent"]) for b in d["national_branches"]
            ),
            organ_suffixes=tuple(sorted(organ_endings("unit_name"), key=lambda s: (-len(s), s))),
            non_unit_endings=tuple(d["non_unit_endings"]),
            generic_names=frozenset(d["generic_names"]),
            not_in_names=re.compile(d["not_in_names"]),
            collective=tuple(re.compile(p) for p in d["collective_patterns"]),
            joiners=tuple(sorted(d["joiners"], key=lambda s: (-len(s), s))),
            separators=d["separators"],
            leading_noise=re.compile(d["leading_noise"]),
            list_end=re.compile(d["list_end"]),
            role_tail=re.compile(d["role_tail"].format(**_role_phrases())),
            etc_tail=re.compile(d["etc_tail"]),
            etc_before_collective=re.compile(d["etc_before_collective"]),
        )

    @cached_property
    def regional_stems(self) -> frozenset[str]:
        """Every stem a regional prefix may precede: short and full stems, identities, template keys."""
        return frozenset(self.stems) | frozenset(self.stems.values()) | self.identity_stems | frozenset(self.templates)

    def split_prefix(self, name: str) -> tuple[str, str] | None:
        """``省发展改革委`` → (``省``, ``发展改革委``); None when ``name`` has no regional prefix."""
        if any(name.startswith(w) for w in self.not_a_prefix):
            return None
        for prefix in sorted(self.regional_prefixes, key=len, reverse=True):
            if name.startswith(prefix) and len(name) > len(prefix):
                return prefix, name[len(prefix):]
        return None


class FormTrie:
    """A character trie of surface forms for leftmost-longest scanning."""

    _END = "\0"

    def __init__(self, forms) -> None:
        self.root: dict = {}
        for form in forms:
            node = self.root
            for ch in form:
                node = node.setdefault(ch, {})
            node[self._END] = form

    def longest_at(self, text: str, i: int) -> int:
        """End offset of the longest form starting at ``i`` (``i`` itself when none does)."""
        node: dict[str, Any] = self.root
        best = i
        j = i
        n = len(text)
        while j < n:
            nxt = node.get(text[j])
            if nxt is None:
                break
            node = nxt
            j += 1
            if self._END in node:
                best = j
        return best

    def all_at(self, text: str, i: int) -> list[int]:
        """End offsets of every form starting at ``i``, shortest first."""
        node: dict[str, Any] = self.root
        ends: list[int] = []
        j = i
        while j < len(text):
            nxt = node.get(text[j])
            if nxt is None:
                break
            node = nxt
            j += 1
            if self._END in node:
                ends.append(j)
        return ends


@dataclass
class Lexicon:
    """The loaded lexicon: records, form indexes, rules and regions."""

    version: str
    records: tuple[UnitRecord, ...]
    rules: UnitRules
    regions: Regions
    global_forms: dict[str, UnitRecord] = field(default_factory=dict)
    scoped_forms: dict[tuple[str, str], UnitRecord] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for rec in self.records:
            self.global_forms.setdefault(rec.canonical, rec)
            for form in rec.short_forms:
                split = self.rules.split_prefix(form)
                if split is not None and (rec.province or rec.city):
                    prefix = split[0]
                    kind = self.rules.regional_prefixes[prefix]
                    region = rec.province if kind == "province" else rec.city
                    if region is None:
                        raise ValueError(f"units.jsonl: form {form!r} of {rec.canonical!r} needs a {kind}")
                    self.scoped_forms.setdefault((region, form), rec)
                else:
                    self.global_forms.setdefault(form, rec)

    @cached_property
    def surface_forms(self) -> frozenset[str]:
        """Every written form the lexicon and the rules know without a region: for scanning and segmenters."""
        forms = set(self.global_forms) | {form for _, form in self.scoped_forms}
        for prefix in self.rules.regional_prefixes:
            forms.update(prefix + stem for stem in self.rules.regional_stems)
        return frozenset(f for f in forms if len(f) >= 2)

    @cached_property
    def scoped_form_set(self) -> frozenset[str]:
        return frozenset(form for _, form in self.scoped_forms)

    @cached_property
    def trie(self) -> FormTrie:
        return FormTrie(sorted(self.surface_forms))

    @cached_property
    def stem_trie(self) -> FormTrie:
        return FormTrie(sorted(self.rules.regional_stems))


_LOCK = threading.Lock()
_CACHE: dict[str, Lexicon] = {}


def _load() -> Lexicon:
    lines = [ln for ln in _read_text("units.jsonl").splitlines() if ln.strip()]
    meta = json.loads(lines[0]).get("_meta")
    if not meta:
        raise ValueError("units.jsonl: the first line must be the _meta header")
    records = tuple(UnitRecord.from_json(json.loads(ln)) for ln in lines[1:])
    rules = UnitRules.from_json(json.loads(_read_text("unit_rules.json")))
    regions = Regions(json.loads(_read_text("provinces.json")))
    return Lexicon(version=meta["version"], records=records, rules=rules, regions=regions)


def load_lexicon() -> Lexicon:
    """The process-wide lexicon (loaded on first use, then cached)."""
    lex = _CACHE.get("default")
    if lex is None:
        with _LOCK:
            lex = _CACHE.get("default")
            if lex is None:
                lex = _CACHE["default"] = _load()
    return lex
