"""Deterministic benchmark corpus: a few thousand variants of the real documents.

Contract of :func:`generate`:

* The sources are the project's real plain-text documents (``corpora/seed/*.txt`` and
  ``corpora/dev/*.txt``), read in sorted order.
* Variant ``i`` is made from source ``i % len(sources)`` with a private ``random.Random``
  seeded by ``f"{seed}:{i}"``: the same ``(seed, n, sources)`` always gives byte-identical files.
* Three edits, each applied to a random subset of the variants:
  - *shuffled items*: the bodies of sibling list items (``（一）…（二）…``, ``1. … 2. …``) are
    permuted while the markers stay in order, so the outline stays numbered 1, 2, 3;
  - *renamed units*: organ names found in the text (surface forms of ``data/units.jsonl``, or a
    small built-in list when the lexicon cannot be read) are mapped, consistently within a
    document, to other names of the same kind (``省…`` to ``省…``);
  - *longer annexes*: the body of the last annex (``附件N`` on a line of its own to the end) is
    appended one to four more times.
* Files go to ``out_dir`` (default: :func:`default_cache_dir`, under the system temp folder,
  never inside the repository) as ``{i:05d}_{source stem}.txt`` with a ``manifest.json``; a
  folder whose manifest matches ``(seed, n, version, source and unit-list digests)`` is reused.

Run ``python benchmarks/gen_corpus.py --n 2000 --seed 0`` to build it by hand;
``benchmarks/run.py`` calls :func:`generate` itself.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VERSION = 1
_LEXICON = ROOT / "src" / "policyparse" / "data" / "units.jsonl"
_FALLBACK_UNITS = (
    "省发展改革委", "省教育厅", "省科技厅", "省工业和信息化厅", "省公安厅", "省财政厅", "省自然资源厅",
    "省生态环境厅", "省交通运输厅", "省商务厅", "省卫生健康委", "省市场监管局", "省统计局",
    "国家发展改革委", "教育部", "科技部", "工业和信息化部", "公安部", "民政部", "财政部", "自然资源部",
    "生态环境部", "交通运输部", "商务部", "国家卫生健康委", "市场监管总局", "国家统计局", "人民银行",
)
# a list item at the start of a line: （一） (一) 1. 1、 （1）
_ITEM = re.compile(r"^(?:[（(][一二三四五六七八九十]{1,3}[）)]|[（(][0-9]{1,2}[）)]|[0-9]{1,2}[.、．](?![0-9]))")
_OUTER = re.compile(r"^(?:[一二三四五六七八九十]{1,3}、|第[一二三四五六七八九十百0-9]{1,5}[章节条])")
_ANNEX = re.compile(r"^附件\s*[0-9一二三四五六七八九十]*\s*$")


def default_cache_dir() -> Path:
    """Where generated corpora live: ``<system temp>/policyparse-bench``."""
    return Path(tempfile.gettempdir()) / "policyparse-bench"


def real_sources(root: Path = ROOT) -> list[Path]:
    """The real plain-text documents the variants are made from, sorted by path."""
    return sorted((root / "corpora" / "seed").glob("*.txt")) + sorted((root / "corpora" / "dev").glob("*.txt"))


def load_unit_names(path: Path = _LEXICON) -> list[str]:
    """Organ names (canonical and short forms, three characters or more), sorted, de-duplicated."""
    names: set[str] = set()
    try:
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            rec = json.loads(line)
            for form in [rec.get("canonical", "")] + list(rec.get("short_forms", [])):
                if isinstance(form, str) and len(form) >= 3:
                    names.add(form)
    except (OSError, ValueError, AttributeError, TypeError):
        names = set()
    return sorted(names) if len(names) >= 10 else sorted(_FALLBACK_UNITS)


def _kind(name: str) -> str:
    return name[0] if name[0] in "省市" else "other"


def rename_units(text: str, rng: random.Random, names: list[str]) -> str:
    """Map every organ name of ``names`` present in ``text`` to another name of the same kind."""
    present = [n for n in names if n in text]
    if not present:
        return text
    pools: dict[str, list[str]] = {}
    for n in names:
        pools.setdefault(_kind(n), []).append(n)
    mapping = {n: rng.choice(pools[_kind(n)]) for n in present}
    rx = re.compile("|".join(re.escape(n) for n in sorted(present, key=lambda s: (-len(s), s))))
    return rx.sub(lambda m: mapping[m.group(0)], text)


def _style(marker: str) -> str:
    """``paren-han``, ``paren-num`` or ``num``: siblings share it."""
    if marker[0] in "（(":
        return "paren-num" if marker[1].isdigit() else "paren-han"
    return "num"


def shuffle_items(lines: list[str], rng: random.Random) -> list[str]:
    """Permute the bodies of each run of sibling items; the markers keep their order."""
    out = list(lines)
    i = 0
    while i < len(out):
        group: list[tuple[int, str, str]] = []  # (line index, marker, body)
        j = i
        while j < len(out):
            m = _ITEM.match(out[j])
            if m is None or (group and _style(m.group(0)) != _style(group[0][1])):
                if _OUTER.match(out[j]) or _ANNEX.match(out[j].strip()) or (group and not out[j].strip()):
                    break
                if group:  # a continuation line or a nested item stays where it is
                    j += 1
                    continue
                break
            group.append((j, m.group(0), out[j][m.end():]))
            j += 1
        if len(group) >= 2:
            bodies = [b for _, _, b in group]
            rng.shuffle(bodies)
            for (k, marker, _), body in zip(group, bodies, strict=True):
                out[k] = marker + body
        i = max(j, i + 1)
    return out


def lengthen_annex(lines: list[str], times: int) -> list[str]:
    """Append the body of the last annex ``times`` more times (no change without an annex)."""
    starts = [k for k, ln in enumerate(lines) if _ANNEX.match(ln.strip())]
    if not starts or times <= 0:
        return lines
    body = lines[starts[-1] + 2 :]  # skip the 附件N line and the annex title
    while body and not body[-1].strip():
        body = body[:-1]
    return lines + body * times if body else lines


def make_variant(text: str, rng: random.Random, names: list[str]) -> str:
    """One variant of ``text``: each edit applied with probability 1/2 (annexes 2/3)."""
    if rng.random() < 0.5:
        text = rename_units(text, rng, names)
    lines = text.split("\n")
    if rng.random() < 0.5:
        lines = shuffle_items(lines, rng)
    if rng.random() < 2 / 3:
        lines = lengthen_annex(lines, rng.randint(1, 4))
    return "\n".join(lines)


def _manifest(seed: int, n: int, sources: list[Path]) -> dict:
    digests = {p.name: hashlib.sha256(p.read_bytes()).hexdigest()[:16] for p in sources}
    units = hashlib.sha256("\n".join(load_unit_names()).encode("utf-8")).hexdigest()[:16]
    return {"version": VERSION, "seed": seed, "n": n, "sources": digests, "unit_names": units}


def generate(n: int = 2000, seed: int = 0, out_dir: Path | None = None,
             sources: list[Path] | None = None) -> list[Path]:
    """Write (or reuse) ``n`` variants and return their paths in variant order."""
    sources = sources if sources is not None else real_sources()
    if not sources:
        raise FileNotFoundError("no source documents under corpora/seed or corpora/dev")
    out = (out_dir or default_cache_dir()) / f"seed{seed}-n{n}"
    manifest = _manifest(seed, n, sources)
    mpath = out / "manifest.json"
    names_out = [f"{i:05d}_{sources[i % len(sources)].stem}.txt" for i in range(n)]
    paths = [out / name for name in names_out]
    try:
        if json.loads(mpath.read_text(encoding="utf-8")) == manifest and all(p.is_file() for p in paths):
            return paths
    except (OSError, ValueError):
        pass
    out.mkdir(parents=True, exist_ok=True)
    texts = [p.read_text(encoding="utf-8") for p in sources]
    names = load_unit_names()
    for i, path in enumerate(paths):
        rng = random.Random(f"{seed}:{i}")
        path.write_text(make_variant(texts[i % len(texts)], rng, names), encoding="utf-8")
    mpath.write_text(json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True), encoding="utf-8")
    return paths


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--n", type=int, default=2000, help="number of variants (default 2000)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--out", type=Path, default=None, help=f"folder (default {default_cache_dir()})")
    args = ap.parse_args(argv)
    paths = generate(args.n, args.seed, args.out)
    size = sum(p.stat().st_size for p in paths)
    print(f"{len(paths)} documents, {size / 1e6:.1f} MB in {paths[0].parent}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
