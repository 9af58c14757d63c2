"""Every pair of consecutive editions of the national archive: the diff applied to the old edition
gives the new one exactly, and articles kept word for word are aligned as unchanged.

Needs ``../shared/archives/lawrefbook-national`` (skipped with the reason when it is absent); the
core assertions on edition pairs run on the copies in ``corpora/editions`` (tests/diff/test_diff.py).
Runs ``benchmarks/diff_editions.py`` (its figures are in benchmarks/README.md), about 5 s.
"""

from __future__ import annotations

import sys

from conftest import ROOT, shared_or_skip

sys.path.insert(0, str(ROOT / "benchmarks"))

import diff_editions  # noqa: E402


def test_the_diff_of_each_of_the_78_edition_pairs_applies_and_keeps_equal_articles_unchanged():
    archive = shared_or_skip("archives/lawrefbook-national/truth.jsonl").parent
    res = diff_editions.run(archive)
    assert res["pairs"] == 78
    assert res["proof_ok"] == 78, res["failures"]
    assert res["equal_text_articles"] > 2000
    assert res["equal_text_aligned_unchanged"] >= 0.99 * res["equal_text_articles"], res["failures"]
