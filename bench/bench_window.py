"""Benchmark: opening a typical report in the window, and re-colouring after an edit.

Offscreen Qt. Prints the median time to build the window, open a typical report and paint it
beside its floors, measured in the same interleaved rounds — a bare QMainWindow with one table
widget, and a QMainWindow with a widget tree like the window's own (menus, a toolbar, two
splitters, the report's text in a QTextBrowser, three filled tables in tabs, a findings table
under its filter bar, a status bar: plain Qt widgets, no nianbao) — the whole
`nianbao --screenshot` process beside a process doing the same with each floor (issue 18: ≤ 2.5×
the bare-window floor), with each process's CPU time, and the median time from an edit in the
grid to the repainted cells (target one frame, 16 ms). The checkout is compiled first: the
processes run from bytecode, as installed and as built, even under PYTHONDONTWRITEBYTECODE.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_window.py
"""

from __future__ import annotations

import os
import resource
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
from PySide6.QtWidgets import QApplication, QMainWindow, QTableWidget, QWidget  # noqa: E402

import fixturegen  # noqa: E402
from core.autosave import AutosaveStore  # noqa: E402
from gui import dialogs  # noqa: E402
from gui.app import application, wait_opened  # noqa: E402
from gui.main_window import MainWindow  # noqa: E402

ROUNDS = 7

# The same work as `nianbao --screenshot` without nianbao: start, show a window of the same size
# with a table, paint it and write the picture as PNG.
BARE_WINDOW = (
    "import sys\n"
    "from PySide6.QtWidgets import QApplication, QMainWindow, QTableWidget\n"
    "app = QApplication([]); w = QMainWindow(); w.setCentralWidget(QTableWidget(30, 10)); w.resize(1366, 768)\n"
    "w.show(); app.processEvents(); w.grab().save(sys.argv[1], 'PNG')"
)

# A window as rich as nianbao's, in plain Qt widgets: what Qt itself costs to show that many
# widgets and that much text (``build(text)``; as a process, the same work as `--screenshot`).
COMPARABLE = """
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QComboBox, QHBoxLayout, QLabel, QLineEdit, QMainWindow, QSplitter,
    QTableWidget, QTableWidgetItem, QTabWidget, QTextBrowser, QVBoxLayout, QWidget)
def table(rows, cols):
    t = QTableWidget(rows, cols)
    for r in range(rows):
        for c in range(cols):
            t.setItem(r, c, QTableWidgetItem(str(r * cols + c)))
    return t
def build(text):
    w = QMainWindow()
    for title, n in (("文件(&F)", 12), ("编辑(&E)", 6), ("审核(&R)", 4), ("帮助(&H)", 1)):
        menu = w.menuBar().addMenu(title)
        for i in range(n):
            menu.addAction(f"菜单项{i}")
    bar = w.addToolBar("常用")
    bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
    for i in range(13):
        bar.addAction(f"按钮{i}")
    source = QTabWidget()
    browser = QTextBrowser()
    browser.setPlainText(text)
    source.addTab(browser, "报告内容")
    grid = QTabWidget()
    for name, rows, cols in (("表二", 14, 4), ("表三", 28, 10), ("表四", 4, 15)):
        grid.addTab(table(rows, cols), name)
    grid.setCurrentIndex(1)
    top = QSplitter(Qt.Orientation.Horizontal)
    top.addWidget(source)
    top.addWidget(grid)
    findings = QWidget()
    column = QVBoxLayout(findings)
    row = QHBoxLayout()
    for widget in (QLabel("问题清单"), QComboBox(), QComboBox(), QLineEdit(), QLabel("显示 7 条问题")):
        row.addWidget(widget)
    column.addLayout(row)
    column.addWidget(table(7, 6))
    main = QSplitter(Qt.Orientation.Vertical)
    main.addWidget(top)
    main.addWidget(findings)
    w.setCentralWidget(main)
    w.statusBar().addPermanentWidget(QLabel("报告.docx"))
    w.statusBar().addPermanentWidget(QLabel("待处理：3 处错误"))
    return w
"""
COMPARABLE_PROCESS = (
    "import sys\n"
    "from PySide6.QtWidgets import QApplication\n"
    "app = QApplication([])\n"
    + COMPARABLE
    + "w = build(open(sys.argv[2], encoding='utf-8').read()); w.resize(1366, 768)\n"
    "w.show(); app.processEvents(); w.grab().save(sys.argv[1], 'PNG')"
)


def report_text(path: Path) -> str:
    """The report's text for the floor's QTextBrowser: its paragraphs, and its tables row by row."""
    from core.check import read_report
    from core.document import Paragraph

    lines = []
    for block in read_report(path).document.blocks:
        if isinstance(block, Paragraph):
            lines.append(block.text)
        else:
            lines += ["  ".join(cell.text for cell in row) for row in block.rows]
    return "\n".join(lines)


def children_cpu() -> float:
    """CPU seconds (user + system) of this process's finished children."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def main() -> None:
    from bench_start import compile_checkout

    compile_checkout(ROOT)  # the processes run from bytecode, as installed and as built (docs/start.md)
    folder = Path(tempfile.mkdtemp(prefix="nianbao-bench-"))
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder / "settings"))
    dialogs.ask_restore = lambda *a: False
    dialogs.ask_close = lambda *a: dialogs.DISCARD
    typical = fixturegen.build_docx(folder / "typical.docx", fixturegen.make_spec())
    text = report_text(typical)
    (folder / "typical.txt").write_text(text, encoding="utf-8")
    app = application()
    comparable: dict = {}
    exec(COMPARABLE, comparable)

    def bare() -> QMainWindow:
        window = QMainWindow()
        window.setCentralWidget(QTableWidget(30, 10))
        return window

    makers = {
        "nianbao": lambda: MainWindow(AutosaveStore(folder / "autosave")),
        "bare": bare,
        "comparable": lambda: comparable["build"](text),
    }

    def shown(name: str) -> float:
        start = time.perf_counter()
        window = makers[name]()
        window.resize(1600, 1000)
        window.show()
        if name == "nianbao":
            assert wait_opened(window.open_path(typical))  # read in the background
        app.processEvents()
        window.grab()  # forces a full paint of every visible part
        elapsed = time.perf_counter() - start
        widgets[name] = len(window.findChildren(QWidget))
        window.close()
        window.deleteLater()
        app.processEvents()
        return elapsed

    widgets: dict[str, int] = {}
    times: dict[str, list[float]] = {name: [] for name in makers}
    for _ in range(ROUNDS):  # interleaved: the window, then its floors, round after round
        for name in makers:
            times[name].append(shown(name))

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
    processes = {
        "nianbao": [sys.executable, "-m", "app.cli", "--screenshot", str(folder / "shot.png"), str(typical)],
        "bare": [sys.executable, "-c", BARE_WINDOW, str(folder / "bare.png")],
        "comparable": [sys.executable, "-c", COMPARABLE_PROCESS, str(folder / "like.png"), str(folder / "typical.txt")],
    }
    wall: dict[str, list[float]] = {name: [] for name in processes}
    cpu: dict[str, list[float]] = {name: [] for name in processes}
    for _ in range(ROUNDS):  # interleaved
        for name, argv in processes.items():
            start, used = time.perf_counter(), children_cpu()
            subprocess.run(argv, check=True, capture_output=True, cwd=ROOT)
            wall[name].append(time.perf_counter() - start)
            cpu[name].append(children_cpu() - used)

    def ms(runs: dict[str, list[float]], name: str) -> float:
        return statistics.median(runs[name]) * 1000

    print(
        f"medians of {ROUNDS} interleaved rounds; widgets in the window: nianbao {widgets['nianbao']}, "
        f"comparable floor {widgets['comparable']}, bare floor {widgets['bare']}"
    )
    floors = {
        "bare": ("bare QMainWindow with a table", "a process showing a bare QMainWindow with a table, as PNG"),
        "comparable": ("a widget tree like nianbao's", "a process showing a widget tree like nianbao's, as PNG"),
    }
    for name, (label, _) in floors.items():
        print(ratio_line("open typical report and paint window", ms(times, "nianbao"), label, ms(times, name)))
    for name, (_, label) in floors.items():
        print(ratio_line("whole `nianbao --screenshot` process", ms(wall, "nianbao"), label, ms(wall, name)))
        print(
            f"    ratio {ms(wall, 'nianbao') / ms(wall, name):.3f} (wall); CPU of the processes "
            f"{ms(cpu, 'nianbao'):.0f} ms against {ms(cpu, name):.0f} ms: {ms(cpu, 'nianbao') / ms(cpu, name):.3f}"
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
