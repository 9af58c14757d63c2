"""The analysts' table: one row per (task, unit, role), as records, a DataFrame and CSV."""

from __future__ import annotations

import csv
import io

from click.testing import CliRunner

from policyparse.cli import main
from policyparse.serialize.records import TASK_COLUMNS, task_frame, task_records

from conftest import SEED


def test_it_gives_one_record_per_task_unit(seed_doc):
    recs = task_records(seed_doc)
    assert len(recs) == 3 + 4 + 3 + 4 + 4 + 9
    first = recs[0]
    assert (first["outline_path"], first["unit"], first["role"], first["is_lead"]) == ("二(一)", "省工业和信息化厅", "lead", True)
    assert sum(r["is_lead"] for r in recs) == 6


def test_the_dataframe_has_the_same_rows(seed_doc):
    df = task_frame(seed_doc)
    assert list(df.columns) == list(TASK_COLUMNS)
    assert len(df) == len(task_records(seed_doc))
    assert df[df.is_lead].unit.tolist()[:2] == ["省工业和信息化厅", "省科技厅"]


def test_the_cli_writes_the_table_as_csv():
    r = CliRunner().invoke(main, ["tasks", str(SEED)])
    assert r.exit_code == 0, r.output
    rows = list(csv.DictReader(io.StringIO(r.output)))
    assert len(rows) == 27 and rows[0]["unit"] == "省工业和信息化厅" and rows[0]["is_lead"] == "True"
