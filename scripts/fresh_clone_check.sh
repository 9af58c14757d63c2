#!/usr/bin/env bash
# The README's two commands in a fresh clone on a new virtual environment, with the lock in force:
# clone this repository into a temporary folder, run scripts/setup.sh there, parse the seed, run the
# whole test suite. Takes ~10 minutes; prints the folder it used (delete it afterwards).
set -euo pipefail
SRC="$(cd "$(dirname "$0")/.." && pwd)"
d="$(mktemp -d)"
echo "fresh clone in $d/r" >&2
git clone -q "$SRC" "$d/r"
cd "$d/r"
bash scripts/setup.sh && .venv/bin/policyparse parse >/dev/null
bash scripts/setup.sh && .venv/bin/python -m pytest -q -x -p no:cacheprovider
