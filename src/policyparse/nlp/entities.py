"""Named entities of a policy text from rules and the unit lexicon, without any NLP package.

:func:`find_entities` is the plain-text path; the spaCy component
(:mod:`policyparse.spacy_component`) calls the same function and only turns its result into
``doc.ents``. Labels (``data/entity_rules.json``):

* ``ORG``: units: lexicon and regional forms in running text (:func:`~.units.find_units`) and
  the items of responsibility parentheticals (``（省科技厅、省教育厅负责）``), unknown ones included;
* ``PERSON``: the name after ``联系人：`` and similar labels, and table-cell lines holding only a
  name (``陈 飞 |``) when the document has a column of them (``person_cell_min_count``), in both
  cases only when :func:`~.persons.looks_like_person` agrees;
* ``DOCNO``: 发文字号 (``湘办发〔2020〕7号``), by :func:`policyparse.normalize.find_doc_numbers`;
* ``DATE``: ``2021年8月17日`` and ``二〇二一年八月十七日``, by the parser's date pattern;
* ``LAW``: document titles inside ``《》`` (the span excludes the brackets).

Entities never overlap: the longest wins, then the label listed first in ``priority``.
Offsets are half-open character offsets into the text passed in.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache

from ..normalize import find_doc_numbers, fold, parse_date
from ..normalize.numerals import DATE_RE
from .lexicon import data_path
from .persons import looks_like_person, normalize_person
from .units import canonicalize, find_units, is_collective, is_unit, region_of, split_units

_BLANKS = re.compile(r"\s*")

__all__ = ["Entity", "EntityRules", "find_entities", "guess_region", "load_entity_rules"]


@dataclass(frozen=True)
class Entity:
    """One entity. ``value`` is the normalized value: the canonical unit name (None when unknown),
    the person's name without padding, the normalized document number, the ISO date, the title."""

    label: str
    start: int
    end: int
    text: str
    value: str | None = None


@dataclass(frozen=True)
class EntityRules:
    version: str
    labels: dict[str, str]
    priority: tuple[str, ...]
    title: re.Pattern
    responsibility: re.Pattern
    person_after_label: re.Pattern
    person_cell_line: re.Pattern
    issuer_line_verbs: re.Pattern
    region_scan_lines: int
    person_cell_min_count: int

    @classmethod
    def from_json(cls, d: dict) -> EntityRules:
        return cls(
            version=d["_meta"]["version"],
            labels=dict(d["labels"]),
            priority=tuple(d["priority"]),
            title=re.compile(d["title"]),
            responsibility=re.compile(d["responsibility_parenthetical"]),
            person_after_label=re.compile(d["person_after_label"]),
            person_cell_line=re.compile(d["person_cell_line"], re.M),
            issuer_line_verbs=re.compile(d["issuer_line_verbs"]),
            region_scan_lines=int(d["region_scan_lines"]),
            person_cell_min_count=int(d.get("person_cell_min_count", 1)),
        )


@lru_cache(maxsize=4)
def load_entity_rules(path: str | None = None) -> EntityRules:
    """The rules of ``data/entity_rules.json`` (or of the JSON file at ``path``)."""
    if path is None:
        raw = data_path("entity_rules.json").read_text(encoding="utf-8")
    else:
        with open(path, encoding="utf-8") as fh:
            raw = fh.read()
    return EntityRules.from_json(json.loads(raw))


def guess_region(text: str, rules: EntityRules | None = None) -> tuple[str | None, str | None]:
    """``(province, city)`` of the document's issuer, from its first lines (see :func:`~.units.region_of`).

    Evidence, first found wins: a line that opens with unit names followed by 关于/印发/转发
    (the title line), or by nothing or a date (a signature); failing that, anywhere in the text, a
    unit name followed by a date (a signature in text without line breaks). ``(None, None)`` otherwise.
    """
    rules = rules or load_entity_rules()
    folded = fold(text)
    for line in folded.split("\n")[: rules.region_scan_lines]:
        units = find_units(line)
        if not units:
            continue
        # units at the start of the line, separated by blanks only
        lead = []
        pos = 0
        for s, e, name, _ in units:
            if line[pos:s].strip():
                break
            lead.append(name)
            pos = e
        if not lead:
            continue
        rest = line[pos:].strip()
        if not rest or rules.issuer_line_verbs.match(rest) or DATE_RE.match(rest):
            region = region_of(lead)
            if region != (None, None):
                return region
    # text without line breaks: a signature is a unit name followed by the date
    for _s, e, name, _ in find_units(folded):
        if (blank := _BLANKS.match(folded, e)) is not None and DATE_RE.match(folded, blank.end()):  # \s* always matches
            region = region_of([name])
            if region != (None, None):
                return region
    return None, None


def _org(text: str, s: int, e: int, province: str | None, city: str | None) -> Entity:
    name = text[s:e]
    return Entity("ORG", s, e, name, canonicalize(name, province=province, city=city)[0])


def _candidates(text: str, folded: str, rules: EntityRules, province: str | None, city: str | None) -> list[Entity]:
    labels = rules.labels
    out: list[Entity] = []
    for dn in find_doc_numbers(folded):
        if dn.span is not None:
            out.append(Entity(labels["doc_number"], dn.span.start, dn.span.end, text[dn.span.start:dn.span.end], dn.normalized))
    for m in DATE_RE.finditer(folded):
        iso = parse_date(m.group(0))
        if iso:
            out.append(Entity(labels["date"], m.start(), m.end(), text[m.start():m.end()], iso))
    for m in rules.title.finditer(folded):
        s, e = m.start("title"), m.end("title")
        out.append(Entity(labels["title"], s, e, text[s:e], text[s:e]))
    for s, e, name, canonical in find_units(text, province=province, city=city):
        out.append(Entity(labels["unit"], s, e, name, canonical))
    for m in rules.responsibility.finditer(folded):
        group = "body" if m.group("body") is not None else "field"
        base = m.start(group)
        for name, s, e in split_units(m.group(group)):
            if is_unit(name) and not is_collective(name):
                ent = _org(text, base + s, base + e, province, city)
                out.append(Entity(labels["unit"], ent.start, ent.end, ent.text, ent.value))
    for rx, min_count in ((rules.person_after_label, 1), (rules.person_cell_line, rules.person_cell_min_count)):
        persons = []
        for m in rx.finditer(folded):
            name = m.group("name")
            if looks_like_person(name):
                s, e = m.start("name"), m.end("name")
                persons.append(Entity(labels["person"], s, e, text[s:e], normalize_person(name)))
        if len(persons) >= min_count:
            out.extend(persons)
    return out


def find_entities(
    text: str,
    *,
    province: str | None = None,
    city: str | None = None,
    rules: EntityRules | None = None,
) -> list[Entity]:
    """Non-overlapping entities of ``text`` in order of position.

    ``province`` / ``city`` resolve bare regional forms (``省发展改革委``); when both are None the
    region is guessed from the document's own issuer lines (:func:`guess_region`).
    """
    rules = rules or load_entity_rules()
    if province is None and city is None:
        province, city = guess_region(text, rules)
    folded = fold(text)
    rank = {label: i for i, label in enumerate(rules.priority)}
    cands = _candidates(text, folded, rules, province, city)
    cands = [c for c in cands if c.end > c.start]
    cands.sort(key=lambda c: (-(c.end - c.start), rank.get(c.label, len(rank)), c.start))
    taken: list[Entity] = []
    occupied = bytearray(len(text) + 1)
    for c in cands:
        if any(occupied[c.start:c.end]):
            continue
        occupied[c.start:c.end] = b"\x01" * (c.end - c.start)
        taken.append(c)
    taken.sort(key=lambda c: (c.start, c.end))
    return taken
