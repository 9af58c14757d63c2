#!/usr/bin/env python3
"""Build ``corpora/archives/lawrefbook-local`` from copied texts of provincial regulations.

The provincial collections of LawRefBook (``DLC/<省>地方法规/地方性法规/<省>/<title>(<date>).md``) come
without readable metadata here, so the truth is what the collection's own file list says, plus what
each text states in plain words, written in the same schema as the national archive's
``truth.jsonl`` so that ``benchmarks/archive.py`` and the shared scorer read both:

- ``title``: the file's heading line; ``publish``: the date in the file name (the collection's date of
  that edition), ``None`` for a file named without one;
- ``versions``: the dated files of one title in one province, oldest first; ``expired``: 1 for every
  edition but the newest, else 0 (the collection's snapshot keeps only the newest in force);
- ``valid_from``: the date of the 施行 article where the header records one event only (a first
  edition, whose 施行 article is its own); ``None`` otherwise (an amended text keeps the first
  edition's 施行 article, and the amendment's date is not stated);
- ``header_lines``, ``n_article_lines`` and ``repeal_lines`` as the national archive counts them.

Usage: ``python scripts/build_local_archive.py SRC [--out corpora/archives/lawrefbook-local]`` where SRC
holds ``<省>/<name>.txt`` and ``<省>/provenance.jsonl`` (one record per copied file: source path,
commit, total length, and whether the middle of a long text was left out).
"""

from __future__ import annotations

import argparse
import io
import json
import re
import tarfile
from collections import Counter, defaultdict
from pathlib import Path

from policyparse.normalize import parse_date

ROOT = Path(__file__).resolve().parents[1]
COMMIT, COMMIT_DATE = "2f4c5c23716267af9dbebbbbd6cbbf732b101981", "2025-04-19"
_NAME = re.compile(r"^(?P<title>.+?)(?:\((?P<date>\d{4}-\d{2}-\d{2})\))?\.txt$")
_DATE = re.compile(r"([0-9〇零一二三四五六七八九]{4})\s*年\s*([0-9一二三四五六七八九十]{1,3})\s*月\s*([0-9一二三四五六七八九十]{1,3})\s*日")
_EVENT = re.compile(r"通过|修正|修订|批准|公布|施行|发布|决定")
_ARTICLE = re.compile(r"^\s*第[一二三四五六七八九十百零〇]+条")
_BODY = re.compile(r"^\s*(?:第[一二三四五六七八九十百零〇]+[章节条编]|目\s*录)")


def header_lines(lines: list[str]) -> list[str]:
    """The dated event lines under the title, before the body begins."""
    out = []
    for ln in lines[1:]:
        if _BODY.match(ln) or not (_DATE.search(ln) and _EVENT.search(ln)):
            break
        out.append(ln)
    return out


_START = re.compile(r"自\s*(" + _DATE.pattern + r")\s*起(?:施行|实施)")


def stated_start(lines: list[str]) -> str | None:
    """The date a 施行 article states (本条例自2019年5月1日起施行); None for 自公布之日起施行."""
    for ln in reversed(lines):
        if _ARTICLE.match(ln) and (m := _START.search(ln)):
            return parse_date(m.group(1))
    return None


def build(src: Path, out: Path) -> dict[str, int]:
    prov: dict[str, dict] = {}
    for p in sorted(src.glob("*/provenance.jsonl")):
        for line in p.read_text(encoding="utf-8").splitlines():
            if line.strip():
                rec = json.loads(line)
                prov[rec["file"]] = rec
    texts = {p.relative_to(src).as_posix(): p.read_text(encoding="utf-8") for p in sorted(src.glob("*/*.txt"))}
    truth: dict[str, dict] = {}
    for f, text in texts.items():
        province, name = f.split("/", 1)
        m = _NAME.match(name)
        assert m, f
        lines = [ln for ln in text.splitlines() if ln.strip()]
        head = header_lines(lines)
        truth[f] = {
            "category": province, "db": f"DLC/{province}地方法规/db.sqlite3", "expired": 0, "family": "地方性法规",
            "file": f, "header_lines": head, "level": "地方性法规", "mapped_by": "file name",
            # a text whose middle was left out skips article numbers: its count is no measure of the parser
            "n_article_lines": None if prov.get(f, {}).get("excerpt") else sum(1 for ln in lines if _ARTICLE.match(ln)),
            "n_chars": len(text),
            "province": province, "publish": m["date"], "publish_source": "file name" if m["date"] else None,
            "repeal_lines": [ln for ln in lines if "废止" in ln], "source": prov.get(f, {}).get("path"),
            "excerpt": bool(prov.get(f, {}).get("excerpt")), "subtitle": None, "title": lines[0].strip(),
            "valid_from": stated_start(lines) if sum(bool(_DATE.search(h)) for h in head) == 1 else None,
            "ver": 1, "version_index": 0, "versions": [f],
        }
    by_title: dict[tuple[str, str], list[str]] = defaultdict(list)
    for f, t in truth.items():
        if t["publish"]:
            by_title[(t["province"], t["title"])].append(f)
    for fs in by_title.values():
        fs.sort(key=lambda f: truth[f]["publish"])
        for i, f in enumerate(fs):
            truth[f].update(versions=fs, version_index=i, expired=int(i < len(fs) - 1))
    out.mkdir(parents=True, exist_ok=True)
    with tarfile.open(out / "corpus.tar.xz", "w:xz") as tar:
        for f in sorted(texts):
            data = texts[f].encode("utf-8")
            info = tarfile.TarInfo(f)
            info.size, info.mtime, info.mode = len(data), 0, 0o644
            tar.addfile(info, io.BytesIO(data))
    (out / "truth.jsonl").write_text(
        "".join(json.dumps(truth[f], ensure_ascii=False, sort_keys=True) + "\n" for f in sorted(truth)), encoding="utf-8")
    (out / "provenance.jsonl").write_text(
        "".join(json.dumps(prov[f], ensure_ascii=False, sort_keys=True) + "\n" for f in sorted(prov) if f in texts),
        encoding="utf-8")
    manifest = {
        "archive": "github.com/LawRefBook/Laws (provincial DLC folders)", "commit": COMMIT, "commit_date": COMMIT_DATE,
        "n_docs": len(truth), "by_family": {"地方性法规": len(truth)},
        "dlc_by_province": dict(sorted(Counter(t["province"] for t in truth.values()).items())),
        "n_laws_with_versions": sum(1 for fs in by_title.values() if len(fs) > 1),
        "sample": "copied texts; a long text keeps its head and its last chapter (excerpt: true)",
    }
    (out / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return {"docs": len(truth), "with_versions": manifest["n_laws_with_versions"]}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("src", type=Path)
    ap.add_argument("--out", type=Path, default=ROOT / "corpora" / "archives" / "lawrefbook-local")
    a = ap.parse_args()
    print(build(a.src, a.out))


if __name__ == "__main__":
    main()
