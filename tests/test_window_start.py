"""The window starts without the libraries of the exports (issue 18): openpyxl, jinja2, docxtpl,
python-docx and Qt's PDF and print modules are imported when an export, a print or a PDF asks
for them, not when ``nianbao`` opens its window — nor the readers, the locator and the rules,
which the first open imports (in its reader thread).

Each case runs the real entry (``app.cli.main``) in a fresh interpreter, offscreen, and prints
``sys.modules`` once the window is shown (and, in the second case, once a DOCX has been read).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from conftest import ROOT

EXPORT_LIBRARIES = ("openpyxl", "jinja2", "docxtpl", "docx")
QT_ON_DEMAND = ("PySide6.QtPdf", "PySide6.QtPdfWidgets", "PySide6.QtPrintSupport")
READING = ("core.check", "core.locate", "core.readers", "core.session")  # imported by the first open

PROBE = """
import json, sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from gui import dialogs
from gui.app import application

dialogs.ask_restore = lambda *a, **k: False
dialogs.error = lambda parent, title, message: sys.stderr.write(message + chr(10))  # never a modal dialog
app = application()

def report():
    window = next(w for w in QApplication.topLevelWidgets() if w.isVisible() and hasattr(w, "review"))
    if len(sys.argv) > 1 and window.review.session is None and window._opening is not None:
        QTimer.singleShot(20, report)  # the draft is still being read in the background
        return
    print(json.dumps(sorted(sys.modules)))
    window.review.close()
    app.quit()

QTimer.singleShot(0, report)
from app.cli import main
raise SystemExit(main(sys.argv[1:]))
"""


def _modules_after_start(tmp_path, *args) -> set[str]:
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        HOME=str(tmp_path),
        XDG_CONFIG_HOME=str(tmp_path / "config"),
    )
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=ROOT,
        env=env,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return set(json.loads(done.stdout.strip().splitlines()[-1]))


def _loaded(modules: set[str], names) -> list[str]:
    return [n for n in names if n in modules or any(m.startswith(n + ".") for m in modules)]


def test_the_window_starts_without_the_export_libraries(tmp_path):
    pytest.importorskip("PySide6")
    modules = _modules_after_start(tmp_path)
    assert "gui.main_window" in modules  # the window really was made
    assert _loaded(modules, EXPORT_LIBRARIES + QT_ON_DEMAND + READING) == []


def test_reading_a_draft_imports_no_export_library(tmp_path, make_docx):
    pytest.importorskip("PySide6")
    path, _ = make_docx()
    modules = _modules_after_start(tmp_path, path)
    assert "core.locate" in modules  # the draft really was read
    assert _loaded(modules, ("openpyxl", "jinja2", "docxtpl") + QT_ON_DEMAND) == []
