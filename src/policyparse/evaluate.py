"""Field-by-field accuracy against gold facts (``corpora/gold/*.facts.json``).

Each gold file is a list of facts in a format independent of the JSON schema (see
``corpora/gold/README.md``). For every document, gold and predicted values are turned into
multisets of comparable items per *family*; a family's precision, recall and F1 are
micro-averaged over documents. Texts are compared after NFKC folding, in simplified characters
(a gold written from a traditional-character copy compares with the parser's simplified values),
with whitespace and a final 。 removed, so punctuation width, script and padding never count as errors.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .model import OutlineNode, PolicyDocument

FAMILIES = ("envelope", "doc_number", "outline", "enclosed", "attachments", "tasks", "units", "leads", "repeals",
            "suspensions", "effective", "tables", "table_rows")
#: forms scored only for documents whose gold lists them under ``more_tasks`` (table rows, running text)
MORE_FORMS = ("table", "running_text")


def _data_rows(tb: Any) -> list[list[str]]:
    """A table's data rows without its section headings (一、贸易自由便利 spanning every column)."""
    sections = {c.row - tb.n_header_rows for c in tb.cells if c.span_rule and "section_row_full_width" in c.span_rule}
    return [row for i, row in enumerate(tb.rows) if i not in sections]


def norm(x: Any) -> str:
    from .normalize.script import to_simplified

    s = to_simplified(unicodedata.normalize("NFKC", "" if x is None else str(x)), always=True)[0]
    s = s.replace("〈", "<").replace("〉", ">").replace("[", "〔").replace("]", "〕")
    return re.sub(r"\s+", "", s).rstrip("。")


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Mismatch:
    file: str
    family: str
    missing: list[str]
    extra: list[str]


@dataclass
class Report:
    scores: dict[str, Score] = field(default_factory=lambda: {f: Score() for f in FAMILIES})
    mismatches: list[Mismatch] = field(default_factory=list)
    documents: int = 0
    errors: list[tuple[str, str]] = field(default_factory=list)

    def table(self) -> str:
        rows = [f"{'family':<12} {'P':>6} {'R':>6} {'F1':>6} {'gold':>5} {'pred':>5}"]
        for fam, s in self.scores.items():
            rows.append(f"{fam:<12} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f} {s.tp + s.fn:5d} {s.tp + s.fp:5d}")
        return "\n".join(rows)

    def to_dict(self) -> dict[str, Any]:
        return {
            "documents": self.documents,
            "scores": {f: {"precision": round(s.precision, 4), "recall": round(s.recall, 4), "f1": round(s.f1, 4),
                           "tp": s.tp, "fp": s.fp, "fn": s.fn} for f, s in self.scores.items()},
            "mismatches": [m.__dict__ for m in self.mismatches],
            "errors": self.errors,
        }


def _content_docs(doc: PolicyDocument) -> list[PolicyDocument]:
    """The documents that hold the content: those a cover encloses and that enclose none themselves (a county's notice
    转发 a city's notice that 印发 a plan: the plan), else the document itself."""
    leaves = [d for d in doc.walk() if d is not doc and not d.enclosed]
    return leaves or [doc]


def _count_articles(nodes: Iterable[OutlineNode]) -> int:
    return sum((1 if n.style == "tiao" else 0) + _count_articles(n.children) for n in nodes)


def _row_key(annex: int | None, row: list[str]) -> str:
    """A table row compared cell by cell; a cell printed as an empty mark (/, —, 无) compares as empty."""
    from .extract.unit_lists import column_words

    empty = column_words()[1]
    return f"{annex or 1}|" + "‖".join("" if norm(c) in empty else norm(c) for c in row)


def predicted_items(doc: PolicyDocument, *, more_tasks: bool = False, row_annexes: frozenset[int] = frozenset()) -> dict[str, Counter[str]]:
    """Comparable items per family. ``more_tasks``: score table-row and running-text tasks too
    (``form:path`` keys); ``row_annexes``: the annexes whose table rows the gold writes out."""
    out: dict[str, Counter[str]] = {f: Counter() for f in FAMILIES}
    env = out["envelope"]
    for key in ("title", "doc_type", "date"):
        v = getattr(doc, key)
        if v:
            env[f"{key}={norm(v)}"] += 1
    for o in doc.issuers:
        env[f"issuer={norm(o.name)}"] += 1
    for o in doc.recipients:
        env[f"recipient={norm(o.name)}"] += 1
    if doc.doc_number:
        out["doc_number"][norm(doc.doc_number.normalized)] += 1
    content = _content_docs(doc)
    for d in content:
        for n in d.outline:
            if n.style != "tiao":
                out["outline"][f"level1={norm(n.title)}"] += 1
    arts = sum(_count_articles(d.outline) for d in content)
    if arts:
        out["outline"][f"articles={arts}"] += 1
    for d in doc.enclosed:
        out["enclosed"][norm(d.title)] += 1
    for d in doc.walk():
        for a in d.attachments:  # a file's attachments, each once: a cover and its plan may both print the list
            out["attachments"][f"{a.index}:{norm(a.title)}"] = 1
        for t in d.tasks:
            if more_tasks and t.form in MORE_FORMS:
                key = f"{t.form}:{norm(t.path)}"
                out["tasks"][key] += 1
                for u in t.units:
                    out["units"][f"{key}|{norm(u.name)}"] += 1
                for lead in t.lead_units:
                    out["leads"][f"{key}|{norm(lead)}"] += 1
                continue
            if t.form not in ("parenthetical", "field") or t.text_span is None or t.span.start <= 0:
                # gold lists the parentheticals; table rows and running text are held by their own tests
                continue
            key = norm(t.assignment_text)
            out["tasks"][key] += 1
            for u in t.units:
                out["units"][f"{key}|{norm(u.name)}"] += 1
            for lead in t.lead_units:
                out["leads"][f"{key}|{norm(lead)}"] += 1
        for r in d.repeals:
            out["repeals"][_repeal_key(r.doc_number.normalized if r.doc_number else None, r.title, r.blanket)] += 1
        for s in d.suspensions:
            out["suspensions"][norm(s.title)] += 1
        if d.effective and (d.effective.date or d.effective.expires):
            out["effective"][f"{d.effective.date}|{d.effective.expires}"] = 1  # distinct values
        for ax in d.annexes:
            for tb in ax.tables:
                out["tables"][f"{len(tb.header)}x{len(tb.rows)}"] += 1  # every row, section headings too
                if (ax.index or 1) in row_annexes:
                    for row in _data_rows(tb):  # rows compared cell by cell: the data rows
                        out["table_rows"][_row_key(ax.index, row)] += 1
        if None in row_annexes:  # a gold table of the body (annex null: 具体任务分工如下： and the table under 二、)
            for tb in d.tables:
                out["tables"][f"{len(tb.header)}x{len(tb.rows)}"] += 1
                for row in _data_rows(tb):
                    out["table_rows"][_row_key(None, row)] += 1
    return out


def _repeal_key(number: str | None, title: str | None, blanket: bool) -> str:
    if blanket:
        return "blanket"
    if number:
        from .normalize import parse_doc_number

        dn = parse_doc_number(number)
        return norm(dn.normalized if dn else number)
    return norm(title)


def gold_items(g: dict[str, Any]) -> dict[str, Counter[str]]:
    out: dict[str, Counter[str]] = {f: Counter() for f in FAMILIES}
    env = out["envelope"]
    for key in ("title", "doc_type", "date"):
        if g.get(key):
            env[f"{key}={norm(g[key])}"] += 1
    for n in g.get("issuers") or []:
        env[f"issuer={norm(n)}"] += 1
    for n in g.get("recipients") or []:
        env[f"recipient={norm(n)}"] += 1
    if g.get("doc_number"):
        from .normalize import parse_doc_number

        dn = parse_doc_number(g["doc_number"])
        out["doc_number"][norm(dn.normalized if dn else g["doc_number"])] += 1
    ol = g.get("outline") or {}
    for t in ol.get("level1") or []:
        out["outline"][f"level1={norm(t)}"] += 1
    if ol.get("articles"):
        out["outline"][f"articles={ol['articles']}"] += 1
    for e in g.get("enclosed") or []:
        out["enclosed"][norm(e.get("title"))] += 1
    for a in g.get("attachments") or []:
        out["attachments"][f"{a.get('index')}:{norm(a.get('title'))}"] = 1
    for t in g.get("tasks") or []:
        key = norm(t["assignment_text"])
        out["tasks"][key] += 1
        for u in t.get("units") or []:
            out["units"][f"{key}|{norm(u)}"] += 1
        for u in t.get("lead_units") or []:
            out["leads"][f"{key}|{norm(u)}"] += 1
    for r in g.get("repeals") or []:
        out["repeals"][_repeal_key(r.get("doc_number"), r.get("title"), bool(r.get("blanket")))] += 1
    for s in g.get("suspensions") or []:
        out["suspensions"][norm(s.get("title"))] += 1
    for e in g.get("effective") or []:
        if e.get("date") or e.get("expires"):  # distinct values: a cover notice restates its document's
            out["effective"][f"{e.get('date')}|{e.get('expires')}"] = 1
    for t in g.get("more_tasks") or []:
        key = f"{t['form']}:{norm(t['path'])}"
        out["tasks"][key] += 1
        for u in t.get("units") or []:
            out["units"][f"{key}|{norm(u)}"] += 1
        for u in t.get("lead_units") or []:
            out["leads"][f"{key}|{norm(u)}"] += 1
    for t in g.get("annex_tables") or []:
        out["tables"][f"{len(t.get('header') or [])}x{t.get('n_data_rows')}"] += 1
        for row in t.get("rows") or []:
            out["table_rows"][_row_key(t.get("annex"), row)] += 1
    return out


#: the gold format's lists of objects (corpora/gold/README.md) and the keys each object must hold
_GOLD_OBJECT_LISTS: dict[str, tuple[str, ...]] = {
    "enclosed": (), "attachments": (), "tasks": ("assignment_text",), "repeals": (), "suspensions": (), "effective": (),
    "more_tasks": ("form", "path"), "annex_tables": (),
}


def check_gold(g: Any, path: str) -> None:
    """Raise :class:`~policyparse.errors.UsageError` naming the file and the field when ``g`` is not in the gold format:
    an object with ``file``, each list of the format a list of objects holding the keys it needs."""
    from .errors import UsageError

    if not isinstance(g, dict) or not isinstance(g.get("file"), str):
        raise UsageError("a gold file is a JSON object with a 'file' string", path=path)
    for key, needs in _GOLD_OBJECT_LISTS.items():
        items = g.get(key) or []
        if not isinstance(items, list):
            raise UsageError(f"'{key}' must be a list, not {type(items).__name__}", path=path,
                             hint="see corpora/gold/README.md for the gold format")
        for k, item in enumerate(items):
            if not isinstance(item, dict):
                raise UsageError(f"'{key}'[{k}] is {type(item).__name__}, not an object", path=path,
                                 hint="see corpora/gold/README.md for the gold format")
            missing = [n for n in needs if n not in item]
            if missing:
                raise UsageError(f"'{key}'[{k}] lacks {', '.join(missing)}", path=path)


def evaluate_one(doc: PolicyDocument, g: dict[str, Any], report: Report, name: str) -> None:
    row_annexes = frozenset(t.get("annex") for t in g.get("annex_tables") or [] if "rows" in t)
    pred, gold = predicted_items(doc, more_tasks="more_tasks" in g, row_annexes=row_annexes), gold_items(g)
    for fam in FAMILIES:
        p, q = pred[fam], gold[fam]
        tp = sum((p & q).values())
        s = report.scores[fam]
        s.tp += tp
        s.fp += sum(p.values()) - tp
        s.fn += sum(q.values()) - tp
        missing, extra = sorted((q - p).elements()), sorted((p - q).elements())
        if missing or extra:
            report.mismatches.append(Mismatch(name, fam, missing, extra))


def _resolve(file: str, root: Path, gold_dir: Path | None) -> Path:
    if Path(file).is_absolute():
        return Path(file)
    if gold_dir is not None and not (root / file).exists():
        for anc in gold_dir.resolve().parents:
            if (anc / file).exists():
                return anc / file
    return root / file


def evaluate(gold_dir: Path, *, root: Path | None = None, families: Iterable[str] | None = None) -> Report:
    """Parse every document named by the gold files in ``gold_dir`` and score it.

    A gold file's ``file`` is resolved against ``root`` (default: the gold folder's grandparent,
    i.e. the repository root when gold lives in ``corpora/gold``; when the file is not there, the
    nearest ancestor of the gold folder that holds it, so ``corpora/genre/gold_dev`` works too).
    """
    from .errors import PolicyParseError
    from .pipeline import parse

    gold_dir = Path(gold_dir)
    explicit_root = root is not None
    root = Path(root) if root else gold_dir.resolve().parents[1]
    report = Report()
    for gf in sorted(gold_dir.glob("*.facts.json")):
        g = json.loads(gf.read_text(encoding="utf-8"))
        check_gold(g, str(gf))
        path = _resolve(g["file"], root, None if explicit_root else gold_dir)
        try:
            doc = parse(path)
        except PolicyParseError as exc:
            report.errors.append((str(path), str(exc)))
            continue
        report.documents += 1
        evaluate_one(doc, g, report, gf.name.replace(".facts.json", ""))
    if families is not None:
        keep = set(families)
        report.scores = {k: v for k, v in report.scores.items() if k in keep}
    return report
