#!/usr/bin/env bash
# Install the system packages some tests use, from Debian (none is needed to *use* policyparse):
#   chromium + chromium-driver  (headless screenshot of the report, tests/cli/test_report.py)
#   fonts-noto-cjk               (Chinese glyphs in the browser and in matplotlib figures)
#   libreoffice-writer-nogui     (the .doc/.wps conversion path, and a PDF table over a page break)
#   poppler-utils                (pdftoppm, to look at PDF pages while checking table expectations)
#   postgresql                   (the PostgreSQL store tests, started by scripts/pg_for_tests.sh)
# Idempotent: a package already installed is not installed again, and `apt-get update` runs
# only when something is missing. Needs root (CI runs as root) or sudo; without either it says
# so and exits 0, so the tests skip with their own reason instead of the setup failing.
set -euo pipefail

want=(chromium chromium-driver fonts-noto-cjk libreoffice-writer-nogui poppler-utils postgresql)
missing=()
for pkg in "${want[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$pkg")
  fi
done

if [ "${#missing[@]}" -eq 0 ]; then
  echo "install_system_deps: ${want[*]} are already installed"
  exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "install_system_deps: no apt-get here; install ${missing[*]} by hand (the tests that need them will skip)" >&2
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then
    SUDO="sudo"
  else
    echo "install_system_deps: not root and no sudo; install ${missing[*]} by hand (the tests that need them will skip)" >&2
    exit 0
  fi
fi

echo "install_system_deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
# matplotlib caches the font list; drop it so a newly installed CJK font is found.
rm -rf "${HOME:-/root}/.cache/matplotlib" 2>/dev/null || true
echo "install_system_deps: done"
