#!/usr/bin/env bash
# Sets up a fresh machine for the tests and runs them: a virtual environment with the project
# and its test extras, then ruff and pytest (headless Qt). CI runs exactly this (.ci/run).
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e '.[test]'
.venv/bin/ruff check .
.venv/bin/ruff format --check .
QT_QPA_PLATFORM=offscreen .venv/bin/python -m pytest -q "$@"
