"""A reproducible install: the lock of tested versions, the setup script that uses it, the metadata."""

from __future__ import annotations

import re
import tomllib
from importlib import metadata

from conftest import ROOT

LOCK = ROOT / "requirements" / "constraints.txt"


def _pins() -> dict[str, str]:
    pins = {}
    for line in LOCK.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, sep, version = line.partition("==")
            assert sep, f"not an exact pin: {line!r}"
            pins[re.sub(r"[-_.]+", "-", name).lower()] = version
    return pins


def test_it_pins_every_runtime_and_test_dependency_exactly_but_not_policyparse_itself():
    pins = _pins()
    for name in ("lxml", "pdfplumber", "pydantic", "spacy", "jieba", "numpy", "cython", "pkuseg", "setuptools",
                 "sqlalchemy", "alembic", "networkx", "pytest", "pandas", "psycopg"):
        assert name in pins, f"{name} is not locked"
    assert "policyparse" not in pins and "pip" not in pins


def test_it_locks_the_versions_this_environment_runs_with():
    pins = _pins()
    for name in ("lxml", "pdfplumber", "pydantic", "jieba", "sqlalchemy"):
        assert metadata.version(name) == pins[name], f"{name}: installed {metadata.version(name)}, locked {pins[name]}"


def test_setup_installs_every_step_with_the_lock_and_the_lock_has_one_refresh_command():
    setup = (ROOT / "scripts" / "setup.sh").read_text(encoding="utf-8")
    assert "-c requirements/constraints.txt" in setup
    installs = [ln for ln in setup.splitlines() if ln.startswith('"${PIP[@]}" "${LOCK[@]}"')]
    assert len(installs) == 4 and any("pkuseg" in ln and "--no-build-isolation" in ln for ln in installs)
    lock = (ROOT / "scripts" / "lock.sh").read_text(encoding="utf-8")
    assert "requirements/constraints.txt" in lock and "pip freeze" in lock


def test_the_license_is_an_spdx_string_with_a_setuptools_that_reads_it():
    pp = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert pp["project"]["license"] == "MIT"
    [st] = [r for r in pp["build-system"]["requires"] if r.startswith("setuptools")]
    assert int(st.split(">=")[1].split(".")[0]) >= 77  # PEP 639 license expressions
    assert not any(c.startswith("License ::") for c in pp["project"].get("classifiers", []))


def test_the_test_postgresql_lives_in_a_per_user_folder():
    script = (ROOT / "scripts" / "pg_for_tests.sh").read_text(encoding="utf-8")
    assert 'DIR="${POLICYPARSE_PG_DIR:-/tmp/policyparse-pg-$(id -u)}"' in script
