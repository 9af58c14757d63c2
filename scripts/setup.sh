#!/usr/bin/env bash
# Create .venv (Python 3.11+) and install policyparse with everything its tests need, at the versions
# the suite was tested with (requirements/constraints.txt, written by scripts/lock.sh).
# pkuseg 0.0.25 has no wheel: it builds against numpy and cython already in the environment,
# so those go first and pkuseg is built without build isolation.
# POLICYPARSE_UNLOCKED=1 installs the newest versions pyproject.toml allows instead (to refresh the lock).
set -euo pipefail
cd "$(dirname "$0")/.."
PY="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
LOCK=(-c requirements/constraints.txt)
if [ "${POLICYPARSE_UNLOCKED:-0}" = "1" ]; then
  LOCK=(--upgrade)
fi
PIP=(.venv/bin/python -m pip install -q --disable-pip-version-check)
"${PIP[@]}" --upgrade pip
"${PIP[@]}" "${LOCK[@]}" setuptools wheel
"${PIP[@]}" "${LOCK[@]}" "numpy>=1.24" "cython>=3.0"
"${PIP[@]}" "${LOCK[@]}" --no-build-isolation "pkuseg==0.0.25"
"${PIP[@]}" "${LOCK[@]}" -e ".[dev,pkuseg]"
echo "policyparse is installed in .venv ($(.venv/bin/python -c 'import policyparse; print(policyparse.__version__)'))"
