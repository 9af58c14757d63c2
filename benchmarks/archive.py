"""Score policyparse on an archive whose own metadata is the truth (``corpora/archives/lawrefbook-national``).

    python benchmarks/archive.py                      # the whole archive (1,510 texts), 2 workers
    python benchmarks/archive.py --sample 4           # every 4th text plus every edition of a law with editions
    python benchmarks/archive.py --json figures.json  # also write every figure and the mismatches

The archive folder holds ``corpus.tar.xz`` (one plain-text file per document), ``truth.jsonl`` (the
collection's metadata: title, the edition's date ``publish``, its effective date ``valid_from``, the
editions of each law ``versions`` …) and ``manifest.json`` (commit, snapshot date). The texts are read
straight from the tarball; nothing is unpacked unless ``--workers`` > 1 asks for worker processes.

Figures (each a share of the texts where the measure applies, with that count):

* ``title``: the title, compared without spaces, widths and bracket styles;
* ``doc_type``: the kind named by the last word of the true title (the table below, kept apart from
  the parser's vocabulary on purpose: it is the measure, not the rule);
* ``date_stated``: ``date`` = the edition's date, over the texts that print that date somewhere;
* ``effective_stated``: the effective date, over the texts whose 施行 lines print ``valid_from``;
* ``articles_exact``: as many 第X条 articles in the outline as the source has article lines;
* ``repeal_titles``: titles named before 同时废止/予以废止 found among the repeals (share of titles);
* ``editions_linked``: laws whose dated editions are all linked oldest -> newest in the history;
* ``only_newest_in_force``: laws whose newest edition alone is in force on the snapshot date.

``score`` is a pure function of the parsed documents and the truth, so the test suite runs it on a
sample with floors (``tests/corpus/test_archive.py``); this script runs it on the whole archive and reports
throughput too. Where the metadata and the text disagree, the text is right: those cases are listed
with their evidence in the archive's ``metadata_notes.jsonl``, and counted here, not excused.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tarfile
import tempfile
import time
import unicodedata
from collections.abc import Iterable
from itertools import pairwise
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
ARCHIVE = ROOT / "corpora" / "archives" / "lawrefbook-national"

#: title endings -> the kind they name (longest first); the archive's own kinds, independent of the parser
KIND_OF_ENDING = [
    ("实施细则", "细则"), ("细则", "细则"), ("办法", "办法"), ("条例", "条例"), ("规定", "规定"), ("规则", "规则"),
    ("解释", "解释"), ("解答", "解答"), ("批复", "批复"), ("答复", "答复"), ("决定", "决定"), ("决议", "决议"),
    ("修正案", "修正案"), ("宪法", "宪法"), ("法典", "法"), ("法", "法"), ("通知", "通知"), ("意见", "意见"),
    ("纪要", "纪要"), ("规程", "规程"), ("章程", "章程"), ("准则", "准则"), ("通则", "通则"), ("守则", "守则"),
    ("纲要", "纲要"), ("安排", "安排"), ("公告", "公告"), ("规范", "规范"),
]
_DATE = re.compile(r"([0-9〇零一二三四五六七八九]{4})\s*年\s*([0-9一二三四五六七八九十]{1,3})\s*月\s*([0-9一二三四五六七八九十]{1,3})\s*日")
_TITLE_IN = re.compile(r"《([^《》]+(?:《[^《》]*》[^《》]*)*)》")
EDITION_EDGES = ("amended_by", "revised_by")


# ------------------------------------------------------------------------------------------ loading


def load(archive: Path = ARCHIVE) -> tuple[dict[str, dict[str, Any]], dict[str, Any]]:
    """The truth (one record per file, by its path inside the tarball) and the manifest."""
    truth = {}
    for line in (archive / "truth.jsonl").read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        truth[rec["file"]] = rec
    return truth, json.loads((archive / "manifest.json").read_text(encoding="utf-8"))


def texts(archive: Path, files: Iterable[str]) -> dict[str, str]:
    """The text of each of ``files``, read from ``corpus.tar.xz``."""
    want = set(files)
    out = {}
    with tarfile.open(archive / "corpus.tar.xz") as tar:
        for m in tar:
            name = m.name.removeprefix("./")
            if m.isfile() and name in want:
                out[name] = tar.extractfile(m).read().decode("utf-8")  # type: ignore[union-attr]
    return out


def sample(truth: dict[str, dict[str, Any]], every: int) -> list[str]:
    """Every ``every``-th file (in path order) plus every edition of every law that has several."""
    files = sorted(truth)
    keep = {f for i, f in enumerate(files) if i % every == 0}
    keep |= {f for f in files if len(truth[f]["versions"]) > 1}
    return sorted(keep)


def parse_all(archive: Path, files: list[str], workers: int = 1) -> tuple[dict[str, Any], int, float]:
    """``{file: PolicyDocument}``, the number of inputs that failed, and the wall time of the parse."""
    import policyparse
    from policyparse.model import PolicyDocument

    body = texts(archive, files)
    docs: dict[str, Any] = {}
    failed = 0
    t0 = time.perf_counter()
    if workers <= 1:
        for f in files:
            try:
                docs[f] = policyparse.parse_text(body[f], path=f)
            except policyparse.PolicyParseError:
                failed += 1
        return docs, failed, time.perf_counter() - t0
    with tempfile.TemporaryDirectory() as tmp:
        for f in files:
            p = Path(tmp) / f
            p.parent.mkdir(parents=True, exist_ok=True)
            p.write_text(body[f], encoding="utf-8")
        t0 = time.perf_counter()
        for rec in policyparse.parse_many([str(Path(tmp) / f) for f in files], workers=workers):
            rel = Path(rec["path"]).relative_to(tmp).as_posix()
            if rec.get("ok"):
                doc = PolicyDocument.model_validate(rec["document"])
                docs[rel] = doc.model_copy(update={"source": doc.source.model_copy(update={"path": rel})})
            else:
                failed += 1
        return docs, failed, time.perf_counter() - t0


# ------------------------------------------------------------------------------------------ measures


def norm(s: str | None) -> str:
    """A title for comparison: NFKC, no spaces, one bracket style, no final 。."""
    if not s:
        return ""
    s = re.sub(r"\s+", "", unicodedata.normalize("NFKC", s))
    for a, b in (("〈", "<"), ("〉", ">"), ("《", "<<"), ("》", ">>"), ("“", '"'), ("”", '"')):
        s = s.replace(a, b)
    return s.rstrip("。.")


def expected_kind(title: str) -> str | None:
    t = unicodedata.normalize("NFKC", title).strip()
    while (t2 := re.sub(r"\s*\([^()]*\)\s*$", "", t)) != t:
        t = t2
    return next((k for end, k in KIND_OF_ENDING if t.endswith(end)), None)


def dates_in(s: str) -> list[str]:
    from policyparse.normalize import parse_date

    return [d for m in _DATE.finditer(s) if (d := parse_date(m.group(0)))]


def expected_repeal_titles(lines: list[str]) -> list[str]:
    """Titles named before 同时废止/予以废止 in one sentence (or after 同时废止)."""
    out: list[str] = []
    for ln in lines:
        for sent in re.split(r"[。；]", ln):
            m = re.search(r"同时废止|予以废止", sent)
            if m:
                found = _TITLE_IN.findall(sent[: m.start()])
                out += found or (_TITLE_IN.findall(sent[m.end():]) if m.group(0) == "同时废止" else [])
    return list(dict.fromkeys(out))


def _articles(doc: Any) -> int:
    def count(nodes: list[Any]) -> int:
        return sum((n.style == "tiao") + count(n.children) for n in nodes)

    return sum(count(d.outline) for d in doc.walk())


def notes(archive: Path = ARCHIVE) -> list[dict[str, Any]]:
    """The cases where the collection's metadata and the text disagree (``metadata_notes.jsonl``)."""
    p = archive / "metadata_notes.jsonl"
    return [json.loads(x) for x in p.read_text(encoding="utf-8").splitlines()] if p.exists() else []


class _Share:
    """A share of items right; ``unnoted`` leaves out the items that touch a file of the metadata notes."""

    def __init__(self, noted: set[str]) -> None:
        self.noted = noted
        self.n = self.ok = self.n_unnoted = self.ok_unnoted = 0
        self.misses: list[dict[str, Any]] = []

    def add(self, ok: bool, miss: dict[str, Any], files: Iterable[str] = ()) -> None:
        self.n += 1
        self.ok += ok
        if not self.noted.intersection(files):
            self.n_unnoted += 1
            self.ok_unnoted += ok
        if not ok:
            self.misses.append(miss)

    def figure(self) -> dict[str, Any]:
        def pct(a: int, b: int) -> float | None:
            return round(100.0 * a / b, 1) if b else None

        return {"pct": pct(self.ok, self.n), "ok": self.ok, "n": self.n,
                "pct_unnoted": pct(self.ok_unnoted, self.n_unnoted), "n_unnoted": self.n_unnoted}


def score(docs: dict[str, Any], truth: dict[str, dict[str, Any]], snapshot: str,
          noted: Iterable[str] = ()) -> dict[str, Any]:
    """Every figure of the module doc over the parsed ``docs`` (by file), with the mismatches; each
    figure also without the items that involve a file of ``noted`` (the metadata notes)."""
    from policyparse.history import build_history
    from policyparse.history.keys import doc_key

    noted_set = set(noted)
    m = {k: _Share(noted_set) for k in ("title", "doc_type", "date_stated", "effective_stated", "articles_exact",
                               "repeal_titles", "editions_linked", "only_newest_in_force")}
    for f in sorted(docs):
        d, t = docs[f], truth[f]
        m["title"].add(norm(d.title) == norm(t["title"]), {"file": f, "truth": t["title"], "got": d.title}, [f])
        kind = expected_kind(t["title"])
        if kind:
            m["doc_type"].add(d.doc_type == kind, {"file": f, "expected": kind, "got": d.doc_type}, [f])
        text = d.text or ""
        if t["publish"] and t["publish"] in dates_in(text):
            m["date_stated"].add(d.date == t["publish"], {"file": f, "truth": t["publish"], "got": d.date}, [f])
        shixing = {x for ln in text.splitlines() if "施行" in ln for x in dates_in(ln)}
        if t["valid_from"] and t["valid_from"] in shixing:
            eff = next((x.effective for x in d.walk() if x.effective), None)
            got = eff.date if eff else None
            m["effective_stated"].add(got == t["valid_from"], {"file": f, "truth": t["valid_from"], "got": got}, [f])
        if t["n_article_lines"]:
            n = _articles(d)
            m["articles_exact"].add(n == t["n_article_lines"], {"file": f, "truth": t["n_article_lines"], "got": n}, [f])
        got_titles = {norm(r.title) for x in d.walk() for r in x.repeals if r.title}
        for title in expected_repeal_titles(t["repeal_lines"]):
            m["repeal_titles"].add(norm(title) in got_titles, {"file": f, "title": title}, [f])
    h = build_history(docs[f] for f in sorted(docs))
    node = {f: doc_key(docs[f]) for f in docs}
    node = {f: (k if k in h.graph else None) for f, k in node.items()}
    laws = {tuple(t["versions"]) for f, t in truth.items() if len(t["versions"]) > 1 and all(v in docs for v in t["versions"])}
    for vs in sorted(laws):
        if any(truth[v]["publish"] is None for v in vs) or len({truth[v]["publish"] for v in vs}) < len(vs):
            continue  # the collection does not tell the order of these editions
        keys = [node[v] for v in vs]
        linked = all(a and b and a != b and a in h.chain(b)[: h.chain(b).index(b)] for a, b in pairwise(keys))
        m["editions_linked"].add(linked, {"versions": list(vs), "nodes": keys}, vs)
        inf = [bool(k) and h.in_force(k, snapshot) for k in keys]
        m["only_newest_in_force"].add(inf[-1] and not any(inf[:-1]), {"versions": list(vs), "in_force": inf}, vs)
    out: dict[str, Any] = {k: v.figure() for k, v in m.items()}
    out["mismatches"] = {k: v.misses for k, v in m.items() if v.misses}
    out["history"] = {"documents": len(h.documents()), "undecided": len(h.undecided()),
                      "edition_edges": sum(1 for _u, _v, e in h.graph.edges(data=True) if e["kind"] in EDITION_EDGES)}
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--archive", type=Path, default=ARCHIVE)
    ap.add_argument("--sample", type=int, default=1, help="every N-th text plus all editions of versioned laws (1 = all)")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--json", type=Path, default=None, help="write the figures and mismatches here")
    a = ap.parse_args(argv)
    truth, manifest = load(a.archive)
    files = sample(truth, a.sample) if a.sample > 1 else sorted(truth)
    docs, failed, wall = parse_all(a.archive, files, a.workers)
    fig = score(docs, truth, manifest["commit_date"], [n["file"] for n in notes(a.archive)])
    fig["batch"] = {"docs": len(files), "failed": failed, "workers": a.workers, "wall_s": round(wall, 2),
                    "docs_per_s": round(len(files) / wall, 1) if wall else None}
    if a.json:
        a.json.write_text(json.dumps(fig, ensure_ascii=False, indent=1, default=str) + "\n", encoding="utf-8")
    for k, v in fig.items():
        if k != "mismatches":
            print(f"{k}: {json.dumps(v, ensure_ascii=False)}")
    print("archive: " + ", ".join(f"{k} {fig[k]['pct']}% ({fig[k]['pct_unnoted']}% without the noted files)" for k in (
        "title", "doc_type", "date_stated", "effective_stated", "articles_exact", "repeal_titles", "editions_linked",
        "only_newest_in_force")) + f", errors {failed}, {fig['batch']['docs_per_s']} docs/s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
