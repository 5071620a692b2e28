"""The findings list: a table model over the review's findings, and a filter on severity and text.

GUI layer.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QBrush

from core.limits import clip
from core.rules import ERROR, SEVERITY_ZH, Finding
from core.schema import cell_labels
from gui.review import Review
from gui.table_model import ERROR_BG, ERROR_FG, WARNING_BG, WARNING_FG

FINDING_ROLE = Qt.ItemDataRole.UserRole + 1
COLUMNS = ("级别", "表", "位置", "说明", "规则")


def place(finding: Finding) -> tuple[str, str]:
    """(table name, row·column) of a finding's first cell, for the list."""
    if not finding.cells:
        return "", ""
    table, row, col = cell_labels(finding.cells[0])
    if finding.rule == "TABLE-MISSING":
        return table, "整张表"
    return table, f"{row} · {col}"


_ROOT = QModelIndex()


class FindingsModel(QAbstractTableModel):
    def __init__(self, review: Review, parent=None):
        super().__init__(parent)
        self.review = review
        self.findings: list[Finding] = []
        review.findings_changed.connect(self.refresh)

    def refresh(self) -> None:
        self.beginResetModel()
        self.findings = list(self.review.session.findings) if self.review.session else []
        self.endResetModel()

    def rowCount(self, parent=_ROOT) -> int:
        return 0 if parent.isValid() else len(self.findings)

    def columnCount(self, parent=_ROOT) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(COLUMNS)
        ):
            return COLUMNS[section]
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.findings):
            return None
        f = self.findings[index.row()]
        col = index.column()
        if role == FINDING_ROLE:
            return f
        if role == Qt.ItemDataRole.DisplayRole:
            table, where = place(f)
            return (SEVERITY_ZH[f.severity], table, where, clip(f.message, 500), f.rule)[col]
        if role == Qt.ItemDataRole.ToolTipRole:
            return clip(f.message)
        if col == 0 and role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(ERROR_BG if f.severity == ERROR else WARNING_BG)
        if col == 0 and role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(ERROR_FG if f.severity == ERROR else WARNING_FG)
        if col == 0 and role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None


class FindingsFilter(QSortFilterProxyModel):
    """Rows of one severity (or all) whose text contains the search words."""

    ALL, ERRORS, WARNINGS = 0, 1, 2

    def __init__(self, parent=None):
        super().__init__(parent)
        self.severity = self.ALL
        self.words = ""

    def _refilter(self, change) -> None:
        if hasattr(self, "beginFilterChange"):  # Qt 6.10 and later
            self.beginFilterChange()
            change()
            self.endFilterChange()
        else:
            change()
            self.invalidateFilter()

    def set_severity(self, severity: int) -> None:
        self._refilter(lambda: setattr(self, "severity", severity))

    def set_words(self, words: str) -> None:
        self._refilter(lambda: setattr(self, "words", words.strip()))

    def filterAcceptsRow(self, source_row: int, source_parent) -> bool:
        f = self.sourceModel().findings[source_row]
        if self.severity == self.ERRORS and f.severity != ERROR:
            return False
        if self.severity == self.WARNINGS and f.severity == ERROR:
            return False
        if self.words:
            haystack = f"{f.message} {f.rule} {' '.join(place(f))}"
            return all(w in haystack for w in self.words.split())
        return True
