#!/usr/bin/env bash
# Write requirements/constraints.txt: the exact versions of every package installed in a virtualenv
# (default .venv) other than policyparse itself — the lock scripts/setup.sh installs with `-c`.
#
#   bash scripts/lock.sh [VENV]                         # pin what VENV holds (after a green test run)
#
# To move the lock to newer releases (within pyproject.toml's ranges), in one command:
#   POLICYPARSE_UNLOCKED=1 bash scripts/setup.sh && .venv/bin/python -m pytest -q && bash scripts/lock.sh
set -euo pipefail
cd "$(dirname "$0")/.."
VENV="${1:-.venv}"
OUT="requirements/constraints.txt"
mkdir -p requirements
{
  echo "# The versions the test suite passed with, for: pip install -c $OUT ..."
  echo "# Written by scripts/lock.sh from $("$VENV/bin/python" -c 'import platform; print("Python " + platform.python_version())'); do not edit by hand."
  "$VENV/bin/python" -m pip freeze --all --exclude-editable --disable-pip-version-check \
    | grep -v -i -E '^(policyparse|pip)([=@ ]|$)' | grep -v -E '^(-e |#)' | LC_ALL=C sort -f
} > "$OUT.part"
mv "$OUT.part" "$OUT"
echo "wrote $OUT ($(grep -c '==' "$OUT") pins)" >&2
