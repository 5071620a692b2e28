"""Core tests need no Qt: tests/without_qt.py runs them with PySide6, pytest-qt and gui unimportable,
as on a machine without them. Here: every core test module is collected that way, a few run, and
a core test that reaches for Qt fails. ``python tests/without_qt.py -q`` runs all of them."""

from __future__ import annotations

import subprocess
import sys

from conftest import ROOT
from without_qt import core_modules

RUNNER = ROOT / "tests" / "without_qt.py"


def without_qt(*args) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(RUNNER), *map(str, args)], capture_output=True, text=True, encoding="utf-8", cwd=ROOT
    )


def test_every_core_test_module_is_collected_without_qt():
    proc = without_qt("--collect-only", "-q")
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    collected = {line.split("::")[0] for line in proc.stdout.splitlines() if "::" in line}
    assert collected == {f"tests/{p.name}" for p in core_modules()}
    assert "tests/test_rule_table.py" in collected and "tests/test_window.py" not in collected


def test_core_tests_pass_without_qt():
    proc = without_qt(
        "-q", *(ROOT / "tests" / n for n in ("test_presentation.py", "test_cell_id.py", "test_columns.py"))
    )
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    assert "deselected" in proc.stdout.splitlines()[-1]  # test_cell_id's window test asks for qtbot


def test_a_core_test_that_reaches_for_qt_fails(tmp_path):
    probe = tmp_path / "test_probe.py"
    probe.write_text("def test_probe():\n    from core.check import check_file\n    import PySide6\n", encoding="utf-8")
    proc = without_qt("-q", probe)
    assert proc.returncode == 1 and "Qt is blocked for the core tests" in proc.stdout, proc.stdout[-3000:]
