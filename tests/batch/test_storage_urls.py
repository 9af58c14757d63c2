"""Inputs and outputs named by URL: what counts as a URL, and file:// through the batch (no server needed)."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from policyparse.batch import parse_many
from policyparse.cli import main
from policyparse.errors import FileNotFound, UsageError
from policyparse.storage import is_url, storage_options

from conftest import DEV


@pytest.mark.parametrize("s", ["s3://b/k", "gs://b/", "file:///tmp/x", "zip::s3://b/a.zip", "zip://a.txt::s3://b/a.zip"])
def test_it_takes_protocol_strings_as_urls(s):
    assert is_url(s)


@pytest.mark.parametrize("s", ["corpora/dev", "/abs/path.txt", "C:\\docs\\a.txt", "c:/docs/a.txt", "a::b", ""])
def test_it_keeps_paths_and_drive_letters_as_paths(s):
    assert not is_url(s)


def test_it_reads_storage_options_from_the_environment_at_call_time(monkeypatch):
    monkeypatch.setenv("FSSPEC_S3_ENDPOINT_URL", "http://127.0.0.1:9")
    assert storage_options("s3://b/k") == {"s3": {"endpoint_url": "http://127.0.0.1:9"}}
    assert storage_options("zip::s3://b/a.zip") == {"s3": {"endpoint_url": "http://127.0.0.1:9"}}
    assert storage_options("file:///tmp/x") == {}


def test_file_urls_give_the_local_records_with_the_url_as_path(tmp_path):
    files = sorted(DEV.glob("*.txt"))[:3]
    by_url = list(parse_many(f"file://{DEV}/", workers=0, recursive=False))
    assert [r["path"] for r in by_url][:3] == [f"file://{f}" for f in files]
    local = list(parse_many([str(f) for f in files], workers=0))
    for u, r in zip(by_url, local, strict=False):
        u["document"]["source"]["path"] = r["document"]["source"]["path"]
        assert {**u, "path": r["path"]} == r


def test_a_url_output_is_written_and_resumed_through_fsspec(tmp_path):
    files = [str(f) for f in sorted(DEV.glob("*.txt"))[:3]]
    url = f"file://{tmp_path}/out/records.jsonl"
    list(parse_many(files, workers=0, out=url))
    full = (tmp_path / "out" / "records.jsonl").read_bytes()
    assert full.count(b"\n") == 3
    (tmp_path / "out" / "records.jsonl").write_bytes(full[: full.index(b"\n") + 1] + b'{"path":')
    again = list(parse_many(files, workers=0, out=url, resume=True))
    assert len(again) == 3 and (tmp_path / "out" / "records.jsonl").read_bytes() == full


def test_a_url_that_names_nothing_is_file_not_found(tmp_path):
    with pytest.raises(FileNotFound):
        list(parse_many(f"file://{tmp_path}/missing/", workers=0))


def test_record_worker_is_refused_off_the_dask_engine():
    with pytest.raises(UsageError, match="engine='dask'"):
        parse_many(str(DEV), workers=0, record_worker=True)


def test_store_and_parquet_refuse_a_url_output():
    res = CliRunner().invoke(main, ["batch", str(DEV), "-o", "s3://b/out.jsonl", "--parquet", "x", "--no-progress"])
    assert res.exit_code == 2 and "local path" in res.output
