#!/usr/bin/env bash
# Sets up a fresh machine for the tests and runs them: a virtual environment with the project
# and its test extras, then ruff and pytest (headless Qt). CI runs exactly this (.ci/run).
set -euo pipefail
cd "$(dirname "$0")/.."
# System packages the tests use: a Chinese font for the printed findings sheet, LibreOffice to
# convert a corrected report to PDF and to export the fixtures as published PDFs and web pages.
# Installed where we may (root with apt-get, as in CI); elsewhere the tests that need them skip
# and say why.
if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  missing=""
  for pkg in fonts-noto-cjk libreoffice-writer-nogui; do dpkg -s "$pkg" >/dev/null 2>&1 || missing="$missing $pkg"; done
  if [ -n "$missing" ]; then
    apt-get update -q >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $missing >/dev/null
  fi
  # installed here, so the round trips through LibreOffice (DOCX → PDF, → web page) must run
  export NIANBAO_REQUIRE_LIBREOFFICE=1
fi
python3 -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e '.[test]'
.venv/bin/ruff check .
.venv/bin/ruff format --check .
QT_QPA_PLATFORM=offscreen .venv/bin/python -m pytest -q "$@"
