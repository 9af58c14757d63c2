"""Diff every pair of consecutive editions of the national archive: proof, alignment, time.

    python benchmarks/diff_editions.py [--archive ../shared/archives/lawrefbook-national] [--json OUT]

Pairs: for each law of ``truth.jsonl`` with several editions (``versions``, oldest first) whose
editions all have distinct ``publish`` dates (the order of the others is unknown: the archive's
own scorer skips them too), every two consecutive editions — 78 pairs. For each pair it parses
both files (not timed), times ``policyparse.diff`` (``perf_counter``, minimum of ``--repeats``),
and checks:

* proof: ``apply_diff(document_to_units(old), diff) == document_to_units(new)``;
* equal texts aligned unchanged: every old article whose text some new article has exactly
  (the same number of times in both editions, so the pairing is unambiguous) must be aligned,
  as ``unchanged``, with a new article of that text, whatever the two articles' numbers.

Prints one line per pair that fails, then the summary (also written as JSON with ``--json``).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tarfile
import tempfile
import time
from collections import Counter
from itertools import pairwise
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_ARCHIVE = ROOT.parent / "shared" / "archives" / "lawrefbook-national"


def edition_pairs(truth_rows: list[dict]) -> list[tuple[str, str]]:
    """Consecutive editions (older, newer) of every law whose editions have distinct dates."""
    by_file = {r["file"]: r for r in truth_rows}
    chains = sorted({tuple(r["versions"]) for r in truth_rows if len(r.get("versions") or []) > 1})
    out = []
    for vs in chains:
        dates = [by_file[v]["publish"] for v in vs]
        if None in dates or len(set(dates)) < len(vs):
            continue
        out += list(pairwise(vs))
    return out


def equal_text_alignment(old_units, new_units, diff, *, any_count: bool = False) -> tuple[int, int]:
    """(articles checked, of those aligned unchanged with an article of the same text).

    Checked: old articles whose text the new edition has as often as the old one (``any_count``:
    at least once, so that a text repeated more often in the old edition counts too)."""
    old_n = Counter(u.text for u in old_units if u.kind == "article")
    new_n = Counter(u.text for u in new_units if u.kind == "article")
    partner = {c.old_index: c for c in diff.changes if c.old_index is not None}
    checked = good = 0
    for i, u in enumerate(old_units):
        if u.kind != "article" or not new_n[u.text] or (not any_count and old_n[u.text] != new_n[u.text]):
            continue
        checked += 1
        c = partner[i]
        good += c.status == "unchanged" and new_units[c.new_index].text == u.text
    return checked, good


def run(archive: Path, repeats: int = 1) -> dict:
    from policyparse.diff import apply_diff, diff_documents, document_to_units
    from policyparse.diff.units import has_articles
    from policyparse.pipeline import parse

    rows = [json.loads(line) for line in (archive / "truth.jsonl").read_text(encoding="utf-8").splitlines() if line]
    pairs = edition_pairs(rows)
    with tempfile.TemporaryDirectory(prefix="policyparse-diff-") as tmp:
        wanted = {f for p in pairs for f in p}
        with tarfile.open(archive / "corpus.tar.xz") as tar:
            members = [m for m in tar.getmembers() if m.isfile() and m.name.removeprefix("./") in wanted]
            tar.extractall(tmp, members=members, filter="data")
        times, proofs, checked, good, failures = [], 0, 0, 0, []
        checked_any = good_any = 0
        totals: Counter[str] = Counter()
        for old_f, new_f in pairs:
            old, new = parse(Path(tmp) / old_f), parse(Path(tmp) / new_f)
            best = float("inf")
            for _ in range(repeats):
                t0 = time.perf_counter()
                d = diff_documents(old, new)
                best = min(best, time.perf_counter() - t0)
            times.append(best)
            articles = has_articles(old) or has_articles(new)
            ou, nu = document_to_units(old, articles=articles), document_to_units(new, articles=articles)
            ok = apply_diff(ou, d) == nu
            proofs += ok
            c, g = equal_text_alignment(ou, nu, d)
            checked, good = checked + c, good + g
            c2, g2 = equal_text_alignment(ou, nu, d, any_count=True)
            checked_any, good_any = checked_any + c2, good_any + g2
            totals.update({k: v for k, v in d.summary.model_dump().items()})
            if not ok or c != g:
                failures.append({"old": old_f, "new": new_f, "proof": ok, "equal_checked": c, "equal_unchanged": g})
                print(f"FAIL {old_f} -> {new_f}: proof={ok} equal-text unchanged {g}/{c}", file=sys.stderr)
    return {"pairs": len(pairs), "proof_ok": proofs,
            "equal_text_articles": checked, "equal_text_aligned_unchanged": good,
            "equal_text_pct": round(100.0 * good / checked, 2) if checked else None,
            "equal_text_any_count_articles": checked_any, "equal_text_any_count_aligned_unchanged": good_any,
            "diff_seconds_median": round(statistics.median(times), 4), "diff_seconds_max": round(max(times), 4),
            "diff_seconds_total": round(sum(times), 3),
            "diff_seconds_max_pair": pairs[times.index(max(times))][1], "units": dict(sorted(totals.items())), "failures": failures}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--archive", type=Path, default=DEFAULT_ARCHIVE)
    ap.add_argument("--repeats", type=int, default=1)
    ap.add_argument("--json", type=Path)
    a = ap.parse_args()
    if not (a.archive / "truth.jsonl").exists():
        sys.exit(f"{a.archive} has no truth.jsonl (the ../shared archive is absent)")
    res = run(a.archive, a.repeats)
    text = json.dumps(res, ensure_ascii=False, indent=2, sort_keys=True)
    if a.json:
        a.json.write_text(text + "\n", encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
