"""Provincial regulations (corpora/archives/lawrefbook-local) hold the national archive's floors.

Local regulations print their headers their own way: a city's regulation is adopted by the city
and approved by the province (``…通过`` / ``…批准``, or both on one line, ``…通过并经…批准的《…》修正``),
autonomous counties' regulations are approved by the province too, amendment lines close with a
stray ``）``, and 实施《X法》办法 titles spell the law out in full. The archive is a copied sample of
the collection's provincial folders (scripts/build_local_archive.py, provenance in its
``provenance.jsonl``) and is scored whole by benchmarks/archive.py, the national archive's measures.
"""

from __future__ import annotations

import sys
from functools import lru_cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))

import archive  # noqa: E402 - benchmarks/ goes on the path first

LOCAL = ROOT / "corpora" / "archives" / "lawrefbook-local"
FLOORS = {  # percent of the items the measure applies to
    "title": 99.0, "doc_type": 99.0, "date_stated": 97.0, "effective_stated": 97.0, "articles_exact": 99.0,
    "repeal_titles": 95.0, "editions_linked": 95.0, "only_newest_in_force": 95.0,
}  # fmt: skip


@lru_cache(maxsize=1)
def _figures() -> dict:
    truth, manifest = archive.load(LOCAL)
    docs, failed, _wall = archive.parse_all(LOCAL, sorted(truth), workers=1)
    fig = archive.score(docs, truth, manifest["commit_date"])
    fig["failed"] = failed
    return fig


def test_every_provincial_regulation_parses():
    assert _figures()["failed"] == 0


@pytest.mark.parametrize("measure", sorted(FLOORS))
def test_the_provincial_archive_holds_its_floor(measure):
    fig = _figures()[measure]
    assert fig["n"] > 0 and fig["pct"] >= FLOORS[measure], (fig, _figures()["mismatches"].get(measure, [])[:5])


def test_the_archive_covers_several_provinces_and_editions():
    truth, manifest = archive.load(LOCAL)
    assert len(manifest["dlc_by_province"]) >= 5
    assert sum(1 for t in truth.values() if len(t["versions"]) > 1) >= 6
