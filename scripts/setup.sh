#!/usr/bin/env bash
# Create .venv (Python 3.11+) and install policyparse with everything its tests need.
# pkuseg 0.0.25 has no wheel: it builds against numpy and cython already in the environment,
# so those go first and pkuseg is built without build isolation.
set -euo pipefail
cd "$(dirname "$0")/.."
PY="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
.venv/bin/python -m pip install -q --upgrade pip setuptools wheel
.venv/bin/python -m pip install -q "numpy>=1.24" "cython>=3.0"
.venv/bin/python -m pip install -q --no-build-isolation "pkuseg==0.0.25"
.venv/bin/python -m pip install -q -e ".[dev,pkuseg]"
echo "policyparse is installed in .venv ($(.venv/bin/python -c 'import policyparse; print(policyparse.__version__)'))"
