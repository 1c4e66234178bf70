#!/usr/bin/env bash
# Bootstrap: system packages Manim needs, then .venv with the project installed
# from the tested constraints. Run by `make` through the .venv/.bootstrap stamp.
set -euo pipefail
cd "$(dirname "$0")/.."

SYSTEM_PACKAGES=(
  pkg-config libcairo2-dev libpango1.0-dev            # pycairo and manimpango build from source
  texlive-latex-base texlive-latex-recommended texlive-latex-extra dvisvgm  # MathTex
  chromium fonts-dejavu-core  # tests/test_browser.py: the gallery in headless Chromium (Playwright)
  poppler-utils  # tests/test_lectures.py reads the lecture handout with pdfinfo and pdftotext
)
PYTHON="${PYTHON:-python3}"

missing=()
for pkg in "${SYSTEM_PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$pkg")
  fi
done
# npm fetches reveal.js once for `make slides`. Checked as a command, not a package:
# NodeSource's nodejs bundles npm and conflicts with Debian's npm package.
command -v npm >/dev/null || missing+=(npm)

if ((${#missing[@]})); then
  if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
    echo "bootstrap: installing system packages: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "bootstrap: missing system packages: ${missing[*]}" >&2
    echo "bootstrap: run this, then 'make' again:" >&2
    echo "  sudo apt-get update && sudo apt-get install -y --no-install-recommends ${missing[*]}" >&2
    exit 1
  fi
fi

if [[ ! -x .venv/bin/python ]]; then
  "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -c constraints.txt -e '.[dev]'
