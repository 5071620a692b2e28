#!/usr/bin/env bash
# Builds the onedir executables with PyInstaller (build.spec) and smoke-tests them from a folder
# whose path holds Chinese characters and spaces; prints size and start-up figures. CI runs this
# after the tests. Windows (PowerShell), from the project folder:
#   py -3.11 -m venv .venv; .venv\Scripts\pip install -e ".[build]"
#   .venv\Scripts\pyinstaller build.spec --noconfirm --distpath build\dist --workpath build\work
#   .venv\Scripts\python packaging\smoke_test.py build\dist\nianbao
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install -q -e '.[build]'
.venv/bin/pyinstaller build.spec --noconfirm --distpath build/dist --workpath build/work --log-level WARN
.venv/bin/python packaging/smoke_test.py build/dist/nianbao
.venv/bin/python bench/bench_exe.py build/dist/nianbao
