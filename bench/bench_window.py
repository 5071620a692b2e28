"""Benchmark: opening a typical report in the window, and re-colouring after an edit.

Offscreen Qt. Prints the median time to build the window, open a typical report and paint it
beside its floor measured in the same run — a bare QMainWindow with a table widget of the same size
shown and painted (issue 18: ≤ 2.5× that floor) — the whole `nianbao --screenshot` process for
comparison, and the median time from an edit in the grid to the repainted cells (target one
frame, 16 ms).

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_window.py
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent

from bench_check import ratio_line  # noqa: E402
from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtWidgets import QApplication, QMainWindow, QTableWidget  # noqa: E402

import fixturegen  # noqa: E402
from core.autosave import AutosaveStore  # noqa: E402
from gui import dialogs  # noqa: E402
from gui.app import application, wait_opened  # noqa: E402
from gui.main_window import MainWindow  # noqa: E402

# The same work as `nianbao --screenshot` without nianbao: start, show a window of the same size
# with a table, paint it and write the picture as PNG.
BARE_WINDOW = (
    "import sys\n"
    "from PySide6.QtWidgets import QApplication, QMainWindow, QTableWidget\n"
    "app = QApplication([]); w = QMainWindow(); w.setCentralWidget(QTableWidget(30, 10)); w.resize(1366, 768)\n"
    "w.show(); app.processEvents(); w.grab().save(sys.argv[1], 'PNG')"
)


def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="nianbao-bench-"))
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder / "settings"))
    dialogs.ask_restore = lambda *a: False
    dialogs.ask_close = lambda *a: dialogs.DISCARD
    typical = fixturegen.build_docx(folder / "typical.docx", fixturegen.make_spec())
    app = application()

    open_times = []
    for _ in range(7):
        start = time.perf_counter()
        window = MainWindow(AutosaveStore(folder / "autosave"))
        window.resize(1600, 1000)
        window.show()
        assert wait_opened(window.open_path(typical))  # read in the background
        app.processEvents()
        window.grab()  # forces a full paint of every visible part
        open_times.append(time.perf_counter() - start)
        window.close()
        window.deleteLater()
        app.processEvents()

    floor_times = []
    for _ in range(7):
        start = time.perf_counter()
        bare = QMainWindow()
        bare.setCentralWidget(QTableWidget(30, 10))
        bare.resize(1600, 1000)
        bare.show()
        app.processEvents()
        bare.grab()
        floor_times.append(time.perf_counter() - start)
        bare.close()
        bare.deleteLater()
        app.processEvents()

    window = MainWindow(AutosaveStore(folder / "autosave"))
    window.resize(1600, 1000)
    window.show()
    assert wait_opened(window.open_path(typical))
    view = window.grid_view.views["requests"]
    model = window.grid_view.models["requests"]
    window.grid_view.setCurrentWidget(view)
    app.processEvents()
    index = model.index_of("requests.granted.natural")
    original = index.data()
    edit_times, full_times = [], []
    for i in range(41):
        start = time.perf_counter()
        model.setData(index, str(int(original) + 1 + i % 2))
        app.processEvents()  # the update the edit scheduled: only the changed cells are repainted
        edit_times.append((time.perf_counter() - start) * 1000)
        start = time.perf_counter()
        view.viewport().repaint()  # for comparison: every visible cell of the grid
        full_times.append((time.perf_counter() - start) * 1000)
    window.review.undo_stack.clear()
    window.close()

    # `python -m app.cli` is the `nianbao` command, run on this checkout's code
    command = [sys.executable, "-m", "app.cli"]
    whole, bare_process = [], []
    for _ in range(7):
        start = time.perf_counter()
        subprocess.run(
            [*command, "--screenshot", str(folder / "shot.png"), str(typical)],
            check=True,
            capture_output=True,
            cwd=ROOT,
        )
        whole.append(time.perf_counter() - start)
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", BARE_WINDOW, str(folder / "bare.png")], check=True, capture_output=True)
        bare_process.append(time.perf_counter() - start)

    print(
        ratio_line(
            "open typical report and paint window",
            statistics.median(open_times) * 1000,
            "bare QMainWindow with a table, shown and painted",
            statistics.median(floor_times) * 1000,
        )
    )
    print(
        ratio_line(
            "whole `nianbao --screenshot` process",
            statistics.median(whole) * 1000,
            "a process showing a bare QMainWindow with a table, saving it as PNG",
            statistics.median(bare_process) * 1000,
        )
    )
    print(
        f"edit -> re-check -> repaint changed:   median {statistics.median(edit_times):6.1f} ms, "
        f"max {max(edit_times):5.1f} ms (target < 16 ms)"
    )
    print(f"full repaint of the visible grid:      median {statistics.median(full_times):6.1f} ms")
    QApplication.processEvents()
    shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
