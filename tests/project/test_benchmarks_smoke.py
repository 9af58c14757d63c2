"""The benchmark suite runs end to end on two documents, and its corpus generator is reproducible.

No timing is asserted here: the figures themselves are checked by reading benchmarks/README.md.
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BENCH = ROOT / "benchmarks"
sys.path.insert(0, str(BENCH))

import gen_corpus  # noqa: E402


def _sources() -> list[Path]:
    src = gen_corpus.real_sources(ROOT)
    if not src:
        pytest.skip("corpora/seed and corpora/dev hold no .txt documents")
    return src


def test_it_generates_the_same_bytes_from_the_same_seed(tmp_path: Path) -> None:
    src = _sources()
    a = gen_corpus.generate(6, seed=7, out_dir=tmp_path / "a", sources=src)
    b = gen_corpus.generate(6, seed=7, out_dir=tmp_path / "b", sources=src)
    assert [p.name for p in a] == [p.name for p in b]
    assert [p.read_bytes() for p in a] == [p.read_bytes() for p in b]


def test_its_variants_differ_from_their_sources_and_across_seeds(tmp_path: Path) -> None:
    src = _sources()
    a = gen_corpus.generate(len(src), seed=1, out_dir=tmp_path / "a", sources=src)
    b = gen_corpus.generate(len(src), seed=2, out_dir=tmp_path / "b", sources=src)
    assert any(p.read_text(encoding="utf-8") != s.read_text(encoding="utf-8") for p, s in zip(a, src, strict=True))
    assert [p.read_bytes() for p in a] != [p.read_bytes() for p in b]


def test_it_reuses_a_cached_corpus_whose_manifest_matches(tmp_path: Path) -> None:
    src = _sources()[:2]
    first = gen_corpus.generate(2, seed=0, out_dir=tmp_path, sources=src)
    stamp = [p.stat().st_mtime_ns for p in first]
    again = gen_corpus.generate(2, seed=0, out_dir=tmp_path, sources=src)
    assert [p.stat().st_mtime_ns for p in again] == stamp


def test_shuffled_items_keep_their_markers_in_order() -> None:
    lines = ["一、总体要求", "（一）甲。", "（二）乙。", "（三）丙。", "二、保障措施", "（一）丁。"]
    out = gen_corpus.shuffle_items(lines, random.Random(3))
    assert [ln[:3] for ln in out[1:4]] == ["（一）", "（二）", "（三）"]
    assert sorted(ln[3:] for ln in out[1:4]) == ["丙。", "乙。", "甲。"]
    assert out[0] == "一、总体要求" and out[4:] == lines[4:]


def test_renamed_units_are_consistent_within_a_document() -> None:
    names = ["省教育厅", "省财政厅", "省科技厅", "教育部", "财政部"]
    text = "（省教育厅、省财政厅负责）……省教育厅牵头。"
    out = gen_corpus.rename_units(text, random.Random(5), names)
    first = out[1 : out.index("、")]
    assert first.startswith("省") and first in names
    assert out.endswith(first + "牵头。")


def test_a_longer_annex_repeats_the_last_annex_body() -> None:
    lines = ["正文", "附件1", "标题", "甲 |", "乙 |"]
    assert gen_corpus.lengthen_annex(lines, 2) == lines + ["甲 |", "乙 |"] * 2
    assert gen_corpus.lengthen_annex(["正文"], 3) == ["正文"]


@pytest.mark.slow
def test_the_suite_runs_on_two_documents_and_writes_every_section(tmp_path: Path) -> None:
    _sources()
    out = tmp_path / "results.json"
    proc = subprocess.run(
        [sys.executable, str(BENCH / "run.py"), "--quick", "--json", str(out), "--cache-dir", str(tmp_path / "cache")],
        capture_output=True, text=True, timeout=300, cwd=ROOT, check=False,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    res = json.loads(out.read_text(encoding="utf-8"))
    assert res["text"]["real"]["docs"] == 2
    assert set(res["text"]["real"]["seconds"]) == {"floor", "jieba", "parse", "parse_jieba"}
    assert res["pdf"]["pages"] >= 1 and res["docx"]["files"]
    assert set(res["batch"]["runs"]) == {"n_1w", "n_2w", "grown_2w"}
    assert all(r["ok"] == r["docs"] for r in res["batch"]["runs"].values())
    assert res["import"]["import_s_min"] > 0
    assert all(isinstance(t["met"], bool) for t in res["targets"])
    assert "| target |" in proc.stdout


def test_only_an_explicit_full_run_may_rewrite_the_committed_results(tmp_path: Path) -> None:
    committed = (BENCH / "results.json").read_bytes()
    proc = subprocess.run([sys.executable, str(BENCH / "run.py"), "--quick", "--update-committed"],
                          capture_output=True, text=True, timeout=120, cwd=ROOT, check=False)
    assert proc.returncode == 2 and "--update-committed" in proc.stderr
    assert (BENCH / "results.json").read_bytes() == committed
    sys.path.insert(0, str(BENCH))
    try:
        import run as bench_run
    finally:
        sys.path.remove(str(BENCH))
    assert bench_run.DEFAULT_JSON.relative_to(ROOT).parts[0] == "out"  # git-ignored


def test_the_parse_cpu_benchmark_times_every_nth_text_of_an_archive(tmp_path: Path) -> None:
    import tarfile

    import parse_cpu

    src = _sources()[:5]
    archive = tmp_path / "archive"
    archive.mkdir()
    with tarfile.open(archive / "corpus.tar.xz", "w:xz") as t:
        for i, p in enumerate(src):
            t.add(p, arcname=f"law/{i:02d}.txt")
    r = parse_cpu.bench(every=2, repeats=1, rounds=1, baseline=None, cache=tmp_path / "cache", archive=archive)
    assert r["docs"] == len(src[::2])  # the first, third and fifth text
    assert r["failed"] == {"current": 0}
    assert r["cpu_ms_per_doc"]["current"] > 0 and len(r["passes"]["current"]) == 1


def test_the_parse_cpu_benchmark_says_when_the_archive_is_absent(tmp_path: Path) -> None:
    import parse_cpu

    r = parse_cpu.bench(every=4, repeats=1, rounds=1, baseline=None, cache=tmp_path, archive=tmp_path / "nothing")
    assert "skipped" in r and "nothing" in r["skipped"]
