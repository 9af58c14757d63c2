"""The Dask engine: the same records in the same order as the local engine, on a LocalCluster."""

from __future__ import annotations

import pytest

from policyparse.batch import parse_many

from conftest import DEV

distributed = pytest.importorskip("dask.distributed", reason="Dask is an optional extra: pip install 'policyparse[dask]'")


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0") as c:
        yield c


def test_dask_and_local_engines_write_identical_output_over_the_dev_corpus(cluster, tmp_path):
    local = tmp_path / "local.jsonl"
    dask = tmp_path / "dask.jsonl"
    n_local = sum(1 for _ in parse_many(DEV, workers=2, out=local, recursive=True))
    n_dask = sum(1 for _ in parse_many(DEV, engine="dask", scheduler=cluster.scheduler_address, out=dask, dask_chunk=16,
                                       recursive=True))
    assert n_local == n_dask == len(list(DEV.rglob("*.txt"))) + len(list(DEV.rglob("*.html")))
    assert dask.read_bytes() == local.read_bytes()


def test_a_failing_input_costs_one_error_record_on_dask_too(cluster, tmp_path):
    bad = tmp_path / "broken.pdf"
    bad.write_bytes(b"%PDF-1.7 not really")
    good = DEV / "002_guofa_2018_39.txt"
    recs = list(parse_many([good, bad], engine="dask", scheduler=cluster.scheduler_address))
    by_path = {r["path"]: r for r in recs}
    assert set(by_path) == {str(good), str(bad)} and len(recs) == 2
    assert by_path[str(good)]["ok"] and not by_path[str(bad)]["ok"]
    assert by_path[str(bad)]["error"] == "CorruptDocument"
