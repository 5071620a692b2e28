"""The batch view: many drafts checked at once, one row per report; open any for review.

GUI layer. Checking runs off the UI thread (gui/background.py, around
:func:`core.check.check_files`, which itself uses worker processes for a large batch); the rows
fill in when it is done; closing the view (or quitting) stops the check after the files being
checked. Reports of the same agency from consecutive years are paired by the core, as on the
command line. The 「汇总」 tab adds the reports up (:mod:`gui.sum_view`).
"""

from __future__ import annotations

import threading
from functools import partial
from pathlib import Path

from PySide6.QtCore import QRect, Qt, Signal
from PySide6.QtGui import QBrush, QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from core.check import Cancelled, CheckResult, check_files, decide_from_store
from core.decisions import REVIEW_STATES, DecisionSet, DecisionStore
from core.errors import ReadError
from core.outputs import OutputError
from core.presentation import result_status
from core.session import file_sha256
from core.xlsx import write_workbook
from gui import dialogs
from gui.background import run_in_thread
from gui.sum_view import SumPanel
from gui.table_model import ERROR_BG, ERROR_FG

COLUMNS = ("文件", "机关", "年度", "错误", "提示", "状态", "审核状态")
REVIEW_COLUMN = 6


def _check(files: list[str], store: DecisionStore | None, cancel: threading.Event) -> list[CheckResult] | None:
    """The batch's check, in its own thread; never raises (the view must never wait for ever:
    every file is answered). None when ``cancel`` stopped it (the view was closed)."""
    try:
        results = check_files(files, cancel=cancel)
        if store is not None:  # the decisions and review state the window recorded
            decide_from_store(results, store, default=DecisionSet())
        return results
    except Cancelled:
        return None
    except Exception as err:
        return [CheckResult(file=f, error=ReadError("internal", Path(f).name, type(err).__name__)) for f in files]


STATUS_WIDTH = 320  # pixels at most for the 状态 column


class BatchWindow(QWidget):
    open_requested = Signal(str)
    finished = Signal()

    def __init__(self, files: list[str], parent=None, store: DecisionStore | None = None):
        super().__init__(parent, Qt.WindowType.Window)
        self.store = store
        self.setWindowTitle(f"批量检查（{len(files)} 份报告）- 年报校核")
        self._fit_to_screen()
        self.files = files
        self.results: list[CheckResult] = []
        self._cancel = threading.Event()  # set when the view is closed: the check stops
        self.status = QLabel(f"正在检查 {len(files)} 份报告……", self)
        self.table = QTableWidget(0, len(COLUMNS), self)
        self.table.setObjectName("batch")
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.doubleClicked.connect(lambda index: self.open_row(index.row()))
        self.open_button = QPushButton("打开所选报告审核", self)
        self.open_button.clicked.connect(lambda: self.open_row(self.table.currentRow()))
        self.export_button = QPushButton("导出检查结果 Excel…", self)
        self.export_button.clicked.connect(self.export)
        self.state_buttons = {}
        for state, label in REVIEW_STATES.items():
            button = QPushButton(f"标为{label}", self)
            button.clicked.connect(lambda _=False, s=state: self.set_review_state(self.table.currentRow(), s))
            self.state_buttons[state] = button
        for button in (self.open_button, self.export_button, *self.state_buttons.values()):
            button.setEnabled(False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        for button in self.state_buttons.values():
            buttons.addWidget(button)
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.export_button)
        self.sum_panel = SumPanel(self)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self.table, "逐份检查")
        self.tabs.addTab(self.sum_panel, "汇总")
        self.tabs.setTabEnabled(1, False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addLayout(buttons)

    def start(self) -> None:
        run_in_thread(partial(_check, self.files, self.store, self._cancel), self._show, stop=self._cancel.set)

    def closeEvent(self, event) -> None:
        self._cancel.set()  # nobody will see the rows: stop checking
        super().closeEvent(event)

    def _show(self, results: list[CheckResult] | None) -> None:
        if results is None:  # stopped: the view was closed
            return
        self.results = results
        self.table.setRowCount(len(results))
        for row, r in enumerate(results):
            meta = r.report.meta if r.report else None
            status = result_status(r)
            if r.report is not None and r.report.previous is not None:
                status += "（已对照上年）"
            if r.dismissed:
                status += f"（已忽略 {r.dismissed} 处）"
            review = REVIEW_STATES[r.decisions.review_state] if r.decisions else ""
            counts = ("-", "-") if r.error else (r.errors, r.warnings)  # not "0 errors": it was not checked
            values = (Path(r.file).name, meta and meta.agency, meta and meta.year, *counts, status, review)
            for col, value in enumerate(values):
                item = QTableWidgetItem("" if value is None else str(value))
                if col in (2, 3, 4):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                if col == 5:
                    item.setToolTip(str(value))
                if col == 5 and (r.error or r.open_errors):
                    item.setBackground(QBrush(ERROR_BG))
                    item.setForeground(QBrush(ERROR_FG))
                self.table.setItem(row, col, item)
        self.table.resizeColumnsToContents()
        # a long 无法读取 message is in the tooltip; it must not push 审核状态 off the window
        self.table.setColumnWidth(5, min(self.table.columnWidth(5), STATUS_WIDTH))
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)  # sized to contents above; let 状态 take the rest again
        header.setStretchLastSection(True)
        errors = sum(r.errors for r in results)
        unread = sum(1 for r in results if not r.ok)
        self.status.setText(
            f"共 {len(results)} 份报告：{errors} 处错误，{sum(r.warnings for r in results)} 处提示"
            + (f"，{unread} 份无法读取" if unread else "")
            + "。双击一行打开审核。"
        )
        for button in (self.open_button, self.export_button):
            button.setEnabled(True)
        self.sum_panel.set_results(results)
        self.tabs.setTabEnabled(1, True)
        for button in self.state_buttons.values():
            button.setEnabled(self.store is not None)
        self.finished.emit()

    def _fit_to_screen(self) -> None:
        """As large as the screen allows, up to 1400×850, like the main window."""
        screen = self.screen() or QGuiApplication.primaryScreen()
        available = screen.availableGeometry() if screen else QRect(0, 0, 1366, 728)
        self.resize(min(1400, available.width() - 60), min(850, available.height() - 80))

    def set_review_state(self, row: int, state: str) -> bool:
        """待审 / 退回修改 / 通过 for one report, kept with its decisions."""
        if self.store is None or not 0 <= row < len(self.results) or not self.results[row].ok:
            return False
        r = self.results[row]
        current = r.decisions or DecisionSet()
        r.decisions = DecisionSet(current.decisions, state)
        try:
            self.store.save(file_sha256(Path(r.file)), r.file, r.decisions)
        except OSError as err:
            dialogs.error(self, "无法保存审核状态", f"无法保存：{err.strerror or err}")
            return False
        self.table.setItem(row, REVIEW_COLUMN, QTableWidgetItem(REVIEW_STATES[state]))
        return True

    def open_row(self, row: int) -> None:
        if 0 <= row < len(self.results) and self.results[row].ok:
            self.open_requested.emit(self.results[row].file)

    def export(self) -> Path | None:
        out = dialogs.save_file(
            self, "导出检查结果 Excel", str(Path(self.files[0]).parent / "批量检查结果.xlsx"), "Excel 工作簿 (*.xlsx)"
        )
        if not out:
            return None
        try:
            write_workbook(self.results, out, inputs=self.files)  # refuses any of the reports
        except OutputError as err:
            dialogs.error(self, "无法导出", err.message)
            return None
        self.status.setText(f"已导出：{out}")
        return Path(out)
