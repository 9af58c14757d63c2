"""Packaging: the wheel installs into a clean virtual environment and works there, data files included."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import venv
from pathlib import Path

import pytest

from conftest import ROOT

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    r = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(ROOT)],
                       capture_output=True, text=True, timeout=600)
    if r.returncode != 0:
        pytest.skip(f"could not build the wheel here (no registry for the build backend?): {r.stderr[-300:]}")
    [whl] = list(out.glob("policyparse-*.whl"))
    return whl


def test_the_wheel_carries_the_data_files(wheel):
    import zipfile

    names = set(zipfile.ZipFile(wheel).namelist())
    for f in ("policyparse/data/units.jsonl", "policyparse/data/lead_rules.jsonl", "policyparse/data/role_words.json",
              "policyparse/data/task_columns.json", "policyparse/data/policy_document.schema.json",
              "policyparse/data/examples/hunan_2021_seed.txt", "policyparse/py.typed"):
        assert f in names, f
    assert any(n.startswith("policyparse/store/migrations/versions/") for n in names)


def test_pip_install_of_the_wheel_works_in_a_clean_environment(wheel, tmp_path):
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True, clear=True).create(env_dir)
    py = env_dir / "bin" / "python"
    # a clean environment sees neither these sources nor the egg-info a build leaves beside them
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    r = subprocess.run([str(py), "-m", "pip", "install", "-q", str(wheel)], capture_output=True, text=True, timeout=900,
                       env=env)
    assert r.returncode == 0, r.stderr[-2000:]
    r = subprocess.run([str(env_dir / "bin" / "policyparse"), "parse", "--no-text"], capture_output=True, text=True,
                       timeout=300, cwd=tmp_path, env=env)
    assert r.returncode == 0, r.stderr[-2000:]
    d = json.loads(r.stdout)
    assert d["date"] == "2021-08-17" and len(d["enclosed"][0]["tasks"]) == 6
    assert d["enclosed"][0]["tasks"][0]["units"][0]["canonical"] == "湖南省工业和信息化厅"  # the unit lexicon shipped
