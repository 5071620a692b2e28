"""The bottom pane: the findings, filterable by severity and words.

GUI layer. Choosing a finding emits :attr:`FindingsView.finding_chosen`; the window selects its
cells in the grid and scrolls the report to them.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from gui import settings
from gui.findings_model import DIAGNOSIS_ROLE, FINDING_ROLE, STATUS_COLUMN, FindingsFilter, FindingsModel
from gui.review import Review


class FindingsView(QWidget):
    finding_chosen = Signal(object)
    context_menu_requested = Signal(object, object)  # (QMenu, Finding)
    diagnosis_chosen = Signal(object)  # a diagnosis row: which cell is wrong
    diagnosis_menu_requested = Signal(object, object)  # (QMenu, Diagnosis)

    def __init__(self, review: Review, parent=None):
        super().__init__(parent)
        self.model = FindingsModel(review, self)
        self.proxy = FindingsFilter(self)
        self.proxy.setSourceModel(self.model)

        self.severity = QComboBox(self)
        self.severity.addItems(["全部问题", "仅错误", "仅提示"])
        self.severity.setCurrentIndex(settings.get(settings.FINDINGS_FILTER))
        self.proxy.set_severity(self.severity.currentIndex())
        self.severity.currentIndexChanged.connect(self._severity_changed)
        self.status = QComboBox(self)
        self.status.setObjectName("findings-status")
        self.status.addItems(FindingsFilter.STATUSES)
        self.status.setCurrentIndex(min(settings.get(settings.FINDINGS_STATUS), len(FindingsFilter.STATUSES) - 1))
        self.proxy.set_status(self.status.currentIndex())
        self.status.currentIndexChanged.connect(self._status_changed)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText("筛选：输入表名、行名或规则…")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.proxy.set_words)
        self.count = QLabel(self)

        self.table = QTableView(self)
        self.table.setObjectName("findings")
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)  # decide several at once
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        for col, width in enumerate((56, 64, 260)):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(col, width)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(STATUS_COLUMN, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(STATUS_COLUMN, 200)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.table.clicked.connect(self._clicked)  # choosing the current row again shows it again
        # a diagnosis opens to the findings it explains: a click on its 「▸ 诊断」, a double-click elsewhere
        self.table.doubleClicked.connect(lambda index: index.column() != 0 and self._toggle(index))
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._context_menu)
        self.proxy.modelReset.connect(self._update_count)
        self.proxy.layoutChanged.connect(self._update_count)
        self.proxy.rowsInserted.connect(self._update_count)
        self.proxy.rowsRemoved.connect(self._update_count)

        bar = QHBoxLayout()
        bar.addWidget(QLabel("问题清单", self))
        bar.addWidget(self.severity)
        bar.addWidget(self.status)
        bar.addWidget(self.search, 1)
        bar.addWidget(self.count)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(bar)
        layout.addWidget(self.table)

    def _severity_changed(self, index: int) -> None:
        self.proxy.set_severity(index)
        settings.put(settings.FINDINGS_FILTER, index)
        self._update_count()

    def _status_changed(self, index: int) -> None:
        self.proxy.set_status(index)
        settings.put(settings.FINDINGS_STATUS, index)
        self._update_count()

    def _update_count(self, *_):
        entries = self.model.entries
        findings = sum(1 for e in entries if e.finding is not None)
        folded = sum(1 for e in entries if e.parent is not None and not self.model.is_open(e.parent))
        shown = sum(
            1
            for r in range(self.proxy.rowCount())
            if entries[self.proxy.mapToSource(self.proxy.index(r, 0)).row()].finding
        )
        text = f"显示 {shown} / {findings} 条问题"
        if folded and not self.proxy.status:
            text += f"（另有 {folded} 条归在诊断之下，点开诊断可见）"
        self.count.setText(text)

    def selected_rows(self) -> list[int]:
        """The findings selected (indices into the review's findings), the current one if none."""
        rows = {self.proxy.mapToSource(i).row() for i in self.table.selectionModel().selectedRows()}
        if not rows and self.table.currentIndex().isValid():
            rows = {self.proxy.mapToSource(self.table.currentIndex()).row()}
        found = {self.model.finding_index(r) for r in rows}  # a diagnosis row is no finding
        return sorted(i for i in found if i is not None)

    def _current_changed(self, current, _previous) -> None:
        finding = current.data(FINDING_ROLE) if current.isValid() else None
        if finding is not None:
            self.finding_chosen.emit(finding)
        diagnosis = current.data(DIAGNOSIS_ROLE) if current.isValid() else None
        if diagnosis is not None:
            self.diagnosis_chosen.emit(diagnosis)

    def _clicked(self, index) -> None:
        self._current_changed(index, None)
        if index.column() == 0:
            self._toggle(index)

    def current_finding(self):
        index = self.table.currentIndex()
        return index.data(FINDING_ROLE) if index.isValid() else None

    def current_diagnosis(self):
        index = self.table.currentIndex()
        return index.data(DIAGNOSIS_ROLE) if index.isValid() else None

    def _toggle(self, index) -> None:
        if not index.isValid() or index.data(DIAGNOSIS_ROLE) is None:
            return
        row = self.proxy.mapToSource(index).row()
        self.model.set_open(row, not self.model.is_open(row))
        self.proxy.refresh()
        self._update_count()

    def reveal(self, index: int):
        """The list's index of the review's finding number ``index``, opening the diagnosis it is
        listed under (invalid where the filter hides it)."""
        row = self.model.row_of(index)
        parent = self.model.entries[row].parent
        if parent is not None and not self.model.is_open(parent):
            self.model.set_open(parent, True)
            self.proxy.refresh()
            self._update_count()
        return self.proxy.mapFromSource(self.model.index(row, 0))

    def select_finding(self, finding) -> None:
        """Select a finding's row, opening the diagnosis it is listed under."""
        index = next((i for i, f in enumerate(self.model.findings) if f is finding), None)
        shown = self.reveal(index) if index is not None else None
        if shown is not None and shown.isValid():
            self.table.selectRow(shown.row())

    def select_row(self, row: int) -> None:
        if 0 <= row < self.proxy.rowCount():
            self.table.selectRow(row)

    def step(self, delta: int) -> None:
        rows = self.proxy.rowCount()
        if rows:
            current = self.table.currentIndex().row()
            self.select_row((current + delta) % rows if current >= 0 else 0)

    def _context_menu(self, pos) -> None:
        index = self.table.indexAt(pos)
        if not index.isValid():
            return
        if not self.table.selectionModel().isRowSelected(index.row(), index.parent()):
            self.table.selectRow(index.row())
        menu = QMenu(self)
        diagnosis = index.data(DIAGNOSIS_ROLE)
        if diagnosis is not None:
            opened = self.model.is_open(self.proxy.mapToSource(index).row())
            menu.addAction("收起所解释的问题" if opened else "展开所解释的问题", lambda: self._toggle(index))
            self.diagnosis_menu_requested.emit(menu, diagnosis)
        else:
            self.context_menu_requested.emit(menu, index.data(FINDING_ROLE))
        if not menu.isEmpty():
            menu.exec(self.table.viewport().mapToGlobal(pos))
